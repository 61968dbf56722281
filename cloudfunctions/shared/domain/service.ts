/**
 * Rules of the service window as plain functions: labels, who works at which window and
 * who may edit or review the handbook, the handbook's search keys (pinyin and pinyin
 * initials, computed when an item is written) and how a query matches, the time-limit
 * clock of the standard (minutes, or working days ending 17:00), slots and bookings, the
 * window's take-a-number code, and the monthly evaluation. Handlers load the data; these decide.
 */
import type { Syllabify } from '../pinyin';
import type { Role } from '../../../typings/domain/community';
import type {
  BookingStatus,
  Commitment,
  DateKey,
  EvaluationRow,
  ItemContent,
  LifeEvent,
  RatingLevel,
  RecordStatus,
  StatusBadge,
  TicketStatus,
  TimeLimit,
  WindowInfo,
  WindowKey,
} from '../../../typings/domain/service';
import { COMMUNITY_TZ, dayjs, shanghai } from '../time';
import { addDays, choices, dateLabel, todayKey, weekdayLabel } from './canteen';
import { isBankStaff, isDirector, isStaff } from './roles';

// ---------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------

export const WINDOWS = ['community', 'bank'] as const satisfies readonly WindowKey[];

export const WINDOW_INFO: Record<WindowKey, WindowInfo> = {
  community: {
    key: 'community',
    label: '社区综合服务窗口',
    place: '社区党群服务中心一楼',
    hours: '周一至周五 8:30–11:30，13:30–17:00',
  },
  bank: {
    key: 'bank',
    label: '金融服务站',
    place: '社区党群服务中心一楼东侧（银行驻点）',
    hours: '周一至周五 9:00–11:30，14:00–16:30',
  },
};

export const LIFE_EVENTS = [
  'newborn',
  'move_in',
  'retire',
  'senior',
  'hardship',
  'disability',
  'death',
  'banking',
] as const satisfies readonly LifeEvent[];

export const LIFE_EVENT_LABELS: Record<LifeEvent, string> = {
  newborn: '家里添了宝宝',
  move_in: '刚搬来小区',
  retire: '办理退休',
  senior: '老年人优待与养老',
  hardship: '生活遇到困难',
  disability: '残疾人服务',
  death: '家人去世',
  banking: '存取款与缴费',
};

export const LIFE_EVENT_ICONS: Record<LifeEvent, string> = {
  newborn: 'user-add',
  move_in: 'home',
  retire: 'calendar',
  senior: 'user-1',
  hardship: 'help-circle',
  disability: 'accessibility',
  death: 'flag',
  banking: 'wallet',
};

export const RATING_LEVELS = ['satisfied', 'basic', 'unsatisfied'] as const satisfies readonly RatingLevel[];
export const RATING_LABELS: Record<RatingLevel, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

/** The window's commitments (服务承诺) a rating's reasons point at. */
export const COMMITMENTS = ['inform_once', 'on_time', 'courteous'] as const satisfies readonly Commitment[];
export const COMMITMENT_LABELS: Record<Commitment, string> = {
  inform_once: '一次告知',
  on_time: '按时办结',
  courteous: '礼貌热情',
};

const BOOKING_BADGES: Record<BookingStatus, StatusBadge> = {
  booked: { text: '已预约', theme: 'primary', icon: 'calendar' },
  cancelled: { text: '已取消', theme: 'default', icon: 'close-circle' },
  arrived: { text: '已到场取号', theme: 'warning', icon: 'location' },
  served: { text: '已办理', theme: 'success', icon: 'check-circle' },
  no_show: { text: '未到场', theme: 'default', icon: 'error-circle' },
};

export function bookingBadge(status: BookingStatus): StatusBadge {
  return BOOKING_BADGES[status];
}

const TICKET_BADGES: Record<TicketStatus, StatusBadge> = {
  waiting: { text: '排队中', theme: 'primary', icon: 'time' },
  called: { text: '请到窗口', theme: 'warning', icon: 'notification' },
  serving: { text: '办理中', theme: 'warning', icon: 'edit' },
  done: { text: '已办完', theme: 'success', icon: 'check-circle' },
  skipped: { text: '已过号', theme: 'default', icon: 'error-circle' },
};

export function ticketBadge(status: TicketStatus): StatusBadge {
  return TICKET_BADGES[status];
}

export function recordBadge(status: RecordStatus, overdue: boolean): StatusBadge {
  if (status === 'done') return { text: '已办结', theme: 'success', icon: 'check-circle' };
  if (status === 'needs_materials') return { text: '需补材料', theme: 'warning', icon: 'file-add' };
  return overdue
    ? { text: '已超时', theme: 'danger', icon: 'error-circle' }
    : { text: '已受理', theme: 'primary', icon: 'time' };
}

