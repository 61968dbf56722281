/** Reads the `safety` handlers share. Every list query pages explicitly (the SDK's default limit is 100). */
import { collection, command } from '../shared/cloud';
import type { RelativeLinkDoc, ResidentDoc } from '../shared/docs';
import { readAll } from '../shared/paging';
import { AppError } from '../shared/errors';
import type { AlarmDoc, ConfigDoc, DeviceDoc, RosterDoc } from './docs';
import { DEFAULT_CONFIG, rosterId, shiftAt } from './rules';

export async function loadConfig(): Promise<ConfigDoc> {
  const { data } = await collection('safety_config').doc('current').get();
  return { ...DEFAULT_CONFIG, ...(data[0] as Partial<ConfigDoc> | undefined), _id: 'current' };
}

export async function loadAlarm(id: string): Promise<AlarmDoc> {
  const { data } = await collection('safety_alarms').doc(id).get();
  const alarm = data[0] as AlarmDoc | undefined;
  if (!alarm) throw new AppError('NOT_FOUND', '没有找到这次报警');
  return alarm;
}

export async function findDevice(id: string): Promise<DeviceDoc | undefined> {
  const { data } = await collection('safety_devices').doc(id).get();
  return data[0] as DeviceDoc | undefined;
}

/** Confirmed relatives of any of these residents: relative id → the senior's id. */
export async function relativesOf(seniorIds: readonly string[]): Promise<Map<string, string>> {
  if (!seniorIds.length) return new Map();
  const links = await readAll<RelativeLinkDoc>('relative_links', {
    seniorId: command().in([...seniorIds]),
    status: 'confirmed',
  });
  return new Map(links.map((link) => [link.relativeId, link.seniorId!]));
}

/** Whether `relativeId` is a confirmed relative of one of `seniorIds` (one round trip). */
export async function isRelativeOfAny(relativeId: string, seniorIds: readonly string[]): Promise<boolean> {
  if (!seniorIds.length) return false;
  const { total } = await collection('relative_links')
    .where({ relativeId, seniorId: command().in([...seniorIds]), status: 'confirmed' })
    .count();
  return total > 0;
}

/** The staff rostered for the shift running at `now`; empty when nobody is. */
export async function onDutyIds(now: Date): Promise<string[]> {
  const { date, shift } = shiftAt(now);
  const { data } = await collection('safety_roster').doc(rosterId(date, shift)).get();
  return (data[0] as RosterDoc | undefined)?.staffIds ?? [];
}

export async function staffMembers(): Promise<ResidentDoc[]> {
  return readAll<ResidentDoc>('residents', { roles: command().elemMatch({ kind: 'staff' }) });
}

/** The verified residents of a household. */
export async function householdMembers(householdId: string): Promise<ResidentDoc[]> {
  return readAll<ResidentDoc>('residents', { householdId, 'binding.status': 'verified' });
}
