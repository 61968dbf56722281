/**
 * Rules of the seniors' canteen as plain functions: cut-off instants and labels in
 * Asia/Shanghai, weeks, who may order for whom, delivery eligibility, prices and tiers,
 * which outcome fits which service mode, statement totals and kitchen counts. Handlers
 * load the data; these decide.
 */
import type {
  Allergen,
  CanteenSettings,
  Choice,
  Cutoff,
  DateKey,
  DietTag,
  Meal,
  OrderOutcome,
  OrderStatus,
  OrderedByRelation,
  PriceTier,
  ServiceMode,
  StatusBadge,
} from '../../../typings/domain/canteen';
import type { Role } from '../../../typings/domain/community';
import type { ErrorCode } from '../../../typings/errors';
import { COMMUNITY_TZ, dayjs, shanghai } from '../time';

// ---------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------

export const MEALS = ['lunch', 'dinner'] as const satisfies readonly Meal[];
export const DIET_TAGS = ['soft', 'low_salt', 'low_sugar'] as const satisfies readonly DietTag[];
export const ALLERGENS = [
  'peanut',
  'tree_nut',
  'egg',
  'milk',
  'soy',
  'wheat',
  'fish',
  'shellfish',
  'sesame',
] as const satisfies readonly Allergen[];
export const SERVICE_MODES = ['dine_in', 'pickup', 'delivery'] as const satisfies readonly ServiceMode[];
export const OUTCOMES = ['delivered', 'collected', 'not_collected'] as const satisfies readonly OrderOutcome[];

export const MEAL_LABELS: Record<Meal, string> = { lunch: '午餐', dinner: '晚餐' };
export const DIET_LABELS: Record<DietTag, string> = { soft: '软烂', low_salt: '少盐', low_sugar: '少糖' };
export const ALLERGEN_LABELS: Record<Allergen, string> = {
  peanut: '花生',
  tree_nut: '坚果',
  egg: '鸡蛋',
  milk: '牛奶',
  soy: '大豆',
  wheat: '小麦',
  fish: '鱼',
  shellfish: '虾蟹贝类',
  sesame: '芝麻',
};
export const MODE_LABELS: Record<ServiceMode, string> = { dine_in: '堂食', pickup: '自取', delivery: '送餐上门' };
export const PAYMENT_LABELS = { offline: '线下支付', wechat_pay: '微信支付' } as const;
export const PAYMENT_STATUS_LABELS = { unpaid: '未付款', paid: '已付款' } as const;

export function choices<K extends string>(keys: readonly K[], labels: Record<K, string>): Choice<K>[] {
  return keys.map((key) => ({ key, label: labels[key] }));
}

/** An order's status in words, for its service mode (collected means 已取餐 or 已就餐). */
export function statusBadge(status: OrderStatus, mode: ServiceMode): StatusBadge {
  switch (status) {
    case 'placed':
      return { text: '已预订', theme: 'primary', icon: 'time' };
    case 'cancelled':
      return { text: '已取消', theme: 'default', icon: 'close-circle' };
    case 'delivered':
      return { text: '已送达', theme: 'success', icon: 'check-circle' };
    case 'collected':
      return { text: mode === 'dine_in' ? '已就餐' : '已取餐', theme: 'success', icon: 'check-circle' };
    case 'not_collected':
      return { text: mode === 'delivery' ? '送餐未应答' : '未取餐', theme: 'danger', icon: 'error-circle' };
  }
}

