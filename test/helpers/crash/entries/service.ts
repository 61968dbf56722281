/** Sweep entries of the service window: appointments and take-a-number. */
import { DEMO } from '../../../../local/seed/community';
import type { BookingDoc, ItemDoc, QueueDoc, RecordDoc, SlotDoc } from '../../../../cloudfunctions/service/docs';
import { queueIdOf, windowCode } from '../../../../cloudfunctions/shared/domain/service';
import { pushedOnce, serviceQueue, serviceSlots } from '../invariants';
import { all, one } from '../read';
import { mustBeOk, type Call, type SweepContext, type SweepEntry } from '../sweep';
import { at, dayKey, freshDay, isConflict, requestId, SEEDED_AT, wall } from '../world';

export const service = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'service',
  event: { action, ...input },
  as,
  now,
});

const RESIDENT = 'r-demo-resident';
const SENIOR = 'r-demo-senior';

export interface FreshSlot {
  id: string;
  itemId: string;
  date: string;
  /** The day before: bookings and cancellations. */
  before: Date;
}

/** A slot of the community window on a day of its own, two places, as staff publish them. */
export async function freshSlot(ctx: SweepContext): Promise<FreshSlot> {
  const date = dayKey(freshDay());
  const id = `community_${date}_0900`;
  const slot: Omit<SlotDoc, '_id'> = {
    window: 'community',
    date,
    startAt: at(wall(date, '09:00')),
    endAt: at(wall(date, '09:30')),
    capacity: 2,
    left: 2,
    bookingKeys: [],
    createdBy: 'r-demo-staff',
    updatedAt: at(wall(dayKey(-1), '10:00')),
  };
  await ctx.db().collection('service_slots').doc(id).set(slot);
  const items = await all<ItemDoc>(ctx.db(), 'service_items', { window: 'community', bookable: true });
  return { id, itemId: items[0]!._id, date, before: at(wall(dayKey(0), '10:00')) };
}

export function bookInput(slot: FreshSlot, extra: Record<string, unknown> = {}) {
  return { requestId: requestId('book'), slotId: slot.id, itemId: slot.itemId, ...extra };
}

async function liveBookingOf(ctx: SweepContext, slot: FreshSlot, personId: string) {
  const _ = ctx.db().command;
  const found = await all<BookingDoc>(ctx.db(), 'service_bookings', {
    slotId: slot.id,
    personId,
    status: _.in(['booked', 'arrived']),
  });
  return found[0];
}

/** A refused new booking is right only while the person holds one that day. */
function bookAgainMay(ctx: SweepContext, slot: FreshSlot, personId: string) {
  return async (result: { ok: boolean; error?: { code: string; message: string } }) => {
    if (result.ok) return undefined;
    if (isConflict(result as never) && (await liveBookingOf(ctx, slot, personId))) return undefined;
    return `${result.error?.code} ${result.error?.message}`;
  };
}

interface AtTheWindow {
  slot: FreshSlot;
  queueId: string;
  ticketId: string;
  /** The day, at the window. */
  at: (time: string) => Date;
}

/** The resident booked for a day of its own, the queue open, the number taken: at the window. */
async function atTheWindow(ctx: SweepContext): Promise<AtTheWindow> {
  const slot = await freshSlot(ctx);
  await ctx.ok(service(DEMO.resident, 'book', bookInput(slot), slot.before));
  const queue: QueueDoc = {
    _id: queueIdOf('community', slot.date),
    window: 'community',
    date: slot.date,
    issued: 0,
    token: slot.date.replace(/-/g, '').padEnd(16, '0'),
    createdAt: at(wall(slot.date, '08:00')),
  };
  await ctx.db().collection('service_queues').add(queue);
  const code = windowCode('community', slot.date, queue.token);
  const ticket = await ctx.ok<{ id: string }>(
    service(DEMO.resident, 'takeNumber', { code }, at(wall(slot.date, '08:55'))),
  );
  return { slot, queueId: queue._id, ticketId: ticket.id, at: (time) => at(wall(slot.date, time)) };
}

const STAFF = DEMO.staff;

