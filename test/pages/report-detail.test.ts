/**
 * 报事详情 (reporter and other residents) and 处理报事 (handlers), rendered with the real
 * tdesign components and the report-view component; the server is a routing mock.
 */
import type { ReportDetail } from '../../typings/domain/report';
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf, wxMock } from '../helpers/simulate';
import {
  can,
  called,
  installReportWx,
  lastInput,
  reportDetail,
  resolvedDetail,
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

const ID = 'RP261126-K7QD';

async function open(path: 'detail' | 'handle') {
  const page = renderPage(`packages/report/pages/${path}/index`);
  page.instance.onLoad({ id: ID });
  await settle();
  await settle();
  return page;
}

describe('报事详情', () => {
  test('shows the status in words, the report, who is responsible and the timeline', async () => {
    const calls = routeCalls({ 'report.detail': reportDetail() });
    const page = await open('detail');

    expect(lastInput(calls, 'report.detail')).toEqual({ id: ID });
    expect(textOf(page, IN_PAGE + '.rv-status >>> .t-tag__text')).toEqual(['已提交']);
    const text = allText(page);
    expect(text).toContain('公共设施 · 5号楼2单元 3层');
    expect(text).toContain('2单元3楼楼道灯不亮，晚上上下楼看不见');
    expect(text).toContain('负责5号楼党支部（2单元）');
    expect(textOf(page, IN_PAGE + '.rv-entry__title')).toEqual(['已提交']);
    expect(page.querySelectorAll(IN_PAGE + '.rv-photos .rp-photo')).toHaveLength(1);
  });

  test('a photo still being checked is said in words to its owner', async () => {
    routeCalls({
      'report.detail': reportDetail({ images: [{ fileID: 'cloud://x/1.jpg', state: 'pending' }] }),
    });
    const page = await open('detail');
    expect(textOf(page, IN_PAGE + '.rp-photo__note')).toEqual(['审核中']);
  });

  test('the reporter confirms a fix with a rating and a comment', async () => {
    const calls = routeCalls({
      'report.detail': resolvedDetail(),
      'report.confirm': resolvedDetail({
        status: 'confirmed',
        statusLabel: '已确认',
        rating: { stars: 4, comment: '挺快的' },
        autoCloseLabel: undefined,
        can: can(),
      }),
    });
    const page = await open('detail');

    expect(textOf(page, IN_PAGE + '.rv-status >>> .t-tag__text')).toEqual(['待您确认']);
    expect(allText(page)).toContain('请在12月4日前确认，逾期将自动关闭');
    expect(allText(page)).toContain('已更换灯泡');

    await tap(page, IN_PAGE + '.detail-open-confirm >>> .t-button');
    await tap(page, IN_PAGE + '.detail-confirm-submit >>> .t-button');
    expect(textOf(page, IN_PAGE + '.detail-form-error')).toEqual(['请选择您满意不满意']);
    // tdesign's rating control, its meaning said in words under it.
    expect(page.querySelectorAll(IN_PAGE + '.detail-rate >>> .t-rate__icon')).toHaveLength(5);
    expect(textOf(page, IN_PAGE + '.detail-rate__word')).toEqual(['点星星打分：5星最满意']);
    expect(called(calls)).not.toContain('report.confirm');

    page.instance.onRateChange({ detail: { value: 4 } });
    page.instance.onCommentChange({ detail: { value: '挺快的 ' } });
    await settle();
    expect(textOf(page, IN_PAGE + '.detail-rate__word')).toEqual(['4星 满意']);
    await tap(page, IN_PAGE + '.detail-confirm-submit >>> .t-button');
    await settle();

    expect(lastInput(calls, 'report.confirm')).toEqual({ id: ID, stars: 4, comment: '挺快的' });
    expect(textOf(page, IN_PAGE + '.rv-status >>> .t-tag__text')).toEqual(['已确认']);
    expect(allText(page)).toContain('报事人评价：4 星');
    expect(page.querySelectorAll(IN_PAGE + '.detail-open-confirm')).toHaveLength(0);
  });

  test('the reporter reopens with a reason', async () => {
    const calls = routeCalls({
      'report.detail': resolvedDetail(),
      'report.reopen': resolvedDetail({ status: 'in_progress', statusLabel: '处理中', reopensLeft: 0, can: can() }),
    });
    const page = await open('detail');
    await tap(page, IN_PAGE + '.detail-open-reopen >>> .t-button');
    await tap(page, IN_PAGE + '.detail-reopen-submit >>> .t-button');
    expect(textOf(page, IN_PAGE + '.detail-form-error')).toEqual(['请说一下还有什么问题']);
    page.instance.onReasonChange({ detail: { value: '灯还是不亮' } });
    await tap(page, IN_PAGE + '.detail-reopen-submit >>> .t-button');
    await settle();
    expect(lastInput(calls, 'report.reopen')).toEqual({ id: ID, reason: '灯还是不亮' });
    expect(textOf(page, IN_PAGE + '.rv-status >>> .t-tag__text')).toEqual(['处理中']);
  });

  test('the reporter withdraws after confirming in a dialog', async () => {
    const calls = routeCalls({
      'report.detail': reportDetail(),
      'report.withdraw': reportDetail({ status: 'withdrawn', statusLabel: '已撤回', can: can() }),
    });
    const page = await open('detail');
    await tap(page, IN_PAGE + '.detail-withdraw >>> .t-button');
    await settle();
    expect(wxx.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回报事' }));
    expect(lastInput(calls, 'report.withdraw')).toEqual({ id: ID });
    expect(textOf(page, IN_PAGE + '.rv-status >>> .t-tag__text')).toEqual(['已撤回']);
  });

  test('another resident sees no reporter and says 我也遇到了 once', async () => {
    const calls = routeCalls({
      'report.detail': reportDetail({ viewer: 'public', own: false, can: can({ metoo: true }), metoo: 1 }),
      'report.metoo': { metoo: 2 },
    });
    const page = await open('detail');
    expect(allText(page)).not.toContain('报事人（');
    await tap(page, IN_PAGE + '.detail-metoo >>> .t-button');
    await settle();
    expect(lastInput(calls, 'report.metoo')).toEqual({ id: ID });
    expect(allText(page)).toContain('您已反馈“我也遇到了”');
    expect(allText(page)).toContain('同样遇到2人');
    expect(page.querySelectorAll(IN_PAGE + '.detail-metoo')).toHaveLength(0);
  });

  test('a handler is sent to the handling page', async () => {
    routeCalls({ 'report.detail': reportDetail({ viewer: 'handler', can: can({ accept: true }) }) });
    const page = await open('detail');
    await tap(page, IN_PAGE + '.detail-handle >>> .t-button');
    expect(wxMock().navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: `/packages/report/pages/handle/index?id=${ID}` }),
    );
  });

  test('a report the caller may not see says so plainly', async () => {
    routeCalls({ 'report.detail': { ok: false, error: { code: 'NOT_FOUND', message: '报事不存在或已删除' } } });
    const page = await open('detail');
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['报事不存在或已删除']);
  });

  test('tapping a photo enlarges it', async () => {
    routeCalls({ 'report.detail': reportDetail() });
    const page = await open('detail');
    await tap(page, IN_PAGE + '.rv-photos .rp-photo__img');
    expect(wxx.previewImage).toHaveBeenCalledWith({
      urls: ['https://files.example/1.jpg'],
      current: 'https://files.example/1.jpg',
    });
  });
});

