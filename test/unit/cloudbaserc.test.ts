/**
 * cloudbaserc.json (what the CloudBase CLI deploys with) is generated from each function's
 * config.json and kept in step with it; every function declares its runtime and timeout.
 */
import { readFileSync } from 'node:fs';
import { CLOUDBASERC_FILE, cloudbasercText, generateCloudbaserc } from '../../scripts/cloudbaserc';
import { listFunctions } from '../../scripts/build-functions';
import { RUNTIMES, readRawConfig } from '../../local/runner/config';
import { join } from 'node:path';

it('is the committed cloudbaserc.json (run npm run cloudbaserc after changing a config.json)', () => {
  expect(readFileSync(CLOUDBASERC_FILE, 'utf8')).toBe(cloudbasercText());
});

it('has every function with its config.json runtime, timeout, memory and timer triggers', () => {
  const rc = generateCloudbaserc();
  expect(rc.functions.map((fn) => fn.name)).toEqual(listFunctions());
  for (const fn of rc.functions) {
    const raw = readRawConfig(join(__dirname, '..', '..', 'cloudfunctions', fn.name));
    expect(fn).toMatchObject({ runtime: raw.runtime, timeout: raw.timeout, handler: 'index.main' });
    expect(RUNTIMES).toContain(fn.runtime);
    expect(fn.triggers ?? []).toEqual(
      (raw.triggers ?? [])
        .filter((t) => t.type === 'timer')
        .map((t) => ({ name: t.name, type: 'timer', config: t.config })),
    );
  }
  expect(rc.envId).toBe('{{env.ENV_ID}}');
});

it('refuses a function that leaves its runtime or timeout to the platform default', () => {
  // generateCloudbaserc reads the real folders; a config without them is the case to refuse.
  expect(() => generateCloudbaserc(['__missing__'])).toThrow(/must declare its runtime and timeout/);
});
