/**
 * The volunteer hours ledger (`volunteer_hours`), shared by the `activity` function (hours
 * at an activity check-in) and the `volunteer` function (call-outs 召集 and duty shifts), so
 * a volunteer's record, a certificate and the monthly export read one ledger. A record's
 * id is fixed by what it is for (shared/domain/hours.ts), so writing it again after a
 * retry or a crash leaves one record. Each team keeps a running `hoursTotal` for its card;
 * it is bumped after a credit and reconciled from the ledger by the volunteer timer.
 */
import { collection, command } from './cloud';
import type { VolunteerTeamDoc } from './docs';
import { hoursDate, hoursMonth, type HoursSource } from './domain/hours';

/** One credit: `_id` fixed per person and activity sign-up / call-out / shift. */
export interface HoursDoc {
  _id: string;
  residentId: string;
  teamId: string;
  /** The team's name when credited (absent on early activity records: look it up). */
  teamName?: string;
  /** Absent on activity records written before call-outs and shifts existed (= 'activity'). */
  source?: HoursSource;
  /** Exactly one of these names what the hours were for. */
  activityId?: string;
  callOutId?: string;
  shiftId?: string;
  title: string;
  hours: number;
  /** Shanghai "YYYY-MM-DD" and "YYYY-MM" of the activity's, call-out's or shift's start. */
  date: string;
  month: string;
  at: Date;
}

const MAX_RECORDS = 1000;

/** Every record matching `where`, newest first (paged, so a long history is complete). */
export async function hoursWhere(where: Record<string, unknown>): Promise<HoursDoc[]> {
  const found: HoursDoc[] = [];
  for (let offset = 0; ; offset += MAX_RECORDS) {
    const { data } = await collection('volunteer_hours')
      .where(where)
      .orderBy('date', 'desc')
      .orderBy('_id', 'asc')
      .skip(offset)
      .limit(MAX_RECORDS)
      .get();
    found.push(...(data as HoursDoc[]));
    if (data.length < MAX_RECORDS) return found;
  }
}

/** The id of the thing a record is for. */
export function sourceIdOf(record: Pick<HoursDoc, 'activityId' | 'callOutId' | 'shiftId'>): string {
  return record.activityId ?? record.callOutId ?? record.shiftId ?? '';
}

/** A record dated by the start of what it was for. */
export function hoursRecord(init: {
  _id: string;
  residentId: string;
  teamId: string;
  teamName: string;
  source: HoursSource;
  sourceId: string;
  title: string;
  hours: number;
  startAt: Date;
  at: Date;
}): HoursDoc {
  const key = init.source === 'activity' ? 'activityId' : init.source === 'callout' ? 'callOutId' : 'shiftId';
  return {
    _id: init._id,
    residentId: init.residentId,
    teamId: init.teamId,
    teamName: init.teamName,
    source: init.source,
    [key]: init.sourceId,
    title: init.title,
    hours: init.hours,
    date: hoursDate(init.startAt),
    month: hoursMonth(init.startAt),
    at: init.at,
  };
}

/** A transaction's or the database's collection handle: both write a record the same way. */
interface Writer {
  collection(name: 'volunteer_hours'): { doc(id: string): { set(fields: object): Promise<unknown> } };
}

/** Writes a record (the same record again changes nothing); inside a transaction when given one. */
export async function writeHours(record: HoursDoc, writer?: Writer): Promise<void> {
  const { _id, ...fields } = record;
  if (writer) await writer.collection('volunteer_hours').doc(_id).set(fields);
  else await collection('volunteer_hours').doc(_id).set(fields);
}

/**
 * Adds credited hours to the team's running total. Called once per new credit, outside any
 * transaction (many check-ins at once would otherwise conflict on the team document); a
 * total missed by a crash is repaired by the volunteer timer's reconciliation.
 */
export async function bumpTeamHours(teamId: string, hours: number): Promise<void> {
  if (!hours) return;
  try {
    await collection('volunteer_teams')
      .doc(teamId)
      .update({ hoursTotal: command().inc(hours) });
  } catch (error) {
    console.error('[hours] team total not bumped; the timer reconciles it', error);
  }
}

/** Team id → name, for labels (the 14 teams). */
export async function teamNames(): Promise<Map<string, string>> {
  const { data } = await collection('volunteer_teams').limit(100).get();
  return new Map((data as VolunteerTeamDoc[]).map((team) => [team._id, team.name]));
}
