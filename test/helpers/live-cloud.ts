/**
 * For page tests that render real function data: routes the page's
 * wx.cloud.callFunction to the built functions running on a private local cloud, as the
 * given WeChat user — the whole path page → typed client → function → stand-in.
 */
import { wxMock } from './simulate';

/** The part of test/helpers/cloud.ts's TestCloud page tests use. */
export interface LiveCloud {
  call(fn: string, event: unknown, options: { openid?: string; now?: Date }): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The functions are built by the pages project's globalSetup. Loaded at run time so the
 * pages' type check (mini-program typings) does not type-check the Node-side local cloud.
 */
export function startLiveCloud(): Promise<LiveCloud> {
  const { startTestCloud } = jest.requireActual<{ startTestCloud: () => Promise<LiveCloud> }>('./cloud');
  return startTestCloud();
}

export function actAs(cloud: LiveCloud, openid: string): jest.Mock {
  const callFunction = jest.fn(async ({ name, data }: { name: string; data?: unknown }) => ({
    errMsg: 'cloud.callFunction:ok',
    // Over the wire, as on a phone: the answer arrives as JSON parsed in the page's realm
    // (objects handed over from the runner's worker threads belong to another realm).
    result: JSON.parse(JSON.stringify(await cloud.call(name, data ?? {}, { openid }))) as unknown,
    requestID: 'live',
  }));
  wxMock().cloud.callFunction = callFunction;
  return callFunction;
}
