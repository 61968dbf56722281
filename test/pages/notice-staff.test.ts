/**
 * The publisher's 我发布的通知 and 已读情况 pages with real tdesign: read counts and states in
 * words, withdrawal behind a confirm dialog, unread households to call, unreachable
 * residents, and the Excel export opened on the phone.
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
} from '../helpers/simulate';
import { myNotice, noticeReceipts } from './notice-fixtures';

type Wx = Record<string, unknown>;
const wx = () => (globalThis as unknown as { wx: Wx }).wx;

let calls: CallFunctionParam[];
let answers: Record<string, unknown[]>;

/** Queues answers per `${function}.${action}`; the last one repeats. */
function route(key: string, ...results: unknown[]) {
  answers[key] = results;
}

beforeEach(() => {
  resetWx();
  calls = [];
  answers = {};
  wxMock().cloud.callFunction = jest.fn(async (param: CallFunctionParam) => {
    calls.push(param);
    const queue = answers[`${param.name}.${String(param.data.action)}`];
    if (!queue) throw new Error(`unexpected call ${param.name}.${String(param.data.action)}`);
    const result = queue.length > 1 ? queue.shift() : queue[0];
    return { errMsg: 'cloud.callFunction:ok', result, requestID: 'test' };
  });
  Object.assign(wx(), {
    stopPullDownRefresh: jest.fn(),
    makePhoneCall: jest.fn(),
    downloadFile: jest.fn((options: { filePath: string; success: (r: object) => void }) =>
      options.success({ statusCode: 200, filePath: options.filePath, tempFilePath: '' }),
    ),
    openDocument: jest.fn((options: { success?: () => void }) => options.success?.()),
    env: { USER_DATA_PATH: 'wxfile://usr' },
  });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('我发布的通知', () => {
  const mine = (items = [myNotice()], extra: object = {}) => ({
    ok: true,
    data: { items, hasMore: false, canSeeAll: false, ...extra },
  });

  async function showMine() {
    const page = renderPage('packages/staff/pages/notice-mine/index');
    page.instance.onShow();
    await settle();
    return page;
  }

  test('lists each notice with its state in words, read households and the push outcome', async () => {
    route(
      'notice.mine',
      mine([
        myNotice({
          urgent: true,
          readCount: 21,
          householdCount: 84,
          push: { state: 'sent', summary: { recipients: 60, wechat: 3, inAppOnly: 57, queued: 0, failed: 0 } },
        }),
        myNotice({ id: 'n2', title: '待复核的通知', moderation: 'review', push: { state: 'pending' } }),
        myNotice({ id: 'n3', title: '撤回的通知', state: 'withdrawn', canEdit: false }),
      ]),
    );
    const page = await showMine();

    expect(calls[0]!.data).toEqual({ action: 'mine', page: 1 });
    expect(textOf(page, IN_PAGE + '.mine-row__title')).toEqual(['5号楼明日停水', '待复核的通知', '撤回的通知']);
    expect(textOf(page, IN_PAGE + '.mine-row__reads-text')).toEqual(['已读 21 / 84 户', '已读 12 / 84 户']);
    expect(textOf(page, IN_PAGE + '.mine-row__push')).toEqual([
      '紧急提醒：微信提醒 3 人，仅站内消息 57 人',
      '紧急提醒：复核通过后发送',
    ]);
    const tags = textOf(page, IN_PAGE + '.mine-row__flags >>> .t-tag__text');
    expect(tags).toEqual(['已发布', '紧急', '复核中', '已撤回']);
    // A withdrawn notice can no longer be edited or withdrawn.
    expect(page.querySelectorAll(IN_PAGE + '.mine-withdraw')).toHaveLength(2);
  });

  test('撤回 asks in a dialog; confirming withdraws and reloads', async () => {
    route('notice.mine', mine(), mine([myNotice({ state: 'withdrawn', canEdit: false })]));
    route('notice.withdraw', { ok: true, data: { id: 'n1' } });
    const page = await showMine();

    await tap(page, IN_PAGE + '.mine-withdraw >>> .t-button');
    expect(allText(page)).toContain('撤回后居民将看不到“5号楼明日停水”，它的图片和附件也会删除');
    expect(calls.some((c) => c.data.action === 'withdraw')).toBe(false);

    await page.instance.onConfirmWithdraw();
    await settle();
    expect(calls.find((c) => c.data.action === 'withdraw')!.data).toEqual({ action: 'withdraw', id: 'n1' });
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '通知已撤回' }));
    expect(textOf(page, IN_PAGE + '.mine-row__flags >>> .t-tag__text')).toEqual(['已撤回']);
  });

  test('cancelling the dialog withdraws nothing', async () => {
    route('notice.mine', mine());
    const page = await showMine();
    await tap(page, IN_PAGE + '.mine-withdraw >>> .t-button');
    page.instance.onCancelWithdraw();
    await settle();
    expect(calls.some((c) => c.data.action === 'withdraw')).toBe(false);
    expect(page.instance.data.withdrawing).toBeNull();
  });

  test('opens receipts and the editor; staff may switch to everyone’s notices', async () => {
    route('notice.mine', mine([myNotice()], { canSeeAll: true }));
    const page = await showMine();
    await tap(page, IN_PAGE + '.mine-receipts >>> .t-button');
    expect(wxMock().navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/notice-receipts/index?id=n1' });
    await tap(page, IN_PAGE + '.mine-edit >>> .t-button');
    expect(wxMock().navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/notice-editor/index?id=n1' });

    expect(textOf(page, IN_PAGE + '.mine-view >>> .t-radio__title')).toEqual(['我发布的', '全部通知']);
    await tap(page, IN_PAGE + '.mine-view >>> .t-radio', 1);
    await settle();
    expect(calls[calls.length - 1]!.data).toEqual({ action: 'mine', page: 1, all: true });
  });
});

describe('已读情况', () => {
  async function showReceipts(result: unknown = { ok: true, data: noticeReceipts() }) {
    route('notice.receipts', result);
    const page = renderPage('packages/staff/pages/notice-receipts/index');
    page.instance.onLoad({ id: 'n1' });
    await settle();
    return page;
  }

  test('says how many households have read it, and lists the unread doors with residents to call', async () => {
    const page = await showReceipts();
    expect(textOf(page, IN_PAGE + '.receipts-head__summary')).toEqual(['已读 2 户，共 84 户']);
    expect(textOf(page, IN_PAGE + '.receipts-head__detail')).toEqual(['其中 60 户有登记居民；还有 2 户未读']);
    expect(textOf(page, IN_PAGE + '.receipts-unread .receipts-row__address')).toEqual([
      '5号楼1单元101',
      '5号楼1单元102',
    ]);
    expect(textOf(page, IN_PAGE + '.receipts-row__none')).toEqual(['无登记居民，请上门告知']);

    await tap(page, IN_PAGE + '.receipts-call');
    expect(wx().makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800000101' });
  });

  test('lists who the urgent reminder did not reach, and why', async () => {
    const page = await showReceipts();
    expect(textOf(page, IN_PAGE + '.receipts-tabs >>> .t-radio__title')).toEqual(['未读住户（2）', '未收到提醒（1）']);
    await tap(page, IN_PAGE + '.receipts-tabs >>> .t-radio', 1);

    expect(textOf(page, IN_PAGE + '.receipts-unreachable .receipts-row__address')).toEqual(['钱长海 · 5号楼3单元201']);
    expect(allText(page)).toContain('没有使用微信');
    expect(allText(page)).toContain('家里还没有人看');
  });

  test('exports the unread list and opens it as an Excel file', async () => {
    route('notice.exportUnread', {
      ok: true,
      data: {
        fileID: 'cloud://x.xlsx',
        url: 'https://tmp/x.xlsx',
        fileName: '未读住户-停水-20261126-0900.xlsx',
        rows: 2,
      },
    });
    const page = await showReceipts();
    await tap(page, IN_PAGE + '.receipts-export >>> .t-button');
    await settle();

    expect(calls.find((c) => c.data.action === 'exportUnread')!.data).toEqual({ action: 'exportUnread', id: 'n1' });
    expect(wx().downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'https://tmp/x.xlsx',
        filePath: 'wxfile://usr/未读住户-停水-20261126-0900.xlsx',
      }),
    );
    expect(wx().openDocument).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: 'wxfile://usr/未读住户-停水-20261126-0900.xlsx',
        fileType: 'xlsx',
        showMenu: true,
      }),
    );
  });

  test('a viewer outside the building is told plainly', async () => {
    const page = await showReceipts({
      ok: false,
      error: { code: 'FORBIDDEN', message: '您只能查看自己负责楼栋的已读情况' },
    });
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['您只能查看自己负责楼栋的已读情况']);
  });
});
