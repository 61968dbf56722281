/**
 * Orders: placing (portions taken and the request recorded in ONE conditional update on
 * the menu, so neither a burst nor a retry can oversell or duplicate), cancelling before
 * the cut-off, and what residents and relatives see.
 */
import { createHash } from 'node:crypto';
import type { DinerOption, OrderFormView, OrderView, WeekView } from '../../typings/domain/canteen';
import type { PlaceOrderInput } from '../../typings/functions/canteen';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import {
  DIET_LABELS,
  DIET_TAGS,
  MODE_LABELS,
  SERVICE_MODES,
  actsForOthers,
  addDays,
  choices,
  dateLabel,
  deliveryEligible,
  isCanteenStaff,
  mayCancelOrder,
  modeProblem,
  monthOf,
  orderWindow,
  orderingRelation,
  priceFor,
  statusBadge,
  todayKey,
  weekDates,
  weekLabel,
  weekStartOf,
  weekdayLabel,
  yuan,
} from '../shared/domain/canteen';
import { addressLabel, buildingLabel } from '../shared/domain/labels';
import { AppError } from '../shared/errors';
import { screenText } from '../shared/moderation';
import { proxyRecord } from '../shared/proxy';
import type { MenuDoc, OrderDoc, OrderFollowUp } from './docs';
import { finishFollowUp } from './followups';
import {
  assignedBuildings,
  confirmedSeniors,
  findMenu,
  findResident,
  linkState,
  loadAll,
  menusBetween,
  requireOrder,
} from './store';
import { menuView, orderSummary, orderView } from './views';

const NOTE_MAX = 100;

export function requestKey(ordererId: string, requestId: string): string {
  return createHash('sha256').update(`canteen-order:${ordererId}:${requestId}`).digest('hex').slice(0, 32);
}

export function orderIdOf(key: string): string {
  return `o${key}`;
}

export function activeKeyOf(menuId: string, dinerId: string): string {
  return `${menuId}|${dinerId}`;
}

/**
 * Who the caller may order for without staff rights: themselves (verified) and confirmed
 * seniors (`seniors` when the runtime read them with the caller, else read here).
 */
async function ownDiners(resident: ResidentDoc, known: ResidentDoc[] | null): Promise<ResidentDoc[]> {
  const seniors = known ?? (await confirmedSeniors(resident._id));
  const self = resident.binding.status === 'verified' ? [resident] : [];
  return [...self, ...seniors.filter((senior) => senior._id !== resident._id)];
}

function servedHousehold(diner: ResidentDoc): NonNullable<ResidentDoc['binding']['address']> {
  const address = diner.binding.address;
  if (diner.binding.status !== 'verified' || !address) {
    throw new AppError('CONFLICT', `${diner.name}的住址尚未认证，认证后才能订餐`);
  }
  return address;
}

// ---------------------------------------------------------------------------------------
// The week
// ---------------------------------------------------------------------------------------

export async function buildWeek(
  resident: ResidentDoc | null,
  weekStart: string | undefined,
  now: Date,
  known: { seniors: ResidentDoc[] | null; routes?: Array<{ buildingNo: number }> } = { seniors: null },
): Promise<WeekView> {
  const _ = command();
  const start = weekStartOf(weekStart ?? now);
  const dates = weekDates(start);
  const [menus, diners, routes] = await Promise.all([
    menusBetween(dates[0]!, dates[6]!, true),
    resident ? ownDiners(resident, known.seniors) : Promise.resolve([]),
    !resident ? Promise.resolve([]) : known.routes ? Promise.resolve(known.routes) : assignedBuildings(resident._id),
  ]);
  const dinerIds = diners.map((diner) => diner._id);
  const orders = dinerIds.length
    ? await loadAll<OrderDoc>('canteen_orders', {
        dinerId: _.in(dinerIds),
        date: _.gte(dates[0]!).and(_.lte(dates[6]!)),
        status: _.neq('cancelled'),
      })
    : [];
  const today = todayKey(now);
  const roles = resident?.roles ?? [];
  const manage = isCanteenStaff(roles);
  const actForOthers = actsForOthers(roles);
  const orderHint = !resident
    ? '登记住户信息后就能订餐'
    : diners.length || actForOthers
      ? undefined
      : resident.binding.status === 'pending'
        ? '住址审核通过后就能订餐'
        : '登记并认证住址后就能订餐；亲属可在「我的」绑定老人后代订';
  return {
    weekStart: start,
    weekLabel: weekLabel(start),
    prevWeekStart: addDays(start, -7),
    nextWeekStart: addDays(start, 7),
    today,
    days: dates.map((date) => ({
      date,
      label: dateLabel(date),
      weekday: date === today ? '今天' : weekdayLabel(date),
      isToday: date === today,
      meals: menus
        .filter((menu) => menu.date === date)
        .sort((a, b) => (a.meal === b.meal ? 0 : a.meal === 'lunch' ? -1 : 1))
        .map((menu) => ({
          ...menuView(menu, now),
          mine: orders
            .filter((order) => order.menuId === menu._id)
            .map((order) => ({
              orderId: order._id,
              dinerName: order.dinerName,
              summary: `已订 ${orderSummary(order)}`,
              status: statusBadge(order.status, order.mode),
            })),
        })),
    })),
    can: {
      order: diners.length > 0 || actForOthers,
      ...(orderHint ? { orderHint } : {}),
      manage,
      deliver: manage || routes.length > 0,
      actForOthers,
    },
  };
}

