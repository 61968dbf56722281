/**
 * The `canteen` function: the seniors' canteen. Residents and relatives browse the week's
 * menus and order (a relative for a bound senior, staff for a senior who phoned in) before
 * the cut-off within the portions left; canteen staff publish menus, see the kitchen's
 * counts and the delivery list, mark outcomes (relatives hear a meal arrived; a meal nobody
 * took alerts them and the branch secretary), keep statements and export spreadsheets.
 */
import { z } from 'zod';
import { createFunction, defineAction } from '../shared/runtime';
import {
  buildingNoInput,
  dateKeyInput,
  idInput,
  mealInput,
  menuDraftFields,
  menuIdInput,
  monthKeyInput,
  outcomeInput,
  pageInput,
  placeOrderInput,
  settingsInput,
} from './inputs';
import { assignRoute, buildDeliveryList, buildKitchen, buildRoutes, findDiners, markOutcome } from './kitchen';
import { buildEditor, buildStaffWeek, copyWeek, publishWeek, removeMenu, saveMenu, saveSettings } from './menus';
import { buildOrderForm, buildWeek, cancelOrder, myOrders, placeOrder } from './orders';
import { buildStatement, recordPayment } from './statements';
import { exportDay, exportMonth } from './export';
import type { MenuDoc, RouteDoc } from './docs';
import { menuJoin } from './store';
import { reconcile } from './reconcile';

const CANTEEN = { roles: ['canteen_staff'] } as const;
const CANTEEN_OR_STAFF = { roles: ['canteen_staff', 'staff'] } as const;
/** The delivery routes assigned to the caller, read with the caller. */
const ROUTES = { from: 'canteen_routes', foreignField: 'delivererId' } as const;