/** 700 → "7元", 650 → "6.5元", 1234 → "12.34元". */
export function yuan(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  if (!cents) return `${whole}元`;
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}元`;
}

// ---------------------------------------------------------------------------------------
// Dates, weeks and the cut-off (Asia/Shanghai)
// ---------------------------------------------------------------------------------------

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export function menuIdOf(date: DateKey, meal: Meal): string {
  return `${date}_${meal}`;
}

/** A real calendar date written YYYY-MM-DD. */
export function isDateKey(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return dayjs(value).format('YYYY-MM-DD') === value;
}

export function isMonthKey(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/**
 * A community date as a calendar day, for calendar arithmetic and labels only (days,
 * weekdays): a date key names no instant, so it is handled in UTC, where parsing is cheap.
 * Instants (the cut-off) are computed in Asia/Shanghai by `cutoffInstant`.
 */
function calendarDay(date: DateKey) {
  return dayjs.utc(date);
}

let lastToday: { at: number; key: DateKey } | undefined;

/** The community's date at `now` (remembered for the last instant: views ask once per row). */
export function todayKey(now: Date): DateKey {
  if (lastToday?.at !== now.getTime()) lastToday = { at: now.getTime(), key: shanghai(now).format('YYYY-MM-DD') };
  return lastToday.key;
}

export function monthOf(date: DateKey): string {
  return date.slice(0, 7);
}

export function addDays(date: DateKey, days: number): DateKey {
  return calendarDay(date).add(days, 'day').format('YYYY-MM-DD');
}

/** Monday of the week a date (or instant) falls in, community time. */
export function weekStartOf(at: DateKey | Date): DateKey {
  const day = calendarDay(typeof at === 'string' ? at : todayKey(at));
  return day.subtract((day.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

export function weekDates(weekStart: DateKey): DateKey[] {
  return Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
}

/** "11月27日". */
export function dateLabel(date: DateKey): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export function weekdayLabel(date: DateKey): string {
  // A YYYY-MM-DD string parses as UTC midnight: its UTC weekday is the calendar's.
  return WEEKDAYS[new Date(Date.parse(date)).getUTCDay()]!;
}

/** "11月23日–29日", or "11月30日–12月6日" across a month. */
export function weekLabel(weekStart: DateKey): string {
  const end = addDays(weekStart, 6);
  if (end.slice(0, 7) === weekStart.slice(0, 7)) return `${dateLabel(weekStart)}–${Number(end.slice(8))}日`;
  return `${dateLabel(weekStart)}–${dateLabel(end)}`;
}

export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** The instant ordering for a meal on `date` closes. */
export function cutoffInstant(date: DateKey, cutoff: Cutoff): Date {
  const [hour, minute] = cutoff.time.split(':').map(Number);
  return dayjs
    .tz(`${date}T00:00:00`, COMMUNITY_TZ)
    .subtract(cutoff.daysBefore, 'day')
    .add(hour ?? 0, 'hour')
    .add(minute ?? 0, 'minute')
    .toDate();
}

/** The instant a meal is served. */
export function servingInstant(date: DateKey, time: string): Date {
  return cutoffInstant(date, { daysBefore: 0, time });
}

/** "今天 09:00", "明天 20:00", "昨天 15:00" or "11月26日（周四）20:00", relative to `now`. */
export function whenLabel(at: Date, now: Date): string {
  const [date, time] = shanghai(at).format('YYYY-MM-DD HH:mm').split(' ') as [string, string];
  const days = Math.round((Date.parse(date) - Date.parse(todayKey(now))) / 86_400_000);
  if (days === 0) return `今天 ${time}`;
  if (days === 1) return `明天 ${time}`;
  if (days === -1) return `昨天 ${time}`;
  return `${dateLabel(date)}（${weekdayLabel(date)}）${time}`;
}

export function cutoffLabel(cutoffAt: Date, now: Date): string {
  return `${whenLabel(cutoffAt, now)} 截止`;
}

export type OrderWindow = { open: true } | { open: false; reason: 'draft' | 'cutoff'; message: string };

/** Whether a menu takes orders at `now`: published, and before its cut-off. */
export function orderWindow(menu: { state: 'draft' | 'published'; cutoffAt: Date }, now: Date): OrderWindow {
  if (menu.state !== 'published') return { open: false, reason: 'draft', message: '这一餐的菜单还没有发布' };
  if (now.getTime() >= menu.cutoffAt.getTime()) {
    return {
      open: false,
      reason: 'cutoff',
      message: `已过订餐截止时间（${whenLabel(menu.cutoffAt, now)}），如需用餐请致电食堂`,
    };
  }
  return { open: true };
}

/** Said when a menu is published (or saved published) with its cut-off already past. */
export function lateWarning(cutoffAt: Date, now: Date): string | undefined {
  if (now.getTime() < cutoffAt.getTime()) return undefined;
  return `这一餐的订餐截止时间（${whenLabel(cutoffAt, now)}）已过，居民无法再订，只能看到菜单`;
}

/** Problems with a cut-off / serving time pair (the cut-off must come before the meal is served). */
export function cutoffProblem(date: DateKey, cutoff: Cutoff, servingTime: string): string | undefined {
  if (cutoffInstant(date, cutoff).getTime() >= servingInstant(date, servingTime).getTime()) {
    return '订餐截止时间必须早于开餐时间';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Who may order for whom; delivery eligibility
// ---------------------------------------------------------------------------------------

export type LinkState = 'confirmed' | 'pending' | 'none';

export interface RuleRefusal {
  ok: false;
  code: ErrorCode;
  message: string;
}

export type RelationDecision = { ok: true; relation: OrderedByRelation } | RuleRefusal;

/** Roles that order for any resident (a senior who phoned in) and see statements. */
export function actsForOthers(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'canteen_staff' || role.kind === 'staff');
}

export function isCanteenStaff(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'canteen_staff');
}

/** Who could deliver meals: canteen staff and volunteers (team members and leaders). */
export function mayDeliver(roles: readonly Role[]): boolean {
  return roles.some((role) => ['canteen_staff', 'volunteer', 'team_leader'].includes(role.kind));
}

/**
 * How the actor stands to the diner: themselves, a relative whose link is CONFIRMED, or
 * staff (canteen or community) ordering for someone who phoned. A pending or absent link
 * gives nothing.
 */
export function orderingRelation(
  actor: { id: string; roles: readonly Role[] },
  dinerId: string,
  link: LinkState,
): RelationDecision {
  if (actor.id === dinerId) return { ok: true, relation: 'self' };
  if (link === 'confirmed') return { ok: true, relation: 'relative' };
  if (actsForOthers(actor.roles)) return { ok: true, relation: 'staff' };
  if (link === 'pending') {
    return { ok: false, code: 'FORBIDDEN', message: '您与这位老人的亲属绑定还未确认，确认后才能代为订餐' };
  }
  return { ok: false, code: 'FORBIDDEN', message: '只能为自己或已确认绑定的老人订餐' };
}

/**
 * Who may cancel an order (before the cut-off): its diner, whoever ordered it, a relative
 * whose link to the diner is CONFIRMED, or canteen staff. Community staff take phoned-in
 * orders, so they cancel those they placed (as whoever ordered), not anyone's: a diner's
 * own order is theirs, their relatives' and the canteen's to change.
 */
export function mayCancelOrder(
  actor: { id: string; roles: readonly Role[] },
  order: { dinerId: string; orderedById: string },
  link: LinkState,
): boolean {
  if (actor.id === order.dinerId || actor.id === order.orderedById) return true;
  if (isCanteenStaff(actor.roles)) return true;
  return link === 'confirmed';
}

export interface CareFlags {
  livesAlone?: boolean;
  mobilityLimited?: boolean;
  deliveryEligible?: boolean;
}

/** Home delivery is for seniors staff marked eligible (living alone, mobility-limited, ...). */
export function deliveryEligible(care: CareFlags | undefined): boolean {
  return care?.deliveryEligible === true;
}

export function modeProblem(mode: ServiceMode, care: CareFlags | undefined): RuleRefusal | undefined {
  if (mode === 'delivery' && !deliveryEligible(care)) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      message: '送餐上门仅限社区登记的独居或行动不便老人，请选择堂食或自取',
    };
  }
  return undefined;
}

/** Which outcomes fit which mode: a delivery is delivered or unanswered; the rest collected or not. */
export function outcomeFits(mode: ServiceMode, outcome: OrderOutcome): boolean {
  if (outcome === 'not_collected') return true;
  return mode === 'delivery' ? outcome === 'delivered' : outcome === 'collected';
}

// ---------------------------------------------------------------------------------------
// Prices
// ---------------------------------------------------------------------------------------

export const DEFAULT_SETTINGS: CanteenSettings = {
  priceFen: 700,
  tiers: [],
  cutoffs: { lunch: { daysBefore: 0, time: '09:00' }, dinner: { daysBefore: 0, time: '15:00' } },
  serving: { lunch: '11:30', dinner: '17:30' },
  maxPortions: 3,
};

/** Age in the year of the meal (only the birth year is known). */
export function ageAt(birthYear: number | undefined, date: DateKey): number | undefined {
  return birthYear ? Number(date.slice(0, 4)) - birthYear : undefined;
}

export function tierApplies(tier: PriceTier, diner: { birthYear?: number; care?: CareFlags }, date: DateKey): boolean {
  switch (tier.rule.kind) {
    case 'age': {
      const age = ageAt(diner.birthYear, date);
      return age !== undefined && age >= tier.rule.minAge;
    }
    case 'deliveryEligible':
      return deliveryEligible(diner.care);
  }
}

/** The lowest price that applies to the diner: the base price or a matching tier's. */
export function priceFor(
  menu: { priceFen: number; tiers: readonly PriceTier[] },
  diner: { birthYear?: number; care?: CareFlags },
  date: DateKey,
): { priceFen: number; tierLabel?: string } {
  let best: { priceFen: number; tierLabel?: string } = { priceFen: menu.priceFen };
  for (const tier of menu.tiers) {
    if (tierApplies(tier, diner, date) && tier.priceFen < best.priceFen) {
      best = { priceFen: tier.priceFen, tierLabel: tier.label };
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------
// Statements and counts
// ---------------------------------------------------------------------------------------

/** A cancelled order costs nothing; a meal not collected was cooked and is charged. */
export function billable(status: OrderStatus): boolean {
  return status !== 'cancelled';
}

export interface CountableOrder {
  status: OrderStatus;
  portions: number;
  amountFen: number;
  mode: ServiceMode;
  dishId: string;
  dietTags: readonly DietTag[];
  payment: { status: 'unpaid' | 'paid' };
  /** e.g. "本人" / "亲属赵文杰代订" / "食堂代订". */
  orderedByLabel?: string;
}

export interface StatementTotals {
  meals: number;
  portions: number;
  amountFen: number;
  paidFen: number;
  unpaidFen: number;
  notCollected: number;
  byOrderer: Array<{ label: string; meals: number }>;
}

export function statementTotals(orders: readonly CountableOrder[]): StatementTotals {
  const totals: StatementTotals = {
    meals: 0,
    portions: 0,
    amountFen: 0,
    paidFen: 0,
    unpaidFen: 0,
    notCollected: 0,
    byOrderer: [],
  };
  const byOrderer = new Map<string, number>();
  for (const order of orders) {
    if (!billable(order.status)) continue;
    totals.meals += 1;
    totals.portions += order.portions;
    totals.amountFen += order.amountFen;
    if (order.payment.status === 'paid') totals.paidFen += order.amountFen;
    else totals.unpaidFen += order.amountFen;
    if (order.status === 'not_collected') totals.notCollected += 1;
    const label = order.orderedByLabel ?? '本人';
    byOrderer.set(label, (byOrderer.get(label) ?? 0) + 1);
  }
  totals.byOrderer = [...byOrderer].map(([label, meals]) => ({ label, meals }));
  return totals;
}

export interface MealCounts {
  orders: number;
  portions: number;
  byMode: Record<ServiceMode, { orders: number; portions: number }>;
  byDish: Record<string, number>;
  byDiet: Record<DietTag, number>;
  outcomes: { pending: number; delivered: number; collected: number; notCollected: number };
}

/** What the kitchen cooks: portions per dish, per dietary requirement and per mode (cancelled excluded). */
export function mealCounts(orders: readonly CountableOrder[]): MealCounts {
  const counts: MealCounts = {
    orders: 0,
    portions: 0,
    byMode: {
      dine_in: { orders: 0, portions: 0 },
      pickup: { orders: 0, portions: 0 },
      delivery: { orders: 0, portions: 0 },
    },
    byDish: {},
    byDiet: { soft: 0, low_salt: 0, low_sugar: 0 },
    outcomes: { pending: 0, delivered: 0, collected: 0, notCollected: 0 },
  };
  for (const order of orders) {
    if (order.status === 'cancelled') continue;
    counts.orders += 1;
    counts.portions += order.portions;
    counts.byMode[order.mode].orders += 1;
    counts.byMode[order.mode].portions += order.portions;
    counts.byDish[order.dishId] = (counts.byDish[order.dishId] ?? 0) + order.portions;
    for (const tag of new Set(order.dietTags)) counts.byDiet[tag] += order.portions;
    if (order.status === 'placed') counts.outcomes.pending += 1;
    else if (order.status === 'delivered') counts.outcomes.delivered += 1;
    else if (order.status === 'collected') counts.outcomes.collected += 1;
    else counts.outcomes.notCollected += 1;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------
// Finding a resident who phoned in
// ---------------------------------------------------------------------------------------

export type DinerQuery =
  { kind: 'address'; buildingNo: number; unitNo?: number; room?: string } | { kind: 'name'; name: string };

/**
 * What staff type to find someone: "5-1-102", "5号楼1单元102", "5号楼", "5-1", or a name
 * (or part of one).
 */
export function parseDinerQuery(raw: string): DinerQuery | undefined {
  const query = raw.trim().replace(/\s+/g, '');
  if (!query) return undefined;
  const dashed = /^(\d{1,3})(?:-(\d{1,2})(?:-([0-9A-Za-z]{1,10}))?)?$/.exec(query);
  const written = /^(\d{1,3})(?:号楼|栋|幢)(?:(\d{1,2})单元(?:([0-9A-Za-z]{1,10})(?:室|号)?)?)?$/.exec(query);
  const match = dashed ?? written;
  if (match) {
    return {
      kind: 'address',
      buildingNo: Number(match[1]),
      ...(match[2] ? { unitNo: Number(match[2]) } : {}),
      ...(match[3] ? { room: match[3] } : {}),
    };
  }
  if (/^[\p{L}·]{1,20}$/u.test(query)) return { kind: 'name', name: query };
  return undefined;
}
