/**
 * Spreadsheets for staff (xlsx, which wx.openDocument opens on the phone): a day's orders,
 * and a month with one summary row per diner plus every order. Written to the caller's
 * own export folder; the answer carries a temporary URL.
 */
import type { ExportFile } from '../../typings/domain/canteen';
import { command } from '../shared/cloud';
import {
  DIET_LABELS,
  MEAL_LABELS,
  MODE_LABELS,
  PAYMENT_LABELS,
  PAYMENT_STATUS_LABELS,
  billable,
  monthLabel,
  statementTotals,
  statusBadge,
} from '../shared/domain/canteen';
import { addressLabel } from '../shared/domain/labels';
import type { OrderDoc } from './docs';
import { loadAll } from './store';
import { residentsByIds } from '../shared/people';
import { orderedByLabel } from './views';
import { exportSpreadsheet } from '../shared/exports';
import type { Cell } from '../shared/spreadsheet';

const DETAIL_HEADER: Cell[] = [
  '日期',
  '餐次',
  '菜品',
  '份数',
  '方式',
  '用餐人',
  '楼栋',
  '单元',
  '房间',
  '电话',
  '饮食要求',
  '备注',
  '下单',
  '状态',
  '单价（元）',
  '金额（元）',
  '付款方式',
  '付款',
];
const DETAIL_WIDTHS = [12, 6, 18, 6, 10, 10, 6, 6, 8, 14, 14, 24, 18, 10, 10, 10, 10, 8];

function detailRow(order: OrderDoc, phone: string | undefined): Cell[] {
  return [
    order.date,
    MEAL_LABELS[order.meal],
    order.dishName,
    order.portions,
    MODE_LABELS[order.mode],
    order.dinerName,
    order.address.buildingNo,
    order.address.unitNo,
    order.address.room,
    phone ?? '',
    order.dietTags.map((tag) => DIET_LABELS[tag]).join('、'),
    order.note ?? '',
    orderedByLabel(order),
    statusBadge(order.status, order.mode).text,
    order.unitPriceFen / 100,
    order.amountFen / 100,
    PAYMENT_LABELS[order.payment.method],
    PAYMENT_STATUS_LABELS[order.payment.status],
  ];
}

function byAddress(a: OrderDoc, b: OrderDoc): number {
  return (
    a.address.buildingNo - b.address.buildingNo ||
    a.address.unitNo - b.address.unitNo ||
    a.address.room.localeCompare(b.address.room, 'en', { numeric: true })
  );
}

function byDateMealAddress(a: OrderDoc, b: OrderDoc): number {
  return a.date.localeCompare(b.date) || (a.meal === b.meal ? 0 : a.meal === 'lunch' ? -1 : 1) || byAddress(a, b);
}

async function phonesOf(orders: readonly OrderDoc[]): Promise<Map<string, string | undefined>> {
  const people = await residentsByIds(orders.map((order) => order.dinerId));
  return new Map([...people].map(([id, person]) => [id, person.phone]));
}

export async function exportDay(openid: string, date: string, now: Date): Promise<ExportFile> {
  const orders = (await loadAll<OrderDoc>('canteen_orders', { date, status: command().neq('cancelled') })).sort(
    byDateMealAddress,
  );
  const phones = await phonesOf(orders);
  const { fileID, url } = await exportSpreadsheet(
    openid,
    `canteen-${date}`,
    [
      {
        name: `${date} 订单`,
        rows: [DETAIL_HEADER, ...orders.map((order) => detailRow(order, phones.get(order.dinerId)))],
        widths: DETAIL_WIDTHS,
      },
    ],
    now,
  );
  return { fileID, url, fileName: `老人食堂订单-${date}.xlsx`, rows: orders.length };
}

export async function exportMonth(openid: string, month: string, now: Date): Promise<ExportFile> {
  const orders = (await loadAll<OrderDoc>('canteen_orders', { month, status: command().neq('cancelled') })).sort(
    byDateMealAddress,
  );
  const phones = await phonesOf(orders);
  const byDiner = new Map<string, OrderDoc[]>();
  for (const order of orders) byDiner.set(order.dinerId, [...(byDiner.get(order.dinerId) ?? []), order]);
  const summary: Cell[][] = [
    ['用餐人', '住址', '电话', '餐数', '份数', '金额（元）', '已付（元）', '未付（元）', '未取餐/无人应答', '下单情况'],
  ];
  const diners = [...byDiner.values()].sort((a, b) => byAddress(a[0]!, b[0]!));
  for (const own of diners) {
    const first = own[0]!;
    const totals = statementTotals(
      own
        .filter((order) => billable(order.status))
        .map((order) => ({ ...order, orderedByLabel: orderedByLabel(order) })),
    );
    summary.push([
      first.dinerName,
      addressLabel(first.address),
      phones.get(first.dinerId) ?? '',
      totals.meals,
      totals.portions,
      totals.amountFen / 100,
      totals.paidFen / 100,
      totals.unpaidFen / 100,
      totals.notCollected,
      totals.byOrderer.map((entry) => `${entry.label}${entry.meals}餐`).join('；'),
    ]);
  }
  const { fileID, url } = await exportSpreadsheet(
    openid,
    `canteen-${month}`,
    [
      { name: `${monthLabel(month)}汇总`, rows: summary, widths: [10, 18, 14, 6, 6, 10, 10, 10, 14, 36] },
      {
        name: `${monthLabel(month)}明细`,
        rows: [DETAIL_HEADER, ...orders.map((order) => detailRow(order, phones.get(order.dinerId)))],
        widths: DETAIL_WIDTHS,
      },
    ],
    now,
  );
  return { fileID, url, fileName: `老人食堂月报-${month}.xlsx`, rows: orders.length };
}