// ---------------------------------------------------------------------------------------
// The order form
// ---------------------------------------------------------------------------------------

function dinerOption(
  diner: ResidentDoc,
  relation: DinerOption['relation'],
  menu: MenuDoc,
  existing: OrderDoc | undefined,
): DinerOption {
  const price = priceFor(menu, diner, menu.date);
  const address = diner.binding.status === 'verified' ? diner.binding.address : undefined;
  return {
    residentId: diner._id,
    name: diner.name,
    relation,
    relationLabel:
      relation === 'self' ? '本人' : relation === 'relative' ? '我关心的老人' : address ? addressLabel(address) : '',
    ...(address ? { buildingLabel: buildingLabel(address.buildingNo) } : {}),
    deliveryEligible: deliveryEligible(diner.care),
    priceFen: price.priceFen,
    priceLabel: yuan(price.priceFen),
    ...(price.tierLabel ? { tierLabel: price.tierLabel } : {}),
    ...(existing
      ? { existingOrder: { id: existing._id, summary: `${orderedByText(existing)}：${orderSummary(existing)}` } }
      : {}),
  };
}

function orderedByText(order: OrderDoc): string {
  return order.relation === 'self' ? '本人已订' : `${order.orderedByName}已代订`;
}

export async function buildOrderForm(
  resident: ResidentDoc,
  menuId: string,
  dinerId: string | undefined,
  now: Date,
  seniors: ResidentDoc[] | null = null,
): Promise<OrderFormView> {
  const staff = actsForOthers(resident.roles);
  const menu = await findMenu(menuId);
  if (!menu || menu.state !== 'published') throw new AppError('NOT_FOUND', '没有找到这一餐的菜单');
  let diners: Array<{ diner: ResidentDoc; relation: DinerOption['relation'] }>;
  const knownSenior = seniors?.find((senior) => senior._id === dinerId);
  if (dinerId && dinerId !== resident._id) {
    // A senior the runtime read with the caller is a confirmed link: nothing more to read.
    const [diner, link] = knownSenior
      ? [knownSenior, 'confirmed' as const]
      : await Promise.all([findResident(dinerId), linkState(resident._id, dinerId)]);
    const decision = orderingRelation({ id: resident._id, roles: resident.roles }, dinerId, link);
    if (!decision.ok) throw new AppError(decision.code, decision.message);
    if (!diner) throw new AppError('NOT_FOUND', '没有找到这位居民');
    diners = [{ diner, relation: decision.relation }];
  } else {
    diners = (await ownDiners(resident, seniors)).map((diner) => ({
      diner,
      relation: diner._id === resident._id ? ('self' as const) : ('relative' as const),
    }));
  }
  const ids = diners.map((entry) => entry.diner._id);
  const existing = ids.length
    ? await loadAll<OrderDoc>('canteen_orders', { activeKey: command().in(ids.map((id) => activeKeyOf(menuId, id))) })
    : [];
  const byDiner = new Map(existing.map((order) => [order.dinerId, order]));
  return {
    menu: menuView(menu, now),
    diners: diners.map(({ diner, relation }) => dinerOption(diner, relation, menu, byDiner.get(diner._id))),
    modes: choices(SERVICE_MODES, MODE_LABELS),
    dietTags: choices(DIET_TAGS, DIET_LABELS),
    maxPortions: menu.maxPortions,
    noteMax: NOTE_MAX,
    staffMode: staff,
  };
}

