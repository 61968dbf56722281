/**
 * The caller of an invocation, from the platform context only (never the request body):
 * OPENID/APPID via the SDK's auth context, SOURCE via the CloudBase context.
 */
import tcb from '@cloudbase/node-sdk';
import { cloudApp, collection } from './cloud';
import type { ResidentDoc } from './docs';

export interface Caller {
  /** Null for timers and function-to-function calls made without a user. */
  openid: string | null;
  appid: string | null;
  /** e.g. "wx_client" for the mini-program, "wx_client,scf" for another function. */
  source: string;
  /** True when another cloud function or a trigger made the call. */
  isSystem: boolean;
  resident: ResidentDoc | null;
}

export async function findResidentByOpenid(openid: string): Promise<ResidentDoc | null> {
  const { data } = await collection('residents').where({ openid }).limit(1).get();
  return (data[0] as ResidentDoc | undefined) ?? null;
}

export async function loadCaller(options: { withResident: boolean }): Promise<Caller> {
  const { openId, appId } = cloudApp().auth().getUserInfo();
  const source = String(tcb.getCloudbaseContext().TCB_SOURCE ?? '');
  const openid = openId || null;
  const resident = options.withResident && openid ? await findResidentByOpenid(openid) : null;
  return {
    openid,
    appid: appId || null,
    source,
    isSystem: source.split(',').includes('scf') || source === 'wx_trigger',
    resident,
  };
}