describe('处理报事', () => {
  const handlerView = (overrides: Partial<ReportDetail> = {}) =>
    reportDetail({
      viewer: 'handler',
      reporter: { name: '林晓燕', phone: '13800000101', address: '5号楼2单元301' },
      can: can({ accept: true, decline: true, reassign: true, note: true }),
      reassignTargets: [
        { key: 'staff', label: '社区工作人员', to: { kind: 'staff' } },
        { key: 'team:team01', label: '环境美化志愿服务队', to: { kind: 'team', teamId: 'team01' } },
      ],
      ...overrides,
    });

  test('shows who reported it with a call button, and accepts', async () => {
    const calls = routeCalls({
      'report.detail': handlerView(),
      'report.accept': handlerView({
        status: 'accepted',
        statusLabel: '已受理',
        assigneeLabel: '5号楼党支部书记 吴国强',
        can: can({ start: true, resolve: true, decline: true, reassign: true, note: true }),
      }),
    });
    const page = await open('handle');

    expect(allText(page)).toContain('报事人（仅处理人员可见）');
    expect(allText(page)).toContain('林晓燕');
    expect(allText(page)).toContain('5号楼2单元301');
    await tap(page, IN_PAGE + '.handle-call >>> .t-button');
    expect(wxx.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800000101' });

    await tap(page, IN_PAGE + '.handle-accept >>> .t-button');
    await settle();
    expect(lastInput(calls, 'report.accept')).toEqual({ id: ID });
    expect(textOf(page, IN_PAGE + '.rv-status >>> .t-tag__text')).toEqual(['已受理']);
    expect(page.querySelectorAll(IN_PAGE + '.handle-resolve')).toHaveLength(1);
    expect(page.querySelectorAll(IN_PAGE + '.handle-accept')).toHaveLength(0);
  });

  test('resolves with a note and a photo of the fix', async () => {
    const calls = routeCalls({
      'report.detail': handlerView({ status: 'in_progress', can: can({ resolve: true }) }),
      'report.resolve': handlerView({ status: 'resolved', statusLabel: '已解决', can: can({ note: true }) }),
      'storage.prepareUpload': [{ cloudPath: 'uploads/report/sec/202611/fix.jpg', maxBytes: 5242880 }],
    });
    const page = await open('handle');
    await tap(page, IN_PAGE + '.handle-resolve >>> .t-button');
    await tap(page, IN_PAGE + '.handle-submit >>> .t-button');
    expect(textOf(page, IN_PAGE + '.handle-form-error')).toEqual(['请写一句处理结果，报事人会看到']);

    page.instance.onTextChange({ detail: { value: '已更换灯泡' } });
    await tap(page, IN_PAGE + '.handle-add-photo');
    await settle();
    await tap(page, IN_PAGE + '.handle-submit >>> .t-button');
    await settle();

    expect(lastInput(calls, 'report.resolve')).toEqual({
      id: ID,
      note: '已更换灯泡',
      images: ['cloud://env.bucket/uploads/report/sec/202611/fix.jpg'],
    });
    expect(textOf(page, IN_PAGE + '.rv-status >>> .t-tag__text')).toEqual(['已解决']);
  });

  test('marks a duplicate with the original’s number', async () => {
    const calls = routeCalls({
      'report.detail': handlerView(),
      'report.decline': handlerView({ status: 'duplicate', statusLabel: '重复', can: can() }),
    });
    const page = await open('handle');
    await tap(page, IN_PAGE + '.handle-decline >>> .t-button');
    page.instance.onOutcomeChange({ detail: { value: 'duplicate' } });
    await settle();
    page.instance.onDuplicateChange({ detail: { value: ' rp261120-abcd ' } });
    page.instance.onTextChange({ detail: { value: '已有人报过' } });
    await tap(page, IN_PAGE + '.handle-submit >>> .t-button');
    await settle();
    expect(lastInput(calls, 'report.decline')).toEqual({
      id: ID,
      outcome: 'duplicate',
      reason: '已有人报过',
      duplicateOf: 'RP261120-ABCD',
    });
  });

  test('hands over to a volunteer team with an internal note', async () => {
    const calls = routeCalls({
      'report.detail': handlerView(),
      'report.reassign': handlerView({ assignmentLabel: '环境美化志愿服务队', can: can({ note: true }) }),
    });
    const page = await open('handle');
    await tap(page, IN_PAGE + '.handle-reassign >>> .t-button');
    expect(textOf(page, IN_PAGE + '.handle-targets >>> .t-radio__title')).toEqual([
      '社区工作人员',
      '环境美化志愿服务队',
    ]);
    await tap(page, IN_PAGE + '.handle-submit >>> .t-button');
    expect(textOf(page, IN_PAGE + '.handle-form-error')).toEqual(['请选择转交给谁']);
    page.instance.onTargetChange({ detail: { value: 'team:team01' } });
    page.instance.onTextChange({ detail: { value: '请周六清理' } });
    await tap(page, IN_PAGE + '.handle-submit >>> .t-button');
    await settle();
    expect(lastInput(calls, 'report.reassign')).toEqual({
      id: ID,
      to: { kind: 'team', teamId: 'team01' },
      note: '请周六清理',
    });
  });

  test('writes an internal note, marked as such on the timeline', async () => {
    const noted = handlerView({
      timeline: [
        ...reportDetail().timeline,
        {
          id: 't9',
          kind: 'note',
          title: '内部备注',
          text: '电工明天来',
          actorLabel: '5号楼党支部书记 吴国强',
          at: '2026-11-26T02:00:00.000Z',
          atLabel: '2026-11-26 10:00',
          internal: true,
          images: [],
        },
      ],
    });
    const calls = routeCalls({ 'report.detail': handlerView(), 'report.note': noted });
    const page = await open('handle');
    await tap(page, IN_PAGE + '.handle-note >>> .t-button');
    page.instance.onTextChange({ detail: { value: '电工明天来' } });
    await tap(page, IN_PAGE + '.handle-submit >>> .t-button');
    await settle();
    expect(lastInput(calls, 'report.note')).toEqual({ id: ID, text: '电工明天来' });
    expect(textOf(page, IN_PAGE + '.rv-entry__title')[0]).toBe('内部备注（仅处理人员可见）');
  });

  test('someone who does not handle it is told so', async () => {
    routeCalls({ 'report.detail': reportDetail({ viewer: 'public' }) });
    const page = await open('handle');
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['您不负责处理这条报事']);
  });
});
