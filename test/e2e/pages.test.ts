/**
 * Every page of app.json (main package and subpackages) opened by deep link in the
 * preview: it renders its navigation bar title and content, logs no console error, loads
 * nothing from the internet, draws tdesign icons from the local icon set, and is saved as
 * a screenshot in test-output/e2e/.
 */
import { buildManifest } from '../../local/preview/build/manifest';
import { DEMO } from '../../local/seed/community';
import { currentPage, openPhone, screenshot, SPINNER, startE2E, type E2E } from './harness';

jest.setTimeout(60000);

const manifest = buildManifest();
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

test('app.json lists pages in the main package and a subpackage', () => {
  expect(manifest.pages.map((page) => page.route)).toEqual(
    expect.arrayContaining(['pages/home/index', 'pages/me/index', 'packages/settings/index']),
  );
  expect(manifest.pages.some((page) => page.subpackage)).toBe(true);
});

test.each(manifest.pages.map((page) => [page.route, page] as const))(
  '%s renders without a console error',
  async (route, entry) => {
    const phone = await openPhone(e2e, `${route}?as=${DEMO.resident}`);
    const page = currentPage(phone);
    await expect(page.getAttribute('data-route')).resolves.toBe(route);
    const title = entry.window.navigationBarTitleText ?? manifest.window.navigationBarTitleText ?? '';
    await phone.page.getByTestId('nav-title').filter({ hasText: title }).waitFor();
    // Content, not an empty shell: wait until the page shows text, then for data to settle.
    await phone.page.waitForFunction(
      `(document.querySelector('.pv-page[data-route="${route}"] wx-page')?.innerText ?? '').trim().length > 4`,
    );
    await phone.page.waitForLoadState('networkidle');
    // Pages that load data show t-loading first: wait until it is gone.
    await page.locator(SPINNER).waitFor({ state: 'detached', timeout: 10000 });
    expect(await page.locator('wx-page').count()).toBe(1);
    expect(await phone.page.locator('[data-testid="preview-error"]').count()).toBe(0);
    // The tab bar shows on tab pages only.
    await expect(phone.page.getByTestId('tab-bar').isVisible()).resolves.toBe(entry.isTab);
    // Icons come from local SVG masks, not the CDN font.
    const masks = await phone.page.evaluate<string[]>(
      `[...document.querySelectorAll('.pv-page:not([hidden]) .t-icon-base')].map((icon) => getComputedStyle(icon, '::before').getPropertyValue('-webkit-mask-image').slice(0, 30))`,
    );
    for (const mask of masks) expect(mask).toContain('data:image/svg+xml');
    await screenshot(phone, route);
    expect(phone.external).toEqual([]);
    expect(phone.errors).toEqual([]);
    await phone.page.close();
  },
);