// ---------------------------------------------------------------------------------------
// Placing an order
// ---------------------------------------------------------------------------------------

function existingOrderMessage(order: OrderDoc): string {
  const who = order.relation === 'self' ? `${order.dinerName}本人` : order.orderedByName;
  return `${order.dinerName}这一餐已经有订单（${who}订的：${orderSummary(order)}），如需更改请先取消原订单`;
}

function soldOutMessage(menu: MenuDoc, dishId: string, portions: number): string {
  const dish = menu.dishes.find((candidate) => candidate.id === dishId);
  const left = Math.max(0, menu.stock[dishId] ?? 0);
  const name = dish ? `「${dish.name}」` : '这道菜';
  return left > 0 ? `${name}只剩${left}份，不够${portions}份` : `${name}已经订完了，请换一道菜`;
}

/** What the runtime read with the caller (callerFor: menuJoin, and the seniors when ordering for one). */
export interface OrderContext {
  menu: MenuDoc | undefined;
  /** The caller's confirmed seniors (null: not read). */
  seniors: ResidentDoc[] | null;
}

export async function placeOrder(
  resident: ResidentDoc,
  openid: string,
  input: PlaceOrderInput,
  now: Date,
  known: OrderContext,
): Promise<OrderView> {
  const _ = command();
  const key = requestKey(resident._id, input.requestId);
  const orderId = orderIdOf(key);
  const dinerId = input.dinerId ?? resident._id;
  const activeKey = activeKeyOf(input.menuId, dinerId);
  const isSelf = dinerId === resident._id;

  // A senior the caller is a confirmed relative of came with the caller; anyone else is read.
  const senior = known.seniors?.find((candidate) => candidate._id === dinerId);
  const menu = known.menu;
  const [clashes, diner, link] = await Promise.all([
    collection('canteen_orders')
      .where(_.or([{ _id: orderId }, { activeKey }]))
      .limit(2)
      .get()
      .then(({ data }) => data as OrderDoc[]),
    isSelf ? Promise.resolve(resident) : senior ? Promise.resolve(senior) : findResident(dinerId),
    isSelf
      ? Promise.resolve('none' as const)
      : senior
        ? Promise.resolve('confirmed' as const)
        : linkState(resident._id, dinerId),
  ]);
  // A retry of a request already taken: the same order, whatever happened since.
  const same = clashes.find((order) => order._id === orderId);
  if (same) {
    // Its function may have died before telling the diner: finish that now.
    if (same.followUp) await finishFollowUp(same, same.followUp);
    return orderView(same, now);
  }

  const decision = orderingRelation({ id: resident._id, roles: resident.roles }, dinerId, link);
  if (!decision.ok) throw new AppError(decision.code, decision.message);
  if (!diner) throw new AppError('NOT_FOUND', '没有找到这位居民');
  const address = servedHousehold(diner);
  if (!menu || menu.state !== 'published') throw new AppError('NOT_FOUND', '没有找到这一餐的菜单');
  const window = orderWindow(menu, now);
  if (!window.open) throw new AppError('CONFLICT', window.message);
  const dish = menu.dishes.find((candidate) => candidate.id === input.dishId);
  if (!dish) throw new AppError('NOT_FOUND', '这道菜不在这一餐的菜单上，请刷新后再选');
  if (input.portions > menu.maxPortions) {
    throw new AppError('INVALID_INPUT', `每份订单最多${menu.maxPortions}份`);
  }
  const modeRefusal = modeProblem(input.mode, diner.care);
  if (modeRefusal) throw new AppError(modeRefusal.code, modeRefusal.message);
  const active = clashes.find((order) => order.activeKey === activeKey);
  if (active) throw new AppError('CONFLICT', existingOrderMessage(active));
  const note = input.note?.trim() || undefined;
  if (note) await screenText(openid, 2, [note]);

  const taken = await takePortions(menu, dish.id, key, input.portions, now);
  if (taken !== 'taken') throw new AppError('CONFLICT', taken);

  const price = priceFor(menu, diner, menu.date);
  const proxy =
    decision.relation === 'self'
      ? undefined
      : proxyRecord(
          resident._id,
          dinerId,
          now,
          decision.relation === 'staff' ? (input.proxyReason ?? '电话订餐') : input.proxyReason,
        );
  const order: OrderDoc = {
    _id: orderId,
    requestKey: key,
    activeKey,
    menuId: menu._id,
    date: menu.date,
    month: monthOf(menu.date),
    meal: menu.meal,
    dishId: dish.id,
    dishName: dish.name,
    portions: input.portions,
    mode: input.mode,
    dietTags: [...new Set(input.dietTags)],
    ...(note ? { note } : {}),
    dinerId,
    dinerName: diner.name,
    address: { buildingNo: address.buildingNo, unitNo: address.unitNo, room: address.room },
    orderedById: resident._id,
    orderedByName: resident.name,
    relation: decision.relation,
    ...(proxy ? { proxy } : {}),
    status: 'placed',
    unitPriceFen: price.priceFen,
    amountFen: price.priceFen * input.portions,
    ...(price.tierLabel ? { tierLabel: price.tierLabel } : {}),
    payment: { method: 'offline', status: 'unpaid' },
    cutoffAt: menu.cutoffAt,
    createdAt: now,
    // A relative ordered: the diner is told (followups.ts), even if this function dies.
    ...(decision.relation === 'relative' ? { followUp: { kind: 'placed' as const, at: now } } : {}),
  };
  try {
    await collection('canteen_orders').add(order);
  } catch (error) {
    const twin = await requireOrderOrNull(orderId);
    if (twin) return orderView(twin, now);
    // Another order for this diner and meal got in first: give the portions back, once.
    await collection('canteen_menus')
      .where({ _id: menu._id, orderKeys: key })
      .update({ [`stock.${dish.id}`]: _.inc(input.portions), orderKeys: _.pull(key), [`takes.${key}`]: _.remove() });
    const { data } = await collection('canteen_orders').where({ activeKey }).limit(1).get();
    const winner = data[0] as OrderDoc | undefined;
    if (winner) throw new AppError('CONFLICT', existingOrderMessage(winner));
    throw error;
  }
  if (order.followUp) await finishFollowUp(order, order.followUp);
  return orderView(order, now);
}