/** The number called and a record opened for it. */
export async function served(ctx: SweepContext): Promise<AtTheWindow & { recordId: string }> {
  const place = await atTheWindow(ctx);
  await ctx.ok(service(STAFF, 'callNext', { window: 'community', counter: '1' }, place.at('09:00')));
  const record = await ctx.ok<{ id: string }>(
    service(STAFF, 'openRecord', { itemId: place.slot.itemId, ticketId: place.ticketId }, place.at('09:01')),
  );
  return { ...place, recordId: record.id };
}

const windowChecks = (ctx: SweepContext, place: AtTheWindow) => async () => [
  ...(await serviceQueue(ctx.db(), [place.queueId])),
  ...(await serviceSlots(ctx.db(), [place.slot.id])),
];

export const serviceEntries: SweepEntry[] = [
  {
    key: 'service.book',
    sample: 8,
    async arrange(ctx) {
      const slot = await freshSlot(ctx);
      const input = bookInput(slot);
      return {
        call: service(DEMO.resident, 'book', input, slot.before),
        retryMay: mustBeOk,
        again: service(DEMO.resident, 'book', bookInput(slot), slot.before),
        againMay: bookAgainMay(ctx, slot, RESIDENT),
        check: () => serviceSlots(ctx.db(), [slot.id]),
      };
    },
  },
  {
    key: 'service.book#relative',
    sample: 8,
    async arrange(ctx) {
      // A relative books for the senior, who is told.
      const slot = await freshSlot(ctx);
      return {
        call: service(DEMO.relative, 'book', bookInput(slot, { forId: SENIOR }), slot.before),
        retryMay: mustBeOk,
        again: service(DEMO.relative, 'book', bookInput(slot, { forId: SENIOR }), slot.before),
        againMay: bookAgainMay(ctx, slot, SENIOR),
        async check() {
          const booking = await liveBookingOf(ctx, slot, SENIOR);
          return [
            ...(await serviceSlots(ctx.db(), [slot.id])),
            ...(booking ? await pushedOnce(ctx.db(), { kind: 'service_booking', id: booking._id }, [SENIOR]) : []),
          ];
        },
      };
    },
  },
  {
    key: 'service.cancelBooking',
    sample: 8,
    async arrange(ctx) {
      // The relative cancels the senior's booking: the senior is told; booking again is not blocked.
      const slot = await freshSlot(ctx);
      const booked = await ctx.ok<{ id: string }>(
        service(DEMO.relative, 'book', bookInput(slot, { forId: SENIOR }), slot.before),
      );
      return {
        call: service(DEMO.relative, 'cancelBooking', { bookingId: booked.id }, slot.before),
        again: service(DEMO.relative, 'book', bookInput(slot, { forId: SENIOR }), slot.before),
        againMay: bookAgainMay(ctx, slot, SENIOR),
        async check() {
          const booking = await one<BookingDoc>(ctx.db(), 'service_bookings', booked.id);
          return [
            ...(await serviceSlots(ctx.db(), [slot.id])),
            ...(booking?.status === 'cancelled'
              ? await pushedOnce(ctx.db(), { kind: 'service_booking', id: booked.id }, [SENIOR], '已取消')
              : []),
          ];
        },
      };
    },
  },
  {
    key: 'service.takeNumber',
    sample: 6,
    async arrange(ctx) {
      // Today's queue open, the resident booked for today: the number marks the booking arrived.
      const slot = await freshSlot(ctx);
      await ctx.ok(service(DEMO.resident, 'book', bookInput(slot), slot.before));
      const queue: QueueDoc = {
        _id: queueIdOf('community', slot.date),
        window: 'community',
        date: slot.date,
        issued: 0,
        token: slot.date.replace(/-/g, '').padEnd(16, '0'),
        createdAt: at(wall(slot.date, '08:00')),
      };
      await ctx.db().collection('service_queues').add(queue);
      const code = windowCode('community', slot.date, queue.token);
      const take = () => service(DEMO.resident, 'takeNumber', { code }, at(wall(slot.date, '08:55')));
      return {
        call: take(),
        retryMay: mustBeOk,
        again: take(),
        check: async () => [
          ...(await serviceQueue(ctx.db(), [queue._id])),
          ...(await serviceSlots(ctx.db(), [slot.id])),
        ],
      };
    },
  },
  {
    key: 'service.callNext',
    sample: 6,
    async arrange(ctx) {
      const place = await atTheWindow(ctx);
      return {
        call: service(STAFF, 'callNext', { window: 'community', counter: '1' }, place.at('09:00')),
        async check() {
          return [
            ...(await windowChecks(ctx, place)()),
            ...(await pushedOnce(ctx.db(), { kind: 'service_ticket', id: place.ticketId })),
          ];
        },
      };
    },
  },
  {
    key: 'service.skipTicket',
    async arrange(ctx) {
      const place = await atTheWindow(ctx);
      await ctx.ok(service(STAFF, 'callNext', { window: 'community', counter: '1' }, place.at('09:00')));
      return {
        call: service(STAFF, 'skipTicket', { ticketId: place.ticketId }, place.at('09:10')),
        check: windowChecks(ctx, place),
      };
    },
  },
  {
    key: 'service.counterTicket',
    sample: 6,
    async arrange(ctx) {
      // Staff issue a number at the counter for the party member, who has no phone with them.
      const place = await atTheWindow(ctx);
      const issue = (id: string) =>
        service(
          STAFF,
          'counterTicket',
          {
            window: 'community',
            name: '孙建华',
            residentId: 'r-demo-party-member',
            itemId: place.slot.itemId,
            requestId: id,
          },
          place.at('09:05'),
        );
      const first = requestId('desk');
      return {
        call: issue(first),
        retryMay: mustBeOk,
        again: issue(requestId('desk')),
        check: windowChecks(ctx, place),
      };
    },
  },
  {
    key: 'service.counterTicket#walk-in',
    sample: 6,
    async arrange(ctx) {
      // Someone not registered here: only the desk's request id tells a retry from a second person.
      const place = await atTheWindow(ctx);
      const issue = (id: string, time: string) =>
        service(STAFF, 'counterTicket', { window: 'community', name: '过路的陈大爷', requestId: id }, place.at(time));
      return {
        call: issue(requestId('desk'), '09:05'),
        retryMay: mustBeOk,
        // The staff member, having given up, issues a new number a minute later: a second walk-in number is right.
        again: issue(requestId('desk'), '09:06'),
        check: async () => {
          const tickets = await all<{ _id: string; name: string }>(ctx.db(), 'service_tickets', {
            queueId: place.queueId,
            name: '过路的陈大爷',
          });
          return [
            ...(await windowChecks(ctx, place)()),
            ...(tickets.length > 2 ? [`walk-in issued ${tickets.length} numbers for two requests`] : []),
          ];
        },
      };
    },
  },
  {
    key: 'service.openRecord',
    sample: 6,
    async arrange(ctx) {
      const place = await atTheWindow(ctx);
      await ctx.ok(service(STAFF, 'callNext', { window: 'community', counter: '1' }, place.at('09:00')));
      const open = () =>
        service(STAFF, 'openRecord', { itemId: place.slot.itemId, ticketId: place.ticketId }, place.at('09:01'));
      return { call: open(), retryMay: mustBeOk, again: open(), check: windowChecks(ctx, place) };
    },
  },
  {
    key: 'service.updateRecord',
    sample: 6,
    async arrange(ctx) {
      const place = await served(ctx);
      const finish = () =>
        service(STAFF, 'updateRecord', { recordId: place.recordId, status: 'done' }, place.at('09:20'));
      return { call: finish(), retryMay: mustBeOk, again: finish(), check: windowChecks(ctx, place) };
    },
  },
  {
    key: 'service.rate',
    sample: 6,
    async arrange(ctx) {
      // Unsatisfied: the director hears of it, once.
      const place = await served(ctx);
      await ctx.ok(service(STAFF, 'updateRecord', { recordId: place.recordId, status: 'done' }, place.at('09:20')));
      return {
        call: service(
          DEMO.resident,
          'rate',
          { recordId: place.recordId, level: 'unsatisfied', reasons: ['on_time'] },
          place.at('10:00'),
        ),
        async check() {
          const record = await one<RecordDoc>(ctx.db(), 'service_records', place.recordId);
          return [
            ...(await windowChecks(ctx, place)()),
            ...(record?.rating
              ? await pushedOnce(ctx.db(), { kind: 'service_complaint', id: place.recordId }, ['r-demo-director'])
              : []),
          ];
        },
      };
    },
  },
  {
    key: 'service.saveSlots',
    sample: 6,
    async arrange(ctx) {
      // A day with one booked slot: staff add places to it and open a second slot.
      const slot = await freshSlot(ctx);
      await ctx.ok(service(DEMO.resident, 'book', bookInput(slot), slot.before));
      const save = () =>
        service(
          STAFF,
          'saveSlots',
          {
            window: 'community',
            date: slot.date,
            minutes: 30,
            slots: [
              { time: '09:00', capacity: 3 },
              { time: '09:30', capacity: 2 },
            ],
          },
          slot.before,
        );
      return {
        call: save(),
        retryMay: mustBeOk,
        check: () => serviceSlots(ctx.db(), [slot.id, `community_${slot.date}_0930`]),
      };
    },
  },
  {
    key: 'service.propose',
    sample: 4,
    async arrange(ctx) {
      const item = await freshItem(ctx);
      return {
        call: service(STAFF, 'propose', proposal(item), SEEDED_AT),
        check: () => onePending(ctx, item._id),
      };
    },
  },
  {
    key: 'service.review',
    sample: 6,
    async arrange(ctx) {
      // The director approves the staff member's edit: the item takes it, the revision is approved.
      const item = await freshItem(ctx);
      const revision = await ctx.ok<{ id: string }>(service(STAFF, 'propose', proposal(item), SEEDED_AT));
      const approve = () =>
        service(DEMO.director, 'review', { revisionId: revision.id, decision: 'approve' }, SEEDED_AT);
      return {
        call: approve(),
        // Deciding again (a reviewer who saw no answer) finishes it.
        again: approve(),
        againMay: (result) =>
          result.ok || isConflict(result) ? undefined : `${result.error.code} ${result.error.message}`,
        async check() {
          const doc = await one<ItemDoc>(ctx.db(), 'service_items', item._id);
          const decided = await one<{ state: string }>(ctx.db(), 'service_revisions', revision.id);
          const applied = Boolean(doc?.history.some((entry) => entry.revisionId === revision.id));
          return [
            ...(await onePending(ctx, item._id)),
            ...(applied && decided?.state !== 'approved'
              ? [`revision ${revision.id} applied but ${decided?.state}`]
              : []),
            ...(!applied && decided?.state === 'approved' ? [`revision ${revision.id} approved, never applied`] : []),
          ];
        },
      };
    },
  },
  {
    key: 'service.exportEvaluation',
    sample: 3,
    async arrange() {
      return {
        call: service(DEMO.director, 'exportEvaluation', { month: '2026-11' }, SEEDED_AT),
        retryMay: mustBeOk,
        check: async () => [],
      };
    },
  },
];

