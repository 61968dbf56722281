/**
 * The publisher's notice editor (packages/staff) with real tdesign: scope choices limited
 * to what notice.targets allows, plain validation messages, uploads through storage, the
 * urgent confirmation, and the calls it makes to notice.publish / notice.update.
 */
import {
  IN_PAGE,
  allText,
  renderPage,
  resetWx,
  settle,
  tap,
  textOf,
  wxMock,
  type CallFunctionParam,
  type SimNode,
} from '../helpers/simulate';
import { noticeDetail, secretaryTargets, staffTargets } from './notice-fixtures';

type Wx = Record<string, unknown>;
const wx = () => (globalThis as unknown as { wx: Wx }).wx;

let calls: CallFunctionParam[];
let answers: Record<string, unknown>;

function route(key: string, result: unknown) {
  answers[key] = result;
}

beforeEach(() => {
  resetWx();
  calls = [];
  answers = {};
  wxMock().cloud.callFunction = jest.fn(async (param: CallFunctionParam) => {
    calls.push(param);
    const key = `${param.name}.${String(param.data.action)}`;
    if (!(key in answers)) throw new Error(`unexpected call ${key}`);
    return { errMsg: 'cloud.callFunction:ok', result: answers[key], requestID: 'test' };
  });
  Object.assign(wx(), {
    redirectTo: jest.fn(),
    navigateBack: jest.fn(),
    setNavigationBarTitle: jest.fn(),
    chooseMedia: jest.fn(),
    chooseMessageFile: jest.fn(),
  });
  Object.assign(wxMock().cloud, {
    uploadFile: jest.fn(async ({ cloudPath }: { cloudPath: string }) => ({
      fileID: `cloud://env.bucket/${cloudPath}`,
      statusCode: 204,
      errMsg: 'cloud.uploadFile:ok',
    })),
  });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

async function openEditor(targets = secretaryTargets(), options: Record<string, string> = {}) {
  route('notice.targets', { ok: true, data: targets });
  const page = renderPage('packages/staff/pages/notice-editor/index');
  page.instance.onLoad(options);
  await settle();
  return page;
}

/** Types into a real t-input / t-textarea (its native control fires `input`). */
async function typeInto(page: SimNode, hostClass: string, value: string) {
  const control = page.querySelector(
    `${IN_PAGE}.${hostClass} >>> .t-input__control, ${IN_PAGE}.${hostClass} >>> .t-textarea__wrapper-inner`,
  );
  if (!control) throw new Error(`no control in .${hostClass}`);
  control.dispatchEvent('input', { detail: { value, cursor: value.length } });
  await settle();
}

const scopeLabels = (page: SimNode) => textOf(page, IN_PAGE + '.editor-scope >>> .t-radio__title');
const published = () =>
  calls.filter((c) => c.name === 'notice' && ['publish', 'update'].includes(String(c.data.action)));

describe('scope choices', () => {
  test('a branch secretary may choose their building or units of it, never the community', async () => {
    const page = await openEditor();
    expect(scopeLabels(page)).toEqual(['整栋5号楼', '5号楼的指定单元']);
    expect(allText(page)).not.toContain('全社区');
    expect(allText(page)).toContain('署名：5号楼党支部');

    await tap(page, IN_PAGE + '.editor-scope >>> .t-radio', 1);
    expect(page.instance.data.form.scopeMode).toBe('units');
    expect(textOf(page, IN_PAGE + '.editor-units >>> .t-checkbox__title')).toEqual([
      '1单元',
      '2单元',
      '3单元',
      '4单元',
    ]);
    // One building only: no building picker.
    expect(page.querySelectorAll(IN_PAGE + '.editor-buildings')).toHaveLength(0);
  });

  test('staff may choose the community, buildings or units', async () => {
    const page = await openEditor(staffTargets());
    expect(scopeLabels(page)).toEqual(['全社区', '指定楼栋', '指定单元']);
    expect(allText(page)).toContain('署名：社区居委会');

    await tap(page, IN_PAGE + '.editor-scope >>> .t-radio', 1);
    expect(textOf(page, IN_PAGE + '.editor-buildings >>> .t-checkbox__title')).toEqual([
      '1号楼',
      '2号楼',
      '3号楼',
      '4号楼',
      '5号楼',
    ]);
  });

  test('someone who may not publish sees why, not a form', async () => {
    route('notice.targets', { ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } });
    const page = renderPage('packages/staff/pages/notice-editor/index');
    page.instance.onLoad({});
    await settle();
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['您没有权限进行此操作']);
    expect(page.querySelectorAll(IN_PAGE + '.editor-submit')).toHaveLength(0);
  });
});

