/**
 * The UI conventions as rules checked on every page of app.json (miniprogram/UI-CONVENTIONS.md),
 * at WeChat font scale 1.0 and 1.4 (elder mode), each page as its representative user
 * (test/e2e/catalogue.ts: residents as the demo resident / senior, work pages as a user of
 * that role):
 *  - no raw "YYYY-MM-DD HH:mm" visible on resident pages (dates are said naturally);
 *  - nothing wider than the phone (no horizontal overflow of the page);
 *  - in elder mode every button and chip is a tap target at least 60 dp tall;
 *  - no cell label (t-cell title, key-value label) narrower than two characters of its font.
 * One phone per user and scale, reused from page to page. Each page × scale is saved as a
 * screenshot under test-output/e2e/ (ui-rules-*).
 */
import { buildManifest } from '../../local/preview/build/manifest';
import { DEMO } from '../../local/seed/community';
import { linkOf, pageCases } from './catalogue';
import { currentPage, openPhone, screenshot, startE2E, type E2E } from './harness';
import { byPhone, Phones, settled } from './phones';
import { overflowing, rawDates, squeezedLabels, tabTargets, tapTargets } from './rules';

jest.setTimeout(30000);

let e2e: E2E;
let phones: Phones;
beforeAll(async () => {
  e2e = await startE2E();
  phones = new Phones(e2e);
});
afterAll(async () => {
  await phones?.close();
  await e2e?.close();
});

const CASES = byPhone(pageCases()).map((entry) => [entry.route, entry.font, entry.user, entry] as const);

const TAB_ROUTES = new Set(
  buildManifest()
    .pages.filter((page) => page.isTab)
    .map((page) => page.route),
);

/** How many tap targets and cell labels the checks measured, over all pages. */
let measuredTargets = 0;
let measuredLabels = 0;

test.each(CASES)('%s at font %s (%s) follows the UI rules', async (route, font, user, entry) => {
  const phone = await phones.show(user, font, linkOf(entry, e2e.cloud.seededAt));
  await screenshot(phone, `ui-rules-${route}-font-${font}`);

  // 0. A page given a seeded thing shows it, not its error state (the rules would check that instead).
  if (entry.query) expect(await currentPage(phone).innerText()).not.toContain('重新加载');

  // 1. Dates are said naturally: no raw wall-clock stamps on a resident page.
  if (entry.resident) expect(await rawDates(phone)).toEqual([]);
  // 2. Nothing sticks out of the phone.
  expect(await overflowing(phone)).toEqual([]);
  // 3. Cell labels keep at least two characters on a line.
  const labels = await squeezedLabels(phone);
  measuredLabels += labels.count;
  expect(labels.squeezed).toEqual([]);
  // 4. Elder mode: buttons and chips are at least 60 dp tall.
  if (font === '1.4') {
    const { count, small } = await tapTargets(phone);
    measuredTargets += count;
    expect(small).toEqual([]);
    // The tab bar (tab pages only) is elder-sized too: five tabs, each at least 60 × 60 dp.
    const tabs = await tabTargets(phone);
    expect(tabs).toEqual({ count: TAB_ROUTES.has(route) ? 5 : 0, small: [] });
  }
  expect(phone.errors).toEqual([]);
});

test('the rule checks catch what they look for', async () => {
  // The checks above measured real buttons, chips and cell labels.
  expect(measuredTargets).toBeGreaterThan(100);
  expect(measuredLabels).toBeGreaterThan(100);
  // A raw date, an element wider than the phone, a small chip and a squeezed label planted in a page are all found.
  const phone = await openPhone(e2e, `pages/home/index?as=${DEMO.resident}&font=1.4`);
  await settled(phone, 'pages/home/index');
  await phone.page.evaluate(`(() => {
    const root = document.querySelector('.pv-page:not([hidden]) wx-page');
    const planted = document.createElement('div');
    planted.style.width = '2000px';
    planted.textContent = '2026-12-05 03:27';
    root.appendChild(planted);
    const chips = document.createElement('div');
    chips.className = 'app-chips';
    const chip = document.createElement('div');
    chip.style.height = '30px';
    chip.textContent = '5号楼';
    chips.appendChild(chip);
    root.appendChild(chips);
    const label = document.createElement('div');
    label.className = 'app-kv__title';
    label.style.width = '20px';
    label.style.fontSize = '18px';
    label.textContent = '报名时间';
    root.appendChild(label);
  })()`);
  expect(await rawDates(phone)).toEqual(['2026-12-05 03:27']);
  expect((await overflowing(phone)).length).toBeGreaterThan(0);
  expect((await tapTargets(phone)).small).toEqual(['30px: 5号楼']);
  expect((await squeezedLabels(phone)).squeezed).toEqual([expect.stringMatching(/px: 报名时间$/)]);
  // A tab squeezed under 60 dp is caught as well.
  expect((await tabTargets(phone)).small).toEqual([]);
  await phone.page.evaluate(`document.querySelector('[class~="custom-tab-bar--tab-bar__item"]').style.height = '40px'`);
  expect((await tabTargets(phone)).small).toEqual([expect.stringMatching(/×40px: 首页$/)]);
  await phone.page.close();
});

test('the custom tab bar: icons, the shown tab selected, a tap switches tabs, taller in elder mode', async () => {
  type Opened = Awaited<ReturnType<typeof openPhone>>;
  const tabBar = (phone: Opened) => phone.page.getByTestId('tab-bar');
  /** Waits until the selected tab (one only) says `text` with the selected icon `icon`. */
  const selected = (phone: Opened, text: string, icon: string) =>
    phone.page.waitForFunction(
      `(() => {
        const tabs = document.querySelectorAll('[data-testid="tab-bar"] [class~="custom-tab-bar--tab-bar__item--selected"]');
        const img = tabs[0]?.querySelector('.wx-image__img');
        return tabs.length === 1 && tabs[0].innerText.trim() === ${JSON.stringify(text)} &&
          (img?.style.backgroundImage ?? '').includes(${JSON.stringify(`/assets/tab/${icon}`)});
      })()`,
      null,
      { timeout: 5000 },
    );
  const height = (phone: Opened) =>
    tabBar(phone).evaluate((el: { getBoundingClientRect(): { height: number } }) =>
      Math.round(el.getBoundingClientRect().height),
    );

  const normal = await openPhone(e2e, `pages/home/index?as=${DEMO.resident}&font=1`);
  await settled(normal, 'pages/home/index');
  await selected(normal, '首页', 'home-selected.png');
  // The preview draws <image> as a background: five icons.
  expect(await tabBar(normal).locator('.wx-image__img').count()).toBe(5);
  const normalHeight = await height(normal);
  await tabBar(normal).getByText('我的', { exact: true }).click();
  await normal.page.getByTestId('nav-title').filter({ hasText: '我的' }).waitFor();
  await selected(normal, '我的', 'me-selected.png');
  expect(normal.errors).toEqual([]);
  await normal.page.close();

  const elder = await openPhone(e2e, `pages/canteen/index?as=${DEMO.senior}&font=1.4`);
  await settled(elder, 'pages/canteen/index');
  await selected(elder, '食堂', 'canteen-selected.png');
  expect(normalHeight).toBeLessThan(60);
  expect(await height(elder)).toBeGreaterThanOrEqual(60);
  expect(elder.errors).toEqual([]);
  await elder.page.close();
});
