/**
 * 我要报事 rendered with the real tdesign components; wx.cloud.callFunction is routed by
 * function and action, so the real typed client runs between the page and the "server".
 */
import { IN_PAGE, allText, renderPage, resetWx, setFontScale, settle, tap, textOf, wxMock } from '../helpers/simulate';
import {
  called,
  installReportWx,
  lastInput,
  reportItem,
  reportOptions,
  reportTemplates,
  routeCalls,
  type ReportWx,
} from './report-fixtures';

let wxx: ReportWx;
beforeEach(() => {
  resetWx();
  wxx = installReportWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const SUBMITTED = {
  id: 'RP261126-K7QD',
  no: 'RP261126-K7QD',
  assignmentLabel: '5号楼党支部（2单元）',
  held: false,
  push: { recipients: 2, wechat: 1, inAppOnly: 1, queued: 0, failed: 0 },
};

function server(overrides: Record<string, unknown> = {}) {
  return routeCalls({
    'report.options': reportOptions(),
    'push.templates': reportTemplates(0),
    'push.recordSubscriptions': reportTemplates(1),
    'report.similar': { items: [] },
    'report.submit': SUBMITTED,
    'storage.prepareUpload': ({ exts }: Record<string, unknown>) =>
      (exts as string[]).map((ext, i) => ({ cloudPath: `uploads/report/abc/202611/p${i}.${ext}`, maxBytes: 5242880 })),
    ...overrides,
  });
}

async function open() {
  const page = renderPage('packages/report/pages/new/index');
  page.instance.onLoad({});
  await settle();
  await settle();
  return page;
}

/** Fires a tdesign radio-group / switch / textarea change as the component does. */
function change(page: ReturnType<typeof renderPage>, handler: string, value: unknown) {
  page.instance[handler]({ detail: { value }, currentTarget: { dataset: {} } });
}

test('loads the choices with two calls and prefills the caller’s building and unit', async () => {
  const calls = server();
  const page = await open();

  expect(called(calls).sort()).toEqual(['push.templates', 'report.options']);
  // The categories are a chip grid (single choice), none chosen yet and no examples shown.
  const labels = textOf(page, IN_PAGE + '.form-categories >>> .t-tag__text');
  expect(labels).toEqual(['环境卫生', '公共设施', '燃气/消防']);
  expect(page.querySelectorAll(IN_PAGE + '.form-categories >>> .t-radio').length).toBe(0);
  expect(page.querySelectorAll(IN_PAGE + '.form-category-hint').length).toBe(0);
  expect(page.instance.data.form).toMatchObject({ buildingNo: 5, unitNo: 2, floor: 0, placeMode: 'building' });
  const text = allText(page);
  expect(text).toContain('我的报事');
  expect(text).toContain('本楼报事');
  expect(text).not.toContain('处理报事');
  expect(text).toContain('您的姓名不会显示给其他居民');
});

test('a category is chosen by its chip; its examples are said once beneath the grid', async () => {
  server();
  const page = await open();

  // A real tap on the second chip (tdesign's check-tag fires click with the chip's dataset).
  await tap(page, IN_PAGE + '.form-categories >>> .t-tag', 1);
  await settle();

  expect(page.instance.data.form.categoryId).toBe('facility');
  const chosen = textOf(page, IN_PAGE + '.form-categories >>> .t-tag__text').filter((label) => label.startsWith('✓'));
  expect(chosen).toEqual(['✓ 公共设施']);
  expect(textOf(page, IN_PAGE + '.form-category-hint')).toEqual(['楼道灯不亮、门禁坏了']);

  page.instance.onCategoryChip({ currentTarget: { dataset: { value: 'sanitation' } } });
  await settle();
  expect(textOf(page, IN_PAGE + '.form-categories >>> .t-tag__text').filter((label) => label.startsWith('✓'))).toEqual([
    '✓ 环境卫生',
  ]);
  expect(textOf(page, IN_PAGE + '.form-category-hint')).toEqual(['楼道垃圾、积水、异味']);
});

test('says what is missing in words and sends nothing', async () => {
  const calls = server();
  const page = await open();
  change(page, 'onBuildingChange', 0);
  await settle();

  await tap(page, IN_PAGE + '.form-submit >>> .t-button');

  expect(textOf(page, IN_PAGE + '.form-error--category')).toEqual(['请选择是哪一类问题']);
  expect(textOf(page, IN_PAGE + '.form-error--description')).toEqual(['请写一句话说明是什么问题']);
  expect(textOf(page, IN_PAGE + '.form-error--place')).toEqual(['请选择在几号楼']);
  expect(allText(page)).toContain('还有 3 处需要填写');
  expect(called(calls)).not.toContain('report.submit');
});

test('shows open reports of the same kind nearby; 我也遇到了 is counted instead of a new report', async () => {
  const calls = server({
    'report.similar': { items: [{ ...reportItem({ metoo: 2 }), metooByMe: false }] },
    'report.metoo': { metoo: 3 },
  });
  const page = await open();

  change(page, 'onCategoryChange', 'facility');
  await settle();

  expect(lastInput(calls, 'report.similar')).toEqual({
    categoryId: 'facility',
    place: { kind: 'building', buildingNo: 5, unitNo: 2 },
  });
  expect(allText(page)).toContain('最近已有人报了同样的问题');
  expect(allText(page)).toContain('2人也遇到了');

  await tap(page, IN_PAGE + '.form-metoo >>> .t-button');
  await settle();

  expect(lastInput(calls, 'report.metoo')).toEqual({ id: 'RP261126-K7QD' });
  expect(allText(page)).toContain('3人也遇到了');
  expect(allText(page)).toContain('您已反馈');
  expect(called(calls)).not.toContain('report.submit');
});

test('takes a photo, asks to send progress messages from the tap, submits the draft and opens the report', async () => {
  const calls = server();
  const page = await open();
  change(page, 'onCategoryChange', 'facility');
  change(page, 'onDescriptionChange', '  楼道灯不亮  ');
  change(page, 'onUnitChange', 2);
  change(page, 'onFloorChange', 3);
  await tap(page, IN_PAGE + '.form-add-photo');
  await settle();

  expect(wxx.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ sourceType: ['camera', 'album'], count: 3 }));
  expect(wxx.uploadFile).toHaveBeenCalledWith({
    cloudPath: 'uploads/report/abc/202611/p0.jpg',
    filePath: 'wxfile://tmp/photo1.jpg',
  });
  expect(page.querySelectorAll(IN_PAGE + '.rp-photo')).toHaveLength(1);

  await tap(page, IN_PAGE + '.form-submit >>> .t-button');
  await settle();

  expect(wxx.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tpl-report'] }));
  expect(lastInput(calls, 'push.recordSubscriptions')).toEqual({
    answers: { 'tpl-report': 'accept' },
    requestId: expect.any(String),
  });
  expect(lastInput(calls, 'report.submit')).toEqual({
    categoryId: 'facility',
    description: '楼道灯不亮',
    images: ['cloud://env.bucket/uploads/report/abc/202611/p0.jpg'],
    place: { kind: 'building', buildingNo: 5, unitNo: 2, floor: 3 },
    urgent: false,
    household: false,
    requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
  });
  expect(wxMock().showToast).toHaveBeenCalledWith(
    expect.objectContaining({ title: '已提交，已通知5号楼党支部（2单元）' }),
  );
  expect(wxx.redirectTo).toHaveBeenCalledWith({ url: '/packages/report/pages/detail/index?id=RP261126-K7QD' });
});

test('sends the same request id again after a lost answer, and a new one for the next report', async () => {
  let lose = true;
  const calls = server({
    'push.templates': reportTemplates(5),
    'report.submit': () =>
      lose ? { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } } : SUBMITTED,
  });
  const page = await open();
  change(page, 'onCategoryChange', 'sanitation');
  change(page, 'onDescriptionChange', '垃圾没人清');
  await tap(page, IN_PAGE + '.form-submit >>> .t-button');
  await settle();
  const first = (lastInput(calls, 'report.submit') as { requestId: string }).requestId;
  lose = false;
  await tap(page, IN_PAGE + '.form-submit >>> .t-button');
  await settle();
  expect((lastInput(calls, 'report.submit') as { requestId: string }).requestId).toBe(first);
  expect(page.data.requestId).toBe('');
});

