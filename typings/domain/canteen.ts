/**
 * 食堂 — the seniors' canteen: daily menus per meal, orders (by the diner, a bound relative
 * or canteen staff for a senior who phoned in), the kitchen's counts, the delivery list,
 * monthly statements. Money is in fen (1 yuan = 100 fen), never floating yuan. Every
 * status comes with its Chinese label so pages never rely on colour alone.
 */

export type Meal = 'lunch' | 'dinner';

/** Dietary tags of a dish, and the requirements an order may ask the kitchen for. */
export type DietTag = 'soft' | 'low_salt' | 'low_sugar';

export type Allergen = 'peanut' | 'tree_nut' | 'egg' | 'milk' | 'soy' | 'wheat' | 'fish' | 'shellfish' | 'sesame';

/** 堂食 / 自取 / 送餐上门 (delivery only for seniors marked eligible). */
export type ServiceMode = 'dine_in' | 'pickup' | 'delivery';

/**
 * placed → cancelled (before the cut-off), or after the meal: delivered (home delivery),
 * collected (picked up or eaten in), not_collected (not picked up / nobody answered the door).
 */
export type OrderStatus = 'placed' | 'cancelled' | 'delivered' | 'collected' | 'not_collected';

/** What the kitchen or deliverer records after the meal. */
export type OrderOutcome = Exclude<OrderStatus, 'placed' | 'cancelled'>;

export type MenuState = 'draft' | 'published';

/** Only `offline` (线下: paid at the canteen or on delivery) exists today; the model leaves room for WeChat Pay. */
export type PaymentMethod = 'offline' | 'wechat_pay';
export type PaymentStatus = 'unpaid' | 'paid';

/** Who placed an order, relative to the diner. */
export type OrderedByRelation = 'self' | 'relative' | 'staff';

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

/** "HH:mm" on the community's wall clock. */
export type ClockTime = string;
/** "YYYY-MM-DD" in Asia/Shanghai. */
export type DateKey = string;
/** "YYYY-MM". */
export type MonthKey = string;

/** When ordering for a meal closes: `daysBefore` the meal's day at `time` (Asia/Shanghai). */
export interface Cutoff {
  daysBefore: number;
  time: ClockTime;
}

/** Who a price tier applies to: an age from a threshold (at the meal's year), or seniors eligible for delivery. */
export type PriceRule = { kind: 'age'; minAge: number } | { kind: 'deliveryEligible' };

export interface PriceTier {
  label: string;
  priceFen: number;
  rule: PriceRule;
}

/** The canteen's defaults a new menu starts from; canteen staff change them. */
export interface CanteenSettings {
  priceFen: number;
  tiers: PriceTier[];
  cutoffs: Record<Meal, Cutoff>;
  /** When the meal is served (shown with the menu, e.g. 11:30). */
  serving: Record<Meal, ClockTime>;
  /** Portions one order may hold. */
  maxPortions: number;
}

/** A dish as canteen staff write it. `id` is absent for a new dish. */
export interface DishInput {
  id?: string;
  name: string;
  description?: string;
  tags: DietTag[];
  allergens: Allergen[];
  /** Portions available for this meal. */
  portions: number;
}

/** What the menu editor saves. */
export interface MenuDraft {
  date: DateKey;
  meal: Meal;
  dishes: DishInput[];
  priceFen: number;
  tiers: PriceTier[];
  cutoff: Cutoff;
}

export interface DishView {
  id: string;
  name: string;
  description?: string;
  tags: Choice<DietTag>[];
  allergens: Choice<Allergen>[];
  remaining: number;
  soldOut: boolean;
}

/** A published menu as residents see it. */
export interface MenuView {
  id: string;
  date: DateKey;
  meal: Meal;
  mealLabel: string;
  /** e.g. "11月27日 周五". */
  dateLabel: string;
  servingTime: ClockTime;
  dishes: DishView[];
  priceFen: number;
  /** e.g. "7元". */
  priceLabel: string;
  tiers: Array<{ label: string; priceLabel: string }>;
  cutoffAt: string;
  /** Always shown: e.g. "今天 09:00 截止" / "11月26日（周四）20:00 截止". */
  cutoffLabel: string;
  orderable: boolean;
  /** Why it cannot be ordered, e.g. "已过订餐截止时间（今天 09:00）" or "今日菜品已订完". */
  closedReason?: string;
}

