/**
 * Safety signals for other functions (a care network, issue 17): the `signals` action,
 * callable only by another cloud function or a timer, lists alarms opened since an
 * instant, newest first. The same facts live in the `safety_alarms` collection (one
 * document per alarm: place, householdId, memberIds, seniorAlone, status, openedAt,
 * firstAckAt, closedAt, closing.cause), indexed by openedAt, for a function that prefers to
 * read it directly.
 */
import type { SafetySignal } from '../../typings/domain/safety';
import { collection, command } from '../shared/cloud';
import type { AlarmDoc } from './docs';

const iso = (at: Date | undefined) => (at ? new Date(at).toISOString() : undefined);

export function signalOf(alarm: AlarmDoc): SafetySignal {
  const firstAckAt = iso(alarm.firstAckAt);
  const closedAt = iso(alarm.closedAt);
  return {
    alarmId: alarm._id,
    kind: alarm.kind,
    drill: alarm.drill,
    ...(alarm.householdId ? { householdId: alarm.householdId } : {}),
    residentIds: alarm.memberIds,
    place: {
      buildingNo: alarm.buildingNo,
      unitNo: alarm.unitNo,
      floor: alarm.floor,
      ...(alarm.room ? { room: alarm.room } : {}),
    },
    seniorAlone: alarm.seniorAlone,
    status: alarm.status,
    openedAt: new Date(alarm.openedAt).toISOString(),
    ...(firstAckAt ? { firstAckAt } : {}),
    ...(closedAt ? { closedAt } : {}),
    ...(alarm.closing ? { cause: alarm.closing.cause } : {}),
  };
}

export async function signalsSince(since: Date | undefined, limit: number): Promise<SafetySignal[]> {
  const { data } = await collection('safety_alarms')
    .where(since ? { openedAt: command().gte(since) } : {})
    .orderBy('openedAt', 'desc')
    .limit(limit)
    .get();
  return (data as AlarmDoc[]).map(signalOf);
}