test('does not ask again while the resident still has credits', async () => {
  const calls = server({ 'push.templates': reportTemplates(5) });
  const page = await open();
  change(page, 'onCategoryChange', 'sanitation');
  change(page, 'onDescriptionChange', '垃圾没人清');
  await tap(page, IN_PAGE + '.form-submit >>> .t-button');
  await settle();
  expect(wxx.requestSubscribeMessage).not.toHaveBeenCalled();
  expect(called(calls)).toContain('report.submit');
});

test('a household matter hides the place and is sent without one', async () => {
  const calls = server();
  const page = await open();
  change(page, 'onCategoryChange', 'sanitation');
  change(page, 'onDescriptionChange', '楼上漏水到我家');
  change(page, 'onHouseholdChange', true);
  await settle();

  expect(page.querySelectorAll(IN_PAGE + '.form-place')).toHaveLength(0);
  expect(allText(page)).toContain('只有处理人员能看到');
  await tap(page, IN_PAGE + '.form-submit >>> .t-button');
  await settle();
  const draft = lastInput(calls, 'report.submit')!;
  expect(draft).toMatchObject({ household: true });
  expect(draft.place).toBeUndefined();
});

test('a common spot, or the current location chosen on the map', async () => {
  const calls = server();
  const page = await open();
  change(page, 'onCategoryChange', 'sanitation');
  change(page, 'onDescriptionChange', '垃圾桶满了');
  change(page, 'onPlaceModeChange', 'spot');
  await settle();
  expect(textOf(page, IN_PAGE + '.form-spots >>> .t-tag__text')).toEqual(['东门', '中心广场']);
  page.instance.onPlaceChip({ currentTarget: { dataset: { field: 'spot', value: 'square' } } });
  await settle();
  expect(lastInput(calls, 'report.similar')).toEqual({
    categoryId: 'sanitation',
    place: { kind: 'spot', spotId: 'square' },
  });

  change(page, 'onPlaceModeChange', 'point');
  await settle();
  await tap(page, IN_PAGE + '.form-point >>> .t-button');
  await settle();
  expect(wxx.chooseLocation).toHaveBeenCalled();
  expect(allText(page)).toContain('喷泉旁');
  await tap(page, IN_PAGE + '.form-submit >>> .t-button');
  await settle();
  expect(lastInput(calls, 'report.submit')!.place).toEqual({
    kind: 'point',
    latitude: 43.8615,
    longitude: 125.3698,
    name: '喷泉旁',
  });
});

