/**
 * 内容审核 (community staff): what moderation holds back — text WeChat wants reviewed and
 * content hidden after three households flagged it — with 恢复显示 / 隐藏 / 驳回 and an
 * optional posting ban for the author; 已处理 and 审核日志 show every decision. If another
 * staff member decided first, the page says so and reloads.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, isApiError, showApiError } from '../../../../services/api';
import type { ModerationDecision } from '../../../../../typings/functions/moderation';
import { BLOCK_OPTIONS, DECISION_LABELS, itemCard, logRow, type ItemCard, type LogRow } from './view';

type State = 'loading' | 'error' | 'ready';
type Tab = 'open' | 'closed' | 'audit';

Component({
  behaviors: [elderBehavior],
  data: {
    tab: 'open' as Tab,
    state: 'loading' as State,
    errorMessage: '',
    items: [] as ItemCard[],
    log: [] as LogRow[],
    page: 1,
    hasMore: false,
    blockOptions: BLOCK_OPTIONS,
    /** Ban chosen per open item: item id → days. */
    blockDays: {} as Record<string, number>,
    busy: '',
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load(page = 1) {
      if (page === 1) this.setData({ state: 'loading', errorMessage: '' });
      try {
        if (this.data.tab === 'audit') {
          const audit = await call('moderation', 'audit', { page });
          const rows = audit.items.map(logRow);
          this.setData({
            state: 'ready',
            log: page === 1 ? rows : [...this.data.log, ...rows],
            page,
            hasMore: audit.hasMore,
          });
        } else {
          const queue = await call('moderation', 'queue', { state: this.data.tab, page });
          const cards = queue.items.map(itemCard);
          this.setData({
            state: 'ready',
            items: page === 1 ? cards : [...this.data.items, ...cards],
            page,
            hasMore: queue.hasMore,
          });
        }
      } catch (error) {
        if (page === 1) this.setData({ state: 'error', errorMessage: errorMessage(error) });
        else showApiError(error);
      }
    },
    onTab(event: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
      this.setData({ tab: event.detail.value, items: [], log: [] });
      void this.load();
    },
    onRetry() {
      void this.load();
    },
    onMore() {
      void this.load(this.data.page + 1);
    },
    onBlock(event: WechatMiniprogram.TouchEvent) {
      const { id, days } = event.currentTarget.dataset as { id: string; days: number };
      this.setData({ [`blockDays.${id}`]: Number(days) });
    },
    onDecide(event: WechatMiniprogram.TouchEvent) {
      const { id, decision } = event.currentTarget.dataset as { id: string; decision: ModerationDecision };
      if (this.data.busy) return;
      const blockDays = this.data.blockDays[id] ?? 0;
      wx.showModal({
        title: `确认${DECISION_LABELS[decision]}？`,
        content: blockDays ? `作者将被禁止发布${blockDays}天` : '此决定会记入审核日志',
        confirmText: '确认',
        success: (answer) => {
          if (answer.confirm) void this.decide(id, decision, blockDays);
        },
      });
    },
    async decide(itemId: string, decision: ModerationDecision, blockDays: number) {
      this.setData({ busy: itemId });
      try {
        await call('moderation', 'decide', { itemId, decision, ...(blockDays ? { blockDays } : {}) });
        this.setData({ items: this.data.items.filter((item) => item.id !== itemId) });
        wx.showToast({ title: `已${DECISION_LABELS[decision]}`, icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
        if (isApiError(error) && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) void this.load();
      } finally {
        this.setData({ busy: '' });
      }
    },
  },
});
