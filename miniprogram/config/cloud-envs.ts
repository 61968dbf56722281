/**
 * Which CloudBase environment each version of the mini-program uses. Fill in the
 * environment ids before uploading a trial or release version ("Going live" in the
 * README); they are environment ids, not secrets.
 *
 * - develop: leave empty. In WeChat DevTools, wx.cloud.init without an env uses the
 *   environment selected in the 云开发 panel (the documented default), so each developer
 *   works in their own; a development build previewed on a phone uses the account's
 *   default environment instead.
 * - trial / release: required. Without an env, a phone would use the account's default
 *   environment, which may not be the one the functions were deployed to.
 */
import type { CloudEnvs } from '../services/cloud-env';

export const CLOUD_ENVS: CloudEnvs = {
  develop: '',
  trial: '',
  release: '',
};
