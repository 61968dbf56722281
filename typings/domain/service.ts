/**
 * 服务 — the service window run by its standards (服务提供标准汇编): the handbook of service
 * items (who is eligible, what to bring, the steps, the time limit, the responsible post,
 * the clause of the standard), appointments at the community window or the bank's
 * 金融服务站, take-a-number on arrival, service records with the time-limit clock, the
 * resident's rating against the window's commitments, and the monthly evaluation.
 * Every status comes with its Chinese label, so pages never rely on colour alone.
 */

/** "YYYY-MM-DD" in Asia/Shanghai. */
export type DateKey = string;
/** "YYYY-MM". */
export type MonthKey = string;

/** Where a service is done: the community's 综合服务窗口 or the bank's 金融服务站. */
export type WindowKey = 'community' | 'bank';

/** What happened in a family, for browsing the handbook by life event. */
export type LifeEvent = 'newborn' | 'move_in' | 'retire' | 'senior' | 'hardship' | 'disability' | 'death' | 'banking';

/** The standard's time limit: on the spot (minutes) or within working days (by 17:00 of the last one). */
export type TimeLimit = { kind: 'minutes'; value: number } | { kind: 'workdays'; value: number };

/** A choice a form offers, with its label (the server is the one source of labels). */
export interface Choice<K extends string> {
  key: K;
  label: string;
}

/** A status in words, with a tag theme and an icon (never colour alone). */
export interface StatusBadge {
  text: string;
  theme: 'primary' | 'success' | 'warning' | 'danger' | 'default';
  icon: string;
}

/** One document to bring, as the standard lists it. */
export interface Material {
  name: string;
  /** Copies to hand in (0: show only). */
  copies: number;
  /** 原件 (the original, shown and returned) or 复印件 (a copy, kept). */
  original: boolean;
  /** Needed only in some cases (e.g. "代办时提供"). */
  optional: boolean;
  note?: string;
  /** A photo of what the document looks like (a cloud fileID). */
  photo?: string;
}

/** The standard of one service item, as staff write it. */
export interface ItemContent {
  /** e.g. "最低生活保障（低保证）申请". */
  title: string;
  /** Words residents use, e.g. ["低保", "低保证"]; searchable, pinyin initials too. */
  aliases: string[];
  /** e.g. "社会救助". */
  category: string;
  /** One plain sentence: what it is for. */
  summary: string;
  lifeEvents: LifeEvent[];
  window: WindowKey;
  /** The clause of the compendium, e.g. "CSHY/FW-3.2.1". */
  clause: string;
  eligibility: string[];
  materials: Material[];
  steps: string[];
  timeLimit: TimeLimit;
  /** e.g. "免费". */
  fee: string;
  /** Where, e.g. "社区党群服务中心一楼 2号窗口". */
  place: string;
  /** When, e.g. "周一至周五 8:30–11:30，13:30–17:00". */
  hours: string;
  /** 责任岗位, e.g. "社会救助岗". */
  post: string;
  /** Residents may book a slot for it (some items are phone or home-visit only). */
  bookable: boolean;
}

/** A handbook item in a result list. */
export interface ItemSummary {
  id: string;
  title: string;
  category: string;
  summary: string;
  window: WindowKey;
  windowLabel: string;
  /** e.g. "当场办结" / "5个工作日". */
  timeLimitLabel: string;
  /** e.g. "需带4样材料". */
  materialsLabel: string;
  clause: string;
  /** How the query matched, e.g. "拼音首字母 dbz", shown under the title. */
  matchedBy?: string;
}

export interface MaterialView extends Material {
  /** e.g. "原件 · 复印件1份". */
  label: string;
  photoUrl?: string;
}

export interface ItemHistoryEntry {
  version: number;
  /** e.g. "2026年11月3日". */
  dateLabel: string;
  note: string;
  /** What changed, in words (e.g. "所需材料", "办结时限"). */
  changes: string[];
}

/** One item with its whole standard; "what do I bring" comes first. */
export interface ItemView extends Omit<ItemContent, 'materials'> {
  id: string;
  version: number;
  windowLabel: string;
  timeLimitLabel: string;
  lifeEventLabels: string[];
  materials: MaterialView[];
  /** e.g. "第3版 · 2026年11月3日修订". */
  versionLabel: string;
  history: ItemHistoryEntry[];
}

