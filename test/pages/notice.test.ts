/**
 * The resident's notice pages (packages/notice) with real tdesign: the list, and the detail
 * with approved images, attachments opened by download + openDocument, the subscribe
 * control asking WeChat at the resident's tap, and elder mode.
 */
import { ELDER_STORAGE_KEY } from '../../miniprogram/behaviors/elder';
import {
  IN_PAGE,
  allText,
  mockCallFunction,
  renderPage,
  resetWx,
  setStorage,
  settle,
  tap,
  textOf,
  wxMock,
  type CallFunctionParam,
} from '../helpers/simulate';
import { feed, noticeDetail, noticeItem, noticeTemplates } from './notice-fixtures';

type Wx = Record<string, unknown>;
const wx = () => (globalThis as unknown as { wx: Wx }).wx;

/** The wx APIs these pages use beyond the shared mock. */
function installNoticeWx() {
  const mocks = {
    stopPullDownRefresh: jest.fn(),
    previewImage: jest.fn(),
    requestSubscribeMessage: jest.fn(),
    downloadFile: jest.fn((options: { success: (r: object) => void }) =>
      options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/file.pdf' }),
    ),
    openDocument: jest.fn((options: { success?: () => void }) => options.success?.()),
  };
  Object.assign(wx(), mocks);
  return mocks;
}

/** Answers each function call by `${name}.${action}`. */
function routeCalls(answers: Record<string, unknown>): jest.Mock {
  const mock = jest.fn(async (param: CallFunctionParam) => {
    const key = `${param.name}.${String(param.data.action)}`;
    if (!(key in answers)) throw new Error(`unexpected call ${key}`);
    return { errMsg: 'cloud.callFunction:ok', result: answers[key], requestID: 'test' };
  });
  wxMock().cloud.callFunction = mock;
  return mock;
}

