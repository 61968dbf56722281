/** Actions of the `canteen` function: menus, orders, the kitchen, delivery, statements, exports. */
import type {
  CanteenSettings,
  DateKey,
  DeliveryListView,
  DeliveryRow,
  DietTag,
  DinerSearchHit,
  ExportFile,
  KitchenView,
  Meal,
  MenuDraft,
  MenuEditorView,
  MonthKey,
  OrderFormView,
  OrderOutcome,
  OrderView,
  RouteView,
  SavedMenu,
  ServiceMode,
  StaffWeekView,
  StatementView,
  WeekView,
} from '../domain/canteen';
import type { PushSummary } from '../domain/push';

export interface PlaceOrderInput {
  /**
   * Chosen by the client once per submission (e.g. when the form opens): a retry with the
   * same id returns the same order and never creates a second one.
   */
  requestId: string;
  menuId: string;
  dishId: string;
  /** Whom the meal is for; omitted = the caller. */
  dinerId?: string;
  portions: number;
  mode: ServiceMode;
  dietTags: DietTag[];
  note?: string;
  /** Staff ordering for someone: why (default "电话订餐"). */
  proxyReason?: string;
}

export interface CanteenActions {
  // --- residents and relatives -----------------------------------------------------------
  /** The published menus of a week (Monday first; default this week) with the caller's orders on them. */
  week: { input: { weekStart?: DateKey }; output: WeekView };
  /** Everything the order form needs: the menu, whom the caller may order for, prices, modes. */
  orderForm: { input: { menuId: string; dinerId?: string }; output: OrderFormView };
  /** Before the cut-off, within the portions left; one order per diner per meal. */
  placeOrder: { input: PlaceOrderInput; output: OrderView };
  /**
   * Before the cut-off: the diner, whoever ordered it, a bound relative, or canteen staff.
   * Community staff cancel only the orders they placed (phoned-in ones), not anyone's.
   */
  cancelOrder: { input: { orderId: string }; output: OrderView };
  /** Orders for the caller and the seniors they care for, upcoming first then recent. */
  myOrders: {
    input: { page?: number };
    output: { upcoming: OrderView[]; past: OrderView[]; hasMore: boolean };
  };
  /** A diner's month: meals, amounts, who ordered. The diner, bound relatives, canteen/community staff. */
  statement: { input: { month: MonthKey; dinerId?: string }; output: StatementView };

  // --- canteen staff ---------------------------------------------------------------------
  staffWeek: { input: { weekStart?: DateKey }; output: StaffWeekView };
  staffMenu: { input: { date: DateKey; meal: Meal }; output: MenuEditorView };
  /** Creates or edits a menu (`version` from the editor when it exists); `publish` makes it visible. */
  saveMenu: { input: MenuDraft & { version?: number; publish: boolean }; output: SavedMenu };
  /** A menu nobody ever ordered from. */
  removeMenu: { input: { menuId: string }; output: { id: string } };
  /**
   * Drafts for the target week from the source week's menus (default: the latest week with
   * menus before it, usually last week); menus the target week already has are kept.
   */
  copyWeek: {
    input: { toWeekStart: DateKey; fromWeekStart?: DateKey };
    output: { created: number; skipped: number; week: StaffWeekView };
  };
  publishWeek: { input: { weekStart: DateKey }; output: { published: number; late: number; week: StaffWeekView } };
  saveSettings: { input: CanteenSettings; output: CanteenSettings };
  /** Counts per dish, dietary tag and mode. */
  kitchen: { input: { menuId: string }; output: KitchenView };
  /** Canteen staff (everything) or an assigned deliverer (their buildings). */
  deliveryList: { input: { menuId: string }; output: DeliveryListView };
  /** After the cut-off: delivered / collected / not collected (alerts relatives and the branch secretary). */
  markOutcome: {
    input: { orderId: string; outcome: OrderOutcome; paid?: boolean };
    output: { row: DeliveryRow; notified?: PushSummary };
  };
  routes: { input: Record<string, never>; output: RouteView };
  /** Assigns (or, with null, clears) the deliverer of a building's home deliveries. */
  assignRoute: { input: { buildingNo: number; delivererId: string | null }; output: RouteView };
  /** Canteen and community staff: find the resident who phoned in. */
  findDiners: { input: { query: string }; output: { hits: DinerSearchHit[] } };
  /** Records an offline payment of everything unpaid in a diner's month. */
  recordPayment: { input: { dinerId: string; month: MonthKey }; output: StatementView };
  exportDay: { input: { date: DateKey }; output: ExportFile };
  exportMonth: { input: { month: MonthKey }; output: ExportFile };
}
