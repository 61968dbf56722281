/**
 * 我的订单: the meals ordered for the caller and for the seniors they care for (and those the
 * caller ordered for others), coming ones first with their cut-off and a 取消订单 button
 * while it may still be cancelled, then past ones with what happened (已送达 / 送餐未应答 …).
 */
import type { OrderView } from '../../../../../typings/domain/canteen';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';

type Tab = 'upcoming' | 'past';

export interface OrderCard {
  id: string;
  title: string;
  who: string;
  dish: string;
  details: string;
  note: string;
  amount: string;
  badge: OrderView['badge'];
  cutoff: string;
  outcome: string;
  cancellable: boolean;
}

export function orderCard(order: OrderView): OrderCard {
  return {
    id: order.id,
    title: `${order.dateLabel} ${order.mealLabel}`,
    who: `${order.diner.name} · ${order.orderedBy.label}`,
    dish: `${order.dishName} × ${order.portions}份`,
    details: [order.modeLabel, ...order.dietTags.map((tag) => tag.label)].join(' · '),
    note: order.note ? `备注：${order.note}` : '',
    amount: `${order.amountLabel}${order.tierLabel ? `（${order.tierLabel}）` : ''} · ${order.payment.methodLabel} · ${order.payment.statusLabel}`,
    badge: order.badge,
    cutoff: order.status === 'placed' ? order.cutoffLabel : '',
    outcome: order.outcomeLabel ?? '',
    cancellable: order.cancellable,
  };
}

Component({
  behaviors: [elderBehavior, loadable<{ upcoming: OrderCard[]; past: OrderCard[]; hasMore: boolean; page: number }>()],
  data: {
    tab: 'upcoming' as Tab,
    upcoming: [] as OrderCard[],
    past: [] as OrderCard[],
    page: 1,
    hasMore: false,
    loadingMore: false,
    cancelling: '',
  },
  methods: {
    onShow() {
      void this.load();
    },
    onTab(event: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
      this.setData({ tab: event.detail.value });
    },
    async fetch() {
      const { upcoming, past, hasMore } = await call('canteen', 'myOrders', {});
      return { upcoming: upcoming.map(orderCard), past: past.map(orderCard), hasMore, page: 1 };
    },
    async onMore() {
      if (this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const page = this.data.page + 1;
        const { past, hasMore } = await call('canteen', 'myOrders', { page });
        this.setData({ past: [...this.data.past, ...past.map(orderCard)], hasMore, page });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    onCancel(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      const card = this.data.upcoming.find((item) => item.id === id);
      if (!card || this.data.cancelling) return;
      wx.showModal({
        title: '取消这份订单？',
        content: `${card.title}：${card.who.split(' · ')[0]} ${card.dish}`,
        confirmText: '取消订单',
        cancelText: '不取消',
        success: (answer) => {
          if (answer.confirm) void this.cancel(id);
        },
      });
    },
    async cancel(orderId: string) {
      this.setData({ cancelling: orderId });
      try {
        const cancelled = await call('canteen', 'cancelOrder', { orderId });
        this.setData({
          upcoming: this.data.upcoming.map((card) => (card.id === orderId ? orderCard(cancelled) : card)),
        });
        wx.showToast({ title: '已取消', icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
        void this.load();
      } finally {
        this.setData({ cancelling: '' });
      }
    },
  },
});