export interface LifeEventOption extends Choice<LifeEvent> {
  icon: string;
  /** e.g. "4项". */
  countLabel: string;
}

export interface WindowInfo {
  key: WindowKey;
  label: string;
  place: string;
  hours: string;
}

export interface SearchView {
  query: string;
  lifeEvent?: LifeEvent;
  items: ItemSummary[];
  lifeEvents: LifeEventOption[];
  windows: WindowInfo[];
}

// --- appointments -----------------------------------------------------------------------

export type BookingStatus = 'booked' | 'cancelled' | 'arrived' | 'served' | 'no_show';

export interface SlotView {
  id: string;
  window: WindowKey;
  date: DateKey;
  /** e.g. "09:00–09:30". */
  timeLabel: string;
  capacity: number;
  left: number;
  /** e.g. "余2个" / "已约满" / "已过时间". */
  leftLabel: string;
  bookable: boolean;
}

export interface BookingDay {
  date: DateKey;
  /** e.g. "11月27日". */
  label: string;
  /** e.g. "周五"; "今天" / "明天". */
  weekday: string;
  slots: SlotView[];
}

/** Someone the caller may book for: themselves, or a senior whose relative they are. */
export interface BookingPerson {
  residentId: string;
  name: string;
  relation: 'self' | 'relative';
  /** "本人" / "我关心的老人". */
  relationLabel: string;
}

export interface BookingFormView {
  window: WindowInfo;
  /** The item chosen on the item page, if any. */
  item?: { id: string; title: string };
  /** The bookable items at this window, to choose from. */
  items: Array<{ id: string; title: string }>;
  people: BookingPerson[];
  days: BookingDay[];
  noteMax: number;
  /** Why the caller cannot book (e.g. binding pending), in words. */
  hint?: string;
}

export interface BookingView {
  id: string;
  window: WindowKey;
  windowLabel: string;
  place: string;
  item: { id: string; title: string };
  date: DateKey;
  /** e.g. "11月27日 周五 09:00–09:30". */
  whenLabel: string;
  person: { residentId: string; name: string };
  /** e.g. "本人预约" / "亲属赵文杰代约". */
  bookedByLabel: string;
  note?: string;
  status: BookingStatus;
  badge: StatusBadge;
  cancellable: boolean;
}

// --- take a number ----------------------------------------------------------------------

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'skipped';

export interface TicketView {
  id: string;
  window: WindowKey;
  windowLabel: string;
  date: DateKey;
  number: number;
  /** e.g. "12号". */
  numberLabel: string;
  name: string;
  itemTitle?: string;
  booked: boolean;
  status: TicketStatus;
  badge: StatusBadge;
  /** Waiting tickets before this one (waiting only). */
  ahead?: number;
  /** e.g. "前面还有3位" / "请到2号窗口办理". */
  positionLabel: string;
  counter?: string;
  takenAtLabel: string;
}

/** The queue screen staff put on a display beside the window. */
export interface ScreenView {
  window: WindowInfo;
  date: DateKey;
  dateLabel: string;
  /** Called most recently first. */
  calling: Array<{
    ticketId: string;
    number: number;
    numberLabel: string;
    counter: string;
    name: string;
    status: TicketStatus;
    itemId?: string;
    itemTitle?: string;
    /** The service record once opened. */
    recordId?: string;
  }>;
  waiting: Array<{ ticketId: string; number: number; numberLabel: string; name: string; booked: boolean }>;
  waitingCount: number;
  served: number;
  /** What the window's code says: residents scan it to take a number (today only). */
  code: string;
  /** The code as a PNG data URL. */
  qr: string;
}

// --- service records and ratings --------------------------------------------------------

export type RecordStatus = 'received' | 'needs_materials' | 'done';

export type RatingLevel = 'satisfied' | 'basic' | 'unsatisfied';

/** The window's commitments a rating's reasons point at. */
export type Commitment = 'inform_once' | 'on_time' | 'courteous';

export interface RatingView {
  level: RatingLevel;
  label: string;
  reasons: Choice<Commitment>[];
  comment?: string;
  atLabel: string;
}

