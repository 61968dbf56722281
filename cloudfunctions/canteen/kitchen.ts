/**
 * The kitchen and delivery side: counts per dish / dietary tag / mode, the delivery list
 * grouped by building and unit (names, rooms and phones only for canteen staff and the
 * assigned deliverer), marking outcomes, delivery routes, finding a resident who phoned.
 */
import type {
  DeliveryGroup,
  DeliveryListView,
  DeliveryRow,
  DinerSearchHit,
  KitchenView,
  OrderOutcome,
  RouteView,
} from '../../typings/domain/canteen';
import type { PushSummary } from '../../typings/domain/push';
import { collection, command, database } from '../shared/cloud';
import type { BuildingDoc, ResidentDoc } from '../shared/docs';
import {
  DIET_LABELS,
  DIET_TAGS,
  MEAL_LABELS,
  MODE_LABELS,
  SERVICE_MODES,
  ageAt,
  dateLabel,
  deliveryEligible,
  isCanteenStaff,
  mayDeliver,
  mealCounts,
  outcomeFits,
  parseDinerQuery,
  todayKey,
  weekdayLabel,
} from '../shared/domain/canteen';
import { addressLabel, buildingLabel, roleLabel } from '../shared/domain/labels';
import { maskPhone } from '../shared/domain/privacy';
import { AppError } from '../shared/errors';
import type { OrderDoc, RouteDoc } from './docs';
import { tellOutcome } from './notify';
import { assignedBuildings, loadAll, requireMenu, requireOrder } from './store';
import { residentsByIds } from '../shared/people';
import { deliveryRow, menuView } from './views';

async function activeOrders(menuId: string, extra: object = {}): Promise<OrderDoc[]> {
  return loadAll<OrderDoc>('canteen_orders', { menuId, status: command().neq('cancelled'), ...extra });
}

export async function buildKitchen(menuId: string, now: Date): Promise<KitchenView> {
  const [menu, orders] = await Promise.all([requireMenu(menuId), activeOrders(menuId)]);
  const counts = mealCounts(orders);
  const dishNames = new Map(menu.dishes.map((dish) => [dish.id, dish.name]));
  return {
    menu: { ...menuView(menu, now), state: menu.state },
    cutoffPassed: now.getTime() >= menu.cutoffAt.getTime(),
    totals: { orders: counts.orders, portions: counts.portions },
    byMode: SERVICE_MODES.map((mode) => ({ mode, label: MODE_LABELS[mode], ...counts.byMode[mode] })),
    dishes: menu.dishes.map((dish) => ({
      dishId: dish.id,
      name: dish.name,
      portions: counts.byDish[dish.id] ?? 0,
      capacity: dish.capacity,
      remaining: Math.max(0, menu.stock[dish.id] ?? 0),
    })),
    dietTags: DIET_TAGS.map((tag) => ({ tag, label: DIET_LABELS[tag], portions: counts.byDiet[tag] })),
    notes: orders
      .filter((order) => order.note)
      .map((order) => ({
        orderId: order._id,
        dinerName: order.dinerName,
        buildingLabel: buildingLabel(order.address.buildingNo),
        dishName: dishNames.get(order.dishId) ?? order.dishName,
        note: order.note!,
      })),
    outcomes: counts.outcomes,
  };
}

function byAddress(a: OrderDoc, b: OrderDoc): number {
  return (
    a.address.buildingNo - b.address.buildingNo ||
    a.address.unitNo - b.address.unitNo ||
    a.address.room.localeCompare(b.address.room, 'en', { numeric: true })
  );
}

/** Groups delivery rows by building, then unit, in address order. */
export function groupRows(
  rows: readonly DeliveryRow[],
  deliverers: ReadonlyMap<number, { residentId: string; name: string }>,
): DeliveryGroup[] {
  const groups = new Map<number, Map<number, DeliveryRow[]>>();
  for (const row of rows) {
    const units = groups.get(row.buildingNo) ?? new Map<number, DeliveryRow[]>();
    groups.set(row.buildingNo, units);
    units.set(row.unitNo, [...(units.get(row.unitNo) ?? []), row]);
  }
  return [...groups]
    .sort(([a], [b]) => a - b)
    .map(([buildingNo, units]) => {
      const deliverer = deliverers.get(buildingNo);
      return {
        buildingNo,
        buildingLabel: buildingLabel(buildingNo),
        ...(deliverer ? { deliverer } : {}),
        units: [...units]
          .sort(([a], [b]) => a - b)
          .map(([unitNo, unitRows]) => ({ unitNo, unitLabel: `${unitNo}单元`, rows: unitRows })),
      };
    });
}

