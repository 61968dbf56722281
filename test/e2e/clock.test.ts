/**
 * The preview's page lives on the community clock (local/preview/clock.ts): its Date agrees
 * with the local cloud's, and a cloud whose clock is a year ahead (as CS_NOW makes it)
 * shifts the page's Date by that year, ticking, without changing what Date does otherwise.
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

const YEAR = 366 * 24 * 3600_000;

test('the page’s Date is the local cloud’s community clock', async () => {
  const phone = await openPhone(e2e, `pages/home/index?as=${DEMO.resident}`);
  const seen = await phone.page.evaluate(() => Date.now());
  expect(Math.abs(seen - e2e.cloud.now().getTime())).toBeLessThan(3000);
  expect(phone.errors).toEqual([]);
});

test('a cloud clock a year ahead moves the page’s Date a year ahead, ticking, and nothing else', async () => {
  let ahead: Preview | undefined;
  try {
    ahead = await startPreview({ cloud: { ...e2e.cloud, now: () => new Date(Date.now() + YEAR) } });
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
    expect(Math.abs(seen.first - (Date.now() + YEAR))).toBeLessThan(3000);
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