export interface RecordView {
  id: string;
  window: WindowKey;
  windowLabel: string;
  item: { id: string; title: string; clause: string };
  person: { name: string; residentId?: string };
  staff: { id: string; name: string };
  ticketNumber?: number;
  status: RecordStatus;
  badge: StatusBadge;
  openedAtLabel: string;
  timeLimitLabel: string;
  /** e.g. "今天 10:30 前办结" / "已超时 2小时". */
  dueLabel: string;
  overdue: boolean;
  /** Materials still to bring (需补材料), told at once (一次告知). */
  missing: string[];
  finishedAtLabel?: string;
  withinLimit?: boolean;
  rating?: RatingView;
  /** The caller may rate it now. */
  canRate: boolean;
}

export interface RatingForm {
  levels: Choice<RatingLevel>[];
  reasons: Choice<Commitment>[];
  commentMax: number;
}

// --- staff side -------------------------------------------------------------------------

export interface DayBookingRow {
  id: string;
  name: string;
  itemId: string;
  itemTitle: string;
  /** The service record once opened. */
  recordId?: string;
  /** e.g. "亲属赵文杰代约". */
  bookedByLabel: string;
  note?: string;
  status: BookingStatus;
  badge: StatusBadge;
}

export interface DayView {
  window: WindowInfo;
  date: DateKey;
  dateLabel: string;
  prevDate: DateKey;
  nextDate: DateKey;
  slots: Array<SlotView & { bookings: DayBookingRow[] }>;
  counts: { booked: number; arrived: number; served: number; cancelled: number };
  /** Windows the caller works at (community staff both, bank staff the bank's). */
  windows: Choice<WindowKey>[];
  items: Array<{ id: string; title: string }>;
  /** Community staff review the handbook's proposals; bank staff do not. */
  canReview: boolean;
}

export interface SlotInput {
  /** "HH:mm". */
  time: string;
  capacity: number;
}

export interface RecordsView {
  items: RecordView[];
  overdue: number;
}

export interface EvaluationRow {
  key: string;
  name: string;
  done: number;
  withinLimit: number;
  /** e.g. "95%"; "—" with nothing done. */
  withinLimitRate: string;
  rated: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  /** (满意 + 基本满意) / rated, e.g. "100%"; "—" with no rating. */
  satisfactionRate: string;
  complaints: number;
}

export interface ComplaintView {
  recordId: string;
  itemTitle: string;
  staffName: string;
  personName: string;
  reasons: string[];
  comment?: string;
  atLabel: string;
}

export interface EvaluationView {
  month: MonthKey;
  monthLabel: string;
  prevMonth: MonthKey;
  nextMonth: MonthKey;
  /** Community staff and the director see everyone; bank staff their own row. */
  scope: 'all' | 'self';
  byStaff: EvaluationRow[];
  byService: EvaluationRow[];
  totals: EvaluationRow;
  complaints: ComplaintView[];
  /** Open records past their time limit (now, whatever the month). */
  overdue: RecordView[];
  canExport: boolean;
}

export interface ExportFile {
  fileID: string;
  url: string;
  fileName: string;
  rows: number;
}

export type RevisionState = 'pending' | 'approved' | 'rejected';

export interface RevisionView {
  id: string;
  itemId: string;
  /** The item as it is now (absent for a new item). */
  currentTitle?: string;
  title: string;
  isNew: boolean;
  baseVersion: number;
  note: string;
  changes: string[];
  authorName: string;
  createdAtLabel: string;
  state: RevisionState;
  badge: StatusBadge;
  reviewComment?: string;
  /** The caller may approve or reject it (staff, not its author). */
  canReview: boolean;
  content: ItemContent;
}

export interface EditorView {
  /** Absent for a new item. */
  itemId?: string;
  version: number;
  content: ItemContent;
  /** A proposal waiting for review, if any (one at a time per item). */
  pending?: RevisionView;
  lifeEvents: Choice<LifeEvent>[];
  windows: Choice<WindowKey>[];
  history: ItemHistoryEntry[];
  /** Photo URLs by fileID, for the materials' photos already stored. */
  photoUrls: Record<string, string>;
}
