/**
 * Visual regression check: pages of app.json (UNDER_BASELINE below) × their representative
 * user × font 1.0 and 1.4 (test/e2e/catalogue.ts), each screenshotted in the phone frame and compared with the
 * committed baseline PNG in test/e2e/baselines/ (pixelmatch, per-pixel threshold 0.1; a page
 * fails when more than 0.5% of its pixels differ or its size changed). On failure the
 * screenshot and a diff image are written to test-output/e2e/visual/.
 *
 * The community clock is fixed (fixed-clock.ts), so the demo and its dates are the same on
 * every run. Update the baselines after an intended change with
 *   CS_UPDATE_BASELINES=1 npx jest test/e2e/visual.test.ts --selectProjects e2e
 * and look at the changed PNGs before committing them.
 */
import './fixed-clock';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { linkOf, pageCases } from './catalogue';
import { currentPage, OUTPUT_DIR, SPINNER, startE2E, type E2E, type Phone } from './harness';
import { byPhone, Phones } from './phones';

jest.setTimeout(30000);

const BASELINES = join(__dirname, 'baselines');
const DIFFS = join(OUTPUT_DIR, 'visual');
const UPDATE = process.env.CS_UPDATE_BASELINES === '1';
/** Per-pixel colour distance pixelmatch tolerates (anti-aliasing is ignored too). */
const PIXEL_THRESHOLD = 0.1;
/** Share of a page's pixels allowed to differ. */
const MAX_DIFF_RATIO = 0.005;

let e2e: E2E;
let phones: Phones;
beforeAll(async () => {
  e2e = await startE2E();
  phones = new Phones(e2e);
  mkdirSync(BASELINES, { recursive: true });
  mkdirSync(DIFFS, { recursive: true });
});
afterAll(async () => {
  await phones?.close();
  await e2e?.close();
});

/** Waits until no container of the page is still scrolling (scroll-into-view animates, e.g. 食堂's day strip). */
async function scrollsAtRest(phone: Phone): Promise<void> {
  const positions = `[...document.querySelectorAll('.pv-page:not([hidden]) *')]
    .filter((el) => el.scrollLeft || el.scrollTop).map((el) => el.scrollLeft + ',' + el.scrollTop).join(';')`;
  let last = await phone.page.evaluate<string>(positions);
  for (let tries = 0; tries < 20; tries += 1) {
    await phone.page.waitForTimeout(150);
    const now = await phone.page.evaluate<string>(positions);
    if (now === last) return;
    last = now;
  }
}

async function shot(phone: Phone): Promise<PNG> {
  // A page may load a second time after it first settled (我要报事 reads its options again):
  // the picture is of the page at rest, never of its spinner.
  await phone.page.waitForLoadState('networkidle', { timeout: 8000 });
  await currentPage(phone).locator(SPINNER).waitFor({ state: 'detached', timeout: 8000 });
  await scrollsAtRest(phone);
  // No caret, no scrollbars: only what the page draws.
  const buffer = await phone.page
    .locator('[data-testid="phone"]')
    .screenshot({ animations: 'disabled', caret: 'hide' });
  return PNG.sync.read(buffer);
}

/**
 * The pages under baseline so far: the tab pages and the resident pages of daily use, one
 * work page per role. The catalogue holds every page; a page joins by being listed here
 * (its baselines written with CS_UPDATE_BASELINES=1 and checked stable over two runs).
 */
const UNDER_BASELINE = new Set([
  'pages/home/index',
  'pages/council/index',
  'pages/activity/index',
  'pages/canteen/index',
  'pages/me/index',
  'packages/notice/pages/list/index',
  'packages/report/pages/new/index',
  'packages/activity/pages/detail/index',
  'packages/me/pages/messages/index',
  'packages/report/pages/inbox/index',
  'packages/canteen/pages/kitchen/index',
  'packages/staff/pages/bindings/index',
  // Detail pages, each on its seeded thing.
  'packages/activity/pages/ticket/index',
  'packages/care/pages/visit/index',
  'packages/care/pages/archive/index',
  'packages/volunteer/pages/roster/index',
  'packages/volunteer/pages/shift/index',
  'packages/safety/pages/alarm/index',
  'packages/service/pages/ticket/index',
  'packages/service/pages/rate/index',
  'packages/service/pages/record/index',
  'packages/service/pages/editor/index',
  'packages/service/pages/slots/index',
]);

const CASES = byPhone(pageCases())
  .filter((entry) => UNDER_BASELINE.has(entry.route))
  .map((entry) => [entry.route, entry.font, entry.user, entry] as const);

test.each(CASES)('%s at font %s (%s) looks like its baseline', async (route, font, user, entry) => {
  const phone = await phones.show(user, font, linkOf(entry, e2e.cloud.seededAt));
  const name = `${route.replace(/[^a-zA-Z0-9]+/g, '_')}-font-${font.replace('.', '_')}.png`;
  const actual = await shot(phone);
  const file = join(BASELINES, name);
  if (UPDATE || !existsSync(file)) {
    // Phone-size and zlib level 9: the committed PNGs stay small.
    writeFileSync(file, PNG.sync.write(actual, { deflateLevel: 9, filterType: 4 }));
    if (!UPDATE) throw new Error(`No baseline for ${name}: written, review it and run again`);
    return;
  }
  const expected = PNG.sync.read(readFileSync(file));
  const sameSize = expected.width === actual.width && expected.height === actual.height;
  let differing = -1;
  if (sameSize) {
    const diff = new PNG({ width: actual.width, height: actual.height });
    differing = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, {
      threshold: PIXEL_THRESHOLD,
    });
    if (differing > MAX_DIFF_RATIO * actual.width * actual.height) {
      writeFileSync(join(DIFFS, name.replace('.png', '-diff.png')), PNG.sync.write(diff));
    }
  }
  if (!sameSize || differing > MAX_DIFF_RATIO * actual.width * actual.height) {
    writeFileSync(join(DIFFS, name), PNG.sync.write(actual));
  }
  expect({ sameSize, tooManyDiffering: differing > MAX_DIFF_RATIO * actual.width * actual.height }).toEqual({
    sameSize: true,
    tooManyDiffering: false,
  });
  expect(phone.errors).toEqual([]);
});
