/**
 * Take a number (取号): on arrival the resident scans the window's code — it carries the
 * day and a random token of the day's queue, so a number is only taken at the window —
 * or staff issue one at the counter for someone without a phone. A number is the queue's
 * counter after ONE atomic increment that returns the new value; one active number per
 * person, window and day (a unique key). The queue screen calls numbers: the next waiting
 * one is claimed with a conditional update, so two counters never call the same number.
 */
import { randomBytes } from 'node:crypto';
import { qrDataUrl } from '../shared/qr';
import type { ScreenView, TicketView, WindowKey } from '../../typings/domain/service';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import {
  WINDOW_INFO,
  bookingActiveKey,
  dateLabel,
  numberLabel,
  parseWindowCode,
  queueIdOf,
  todayKey,
  weekdayLabel,
  windowCode,
  worksAt,
} from '../shared/domain/service';
import { AppError } from '../shared/errors';
import { isConfirmedRelative } from '../shared/proxy';
import type { BookingDoc, ItemDoc, QueueDoc, TicketDoc } from './docs';
import { PAGES, tell } from './notify';
import { confirmedSeniors, findResident, requireTicket } from './store';
import { ticketView } from './views';

export function requireWindow(me: ResidentDoc, window: WindowKey): void {
  if (!worksAt(me.roles, window)) throw new AppError('FORBIDDEN', `您不在${WINDOW_INFO[window].label}工作`);
}

async function findQueue(id: string): Promise<QueueDoc | undefined> {
  const { data } = await collection('service_queues').doc(id).get();
  return data[0] as QueueDoc | undefined;
}

/** Today's queue of a window, created with its token when staff first open it. */
export async function ensureQueue(window: WindowKey, now: Date): Promise<QueueDoc> {
  const date = todayKey(now);
  const id = queueIdOf(window, date);
  const found = await findQueue(id);
  if (found) return found;
  const queue: QueueDoc = { _id: id, window, date, issued: 0, token: randomBytes(12).toString('hex'), createdAt: now };
  try {
    await collection('service_queues').add(queue);
    return queue;
  } catch (error) {
    const raced = await findQueue(id);
    if (raced) return raced;
    throw error;
  }
}

/** Waiting numbers before a ticket. */
async function aheadOf(ticket: TicketDoc): Promise<number | undefined> {
  if (ticket.status !== 'waiting') return undefined;
  const { total } = await collection('service_tickets')
    .where({ queueId: ticket.queueId, status: 'waiting', number: command().lt(ticket.number) })
    .count();
  return total;
}

async function viewOf(ticket: TicketDoc): Promise<TicketView> {
  return ticketView(ticket, await aheadOf(ticket));
}

async function nextNumber(queueId: string): Promise<number> {
  const result = (await collection('service_queues')
    .where({ _id: queueId })
    .updateAndReturn({ issued: command().inc(1) })) as { updated?: number; doc?: QueueDoc | null };
  if (!result.doc) throw new AppError('CONFLICT', '今天的取号还没有开始，请联系窗口工作人员');
  return result.doc.issued;
}

interface Issue {
  queue: QueueDoc;
  personId?: string;
  /** A walk-in's number at the counter: its retry finds the number by this key. */
  requestId?: string;
  name: string;
  takenBy: string;
  source: TicketDoc['source'];
  itemId?: string;
  itemTitle?: string;
  now: Date;
}

/** Issues a number (or answers the person's active one) and links the day's booking. */
async function issue(spec: Issue): Promise<TicketView> {
  const _ = command();
  const { queue, personId, now } = spec;
  // One active number per person a day; a walk-in's number is keyed by its request instead,
  // so a retry after a lost answer finds it rather than issuing a second one.
  const activeKey = personId
    ? `${queue.window}|${queue.date}|${personId}`
    : spec.requestId
      ? `${queue.window}|${queue.date}|req:${spec.requestId}`
      : undefined;
  const [existing, booking] = await Promise.all([
    activeKey
      ? collection('service_tickets')
          .where({ activeKey })
          .limit(1)
          .get()
          .then(({ data }) => data[0] as TicketDoc | undefined)
      : Promise.resolve(undefined),
    personId
      ? collection('service_bookings')
          .where({
            activeKey: bookingActiveKey(queue.window, queue.date, personId),
            status: _.in(['booked', 'arrived']),
          })
          .limit(1)
          .get()
          .then(({ data }) => data[0] as BookingDoc | undefined)
      : Promise.resolve(undefined),
  ]);
  if (existing) {
    // A retry after a death between the number and the booking: the booking follows now.
    if (booking?.status === 'booked' && existing.bookingId === booking._id) await markArrived(booking, existing._id);
    return viewOf(existing);
  }
  const number = await nextNumber(queue._id);
  const id = `${queue._id}_${number}`;
  const itemId = spec.itemId ?? booking?.itemId;
  const itemTitle = spec.itemTitle ?? booking?.itemTitle;
  const ticket: TicketDoc = {
    _id: id,
    queueId: queue._id,
    window: queue.window,
    date: queue.date,
    number,
    ...(personId ? { personId } : {}),
    name: spec.name,
    takenBy: spec.takenBy,
    source: spec.source,
    ...(booking ? { bookingId: booking._id } : {}),
    ...(itemId ? { itemId } : {}),
    ...(itemTitle ? { itemTitle } : {}),
    status: 'waiting',
    activeKey: activeKey ?? `x|${id}`,
    takenAt: now,
  };
  try {
    await collection('service_tickets').add(ticket);
  } catch (error) {
    // A double tap: the other request issued this person's number first (ours stays unused).
    if (activeKey) {
      const { data } = await collection('service_tickets').where({ activeKey }).limit(1).get();
      if (data[0]) return viewOf(data[0] as TicketDoc);
    }
    throw error;
  }
  if (booking?.status === 'booked') await markArrived(booking, id);
  return viewOf(ticket);
}

