/**
 * Page tests answer wx.cloud.callFunction by `function.action`, as the functions would; any
 * other call fails the test. The only mock a page test needs besides a few wx APIs.
 */
import { wxMock, type CallFunctionParam } from '../helpers/simulate';

export type Handler = (data: Record<string, unknown>) => unknown;

/** Each handler answers the whole envelope ({ ok, data } or { ok: false, error }). */
export function route(handlers: Record<string, Handler>): jest.Mock {
  const mock = jest.fn(async ({ name, data }: CallFunctionParam) => {
    const handler = handlers[`${name}.${String(data.action)}`];
    if (!handler) throw new Error(`unexpected call ${name}.${String(data.action)}`);
    return { errMsg: 'cloud.callFunction:ok', result: handler(data), requestID: 'test' };
  });
  wxMock().cloud.callFunction = mock;
  return mock;
}

/**
 * Each handler answers the data (wrapped as { ok: true, data }), an envelope as it is, or an
 * Error: the call itself fails, as when the network does.
 */
export function routeAnswers(handlers: Record<string, Handler>): jest.Mock {
  const mock = jest.fn(async ({ name, data }: CallFunctionParam) => {
    const key = `${name}.${String(data.action)}`;
    const handler = handlers[key];
    if (!handler) throw new Error(`unexpected call ${key}`);
    const answer = await handler(data);
    if (answer instanceof Error) throw Object.assign(answer, { errMsg: answer.message });
    const result =
      typeof answer === 'object' && answer !== null && 'ok' in answer ? answer : { ok: true, data: answer };
    return { errMsg: 'cloud.callFunction:ok', result, requestID: 'test' };
  });
  wxMock().cloud.callFunction = mock;
  return mock;
}

/** A handler answering `data` successfully. */
export const ok = (data: unknown) => () => ({ ok: true, data });
