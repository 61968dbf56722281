/** 报事 fixtures shaped exactly like the contract (typings/domain/report.ts), and a routing mock. */
import type { TemplateView } from '../../typings/domain/push';
import type {
  InboxItem,
  ReportCapabilities,
  ReportDetail,
  ReportItem,
  ReportOptions,
  ReportStats,
  StatsRow,
} from '../../typings/domain/report';
import { wxMock } from '../helpers/simulate';

export function reportOptions(overrides: Partial<ReportOptions> = {}): ReportOptions {
  return {
    categories: [
      { id: 'sanitation', label: '环境卫生', hint: '楼道垃圾、积水、异味', safety: false },
      { id: 'facility', label: '公共设施', hint: '楼道灯不亮、门禁坏了', safety: false },
      { id: 'gas_fire', label: '燃气/消防', hint: '闻到燃气味、灭火器过期', safety: true },
    ],
    spots: [
      { id: 'east-gate', label: '东门' },
      { id: 'square', label: '中心广场' },
    ],
    buildings: [
      { no: 4, units: 4, floors: 7 },
      { no: 5, units: 4, floors: 7 },
    ],
    home: { buildingNo: 5, unitNo: 2, floor: 3, label: '5号楼2单元 3层' },
    forWhom: [],
    canReport: true,
    canHandle: false,
    waiting: 0,
    isStaff: false,
    limits: { maxImages: 3, maxDescription: 500 },
    ...overrides,
  };
}

export function reportTemplates(credits = 0): TemplateView[] {
  return [
    {
      key: 'report',
      templateId: 'tpl-report',
      kind: 'once',
      title: '报事处理进度',
      credits,
      longTermActive: false,
    },
  ];
}

export function reportItem(overrides: Partial<ReportItem> = {}): ReportItem {
  return {
    id: 'RP261126-K7QD',
    no: 'RP261126-K7QD',
    categoryId: 'facility',
    categoryLabel: '公共设施',
    excerpt: '2单元3楼楼道灯不亮',
    placeLabel: '5号楼2单元 3层',
    status: 'submitted',
    statusLabel: '已提交',
    urgent: false,
    household: false,
    metoo: 0,
    createdAt: '2026-11-26T01:30:00.000Z',
    createdLabel: '2026-11-26 09:30',
    updatedLabel: '2026-11-26 09:30',
    imageCount: 0,
    own: false,
    ...overrides,
  };
}

export function inboxItem(overrides: Partial<InboxItem> = {}): InboxItem {
  return { ...reportItem(), assignmentLabel: '5号楼党支部（2单元）', ...overrides };
}

const NOTHING: ReportCapabilities = {
  confirm: false,
  reopen: false,
  withdraw: false,
  metoo: false,
  accept: false,
  start: false,
  resolve: false,
  decline: false,
  reassign: false,
  note: false,
};

export function can(overrides: Partial<ReportCapabilities> = {}): ReportCapabilities {
  return { ...NOTHING, ...overrides };
}

export function reportDetail(overrides: Partial<ReportDetail> = {}): ReportDetail {
  return {
    ...reportItem(),
    description: '2单元3楼楼道灯不亮，晚上上下楼看不见',
    images: [{ fileID: 'cloud://env/uploads/report/a/1.jpg', state: 'pass', url: 'https://files.example/1.jpg' }],
    timeline: [
      {
        id: 't1',
        kind: 'submitted',
        title: '已提交',
        actorLabel: '报事人',
        at: '2026-11-26T01:30:00.000Z',
        atLabel: '2026-11-26 09:30',
        internal: false,
        images: [],
      },
    ],
    assignmentLabel: '5号楼党支部（2单元）',
    viewer: 'owner',
    can: can({ withdraw: true }),
    metooByMe: false,
    reopensLeft: 1,
    moderation: 'pass',
    imageCount: 1,
    thumbnail: 'https://files.example/1.jpg',
    ...overrides,
  };
}

/** A report resolved and waiting for its owner. */
export function resolvedDetail(overrides: Partial<ReportDetail> = {}): ReportDetail {
  const base = reportDetail();
  return reportDetail({
    status: 'resolved',
    statusLabel: '已解决',
    assigneeLabel: '5号楼党支部书记 吴国强',
    resolution: { note: '已更换灯泡', atLabel: '2026-11-27 10:00', at: '2026-11-27T02:00:00.000Z', images: [] },
    autoCloseLabel: '请在12月4日前确认，逾期将自动关闭',
    timeline: [
      ...base.timeline,
      {
        id: 't2',
        kind: 'resolved',
        title: '已解决',
        text: '已更换灯泡',
        actorLabel: '5号楼党支部书记 吴国强',
        at: '2026-11-27T02:00:00.000Z',
        atLabel: '2026-11-27 10:00',
        internal: false,
        images: [],
      },
    ],
    can: can({ confirm: true, reopen: true }),
    ...overrides,
  });
}

