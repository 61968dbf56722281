/**
 * What the 食堂 pages show, derived from the server's views. Every status is a tag WITH a
 * word and an icon, never a colour alone; the cut-off is always on screen. Shared by the
 * tab page and the canteen subpackage (a subpackage may import from the main package, not
 * the other way round).
 */
import type { StatusBadge, WeekDayView, WeekView } from '../../../typings/domain/canteen';

export const ORDER_PAGE = '/packages/canteen/pages/order/index';
export const ORDERS_PAGE = '/packages/canteen/pages/orders/index';
export const STATEMENT_PAGE = '/packages/canteen/pages/statement/index';
export const MANAGE_PAGE = '/packages/canteen/pages/manage/index';
export const DELIVERY_PAGE = '/packages/canteen/pages/delivery/index';

export type StatusTag = StatusBadge;

export interface DishLine {
  id: string;
  name: string;
  description: string;
  /** "软烂 · 少盐", or "". */
  tagsLabel: string;
  /** "含：鱼、大豆", or "". */
  allergensLabel: string;
  /** "余 18 份" / "已订完". */
  remainingLabel: string;
  soldOut: boolean;
}

export interface MealCard {
  id: string;
  title: string;
  servingLabel: string;
  priceLabel: string;
  tiersLabel: string;
  cutoff: StatusTag;
  closedReason: string;
  orderable: boolean;
  dishes: DishLine[];
  mine: Array<{ id: string; who: string; summary: string; tag: StatusTag }>;
}

export interface DayTab {
  value: string;
  label: string;
}

export interface WeekScreen {
  weekStart: string;
  weekLabel: string;
  prevWeekStart: string;
  nextWeekStart: string;
  tabs: DayTab[];
  days: Array<{ date: string; title: string; meals: MealCard[] }>;
  /** The tab to open: today when it is in the week, else Monday. */
  initialDate: string;
  canOrder: boolean;
  orderHint: string;
  manage: boolean;
  deliver: boolean;
}

function mealCard(meal: WeekDayView['meals'][number]): MealCard {
  return {
    id: meal.id,
    title: meal.mealLabel,
    servingLabel: `${meal.servingTime} 开餐`,
    priceLabel: `${meal.priceLabel}/份`,
    tiersLabel: meal.tiers.map((tier) => `${tier.label} ${tier.priceLabel}`).join('，'),
    cutoff: meal.orderable
      ? { text: meal.cutoffLabel, theme: 'warning', icon: 'time' }
      : { text: meal.closedReason?.startsWith('已过') ? '已截止' : '暂停订餐', theme: 'default', icon: 'lock-on' },
    closedReason: meal.closedReason ?? '',
    orderable: meal.orderable,
    dishes: meal.dishes.map((dish) => ({
      id: dish.id,
      name: dish.name,
      description: dish.description ?? '',
      tagsLabel: dish.tags.map((tag) => tag.label).join(' · '),
      allergensLabel: dish.allergens.length ? `含：${dish.allergens.map((a) => a.label).join('、')}` : '',
      remainingLabel: dish.soldOut ? '已订完' : `余 ${dish.remaining} 份`,
      soldOut: dish.soldOut,
    })),
    mine: meal.mine.map((mark) => ({ id: mark.orderId, who: mark.dinerName, summary: mark.summary, tag: mark.status })),
  };
}

export function toWeekScreen(week: WeekView): WeekScreen {
  const today = week.days.find((day) => day.isToday);
  return {
    weekStart: week.weekStart,
    weekLabel: week.weekLabel,
    prevWeekStart: week.prevWeekStart,
    nextWeekStart: week.nextWeekStart,
    tabs: week.days.map((day) => ({ value: day.date, label: day.isToday ? '今天' : `${day.weekday} ${day.label}` })),
    days: week.days.map((day) => ({
      date: day.date,
      title: `${day.label} ${day.isToday ? '今天' : day.weekday}`,
      meals: day.meals.map(mealCard),
    })),
    initialDate: today?.date ?? week.days[0]?.date ?? week.weekStart,
    canOrder: week.can.order,
    orderHint: week.can.orderHint ?? '',
    manage: week.can.manage,
    deliver: week.can.deliver,
  };
}

/** Today's date in the community (UTC+8 all year), e.g. "2026-11-26". */
export function communityToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600000).toISOString().slice(0, 10);
}

/** The current month in the community, e.g. "2026-11". */
export function communityMonth(now = new Date()): string {
  return communityToday(now).slice(0, 7);
}
