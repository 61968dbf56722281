/**
 * 开放号源 (staff): the places of each half hour of a day at the window. The standard
 * half hours are listed with their current places (0 = not open); 少一个 / 多一个 change them
 * and 保存 opens or changes the slots — never below what is already booked.
 */
import type { DayView, WindowKey } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';

/** The window's standard half hours (opening hours of the standard, lunch break excluded). */
export const STANDARD_TIMES = [
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '14:00',
  '14:30',
  '15:00',
  '15:30',
  '16:00',
];
export const SLOT_MINUTES = 30;
export const MAX_PLACES = 10;

export interface SlotRow {
  time: string;
  capacity: number;
  /** Already booked: the least it may go down to. */
  taken: number;
  past: boolean;
}

export function slotRows(day: DayView): SlotRow[] {
  const byTime = new Map(day.slots.map((slot) => [slot.timeLabel.slice(0, 5), slot]));
  const times = [...new Set([...STANDARD_TIMES, ...byTime.keys()])].sort();
  return times.map((time) => {
    const slot = byTime.get(time);
    return {
      time,
      capacity: slot?.capacity ?? 0,
      taken: slot ? slot.capacity - slot.left : 0,
      past: slot ? slot.leftLabel === '已过时间' : false,
    };
  });
}

Component({
  behaviors: [elderBehavior, loadable<{ day: DayView; rows: SlotRow[] }>()],
  data: {
    window: 'community' as WindowKey,
    date: '',
    day: null as DayView | null,
    rows: [] as SlotRow[],
    saving: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ window: options.window === 'bank' ? 'bank' : 'community', date: options.date ?? '' });
      void this.load();
    },
    async fetch() {
      const day = await call('service', 'day', {
        window: this.data.window,
        ...(this.data.date ? { date: this.data.date } : {}),
      });
      return { day, rows: slotRows(day) };
    },
    onStep(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number; by: number }>) {
      const { index, by } = event.currentTarget.dataset;
      const row = this.data.rows[Number(index)];
      if (!row) return;
      const capacity = Math.min(MAX_PLACES, Math.max(row.taken, row.capacity + Number(by)));
      this.setData({ [`rows[${index}].capacity`]: capacity });
    },
    async onSave() {
      const day = this.data.day;
      if (!day || this.data.saving) return;
      const existing = new Set(day.slots.map((slot) => slot.timeLabel.slice(0, 5)));
      const slots = this.data.rows
        .filter((row) => !row.past && (row.capacity > 0 || existing.has(row.time)))
        .map((row) => ({ time: row.time, capacity: row.capacity }));
      if (!slots.length) return;
      this.setData({ saving: true });
      try {
        const next = await call('service', 'saveSlots', {
          window: this.data.window,
          date: day.date,
          minutes: SLOT_MINUTES,
          slots,
        });
        this.setData({ day: next, rows: slotRows(next) });
        wx.showToast({ title: '已保存', icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