/** An order of the caller's (or of a senior they care for) on a menu, for the week view. */
export interface MenuOrderMark {
  orderId: string;
  dinerName: string;
  /** e.g. "已订 1份 · 送餐上门". */
  summary: string;
  status: StatusBadge;
}

export interface WeekDayView {
  date: DateKey;
  /** e.g. "11月27日". */
  label: string;
  /** e.g. "周五"; "今天" for today. */
  weekday: string;
  isToday: boolean;
  meals: Array<MenuView & { mine: MenuOrderMark[] }>;
}

/** What the caller may do on the canteen pages. */
export interface CanteenCapabilities {
  /** Has someone to order for (self verified, or a confirmed senior). */
  order: boolean;
  /** Why not, in words (e.g. not registered, binding pending). */
  orderHint?: string;
  /** Canteen staff: menus, kitchen counts, delivery list, exports, settings. */
  manage: boolean;
  /** Canteen staff or an assigned deliverer. */
  deliver: boolean;
  /** Canteen or community staff: order for any resident (a senior who phoned in), statements, exports. */
  actForOthers: boolean;
}

export interface WeekView {
  weekStart: DateKey;
  /** e.g. "11月23日 – 11月29日". */
  weekLabel: string;
  prevWeekStart: DateKey;
  nextWeekStart: DateKey;
  today: DateKey;
  days: WeekDayView[];
  can: CanteenCapabilities;
}

/** Someone the caller may order for, with what applies to them. */
export interface DinerOption {
  residentId: string;
  name: string;
  relation: OrderedByRelation;
  /** "本人" / "我关心的老人" / the address label for staff. */
  relationLabel: string;
  buildingLabel?: string;
  deliveryEligible: boolean;
  priceFen: number;
  priceLabel: string;
  /** The tier that gave the price, e.g. "80岁及以上". */
  tierLabel?: string;
  /** The diner's order for this meal, if any (one per diner per meal). */
  existingOrder?: { id: string; summary: string };
}

export interface OrderFormView {
  menu: MenuView;
  diners: DinerOption[];
  modes: Choice<ServiceMode>[];
  dietTags: Choice<DietTag>[];
  maxPortions: number;
  noteMax: number;
  /** Staff ordering for a senior who phoned in: pick the diner by search. */
  staffMode: boolean;
}

export interface OrderView {
  id: string;
  menuId: string;
  date: DateKey;
  dateLabel: string;
  meal: Meal;
  mealLabel: string;
  dishId: string;
  dishName: string;
  portions: number;
  mode: ServiceMode;
  modeLabel: string;
  dietTags: Choice<DietTag>[];
  note?: string;
  diner: { residentId: string; name: string };
  orderedBy: { relation: OrderedByRelation; name: string; label: string };
  status: OrderStatus;
  badge: StatusBadge;
  unitPriceFen: number;
  amountFen: number;
  amountLabel: string;
  tierLabel?: string;
  payment: { method: PaymentMethod; methodLabel: string; status: PaymentStatus; statusLabel: string };
  cutoffAt: string;
  cutoffLabel: string;
  cancellable: boolean;
  createdAt: string;
  /** e.g. "11月27日 12:05 已送达". */
  outcomeLabel?: string;
}

export interface StatementLine {
  orderId: string;
  date: DateKey;
  dateLabel: string;
  mealLabel: string;
  dishName: string;
  portions: number;
  modeLabel: string;
  amountFen: number;
  amountLabel: string;
  orderedByLabel: string;
  status: StatusBadge;
  paid: boolean;
}

export interface StatementView {
  month: MonthKey;
  /** e.g. "2026年11月". */
  monthLabel: string;
  diner: { residentId: string; name: string };
  lines: StatementLine[];
  totals: {
    meals: number;
    portions: number;
    amountFen: number;
    paidFen: number;
    unpaidFen: number;
    amountLabel: string;
    paidLabel: string;
    unpaidLabel: string;
    notCollected: number;
    /** Who ordered how many, e.g. [{ label: "亲属赵文杰代订", meals: 12 }]. */
    byOrderer: Array<{ label: string; meals: number }>;
  };
  /** The people whose statements the caller may open (self, bound seniors). */
  diners: Array<{ residentId: string; name: string }>;
  /** Canteen staff may record an offline payment of what is unpaid. */
  canRecordPayment: boolean;
}

