/**
 * 对账单: one diner's month — every meal with its amount, who ordered it and what happened,
 * the total, what is paid and what is still to pay (paid offline at the canteen or on
 * delivery). A relative switches between the seniors they care for; canteen staff record
 * an offline payment of what is unpaid.
 */
import type { StatementView } from '../../../../../typings/domain/canteen';
import { elderBehavior } from '../../../../behaviors/elder';
import { communityMonth } from '../../../../pages/canteen/view';
import { call, errorMessage, showApiError } from '../../../../services/api';

type State = 'loading' | 'error' | 'ready';

function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = (year ?? 2000) * 12 + (m ?? 1) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    month: '',
    dinerId: '',
    statement: null as StatementView | null,
    thisMonth: '',
    recording: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const thisMonth = communityMonth();
      this.setData({ month: query.month ?? thisMonth, dinerId: query.dinerId ?? '', thisMonth });
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load(): Promise<void> {
      const request = ++latestRequest;
      try {
        const statement = await call('canteen', 'statement', {
          month: this.data.month,
          ...(this.data.dinerId ? { dinerId: this.data.dinerId } : {}),
        });
        if (request !== latestRequest) return;
        // Opened without a diner by someone who does not eat here (a relative whose own
        // household is not verified): show the first senior they care for, tab selected.
        const first = statement.diners[0];
        if (!this.data.dinerId && first && !statement.diners.some((d) => d.residentId === statement.diner.residentId)) {
          this.setData({ dinerId: first.residentId });
          return this.load();
        }
        this.setData({ state: 'ready', statement, dinerId: statement.diner.residentId });
      } catch (error) {
        if (request !== latestRequest) return;
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onDiner(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ dinerId: event.detail.value });
      void this.load();
    },
    onMonth(event: WechatMiniprogram.BaseEvent<Record<string, never>, { by: string }>) {
      const month = shiftMonth(this.data.month, Number(event.currentTarget.dataset.by));
      if (month > this.data.thisMonth) return;
      this.setData({ month });
      void this.load();
    },
    onRecordPayment() {
      const statement = this.data.statement;
      if (!statement || this.data.recording) return;
      wx.showModal({
        title: '登记线下收款',
        content: `${statement.diner.name} ${statement.monthLabel}已用过的餐中未付的餐费，确认已在食堂收款？（还没用的餐不计入）`,
        confirmText: '已收款',
        cancelText: '取消',
        success: (answer) => {
          if (answer.confirm) void this.record();
        },
      });
    },
    async record() {
      const statement = this.data.statement!;
      this.setData({ recording: true });
      try {
        const next = await call('canteen', 'recordPayment', {
          dinerId: statement.diner.residentId,
          month: statement.month,
        });
        this.setData({ statement: next });
        wx.showToast({ title: '已登记收款', icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ recording: false });
      }
    },
  },
});
