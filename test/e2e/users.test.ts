/**
 * Demo users: a resident logs in (user.login runs the real function on the local cloud)
 * and sees their profile on 我的; switching to the branch secretary beside the phone shows
 * theirs, with their roles. A deep link can name the user (`as=`).
 */
import { DEMO } from '../../local/seed/community';
import { currentPage, openPhone, screenshot, startE2E, type E2E } from './harness';

jest.setTimeout(60000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

test('a resident sees their profile on 我的, then the branch secretary sees their roles', async () => {
  const phone = await openPhone(e2e, `pages/me/index?as=${DEMO.resident}`);
  const page = currentPage(phone);
  await page.locator('.p-pages-me-index--me-profile__name').filter({ hasText: '林晓燕' }).waitFor();
  await expect(page.innerText()).resolves.toContain('5号楼2单元301');
  await expect(page.locator('.p-pages-me-index--me-binding').innerText()).resolves.toContain('已认证');
  await expect(page.innerText()).resolves.toContain('暂无特殊身份');

  // Switch user beside the phone: the page starts over as that user.
  await phone.page.getByTestId('user-select').selectOption(DEMO.secretary);
  await page.locator('.p-pages-me-index--me-profile__name').filter({ hasText: '吴国强' }).waitFor();
  const cellTitles = await page.locator('.t-cell--t-cell__title-text').allInnerTexts();
  expect(cellTitles.map((text) => text.trim())).toEqual(
    expect.arrayContaining(['5号楼1单元401', '党员', '5号楼党支部书记']),
  );
  await expect(page.innerText()).resolves.not.toContain('暂无特殊身份');
  expect(phone.page.url()).toContain(`as=${DEMO.secretary}`);
  await screenshot(phone, 'me-as-branch-secretary');
  expect(phone.errors).toEqual([]);
});

test('a deep link names the user and passes its query to the page', async () => {
  const phone = await openPhone(e2e, `pages/me/index?x=1&as=${DEMO.secretary}`);
  await currentPage(phone).locator('.p-pages-me-index--me-profile__name').filter({ hasText: '吴国强' }).waitFor();
  const options = await phone.page.evaluate(() => {
    const pages = (
      globalThis as unknown as { getCurrentPages(): Array<{ route: string; options: unknown }> }
    ).getCurrentPages();
    return pages.map((page) => ({ route: page.route, options: page.options }));
  });
  expect(options).toEqual([{ route: 'pages/me/index', options: { x: '1' } }]);
  await expect(phone.page.getByTestId('user-select').inputValue()).resolves.toBe(DEMO.secretary);
  expect(phone.errors).toEqual([]);
});