const CONTENT_KEYS = [
  'title',
  'aliases',
  'category',
  'summary',
  'lifeEvents',
  'window',
  'clause',
  'eligibility',
  'materials',
  'steps',
  'timeLimit',
  'fee',
  'place',
  'hours',
  'post',
  'bookable',
] as const;

let items = 0;
/** A handbook item of its own (a copy of a community one), at version 1. */
async function freshItem(ctx: SweepContext): Promise<ItemDoc> {
  const [model] = await all<ItemDoc>(ctx.db(), 'service_items', { window: 'community', bookable: true });
  const { _id, ...rest } = model!;
  const item = { ...rest, title: `${model!.title}（副本${++items}）`, version: 1 };
  const id = `svc-sweep${items.toString(36).padStart(4, '0')}`;
  await ctx.db().collection('service_items').doc(id).set(item);
  return { _id: id, ...item } as ItemDoc;
}

function proposal(item: ItemDoc) {
  const content = Object.fromEntries(CONTENT_KEYS.map((key) => [key, item[key as keyof ItemDoc]]));
  return {
    itemId: item._id,
    baseVersion: item.version,
    content: { ...content, fee: '免费（已核实）' },
    note: '核实收费',
  };
}

/** An item has at most one revision waiting for review. */
async function onePending(ctx: SweepContext, itemId: string): Promise<string[]> {
  const pending = await all<{ _id: string }>(ctx.db(), 'service_revisions', { itemId, state: 'pending' });
  return pending.length > 1 ? [`item ${itemId}: ${pending.length} revisions pending`] : [];
}
