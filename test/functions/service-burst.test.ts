/**
 * Bookings under a burst: 300 residents book 20 one-place slots of the 金融服务站 at the
 * same moment (15 per slot, 40 of them sending their request twice at once), then all
 * retry. Exactly 20 bookings, one per slot, no place taken twice. Real concurrency: the
 * runner's worker threads against the stand-in.
 */
import type { BookingDoc, SlotDoc } from '../../cloudfunctions/service/docs';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { BookingView } from '../../typings/domain/service';
import type { Result } from '../../typings/result';
import { DEMO } from '../../local/seed/community';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { callAs, clock, ok } from './service-kit';

jest.setTimeout(120_000);

const PEOPLE = 300;
const SLOTS = 20;
const TWINS = 40;

let cloud: TestCloud;
let date = '';
/** When everyone books: the morning of the seed's day. */
let now: Date;
const times = Array.from({ length: SLOTS }, (_, i) => {
  const minutes = 9 * 60 + i * 20;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});
const slotIds = () => times.map((time) => `bank_${date}_${time.replace(':', '')}`);

beforeAll(async () => {
  cloud = await startTestCloud();
  const days = clock(cloud.seededAt);
  date = days.weekday(40);
  const created = days.at(days.today, '06:00');
  const people: ResidentDoc[] = Array.from({ length: PEOPLE }, (_, i) => ({
    _id: `r-burst-${i}`,
    openid: `o-burst-${i}`,
    name: `预约人${i}`,
    binding: {
      status: 'verified',
      address: { buildingNo: 1 + (i % 12), unitNo: 1 + (i % 4), room: `9${String(i).padStart(3, '0')}` },
    },
    householdId: `hb-${i}`,
    roles: [],
    createdAt: created,
    updatedAt: created,
  }));
  for (let i = 0; i < people.length; i += 150)
    await cloud
      .db()
      .collection('residents')
      .add(people.slice(i, i + 150));
  ok(
    await callAs(cloud)(
      DEMO.bank,
      'saveSlots',
      { window: 'bank', date, minutes: 20, slots: times.map((time) => ({ time, capacity: 1 })) },
      created,
    ),
  );
  now = days.at(days.today, '08:00');
});
afterAll(() => cloud.close());

function book(i: number) {
  return cloud.call<Result<BookingView>>(
    'service',
    { action: 'book', requestId: `burst-request-${i}`, slotId: slotIds()[i % SLOTS], itemId: 'svc-bank-cash' },
    { openid: `o-burst-${i}`, now },
  );
}

async function stored(): Promise<{ bookings: BookingDoc[]; slots: SlotDoc[] }> {
  const { data: bookings } = await cloud
    .db()
    .collection('service_bookings')
    .where({ date, window: 'bank' })
    .limit(1000)
    .get();
  const { data: slots } = await cloud.db().collection('service_slots').where({ date, window: 'bank' }).limit(100).get();
  return { bookings: bookings as BookingDoc[], slots: slots as SlotDoc[] };
}

it('300 residents booking 20 slots at once: exactly 20 booked, one per slot; retries change nothing', async () => {
  const senders = [...Array.from({ length: PEOPLE }, (_, i) => i), ...Array.from({ length: TWINS }, (_, i) => i * 7)];
  for (let i = senders.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [senders[i], senders[j]] = [senders[j]!, senders[i]!];
  }
  const results = await Promise.all(senders.map((i) => book(i).then((result) => ({ i, result }))));

  const accepted = new Map<number, string>();
  for (const { i, result } of results) {
    if (result.ok) {
      const previous = accepted.get(i);
      if (previous) expect(result.data.id).toBe(previous);
      accepted.set(i, result.data.id);
    } else {
      expect(result.error).toMatchObject({ code: 'CONFLICT', message: '这个时段已约满，请选择其他时段' });
    }
  }
  expect(accepted.size).toBe(SLOTS);
  for (const { i, result } of results) if (!result.ok) expect(accepted.has(i)).toBe(false);

  const after = await stored();
  expect(after.bookings).toHaveLength(SLOTS);
  expect(new Set(after.bookings.map((booking) => booking.slotId)).size).toBe(SLOTS);
  expect(after.slots.map((slot) => slot.left)).toEqual(Array(SLOTS).fill(0));
  expect(after.slots.every((slot) => slot.bookingKeys.length === 1)).toBe(true);

  const retries = await Promise.all(
    Array.from({ length: PEOPLE }, (_, i) => i)
      .filter((i) => accepted.has(i) || i % 10 === 0)
      .map((i) => book(i).then((result) => ({ i, result }))),
  );
  for (const { i, result } of retries) {
    if (accepted.has(i)) expect(result).toMatchObject({ ok: true, data: { id: accepted.get(i) } });
    else expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  }
  const final = await stored();
  expect(final.bookings).toHaveLength(SLOTS);
  expect(final.slots.every((slot) => slot.left === 0)).toBe(true);
});
