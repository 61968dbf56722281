/** Sweep entries of the service window: appointments and take-a-number. */
import { DEMO } from '../../../../local/seed/community';
import type { BookingDoc, ItemDoc, QueueDoc, SlotDoc } from '../../../../cloudfunctions/service/docs';
import { queueIdOf, windowCode } from '../../../../cloudfunctions/shared/domain/service';
import { pushedOnce, serviceQueue, serviceSlots } from '../invariants';
import { all, one } from '../read';
import { mustBeOk, type Call, type SweepContext, type SweepEntry } from '../sweep';
import { at, dayKey, freshDay, isConflict, requestId, wall } from '../world';

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

export const serviceEntries: SweepEntry[] = [
  {
    key: 'service.book',
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
];
