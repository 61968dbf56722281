/**
 * 今日统计 (canteen staff): for one meal, how many portions of each dish, per dietary
 * requirement and per mode (堂食 / 自取 / 送餐), the orders' notes, and how far serving
 * has got. Final once ordering has closed, which the page says in words.
 */
import type { KitchenView } from '../../../../../typings/domain/canteen';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { dateTitle, mealFromQuery, shiftDate, type MealKey } from '../../lib/meal';

export function cutoffText(kitchen: Pick<KitchenView, 'cutoffPassed' | 'menu'>): string {
  return kitchen.cutoffPassed ? '已截止，数量为准' : `尚未截止（${kitchen.menu.cutoffLabel}），数量还会变`;
}

Component({
  behaviors: [
    elderBehavior,
    loadable<{ kitchen: KitchenView | null }>({ emptyOn: ['NOT_FOUND'], empty: { kitchen: null } }),
  ],
  data: {
    date: '',
    dateTitle: '',
    meal: 'lunch' as MealKey,
    kitchen: null as KitchenView | null,
    cutoffText: '',
  },
  observers: {
    // One string for the banner: a <text> keeps the line breaks and spaces of the markup.
    kitchen(kitchen: KitchenView | null) {
      this.setData({ cutoffText: kitchen ? cutoffText(kitchen) : '' });
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const { date, meal } = mealFromQuery(query);
      this.setData({ date, meal, dateTitle: dateTitle(date) });
      void this.load();
    },
    async fetch() {
      return { kitchen: await call('canteen', 'kitchen', { menuId: `${this.data.date}_${this.data.meal}` }) };
    },
    onMeal(event: WechatMiniprogram.CustomEvent<{ value: MealKey }>) {
      this.setData({ meal: event.detail.value, state: 'loading' });
      void this.load();
    },
    onDay(event: WechatMiniprogram.BaseEvent<Record<string, never>, { by: string }>) {
      const date = shiftDate(this.data.date, Number(event.currentTarget.dataset.by));
      this.setData({ date, dateTitle: dateTitle(date), state: 'loading' });
      void this.load();
    },
    onDelivery() {
      void wx.navigateTo({ url: `/packages/canteen/pages/delivery/index?menuId=${this.data.date}_${this.data.meal}` });
    },
  },
});
