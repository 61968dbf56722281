/**
 * First use with the real tdesign components: the privacy agreement (WeChat's agreement
 * button or wx.requirePrivacyAuthorize), the profile form, the 楼栋/单元/房间 picker and
 * the 待审核 state, and a relative's request to be bound to a senior. Only
 * wx.cloud.callFunction (routed by action here) and a few wx APIs are mocked.
 */

import { route, ok } from './route';
import type { BuildingOption, RoomOption } from '../../typings/functions/user';
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf, wxMock } from '../helpers/simulate';
import { meView, unregisteredMeView } from './fixtures';

const wxExtra = () => (globalThis as unknown as { wx: Record<string, unknown> }).wx;

beforeEach(() => {
  resetWx();
  Object.assign(wxExtra(), {
    redirectTo: jest.fn(),
    navigateBack: jest.fn(),
    switchTab: jest.fn(),
    openPrivacyContract: jest.fn(),
    getPrivacySetting: jest.fn((options: { success: (res: object) => void }) =>
      options.success({ needAuthorization: true, privacyContractName: '《长山花园隐私保护指引》' }),
    ),
    requirePrivacyAuthorize: jest.fn((options: { success: () => void }) => options.success()),
  });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

async function settled(page: ReturnType<typeof renderPage>, times = 3) {
  for (let i = 0; i < times; i++) await settle();
  return page;
}

describe('privacy agreement', () => {
  test('explains what is collected and who sees it, names the guide and opens it', async () => {
    const page = await settled(renderPage('packages/me/pages/privacy/index'));
    const text = allText(page);
    expect(text).toContain('姓名、住址（楼栋、单元、房间）');
    expect(text).toContain('其他居民看不到您的手机号和房间号');
    expect(text).toContain('查看完整的《长山花园隐私保护指引》');
    await tap(page, IN_PAGE + '.privacy__guide');
    expect(wxExtra().openPrivacyContract).toHaveBeenCalled();
  });

  test('WeChat’s agreement button records the agreement and opens the profile form', async () => {
    const callFunction = route({ 'user.agreePrivacy': ok({ privacyAgreed: true }) });
    const page = await settled(renderPage('packages/me/pages/privacy/index'));
    expect(page.instance.data.needAuthorization).toBe(true);

    // The open-type button: a tap alone does nothing, WeChat's event does the work.
    await tap(page, IN_PAGE + '.privacy-agree >>> .t-button');
    expect(callFunction).not.toHaveBeenCalled();
    page.querySelector(IN_PAGE + '.privacy-agree >>> .t-button')!.dispatchEvent('agreeprivacyauthorization');
    await settled(page);

    expect(callFunction).toHaveBeenCalledWith({ name: 'user', data: { action: 'agreePrivacy' } });
    expect(wxExtra().redirectTo).toHaveBeenCalledWith({ url: '/packages/me/pages/profile/index' });
  });

  test('when WeChat already has the agreement, a tap goes through wx.requirePrivacyAuthorize', async () => {
    (wxExtra().getPrivacySetting as jest.Mock).mockImplementation((options: { success: (res: object) => void }) =>
      options.success({ needAuthorization: false, privacyContractName: '' }),
    );
    const callFunction = route({ 'user.agreePrivacy': ok({ privacyAgreed: true }) });
    const page = await settled(renderPage('packages/me/pages/privacy/index'));

    await tap(page, IN_PAGE + '.privacy-agree >>> .t-button');
    await settled(page);

    expect(wxExtra().requirePrivacyAuthorize).toHaveBeenCalled();
    expect(callFunction).toHaveBeenCalledTimes(1);
    expect(wxExtra().redirectTo).toHaveBeenCalledWith({ url: '/packages/me/pages/profile/index' });
  });

  test('暂不同意 goes back and explains what still works', async () => {
    const page = await settled(renderPage('packages/me/pages/privacy/index'));
    await tap(page, IN_PAGE + '.privacy-decline >>> .t-button');
    expect(wxExtra().navigateBack).toHaveBeenCalled();
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '不同意也可以浏览首页和通知' }));
  });
});

