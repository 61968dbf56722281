/**
 * The UI conventions as rules checked on the resident pages (miniprogram/UI-CONVENTIONS.md),
 * at WeChat font scale 1.0 and 1.4 (elder mode), as a resident and a senior:
 *  - no raw "YYYY-MM-DD HH:mm" visible (dates are said naturally);
 *  - nothing wider than the phone (no horizontal overflow of the page);
 *  - in elder mode every button and chip is a tap target at least 60 dp tall.
 * Each page × scale is saved as a screenshot under test-output/e2e/ (ui-rules-*).
 */
import { DEMO } from '../../local/seed/community';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';

jest.setTimeout(60000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const RESIDENT_PAGES = [
  'pages/home/index',
  'pages/council/index',
  'pages/activity/index',
  'pages/canteen/index',
  'pages/me/index',
  'packages/notice/pages/list/index',
  'packages/report/pages/mine/index',
  'packages/report/pages/new/index',
  'packages/activity/pages/mine/index',
  'packages/canteen/pages/orders/index',
  'packages/me/pages/messages/index',
];

const CASES = RESIDENT_PAGES.flatMap((route) =>
  (['1', '1.4'] as const).map((font) => [route, font, font === '1' ? DEMO.resident : DEMO.senior] as const),
);

async function settled(phone: Phone, route: string): Promise<void> {
  await phone.page.waitForFunction(
    `(document.querySelector('.pv-page[data-route="${route}"] wx-page')?.innerText ?? '').trim().length > 4`,
  );
  await phone.page.waitForLoadState('networkidle');
  await currentPage(phone).locator('.t-loading').waitFor({ state: 'detached', timeout: 10000 });
}

const RAW_DATE = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g;

async function rawDates(phone: Phone): Promise<string[]> {
  return (await currentPage(phone).innerText()).match(RAW_DATE) ?? [];
}

/** Elements whose right edge is past the phone's, outside containers that scroll sideways on purpose. */
function overflowing(phone: Phone): Promise<string[]> {
  return phone.page.evaluate<string[]>(`(() => {
    const screen = document.querySelector('[data-testid="phone"]').getBoundingClientRect();
    const root = document.querySelector('.pv-page:not([hidden])');
    const scrollsSideways = (el) => {
      for (let node = el.parentElement; node && node !== root; node = node.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(node).overflowX)) return true;
      }
      return false;
    };
    return [...root.querySelectorAll('*')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.right > screen.right + 1 && !scrollsSideways(el);
      })
      .slice(0, 5)
      .map((el) => (el.className || el.tagName) + ': ' + (el.innerText || '').slice(0, 30));
  })()`);
}

/** Buttons and chips on screen, and those under 60 dp tall (1 CSS px = 1 dp in the preview). */
function tapTargets(phone: Phone): Promise<{ count: number; small: string[] }> {
  return phone.page.evaluate<{ count: number; small: string[] }>(`(() => {
    const root = document.querySelector('.pv-page:not([hidden])');
    const targets = [...root.querySelectorAll('[class*="t-button--t-button "], [class*="app-chips"] > *')]
      .map((el) => [el, el.getBoundingClientRect()])
      .filter(([, box]) => box.width > 0 && box.height > 0);
    const small = targets
      .filter(([, box]) => box.height < 59.5)
      .slice(0, 5)
      .map(([el, box]) => Math.round(box.height) + 'px: ' + (el.innerText || '').trim().slice(0, 20));
    return { count: targets.length, small };
  })()`);
}

/** How many tap targets the elder-mode checks measured, over all pages. */
let measuredTargets = 0;

test.each(CASES)('%s at font %s (%s) follows the UI rules', async (route, font, user) => {
  const phone = await openPhone(e2e, `${route}?as=${user}&font=${font}`);
  await settled(phone, route);
  await screenshot(phone, `ui-rules-${route}-font-${font}`);

  // 1. Dates are said naturally: no raw wall-clock stamps on a resident page.
  expect(await rawDates(phone)).toEqual([]);
  // 2. Nothing sticks out of the phone.
  expect(await overflowing(phone)).toEqual([]);
  // 3. Elder mode: buttons and chips are at least 60 dp tall.
  if (font === '1.4') {
    const { count, small } = await tapTargets(phone);
    measuredTargets += count;
    expect(small).toEqual([]);
  }
  expect(phone.errors).toEqual([]);
  await phone.page.close();
});

test('the rule checks catch what they look for', async () => {
  // The elder-mode check above measured real buttons and chips (报事's 提交报事, the place chips …).
  expect(measuredTargets).toBeGreaterThan(10);
  // A raw date, an element wider than the phone and a small button planted in a page are all found.
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
  })()`);
  expect(await rawDates(phone)).toEqual(['2026-12-05 03:27']);
  expect((await overflowing(phone)).length).toBeGreaterThan(0);
  expect((await tapTargets(phone)).small).toEqual(['30px: 5号楼']);
  await phone.page.close();
});
