/**
 * WeChat open API calls (content security, subscribe messages) through wx-server-sdk's
 * `cloud.openapi`, the documented way for cloud functions: it authenticates as the
 * mini-program without an access token. Each function lists the APIs it uses in its
 * config.json permissions.openapi.
 */
import cloud from 'wx-server-sdk';

let initialised = false;

function openapi(): Record<string, Record<string, (params: object) => Promise<Record<string, unknown>>>> {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
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
  const answer = await openapi().security!.msgSecCheck!({ version: 2, ...params });
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
  const answer = await openapi().security!.mediaCheckAsync!({
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
  await openapi().subscribeMessage!.send!({
    ...params,
    miniprogramState: process.env.MINIPROGRAM_STATE ?? 'formal',
  });
}