test('explains a refused location or camera instead of failing silently', async () => {
  server();
  wxx.chooseLocation.mockRejectedValue({ errMsg: 'chooseLocation:fail privacy permission is not authorized' });
  const page = await open();
  change(page, 'onPlaceModeChange', 'point');
  await settle();
  await tap(page, IN_PAGE + '.form-point >>> .t-button');
  await settle();
  expect(wxMock().showToast).toHaveBeenCalledWith(
    expect.objectContaining({ title: expect.stringContaining('隐私保护指引') }),
  );
});

test('shows the server’s refusal of risky text next to the description', async () => {
  server({
    'report.submit': { ok: false, error: { code: 'CONTENT_RISKY', message: '内容涉及违法犯罪，请修改后再提交' } },
    'push.templates': reportTemplates(5),
  });
  const page = await open();
  change(page, 'onCategoryChange', 'sanitation');
  change(page, 'onDescriptionChange', '有人赌博');
  await tap(page, IN_PAGE + '.form-submit >>> .t-button');
  await settle();
  expect(textOf(page, IN_PAGE + '.form-error--description')).toEqual(['内容涉及违法犯罪，请修改后再提交']);
  expect(wxx.redirectTo).not.toHaveBeenCalled();
});

test('a relative reports for the senior they care for', async () => {
  const calls = server({
    'report.options': reportOptions({
      home: undefined,
      forWhom: [{ residentId: 'r-senior', name: '赵桂兰', buildingLabel: '5号楼' }],
    }),
    'push.templates': reportTemplates(5),
  });
  const page = await open();
  expect(textOf(page, IN_PAGE + '.form-whom >>> .t-radio__title')).toEqual(['赵桂兰（5号楼）']);
  change(page, 'onCategoryChange', 'facility');
  change(page, 'onDescriptionChange', '老人家里暖气不热');
  change(page, 'onHouseholdChange', true);
  await tap(page, IN_PAGE + '.form-submit >>> .t-button');
  await settle();
  expect(lastInput(calls, 'report.submit')).toMatchObject({ forResidentId: 'r-senior', household: true });
});

