/**
 * 亲属绑定代确认 (staff): relatives' pending requests. For a senior without a smartphone,
 * staff check by phone or in person and confirm (or decline) on the senior's behalf; the
 * reason is required and recorded with who acted for whom. A request that matched no
 * senior (wrong name or address) can only be declined: the relative is asked to check.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, isApiError, showApiError } from '../../../../services/api';
import { CONFIRM_REASONS, DECLINE_REASONS, requestCard, type RequestCard } from './view';

type State = 'loading' | 'error' | 'ready';

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    items: [] as RequestCard[],
    page: 1,
    hasMore: false,
    /** The open form: which card and whether it confirms or declines. */
    open: '',
    mode: 'confirm' as 'confirm' | 'decline',
    reasons: CONFIRM_REASONS,
    reason: '',
    busy: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ state: 'loading', errorMessage: '', open: '' });
      try {
        const queue = await call('community', 'relativeQueue', {});
        this.setData({ state: 'ready', items: queue.items.map(requestCard), page: 1, hasMore: queue.hasMore });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onRetry() {
      void this.load();
    },
    async onMore() {
      try {
        const page = this.data.page + 1;
        const queue = await call('community', 'relativeQueue', { page });
        const seen = new Set(this.data.items.map((item) => item.linkId));
        this.setData({
          items: [...this.data.items, ...queue.items.map(requestCard).filter((item) => !seen.has(item.linkId))],
          page,
          hasMore: queue.hasMore,
        });
      } catch (error) {
        showApiError(error);
      }
    },
    onCall(event: WechatMiniprogram.TouchEvent) {
      const phone = (event.currentTarget.dataset as { phone: string }).phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },
    onOpen(event: WechatMiniprogram.TouchEvent) {
      const { id, mode } = event.currentTarget.dataset as { id: string; mode: 'confirm' | 'decline' };
      this.setData({ open: id, mode, reason: '', reasons: mode === 'confirm' ? CONFIRM_REASONS : DECLINE_REASONS });
    },
    onReason(event: WechatMiniprogram.CustomEvent<{ reason: string }>) {
      this.setData({ reason: event.detail.reason });
    },
    onCancel() {
      this.setData({ open: '', reason: '' });
    },
    async onSubmit() {
      const { open: linkId, mode, reason, busy } = this.data;
      if (busy || !linkId) return;
      if (!reason) {
        wx.showToast({ title: '请选择或填写原因', icon: 'none', duration: 2500 });
        return;
      }
      this.setData({ busy: true });
      try {
        if (mode === 'confirm') await call('community', 'confirmRelativeForSenior', { linkId, reason });
        else await call('community', 'unbindRelativeForSenior', { linkId, reason });
        this.setData({ items: this.data.items.filter((item) => item.linkId !== linkId), open: '', reason: '' });
        wx.showToast({ title: mode === 'confirm' ? '已代老人确认' : '已代老人拒绝', icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
        if (isApiError(error) && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) void this.load();
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
