/**
 * WeChat open API calls (content security, subscribe messages) through wx-server-sdk's
 * `cloud.openapi`, the documented way for cloud functions: it authenticates as the
 * mini-program without an access token. Each function lists the APIs it uses in its
 * config.json permissions.openapi.
 */
import type WxServerSdkModule from 'wx-server-sdk';
import { fanoutTag } from './cloud';

type OpenApi = Record<string, Record<string, (params: object) => Promise<Record<string, unknown>>>>;
type WxServerSdk = typeof WxServerSdkModule;

let loading: Promise<WxServerSdk> | undefined;

/**
 * wx-server-sdk costs about as much to load as @cloudbase/node-sdk: it is loaded on the
 * first open API call of an instance, so actions that never call WeChat start faster.
 * Promises hold the SDK, never `cloud.openapi`: that is a proxy answering every property,
 * `then` included, so resolving a promise with it would call an API named "then".
 */
function loadSdk(): Promise<WxServerSdk> {
  loading ??= import('wx-server-sdk').then(({ default: cloud }) => {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    return cloud;
  });
  // A failed load is not remembered: the next call tries again.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** A wx-server-sdk instance whose requests carry the current fan-out's tag (shared/cloud.ts). */
let tagged: { tag: string; cloud: WxServerSdk } | undefined;

/** The SDK to call with: inside a fan-out, one tagged as it (the same environment and credentials). */
async function sdkForCall(): Promise<WxServerSdk> {
  const cloud = await loadSdk();
  const tag = fanoutTag();
  if (!tag) return cloud;
  if (tagged?.tag !== tag) {
    // createNewInstance: wx-server-sdk's own way to a second, separately configured instance.
    const create = (cloud as unknown as { createNewInstance(config: object): WxServerSdk }).createNewInstance;
    tagged = { tag, cloud: create({ env: cloud.DYNAMIC_CURRENT_ENV, context: { eventID: tag } }) };
  }
  return tagged.cloud;
}

function openapi(cloud: WxServerSdk): OpenApi {
  return cloud.openapi as never;
}

/** A WeChat error: wx-server-sdk throws `{ errCode, errMsg }` when errcode ≠ 0. */
export function wechatErrorCode(error: unknown): number | undefined {
  const code = (error as { errCode?: unknown } | null)?.errCode;
  return typeof code === 'number' ? code : undefined;
}

export interface MsgSecCheckResult {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
}

/** security.msgSecCheck v2. scene: 1 profile, 2 comment, 3 forum, 4 social log. */
export async function msgSecCheck(params: {
  openid: string;
  scene: 1 | 2 | 3 | 4;
  content: string;
  title?: string;
}): Promise<MsgSecCheckResult> {
  const answer = await openapi(await sdkForCall()).security!.msgSecCheck!({ version: 2, ...params });
  const result = answer.result as MsgSecCheckResult | undefined;
  if (!result) throw new Error('msgSecCheck answered without a result');
  return result;
}

/** security.mediaCheckAsync v2: the verdict arrives later as a wxa_media_check event. */
export async function mediaCheckAsync(params: {
  openid: string;
  scene: 1 | 2 | 3 | 4;
  mediaUrl: string;
}): Promise<string> {
  const answer = await openapi(await sdkForCall()).security!.mediaCheckAsync!({
    version: 2,
    mediaType: 2,
    mediaUrl: params.mediaUrl,
    openid: params.openid,
    scene: params.scene,
  });
  const traceId = answer.traceId;
  if (typeof traceId !== 'string') throw new Error('mediaCheckAsync answered without a trace id');
  return traceId;
}

export async function sendSubscribeMessage(params: {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}): Promise<void> {
  await openapi(await sdkForCall()).subscribeMessage!.send!({
    ...params,
    miniprogramState: process.env.MINIPROGRAM_STATE ?? 'formal',
  });
}
