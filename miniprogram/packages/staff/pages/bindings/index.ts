/**
 * 住户认证审核 (branch secretaries: their building; staff: everyone): pending household
 * bindings, oldest first. 通过 asks once; 不通过 needs a reason (one tap on a usual one, or
 * written), which the resident sees. If someone else decided first, the page says so and
 * reloads.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, isApiError, showApiError } from '../../../../services/api';
import { REJECT_REASONS, requestCard, type RequestCard } from './view';

type State = 'loading' | 'error' | 'ready';

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    items: [] as RequestCard[],
    page: 1,
    hasMore: false,
    loadingMore: false,
    /** The card whose 不通过 form is open. */
    rejecting: '',
    reason: '',
    reasons: REJECT_REASONS,
    busy: false,
    dialog: { visible: false, title: '', content: '', residentId: '' },
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ state: 'loading', errorMessage: '', rejecting: '', reason: '' });
      try {
        const queue = await call('community', 'bindingQueue', {});
        this.setData({
          state: 'ready',
          items: queue.items.map((view) => requestCard(view)),
          page: 1,
          hasMore: queue.hasMore,
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onRetry() {
      void this.load();
    },
    async onMore() {
      if (this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const page = this.data.page + 1;
        const queue = await call('community', 'bindingQueue', { page });
        const seen = new Set(this.data.items.map((item) => item.residentId));
        const fresh = queue.items.map((view) => requestCard(view)).filter((item) => !seen.has(item.residentId));
        this.setData({ items: [...this.data.items, ...fresh], page, hasMore: queue.hasMore });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    onCall(event: WechatMiniprogram.TouchEvent) {
      const phone = (event.currentTarget.dataset as { phone: string }).phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },
    onVerify(event: WechatMiniprogram.TouchEvent) {
      const residentId = (event.currentTarget.dataset as { id: string }).id;
      const card = this.data.items.find((item) => item.residentId === residentId);
      if (!card || this.data.busy) return;
      this.setData({
        dialog: {
          visible: true,
          title: '确认通过认证？',
          content: `${card.name} 住在 ${card.addressLabel}`,
          residentId,
        },
      });
    },
    onDialogCancel() {
      this.setData({ 'dialog.visible': false, 'dialog.residentId': '' });
    },
    async onDialogConfirm() {
      const residentId = this.data.dialog.residentId;
      this.setData({ 'dialog.visible': false, 'dialog.residentId': '' });
      if (residentId) await this.decide(residentId, 'verify');
    },
    onReject(event: WechatMiniprogram.TouchEvent) {
      const residentId = (event.currentTarget.dataset as { id: string }).id;
      this.setData({ rejecting: residentId, reason: '' });
    },
    onReason(event: WechatMiniprogram.CustomEvent<{ reason: string }>) {
      this.setData({ reason: event.detail.reason });
    },
    onRejectCancel() {
      this.setData({ rejecting: '', reason: '' });
    },
    async onRejectConfirm() {
      if (!this.data.reason) {
        wx.showToast({ title: '请选择或填写不通过的原因', icon: 'none', duration: 2500 });
        return;
      }
      await this.decide(this.data.rejecting, 'reject', this.data.reason);
    },
    async decide(residentId: string, decision: 'verify' | 'reject', reason?: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await call('community', 'decideBinding', { residentId, decision, ...(reason ? { reason } : {}) });
        this.setData({
          items: this.data.items.filter((item) => item.residentId !== residentId),
          rejecting: '',
          reason: '',
        });
        wx.showToast({
          title: decision === 'verify' ? '已通过' : '已退回，居民会收到原因',
          icon: 'none',
          duration: 2000,
        });
      } catch (error) {
        showApiError(error);
        if (isApiError(error) && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) void this.load();
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
