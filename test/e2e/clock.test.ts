/**
 * The preview's page lives on the community clock (local/preview/clock.ts): its Date agrees
 * with the local cloud's, and a cloud whose clock starts at another instant (as CS_NOW makes it)
 * moves the page's Date there, ticking, without changing what Date does otherwise.
 */
import { startPreview, type Preview } from '../../local/preview/server';
import { DEMO } from '../../local/seed/community';
import { openPhone, startE2E, type E2E } from './harness';

jest.setTimeout(90000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

/** A fixed instant far from today: the year's last half hour in Shanghai. */
const START = new Date('2027-12-31T23:30:00+08:00');

test('the page’s Date is the local cloud’s community clock', async () => {
  const phone = await openPhone(e2e, `pages/home/index?as=${DEMO.resident}`);
  const seen = await phone.page.evaluate(() => Date.now());
  expect(Math.abs(seen - e2e.cloud.now().getTime())).toBeLessThan(3000);
  expect(phone.errors).toEqual([]);
});

test('a cloud clock started at another instant moves the page’s Date there, ticking, and nothing else', async () => {
  let ahead: Preview | undefined;
  try {
    // Started at START and ticking, as CS_NOW makes it (the offset taken once, as local/clock.ts does).
    const offsetMs = START.getTime() - Date.now();
    ahead = await startPreview({ cloud: { ...e2e.cloud, now: () => new Date(Date.now() + offsetMs) } });
    const page = await e2e.context.newPage();
    await page.goto(`${ahead.url}#/pages/home/index?as=${DEMO.resident}`);
    await page.waitForFunction('window.__previewReady === true', null, { timeout: 15000 });
    const seen = await page.evaluate(async () => {
      const first = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 200));
      return {
        first,
        second: new Date().getTime(),
        called: typeof Date(),
        epoch: new Date(0).getTime(),
        parts: new Date(2030, 2, 4, 8, 30).getMonth(),
        instance: new Date() instanceof Date && Object.prototype.toString.call(new Date()) === '[object Date]',
        parsed: Date.parse('2030-03-04T00:00:00Z'),
      };
    });
    expect(seen.first - START.getTime()).toBeGreaterThanOrEqual(0);
    expect(seen.first - START.getTime()).toBeLessThan(20000);
    expect(seen.second - seen.first).toBeGreaterThanOrEqual(150);
    expect(seen).toMatchObject({
      called: 'string',
      epoch: 0,
      parts: 2,
      instance: true,
      parsed: Date.UTC(2030, 2, 4),
    });
    await page.close();
  } finally {
    await ahead?.close();
  }
});
