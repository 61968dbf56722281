/**
 * Who a function invocation runs as, and the environment the platform would give it.
 * The SDKs read caller identity from process.env on every call, so each invocation runs
 * in a worker thread of its own (worker threads copy process.env) and one at a time per
 * worker, like one SCF instance serving one request.
 */
export interface InvocationIdentity {
  /** The caller's OPENID; absent for timers and function-to-function calls. */
  openid?: string;
  appid?: string;
  unionid?: string;
  /**
   * SOURCE, as getWXContext documents it: wx_client (mini-program), wx_devtools (DevTools),
   * wx_client,scf (another function, after a mini-program call), wx_trigger (timer
   * trigger), wx_http (WeChat's HTTP API); WeChat's message push is undocumented and
   * modelled as wx_unknown (local/cloudbase/README.md).
   */
  source: InvocationSource;
}

export type InvocationSource =
  'wx_client' | 'wx_devtools' | 'wx_client,scf' | 'wx_trigger' | 'wx_http' | 'wx_unknown' | (string & {});

export interface PlatformEnvOptions {
  adminUrl: string;
  envId: string;
  invocationId: string;
  identity: InvocationIdentity;
  /** Environment variables configured for the function (template ids, ...). */
  functionEnv?: Record<string, string>;
}

export const DEFAULT_APPID = 'wx00000000localdemo';

/** The variables a CloudBase function sees, pointed at the local stand-in. */
export function platformEnv(options: PlatformEnvOptions): Record<string, string> {
  const { identity } = options;
  const env: Record<string, string> = {
    ...options.functionEnv,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: options.adminUrl }),
    // Nobody verifies signatures locally, but the SDK insists on having keys.
    TENCENTCLOUD_SECRETID: 'AKIDlocalstandin',
    TENCENTCLOUD_SECRETKEY: 'local-standin-key',
    // Skip the metadata-server probe: the machine is hermetic.
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: options.envId,
    SILENCE: 'true',
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SOURCE,TCB_SEQID',
    TCB_ENV: options.envId,
    TCB_SOURCE: identity.source,
    // The SDK prefixes every request's seqId with this, so the stand-in can count an
    // invocation's database round trips.
    TCB_SEQID: options.invocationId,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    WX_OPENID: identity.openid ?? '',
    WX_APPID: identity.openid ? (identity.appid ?? DEFAULT_APPID) : '',
    WX_UNIONID: identity.unionid ?? '',
  };
  return env;
}

/** The event as the platform delivers a mini-program call: with userInfo injected. */
export function platformEvent(event: unknown, identity: InvocationIdentity): unknown {
  if (identity.source !== 'wx_client' || !identity.openid) return event;
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return event;
  return { ...event, userInfo: { appId: identity.appid ?? DEFAULT_APPID, openId: identity.openid } };
}
