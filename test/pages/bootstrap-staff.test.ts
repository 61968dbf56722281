/**
 * Bringing up a fresh community from the phone, with the real tdesign components: the
 * register import (a dry run first; bad rows listed by sheet and line and nothing to
 * import; a clean register imported on confirmation) and the first staff member's
 * one-time code.
 */
import { route, ok } from './route';
import type { RegisterSummary } from '../../typings/functions/community';
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf, wxMock } from '../helpers/simulate';

const wxExtra = () => (globalThis as unknown as { wx: Record<string, unknown> }).wx;

async function settled(page: ReturnType<typeof renderPage>, times = 4) {
  for (let i = 0; i < times; i++) await settle();
  return page;
}

function summary(overrides: Partial<RegisterSummary> = {}): RegisterSummary {
  return {
    buildings: { total: 4, new: 4 },
    households: { total: 96, new: 96 },
    people: { total: 180, new: 180 },
    teams: { total: 3, new: 3 },
    posts: 28,
    errors: [],
    applied: false,
    ...overrides,
  };
}

beforeEach(() => {
  resetWx();
  const cloud = wxMock().cloud as unknown as Record<string, unknown>;
  cloud.uploadFile = jest.fn(async () => ({ fileID: 'cloud://env.bucket/uploads/register/k/202611/a.xlsx' }));
  Object.assign(wxExtra(), {
    chooseMessageFile: jest.fn(async () => ({
      tempFiles: [{ path: 'wxfile://tmp/登记表.xlsx', name: '登记表.xlsx' }],
    })),
    navigateTo: jest.fn(),
  });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('导入社区登记表', () => {
  const slot = ok([{ cloudPath: 'uploads/register/k/202611/a.xlsx', maxBytes: 10 * 1024 * 1024 }]);

  test('lists every bad row by sheet and line after the dry run, and offers no import', async () => {
    const callFunction = route({
      'storage.prepareUpload': slot,
      'community.importRegister': ok(
        summary({
          errors: [
            { sheet: '房屋', line: 210, message: '楼栋应为1至999的整数' },
            { sheet: '党组织', line: 14, message: '“房屋”中没有孙立新（17600009999）' },
          ],
        }),
      ),
    });
    const page = await settled(renderPage('packages/staff/pages/register-import/index'));
    await tap(page, IN_PAGE + '.register-import__choose >>> .t-button');
    await settled(page);
    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'community',
      data: { action: 'importRegister', fileID: 'cloud://env.bucket/uploads/register/k/202611/a.xlsx', apply: false },
    });
    expect(textOf(page, IN_PAGE + '.register-import__error')).toEqual([
      '房屋 第210行：楼栋应为1至999的整数',
      '党组织 第14行：“房屋”中没有孙立新（17600009999）',
    ]);
    expect(allText(page)).toContain('有 2 行需要修改');
    expect(page.querySelectorAll(IN_PAGE + '.register-import__apply')).toHaveLength(0);
  });

  test('shows what a clean register creates, and imports it on confirmation', async () => {
    const callFunction = route({
      'storage.prepareUpload': slot,
      'community.importRegister': (data) => ({ ok: true, data: summary({ applied: data.apply === true }) }),
    });
    const page = await settled(renderPage('packages/staff/pages/register-import/index'));
    await tap(page, IN_PAGE + '.register-import__choose >>> .t-button');
    await settled(page);
    expect(allText(page)).toContain('试导入结果（尚未写入）');
    expect(allText(page)).toContain('96（新增 96）');
    await tap(page, IN_PAGE + '.register-import__apply >>> .t-button');
    await settled(page);
    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'community',
      data: { action: 'importRegister', fileID: 'cloud://env.bucket/uploads/register/k/202611/a.xlsx', apply: true },
    });
    expect(allText(page)).toContain('导入完成');
  });
});

describe('社区首次启用', () => {
  test('takes the one-time code, says a wrong one in words, and then appoints', async () => {
    let tries = 0;
    route({
      'community.firstStaffStatus': ok({ needed: true }),
      'community.claimFirstStaff': () =>
        ++tries === 1
          ? { ok: false, error: { code: 'INVALID_INPUT', message: '任命码不正确' } }
          : { ok: true, data: { appointed: true } },
    });
    const page = await settled(renderPage('packages/staff/pages/first-staff/index'));
    expect(allText(page)).toContain('一次性任命码');
    // What t-input hands the page as the person types.
    const type = (value: string) =>
      (page.instance as unknown as { onCode(event: { detail: { value: string } }): void }).onCode({
        detail: { value },
      });
    type('WRONGCODE2');
    await tap(page, IN_PAGE + '.first-staff__submit >>> .t-button');
    await settled(page);
    expect(allText(page)).toContain('任命码不正确');
    type('K7M2P9Q4RX');
    await tap(page, IN_PAGE + '.first-staff__submit >>> .t-button');
    await settled(page);
    expect(allText(page)).toContain('您已成为社区工作人员');
  });

  test('tells a latecomer the community already has staff', async () => {
    route({ 'community.firstStaffStatus': ok({ needed: false }) });
    const page = await settled(renderPage('packages/staff/pages/first-staff/index'));
    expect(allText(page)).toContain('社区已有工作人员');
  });
});
