/** The CloudBase environment each version of the mini-program initialises with. */
import { cloudInitOptions, type CloudEnvs } from '../../miniprogram/services/cloud-env';

const configured: CloudEnvs = { develop: '', trial: 'cs-trial-1a2b', release: 'cs-prod-3c4d' };

it('leaves develop to the environment selected in DevTools', () => {
  expect(cloudInitOptions('develop', configured)).toEqual({ traceUser: true });
});

it('pins develop too when an id is given for it', () => {
  expect(cloudInitOptions('develop', { ...configured, develop: 'cs-dev-9z' })).toEqual({
    env: 'cs-dev-9z',
    traceUser: true,
  });
});

it('uses the configured environment of a trial and of a release', () => {
  expect(cloudInitOptions('trial', configured)).toEqual({ env: 'cs-trial-1a2b', traceUser: true });
  expect(cloudInitOptions('release', configured)).toEqual({ env: 'cs-prod-3c4d', traceUser: true });
});

it('refuses a trial or release without an environment, rather than using the account’s default', () => {
  expect(() => cloudInitOptions('release', { ...configured, release: ' ' })).toThrow(/CLOUD_ENVS.release/);
  expect(() => cloudInitOptions('trial', { ...configured, trial: '' })).toThrow(/CLOUD_ENVS.trial/);
});

it('treats an unknown version as development', () => {
  expect(cloudInitOptions('gray', configured)).toEqual({ traceUser: true });
});
