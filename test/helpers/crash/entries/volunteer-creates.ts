/**
 * Sweep entries of the volunteer function's creates keyed by a request id: a weekly duty, a
 * shift log entry and a certificate of hours. However a send died, each request made at
 * most one (a retry, however late, finds the first), and one whose retry answered ok made
 * exactly one.
 */
import type { CertificateDoc, DutyDoc, ShiftDoc } from '../../../../cloudfunctions/volunteer/docs';
import type { VolunteerRecord } from '../../../../typings/domain/volunteer';
import { dutyIdFor, logEntryIdFor } from '../../../../cloudfunctions/volunteer/rosters';
import { volunteerShifts } from '../invariants';
import { all, countBy, one } from '../read';
import { later, mustBeOk, type SweepEntry } from '../sweep';
import { at, dayKey, requestId, wall } from '../world';
import { freshShift, LEADER, member, volunteer } from './volunteer';

/**
 * At most one per request, none for a request never sent; `answered` (a request whose
 * answer came back ok) made exactly one.
 */
function onePerRequest(what: string, made: Map<string, number>, sent: readonly string[], answered?: string): string[] {
  const violations: string[] = [];
  for (const [request, count] of made) if (count > 1) violations.push(`${count} ${what}s for request ${request}`);
  for (const request of made.keys()) if (!sent.includes(request)) violations.push(`a ${what} for no request sent`);
  if (answered && !made.has(answered)) violations.push(`no ${what} for request ${answered}`);
  return violations;
}

const AFTER = 60_000;

export const volunteerCreateEntries: SweepEntry[] = [
  {
    key: 'volunteer.createDuty',
    async arrange(ctx, index) {
      const place = `东门${index + 1}号岗`;
      const when = at(wall(dayKey(0), '11:00'));
      const draft = { teamId: 'team01', kind: 'patrol', weekday: 2, start: '19:00', end: '21:00', slots: 2, hours: 2 };
      const first = requestId('duty');
      const tap = requestId('duty');
      const create = (request: string, now: Date) =>
        volunteer(LEADER.openid, 'createDuty', { ...draft, place, requestId: request }, now);
      const made = async (): Promise<Map<string, number>> => {
        const duties = await all<DutyDoc>(ctx.db(), 'volunteer_duties', { place });
        const requestOf = new Map([first, tap].map((request) => [dutyIdFor(LEADER.id, request), request]));
        return countBy(duties, (duty) => requestOf.get(duty._id) ?? `unknown ${duty._id}`);
      };
      const whole = async (): Promise<string[]> =>
        (await all<DutyDoc>(ctx.db(), 'volunteer_duties', { place }))
          .filter((duty) => !duty.teamName || !duty.from || duty.active !== true)
          .map((duty) => `duty ${duty._id} half-written`);
      return {
        call: create(first, when),
        retryMay: mustBeOk,
        again: create(tap, later(when, AFTER)),
        check: async () => [...(await whole()), ...onePerRequest('duty', await made(), [first, tap])],
        done: async () => onePerRequest('duty', await made(), [first, tap], first),
      };
    },
  },
  {
    key: 'volunteer.addLog',
    async arrange(ctx) {
      const shift = await freshShift(ctx);
      const me = await member(ctx);
      await ctx.ok(volunteer(me.openid, 'takeShift', { dutyId: shift.dutyId, date: shift.date }, shift.before));
      const first = requestId('log');
      const tap = requestId('log');
      const add = (request: string, text: string, now: Date) =>
        volunteer(me.openid, 'addLog', { shiftId: shift.shiftId, requestId: request, text }, now);
      const ids = async () => (await one<ShiftDoc>(ctx.db(), 'volunteer_shifts', shift.shiftId))?.log ?? [];
      const entries = async (): Promise<Map<string, number>> => {
        const requestOf = new Map([first, tap].map((request) => [logEntryIdFor(me.id, request), request]));
        return countBy(await ids(), (entry) => requestOf.get(entry.id) ?? `unknown ${entry.id}`);
      };
      return {
        call: add(first, '东门路灯不亮', shift.during),
        retryMay: mustBeOk,
        again: add(tap, '东门有积水', later(shift.during, AFTER)),
        check: async () => {
          const log = await ids();
          return [
            ...(await volunteerShifts(ctx.db(), [shift.shiftId])),
            ...onePerRequest('log entry', await entries(), [first, tap]),
            ...(new Set(log.map((entry) => entry.id)).size !== log.length ? ['two log entries with one id'] : []),
          ];
        },
        done: async () => onePerRequest('log entry', await entries(), [first, tap], first),
      };
    },
  },
  {
    key: 'volunteer.issueCertificate',
    async arrange(ctx) {
      const me = await member(ctx);
      const when = at(wall(dayKey(0), '11:00'));
      const record = await ctx.ok<VolunteerRecord>(volunteer(me.openid, 'myRecord', {}, when));
      const months = record.byMonth.map((m) => m.month).sort();
      const first = requestId('cert');
      const tap = requestId('cert');
      const issue = (request: string, now: Date) =>
        volunteer(
          me.openid,
          'issueCertificate',
          { requestId: request, from: months[0], to: months.at(-1), kind: 'general' },
          now,
        );
      const issued = async (): Promise<Map<string, number>> => {
        const docs = await all<CertificateDoc>(ctx.db(), 'volunteer_certificates', {
          residentId: me.id,
          requestId: ctx.db().command.in([first, tap]),
        });
        return countBy(docs, (doc) => doc.requestId!);
      };
      return {
        call: issue(first, when),
        retryMay: mustBeOk,
        again: issue(tap, later(when, AFTER)),
        check: async () => onePerRequest('certificate', await issued(), [first, tap]),
        done: async () => onePerRequest('certificate', await issued(), [first, tap], first),
      };
    },
  },
];
