/**
 * Loud failure for anything the shim lacks. `wx.somethingNew` on the real platform works;
 * here it would be `undefined` and the page would fail somewhere far away. Instead, reading
 * an unknown member throws and logs a console error (which the e2e tests treat as a
 * failure) and the side panel lists it.
 */
const missing = new Set<string>();
const listeners = new Set<(name: string) => void>();

export function onMissingApi(listener: (name: string) => void): void {
  listeners.add(listener);
}

export function missingApis(): string[] {
  return [...missing];
}

/** Members some runtimes probe on any object; answering undefined for them is harmless. */
const IGNORED = new Set(['then', 'toJSON', 'constructor', 'prototype', 'nodeType', 'asymmetricMatch', '$$typeof']);

export function strict<T extends object>(target: T, label: string): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'symbol' || key in object || IGNORED.has(key))
        return Reflect.get(object, key, receiver) as unknown;
      const name = `${label}.${key}`;
      const message = `[preview] ${name} is not implemented by the preview's wx shim (local/preview/client/wx)`;
      if (!missing.has(name)) {
        missing.add(name);
        for (const listener of listeners) listener(name);
      }
      console.error(message);
      throw new TypeError(message);
    },
  });
}