export function statsRow(overrides: Partial<StatsRow> = {}): StatsRow {
  return {
    key: 'total',
    buildingLabel: '合计',
    categoryLabel: '全部类别',
    open: 2,
    reported: 5,
    resolved: 3,
    medianAcceptHours: 1.5,
    medianResolveHours: 20,
    satisfaction: 4.5,
    ratings: 2,
    ...overrides,
  };
}

export function reportStats(overrides: Partial<ReportStats> = {}): ReportStats {
  const cell = statsRow({ key: '5|facility', buildingLabel: '5号楼', categoryLabel: '公共设施' });
  return {
    month: '2026-11',
    monthLabel: '2026年11月',
    scopeLabel: '全社区',
    buildings: [{ ...statsRow({ key: '5', buildingLabel: '5号楼' }), categories: [cell] }],
    categories: [statsRow({ key: 'facility', buildingLabel: '全社区', categoryLabel: '公共设施' })],
    total: statsRow(),
    ...overrides,
  };
}

type Handler = (input: Record<string, unknown>) => unknown;

/**
 * Answers wx.cloud.callFunction by "function.action" with `{ ok: true, data }` (a handler's
 * value), or with an error envelope when the handler returns `{ ok: false, ... }`.
 */
export function routeCalls(handlers: Record<string, Handler | unknown>): jest.Mock {
  const mock = jest.fn(async ({ name, data }: { name: string; data: Record<string, unknown> }) => {
    const key = `${name}.${String(data.action)}`;
    if (!(key in handlers)) throw Object.assign(new Error(`unexpected call ${key}`), { errMsg: 'fail' });
    const handler = handlers[key];
    const value = typeof handler === 'function' ? await (handler as Handler)(data) : handler;
    const result =
      value && typeof value === 'object' && (value as { ok?: unknown }).ok === false
        ? value
        : { ok: true, data: value };
    return { errMsg: 'cloud.callFunction:ok', result, requestID: 'test' };
  });
  wxMock().cloud.callFunction = mock;
  return mock;
}

interface CallParam {
  name: string;
  data: Record<string, unknown>;
}

const keyOf = (param: CallParam) => `${param.name}.${String(param.data.action)}`;

/** The actions called, in order ("report.submit", ...). */
export function called(mock: jest.Mock): string[] {
  return mock.mock.calls.map(([param]) => keyOf(param as CallParam));
}

/** The input of the last call to an action. */
export function lastInput(mock: jest.Mock, key: string): Record<string, unknown> | undefined {
  const last = mock.mock.calls
    .map(([param]) => param as CallParam)
    .filter((param) => keyOf(param) === key)
    .at(-1);
  if (!last) return undefined;
  const { action: _action, ...input } = last.data;
  return input;
}

/** The wx APIs the 报事 pages use beyond the shared mock. */
export interface ReportWx {
  chooseMedia: jest.Mock;
  chooseLocation: jest.Mock;
  requestSubscribeMessage: jest.Mock;
  redirectTo: jest.Mock;
  showModal: jest.Mock;
  makePhoneCall: jest.Mock;
  previewImage: jest.Mock;
  downloadFile: jest.Mock;
  openDocument: jest.Mock;
  stopPullDownRefresh: jest.Mock;
  uploadFile: jest.Mock;
}

export function installReportWx(): ReportWx {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const pieces: ReportWx = {
    chooseMedia: jest.fn(async () => ({ tempFiles: [{ tempFilePath: 'wxfile://tmp/photo1.jpg', size: 1000 }] })),
    chooseLocation: jest.fn(async () => ({ latitude: 43.8615, longitude: 125.3698, name: '喷泉旁', address: '' })),
    requestSubscribeMessage: jest.fn(
      (options: { tmplIds: string[]; success?: (r: object) => void; complete?: () => void }) => {
        options.success?.({ errMsg: 'requestSubscribeMessage:ok', [options.tmplIds[0]!]: 'accept' });
        options.complete?.();
      },
    ),
    redirectTo: jest.fn(async () => ({ errMsg: 'redirectTo:ok' })),
    showModal: jest.fn((options: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) =>
      options.success?.({ confirm: true, cancel: false }),
    ),
    makePhoneCall: jest.fn(async () => ({ errMsg: 'makePhoneCall:ok' })),
    previewImage: jest.fn(async () => ({ errMsg: 'previewImage:ok' })),
    downloadFile: jest.fn((options: { success?: (r: object) => void; complete?: () => void }) => {
      options.success?.({ statusCode: 200, tempFilePath: 'wxfile://tmp/stats.xlsx' });
      options.complete?.();
    }),
    openDocument: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    uploadFile: jest.fn(async ({ cloudPath }: { cloudPath: string }) => ({
      fileID: `cloud://env.bucket/${cloudPath}`,
    })),
  };
  const { uploadFile, ...rest } = pieces;
  Object.assign(wx, rest);
  (wx.cloud as Record<string, unknown>).uploadFile = uploadFile;
  return pieces;
}
