/**
 * 服务 pages with the real tdesign components and wx.cloud.callFunction routed by action:
 * what each page shows when the network fails or nothing matches, elder mode, the
 * handbook editor's form, 需补材料 told at once, opening slots, and refusals in words.
 */
import { routeAnswers as route } from './route';
import type { CallFunctionParam } from '../helpers/simulate';
import {
  IN_PAGE,
  allText,
  failCallFunction,
  renderPage,
  resetWx,
  setFontScale,
  settle,
  tap,
  textOf,
  wxMock,
} from '../helpers/simulate';
import type { EditorView, ItemContent, RecordView, SearchView, DayView } from '../../typings/domain/service';
import { emptyMaterial, formProblem, toContent, toForm } from '../../miniprogram/packages/service/lib/item-form';

function calls(mock: jest.Mock, key: string): Array<Record<string, unknown>> {
  return mock.mock.calls
    .map(([param]) => param as CallFunctionParam)
    .filter((param) => `${param.name}.${String(param.data.action)}` === key)
    .map((param) => param.data);
}

const wxExtra = () => (globalThis as unknown as { wx: Record<string, unknown> }).wx;

beforeEach(() => {
  resetWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  Object.assign(wxExtra(), {
    stopPullDownRefresh: jest.fn(),
    setNavigationBarTitle: jest.fn(),
    showModal: jest.fn(),
  });
});
afterEach(() => jest.restoreAllMocks());

const CONTENT: ItemContent = {
  title: '老年人优待证办理',
  aliases: ['老年证'],
  category: '养老服务',
  summary: '年满60周岁的老年人可办理优待证。',
  lifeEvents: ['senior'],
  window: 'community',
  clause: 'CSHY/FW-4.2.1',
  eligibility: ['年满60周岁'],
  materials: [
    { name: '本人居民身份证', copies: 1, original: true, optional: false },
    { name: '一寸照片', copies: 1, original: true, optional: true, note: '可现场拍' },
  ],
  steps: ['填表', '拍照', '制证'],
  timeLimit: { kind: 'minutes', value: 20 },
  fee: '免费',
  place: '社区党群服务中心一楼',
  hours: '周一至周五',
  post: '养老服务岗',
  bookable: true,
};

function search(overrides: Partial<SearchView> = {}): SearchView {
  return {
    query: '',
    items: [],
    lifeEvents: [{ key: 'senior', label: '老年人优待与养老', icon: 'user-1', countLabel: '6项' }],
    windows: [{ key: 'community', label: '社区综合服务窗口', place: '一楼', hours: '周一至周五' }],
    ...overrides,
  };
}

describe('办事指南', () => {
  test('a failed load says so in words with 重新加载, and retries', async () => {
    failCallFunction();
    const page = renderPage('packages/service/pages/index/index');
    page.instance.onLoad({});
    await settle();
    await settle();
    expect(allText(page)).toContain('网络不太顺畅');
    const mock = route({ 'service.search': () => search() });
    await tap(page, IN_PAGE + '.app-state >>> .t-button');
    await settle();
    expect(calls(mock, 'service.search')).toHaveLength(1);
    expect(textOf(page, IN_PAGE + '.guide-event__label')).toEqual(['老年人优待与养老']);
  });

  test('nothing found: an honest empty state pointing to the window', async () => {
    route({ 'service.search': (data) => search({ query: String(data.query) }) });
    const page = renderPage('packages/service/pages/index/index');
    page.instance.onLoad({ q: 'xyz' });
    await settle();
    await settle();
    expect(allText(page)).toContain('“xyz”的搜索结果（0项）');
    expect(allText(page)).toContain('没有找到。换个说法试试，或直接到社区综合服务窗口问。');
  });

  test('staff from the desk edit items instead of reading them', async () => {
    route({
      'service.search': () =>
        search({
          items: [
            {
              id: 'svc-youdai',
              title: '老年人优待证办理',
              category: '养老服务',
              summary: '',
              window: 'community',
              windowLabel: '社区综合服务窗口',
              timeLimitLabel: '当场办结',
              materialsLabel: '需带1样材料',
              clause: 'CSHY/FW-4.2.1',
            },
          ],
        }),
    });
    const page = renderPage('packages/service/pages/index/index');
    page.instance.onLoad({ manage: '1' });
    await settle();
    await settle();
    expect(allText(page)).toContain('新增事项');
    await tap(page, IN_PAGE + '.guide-item >>> .t-cell');
    expect(wxMock().navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/packages/service/pages/editor/index?id=svc-youdai' }),
    );
  });
});

