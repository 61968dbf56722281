/**
 * Documents → views. Resident-facing views (menus, orders, statements) carry no room and no
 * phone; only the delivery list (canteen staff, the assigned deliverer) does.
 */
import type { DeliveryRow, MenuView, OrderView, StaffMenuSummary, StatementLine } from '../../typings/domain/canteen';
import { addressLabel } from '../shared/domain/labels';
import {
  ALLERGEN_LABELS,
  DIET_LABELS,
  MEAL_LABELS,
  MODE_LABELS,
  PAYMENT_LABELS,
  PAYMENT_STATUS_LABELS,
  cutoffLabel,
  dateLabel,
  lateWarning,
  orderWindow,
  statusBadge,
  weekdayLabel,
  whenLabel,
  yuan,
} from '../shared/domain/canteen';
import type { MenuDoc, OrderDoc } from './docs';

export function menuView(menu: MenuDoc, now: Date): MenuView {
  const window = orderWindow(menu, now);
  const dishes = menu.dishes.map((dish) => {
    const remaining = Math.max(0, menu.stock[dish.id] ?? 0);
    return {
      id: dish.id,
      name: dish.name,
      ...(dish.description ? { description: dish.description } : {}),
      tags: dish.tags.map((key) => ({ key, label: DIET_LABELS[key] })),
      allergens: dish.allergens.map((key) => ({ key, label: ALLERGEN_LABELS[key] })),
      remaining,
      soldOut: remaining <= 0,
    };
  });
  const soldOut = dishes.every((dish) => dish.soldOut);
  const closedReason = !window.open ? window.message : soldOut ? '这一餐已经订完了' : undefined;
  return {
    id: menu._id,
    date: menu.date,
    meal: menu.meal,
    mealLabel: MEAL_LABELS[menu.meal],
    dateLabel: `${dateLabel(menu.date)} ${weekdayLabel(menu.date)}`,
    servingTime: menu.servingTime,
    dishes,
    priceFen: menu.priceFen,
    priceLabel: yuan(menu.priceFen),
    tiers: menu.tiers.map((tier) => ({ label: tier.label, priceLabel: yuan(tier.priceFen) })),
    cutoffAt: menu.cutoffAt.toISOString(),
    cutoffLabel: cutoffLabel(menu.cutoffAt, now),
    orderable: window.open && !soldOut,
    ...(closedReason ? { closedReason } : {}),
  };
}

export function orderedByLabel(order: Pick<OrderDoc, 'relation' | 'orderedByName'>): string {
  switch (order.relation) {
    case 'self':
      return '本人订餐';
    case 'relative':
      return `亲属${order.orderedByName}代订`;
    case 'staff':
      return `工作人员${order.orderedByName}代订`;
  }
}

export function outcomeLabel(order: OrderDoc, now: Date): string | undefined {
  if (!order.outcomeAt || order.status === 'placed' || order.status === 'cancelled') return undefined;
  return `${whenLabel(order.outcomeAt, now)} ${statusBadge(order.status, order.mode).text}`;
}

export function orderView(order: OrderDoc, now: Date): OrderView {
  const cancellable = order.status === 'placed' && now.getTime() < order.cutoffAt.getTime();
  const outcome = outcomeLabel(order, now);
  return {
    id: order._id,
    menuId: order.menuId,
    date: order.date,
    dateLabel: `${dateLabel(order.date)} ${weekdayLabel(order.date)}`,
    meal: order.meal,
    mealLabel: MEAL_LABELS[order.meal],
    dishId: order.dishId,
    dishName: order.dishName,
    portions: order.portions,
    mode: order.mode,
    modeLabel: MODE_LABELS[order.mode],
    dietTags: order.dietTags.map((key) => ({ key, label: DIET_LABELS[key] })),
    ...(order.note ? { note: order.note } : {}),
    diner: { residentId: order.dinerId, name: order.dinerName },
    orderedBy: { relation: order.relation, name: order.orderedByName, label: orderedByLabel(order) },
    status: order.status,
    badge: statusBadge(order.status, order.mode),
    unitPriceFen: order.unitPriceFen,
    amountFen: order.amountFen,
    amountLabel: yuan(order.amountFen),
    ...(order.tierLabel ? { tierLabel: order.tierLabel } : {}),
    payment: {
      method: order.payment.method,
      methodLabel: PAYMENT_LABELS[order.payment.method],
      status: order.payment.status,
      statusLabel: PAYMENT_STATUS_LABELS[order.payment.status],
    },
    cutoffAt: order.cutoffAt.toISOString(),
    cutoffLabel: cutoffLabel(order.cutoffAt, now),
    cancellable,
    createdAt: order.createdAt.toISOString(),
    ...(outcome ? { outcomeLabel: outcome } : {}),
  };
}