let mocks: ReturnType<typeof installNoticeWx>;
beforeEach(() => {
  resetWx();
  mocks = installNoticeWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('通知列表', () => {
  test('lists ten at a time, loads more at the bottom, refreshes on pull-down', async () => {
    const callFunction = mockCallFunction(
      feed(
        Array.from({ length: 10 }, (_, i) => noticeItem({ id: `n${i}`, title: `通知${i}` })),
        { hasMore: true },
      ),
      feed([noticeItem({ id: 'n10', title: '通知10' })]),
      feed([noticeItem({ id: 'fresh', title: '最新通知' })]),
    );
    const page = renderPage('packages/notice/pages/list/index');
    page.instance.onShow();
    await settle();
    expect(callFunction).toHaveBeenCalledWith({ name: 'notice', data: { action: 'feed', page: 1, pageSize: 10 } });
    expect(textOf(page, IN_PAGE + '.notice-row__title')).toHaveLength(10);

    page.instance.onReachBottom();
    await settle();
    expect(textOf(page, IN_PAGE + '.notice-row__title')).toHaveLength(11);
    expect(allText(page)).toContain('没有更多通知了');

    await page.instance.onPullDownRefresh();
    await settle();
    expect(textOf(page, IN_PAGE + '.notice-row__title')).toEqual(['最新通知']);
    expect(mocks.stopPullDownRefresh).toHaveBeenCalled();
  });
});

describe('通知详情', () => {
  async function showDetail(answers: Record<string, unknown>, id = 'n1') {
    const callFunction = routeCalls(answers);
    const page = renderPage('packages/notice/pages/detail/index');
    page.instance.onLoad({ id });
    await settle();
    return { page, callFunction };
  }

  const PASSED = { fileID: 'cloud://env.b/uploads/notice/x/a.jpg', state: 'pass' as const, url: 'https://tmp/a.jpg' };

  test('shows the notice, its flags in words, its approved images and attachments', async () => {
    const { page, callFunction } = await showDetail({
      'notice.detail': {
        ok: true,
        data: noticeDetail({
          urgent: true,
          pinned: true,
          images: [PASSED],
          attachments: [{ fileID: 'cloud://env.b/f.pdf', name: '停水安排.pdf', ext: 'pdf', url: 'https://tmp/f.pdf' }],
        }),
      },
      'push.templates': { ok: true, data: noticeTemplates(0) },
    });

    expect(callFunction).toHaveBeenCalledWith({ name: 'notice', data: { action: 'detail', id: 'n1' } });
    expect(textOf(page, IN_PAGE + '.detail-title')).toEqual(['5号楼明日停水']);
    expect(textOf(page, IN_PAGE + '.detail-flags >>> .t-tag__text')).toEqual(['紧急', '置顶']);
    expect(textOf(page, IN_PAGE + '.detail-paragraph')).toEqual([
      '因管道检修，5号楼明天8:00至12:00停水，请提前储水。',
      '如有困难请联系楼栋党支部。',
    ]);
    expect(page.querySelectorAll(IN_PAGE + '.detail-image')).toHaveLength(1);
    expect(textOf(page, IN_PAGE + '.detail-section >>> .t-cell__title-text')).toEqual(['停水安排.pdf']);
    // A resident sees neither receipts nor editing.
    expect(allText(page)).not.toContain('查看已读情况');
    expect(allText(page)).not.toContain('修改通知');
  });

  test('enlarges an image on tap', async () => {
    const { page } = await showDetail({
      'notice.detail': { ok: true, data: noticeDetail({ images: [PASSED] }) },
      'push.templates': { ok: true, data: [] },
    });
    await tap(page, IN_PAGE + '.detail-image');
    expect(mocks.previewImage).toHaveBeenCalledWith({ urls: ['https://tmp/a.jpg'], current: 'https://tmp/a.jpg' });
  });

  test('opens an attachment with wx.downloadFile + wx.openDocument', async () => {
    const { page } = await showDetail({
      'notice.detail': {
        ok: true,
        data: noticeDetail({
          attachments: [{ fileID: 'cloud://env.b/f.pdf', name: '安排.pdf', ext: 'pdf', url: 'https://tmp/f.pdf' }],
        }),
      },
      'push.templates': { ok: true, data: [] },
    });
    await tap(page, IN_PAGE + '.detail-section >>> .t-cell');
    expect(mocks.downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://tmp/f.pdf' }));
    expect(mocks.openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://tmp/file.pdf', fileType: 'pdf', showMenu: true }),
    );
  });

  test('a failed download says so in words', async () => {
    mocks.downloadFile.mockImplementation((options: { fail?: () => void } & object) => {
      (options as { fail: () => void }).fail();
    });
    const { page } = await showDetail({
      'notice.detail': {
        ok: true,
        data: noticeDetail({
          attachments: [{ fileID: 'cloud://env.b/f.pdf', name: '安排.pdf', ext: 'pdf', url: 'https://tmp/f.pdf' }],
        }),
      },
      'push.templates': { ok: true, data: [] },
    });
    await tap(page, IN_PAGE + '.detail-section >>> .t-cell');
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '附件打开失败，请稍后再试' }));
  });

  test('订阅通知提醒 asks WeChat at the tap and records the answer', async () => {
    mocks.requestSubscribeMessage.mockImplementation((options: { success: (r: object) => void }) =>
      options.success({ errMsg: 'requestSubscribeMessage:ok', 'tpl-notice': 'accept' }),
    );
    const { page, callFunction } = await showDetail({
      'notice.detail': { ok: true, data: noticeDetail() },
      'push.templates': { ok: true, data: noticeTemplates(0) },
      'push.recordSubscriptions': { ok: true, data: noticeTemplates(1) },
    });
    expect(textOf(page, IN_PAGE + '.detail-subscribe__status')).toEqual(['订阅后，下一条紧急通知会通过微信提醒您']);

    await tap(page, IN_PAGE + '.detail-subscribe >>> .t-button');
    await settle();

    expect(mocks.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tpl-notice'] }));
    expect(callFunction).toHaveBeenCalledWith({
      name: 'push',
      data: { action: 'recordSubscriptions', answers: { 'tpl-notice': 'accept' }, requestId: expect.any(String) },
    });
    expect(textOf(page, IN_PAGE + '.detail-subscribe__status')).toEqual(['已订阅：还能收到 1 次紧急通知提醒']);
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '订阅成功，紧急通知会提醒您' }));
  });

  test('an answer whose send got no reply is sent again with the same request id', async () => {
    mocks.requestSubscribeMessage.mockImplementation((options: { success: (r: object) => void }) =>
      options.success({ errMsg: 'requestSubscribeMessage:ok', 'tpl-notice': 'accept' }),
    );
    const { page, callFunction } = await showDetail({
      'notice.detail': { ok: true, data: noticeDetail() },
      'push.templates': { ok: true, data: noticeTemplates(0) },
      'push.recordSubscriptions': { ok: true, data: noticeTemplates(1) },
    });
    // The first send is lost on the way (the server may have counted it).
    callFunction.mockImplementationOnce(() => Promise.reject(new Error('cloud.callFunction:fail timeout')));

    await tap(page, IN_PAGE + '.detail-subscribe >>> .t-button');
    await settle();

    const sent = callFunction.mock.calls
      .map(([param]) => (param as CallFunctionParam).data)
      .filter((data) => data.action === 'recordSubscriptions');
    expect(sent).toHaveLength(2);
    expect(sent[0]!.requestId).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/));
    expect(sent[1]!.requestId).toBe(sent[0]!.requestId);
    expect(textOf(page, IN_PAGE + '.detail-subscribe__status')).toEqual(['已订阅：还能收到 1 次紧急通知提醒']);
  });

  test('shows the notice even when the subscribe templates cannot load', async () => {
    const { page } = await showDetail({
      'notice.detail': { ok: true, data: noticeDetail() },
      'push.templates': { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } },
    });
    expect(textOf(page, IN_PAGE + '.detail-title')).toEqual(['5号楼明日停水']);
    expect(page.querySelectorAll(IN_PAGE + '.detail-subscribe')).toHaveLength(0);
  });

  test('a publisher sees the moderation state, pending images, receipts and editing', async () => {
    const { page } = await showDetail({
      'notice.detail': {
        ok: true,
        data: noticeDetail({
          moderation: 'review',
          images: [{ ...PASSED, state: 'pending' }],
          canEdit: true,
          canSeeReceipts: true,
        }),
      },
      'push.templates': { ok: true, data: [] },
    });
    expect(allText(page)).toContain('内容正在人工复核，通过后居民才能看到');
    expect(textOf(page, IN_PAGE + '.detail-image__pending')).toEqual(['审核中']);
    expect(allText(page)).toContain('有 1 张图片正在安全检测');

    await tap(page, IN_PAGE + '.detail-actions >>> .t-button', 0);
    expect(wxMock().navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/notice-receipts/index?id=n1' });
    await tap(page, IN_PAGE + '.detail-actions >>> .t-button', 1);
    expect(wxMock().navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/notice-editor/index?id=n1' });
  });

  test('a withdrawn or missing notice says so plainly', async () => {
    const { page } = await showDetail({
      'notice.detail': { ok: false, error: { code: 'NOT_FOUND', message: '该通知已撤回' } },
      'push.templates': { ok: true, data: [] },
    });
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['该通知已撤回']);

    const noId = renderPage('packages/notice/pages/detail/index');
    noId.instance.onLoad({});
    await settle();
    expect(textOf(noId, IN_PAGE + '.t-empty__description')).toEqual(['没有找到这条通知']);
  });

  test('honours elder mode', async () => {
    setStorage(ELDER_STORAGE_KEY, 'on');
    const { page } = await showDetail({
      'notice.detail': { ok: true, data: noticeDetail() },
      'push.templates': { ok: true, data: [] },
    });
    expect(page.querySelectorAll('.app-page.elder')).toHaveLength(1);
    const list = renderPage('packages/notice/pages/list/index');
    expect(list.querySelectorAll('.app-page.elder')).toHaveLength(1);
  });
});
