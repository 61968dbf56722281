/**
 * The `service` function: the service window run by its standards. Anyone may search the
 * handbook (words, pinyin, pinyin initials, life events) and read what to bring;
 * residents book a slot at the community window or the 金融服务站 (a relative for a bound
 * senior), take a number by scanning the window's code, see their place in the queue and
 * rate a finished service; window staff (community staff, bank staff at the bank's
 * window) see the day's bookings, call numbers, keep service records against the
 * standard's time limit, edit the handbook with review, and read the monthly evaluation.
 */
import { z } from 'zod';
import { monthOf } from '../shared/domain/canteen';
import { todayKey } from '../shared/domain/service';
import { createFunction, defineAction } from '../shared/runtime';
import { NOTE_MAX, book, bookingForm, cancelBooking, myBookings } from './bookings';
import { day, saveSlots } from './day';
import { evaluation, exportEvaluation } from './evaluation';
import { editor, item, propose, review, reviews, search } from './handbook';
import {
  commitmentInput,
  contentInput,
  counterInput,
  dateKeyInput,
  idInput,
  itemIdInput,
  lifeEventInput,
  monthKeyInput,
  nameInput,
  ratingLevelInput,
  requestIdInput,
  slotIdInput,
  slotsInput,
  windowInput,
} from './inputs';
import { callNext, counterTicket, myTickets, screen, skipTicket, takeNumber } from './queue';
import { COMMENT_MAX, openRecord, rate, ratingForm, record, records, updateRecord } from './records';
import { tick } from './timer';

/** Window staff: community staff at both windows, bank staff at the 金融服务站 (checked per window). */
const WINDOW_STAFF = { roles: ['staff', 'bank_staff'] } as const;
const EVALUATORS = { roles: ['staff', 'bank_staff', 'director'] } as const;
/** Four eyes on the handbook: community staff or the director, never the author (checked per proposal). */
const REVIEWERS = { roles: ['staff', 'director'] } as const;

