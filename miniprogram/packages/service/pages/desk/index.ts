/**
 * 服务窗口 (staff): the window's day — each slot with who booked it and for what, so the
 * staff prepare, and 开始办理 on a booking — the tools of the window (叫号屏, 办件记录,
 * 开放号源, the handbook's editing and review, 考核评比), and 窗口代取号 for someone without
 * a phone. Community staff switch between both windows; bank staff see the 金融服务站;
 * the director (no window) sees the review and the evaluation. Which service a walk-in
 * needs is chosen when the record is opened.
 */
import type { DayView, WindowKey } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, isApiError, showApiError } from '../../../../services/api';
import { newRequestId } from '../../../../utils/request-id';
import { SERVICE_PAGES } from '../../lib/pages';

Component({
  behaviors: [elderBehavior, loadable<{ day: DayView | null; windowless: boolean }>()],
  data: {
    window: 'community' as WindowKey,
    date: '',
    day: null as DayView | null,
    /** The director: no window of their own. */
    windowless: false,
    /** `requestId`: drawn at the first 取号 tap and kept until it succeeds, so a retry issues no second number. */
    walkIn: { name: '', requestId: '' },
    issuing: false,
    opening: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.window === 'bank' || options.window === 'community') this.setData({ window: options.window });
    },
    onShow() {
      void this.load();
    },
    async fetch(): Promise<{ day: DayView | null; windowless: boolean; date?: string }> {
      try {
        const day = await call('service', 'day', {
          window: this.data.window,
          ...(this.data.date ? { date: this.data.date } : {}),
        });
        return { day, windowless: false, date: day.date };
      } catch (error) {
        if (!isApiError(error) || error.code !== 'FORBIDDEN') throw error;
        // Bank staff land on the community window first: try theirs, else no window at all.
        if (this.data.window === 'community') {
          this.setData({ window: 'bank' });
          return this.fetch();
        }
        return { day: null, windowless: true };
      }
    },
    onWindow(event: WechatMiniprogram.CustomEvent<{ value: WindowKey }>) {
      this.setData({ window: event.detail.value });
      void this.load();
    },
    onDate(event: WechatMiniprogram.BaseEvent<Record<string, never>, { date: string }>) {
      this.setData({ date: event.currentTarget.dataset.date });
      void this.load();
    },
    go(event: WechatMiniprogram.BaseEvent<Record<string, never>, { to: string }>) {
      const { window, day } = this.data;
      const targets: Record<string, string> = {
        screen: SERVICE_PAGES.screen(window),
        records: SERVICE_PAGES.records,
        slots: SERVICE_PAGES.slots(window, day?.date ?? ''),
        handbook: `${SERVICE_PAGES.index}?manage=1`,
        reviews: SERVICE_PAGES.reviews,
        evaluation: SERVICE_PAGES.evaluation,
      };
      const url = targets[event.currentTarget.dataset.to];
      if (url) void wx.navigateTo({ url });
    },
    async onServe(
      event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; item: string; record?: string }>,
    ) {
      const { id, item, record } = event.currentTarget.dataset;
      if (record) {
        void wx.navigateTo({ url: SERVICE_PAGES.record(record) });
        return;
      }
      if (this.data.opening) return;
      this.setData({ opening: id });
      try {
        const opened = await call('service', 'openRecord', { itemId: item, bookingId: id });
        void wx.navigateTo({ url: SERVICE_PAGES.record(opened.id) });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ opening: '' });
      }
    },
    onWalkInName(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      // Another person's name is another issue: a new request id at the next tap.
      this.setData({ walkIn: { name: event.detail.value, requestId: '' } });
    },
    async onIssue() {
      const { name } = this.data.walkIn;
      if (!name.trim() || this.data.issuing) return;
      const requestId = this.data.walkIn.requestId || newRequestId();
      this.setData({ issuing: true, 'walkIn.requestId': requestId });
      try {
        const ticket = await call('service', 'counterTicket', {
          window: this.data.window,
          name: name.trim(),
          requestId,
        });
        this.setData({ walkIn: { name: '', requestId: '' } });
        wx.showModal({
          title: `已取号：${ticket.numberLabel}`,
          content: `${ticket.name}，${ticket.positionLabel}。请把号码写给老人，或请老人在等候区稍坐。`,
          showCancel: false,
          confirmText: '知道了',
        });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ issuing: false });
      }
    },
  },
});