describe('validation', () => {
  test('an empty form says what is missing, in words next to the fields, and sends nothing', async () => {
    const page = await openEditor();
    await tap(page, IN_PAGE + '.editor-submit >>> .t-button');

    expect(allText(page)).toContain('还有 2 处需要修改');
    expect(textOf(page, IN_PAGE + '.editor-title >>> .t-input__tips')).toEqual(['请填写通知标题']);
    expect(textOf(page, IN_PAGE + '.editor-error--body')).toEqual(['请填写通知内容']);
    expect(published()).toHaveLength(0);

    // Typing clears the message of that field.
    await typeInto(page, 'editor-title', '停水通知');
    expect(textOf(page, IN_PAGE + '.editor-title >>> .t-input__tips')).toEqual([]);
    expect(allText(page)).toContain('还有 1 处需要修改');
  });

  test('chosen units are required in the units scope', async () => {
    const page = await openEditor();
    await tap(page, IN_PAGE + '.editor-scope >>> .t-radio', 1);
    await typeInto(page, 'editor-title', '停水通知');
    await typeInto(page, 'editor-body', '明天停水');
    await tap(page, IN_PAGE + '.editor-submit >>> .t-button');
    expect(textOf(page, IN_PAGE + '.editor-error--scope')).toEqual(['请至少选择一个单元']);
    expect(published()).toHaveLength(0);
  });

  test('the server’s refusals land on the fields', async () => {
    const page = await openEditor();
    await typeInto(page, 'editor-title', '停水通知');
    await typeInto(page, 'editor-body', '周末有人组织赌博');
    route('notice.publish', {
      ok: false,
      error: { code: 'CONTENT_RISKY', message: '内容涉及违法犯罪，请修改后再提交' },
    });
    await tap(page, IN_PAGE + '.editor-submit >>> .t-button');
    await settle();
    expect(textOf(page, IN_PAGE + '.editor-error--body')).toEqual(['内容涉及违法犯罪，请修改后再提交']);
    expect(wxMock().showToast).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '内容涉及违法犯罪，请修改后再提交' }),
    );
  });
});

