/**
 * 我的预约: today's numbers with the place in the queue, the services waiting for a rating,
 * the coming bookings (for oneself and for the seniors one cares for) with 到场取号 on the
 * day and 取消预约 before the start, then past ones. Two calls at once: myBookings and myTickets.
 */
import type { BookingView, RecordView, TicketView } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { SERVICE_PAGES } from '../../lib/pages';

type Mine = {
  upcoming: BookingView[];
  past: BookingView[];
  toRate: RecordView[];
  tickets: TicketView[];
};

Component({
  behaviors: [elderBehavior, loadable<Mine>()],
  data: {
    upcoming: [] as BookingView[],
    past: [] as BookingView[],
    toRate: [] as RecordView[],
    tickets: [] as TicketView[],
    cancelling: '',
  },
  methods: {
    onShow() {
      void this.load();
    },
    async fetch(): Promise<Mine> {
      const [bookings, { tickets }] = await Promise.all([
        call('service', 'myBookings', {}),
        call('service', 'myTickets', {}),
      ]);
      return { ...bookings, tickets };
    },
    onCancel(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      const booking = this.data.upcoming.find((item) => item.id === id);
      if (!booking || this.data.cancelling) return;
      wx.showModal({
        title: '取消这个预约？',
        content: `${booking.person.name}：${booking.whenLabel} ${booking.item.title}`,
        confirmText: '取消预约',
        cancelText: '不取消',
        success: (answer) => {
          if (answer.confirm) void this.cancel(id);
        },
      });
    },
    async cancel(bookingId: string) {
      this.setData({ cancelling: bookingId });
      try {
        const cancelled = await call('service', 'cancelBooking', { bookingId });
        this.setData({
          upcoming: this.data.upcoming.filter((item) => item.id !== bookingId),
          past: [cancelled, ...this.data.past],
        });
        wx.showToast({ title: '已取消', icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
        void this.load();
      } finally {
        this.setData({ cancelling: '' });
      }
    },
    onArrive(event: WechatMiniprogram.BaseEvent<Record<string, never>, { person: string }>) {
      void wx.navigateTo({ url: SERVICE_PAGES.ticket(event.currentTarget.dataset.person) });
    },
    onTicket() {
      void wx.navigateTo({ url: SERVICE_PAGES.ticket() });
    },
    onRate(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: SERVICE_PAGES.rate(event.currentTarget.dataset.id) });
    },
    onGuide() {
      void wx.navigateTo({ url: SERVICE_PAGES.index });
    },
  },
});