describe('profile form', () => {
  function type(page: ReturnType<typeof renderPage>, field: string, value: string) {
    page.instance.onField({ currentTarget: { dataset: { field } }, detail: { value } });
  }

  test('a first registration sends the form and opens the address step', async () => {
    const registered = meView({ binding: { status: 'none' }, roles: [], seniors: [], relatives: [] });
    const callFunction = route({ 'user.login': ok(unregisteredMeView(true)), 'user.register': ok(registered) });
    const page = await settled(renderPage('packages/me/pages/profile/index'));
    expect(allText(page)).toContain('第 1 步，共 2 步');
    expect(textOf(page, IN_PAGE + '.profile-submit >>> .t-button')).toEqual(['下一步：登记住址']);

    type(page, 'name', ' 王秀英 ');
    type(page, 'phone', '139 0000 1234');
    type(page, 'birthYear', '1956');
    await tap(page, IN_PAGE + '.profile-submit >>> .t-button');
    await settled(page);

    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'user',
      data: { action: 'register', name: '王秀英', phone: '139 0000 1234', birthYear: 1956 },
    });
    expect(wxExtra().redirectTo).toHaveBeenCalledWith({ url: '/packages/me/pages/binding/index' });
  });

  test('marks what is missing or wrong before calling, in words under the field', async () => {
    const callFunction = route({ 'user.login': ok(unregisteredMeView(true)) });
    const page = await settled(renderPage('packages/me/pages/profile/index'));
    type(page, 'phone', '12345');
    type(page, 'birthYear', '56');
    await tap(page, IN_PAGE + '.profile-submit >>> .t-button');

    expect(callFunction).toHaveBeenCalledTimes(1); // only login
    expect(textOf(page, IN_PAGE + '.t-input__tips')).toEqual([
      '请填写姓名',
      '请填写11位手机号码，也可以不填',
      '请填写4位年份，例如：1956，也可以不填',
    ]);
  });

  test('shows the fields the server refused', async () => {
    route({
      'user.login': ok(unregisteredMeView(true)),
      'user.register': () => ({
        ok: false,
        error: { code: 'INVALID_INPUT', message: '填写的内容有误，请检查后再试', fields: ['name'] },
      }),
    });
    const page = await settled(renderPage('packages/me/pages/profile/index'));
    type(page, 'name', '王<秀英>');
    await tap(page, IN_PAGE + '.profile-submit >>> .t-button');
    await settled(page);
    expect(textOf(page, IN_PAGE + '.t-input__tips')).toEqual(['请填写真实姓名，例如：王秀英']);
  });

  test('a verified resident edits the profile with the name locked, then goes back', async () => {
    route({ 'user.login': ok(meView()), 'user.register': ok(meView()) });
    const page = await settled(renderPage('packages/me/pages/profile/index'));
    expect(page.instance.data.form.name).toBe('张桂兰');
    expect(allText(page)).toContain('住址已认证，修改姓名请联系社区工作人员');
    expect(textOf(page, IN_PAGE + '.profile-submit >>> .t-button')).toEqual(['保存']);
    await tap(page, IN_PAGE + '.profile-submit >>> .t-button');
    await settled(page);
    expect(wxExtra().navigateBack).toHaveBeenCalled();
  });

  test('without the privacy agreement it sends the person to it first', async () => {
    route({ 'user.login': ok(unregisteredMeView(false)) });
    await settled(renderPage('packages/me/pages/profile/index'));
    expect(wxExtra().redirectTo).toHaveBeenCalledWith({ url: '/packages/me/pages/privacy/index' });
  });
});

const BUILDINGS: BuildingOption[] = [
  { no: 1, name: '1号楼', units: 4 },
  { no: 5, name: '5号楼', units: 4 },
];
const ROOMS: RoomOption[] = [
  { room: '101', floor: 1 },
  { room: '102', floor: 1 },
  { room: '301', floor: 3 },
];

/** Chooses 5号楼 / 2单元 / 301 with taps on the picker's real buttons. */
async function pickAddress(page: ReturnType<typeof renderPage>) {
  const picker = IN_PAGE;
  await tap(page, picker + '.address-picker__buildings >>> .t-button', 1);
  await settle();
  await tap(page, picker + '.address-picker__units >>> .t-button', 1);
  await settled(page);
  const rooms = textOf(page, picker + '.address-picker__rooms >>> .t-button');
  await tap(page, picker + '.address-picker__rooms >>> .t-button', rooms.indexOf('301'));
  await settle();
}