/**
 * Takes the portions for request `key`: the stock, the request key and a pending take in
 * ONE conditional update on the menu, so neither a burst nor a retry can oversell or take
 * twice. A twin of this request (same key) may hold the take already; its order is then
 * this request's to write as much as the twin's, and the take is adopted (its instant
 * moved to now, conditionally) so the reconcile timer does not give it back meanwhile.
 * Answers 'taken', or why not (sold out, closed).
 */
async function takePortions(menu: MenuDoc, dishId: string, key: string, portions: number, now: Date): Promise<string> {
  const _ = command();
  for (let attempt = 0; attempt < 3; attempt++) {
    const take = await collection('canteen_menus')
      .where({
        _id: menu._id,
        state: 'published',
        cutoffAt: _.gt(now),
        [`stock.${dishId}`]: _.gte(portions),
        orderKeys: _.neq(key),
      })
      .update({
        [`stock.${dishId}`]: _.inc(-portions),
        orderKeys: _.push(key),
        [`takes.${key}`]: { dishId, portions, at: now },
      });
    if (take.updated === 1) return 'taken';
    const { data } = await collection('canteen_menus').doc(menu._id).get();
    const current = data[0] as MenuDoc | undefined;
    if (!current) throw new AppError('NOT_FOUND', '没有找到这一餐的菜单');
    if (!current.orderKeys.includes(key)) {
      const closed = orderWindow(current, now);
      if (!closed.open) return closed.message;
      return soldOutMessage(current, dishId, portions);
    }
    const held = current.takes?.[key];
    // Settled: its order exists (written by the twin), or a menu from before takes were recorded.
    if (!held) return 'taken';
    const adopted = await collection('canteen_menus')
      .where({ _id: menu._id, [`takes.${key}.at`]: held.at })
      .update({ [`takes.${key}.at`]: now });
    if (adopted.updated === 1) return 'taken';
    // The reconcile gave it back that very moment: take again.
  }
  return '刚刚订餐的人很多，请稍后再试';
}