async function markArrived(booking: BookingDoc, ticketId: string): Promise<void> {
  await collection('service_bookings')
    .where({ _id: booking._id, status: 'booked' })
    .update({ status: 'arrived', ticketId });
}

export async function takeNumber(
  me: ResidentDoc,
  code: string,
  forId: string | undefined,
  now: Date,
): Promise<TicketView> {
  const parsed = parseWindowCode(code);
  if (!parsed) throw new AppError('INVALID_INPUT', '这不是服务窗口的取号二维码');
  const today = todayKey(now);
  if (parsed.date !== today) throw new AppError('CONFLICT', '这是以前的取号二维码，请扫描窗口今天显示的二维码');
  const personId = forId ?? me._id;
  const [queue, person, related] = await Promise.all([
    findQueue(queueIdOf(parsed.window, parsed.date)),
    personId === me._id ? Promise.resolve(me) : findResident(personId),
    personId === me._id ? Promise.resolve(true) : isConfirmedRelative(me._id, personId),
  ]);
  if (!queue || queue.token !== parsed.token) {
    throw new AppError('CONFLICT', '取号二维码已失效，请扫描窗口现在显示的二维码');
  }
  if (!related) throw new AppError('FORBIDDEN', '只能为已绑定并确认的老人取号');
  if (!person) throw new AppError('NOT_FOUND', '没有找到这位居民');
  return issue({ queue, personId, name: person.name, takenBy: me._id, source: 'scan', now });
}

/** A day's queue is a few dozen numbers: one read finds who is ahead of each of several tickets. */
const WAITING_READ = 1000;

/** How many wait ahead of each waiting ticket, for all of them in one round trip. */
async function aheadOfAll(tickets: readonly TicketDoc[]): Promise<Map<string, number>> {
  const waiting = tickets.filter((ticket) => ticket.status === 'waiting');
  if (!waiting.length) return new Map();
  const _ = command();
  const { data } = await collection('service_tickets')
    .where({
      queueId: _.in([...new Set(waiting.map((ticket) => ticket.queueId))]),
      status: 'waiting',
      number: _.lt(Math.max(...waiting.map((ticket) => ticket.number))),
    })
    .field({ queueId: true, number: true })
    .limit(WAITING_READ)
    .get();
  const queued = data as Array<Pick<TicketDoc, 'queueId' | 'number'>>;
  return new Map(
    waiting.map((ticket) => [
      ticket._id,
      queued.filter((other) => other.queueId === ticket.queueId && other.number < ticket.number).length,
    ]),
  );
}

/** `known`: the caller's confirmed seniors when the runtime read them with the caller. */
export async function myTickets(
  me: ResidentDoc,
  now: Date,
  known: ResidentDoc[] | null = null,
): Promise<{ tickets: TicketView[] }> {
  const _ = command();
  const seniors = known ?? (await confirmedSeniors(me._id));
  const { data } = await collection('service_tickets')
    .where({ personId: _.in([me._id, ...seniors.map((senior) => senior._id)]), date: todayKey(now) })
    .orderBy('takenAt', 'desc')
    .limit(20)
    .get();
  const tickets = data as TicketDoc[];
  const ahead = await aheadOfAll(tickets);
  return { tickets: tickets.map((ticket) => ticketView(ticket, ahead.get(ticket._id))) };
}

