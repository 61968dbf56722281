/**
 * WeChat's calling convention for asynchronous APIs: with success/fail/complete callbacks
 * the callbacks run (and nothing is returned); without them a Promise is returned. Results
 * carry `errMsg: "<name>:ok"`; failures are plain objects with `errMsg: "<name>:fail ..."`,
 * as in WeChat (not Error instances).
 */
export type Options = Record<string, unknown> & {
  success?: (result: unknown) => void;
  fail?: (error: unknown) => void;
  complete?: (result: unknown) => void;
};

export interface WxFail {
  errMsg: string;
  errno?: number;
  errCode?: number;
}

export function fail(name: string, reason: string, extra: Record<string, unknown> = {}): WxFail {
  return { errMsg: `${name}:fail ${reason}`, ...extra };
}

export function isWxFail(value: unknown): value is WxFail {
  return typeof value === 'object' && value !== null && typeof (value as WxFail).errMsg === 'string';
}

type Impl = (options: Options) => Promise<Record<string, unknown>> | Record<string, unknown>;

export function asyncApi(name: string, impl: Impl): (options?: Options) => Promise<unknown> | undefined {
  return (options: Options = {}) => {
    const promise = Promise.resolve()
      .then(() => impl(options))
      .then(
        (result) => ({ errMsg: `${name}:ok`, ...result }),
        (error: unknown) => {
          throw isWxFail(error) ? error : fail(name, error instanceof Error ? error.message : String(error));
        },
      );
    const { success, fail: onFail, complete } = options;
    if (!success && !onFail && !complete) return promise;
    promise.then(
      (result) => {
        success?.(result);
        complete?.(result);
      },
      (error: unknown) => {
        onFail?.(error);
        complete?.(error);
      },
    );
    return undefined;
  };
}

/** For listener-style APIs (wx.onXxx / wx.offXxx). */
export class Listeners<T extends unknown[]> {
  private readonly set = new Set<(...args: T) => void>();
  on = (listener: (...args: T) => void): void => {
    this.set.add(listener);
  };
  off = (listener?: (...args: T) => void): void => {
    if (listener) this.set.delete(listener);
    else this.set.clear();
  };
  emit(...args: T): void {
    for (const listener of this.set) listener(...args);
  }
  get size(): number {
    return this.set.size;
  }
}
