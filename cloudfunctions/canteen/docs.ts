/** The canteen's documents as stored (server-only; views in views.ts decide what leaves). */
import type {
  Allergen,
  CanteenSettings,
  ClockTime,
  Cutoff,
  DateKey,
  DietTag,
  Meal,
  MenuState,
  MonthKey,
  OrderStatus,
  OrderedByRelation,
  PaymentMethod,
  PaymentStatus,
  PriceTier,
  ServiceMode,
} from '../../typings/domain/canteen';
import type { HouseholdAddress } from '../../typings/domain/community';
import type { ProxyRecord } from '../shared/docs';

export const SETTINGS_ID = 'canteen';

export interface SettingsDoc extends CanteenSettings {
  _id: typeof SETTINGS_ID;
  updatedAt?: Date;
  updatedBy?: string;
}

export interface DishDoc {
  id: string;
  name: string;
  description?: string;
  tags: DietTag[];
  allergens: Allergen[];
  /** Portions offered; what is left is `stock[id]` on the menu. */
  capacity: number;
}

/** One meal of one day; `_id` is `${date}_${meal}`. */
export interface MenuDoc {
  _id: string;
  date: DateKey;
  meal: Meal;
  state: MenuState;
  dishes: DishDoc[];
  /** Portions left per dish id, taken by orders with a conditional `_.inc`. */
  stock: Record<string, number>;
  /**
   * Keys of the order requests that took portions, pushed in the SAME conditional update
   * that takes them: a retried request can never take portions twice.
   */
  orderKeys: string[];
  /**
   * Portions taken for a request whose order may not be written yet, by request key (the
   * same update that takes them records it). The order is inserted next; the reconcile
   * timer (reconcile.ts) settles a take once its order exists, and gives the portions back
   * (and the key) when its taker died before writing the order.
   */
  takes?: Record<string, PendingTake>;
  /** Set (the instant of the edit) while the orders' cut-off is being moved with the menu's. */
  cutoffSync?: Date;
  priceFen: number;
  tiers: PriceTier[];
  cutoff: Cutoff;
  cutoffAt: Date;
  servingTime: ClockTime;
  maxPortions: number;
  /** Bumped by every edit of staff (orders do not touch it). */
  version: number;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  publishedAt?: Date;
  publishedBy?: string;
}

export interface PendingTake {
  dishId: string;
  portions: number;
  /** When the taker (or a retry adopting it) started: with shared/leases.ts, whether it is dead. */
  at: Date;
}

/** Everything but the request keys and pending takes, which can be long: what views read. */
export const MENU_FIELDS = { orderKeys: false, takes: false } as const;

export interface OrderDoc {
  /** Derived from who asked and their request id: a retry finds the same document. */
  _id: string;
  requestKey: string;
  /** `${menuId}|${dinerId}` while active (unique: one order per diner per meal), `x|${_id}` once cancelled. */
  activeKey: string;
  menuId: string;
  date: DateKey;
  month: MonthKey;
  meal: Meal;
  dishId: string;
  dishName: string;
  portions: number;
  mode: ServiceMode;
  dietTags: DietTag[];
  note?: string;
  dinerId: string;
  /** Snapshots for statements and exports. */
  dinerName: string;
  /** The diner's verified household when ordered: where a delivery goes. */
  address: HouseholdAddress;
  orderedById: string;
  orderedByName: string;
  relation: OrderedByRelation;
  /** Present when someone ordered for the diner (shared/docs.ts ProxyRecord convention). */
  proxy?: ProxyRecord;
  status: OrderStatus;
  unitPriceFen: number;
  amountFen: number;
  tierLabel?: string;
  payment: {
    method: PaymentMethod;
    status: PaymentStatus;
    paidAt?: Date;
    recordedBy?: string;
    /** For WeChat Pay later: the transaction id. */
    transactionId?: string;
  };
  /** The menu's cut-off (kept in step when staff move it). */
  cutoffAt: Date;
  createdAt: Date;
  cancelledAt?: Date;
  cancelledBy?: string;
  outcomeAt?: Date;
  outcomeBy?: string;
  /**
   * What still follows a change of this order (followups.ts), written in the same update
   * as the change and removed once done: a dead invocation's follow-up is finished by the
   * retry or by the reconcile timer.
   */
  followUp?: OrderFollowUp;
}

export interface OrderFollowUp {
  /** placed: tell the diner (a relative ordered); cancelled: give the portions back, tell the others; outcome: tell relatives (and the secretary). */
  kind: 'placed' | 'cancelled' | 'outcome';
  /** The instant of the change (the lease: finished by others only once its writer is certainly over). */
  at: Date;
  /** Who is told (cancelled): the diner and whoever ordered, except the one who cancelled. */
  notify?: string[];
  /** The name of who cancelled, for the message. */
  actorName?: string;
}

/** The deliverer of a building's home deliveries; `_id` is the building's id ("b05"). */
export interface RouteDoc {
  _id: string;
  buildingNo: number;
  delivererId: string;
  assignedBy: string;
  assignedAt: Date;
}