describe('binding', () => {
  const noneYet = meView({ binding: { status: 'none' }, roles: [] });

  test('choose 楼栋 / 单元 / 房间 with large buttons, submit, then 待审核', async () => {
    const callFunction = route({
      'user.login': ok(noneYet),
      'user.listBuildings': ok(BUILDINGS),
      'user.listRooms': ok(ROOMS),
      'user.requestBinding': ok({
        status: 'pending',
        address: { buildingNo: 5, unitNo: 2, room: '301' },
        addressLabel: '5号楼2单元301',
      }),
    });
    const page = await settled(renderPage('packages/me/pages/binding/index'));
    const picker = IN_PAGE;
    expect(textOf(page, picker + '.address-picker__buildings >>> .t-button')).toEqual(['1号楼', '5号楼']);
    // Submitting needs a whole address.
    expect(page.instance.data.address).toBeNull();

    await pickAddress(page);

    expect(callFunction).toHaveBeenCalledWith({
      name: 'user',
      data: { action: 'listRooms', buildingNo: 5, unitNo: 2 },
    });
    expect(textOf(page, picker + '.address-picker__floor-title')).toEqual(['1楼', '3楼']);
    // The chosen one says so in words for screen readers, and carries a check mark.
    expect(textOf(page, picker + '.address-picker__rooms >>> .t-button--primary')).toEqual(['301']);
    expect(textOf(page, picker + '.address-picker__summary')).toEqual(['已选择：5号楼2单元301']);

    await tap(page, IN_PAGE + '.binding-submit >>> .t-button');
    await settled(page);

    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'user',
      data: { action: 'requestBinding', buildingNo: 5, unitNo: 2, room: '301' },
    });
    expect(textOf(page, IN_PAGE + '.binding__address')).toEqual(['5号楼2单元301']);
    expect(textOf(page, IN_PAGE + '.t-tag__text')).toEqual(['待审核']);
    expect(allText(page)).toContain('等待楼栋党支部书记或社区工作人员审核');
    expect(textOf(page, IN_PAGE + '.binding-change >>> .t-button')).toEqual(['地址填错了，重新选择']);
  });

  test('a rejected request shows its reason and the form again', async () => {
    route({
      'user.login': ok(
        meView({ binding: { status: 'rejected', addressLabel: '5号楼2单元302', rejectReason: '门牌号不符' } }),
      ),
      'user.listBuildings': ok(BUILDINGS),
    });
    const page = await settled(renderPage('packages/me/pages/binding/index'));
    expect(allText(page)).toContain('未通过原因：门牌号不符');
    expect(textOf(page, IN_PAGE + '.t-tag__text')).toEqual(['未通过']);
    expect(textOf(page, IN_PAGE + '.address-picker__title')).toEqual(['第 1 步：选择楼栋']);
    expect(textOf(page, IN_PAGE + '.address-picker__buildings >>> .t-button')).toHaveLength(2);
  });

  test('a verified address has no form', async () => {
    route({ 'user.login': ok(meView()) });
    const page = await settled(renderPage('packages/me/pages/binding/index'));
    expect(textOf(page, IN_PAGE + '.t-tag__text')).toEqual(['已认证']);
    expect(allText(page)).toContain('搬家或换房，请联系楼栋党支部书记或社区工作人员');
    expect(page.instance.data.editing).toBe(false);
    expect(textOf(page, IN_PAGE + '.address-picker__title')).toEqual([]);
  });

  test('the picker says when buildings cannot load, and retries', async () => {
    let fail = true;
    route({
      'user.login': ok(noneYet),
      'user.listBuildings': () =>
        fail
          ? { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }
          : { ok: true, data: BUILDINGS },
    });
    const page = await settled(renderPage('packages/me/pages/binding/index'));
    const picker = IN_PAGE;
    expect(allText(page)).toContain('系统繁忙，请稍后再试');
    fail = false;
    await tap(page, picker + '.address-picker__state >>> .t-button');
    await settled(page);
    expect(textOf(page, picker + '.address-picker__buildings >>> .t-button')).toEqual(['1号楼', '5号楼']);
  });
});

describe('adding a relative link', () => {
  test('sends the household and name, then shows the server’s answer', async () => {
    const message = '申请已提交。如果填写的住址和姓名与老人登记的一致，老人在小程序里确认后即可绑定。';
    const callFunction = route({
      'user.listBuildings': ok(BUILDINGS),
      'user.listRooms': ok(ROOMS),
      'user.requestRelativeLink': ok({ linkId: 'rl-1', message }),
    });
    const page = await settled(renderPage('packages/me/pages/relative-add/index'));

    await tap(page, IN_PAGE + '.relative-add-submit >>> .t-button');
    expect(wxMock().showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '请先选择老人家的楼栋、单元和房间' }),
    );

    await pickAddress(page);
    await tap(page, IN_PAGE + '.relative-add-submit >>> .t-button');
    expect(textOf(page, IN_PAGE + '.t-input__tips')).toEqual(['请填写老人的姓名']);

    page.instance.onName({ detail: { value: '赵桂兰' } });
    await tap(page, IN_PAGE + '.relative-add-submit >>> .t-button');
    await settled(page);

    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'user',
      data: { action: 'requestRelativeLink', buildingNo: 5, unitNo: 2, room: '301', seniorName: '赵桂兰' },
    });
    expect(allText(page)).toContain('申请已提交');
    expect(allText(page)).toContain(message);
  });
});
