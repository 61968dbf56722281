/** Choosing the CloudBase environment for the running version of the mini-program. */

export type EnvVersion = 'develop' | 'trial' | 'release';

export type CloudEnvs = Record<EnvVersion, string>;

export interface CloudInitOptions {
  env?: string;
  traceUser: boolean;
}

/**
 * wx.cloud.init's options for a version (wx.getAccountInfoSync().miniProgram.envVersion).
 * develop without an id uses DevTools' selected environment; trial and release must name
 * theirs, so a phone never falls back to the account's default environment.
 */
export function cloudInitOptions(envVersion: string, envs: CloudEnvs): CloudInitOptions {
  const version: EnvVersion = envVersion === 'trial' || envVersion === 'release' ? envVersion : 'develop';
  const env = envs[version].trim();
  if (!env && version !== 'develop') {
    throw new Error(
      `CLOUD_ENVS.${version} is empty: set the CloudBase environment id in miniprogram/config/cloud-envs.ts`,
    );
  }
  return env ? { env, traceUser: true } : { traceUser: true };
}
