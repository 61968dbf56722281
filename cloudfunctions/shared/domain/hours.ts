/**
 * The one ledger of volunteer hours, as plain rules: what a record is for (an activity
 * check-in, a call-out 召集 or a duty shift), which team a volunteer's hours go to, and the
 * sums a record page, a certificate and the monthly export show. Both the `activity` and
 * the `volunteer` function credit hours through shared/hours.ts, which applies these.
 */
import type { Role } from '../../../typings/domain/community';
import { shanghai } from '../time';

/** What hours were credited for. */
export type HoursSource = 'activity' | 'callout' | 'shift';

export const HOURS_SOURCE_LABELS: Record<HoursSource, string> = {
  activity: '活动',
  callout: '召集',
  shift: '值班',
};

/** The part of a ledger record the rules read. */
export interface HoursEntry {
  residentId: string;
  teamId: string;
  /** Absent on activity records written before call-outs and shifts existed. */
  source?: HoursSource;
  hours: number;
  /** Shanghai "YYYY-MM". */
  month: string;
}

export function sourceOf(entry: Pick<HoursEntry, 'source'>): HoursSource {
  return entry.source ?? 'activity';
}

/** Half hours add up exactly; show at most one decimal. */
export function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10;
}

/** Shanghai "YYYY-MM-DD" / "YYYY-MM" of an instant: a record is dated by what it was for. */
export function hoursDate(at: Date): string {
  return shanghai(at).format('YYYY-MM-DD');
}

export function hoursMonth(at: Date): string {
  return shanghai(at).format('YYYY-MM');
}

/** The teams someone volunteers in (a leader belongs to the team they lead). */
export function memberTeams(roles: readonly Role[]): string[] {
  const teams = roles.flatMap((role) =>
    role.kind === 'volunteer' || role.kind === 'team_leader' ? [role.teamId] : [],
  );
  return [...new Set(teams)];
}

/**
 * The team a volunteer's hours go to: the first of `preferred` (the organising or calling
 * teams) they belong to, else their first team; null when they are in no team.
 */
export function creditTeam(roles: readonly Role[], preferred: readonly string[]): string | null {
  const teams = memberTeams(roles);
  if (!teams.length) return null;
  return preferred.find((teamId) => teams.includes(teamId)) ?? teams[0]!;
}

/** Ledger ids: one record per person and thing, so a repeated credit writes the same record. */
export function callOutHoursId(callOutId: string, residentId: string): string {
  return `co_${callOutId}_${residentId}`;
}

export function shiftHoursId(shiftId: string, residentId: string): string {
  return `sh_${shiftId}_${residentId}`;
}

export interface HoursSummary {
  totalHours: number;
  records: number;
  byTeam: Array<{ teamId: string; hours: number; records: number }>;
  /** Newest month first. */
  byMonth: Array<{ month: string; hours: number; records: number }>;
}

/** Totals of some records, per team (in the order first met) and per month (newest first). */
export function summarise(entries: readonly HoursEntry[]): HoursSummary {
  const byTeam = new Map<string, { hours: number; records: number }>();
  const byMonth = new Map<string, { hours: number; records: number }>();
  let total = 0;
  for (const entry of entries) {
    total += entry.hours;
    for (const [map, key] of [
      [byTeam, entry.teamId],
      [byMonth, entry.month],
    ] as const) {
      const sum = map.get(key) ?? { hours: 0, records: 0 };
      sum.hours += entry.hours;
      sum.records += 1;
      map.set(key, sum);
    }
  }
  return {
    totalHours: roundHours(total),
    records: entries.length,
    byTeam: [...byTeam].map(([teamId, sum]) => ({ teamId, hours: roundHours(sum.hours), records: sum.records })),
    byMonth: [...byMonth]
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([month, sum]) => ({ month, hours: roundHours(sum.hours), records: sum.records })),
  };
}

/** Records of the months from `from` to `to` ("YYYY-MM", both included). */
export function withinMonths<T extends Pick<HoursEntry, 'month'>>(
  entries: readonly T[],
  from: string,
  to: string,
): T[] {
  return entries.filter((entry) => entry.month >= from && entry.month <= to);
}
