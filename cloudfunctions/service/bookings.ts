/**
 * Appointments: a place of a slot is taken and the request recorded in ONE conditional
 * update on the slot (places left > 0, the request not yet in it), so neither a burst of
 * bookings nor a retried one can overbook; then the booking is written (one active
 * booking per person, window and day: a unique key). Cancelling frees the key, then gives
 * the place back — only if the slot still holds the request, so a retry never gives twice.
 */
import { createHash } from 'node:crypto';
import type { BookingFormView, BookingPerson, BookingView, WindowKey } from '../../typings/domain/service';
import type { BookInput } from '../../typings/functions/service';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import {
  BOOKING_DAYS,
  WINDOW_INFO,
  addDays,
  bookingActiveKey,
  dateLabel,
  dayWord,
  leftLabel,
  parseSlotId,
  slotOpen,
  slotTimeLabel,
  slotWhenLabel,
  todayKey,
  worksAt,
} from '../shared/domain/service';
import { AppError } from '../shared/errors';
import { leftByTheDead } from '../shared/leases';
import { readAll } from '../shared/paging';
import { screenText } from '../shared/moderation';
import { isConfirmedRelative, proxyRecord } from '../shared/proxy';
import type { BookingDoc, ItemDoc, RecordDoc, SlotDoc } from './docs';
import { PAGES, tell } from './notify';
import { confirmedSeniors, findResident, requireBooking } from './store';
import { bookingView, recordView } from './views';

export const NOTE_MAX = 60;

export function requestKey(bookerId: string, requestId: string): string {
  return createHash('sha256').update(`service-booking:${bookerId}:${requestId}`).digest('hex').slice(0, 32);
}

export function bookingIdOf(key: string): string {
  return `b${key}`;
}

export function slotView(slot: SlotDoc, now: Date) {
  return {
    id: slot._id,
    window: slot.window,
    date: slot.date,
    timeLabel: slotTimeLabel(slot.startAt, slot.endAt),
    capacity: slot.capacity,
    left: slot.left,
    leftLabel: leftLabel(slot, now),
    bookable: slotOpen(slot, now),
  };
}

const VERIFY_HINT = '住址认证通过后就能预约；亲属可在「我的」绑定老人后替老人预约';

async function peopleOf(me: ResidentDoc, known: ResidentDoc[] | null): Promise<BookingPerson[]> {
  const seniors = known ?? (await confirmedSeniors(me._id));
  const self: BookingPerson[] =
    me.binding.status === 'verified'
      ? [{ residentId: me._id, name: me.name, relation: 'self', relationLabel: '本人' }]
      : [];
  return [
    ...self,
    ...seniors
      .filter((senior) => senior._id !== me._id)
      .map((senior): BookingPerson => ({
        residentId: senior._id,
        name: senior.name,
        relation: 'relative',
        relationLabel: '我关心的老人',
      })),
  ];
}

export async function bookingForm(
  me: ResidentDoc,
  window: WindowKey,
  itemId: string | undefined,
  now: Date,
  seniors: ResidentDoc[] | null = null,
): Promise<BookingFormView> {
  const _ = command();
  const today = todayKey(now);
  const [people, slots, items] = await Promise.all([
    peopleOf(me, seniors),
    collection('service_slots')
      .where({ window, date: _.gte(today).and(_.lte(addDays(today, BOOKING_DAYS))) })
      .orderBy('startAt', 'asc')
      .limit(500)
      .get()
      .then(({ data }) => data as SlotDoc[]),
    collection('service_items')
      .where({ window, bookable: true })
      .field({ title: true })
      .orderBy('_id', 'asc')
      .limit(200)
      .get()
      .then(({ data }) => data as Array<Pick<ItemDoc, '_id' | 'title'>>),
  ]);
  const chosen = itemId ? items.find((item) => item._id === itemId) : undefined;
  if (itemId && !chosen) throw new AppError('NOT_FOUND', `这个事项不能在${WINDOW_INFO[window].label}预约`);
  const dates = [...new Set(slots.map((slot) => slot.date))];
  return {
    window: WINDOW_INFO[window],
    ...(chosen ? { item: { id: chosen._id, title: chosen.title } } : {}),
    items: items.map((item) => ({ id: item._id, title: item.title })),
    people,
    days: dates
      .map((date) => ({
        date,
        label: dateLabel(date),
        weekday: dayWord(date, now),
        slots: slots
          .filter((slot) => slot.date === date && slot.capacity > 0 && now.getTime() < slot.startAt.getTime())
          .map((slot) => slotView(slot, now)),
      }))
      .filter((day) => day.slots.length),
    noteMax: NOTE_MAX,
    ...(people.length ? {} : { hint: VERIFY_HINT }),
  };
}

