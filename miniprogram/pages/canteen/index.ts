/**
 * 食堂 tab: this week's menu, day by day, lunch and dinner, each with its price, the
 * cut-off always in words, dishes with their dietary tags and allergens, and what the
 * caller (or a senior they care for) already ordered; 订餐 opens the order form. Entries to
 * 我的订单 and 对账单, and to the staff pages for canteen staff and deliverers.
 * One call per view: canteen.week.
 */
import { elderBehavior } from '../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../services/api';
import { ORDER_PAGE, toWeekScreen, type WeekScreen } from './view';
import { showTab } from '../../custom-tab-bar/tabs';

type State = 'loading' | 'error' | 'ready';

let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    screen: null as WeekScreen | null,
    /** The week asked for; empty = this week. */
    weekStart: '',
    date: '',
    dayIndex: 0,
  },
  methods: {
    onShow() {
      showTab(this, '/pages/canteen/index');
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
        const week = await call('canteen', 'week', this.data.weekStart ? { weekStart: this.data.weekStart } : {});
        if (request !== latestRequest) return;
        const screen = toWeekScreen(week);
        const keep = screen.days.some((day) => day.date === this.data.date);
        const date = keep ? this.data.date : screen.initialDate;
        this.setData({
          state: 'ready',
          errorMessage: '',
          screen,
          date,
          dayIndex: Math.max(
            0,
            screen.days.findIndex((day) => day.date === date),
          ),
        });
      } catch (error) {
        if (request !== latestRequest) return;
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onDay(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const date = event.detail.value;
      const index = this.data.screen?.days.findIndex((day) => day.date === date) ?? -1;
      if (index >= 0) this.setData({ date, dayIndex: index });
    },
    onWeek(event: WechatMiniprogram.BaseEvent<Record<string, never>, { week: string }>) {
      this.setData({ weekStart: event.currentTarget.dataset.week, date: '', state: 'loading' });
      void this.load();
    },
    onOrder(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `${ORDER_PAGE}?menuId=${event.currentTarget.dataset.id}` });
    },
  },
});
