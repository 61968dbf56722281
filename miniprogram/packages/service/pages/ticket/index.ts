/**
 * 取号: on arrival, scan the code beside the window (wx.scanCode) to take a number — for
 * oneself, or (opened from a senior's booking) for the senior one accompanies. The number
 * is shown large with the place in the queue in words ("前面还有3位" / "请到1号窗口办理"),
 * refreshed every 15 seconds while the page shows and on pull-down.
 */
import type { TicketView } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';

export const REFRESH_MS = 15_000;

let timer: ReturnType<typeof setInterval> | undefined;

Component({
  behaviors: [elderBehavior, loadable<{ tickets: TicketView[] }>()],
  data: {
    forId: '',
    tickets: [] as TicketView[],
    taking: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ forId: options.forId ?? '' });
      if (options.code) void this.take(decodeURIComponent(options.code));
    },
    onShow() {
      void this.load();
      this.stopTimer();
      timer = setInterval(() => void this.load(), REFRESH_MS);
    },
    onHide() {
      this.stopTimer();
    },
    onUnload() {
      this.stopTimer();
    },
    stopTimer() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
    async fetch() {
      return call('service', 'myTickets', {});
    },
    async onScan() {
      if (this.data.taking) return;
      let code: string;
      try {
        code = (await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
      } catch {
        return; // cancelled
      }
      await this.take(code);
    },
    async take(code: string) {
      this.setData({ taking: true });
      try {
        const ticket = await call('service', 'takeNumber', {
          code,
          ...(this.data.forId ? { forId: this.data.forId } : {}),
        });
        this.setData({
          state: 'ready',
          tickets: [ticket, ...this.data.tickets.filter((item) => item.id !== ticket.id)],
        });
        wx.showToast({ title: `取号成功：${ticket.numberLabel}`, icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ taking: false });
      }
    },
  },
});
