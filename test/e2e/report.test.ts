/**
 * 报事 in the browser preview, on the real functions and the local cloud: a resident reports
 * a broken stair light with a photo from the home page and allows progress messages; the
 * building 5 branch secretary accepts and resolves it; the outbox shows the WeChat message
 * the resident got; the resident confirms and rates the fix; a neighbour sees the report
 * but never who made it.
 */
import { DEMO } from '../../local/seed/community';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';
import { settled } from './phones';

jest.setTimeout(120000);

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const DESCRIPTION = '2单元3楼楼道灯不亮，晚上上下楼看不见台阶';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

function navTitle(phone: Phone, title: string) {
  return phone.page.getByTestId('nav-title').filter({ hasText: title }).waitFor();
}

async function switchUser(phone: Phone, openid: string, title: string) {
  await phone.page.getByTestId('user-select').selectOption(openid);
  await navTitle(phone, title);
}

function statusTag(phone: Phone, text: string) {
  // The status tag in the report's head (the timeline below repeats the words).
  return currentPage(phone).locator('[class*="rv-head"]').getByText(text, { exact: true }).first().waitFor();
}

/** How many phone screens the visible page is tall (its scroll height over the viewport's). */
function screens(phone: Phone): Promise<number> {
  return phone.page.evaluate<number>(`(() => {
    const page = document.querySelector('.pv-page:not([hidden])');
    return page.scrollHeight / page.clientHeight;
  })()`);
}

test('我要报事 from a resident’s home fits in two screens at font 1.0', async () => {
  const phone = await openPhone(e2e, `pages/home/index?as=${DEMO.resident}&font=1`);
  await currentPage(phone).getByText('随手拍，报问题').click();
  await navTitle(phone, '我要报事');
  await settled(phone, 'packages/report/pages/new/index');
  // The home's building and unit are chosen already: nothing to scroll through to pick them.
  await currentPage(phone).getByText('✓ 5号楼', { exact: true }).waitFor();
  await currentPage(phone).getByText('✓ 2单元', { exact: true }).waitFor();
  await screenshot(phone, 'report-form-screens');
  const height = await screens(phone);
  expect(height).toBeGreaterThan(1);
  expect(height).toBeLessThanOrEqual(2);
  expect(phone.errors).toEqual([]);
  await phone.page.close();
});

test('report with a photo → secretary accepts → resolves → reporter confirms and rates', async () => {
  // 1. The resident opens 报事 from the home page and fills in the form.
  const phone = await openPhone(e2e, `pages/home/index?as=${DEMO.resident}`);
  let page = currentPage(phone);
  await page.getByText('随手拍，报问题').click();
  await navTitle(phone, '我要报事');
  page = currentPage(phone);
  await page.getByText('公共设施', { exact: true }).click();
  await page.locator('textarea').first().fill(DESCRIPTION);

  // A photo from the "album" (the browser's file picker), after agreeing to the privacy guide.
  const chooser = phone.page.waitForEvent('filechooser');
  await page.getByText('拍照/相册').click();
  const privacy = phone.page.getByTestId('wx-privacy');
  await privacy
    .waitFor({ timeout: 3000 })
    .then(() => privacy.getByRole('button', { name: '同意' }).click())
    .catch(() => undefined);
  await (await chooser).setFiles({ name: 'stair-light.jpg', mimeType: 'image/jpeg', buffer: JPEG });
  await page.locator('[class*="rp-photo__remove"]').first().waitFor();
  await screenshot(phone, 'report-form-filled');

  // Submitting asks (from the tap) to send progress messages; the resident allows it.
  await page.getByText('提交报事', { exact: true }).click();
  const dialog = phone.page.getByTestId('wx-subscribe');
  await dialog.waitFor();
  await dialog.getByText('允许').click();
  await phone.page.getByTestId('wx-toast').filter({ hasText: '已通知5号楼党支部' }).waitFor();
  await navTitle(phone, '报事详情');
  await statusTag(phone, '已提交');
  const id = /id=(RP\d{6}-[0-9A-Z]{4})/.exec(decodeURIComponent(phone.page.url()))?.[1];
  expect(id).toBeTruthy();
  await screenshot(phone, 'report-detail-submitted');

  // 2. The building 5 secretary takes it on and fixes it.
  await switchUser(phone, DEMO.secretary, '报事详情');
  await currentPage(phone).getByText('去处理', { exact: true }).click();
  await navTitle(phone, '处理报事');
  page = currentPage(phone);
  await page.getByText('林晓燕', { exact: true }).waitFor();
  await page.getByText('5号楼2单元301').waitFor();
  await page.getByText('受理', { exact: true }).click();
  await statusTag(phone, '已受理');
  await currentPage(phone).getByText('已解决', { exact: true }).click();
  await currentPage(phone).locator('textarea').first().fill('已更换楼道灯泡');
  await currentPage(phone).getByText('确定', { exact: true }).click();
  await statusTag(phone, '已解决');
  await screenshot(phone, 'report-handle-resolved');

  // 3. The resident's one credit went to WeChat (the acceptance); the rest waited in 消息.
  const outbox = phone.page.getByTestId('outbox');
  await outbox
    .locator(`li[data-touser="${DEMO.resident}"]`)
    .filter({ hasText: '/packages/report/pages/detail/index' })
    .first()
    .waitFor();
  expect(await outbox.locator(`li[data-touser="${DEMO.resident}"]`).count()).toBe(1);

  // 4. The resident confirms and rates.
  await switchUser(phone, DEMO.resident, '处理报事');
  await phone.page.goto(`${e2e.preview.url}#/packages/report/pages/detail/index?id=${id}&as=${DEMO.resident}`);
  await navTitle(phone, '报事详情');
  await statusTag(phone, '待您确认');
  page = currentPage(phone);
  await page.getByText('已更换楼道灯泡').first().waitFor();
  await page.getByText('已解决，去评价').click();
  // tdesign's rating: the fifth star, then its meaning is said in words.
  await page.getByText('点星星打分：5星最满意').waitFor();
  await page.locator('[class*="t-rate__wrapper"] > *').nth(4).click();
  await page.getByText('5星 很满意').waitFor();
  await page.getByText('确认已解决', { exact: true }).click();
  await statusTag(phone, '已确认');
  await currentPage(phone).getByText('报事人评价：5 星').waitFor();
  await screenshot(phone, 'report-detail-confirmed');

  // 5. A neighbour sees the report in 本楼报事, never the reporter.
  await switchUser(phone, DEMO.partyMember, '报事详情');
  await phone.page.goto(`${e2e.preview.url}#/packages/report/pages/public/index?as=${DEMO.partyMember}`);
  await navTitle(phone, '本楼报事');
  page = currentPage(phone);
  await page.getByText('2单元3楼楼道灯不亮').first().waitFor();
  await expect(page.innerText()).resolves.not.toContain('林晓燕');
  await screenshot(phone, 'report-public-list');

  expect(phone.errors).toEqual([]);
  expect(phone.external).toEqual([]);
});
