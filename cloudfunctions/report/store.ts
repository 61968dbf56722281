/**
 * Reading and writing reports: the configuration (with the defaults until staff save
 * their own), the buildings, one report, and the status change — a conditional update on
 * the report's version, so two people acting at once cannot both succeed.
 */
import type { CallerJoin } from '../shared/caller';
import type { ResidentDoc } from '../shared/docs';
import { collection, command } from '../shared/cloud';
import {
  DEFAULT_CATEGORIES,
  DEFAULT_SPOTS,
  STATUS_LABELS,
  transition,
  type BuildingShape,
  type ReportEvent,
} from '../shared/domain/report';
import { AppError } from '../shared/errors';
import type { ReportConfigDoc, ReportDoc, TimelineDoc } from './docs';

/** The stored configuration, or the defaults until staff save their own. */
export function configFrom(stored: ReportConfigDoc | undefined): ReportConfigDoc {
  return stored ?? { _id: 'current', categories: DEFAULT_CATEGORIES, spots: DEFAULT_SPOTS, version: 0 };
}

export async function loadConfig(): Promise<ReportConfigDoc> {
  const { data } = await collection('report_config').doc('current').get();
  return configFrom(data[0] as ReportConfigDoc | undefined);
}

const BUILDING_FIELDS = { no: true, units: true, floors: true };
const MAX_BUILDINGS = 100;

/** The buildings in number order, only the fields places are checked against. */
export function buildingsFrom(rows: readonly unknown[]): BuildingShape[] {
  return [...(rows as BuildingShape[])].sort((a, b) => a.no - b.no);
}

export async function loadBuildings(): Promise<BuildingShape[]> {
  const { data } = await collection('buildings').field(BUILDING_FIELDS).limit(MAX_BUILDINGS).get();
  return buildingsFrom(data);
}

/** The configuration and the buildings, read with the caller (runtime `caller.joins`) in its round trip. */
export const CONFIG_AND_BUILDINGS = {
  config: { from: 'report_config', match: { _id: 'current' }, limit: 1 },
  buildings: { from: 'buildings', match: {}, fields: BUILDING_FIELDS, limit: MAX_BUILDINGS },
} as const satisfies Record<string, CallerJoin>;

export async function loadTeams(): Promise<Array<{ id: string; name: string; leaderId?: string }>> {
  const { data } = await collection('volunteer_teams').limit(100).get();
  return (data as Array<{ _id: string; name: string; leaderId?: string }>).map((team) => ({
    id: team._id,
    name: team.name,
    ...(team.leaderId ? { leaderId: team.leaderId } : {}),
  }));
}

export async function loadReport(id: string): Promise<ReportDoc> {
  const { data } = await collection('reports').doc(id).get();
  const doc = data[0] as ReportDoc | undefined;
  if (!doc) throw new AppError('NOT_FOUND', '报事不存在或已删除');
  return doc;
}

export async function loadResident(id: string): Promise<ResidentDoc | undefined> {
  const { data } = await collection('residents').doc(id).get();
  return data[0] as ResidentDoc | undefined;
}

let entrySeq = 0;
export function entryId(now: Date): string {
  entrySeq = (entrySeq + 1) % 1000;
  return `${now.getTime().toString(36)}${entrySeq.toString(36).padStart(2, '0')}${Math.floor(Math.random() * 1296)
    .toString(36)
    .padStart(2, '0')}`;
}

export interface Change {
  /** Fields to set; object values replace the stored object whole. */
  set?: Record<string, unknown>;
  /** Fields to remove. */
  unset?: string[];
  /** Numeric fields to increase. */
  inc?: Record<string, number>;
  /** Elements appended to array fields. */
  push?: Record<string, unknown[]>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The SDK update for a change: objects are `set` whole (the SDK would merge them field by field). */
export function updateOf(change: Change): Record<string, unknown> {
  const _ = command();
  const update: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(change.set ?? {}))
    update[key] = isPlainObject(value) ? _.set(value) : value;
  for (const key of change.unset ?? []) update[key] = _.remove();
  for (const [key, by] of Object.entries(change.inc ?? {})) update[key] = _.inc(by);
  for (const [key, items] of Object.entries(change.push ?? {})) update[key] = _.push(items);
  return update;
}

/** The document as it is after a change, without reading it again. */
export function applied<T extends object>(doc: T, change: Change): T {
  const next: Record<string, unknown> = { ...doc, ...(change.set ?? {}) };
  for (const key of change.unset ?? []) delete next[key];
  for (const [key, by] of Object.entries(change.inc ?? {})) next[key] = ((next[key] as number | undefined) ?? 0) + by;
  for (const [key, items] of Object.entries(change.push ?? {}))
    next[key] = [...((next[key] as unknown[] | undefined) ?? []), ...items];
  return next as T;
}

/**
 * Moves a report through the state machine: refuses an illegal step with CONFLICT and a
 * reason, writes the new status, the change and the timeline entry in ONE conditional
 * update on the version read, and answers the report as it now is.
 */
export async function changeStatus(
  doc: ReportDoc,
  event: ReportEvent,
  entry: TimelineDoc | TimelineDoc[],
  change: Change,
  now: Date,
): Promise<ReportDoc> {
  const step = transition(doc.status, event, doc.reopenCount);
  if (!step.ok) throw new AppError('CONFLICT', step.reason);
  const full: Change = {
    ...change,
    set: { ...change.set, status: step.to, updatedAt: now },
    inc: { ...change.inc, version: 1 },
    push: { ...change.push, timeline: Array.isArray(entry) ? entry : [entry] },
  };
  const { updated } = await collection('reports').where({ _id: doc._id, version: doc.version }).update(updateOf(full));
  if (updated !== 1) {
    throw new AppError('CONFLICT', `这条报事刚被其他人更新（原为“${STATUS_LABELS[doc.status]}”），请刷新后再试`);
  }
  return applied(doc, full);
}
