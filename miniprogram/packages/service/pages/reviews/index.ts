/**
 * 审核修订 (community staff, the director): the handbook's proposals waiting for review,
 * each with what it changes and why; 通过 publishes it as the item's next version, 退回
 * needs a reason. Nobody reviews their own proposal.
 */
import type { RevisionView } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { SERVICE_PAGES } from '../../lib/pages';

Component({
  behaviors: [elderBehavior, loadable<{ items: RevisionView[] }>()],
  data: {
    items: [] as RevisionView[],
    reasons: {} as Record<string, string>,
    busy: '',
  },
  methods: {
    onShow() {
      void this.load();
    },
    fetch() {
      return call('service', 'reviews', {});
    },
    onReason(event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { id: string }>) {
      this.setData({ [`reasons.${event.currentTarget.dataset.id}`]: event.detail.value });
    },
    onView(event: WechatMiniprogram.BaseEvent<Record<string, never>, { item: string; isNew: boolean }>) {
      const { item, isNew } = event.currentTarget.dataset;
      if (!isNew) void wx.navigateTo({ url: SERVICE_PAGES.item(item) });
    },
    async decide(
      event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; decision: 'approve' | 'reject' }>,
    ) {
      const { id, decision } = event.currentTarget.dataset;
      const comment = (this.data.reasons[id] ?? '').trim();
      if (decision === 'reject' && !comment) {
        wx.showToast({ title: '退回时请写明原因', icon: 'none', duration: 3000 });
        return;
      }
      if (this.data.busy) return;
      this.setData({ busy: id });
      try {
        const decided = await call('service', 'review', { revisionId: id, decision, ...(comment ? { comment } : {}) });
        this.setData({ items: this.data.items.filter((item) => item.id !== id) });
        wx.showToast({ title: decided.state === 'approved' ? '已通过并发布' : '已退回', icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
        void this.load();
      } finally {
        this.setData({ busy: '' });
      }
    },
  },
});
