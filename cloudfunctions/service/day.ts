/**
 * The window's day for staff: its slots with who booked them (so the staff prepare), and
 * opening slots or changing their capacity — a change is a conditional update on the
 * capacity read, never below the places already taken.
 */
import type { DateKey, DayView, SlotInput, WindowKey } from '../../typings/domain/service';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import {
  WINDOW_INFO,
  addDays,
  bookingBadge,
  dateLabel,
  mayReview,
  slotIdOf,
  todayKey,
  wallInstant,
  weekdayLabel,
  windowsOf,
} from '../shared/domain/service';
import { AppError } from '../shared/errors';
import { slotView } from './bookings';
import type { BookingDoc, ItemDoc, SlotDoc } from './docs';
import { requireWindow } from './queue';
import { bookedByLabel } from './views';

async function slotsOf(window: WindowKey, date: DateKey): Promise<SlotDoc[]> {
  const { data } = await collection('service_slots')
    .where({ window, date })
    .field({ bookingKeys: false })
    .orderBy('startAt', 'asc')
    .limit(100)
    .get();
  return data as SlotDoc[];
}

export async function day(me: ResidentDoc, window: WindowKey, date: DateKey | undefined, now: Date): Promise<DayView> {
  requireWindow(me, window);
  const on = date ?? todayKey(now);
  const [slots, bookings, items] = await Promise.all([
    slotsOf(window, on),
    collection('service_bookings')
      .where({ window, date: on })
      .orderBy('startAt', 'asc')
      .limit(500)
      .get()
      .then(({ data }) => data as BookingDoc[]),
    collection('service_items')
      .where({ window })
      .field({ title: true })
      .orderBy('_id', 'asc')
      .limit(200)
      .get()
      .then(({ data }) => data as Array<Pick<ItemDoc, '_id' | 'title'>>),
  ]);
  const count = (status: BookingDoc['status']) => bookings.filter((booking) => booking.status === status).length;
  return {
    window: WINDOW_INFO[window],
    date: on,
    dateLabel: `${dateLabel(on)} ${weekdayLabel(on)}`,
    prevDate: addDays(on, -1),
    nextDate: addDays(on, 1),
    slots: slots.map((slot) => ({
      ...slotView(slot, now),
      bookings: bookings
        .filter((booking) => booking.slotId === slot._id && booking.status !== 'cancelled')
        .map((booking) => ({
          id: booking._id,
          name: booking.personName,
          itemId: booking.itemId,
          itemTitle: booking.itemTitle,
          ...(booking.recordId ? { recordId: booking.recordId } : {}),
          bookedByLabel: bookedByLabel(booking),
          ...(booking.note ? { note: booking.note } : {}),
          status: booking.status,
          badge: bookingBadge(booking.status),
        })),
    })),
    counts: {
      booked: count('booked'),
      arrived: count('arrived'),
      served: count('served'),
      cancelled: count('cancelled'),
    },
    windows: windowsOf(me.roles).map((key) => ({ key, label: WINDOW_INFO[key].label })),
    items: items.map((item) => ({ id: item._id, title: item.title })),
    canReview: mayReview(me.roles, me._id, ''),
  };
}

export async function saveSlots(
  me: ResidentDoc,
  input: { window: WindowKey; date: DateKey; minutes: number; slots: SlotInput[] },
  now: Date,
): Promise<DayView> {
  const _ = command();
  requireWindow(me, input.window);
  if (input.date < todayKey(now)) throw new AppError('CONFLICT', '不能修改已经过去的日子');
  const times = input.slots.map((slot) => slot.time);
  if (new Set(times).size !== times.length) throw new AppError('INVALID_INPUT', '时段有重复');
  const existing = new Map((await slotsOf(input.window, input.date)).map((slot) => [slot._id, slot]));
  for (const spec of input.slots) {
    const id = slotIdOf(input.window, input.date, spec.time);
    const startAt = wallInstant(input.date, spec.time);
    const current = existing.get(id);
    if (current) {
      const delta = spec.capacity - current.capacity;
      if (!delta) continue;
      const { updated } = await collection('service_slots')
        .where({ _id: id, capacity: current.capacity, left: _.gte(-delta) })
        .update({ capacity: spec.capacity, left: _.inc(delta), updatedAt: now });
      if (updated !== 1) {
        throw new AppError(
          'CONFLICT',
          `${spec.time}的时段已有${current.capacity - current.left}人预约，名额不能少于已约人数`,
        );
      }
      continue;
    }
    if (now.getTime() >= startAt.getTime()) throw new AppError('CONFLICT', `${spec.time}已经过去，不能再开放`);
    const slot: SlotDoc = {
      _id: id,
      window: input.window,
      date: input.date,
      startAt,
      endAt: new Date(startAt.getTime() + input.minutes * 60_000),
      capacity: spec.capacity,
      left: spec.capacity,
      bookingKeys: [],
      createdBy: me._id,
      updatedAt: now,
    };
    try {
      await collection('service_slots').add(slot);
    } catch {
      throw new AppError('CONFLICT', `${spec.time}的时段刚刚已由其他工作人员开放，请刷新`);
    }
  }
  return day(me, input.window, input.date, now);
}