export function numberLabel(number: number): string {
  return `${number}号`;
}

// ---------------------------------------------------------------------------------------
// Who may do what
// ---------------------------------------------------------------------------------------

/** The windows a person works at: community staff both, bank staff the 金融服务站. */
export function windowsOf(roles: readonly Role[]): WindowKey[] {
  if (isStaff(roles)) return [...WINDOWS];
  if (isBankStaff(roles)) return ['bank'];
  return [];
}

export function worksAt(roles: readonly Role[], window: WindowKey): boolean {
  return windowsOf(roles).includes(window);
}

/** Staff edit any item; bank staff the items of their window. */
export function mayEdit(roles: readonly Role[], window: WindowKey): boolean {
  return worksAt(roles, window);
}

/** Community staff or the director review a proposal, never their own (four eyes). */
export function mayReview(roles: readonly Role[], reviewerId: string, authorId: string): boolean {
  return (isStaff(roles) || isDirector(roles)) && reviewerId !== authorId;
}

/** Community staff and the director see everyone's month; bank staff their own. */
export function evaluationScope(roles: readonly Role[]): 'all' | 'self' | null {
  if (isStaff(roles) || isDirector(roles)) return 'all';
  if (isBankStaff(roles)) return 'self';
  return null;
}

// ---------------------------------------------------------------------------------------
// Search keys: computed on write, matched on read
// ---------------------------------------------------------------------------------------