describe('取号', () => {
  test('elder mode at a large font; a cancelled scan takes nothing; a stale code is refused in words', async () => {
    setFontScale(1.3);
    const mock = route({
      'service.myTickets': () => ({ tickets: [] }),
      'service.takeNumber': () => ({
        ok: false,
        error: { code: 'CONFLICT', message: '这是以前的取号二维码，请扫描窗口今天显示的二维码' },
      }),
    });
    const page = renderPage('packages/service/pages/ticket/index');
    page.instance.onLoad({});
    page.instance.onShow();
    await settle();
    await settle();
    expect(page.instance.data.rootClass).toBe('app-page elder');
    expect(allText(page)).toContain('今天还没有取号');
    wxExtra().scanCode = jest.fn(async () => {
      throw Object.assign(new Error('scanCode:fail cancel'), { errMsg: 'scanCode:fail cancel' });
    });
    await tap(page, IN_PAGE + '.ticket-scan >>> .t-button');
    await settle();
    expect(calls(mock, 'service.takeNumber')).toHaveLength(0);
    wxExtra().scanCode = jest.fn(async () => ({ result: 'CSSVC|bank|2000-01-01|aaaaaaaaaaaaaaaa' }));
    await tap(page, IN_PAGE + '.ticket-scan >>> .t-button');
    await settle();
    await settle();
    expect(wxMock().showToast).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '这是以前的取号二维码，请扫描窗口今天显示的二维码' }),
    );
    page.instance.onUnload();
  });
});

describe('办件: 需补材料 is told at once', () => {
  function record(overrides: Partial<RecordView> = {}): RecordView {
    return {
      id: 'rec-1',
      window: 'community',
      windowLabel: '社区综合服务窗口',
      item: { id: 'svc-youdai', title: '老年人优待证办理', clause: 'CSHY/FW-4.2.1' },
      person: { name: '周玉梅' },
      staff: { id: 'r-demo-staff', name: '何静怡' },
      status: 'received',
      badge: { text: '已受理', theme: 'primary', icon: 'time' },
      openedAtLabel: '今天 10:00',
      timeLimitLabel: '当场办结（约20分钟）',
      dueLabel: '今天 10:20前办结',
      overdue: false,
      missing: [],
      canRate: false,
      ...overrides,
    };
  }

  test('ticks the item’s materials and a typed one, sends them together, the clock stops', async () => {
    const mock = route({
      'service.record': () => record(),
      'service.item': () => ({ ...CONTENT, id: 'svc-youdai', materials: CONTENT.materials }),
      'service.updateRecord': (data) =>
        record({
          status: 'needs_materials',
          badge: { text: '需补材料', theme: 'warning', icon: 'file-add' },
          dueLabel: '等待补齐材料，补齐后重新计时',
          missing: data.missing as string[],
        }),
    });
    const page = renderPage('packages/service/pages/record/index');
    page.instance.onLoad({ id: 'rec-1' });
    await settle();
    await settle();
    expect(textOf(page, IN_PAGE + '.record-clock')).toEqual(['今天 10:20前办结']);
    await tap(page, IN_PAGE + '.record-actions >>> .t-button', 1);
    await settle();
    expect(textOf(page, IN_PAGE + '.record-ask >>> .t-checkbox__title')).toEqual(['本人居民身份证', '一寸照片']);
    await tap(page, IN_PAGE + '.record-ask >>> .t-checkbox', 1);
    page.instance.onTyped({ detail: { value: '户口簿、 结婚证' } });
    await tap(page, IN_PAGE + '.record-ask .svc-actions >>> .t-button');
    await settle();
    expect(calls(mock, 'service.updateRecord')[0]).toMatchObject({
      recordId: 'rec-1',
      status: 'needs_materials',
      missing: ['一寸照片', '户口簿', '结婚证'],
    });
    expect(allText(page)).toContain('需补：一寸照片、户口簿、结婚证');
    expect(allText(page)).toContain('材料已补齐（重新计时）');
  });

  test('an overdue record says so in words and with an icon, not colour alone', async () => {
    route({
      'service.record': () =>
        record({
          overdue: true,
          badge: { text: '已超时', theme: 'danger', icon: 'error-circle' },
          dueLabel: '已超时 40分钟（应于今天 10:20前办结）',
        }),
    });
    const page = renderPage('packages/service/pages/record/index');
    page.instance.onLoad({ id: 'rec-1' });
    await settle();
    await settle();
    expect(allText(page)).toContain('已超时');
    expect(textOf(page, IN_PAGE + '.record-clock')).toEqual(['已超时 40分钟（应于今天 10:20前办结）']);
    expect(page.querySelectorAll(IN_PAGE + '.record-clock >>> .t-icon-error-circle')).toHaveLength(1);
  });
});