export const main = createFunction(
  'canteen',
  {
    // --- residents and relatives -----------------------------------------------------------
    week: defineAction({
      input: z.strictObject({ weekStart: dateKeyInput.optional() }),
      // Anyone may look at the menu; the resident (if any) comes with their seniors and
      // delivery routes in the caller's one round trip.
      access: 'signedIn',
      caller: { resident: true, seniors: true, joins: { routes: ROUTES } },
      run: async ({ weekStart }, { caller, now }) =>
        buildWeek(caller.resident, weekStart, now, {
          seniors: caller.seniors,
          routes: caller.joined.routes as Array<{ buildingNo: number }>,
        }),
    }),
    orderForm: defineAction({
      input: z.strictObject({ menuId: menuIdInput, dinerId: idInput.optional() }),
      access: 'registered',
      caller: { seniors: true },
      run: ({ menuId, dinerId }, { caller, now }) =>
        buildOrderForm(caller.resident!, menuId, dinerId, now, caller.seniors),
    }),
    placeOrder: defineAction({
      input: placeOrderInput,
      access: 'registered',
      callerFor: (input) => ({ seniors: input.dinerId !== undefined, joins: { menu: menuJoin(input.menuId) } }),
      run: (input, { caller, now }) =>
        placeOrder(caller.resident!, caller.openid!, input, now, {
          menu: caller.joined.menu?.[0] as MenuDoc | undefined,
          seniors: caller.seniors,
        }),
    }),
    cancelOrder: defineAction({
      input: z.strictObject({ orderId: idInput }),
      access: 'registered',
      run: ({ orderId }, { caller, now }) => cancelOrder(caller.resident!, orderId, now),
    }),
    myOrders: defineAction({
      input: z.strictObject({ page: pageInput.optional() }),
      access: 'registered',
      caller: { seniors: true },
      run: ({ page = 1 }, { caller, now }) => myOrders(caller.resident!, page, now, caller.seniors),
    }),
    statement: defineAction({
      input: z.strictObject({ month: monthKeyInput, dinerId: idInput.optional() }),
      access: 'registered',
      caller: { seniors: true },
      run: ({ month, dinerId }, { caller }) => buildStatement(caller.resident!, month, dinerId, caller.seniors),
    }),

    // --- canteen staff ---------------------------------------------------------------------
    staffWeek: defineAction({
      input: z.strictObject({ weekStart: dateKeyInput.optional() }),
      access: CANTEEN,
      run: ({ weekStart }, { now }) => buildStaffWeek(weekStart, now),
    }),
    staffMenu: defineAction({
      input: z.strictObject({ date: dateKeyInput, meal: mealInput }),
      access: CANTEEN,
      run: ({ date, meal }, { now }) => buildEditor(date, meal, now),
    }),
    saveMenu: defineAction({
      input: z.strictObject({
        ...menuDraftFields,
        version: z.number().int().min(1).max(1_000_000).optional(),
        publish: z.boolean(),
      }),
      access: CANTEEN,
      run: (input, { caller, now }) => saveMenu(input, caller.resident!._id, now),
    }),
    removeMenu: defineAction({
      input: z.strictObject({ menuId: menuIdInput }),
      access: CANTEEN,
      async run({ menuId }) {
        await removeMenu(menuId);
        return { id: menuId };
      },
    }),
    copyWeek: defineAction({
      input: z.strictObject({ toWeekStart: dateKeyInput, fromWeekStart: dateKeyInput.optional() }),
      access: CANTEEN,
      async run({ toWeekStart, fromWeekStart }, { caller, now }) {
        const result = await copyWeek(toWeekStart, fromWeekStart, caller.resident!._id, now);
        return { ...result, week: await buildStaffWeek(toWeekStart, now) };
      },
    }),
    publishWeek: defineAction({
      input: z.strictObject({ weekStart: dateKeyInput }),
      access: CANTEEN,
      async run({ weekStart }, { caller, now }) {
        const result = await publishWeek(weekStart, caller.resident!._id, now);
        return { ...result, week: await buildStaffWeek(weekStart, now) };
      },
    }),
    saveSettings: defineAction({
      input: settingsInput,
      access: CANTEEN,
      run: (settings, { caller, now }) => saveSettings(settings, caller.resident!._id, now),
    }),
    kitchen: defineAction({
      input: z.strictObject({ menuId: menuIdInput }),
      access: CANTEEN,
      run: ({ menuId }, { now }) => buildKitchen(menuId, now),
    }),
    deliveryList: defineAction({
      input: z.strictObject({ menuId: menuIdInput }),
      access: 'registered',
      caller: { joins: { routes: ROUTES } },
      run: ({ menuId }, { caller, now }) =>
        buildDeliveryList(caller.resident!, menuId, now, caller.joined.routes as RouteDoc[]),
    }),
    markOutcome: defineAction({
      input: z.strictObject({ orderId: idInput, outcome: outcomeInput, paid: z.boolean().optional() }),
      access: 'registered',
      run: ({ orderId, outcome, paid }, { caller, now }) => markOutcome(caller.resident!, orderId, outcome, paid, now),
    }),
    routes: defineAction({
      input: z.strictObject({}),
      access: CANTEEN,
      run: () => buildRoutes(),
    }),
    assignRoute: defineAction({
      input: z.strictObject({ buildingNo: buildingNoInput, delivererId: idInput.nullable() }),
      access: CANTEEN,
      async run({ buildingNo, delivererId }, { caller, now }) {
        await assignRoute(caller.resident!._id, buildingNo, delivererId, now);
        return buildRoutes();
      },
    }),
    findDiners: defineAction({
      input: z.strictObject({ query: z.string().trim().min(1).max(30) }),
      access: CANTEEN_OR_STAFF,
      run: async ({ query }, { now }) => ({ hits: await findDiners(query, now) }),
    }),
    recordPayment: defineAction({
      input: z.strictObject({ dinerId: idInput, month: monthKeyInput }),
      access: CANTEEN,
      async run({ dinerId, month }, { caller, now }) {
        const staff = caller.resident!;
        await recordPayment(staff, dinerId, month, now);
        return buildStatement(staff, month, dinerId);
      },
    }),
    exportDay: defineAction({
      input: z.strictObject({ date: dateKeyInput }),
      access: CANTEEN_OR_STAFF,
      run: ({ date }, { caller, now }) => exportDay(caller.openid!, date, now),
    }),
    exportMonth: defineAction({
      input: z.strictObject({ month: monthKeyInput }),
      access: CANTEEN_OR_STAFF,
      run: ({ month }, { caller, now }) => exportMonth(caller.openid!, month, now),
    }),
  },
  { timers: { reconcile: ({ now, budget }) => reconcile(now, budget) } },
);