/** Lower case, no spaces or punctuation, full-width letters folded. */
export function normalizeQuery(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

function han(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/** Full pinyin without tones or spaces ("dibaozheng") and initials ("dbz") of a phrase. */
export function pinyinKeys(phrase: string, syllabify: Syllabify): { full: string; initials: string } {
  const clean = normalizeQuery(phrase);
  if (!han(clean)) return { full: clean, initials: clean };
  const syllables = syllabify(clean);
  return {
    full: syllables.join('').toLowerCase(),
    initials: syllables
      .map((syllable) => syllable.charAt(0))
      .join('')
      .toLowerCase(),
  };
}

/** A phrase an item is known by, with its pinyin computed once (when the item is written). */
export interface PhraseKeys {
  phrase: string;
  full: string;
  initials: string;
}

/** The title first, then each alias. */
export function phraseIndex(content: Pick<ItemContent, 'title' | 'aliases'>, syllabify: Syllabify): PhraseKeys[] {
  return [content.title, ...content.aliases]
    .filter((phrase) => normalizeQuery(phrase))
    .map((phrase) => ({ phrase, ...pinyinKeys(phrase, syllabify) }));
}

/**
 * What the database query matches (a regular expression on any key): each phrase as
 * written, its full pinyin and its initials, and the category.
 */
export function searchKeys(index: readonly PhraseKeys[], category: string): string[] {
  const keys = new Set<string>();
  for (const entry of index) {
    keys.add(normalizeQuery(entry.phrase));
    keys.add(entry.full);
    keys.add(entry.initials);
  }
  const cleanCategory = normalizeQuery(category);
  if (cleanCategory) keys.add(cleanCategory);
  return [...keys];
}

/** A regular expression source matching the query anywhere in a key (the query escaped). */
export function queryPattern(query: string): string {
  return normalizeQuery(query).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface SearchMatch {
  /** Lower ranks first. */
  rank: number;
  matchedBy?: string;
}

/** How (and how well) an item matches a query; null when it does not. */
export function matchItem(item: { index: readonly PhraseKeys[]; category: string }, query: string): SearchMatch | null {
  const q = normalizeQuery(query);
  if (!q) return { rank: 0 };
  const [title, ...aliases] = item.index;
  const written = title ? normalizeQuery(title.phrase) : '';
  if (written.startsWith(q)) return { rank: 0 };
  if (written.includes(q)) return { rank: 1 };
  const alias = aliases.find((entry) => normalizeQuery(entry.phrase).includes(q));
  if (alias) return { rank: 2, matchedBy: `又称“${alias.phrase}”` };
  if (!han(q)) {
    const byInitials = item.index.find((entry) => entry.initials.startsWith(q));
    if (byInitials) return { rank: 3, matchedBy: `拼音首字母 ${q}：${byInitials.phrase}` };
    const byPinyin = item.index.find((entry) => entry.full.includes(q));
    if (byPinyin) return { rank: 4, matchedBy: `拼音 ${q}：${byPinyin.phrase}` };
    const inside = item.index.find((entry) => entry.initials.includes(q));
    if (inside) return { rank: 5, matchedBy: `拼音首字母 ${q}：${inside.phrase}` };
  }
  if (normalizeQuery(item.category).includes(q)) return { rank: 6, matchedBy: `属于“${item.category}”` };
  return null;
}

// ---------------------------------------------------------------------------------------
// The time-limit clock
// ---------------------------------------------------------------------------------------

/** When a working-day limit ends on its last day. */
export const CLOSING_TIME = '17:00';

/** Wall-clock instant in Asia/Shanghai. */
export function wallInstant(date: DateKey, time: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return dayjs
    .tz(`${date}T00:00:00`, COMMUNITY_TZ)
    .add(hour ?? 0, 'hour')
    .add(minute ?? 0, 'minute')
    .toDate();
}

function isWorkday(date: DateKey): boolean {
  const day = new Date(Date.parse(date)).getUTCDay();
  return day !== 0 && day !== 6;
}

/**
 * When a service started at `start` is due by the standard: minutes later, or 17:00 of
 * the Nth working day after the day it was accepted (Monday to Friday; public holidays
 * are not modelled).
 */
export function dueAt(start: Date, limit: TimeLimit): Date {
  if (limit.kind === 'minutes') return new Date(start.getTime() + limit.value * 60_000);
  let date = todayKey(start);
  for (let left = limit.value; left > 0;) {
    date = addDays(date, 1);
    if (isWorkday(date)) left--;
  }
  return wallInstant(date, CLOSING_TIME);
}

export function timeLimitLabel(limit: TimeLimit): string {
  if (limit.kind === 'workdays') return `${limit.value}个工作日内办结`;
  if (limit.value <= 60) return `当场办结（约${limit.value}分钟）`;
  return `当天办结（约${Math.round(limit.value / 60)}小时）`;
}

export function shortTimeLimitLabel(limit: TimeLimit): string {
  return limit.kind === 'workdays' ? `${limit.value}个工作日` : '当场办结';
}

/** "今天 10:30", "明天 17:00", "11月30日（周一）17:00". */
export function whenLabel(at: Date, now: Date): string {
  const [date, time] = shanghai(at).format('YYYY-MM-DD HH:mm').split(' ') as [string, string];
  const days = Math.round((Date.parse(date) - Date.parse(todayKey(now))) / 86_400_000);
  if (days === 0) return `今天 ${time}`;
  if (days === 1) return `明天 ${time}`;
  if (days === -1) return `昨天 ${time}`;
  return `${dateLabel(date)}（${weekdayLabel(date)}）${time}`;
}

function durationLabel(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}分钟`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}小时`;
  return `${Math.round(hours / 24)}天`;
}

/** The clock in words while a record is open. */
export function dueLabel(status: RecordStatus, due: Date, now: Date): string {
  if (status === 'needs_materials') return '等待补齐材料，补齐后重新计时';
  if (now.getTime() > due.getTime())
    return `已超时 ${durationLabel(now.getTime() - due.getTime())}（应于${whenLabel(due, now)}前办结）`;
  return `${whenLabel(due, now)}前办结`;
}

export function isOverdue(record: { status: RecordStatus; dueAt: Date }, now: Date): boolean {
  return record.status === 'received' && now.getTime() > record.dueAt.getTime();
}

// ---------------------------------------------------------------------------------------
// Slots and bookings
// ---------------------------------------------------------------------------------------

/** How many days ahead residents may book (staff open the slots). */
export const BOOKING_DAYS = 14;

export function slotIdOf(window: WindowKey, date: DateKey, time: string): string {
  return `${window}_${date}_${time.replace(':', '')}`;
}

/** `${window}_${date}_${HHmm}` back into its parts (null when malformed). */
export function parseSlotId(id: string): { window: WindowKey; date: DateKey; time: string } | null {
  const match = /^(community|bank)_(\d{4}-\d{2}-\d{2})_(\d{2})(\d{2})$/.exec(id);
  if (!match) return null;
  return { window: match[1] as WindowKey, date: match[2]!, time: `${match[3]}:${match[4]}` };
}

export function slotTimeLabel(start: Date, end: Date): string {
  return `${shanghai(start).format('HH:mm')}–${shanghai(end).format('HH:mm')}`;
}

/** "11月27日 周五 09:00–09:30" ("今天" for today). */
export function slotWhenLabel(date: DateKey, start: Date, end: Date, now: Date): string {
  return `${dateLabel(date)} ${dayWord(date, now)} ${slotTimeLabel(start, end)}`;
}

/** "今天", "明天" or the weekday. */
export function dayWord(date: DateKey, now: Date): string {
  const today = todayKey(now);
  if (date === today) return '今天';
  if (date === addDays(today, 1)) return '明天';
  return weekdayLabel(date);
}

/** A slot takes bookings until it starts. */
export function slotOpen(slot: { startAt: Date; left: number }, now: Date): boolean {
  return slot.left > 0 && now.getTime() < slot.startAt.getTime();
}

export function leftLabel(slot: { startAt: Date; left: number }, now: Date): string {
  if (now.getTime() >= slot.startAt.getTime()) return '已过时间';
  return slot.left > 0 ? `余${slot.left}个` : '已约满';
}

/** One active booking per person, window and day. */
export function bookingActiveKey(window: WindowKey, date: DateKey, personId: string): string {
  return `${window}|${date}|${personId}`;
}

// ---------------------------------------------------------------------------------------
// The window's take-a-number code
// ---------------------------------------------------------------------------------------

const CODE_PREFIX = 'CSSVC';

export function queueIdOf(window: WindowKey, date: DateKey): string {
  return `${window}_${date}`;
}

/** What the window's QR code says: the window, the day and that day's random token. */
export function windowCode(window: WindowKey, date: DateKey, token: string): string {
  return `${CODE_PREFIX}|${window}|${date}|${token}`;
}

export function parseWindowCode(code: string): { window: WindowKey; date: DateKey; token: string } | null {
  const match = /^CSSVC\|(community|bank)\|(\d{4}-\d{2}-\d{2})\|([0-9a-f]{16,64})$/.exec(code.trim());
  if (!match) return null;
  return { window: match[1] as WindowKey, date: match[2]!, token: match[3]! };
}

// ---------------------------------------------------------------------------------------
// What changed between two versions of an item
// ---------------------------------------------------------------------------------------

const FIELD_LABELS: Record<keyof ItemContent, string> = {
  title: '事项名称',
  aliases: '别称',
  category: '类别',
  summary: '简介',
  lifeEvents: '生活场景',
  window: '办理窗口',
  clause: '标准条款',
  eligibility: '办理对象与条件',
  materials: '所需材料',
  steps: '办理流程',
  timeLimit: '办结时限',
  fee: '收费',
  place: '办理地点',
  hours: '办理时间',
  post: '责任岗位',
  bookable: '可否预约',
};

/** The fields that differ, in words (every field for a new item: "新增事项"). */
export function contentChanges(before: ItemContent | undefined, after: ItemContent): string[] {
  if (!before) return ['新增事项'];
  return (Object.keys(FIELD_LABELS) as Array<keyof ItemContent>)
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => FIELD_LABELS[field]);
}

// ---------------------------------------------------------------------------------------
// The monthly evaluation
// ---------------------------------------------------------------------------------------

export interface CountableRecord {
  staffId: string;
  staffName: string;
  itemId: string;
  itemTitle: string;
  withinLimit: boolean;
  rating?: { level: RatingLevel };
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '—';
}

function row(key: string, name: string, records: readonly CountableRecord[]): EvaluationRow {
  const rated = records.filter((record) => record.rating);
  const count = (level: RatingLevel) => rated.filter((record) => record.rating!.level === level).length;
  const withinLimit = records.filter((record) => record.withinLimit).length;
  const satisfied = count('satisfied');
  const basic = count('basic');
  const unsatisfied = count('unsatisfied');
  return {
    key,
    name,
    done: records.length,
    withinLimit,
    withinLimitRate: percent(withinLimit, records.length),
    rated: rated.length,
    satisfied,
    basic,
    unsatisfied,
    satisfactionRate: percent(satisfied + basic, rated.length),
    complaints: unsatisfied,
  };
}

function grouped(
  records: readonly CountableRecord[],
  keyOf: (record: CountableRecord) => string,
  nameOf: (record: CountableRecord) => string,
): EvaluationRow[] {
  const groups = new Map<string, CountableRecord[]>();
  for (const record of records) groups.set(keyOf(record), [...(groups.get(keyOf(record)) ?? []), record]);
  return [...groups.entries()]
    .map(([key, members]) => row(key, nameOf(members[0]!), members))
    .sort((a, b) => b.done - a.done || a.name.localeCompare(b.name, 'zh'));
}

/** A month's finished records per staff member, per service, and in total. */
export function evaluate(records: readonly CountableRecord[]): {
  byStaff: EvaluationRow[];
  byService: EvaluationRow[];
  totals: EvaluationRow;
} {
  return {
    byStaff: grouped(
      records,
      (record) => record.staffId,
      (record) => record.staffName,
    ),
    byService: grouped(
      records,
      (record) => record.itemId,
      (record) => record.itemTitle,
    ),
    totals: row('total', '合计', records),
  };
}

export { addDays, choices, dateLabel, todayKey, weekdayLabel };