test('someone not yet verified is told why, with no form', async () => {
  server({
    'report.options': reportOptions({
      canReport: false,
      cannotReportReason: '住户信息审核通过后才能报事',
      home: undefined,
    }),
  });
  const page = await open();
  expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['住户信息审核通过后才能报事']);
  expect(page.querySelectorAll(IN_PAGE + '.form-submit')).toHaveLength(0);
});

test('a handler sees the way to the inbox with the number waiting', async () => {
  server({ 'report.options': reportOptions({ canHandle: true, waiting: 4 }) });
  const page = await open();
  expect(allText(page)).toContain('处理报事（4件待受理）');
});

test('a failed load shows the error; 重新加载 recovers', async () => {
  let fail = true;
  server({
    'report.options': () =>
      fail ? { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } } : reportOptions(),
  });
  const page = await open();
  expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['系统繁忙，请稍后再试']);
  fail = false;
  await tap(page, IN_PAGE + '.form-error-state >>> .t-button');
  await settle();
  expect(page.instance.data.state).toBe('ready');
});

test('follows elder mode', async () => {
  setFontScale(1.4);
  server();
  const page = await open();
  expect(page.instance.data.rootClass).toBe('app-page elder');
});

test('the switches say 是 / 否 as a word in body size, not in the switch’s tiny label', async () => {
  server();
  setFontScale(1.4);
  const page = await open();
  const words = () => textOf(page, IN_PAGE + '.app-switch__word');
  expect(words()).toEqual(['否', '否']);
  // tdesign's own 14px label is not used.
  expect(page.querySelectorAll(IN_PAGE + '.app-switch >>> .t-switch__label--on')).toHaveLength(0);
  expect(textOf(page, IN_PAGE + '.app-switch >>> .t-switch').join('')).toBe('');
  change(page, 'onUrgentChange', true);
  await settle();
  expect(textOf(page, IN_PAGE + '.report-switch-urgent .app-switch__word')).toEqual(['是']);
});

test('the place is a chip grid prefilled from home; the duplicate hint sits right under the description', async () => {
  const calls = server({ 'report.similar': { items: [{ ...reportItem({ metoo: 2 }), metooByMe: false }] } });
  const page = await open();
  // Home (5号楼2单元) is chosen already: one chip checked per row, said by ✓ too.
  const checked = (cls: string) =>
    textOf(page, IN_PAGE + `.${cls} >>> .t-tag__text`).filter((label) => label.startsWith('✓'));
  expect(checked('form-buildings')).toEqual(['✓ 5号楼']);
  expect(checked('form-units')).toEqual(['✓ 2单元']);
  for (const cls of ['form-buildings', 'form-units', 'form-floors']) {
    expect(page.querySelectorAll(IN_PAGE + `.${cls} >>> .t-radio`).length).toBe(0);
  }

  page.instance.onPlaceChip({ currentTarget: { dataset: { field: 'floor', value: 3 } } });
  change(page, 'onCategoryChange', 'facility');
  await settle();
  await settle();
  expect(page.instance.data.form).toMatchObject({ buildingNo: 5, unitNo: 2, floor: 3 });
  expect(checked('form-floors')).toEqual(['✓ 3层']);
  expect(lastInput(calls, 'report.similar')).toMatchObject({ categoryId: 'facility' });

  // In the page's order: description, then the duplicate hint, then the place.
  expect(page.instance.data.similar).toHaveLength(1);
  const node = (cls: string) => page.querySelectorAll(IN_PAGE + `.${cls}`)[0]!.dom as unknown as Node;
  const before = (a: string, b: string) =>
    Boolean(node(a).compareDocumentPosition(node(b)) & Node.DOCUMENT_POSITION_FOLLOWING);
  expect(before('form-photos', 'form-similar')).toBe(true);
  expect(before('form-similar', 'form-place')).toBe(true);
});