/** The kitchen's view of one meal. */
export interface KitchenView {
  menu: MenuView & { state: MenuState };
  /** Counts are final only once ordering has closed. */
  cutoffPassed: boolean;
  totals: { orders: number; portions: number };
  byMode: Array<{ mode: ServiceMode; label: string; orders: number; portions: number }>;
  dishes: Array<{ dishId: string; name: string; portions: number; capacity: number; remaining: number }>;
  dietTags: Array<{ tag: DietTag; label: string; portions: number }>;
  /** Orders with a dietary note, with enough to find them (no room or phone). */
  notes: Array<{ orderId: string; dinerName: string; buildingLabel: string; dishName: string; note: string }>;
  outcomes: { pending: number; delivered: number; collected: number; notCollected: number };
}

/** One order on the delivery (or pick-up) list; room and phone only to canteen staff / the deliverer. */
export interface DeliveryRow {
  orderId: string;
  dinerName: string;
  buildingNo: number;
  unitNo: number;
  room: string;
  addressLabel: string;
  phone?: string;
  dishName: string;
  portions: number;
  mode: ServiceMode;
  modeLabel: string;
  dietTags: Choice<DietTag>[];
  note?: string;
  status: OrderStatus;
  badge: StatusBadge;
  paid: boolean;
  amountLabel: string;
}

export interface DeliveryGroup {
  buildingNo: number;
  buildingLabel: string;
  deliverer?: { residentId: string; name: string };
  units: Array<{ unitNo: number; unitLabel: string; rows: DeliveryRow[] }>;
}

export interface DeliveryListView {
  menu: {
    id: string;
    date: DateKey;
    dateLabel: string;
    mealLabel: string;
    servingTime: ClockTime;
    cutoffLabel: string;
  };
  cutoffPassed: boolean;
  /** Canteen staff see every building; a deliverer the buildings assigned to them. */
  scope: 'all' | 'assigned';
  groups: DeliveryGroup[];
  /** 自取 and 堂食 orders (canteen staff only). */
  counter: DeliveryRow[];
  counts: { total: number; pending: number; delivered: number; collected: number; notCollected: number };
}

export interface RouteView {
  buildings: Array<{ buildingNo: number; buildingLabel: string; deliverer?: { residentId: string; name: string } }>;
  candidates: Array<{ residentId: string; name: string; roleLabel: string }>;
}

/** A resident staff may order for (search by name or address). */
export interface DinerSearchHit {
  residentId: string;
  name: string;
  addressLabel: string;
  phoneMasked?: string;
  age?: number;
  deliveryEligible: boolean;
  livesAlone: boolean;
}

/** A staff-side week: every menu, drafts included, with what has been ordered. */
export interface StaffMenuSummary {
  id: string;
  date: DateKey;
  dateLabel: string;
  meal: Meal;
  mealLabel: string;
  state: MenuState;
  stateBadge: StatusBadge;
  dishNames: string[];
  ordered: number;
  capacity: number;
  cutoffLabel: string;
  /** The cut-off has passed while the menu is (still) a draft or was published late. */
  warning?: string;
}

export interface StaffWeekView {
  weekStart: DateKey;
  weekLabel: string;
  prevWeekStart: DateKey;
  nextWeekStart: DateKey;
  days: Array<{
    date: DateKey;
    label: string;
    weekday: string;
    meals: Array<{ meal: Meal; mealLabel: string; menu?: StaffMenuSummary }>;
  }>;
  drafts: number;
  settings: CanteenSettings;
}

/** The editor's starting point: the stored menu, or a new one from the defaults. */
export interface MenuEditorView {
  exists: boolean;
  id: string;
  state: MenuState;
  version: number;
  draft: MenuDraft;
  /** Portions already ordered per dish id (a dish cannot go below, or be removed while ordered). */
  ordered: Record<string, number>;
  dateLabel: string;
  mealLabel: string;
  cutoffLabel: string;
  dietTags: Choice<DietTag>[];
  allergens: Choice<Allergen>[];
}

export interface SavedMenu {
  id: string;
  state: MenuState;
  version: number;
  orderable: boolean;
  cutoffLabel: string;
  /** e.g. the menu was published after its cut-off: residents cannot order it. */
  warning?: string;
}

export interface ExportFile {
  fileID: string;
  url: string;
  fileName: string;
  rows: number;
}
