/**
 * 今日走访: the carer's people, those with an alert and the overdue first, each with the
 * day's state in words, a one-tap call and 记录走访 (the visit form). One call on show.
 */
import type { TodayItem, TodayView } from '../../../../../typings/domain/care';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { callNumber, DUE_TAGS, PAGES, type StatusTag } from '../../view';

type Row = TodayItem & { tag: StatusTag; categories: string };

function todayData(view: TodayView) {
  return {
    view,
    rows: view.items.map((item): Row => ({
      ...item,
      tag: DUE_TAGS[item.due],
      categories: item.categoryLabels.join('、'),
    })),
    summary: `${view.dateLabel} · 超期${view.counts.overdue}人，今天${view.counts.today}人，其余${view.counts.later}人`,
  };
}

Component({
  behaviors: [elderBehavior, loadable<ReturnType<typeof todayData>>()],
  data: {
    view: null as TodayView | null,
    rows: [] as Row[],
    summary: '',
  },
  methods: {
    onShow() {
      void this.load();
    },
    async fetch() {
      return todayData(await call('care', 'today', {}));
    },
    onCall(event: WechatMiniprogram.TouchEvent<object, object, { phone: string }>) {
      callNumber(event.currentTarget.dataset.phone);
    },
    onVisit(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.visit}?id=${event.currentTarget.dataset.id}` });
    },
    onAlert(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.alerts}?id=${encodeURIComponent(event.currentTarget.dataset.id)}` });
    },
  },
});