export const main = createFunction(
  'service',
  {
    // --- residents -----------------------------------------------------------------------
    search: defineAction({
      input: z.strictObject({ query: z.string().max(30).optional(), lifeEvent: lifeEventInput.optional() }),
      access: 'signedIn',
      run: ({ query, lifeEvent }) => search(query?.trim() || undefined, lifeEvent),
    }),
    item: defineAction({
      input: z.strictObject({ id: itemIdInput }),
      access: 'signedIn',
      run: ({ id }) => item(id),
    }),
    bookingForm: defineAction({
      input: z.strictObject({ window: windowInput, itemId: itemIdInput.optional() }),
      access: 'registered',
      caller: { seniors: true },
      run: ({ window, itemId }, { caller, now }) => bookingForm(caller.resident!, window, itemId, now, caller.seniors),
    }),
    book: defineAction({
      input: z.strictObject({
        requestId: requestIdInput,
        slotId: slotIdInput,
        itemId: itemIdInput,
        forId: idInput.optional(),
        note: z.string().trim().max(NOTE_MAX).optional(),
      }),
      access: 'registered',
      run: (input, { caller, now }) => book(caller.resident!, caller.openid!, input, now),
    }),
    cancelBooking: defineAction({
      input: z.strictObject({ bookingId: idInput }),
      access: 'registered',
      run: ({ bookingId }, { caller, now }) => cancelBooking(caller.resident!, bookingId, now),
    }),
    myBookings: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      run: (_input, { caller, now }) => myBookings(caller.resident!, now),
    }),
    takeNumber: defineAction({
      input: z.strictObject({ code: z.string().trim().min(1).max(200), forId: idInput.optional() }),
      access: 'registered',
      run: ({ code, forId }, { caller, now }) => takeNumber(caller.resident!, code, forId, now),
    }),
    myTickets: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      caller: { seniors: true },
      run: (_input, { caller, now }) => myTickets(caller.resident!, now, caller.seniors),
    }),
    ratingForm: defineAction({
      input: z.strictObject({ recordId: idInput }),
      access: 'registered',
      run: ({ recordId }, { caller, now }) => ratingForm(caller.resident!, recordId, now),
    }),
    rate: defineAction({
      input: z.strictObject({
        recordId: idInput,
        level: ratingLevelInput,
        reasons: z.array(commitmentInput).max(3),
        comment: z.string().trim().max(COMMENT_MAX).optional(),
      }),
      access: 'registered',
      run: (input, { caller, now }) => rate(caller.resident!, caller.openid!, input, now),
    }),
    record: defineAction({
      input: z.strictObject({ recordId: idInput }),
      access: 'registered',
      run: ({ recordId }, { caller, now }) => record(caller.resident!, recordId, now),
    }),

    // --- window staff --------------------------------------------------------------------
    day: defineAction({
      input: z.strictObject({ window: windowInput, date: dateKeyInput.optional() }),
      access: WINDOW_STAFF,
      run: ({ window, date }, { caller, now }) => day(caller.resident!, window, date, now),
    }),
    saveSlots: defineAction({
      input: z.strictObject({
        window: windowInput,
        date: dateKeyInput,
        minutes: z.number().int().min(10).max(120),
        slots: slotsInput,
      }),
      access: WINDOW_STAFF,
      run: (input, { caller, now }) => saveSlots(caller.resident!, input, now),
    }),
    screen: defineAction({
      input: z.strictObject({ window: windowInput }),
      access: WINDOW_STAFF,
      run: ({ window }, { caller, now }) => screen(caller.resident!, window, now),
    }),
    callNext: defineAction({
      input: z.strictObject({ window: windowInput, counter: counterInput }),
      access: WINDOW_STAFF,
      run: ({ window, counter }, { caller, now }) => callNext(caller.resident!, window, counter, now),
    }),
    skipTicket: defineAction({
      input: z.strictObject({ ticketId: idInput }),
      access: WINDOW_STAFF,
      run: ({ ticketId }, { caller, now }) => skipTicket(caller.resident!, ticketId, now),
    }),
    counterTicket: defineAction({
      input: z.strictObject({
        window: windowInput,
        name: nameInput,
        residentId: idInput.optional(),
        itemId: itemIdInput.optional(),
        requestId: requestIdInput,
      }),
      access: WINDOW_STAFF,
      run: (input, { caller, now }) => counterTicket(caller.resident!, input, now),
    }),
    openRecord: defineAction({
      input: z.strictObject({
        itemId: itemIdInput,
        ticketId: idInput.optional(),
        bookingId: idInput.optional(),
        personName: nameInput.optional(),
      }),
      access: WINDOW_STAFF,
      run: (input, { caller, now }) => openRecord(caller.resident!, input, now),
    }),
    updateRecord: defineAction({
      input: z.strictObject({
        recordId: idInput,
        status: z.enum(['received', 'needs_materials', 'done']),
        missing: z.array(z.string().trim().min(1).max(40)).max(15).optional(),
      }),
      access: WINDOW_STAFF,
      run: (input, { caller, now }) => updateRecord(caller.resident!, input, now),
    }),
    records: defineAction({
      input: z.strictObject({ window: windowInput.optional(), filter: z.enum(['open', 'today']) }),
      access: WINDOW_STAFF,
      run: ({ window, filter }, { caller, now }) => records(caller.resident!, window, filter, now),
    }),
    evaluation: defineAction({
      input: z.strictObject({ month: monthKeyInput.optional() }),
      access: EVALUATORS,
      run: ({ month }, { caller, now }) => evaluation(caller.resident!, month ?? monthOf(todayKey(now)), now),
    }),
    exportEvaluation: defineAction({
      input: z.strictObject({ month: monthKeyInput }),
      access: { roles: ['staff', 'director'] },
      run: ({ month }, { caller, now }) => exportEvaluation(caller.resident!, caller.openid!, month, now),
    }),

    // --- the handbook's editing ----------------------------------------------------------
    editor: defineAction({
      input: z.strictObject({ id: itemIdInput.optional() }),
      access: WINDOW_STAFF,
      run: ({ id }, { caller }) => editor(caller.resident!, id),
    }),
    propose: defineAction({
      input: z.strictObject({
        itemId: itemIdInput.optional(),
        baseVersion: z.number().int().min(0).max(100_000),
        content: contentInput,
        note: z.string().trim().min(2).max(200),
      }),
      access: WINDOW_STAFF,
      run: (input, { caller, now }) => propose(caller.resident!, caller.openid!, input, now),
    }),
    reviews: defineAction({
      input: z.strictObject({}),
      access: REVIEWERS,
      run: (_input, { caller }) => reviews(caller.resident!),
    }),
    review: defineAction({
      input: z
        .strictObject({
          revisionId: idInput,
          decision: z.enum(['approve', 'reject']),
          comment: z.string().trim().min(1).max(200).optional(),
        })
        .refine((input) => input.decision === 'approve' || Boolean(input.comment), {
          message: '退回时请写明原因',
          path: ['comment'],
        }),
      access: REVIEWERS,
      run: (input, { caller, now }) => review(caller.resident!, input, now),
    }),
  },
  { timers: { tick } },
);