async function requireOrderOrNull(orderId: string): Promise<OrderDoc | undefined> {
  const { data } = await collection('canteen_orders').doc(orderId).get();
  return data[0] as OrderDoc | undefined;
}

// ---------------------------------------------------------------------------------------
// Cancelling
// ---------------------------------------------------------------------------------------

/** Whether the caller may cancel: the diner, whoever ordered, a bound relative or canteen staff (mayCancelOrder). */
async function mayCancel(resident: ResidentDoc, order: OrderDoc): Promise<boolean> {
  const actor = { id: resident._id, roles: resident.roles };
  if (mayCancelOrder(actor, order, 'none')) return true;
  return mayCancelOrder(actor, order, await linkState(resident._id, order.dinerId));
}

export async function cancelOrder(resident: ResidentDoc, orderId: string, now: Date): Promise<OrderView> {
  const _ = command();
  const order = await requireOrder(orderId);
  if (!(await mayCancel(resident, order))) throw new AppError('NOT_FOUND', '没有找到这个订单');
  const others = [order.dinerId, order.orderedById].filter((id) => id !== resident._id);
  // The portions and the messages follow the change (followups.ts), even if this function dies.
  const followUp: OrderFollowUp = {
    kind: 'cancelled',
    at: now,
    notify: [...new Set(others)],
    actorName: resident.name,
  };
  const { updated } = await collection('canteen_orders')
    .where({ _id: orderId, status: 'placed', cutoffAt: _.gt(now) })
    .update({
      status: 'cancelled',
      activeKey: `x|${orderId}`,
      cancelledAt: now,
      cancelledBy: resident._id,
      followUp: _.set(followUp),
    });
  if (updated !== 1) {
    const current = await requireOrder(orderId);
    if (current.status === 'cancelled') {
      // A retry of a cancel that died half-way: finish it, and it is done.
      if (current.followUp && current.cancelledBy === resident._id) {
        await finishFollowUp(current, current.followUp);
        return orderView(current, now);
      }
      throw new AppError('CONFLICT', '这个订单已经取消了');
    }
    if (current.status !== 'placed') throw new AppError('CONFLICT', '这一餐已经送出或取过，不能取消');
    throw new AppError(
      'CONFLICT',
      `已过订餐截止时间（${orderView(current, now).cutoffLabel}），不能再取消，如有需要请致电食堂`,
    );
  }
  const cancelled: OrderDoc = {
    ...order,
    status: 'cancelled',
    activeKey: `x|${orderId}`,
    cancelledAt: now,
    cancelledBy: resident._id,
  };
  await finishFollowUp(cancelled, followUp);
  return orderView(cancelled, now);
}

// ---------------------------------------------------------------------------------------
// My orders
// ---------------------------------------------------------------------------------------

const PAST_PAGE = 20;

export async function myOrders(
  resident: ResidentDoc,
  page: number,
  now: Date,
  known: ResidentDoc[] | null = null,
): Promise<{ upcoming: OrderView[]; past: OrderView[]; hasMore: boolean }> {
  const _ = command();
  const seniors = known ?? (await confirmedSeniors(resident._id));
  const people = [resident._id, ...seniors.map((senior) => senior._id)];
  const mine = _.or([{ dinerId: _.in(people) }, { orderedById: resident._id }]);
  const today = todayKey(now);
  const [upcoming, past] = await Promise.all([
    page === 1
      ? loadAll<OrderDoc>('canteen_orders', _.and([mine, { date: _.gte(today) }]), {
          orderBy: [
            ['date', 'asc'],
            ['meal', 'desc'],
          ],
        })
      : Promise.resolve([]),
    collection('canteen_orders')
      .where(_.and([mine, { date: _.lt(today) }]))
      .orderBy('date', 'desc')
      .orderBy('meal', 'asc')
      .skip((page - 1) * PAST_PAGE)
      .limit(PAST_PAGE + 1)
      .get()
      .then(({ data }) => data as OrderDoc[]),
  ]);
  return {
    upcoming: upcoming.map((order) => orderView(order, now)),
    past: past.slice(0, PAST_PAGE).map((order) => orderView(order, now)),
    hasMore: past.length > PAST_PAGE,
  };
}