describe('编辑办事指南', () => {
  function editor(overrides: Partial<EditorView> = {}): EditorView {
    return {
      itemId: 'svc-youdai',
      version: 2,
      content: CONTENT,
      lifeEvents: [{ key: 'senior', label: '老年人优待与养老' }],
      windows: [{ key: 'community', label: '社区综合服务窗口' }],
      history: [],
      photoUrls: {},
      ...overrides,
    };
  }

  test('the form round-trips the standard, and says what is missing before sending', () => {
    const form = toForm(CONTENT);
    expect(form.aliases).toBe('老年证');
    expect(form.steps).toBe('填表\n拍照\n制证');
    expect(toContent(form)).toEqual(CONTENT);
    expect(formProblem(form)).toBe('请写明这次改了什么');
    expect(formProblem({ ...form, note: '改时限', steps: ' \n ' })).toBe('请填写办理流程');
    const added = toContent({
      ...form,
      aliases: '老年证， 敬老卡',
      materials: [...form.materials, { ...emptyMaterial(), name: '户口簿', copies: '2' }, emptyMaterial()],
    });
    expect(added.aliases).toEqual(['老年证', '敬老卡']);
    expect(added.materials[2]).toEqual({ name: '户口簿', copies: 2, original: true, optional: false });
    expect(added.materials).toHaveLength(3);
  });

  test('sends a proposal on the version it was written against', async () => {
    const mock = route({
      'service.editor': () => editor(),
      'service.propose': (data) => ({
        id: 'rev-1',
        itemId: 'svc-youdai',
        title: (data.content as ItemContent).title,
        isNew: false,
        baseVersion: 2,
        note: String(data.note),
        changes: ['办结时限'],
        authorName: '何静怡',
        createdAtLabel: '',
        state: 'pending',
        badge: { text: '待审核', theme: 'warning', icon: 'time' },
        canReview: false,
        content: data.content,
      }),
    });
    const page = renderPage('packages/service/pages/editor/index');
    page.instance.onLoad({ id: 'svc-youdai' });
    await settle();
    await settle();
    expect(allText(page)).toContain('请写明这次改了什么');
    page.instance.set('limitValue', '10');
    page.instance.set('note', '现场可查询，时限缩短');
    await settle();
    expect(page.instance.data.problem).toBe('');
    await tap(page, IN_PAGE + '.app-actions >>> .t-button', 1);
    await settle();
    await settle();
    expect(calls(mock, 'service.propose')[0]).toMatchObject({
      itemId: 'svc-youdai',
      baseVersion: 2,
      note: '现场可查询，时限缩短',
      content: { timeLimit: { kind: 'minutes', value: 10 } },
    });
    expect(allText(page)).toContain('已提交审核');
  });

  test('a proposal waiting for review blocks another one, in words', async () => {
    route({
      'service.editor': () =>
        editor({
          pending: {
            id: 'rev-0',
            itemId: 'svc-youdai',
            title: '老年人优待证办理',
            isNew: false,
            baseVersion: 2,
            note: '时限缩短',
            changes: ['办结时限'],
            authorName: '何静怡',
            createdAtLabel: '',
            state: 'pending',
            badge: { text: '待审核', theme: 'warning', icon: 'time' },
            canReview: true,
            content: CONTENT,
          },
        }),
    });
    const page = renderPage('packages/service/pages/editor/index');
    page.instance.onLoad({ id: 'svc-youdai' });
    await settle();
    await settle();
    expect(textOf(page, IN_PAGE + '.editor-pending')[0]).toContain('何静怡提交的修订稿正在等待审核');
  });
});