function clashMessage(booking: BookingDoc, now: Date): string {
  return `${booking.personName}已预约${slotWhenLabel(booking.date, booking.startAt, booking.endAt, now)}的${WINDOW_INFO[booking.window].label}（${booking.itemTitle}），如需改约请先取消原预约`;
}

/**
 * Takes a place of the slot for a request, in ONE conditional update that also records the
 * take (`takes.<key>`, its instant). A request that already took its place (a retry) takes
 * the pending take on, so the timer does not give it back while this call writes the booking.
 */
async function takePlace(slotId: string, key: string, now: Date): Promise<void> {
  const _ = command();
  for (let attempt = 0; attempt < 3; attempt++) {
    const take = await collection('service_slots')
      .where({ _id: slotId, left: _.gt(0), startAt: _.gt(now), bookingKeys: _.neq(key) })
      .update({ left: _.inc(-1), bookingKeys: _.push(key), [`takes.${key}`]: now, updatedAt: now });
    if (take.updated === 1) return;
    const { data } = await collection('service_slots').doc(slotId).get();
    const current = data[0] as SlotDoc | undefined;
    if (!current?.bookingKeys.includes(key)) {
      if (current && now.getTime() >= current.startAt.getTime()) {
        throw new AppError('CONFLICT', '这个时段已经开始，请选择其他时段');
      }
      throw new AppError('CONFLICT', '这个时段已约满，请选择其他时段');
    }
    const held = current.takes?.[key];
    // Settled by the timer (its booking exists): nothing pending to take on.
    if (!held) return;
    const adopted = await collection('service_slots')
      .where({ _id: slotId, [`takes.${key}`]: held })
      .update({ [`takes.${key}`]: now });
    if (adopted.updated === 1) return;
    // The timer gave it back that very moment: take again.
  }
  throw new AppError('CONFLICT', '刚刚预约的人很多，请稍后再试');
}

/** The senior hears that a relative booked for them (once per booking, by key). */
async function tellBooked(booking: BookingDoc, bookerName: string, now: Date): Promise<void> {
  const info = WINDOW_INFO[booking.window];
  const when = slotWhenLabel(booking.date, booking.startAt, booking.endAt, now);
  await tell(
    [booking.personId],
    {
      title: `${bookerName}为您预约了${info.label}`,
      body: `${bookerName}为您预约了${when}到${info.label}办理“${booking.itemTitle}”。地点：${info.place}。`,
      note: `${when} ${booking.itemTitle}`,
      page: PAGES.mine,
      source: { kind: 'service_booking', id: booking._id },
      key: `service_booking_made:${booking._id}`,
    },
    now,
  );
}

/**
 * The service timer's part: places taken by requests whose function died before writing
 * the booking are given back once the taker is certainly over (DEAD_AFTER_MS); a take whose
 * booking exists is settled (a relative's booking: the senior told, once by key).
 */
export async function reconcileTakes(now: Date): Promise<{ returned: number; settled: number }> {
  const _ = command();
  const slots = await readAll<Pick<SlotDoc, '_id' | 'takes'>>(
    'service_slots',
    { date: _.gte(addDays(todayKey(now), -1)) },
    { fields: { takes: true } },
  );
  let returned = 0;
  let settled = 0;
  for (const slot of slots) {
    for (const [key, at] of Object.entries(slot.takes ?? {})) {
      if (!leftByTheDead(at, now)) continue;
      const { data } = await collection('service_bookings').doc(bookingIdOf(key)).get();
      const booking = data[0] as BookingDoc | undefined;
      if (booking) {
        if (booking.relation === 'relative' && booking.status === 'booked')
          await tellBooked(booking, booking.bookerName, now);
        await collection('service_slots')
          .where({ _id: slot._id, [`takes.${key}`]: at })
          .update({ [`takes.${key}`]: _.remove() });
        settled++;
        continue;
      }
      const { updated } = await collection('service_slots')
        .where({ _id: slot._id, [`takes.${key}`]: at })
        .update({ left: _.inc(1), bookingKeys: _.pull(key), [`takes.${key}`]: _.remove(), updatedAt: now });
      returned += updated;
    }
  }
  return { returned, settled };
}