export async function counterTicket(
  me: ResidentDoc,
  input: { window: WindowKey; name: string; residentId?: string; itemId?: string; requestId: string },
  now: Date,
): Promise<TicketView> {
  requireWindow(me, input.window);
  const [queue, person, item] = await Promise.all([
    ensureQueue(input.window, now),
    input.residentId ? findResident(input.residentId) : Promise.resolve(undefined),
    input.itemId
      ? collection('service_items')
          .doc(input.itemId)
          .field({ title: true, window: true })
          .get()
          .then(({ data }) => data[0] as Pick<ItemDoc, '_id' | 'title' | 'window'> | undefined)
      : Promise.resolve(undefined),
  ]);
  if (input.residentId && !person) throw new AppError('NOT_FOUND', '没有找到这位居民');
  if (input.itemId && (!item || item.window !== input.window)) throw new AppError('NOT_FOUND', '这个窗口没有这个事项');
  return issue({
    queue,
    ...(person ? { personId: person._id } : { requestId: input.requestId }),
    name: person?.name ?? input.name,
    takenBy: me._id,
    source: 'counter',
    ...(item ? { itemId: item._id, itemTitle: item.title } : {}),
    now,
  });
}

// ---------------------------------------------------------------------------------------
// The queue screen
// ---------------------------------------------------------------------------------------

const SCREEN_CALLING = 4;

export async function screen(me: ResidentDoc, window: WindowKey, now: Date): Promise<ScreenView> {
  requireWindow(me, window);
  const queue = await ensureQueue(window, now);
  const { data } = await collection('service_tickets')
    .where({ queueId: queue._id })
    .orderBy('number', 'asc')
    .limit(1000)
    .get();
  const tickets = data as TicketDoc[];
  const calling = tickets
    .filter((ticket) => ticket.status === 'called' || ticket.status === 'serving')
    .sort((a, b) => (b.calledAt?.getTime() ?? 0) - (a.calledAt?.getTime() ?? 0))
    .slice(0, SCREEN_CALLING);
  const waiting = tickets.filter((ticket) => ticket.status === 'waiting');
  const code = windowCode(window, queue.date, queue.token);
  return {
    window: WINDOW_INFO[window],
    date: queue.date,
    dateLabel: `${dateLabel(queue.date)} ${weekdayLabel(queue.date)}`,
    calling: calling.map((ticket) => ({
      ticketId: ticket._id,
      number: ticket.number,
      numberLabel: numberLabel(ticket.number),
      counter: ticket.counter ?? '',
      name: maskName(ticket.name),
      status: ticket.status,
      ...(ticket.itemId ? { itemId: ticket.itemId } : {}),
      ...(ticket.itemTitle ? { itemTitle: ticket.itemTitle } : {}),
      ...(ticket.recordId ? { recordId: ticket.recordId } : {}),
    })),
    waiting: waiting.slice(0, 30).map((ticket) => ({
      ticketId: ticket._id,
      number: ticket.number,
      numberLabel: numberLabel(ticket.number),
      name: maskName(ticket.name),
      booked: Boolean(ticket.bookingId),
    })),
    waitingCount: waiting.length,
    served: tickets.filter((ticket) => ticket.status === 'done').length,
    code,
    qr: await qrDataUrl(code, { margin: 2, scale: 8 }),
  };
}

/** A screen in a public hall shows "林*燕", never a whole name. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export async function callNext(me: ResidentDoc, window: WindowKey, counter: string, now: Date): Promise<ScreenView> {
  requireWindow(me, window);
  const queue = await ensureQueue(window, now);
  const { data } = await collection('service_tickets')
    .where({ queueId: queue._id, status: 'waiting' })
    .orderBy('number', 'asc')
    .limit(5)
    .get();
  let called: TicketDoc | undefined;
  for (const candidate of data as TicketDoc[]) {
    const { updated } = await collection('service_tickets')
      .where({ _id: candidate._id, status: 'waiting' })
      .update({ status: 'called', calledAt: now, counter, calledBy: me._id });
    if (updated === 1) {
      called = { ...candidate, status: 'called', calledAt: now, counter };
      break;
    }
  }
  if (!called) throw new AppError('CONFLICT', '现在没有排队等候的号');
  if (called.personId) {
    await tell(
      [called.personId],
      {
        title: `请${called.number}号到${counter}号窗口`,
        body: `${WINDOW_INFO[window].label}正在叫${called.number}号，请到${counter}号窗口办理。`,
        note: `${called.number}号 请到${counter}号窗口`,
        page: PAGES.ticket,
        source: { kind: 'service_ticket', id: called._id },
      },
      now,
    );
  }
  return screen(me, window, now);
}

export async function skipTicket(me: ResidentDoc, ticketId: string, now: Date): Promise<ScreenView> {
  const ticket = await requireTicket(ticketId);
  requireWindow(me, ticket.window);
  const { updated } = await collection('service_tickets')
    .where({ _id: ticket._id, status: 'called' })
    .update({ status: 'skipped', activeKey: `x|${ticket._id}` });
  if (updated !== 1) throw new AppError('CONFLICT', '这个号不在叫号中');
  return screen(me, ticket.window, now);
}