async function routeMap(): Promise<Map<number, { residentId: string; name: string }>> {
  const routes = await loadAll<RouteDoc>('canteen_routes', {});
  const people = await residentsByIds(routes.map((route) => route.delivererId));
  return new Map(
    routes.flatMap((route) => {
      const person = people.get(route.delivererId);
      return person ? [[route.buildingNo, { residentId: person._id, name: person.name }] as const] : [];
    }),
  );
}

export async function buildDeliveryList(resident: ResidentDoc, menuId: string, now: Date): Promise<DeliveryListView> {
  const staff = isCanteenStaff(resident.roles);
  const buildings = staff ? [] : await assignedBuildings(resident._id);
  if (!staff && !buildings.length) throw new AppError('FORBIDDEN', '只有食堂工作人员和负责送餐的志愿者能查看送餐名单');
  const _ = command();
  const [menu, orders, deliverers] = await Promise.all([
    requireMenu(menuId),
    activeOrders(menuId, staff ? {} : { mode: 'delivery', 'address.buildingNo': _.in(buildings) }),
    routeMap(),
  ]);
  const phones = await residentsByIds(orders.map((order) => order.dinerId));
  const sorted = [...orders].sort(byAddress);
  const rows = sorted.map((order) => deliveryRow(order, phones.get(order.dinerId)?.phone));
  const counts = { total: rows.length, pending: 0, delivered: 0, collected: 0, notCollected: 0 };
  for (const row of rows) {
    if (row.status === 'placed') counts.pending++;
    else if (row.status === 'delivered') counts.delivered++;
    else if (row.status === 'collected') counts.collected++;
    else if (row.status === 'not_collected') counts.notCollected++;
  }
  return {
    menu: {
      id: menu._id,
      date: menu.date,
      dateLabel: `${dateLabel(menu.date)} ${weekdayLabel(menu.date)}`,
      mealLabel: MEAL_LABELS[menu.meal],
      servingTime: menu.servingTime,
      cutoffLabel: menuView(menu, now).cutoffLabel,
    },
    cutoffPassed: now.getTime() >= menu.cutoffAt.getTime(),
    scope: staff ? 'all' : 'assigned',
    groups: groupRows(
      rows.filter((row) => row.mode === 'delivery'),
      deliverers,
    ),
    counter: staff ? rows.filter((row) => row.mode !== 'delivery') : [],
    counts,
  };
}

export async function markOutcome(
  resident: ResidentDoc,
  orderId: string,
  outcome: OrderOutcome,
  paid: boolean | undefined,
  now: Date,
): Promise<{ row: DeliveryRow; notified?: PushSummary }> {
  const staff = isCanteenStaff(resident.roles);
  // Someone who delivers nowhere learns nothing, not even whether the order exists.
  const buildings = staff ? [] : await assignedBuildings(resident._id);
  if (!staff && !buildings.length) throw new AppError('FORBIDDEN', '只有食堂工作人员和负责送餐的志愿者能登记送餐结果');
  const order = await requireOrder(orderId);
  if (!staff && !(order.mode === 'delivery' && buildings.includes(order.address.buildingNo))) {
    throw new AppError('FORBIDDEN', '只有食堂工作人员和负责这栋楼的送餐人能登记这一单');
  }
  if (order.status === 'cancelled') throw new AppError('CONFLICT', '这个订单已经取消了');
  if (now.getTime() < order.cutoffAt.getTime()) {
    throw new AppError('CONFLICT', '订餐还没有截止，截止后才能登记送餐或取餐结果');
  }
  if (!outcomeFits(order.mode, outcome)) {
    throw new AppError(
      'INVALID_INPUT',
      order.mode === 'delivery'
        ? '送餐订单请登记「已送达」或「无人应答」'
        : '自取和堂食订单请登记「已取餐」或「未取餐」',
    );
  }
  // A first mark by anyone allowed; a correction of an earlier mark by canteen staff only.
  if (order.status !== 'placed' && !staff) throw new AppError('CONFLICT', '这一单已经登记过了，如需更正请联系食堂');
  const changed = order.status !== outcome;
  const update: Record<string, unknown> = {
    status: outcome,
    outcomeAt: now,
    outcomeBy: resident._id,
    ...(paid === undefined
      ? {}
      : paid
        ? { 'payment.status': 'paid', 'payment.paidAt': now, 'payment.recordedBy': resident._id }
        : { 'payment.status': 'unpaid' }),
  };
  const { updated } = await collection('canteen_orders').where({ _id: orderId, status: order.status }).update(update);
  if (updated !== 1) throw new AppError('CONFLICT', '这一单刚刚被其他人登记了，请刷新');
  const next: OrderDoc = {
    ...order,
    status: outcome,
    outcomeAt: now,
    outcomeBy: resident._id,
    payment:
      paid === undefined
        ? order.payment
        : paid
          ? { ...order.payment, status: 'paid', paidAt: now, recordedBy: resident._id }
          : { ...order.payment, status: 'unpaid' },
  };
  const notified = changed ? await tellOutcome(next, now) : undefined;
  const phone = (await residentsByIds([order.dinerId])).get(order.dinerId)?.phone;
  return { row: deliveryRow(next, phone), ...(notified ? { notified } : {}) };
}