export async function book(me: ResidentDoc, openid: string, input: BookInput, now: Date): Promise<BookingView> {
  const _ = command();
  const key = requestKey(me._id, input.requestId);
  const bookingId = bookingIdOf(key);
  const parsed = parseSlotId(input.slotId);
  if (!parsed) throw new AppError('INVALID_INPUT', '预约时段不正确');
  const personId = input.forId ?? me._id;
  const isSelf = personId === me._id;
  const activeKey = bookingActiveKey(parsed.window, parsed.date, personId);

  const [slot, item, clashes, person, related] = await Promise.all([
    collection('service_slots')
      .doc(input.slotId)
      .field({ bookingKeys: false })
      .get()
      .then(({ data }) => data[0] as SlotDoc | undefined),
    collection('service_items')
      .doc(input.itemId)
      .field({ title: true, window: true, bookable: true })
      .get()
      .then(({ data }) => data[0] as Pick<ItemDoc, '_id' | 'title' | 'window' | 'bookable'> | undefined),
    collection('service_bookings')
      .where(_.or([{ _id: bookingId }, { activeKey }]))
      .limit(2)
      .get()
      .then(({ data }) => data as BookingDoc[]),
    isSelf ? Promise.resolve(me) : findResident(personId),
    isSelf ? Promise.resolve(true) : isConfirmedRelative(me._id, personId),
  ]);
  // A retry of a request already placed: the same booking, whatever happened since.
  const same = clashes.find((booking) => booking._id === bookingId);
  if (same) {
    // A retry: the senior may not have been told yet (told once, by key).
    if (same.relation === 'relative' && same.status === 'booked') await tellBooked(same, me.name, now);
    return bookingView(same, now);
  }

  if (!related) throw new AppError('FORBIDDEN', '只能为已绑定并确认的老人预约');
  if (!person) throw new AppError('NOT_FOUND', '没有找到这位居民');
  if (isSelf && me.binding.status !== 'verified') throw new AppError('NOT_VERIFIED', VERIFY_HINT);
  if (!item || !item.bookable) throw new AppError('NOT_FOUND', '这个事项不能预约');
  if (!slot) throw new AppError('NOT_FOUND', '没有这个预约时段');
  if (item.window !== slot.window)
    throw new AppError('INVALID_INPUT', `这个事项要到${WINDOW_INFO[item.window].label}办理`);
  if (now.getTime() >= slot.startAt.getTime()) throw new AppError('CONFLICT', '这个时段已经开始，请选择其他时段');
  const active = clashes.find((booking) => booking.activeKey === activeKey);
  if (active) throw new AppError('CONFLICT', clashMessage(active, now));
  const note = input.note?.trim() || undefined;
  if (note) await screenText(openid, 2, [note]);

  // The place and the request key in one conditional update: atomic on the slot document.
  await takePlace(slot._id, key, now);

  const booking: BookingDoc = {
    _id: bookingId,
    requestKey: key,
    activeKey,
    slotId: slot._id,
    window: slot.window,
    date: slot.date,
    startAt: slot.startAt,
    endAt: slot.endAt,
    itemId: item._id,
    itemTitle: item.title,
    personId,
    personName: person.name,
    bookerId: me._id,
    bookerName: me.name,
    relation: isSelf ? 'self' : 'relative',
    ...(isSelf ? {} : { proxy: proxyRecord(me._id, personId, now) }),
    ...(note ? { note } : {}),
    status: 'booked',
    reminder: 'pending',
    createdAt: now,
  };
  try {
    await collection('service_bookings').add(booking);
  } catch (error) {
    const { data: twins } = await collection('service_bookings').doc(bookingId).get();
    if (twins[0]) return bookingView(twins[0] as BookingDoc, now);
    // Another booking for this person, window and day got in first: give the place back, once.
    await collection('service_slots')
      .where({ _id: slot._id, bookingKeys: key })
      .update({ left: _.inc(1), bookingKeys: _.pull(key), [`takes.${key}`]: _.remove(), updatedAt: now });
    const { data } = await collection('service_bookings').where({ activeKey }).limit(1).get();
    if (data[0]) throw new AppError('CONFLICT', clashMessage(data[0] as BookingDoc, now));
    throw error;
  }
  if (!isSelf) await tellBooked(booking, me.name, now);
  return bookingView(booking, now);
}