describe('submitting', () => {
  test('publishes to the chosen units with the typed text and goes to 我发布的通知', async () => {
    const page = await openEditor();
    await tap(page, IN_PAGE + '.editor-scope >>> .t-radio', 1);
    await tap(page, IN_PAGE + '.editor-units >>> .t-checkbox', 2);
    await tap(page, IN_PAGE + '.editor-units >>> .t-checkbox', 1);
    await typeInto(page, 'editor-title', ' 2、3单元明日停水 ');
    await typeInto(page, 'editor-body', '请提前储水。');
    page.instance.onExpiryConfirm({ detail: { value: '2026-11-30' } });
    await settle();
    expect(textOf(page, IN_PAGE + '.editor-expiry >>> .t-cell__note')).toEqual(['2026-11-30']);
    route('notice.publish', { ok: true, data: { id: 'new', version: 1, held: false } });

    await tap(page, IN_PAGE + '.editor-submit >>> .t-button');
    await settle();

    expect(published()).toEqual([
      {
        name: 'notice',
        data: {
          action: 'publish',
          scope: { kind: 'units', buildingNo: 5, unitNos: [2, 3] },
          title: '2、3单元明日停水',
          body: '请提前储水。',
          images: [],
          attachments: [],
          pinned: false,
          urgent: false,
          expiresOn: '2026-11-30',
          requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
        },
      },
    ]);
    expect(wxMock().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '通知已发布' }));
    expect(wx().redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/notice-mine/index' });
  });

  test('a retry after a failed send carries the same request id (the server answers the first notice)', async () => {
    const page = await openEditor();
    await typeInto(page, 'editor-title', '停电通知');
    await typeInto(page, 'editor-body', '明天上午检修线路。');
    route('notice.publish', { ok: false, error: { code: 'INTERNAL', message: '网络不稳定，请稍后再试' } });
    await tap(page, IN_PAGE + '.editor-submit >>> .t-button');
    await settle();
    route('notice.publish', { ok: true, data: { id: 'n1', version: 1, held: false } });
    await tap(page, IN_PAGE + '.editor-submit >>> .t-button');
    await settle();
    const ids = published().map((sent) => (sent.data as { requestId?: string }).requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(ids[1]).toBe(ids[0]);
  });

  test('an urgent notice asks first, then publishes and says how many were reminded', async () => {
    const page = await openEditor();
    await typeInto(page, 'editor-title', '燃气泄漏排查');
    await typeInto(page, 'editor-body', '今晚入户排查，请留人在家。');
    page.instance.onUrgentChange({ detail: { value: true } });
    route('notice.publish', {
      ok: true,
      data: {
        id: 'u',
        version: 1,
        held: false,
        push: { recipients: 60, wechat: 3, inAppOnly: 57, queued: 0, failed: 0 },
      },
    });

    await tap(page, IN_PAGE + '.editor-submit >>> .t-button');
    expect(published()).toHaveLength(0);
    expect(page.instance.data.confirmVisible).toBe(true);
    expect(allText(page)).toContain('紧急通知会立即提醒5号楼的居民');

    page.instance.onConfirmUrgent();
    await settle();
    expect(published()[0]!.data).toMatchObject({
      action: 'publish',
      urgent: true,
      scope: { kind: 'buildings', buildingNos: [5] },
    });
    expect(wxMock().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已发布，已提醒60位居民' }));
  });

  test('uploads chosen images to the caller’s notice folder and sends their fileIDs', async () => {
    const page = await openEditor();
    (wx().chooseMedia as jest.Mock).mockResolvedValue({
      tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpeg' }],
      type: 'image',
    });
    route('storage.prepareUpload', {
      ok: true,
      data: [{ cloudPath: 'uploads/notice/abc/202611/x.jpg', maxBytes: 10485760 }],
    });
    await tap(page, IN_PAGE + '.editor-add-images >>> .t-button');
    await settle();

    expect(calls.find((c) => c.name === 'storage')!.data).toEqual({
      action: 'prepareUpload',
      domain: 'notice',
      exts: ['jpg'],
    });
    expect((wxMock().cloud as unknown as { uploadFile: jest.Mock }).uploadFile).toHaveBeenCalledWith({
      cloudPath: 'uploads/notice/abc/202611/x.jpg',
      filePath: 'wxfile://tmp/a.jpeg',
    });
    expect(page.querySelectorAll(IN_PAGE + '.editor-image')).toHaveLength(1);
    expect(textOf(page, IN_PAGE + '.editor-image__pending')).toEqual(['检测中']);

    await typeInto(page, 'editor-title', '楼道照片');
    await typeInto(page, 'editor-body', '请看照片。');
    route('notice.publish', { ok: true, data: { id: 'p', version: 1, held: false } });
    await tap(page, IN_PAGE + '.editor-submit >>> .t-button');
    await settle();
    expect(published()[0]!.data.images).toEqual(['cloud://env.bucket/uploads/notice/abc/202611/x.jpg']);
  });

  test('edits an existing notice with the version it started from', async () => {
    route('notice.detail', {
      ok: true,
      data: noticeDetail({
        id: 'n1',
        version: 3,
        canEdit: true,
        scope: { kind: 'units', buildingNo: 5, unitNos: [1] },
        attachments: [{ fileID: 'cloud://env.b/a.pdf', name: '安排.pdf', ext: 'pdf' }],
      }),
    });
    const page = await openEditor(secretaryTargets(), { id: 'n1' });
    expect(wx().setNavigationBarTitle).toHaveBeenCalledWith({ title: '修改通知' });
    expect(page.instance.data.form).toMatchObject({ scopeMode: 'units', unitNos: [1], title: '5号楼明日停水' });
    expect(textOf(page, IN_PAGE + '.editor-file__name')).toEqual(['安排.pdf']);

    await tap(page, IN_PAGE + '.editor-file .editor-remove');
    await typeInto(page, 'editor-title', '停水改到后天');
    route('notice.update', { ok: true, data: { id: 'n1', version: 4, held: false } });
    await tap(page, IN_PAGE + '.editor-submit >>> .t-button');
    await settle();

    expect(published()[0]!.data).toMatchObject({
      action: 'update',
      id: 'n1',
      version: 3,
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      title: '停水改到后天',
      attachments: [],
      scope: { kind: 'units', buildingNo: 5, unitNos: [1] },
    });
    expect(wxMock().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '通知已保存' }));
    expect(wx().navigateBack).toHaveBeenCalled();
  });

  test('a notice held for review is explained', async () => {
    const page = await openEditor();
    await typeInto(page, 'editor-title', '二手家具');
    await typeInto(page, 'editor-body', '有意者加微信');
    route('notice.publish', { ok: true, data: { id: 'h', version: 1, held: true } });
    await tap(page, IN_PAGE + '.editor-submit >>> .t-button');
    await settle();
    expect(wxMock().showToast).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '已发布，内容需人工复核，通过后居民才能看到' }),
    );
  });
});
