/**
 * 今日统计 (canteen staff): for one meal, how many portions of each dish, per dietary
 * requirement and per mode (堂食 / 自取 / 送餐), the orders' notes, and how far serving
 * has got. Final once ordering has closed, which the page says in words.
 */
import type { KitchenView } from '../../../../../typings/domain/canteen';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, isApiError, showApiError } from '../../../../services/api';
import { dateTitle, mealFromQuery, shiftDate, type MealKey } from '../../lib/meal';

type State = 'loading' | 'error' | 'empty' | 'ready';

let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    date: '',
    dateTitle: '',
    meal: 'lunch' as MealKey,
    kitchen: null as KitchenView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const { date, meal } = mealFromQuery(query);
      this.setData({ date, meal, dateTitle: dateTitle(date) });
      void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      const request = ++latestRequest;
      try {
        const kitchen = await call('canteen', 'kitchen', { menuId: `${this.data.date}_${this.data.meal}` });
        if (request !== latestRequest) return;
        this.setData({ state: 'ready', kitchen });
      } catch (error) {
        if (request !== latestRequest) return;
        if (isApiError(error) && error.code === 'NOT_FOUND') this.setData({ state: 'empty', kitchen: null });
        else if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
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