/** The person, whoever booked, a bound relative of the person, or staff of the window. */
async function mayHandle(me: ResidentDoc, booking: BookingDoc): Promise<boolean> {
  if (booking.personId === me._id || booking.bookerId === me._id) return true;
  if (worksAt(me.roles, booking.window)) return true;
  return isConfirmedRelative(me._id, booking.personId);
}

/** Gives a cancelled booking's place back, once (only while the slot still holds its request). */
async function giveBack(booking: BookingDoc, now: Date): Promise<void> {
  const _ = command();
  await collection('service_slots')
    .where({ _id: booking.slotId, bookingKeys: booking.requestKey })
    .update({
      left: _.inc(1),
      bookingKeys: _.pull(booking.requestKey),
      [`takes.${booking.requestKey}`]: _.remove(),
      updatedAt: now,
    });
}

/**
 * What follows a cancellation (marked `followUp` in the same update): the place back, once,
 * and the others told, once by key; then the mark goes. Run by the cancelling call, by its
 * retry, and by the service timer for a cancellation whose function died.
 */
export async function followUpCancel(booking: BookingDoc, now: Date): Promise<void> {
  const followUp = booking.followUp;
  if (!followUp) return;
  await giveBack(booking, now);
  const others = [booking.personId, booking.bookerId].filter((id) => id !== booking.cancelledBy);
  if (others.length) {
    const view = bookingView(booking, now);
    await tell(
      others,
      {
        title: `${booking.personName}的预约已取消`,
        body: `${followUp.byName}取消了${view.whenLabel}在${view.windowLabel}办理“${booking.itemTitle}”的预约。`,
        note: `${view.whenLabel} 已取消`,
        page: PAGES.mine,
        source: { kind: 'service_booking', id: booking._id },
        key: `service_booking_cancelled:${booking._id}`,
      },
      now,
    );
  }
  await collection('service_bookings')
    .where({ _id: booking._id, 'followUp.at': followUp.at })
    .update({ followUp: command().remove() });
}

export async function cancelBooking(me: ResidentDoc, bookingId: string, now: Date): Promise<BookingView> {
  const _ = command();
  const booking = await requireBooking(bookingId);
  if (!(await mayHandle(me, booking))) throw new AppError('NOT_FOUND', '没有找到这个预约');
  const cancelled = {
    status: 'cancelled' as const,
    activeKey: `x|${booking._id}`,
    cancelledAt: now,
    cancelledBy: me._id,
    followUp: { at: now, byName: me.name },
  };
  const { updated } = await collection('service_bookings')
    .where({ _id: booking._id, status: 'booked', startAt: _.gt(now) })
    .update(cancelled);
  if (updated !== 1) {
    const current = await requireBooking(bookingId);
    if (current.status === 'cancelled') {
      // A retry after a crash before the place went back: it goes back now.
      await followUpCancel(current, now);
      throw new AppError('CONFLICT', '这个预约已经取消了');
    }
    if (current.status !== 'booked') throw new AppError('CONFLICT', '已经到场办理，不能取消');
    throw new AppError('CONFLICT', '预约时间已到，不能再取消；如不能前来，请致电服务窗口');
  }
  const done = { ...booking, ...cancelled };
  await followUpCancel(done, now);
  return bookingView(done, now);
}

const PAST = 20;

export async function myBookings(me: ResidentDoc, now: Date) {
  const _ = command();
  const mine = _.or([{ personId: me._id }, { bookerId: me._id }]);
  const today = todayKey(now);
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000);
  const [bookings, toRate] = await Promise.all([
    collection('service_bookings')
      .where(mine)
      .orderBy('startAt', 'desc')
      .limit(60)
      .get()
      .then(({ data }) => data as BookingDoc[]),
    collection('service_records')
      .where(_.and([mine, { status: 'done', rating: _.exists(false), finishedAt: _.gt(monthAgo) }]))
      .orderBy('finishedAt', 'desc')
      .limit(10)
      .get()
      .then(({ data }) => data as RecordDoc[]),
  ]);
  const upcoming = bookings
    .filter((booking) => booking.date >= today && (booking.status === 'booked' || booking.status === 'arrived'))
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  const shown = new Set(upcoming.map((booking) => booking._id));
  return {
    upcoming: upcoming.map((booking) => bookingView(booking, now)),
    past: bookings
      .filter((booking) => !shown.has(booking._id))
      .slice(0, PAST)
      .map((booking) => bookingView(booking, now)),
    toRate: toRate.map((record) => recordView(record, now, true)),
  };
}
