/**
 * 叫号屏 (staff, put on a screen beside the window): the numbers being called, large, with
 * their counter; who is waiting (names masked: 赵*兰); today's code residents scan to take
 * a number. The counter's staff call the next number, set aside one nobody answered
 * (过号), and start serving the one at their counter. Refreshes every 10 seconds.
 */
import type { ScreenView, WindowKey } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { SERVICE_PAGES } from '../../lib/pages';

export const SCREEN_REFRESH_MS = 10_000;

let timer: ReturnType<typeof setInterval> | undefined;

Component({
  behaviors: [elderBehavior, loadable<{ screen: ScreenView }>()],
  data: {
    window: 'community' as WindowKey,
    counter: '1',
    screen: null as ScreenView | null,
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ window: options.window === 'bank' ? 'bank' : 'community' });
    },
    onShow() {
      void this.load();
      this.stopTimer();
      timer = setInterval(() => void this.load(), SCREEN_REFRESH_MS);
      void wx.setKeepScreenOn?.({ keepScreenOn: true }).catch(() => undefined);
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
      const screen = await call('service', 'screen', { window: this.data.window });
      wx.setNavigationBarTitle?.({ title: `${screen.window.label} 叫号` });
      return { screen };
    },
    onCounter(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ counter: event.detail.value });
    },
    async act(run: () => Promise<ScreenView>) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        this.setData({ screen: await run() });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onNext() {
      const counter = this.data.counter.trim() || '1';
      void this.act(() => call('service', 'callNext', { window: this.data.window, counter }));
    },
    onSkip(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const ticketId = event.currentTarget.dataset.id;
      void this.act(() => call('service', 'skipTicket', { ticketId }));
    },
    onServe(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; item?: string; record?: string }>) {
      const { id, item, record } = event.currentTarget.dataset;
      void wx.navigateTo({
        url: record ? SERVICE_PAGES.record(record) : SERVICE_PAGES.serve(this.data.window, id, item),
      });
    },
  },
});
