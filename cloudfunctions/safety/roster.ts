/**
 * The duty roster: for each day a day shift (08:00–20:00) and a night shift (20:00 to
 * 08:00 the next day), each with the staff on duty. The first ring of every alarm pages the
 * shift running at that moment; with nobody rostered, every staff member is paged.
 */
import type { RosterDay, Shift } from '../../typings/domain/safety';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { readAll } from '../shared/paging';
import { AppError } from '../shared/errors';
import { shanghai } from '../shared/time';
import type { RosterDoc } from './docs';
import { rosterId, SHIFT_LABELS } from './rules';
import { staffMembers } from './store';

export const ROSTER_DAYS = 7;
const SHIFTS: Shift[] = ['day', 'night'];

function dayLabel(date: string): string {
  const day = shanghai(`${date}T00:00:00+08:00`);
  return `${day.format('M月D日')} 周${'日一二三四五六'[day.day()]}`;
}

function dayView(date: string, docs: ReadonlyMap<string, RosterDoc>, names: ReadonlyMap<string, string>): RosterDay {
  return {
    date,
    dateLabel: dayLabel(date),
    shifts: SHIFTS.map((shift) => ({
      shift,
      label: SHIFT_LABELS[shift],
      staff: (docs.get(rosterId(date, shift))?.staffIds ?? []).map((id) => ({
        id,
        name: names.get(id) ?? '已离职人员',
      })),
    })),
  };
}

export async function roster(from: string | undefined, now: Date) {
  const start = from ? shanghai(`${from}T00:00:00+08:00`) : shanghai(now).startOf('day');
  const dates = Array.from({ length: ROSTER_DAYS }, (_, i) => start.add(i, 'day').format('YYYY-MM-DD'));
  const [docs, staff] = await Promise.all([
    readAll<RosterDoc>('safety_roster', { date: command().in(dates) }),
    staffMembers(),
  ]);
  const byId = new Map(docs.map((doc) => [doc._id, doc]));
  const names = new Map(staff.map((person) => [person._id, person.name]));
  return {
    days: dates.map((date) => dayView(date, byId, names)),
    staff: staff.map((person) => ({ id: person._id, name: person.name })),
  };
}

export async function saveShift(actor: ResidentDoc, date: string, shift: Shift, staffIds: string[], now: Date) {
  const staff = await staffMembers();
  const names = new Map(staff.map((person) => [person._id, person.name]));
  if (staffIds.some((id) => !names.has(id))) throw new AppError('INVALID_INPUT', '值班人员须是社区工作人员');
  if (date < shanghai(now).subtract(1, 'day').format('YYYY-MM-DD')) {
    throw new AppError('CONFLICT', '过去的值班表不能再改');
  }
  const doc: Omit<RosterDoc, '_id'> = {
    date,
    shift,
    staffIds: [...new Set(staffIds)],
    updatedAt: now,
    updatedBy: actor._id,
  };
  await collection('safety_roster').doc(rosterId(date, shift)).set(doc);
  const { data } = await collection('safety_roster').where({ date }).limit(10).get();
  return dayView(date, new Map((data as RosterDoc[]).map((d) => [d._id, d])), names);
}