/** "1份 · 送餐上门". */
export function orderSummary(order: Pick<OrderDoc, 'portions' | 'mode' | 'dishName'>): string {
  return `${order.dishName} ${order.portions}份 · ${MODE_LABELS[order.mode]}`;
}

export function statementLine(order: OrderDoc): StatementLine {
  return {
    orderId: order._id,
    date: order.date,
    dateLabel: `${dateLabel(order.date)} ${weekdayLabel(order.date)}`,
    mealLabel: MEAL_LABELS[order.meal],
    dishName: order.dishName,
    portions: order.portions,
    modeLabel: MODE_LABELS[order.mode],
    amountFen: order.amountFen,
    amountLabel: yuan(order.amountFen),
    orderedByLabel: orderedByLabel(order),
    status: statusBadge(order.status, order.mode),
    paid: order.payment.status === 'paid',
  };
}

/** A row of the delivery list: the only view with room and (when given) phone. */
export function deliveryRow(order: OrderDoc, phone: string | undefined): DeliveryRow {
  return {
    orderId: order._id,
    dinerName: order.dinerName,
    buildingNo: order.address.buildingNo,
    unitNo: order.address.unitNo,
    room: order.address.room,
    addressLabel: addressLabel(order.address),
    ...(phone ? { phone } : {}),
    dishName: order.dishName,
    portions: order.portions,
    mode: order.mode,
    modeLabel: MODE_LABELS[order.mode],
    dietTags: order.dietTags.map((key) => ({ key, label: DIET_LABELS[key] })),
    ...(order.note ? { note: order.note } : {}),
    status: order.status,
    badge: statusBadge(order.status, order.mode),
    paid: order.payment.status === 'paid',
    amountLabel: yuan(order.amountFen),
  };
}

export function staffMenuSummary(menu: MenuDoc, now: Date): StaffMenuSummary {
  const capacity = menu.dishes.reduce((sum, dish) => sum + dish.capacity, 0);
  const left = menu.dishes.reduce((sum, dish) => sum + Math.max(0, menu.stock[dish.id] ?? 0), 0);
  const late = lateWarning(menu.cutoffAt, now);
  const warning =
    menu.state === 'draft' && late
      ? '草稿未发布，订餐截止时间已过'
      : menu.state === 'published' && late && menu.publishedAt && menu.publishedAt >= menu.cutoffAt
        ? '发布时已过截止时间，居民无法订餐'
        : undefined;
  return {
    id: menu._id,
    date: menu.date,
    dateLabel: dateLabel(menu.date),
    meal: menu.meal,
    mealLabel: MEAL_LABELS[menu.meal],
    state: menu.state,
    stateBadge:
      menu.state === 'published'
        ? { text: '已发布', theme: 'success', icon: 'check-circle' }
        : { text: '草稿', theme: 'warning', icon: 'edit' },
    dishNames: menu.dishes.map((dish) => dish.name),
    ordered: capacity - left,
    capacity,
    cutoffLabel: cutoffLabel(menu.cutoffAt, now),
    ...(warning ? { warning } : {}),
  };
}