/** The 金融服务站's day, with the given slots. */
function bankDay(slots: DayView['slots'] = []): DayView {
  return {
    window: { key: 'bank', label: '金融服务站', place: '', hours: '' },
    date: '2031-03-05',
    dateLabel: '3月5日 周三',
    prevDate: '2031-03-04',
    nextDate: '2031-03-06',
    slots,
    counts: {
      booked: slots.reduce((sum, slot) => sum + slot.capacity - slot.left, 0),
      arrived: 0,
      served: 0,
      cancelled: 0,
    },
    windows: [{ key: 'bank', label: '金融服务站' }],
    items: [],
    canReview: false,
  };
}

describe('开放号源', () => {
  const day = () =>
    bankDay([
      {
        id: 'bank_2031-03-05_0900',
        window: 'bank',
        date: '2031-03-05',
        timeLabel: '09:00–09:30',
        capacity: 2,
        left: 1,
        leftLabel: '余1个',
        bookable: true,
        bookings: [],
      },
    ]);

  test('lists the standard half hours, never below what is booked, and saves the opened ones', async () => {
    const mock = route({ 'service.day': () => day(), 'service.saveSlots': () => day() });
    const page = renderPage('packages/service/pages/slots/index');
    page.instance.onLoad({ window: 'bank', date: '2031-03-05' });
    await settle();
    await settle();
    const rows = textOf(page, IN_PAGE + '.slots-row');
    expect(rows).toHaveLength(10);
    expect(rows[0]).toContain('已约1人');
    // 少一个 on 09:00 stops at the one booked.
    await tap(page, IN_PAGE + '.slots-row >>> .t-button', 0);
    await tap(page, IN_PAGE + '.slots-row >>> .t-button', 0);
    expect(page.instance.data.rows[0]).toMatchObject({ time: '09:00', capacity: 1 });
    // 多一个 on 14:00 opens it.
    await tap(page, IN_PAGE + '.slots-row >>> .t-button', 11);
    await tap(page, IN_PAGE + '.app-actions >>> .t-button');
    await settle();
    expect(calls(mock, 'service.saveSlots')[0]).toMatchObject({
      window: 'bank',
      date: '2031-03-05',
      minutes: 30,
      slots: [
        { time: '09:00', capacity: 1 },
        { time: '14:00', capacity: 1 },
      ],
    });
  });
});

describe('窗口代取号', () => {
  const day = () => bankDay();
  const TICKET = { id: 'bank_2031-03-05_7', numberLabel: 'A007', name: '王秀英', positionLabel: '前面还有2人' };

  test('a retry after a lost answer sends the same request id; the next person gets a new one', async () => {
    let lose = true;
    const mock = route({
      'service.day': () => day(),
      'service.counterTicket': () =>
        lose ? { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } } : TICKET,
    });
    const page = renderPage('packages/service/pages/desk/index');
    page.instance.onLoad({ window: 'bank' });
    page.instance.onShow();
    await settle();
    await settle();
    page.instance.onWalkInName({ detail: { value: '王秀英' } } as never);
    await page.instance.onIssue();
    lose = false;
    await page.instance.onIssue();
    const sent = calls(mock, 'service.counterTicket');
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({
      window: 'bank',
      name: '王秀英',
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    });
    expect(sent[1]!.requestId).toBe(sent[0]!.requestId);
    expect(wxExtra().showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '已取号：A007' }));
    page.instance.onWalkInName({ detail: { value: '李建华' } } as never);
    await page.instance.onIssue();
    expect(calls(mock, 'service.counterTicket')[2]!.requestId).not.toBe(sent[0]!.requestId);
  });
});
