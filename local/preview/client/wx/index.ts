/**
 * The `wx` object of the preview: the APIs the app (and tdesign) call, assembled from the
 * modules of this folder, behind a Proxy that fails loudly on anything else.
 */
import { getApp } from '../runtime/loader';
import { pageInstances } from '../runtime/router';
import { cloudApi } from './cloud';
import { deviceApis } from './device';
import { mediaApis } from './media';
import { miscApis } from './misc';
import { navigationApis } from './navigation';
import { privacyApis } from './privacy';
import { storageApis } from './storage';
import { strict } from './strict';
import { subscribeApis } from './subscribe';
import { systemApis } from './system';
import { uiApis } from './ui';

export function createWx(): Record<string, unknown> {
  const wx: Record<string, unknown> = {
    ...storageApis,
    ...uiApis,
    ...navigationApis,
    ...mediaApis,
    ...subscribeApis,
    ...systemApis,
    ...privacyApis,
    ...deviceApis,
    ...miscApis,
    cloud: cloudApi,
    env: { USER_DATA_PATH: 'wxfile://usr' },
  };
  /** canIUse answers for what this shim implements (API names, optionally dotted). */
  wx.canIUse = (schema: string) => {
    const [head = '', ...rest] = String(schema).split('.');
    if (!(head in wx)) return false;
    return rest.length === 0 || rest[0] === 'object' || rest[0] === 'success' || rest[0] === 'return';
  };
  return strict(wx, 'wx');
}

export function installWx(): void {
  Object.assign(globalThis, {
    wx: createWx(),
    getCurrentPages: () => pageInstances(),
    getApp,
  });
}