// ---------------------------------------------------------------------------------------
// Routes: who delivers to which building
// ---------------------------------------------------------------------------------------

export async function buildRoutes(): Promise<RouteView> {
  const _ = command();
  const [buildings, deliverers, candidates] = await Promise.all([
    loadAll<BuildingDoc>('buildings', {}),
    routeMap(),
    loadAll<ResidentDoc>(
      'residents',
      { roles: _.elemMatch({ kind: _.in(['canteen_staff', 'volunteer', 'team_leader']) }) },
      { fields: { name: true, roles: true } },
    ),
  ]);
  const { data: teams } = await collection('volunteer_teams').limit(100).get();
  const teamNames = new Map((teams as { _id: string; name: string }[]).map((team) => [team._id, team.name]));
  return {
    buildings: buildings
      .sort((a, b) => a.no - b.no)
      .map((building) => {
        const deliverer = deliverers.get(building.no);
        return {
          buildingNo: building.no,
          buildingLabel: buildingLabel(building.no),
          ...(deliverer ? { deliverer } : {}),
        };
      }),
    candidates: candidates
      .map((person) => {
        const role =
          person.roles.find((held) => held.kind === 'canteen_staff') ??
          person.roles.find((held) => held.kind === 'volunteer' || held.kind === 'team_leader')!;
        return { residentId: person._id, name: person.name, roleLabel: roleLabel(role, teamNames) };
      })
      .sort((a, b) => a.roleLabel.localeCompare(b.roleLabel, 'zh') || a.name.localeCompare(b.name, 'zh')),
  };
}

export async function assignRoute(
  staffId: string,
  buildingNo: number,
  delivererId: string | null,
  now: Date,
): Promise<void> {
  const id = `b${String(buildingNo).padStart(2, '0')}`;
  const { data } = await collection('buildings').where({ no: buildingNo }).limit(1).get();
  if (!data.length) throw new AppError('NOT_FOUND', `没有${buildingNo}号楼`);
  if (delivererId === null) {
    await collection('canteen_routes').doc(id).remove();
    return;
  }
  const person = (await residentsByIds([delivererId])).get(delivererId);
  if (!person) throw new AppError('NOT_FOUND', '没有找到这位送餐人');
  if (!mayDeliver(person.roles)) throw new AppError('CONFLICT', '送餐人须是食堂工作人员或志愿者');
  const route: Omit<RouteDoc, '_id'> = { buildingNo, delivererId, assignedBy: staffId, assignedAt: now };
  await collection('canteen_routes').doc(id).set(route);
}

// ---------------------------------------------------------------------------------------
// Finding a resident who phoned in
// ---------------------------------------------------------------------------------------

const SEARCH_LIMIT = 20;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function findDiners(query: string, now: Date): Promise<DinerSearchHit[]> {
  const parsed = parseDinerQuery(query);
  if (!parsed) throw new AppError('INVALID_INPUT', '请输入姓名，或楼号-单元-房间（如 5-1-102）');
  const where: Record<string, unknown> = { 'binding.status': 'verified' };
  if (parsed.kind === 'address') {
    where['binding.address.buildingNo'] = parsed.buildingNo;
    if (parsed.unitNo) where['binding.address.unitNo'] = parsed.unitNo;
    if (parsed.room) where['binding.address.room'] = parsed.room;
  } else {
    where.name = database().RegExp({ regexp: escapeRegExp(parsed.name), options: '' });
  }
  const { data } = await collection('residents').where(where).limit(SEARCH_LIMIT).get();
  const today = todayKey(now);
  return (data as ResidentDoc[])
    .sort((a, b) => {
      const x = a.binding.address!;
      const y = b.binding.address!;
      return (
        x.buildingNo - y.buildingNo || x.unitNo - y.unitNo || x.room.localeCompare(y.room, 'en', { numeric: true })
      );
    })
    .map((person) => {
      const age = ageAt(person.birthYear, today);
      return {
        residentId: person._id,
        name: person.name,
        addressLabel: addressLabel(person.binding.address!),
        ...(person.phone ? { phoneMasked: maskPhone(person.phone) } : {}),
        ...(age !== undefined ? { age } : {}),
        deliveryEligible: deliveryEligible(person.care),
        livesAlone: person.care?.livesAlone === true,
      };
    });
}
