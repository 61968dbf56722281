/**
 * Alarms: opening one (from a device or a drill) with the first ring paged in the same
 * invocation, a repeat from the same device joining the open alarm, answers that stop the
 * ladder, and closing with a cause. One open alarm per device: `openKey` is unique while
 * it is open, so two events racing open one alarm.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AckKind, AlarmCause, DeviceKind, SafetyPlace } from '../../typings/domain/safety';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { roleLabel } from '../shared/domain/labels';
import { readAll } from '../shared/paging';
import { AppError } from '../shared/errors';
import type { AlarmDoc, AlarmTimelineEntry, CircleRole, ProfileDoc } from './docs';
import { deliverRing } from './ladder';
import { tellAnswered, tellClosed } from './notify';
import { ACK_LABELS, alarmViewer, CAUSE_LABELS, KIND_LABELS, MAX_TIMELINE, mayClose, nextEscalationAt } from './rules';
import { isRelativeOfAny, loadAlarm, loadConfig, onDutyIds, relativesOf, staffMembers } from './store';

export interface OpenRequest {
  kind: DeviceKind;
  drill: boolean;
  place: SafetyPlace;
  householdId?: string;
  deviceKey?: string;
  /** What caused it: "<vendor>:<eventId>" or a drill's id; the alarm's id derives from it. */
  sourceId: string;
  /** The timeline's first line, e.g. "燃气报警器报警（demo GA-05-1-102）". */
  origin: string;
  startedBy?: string;
  /** performance.now() when the request arrived, for `pagedAfterMs` (default: when opening began). */
  receivedAt?: number;
}

export interface Opened {
  alarmId: string;
  joined: boolean;
  /** Milliseconds from the request's arrival to the first ring paged (absent when joined). */
  pagedAfterMs?: number;
}

export function alarmIdOf(sourceId: string): string {
  return `AL${createHash('sha1').update(sourceId).digest('hex').slice(0, 14).toUpperCase()}`;
}

export function drillSourceId(): string {
  return `drill:${randomBytes(8).toString('hex')}`;
}

/** Emergency notes of a flat: care flags of its residents, then what the household wrote. */
export function emergencyNotes(members: readonly ResidentDoc[], profile?: ProfileDoc, flat = true): string[] {
  const notes: string[] = [];
  if (members.some((member) => member.care?.livesAlone)) notes.push('独居老人');
  if (members.some((member) => member.care?.mobilityLimited)) notes.push('行动不便');
  if (flat && !members.length) notes.push('本户没有登记住户');
  if (profile?.note) notes.push(profile.note);
  return notes;
}

function hasRole(resident: ResidentDoc, kind: 'unit_leader' | 'branch_secretary', place: SafetyPlace): boolean {
  return resident.roles.some((role) =>
    kind === 'unit_leader'
      ? role.kind === 'unit_leader' && role.buildingNo === place.buildingNo && role.unitNo === place.unitNo
      : role.kind === 'branch_secretary' && role.buildingNo === place.buildingNo,
  );
}

async function joinOpen(openKey: string, request: OpenRequest, now: Date): Promise<Opened> {
  const _ = command();
  const { data } = await collection('safety_alarms').where({ openKey }).limit(1).get();
  const open = data[0] as AlarmDoc | undefined;
  if (!open) throw new AppError('CONFLICT', '报警状态刚刚改变，请重试');
  const entry: AlarmTimelineEntry = { id: request.sourceId, at: now, text: `${request.origin}（再次报警）` };
  await collection('safety_alarms')
    .where({ _id: open._id, 'timeline.id': _.neq(entry.id), [`timeline.${MAX_TIMELINE - 1}`]: _.exists(false) })
    .update({ timeline: _.push([entry]) });
  return { alarmId: open._id, joined: true };
}

/**
 * Opens an alarm and pages the first ring at once: the flat's members and their bound
 * relatives, the unit leader, the building's branch secretary and the staff on duty (the
 * whole staff when nobody is rostered). Retried with the same source, it finishes what a
 * dead invocation left (the alarm's id derives from the source).
 */
export async function openAlarm(request: OpenRequest, now: Date): Promise<Opened> {
  const started = request.receivedAt ?? performance.now();
  const _ = command();
  const { place, householdId } = request;
  const alarmId = alarmIdOf(request.sourceId);
  const openKey = request.drill
    ? `drill|${householdId ?? `${place.buildingNo}-${place.unitNo}-${place.floor}`}`
    : request.deviceKey!;
  const [config, people, profiles, rostered] = await Promise.all([
    loadConfig(),
    readAll<ResidentDoc>(
      'residents',
      _.or([
        ...(householdId ? [{ householdId, 'binding.status': 'verified' }] : []),
        { roles: _.elemMatch({ kind: 'unit_leader', buildingNo: place.buildingNo, unitNo: place.unitNo }) },
        { roles: _.elemMatch({ kind: 'branch_secretary', buildingNo: place.buildingNo }) },
      ]),
    ),
    householdId ? collection('safety_profiles').doc(householdId).get() : Promise.resolve({ data: [] }),
    onDutyIds(now),
  ]);
  const members = householdId
    ? people.filter((person) => person.householdId === householdId && person.binding.status === 'verified')
    : [];
  const memberIds = members.map((member) => member._id);
  const [relatives, duty] = await Promise.all([
    relativesOf(memberIds),
    rostered.length ? Promise.resolve(rostered) : staffMembers().then((staff) => staff.map((s) => s._id)),
  ]);
  const circle: Array<{ id: string; role: CircleRole }> = [
    ...memberIds.map((id) => ({ id, role: 'member' as const })),
    ...[...relatives.keys()].map((id) => ({ id, role: 'relative' as const })),
    ...people.filter((p) => hasRole(p, 'unit_leader', place)).map((p) => ({ id: p._id, role: 'unit_leader' as const })),
    ...people
      .filter((p) => hasRole(p, 'branch_secretary', place))
      .map((p) => ({ id: p._id, role: 'secretary' as const })),
    ...duty.map((id) => ({ id, role: 'duty' as const })),
  ];
  const firstRing = [...new Set(circle.map((entry) => entry.id))];
  const seniorAlone = members.some((member) => member.care?.livesAlone);
  const alarm: AlarmDoc = {
    _id: alarmId,
    kind: request.kind,
    drill: request.drill,
    openKey,
    ...(request.deviceKey ? { deviceKey: request.deviceKey } : {}),
    buildingNo: place.buildingNo,
    unitNo: place.unitNo,
    floor: place.floor,
    ...(place.room ? { room: place.room } : {}),
    ...(householdId ? { householdId } : {}),
    memberIds,
    seniorAlone,
    notes: emergencyNotes(members, profiles.data[0] as ProfileDoc | undefined, Boolean(householdId)),
    status: 'open',
    openedAt: now,
    ladder: {
      ring: 0,
      nextAt: nextEscalationAt(config, 0, seniorAlone, now),
      unpushed: true,
      pendingIds: firstRing,
      claimedAt: now,
      paged: [],
    },
    viewerIds: firstRing,
    circle,
    dutyFallback: rostered.length === 0,
    acks: [],
    timeline: [
      {
        id: request.sourceId,
        at: now,
        text: `${request.drill ? '【演练】' : ''}${request.origin}${seniorAlone ? '，住户为独居老人（最高优先）' : ''}`,
      },
    ],
    ...(request.startedBy ? { startedBy: request.startedBy } : {}),
  };
  try {
    await collection('safety_alarms').add(alarm);
  } catch (error) {
    const { data } = await collection('safety_alarms').doc(alarmId).get();
    const existing = data[0] as AlarmDoc | undefined;
    if (!existing) return joinOpen(openKey, request, now).catch(() => Promise.reject(error));
    // Our own earlier attempt: page its first ring if that never happened.
    if (existing.ladder.unpushed && existing.ladder.ring === 0) {
      await deliverRing(existing, 0, existing.ladder.pendingIds, now);
    }
    return { alarmId, joined: false };
  }
  await deliverRing(alarm, 0, firstRing, now);
  return { alarmId, joined: false, pagedAfterMs: performance.now() - started };
}

/** Who the caller is to the alarm, or FORBIDDEN (the alarm is private to its circle). */
export async function viewerOfAlarm(resident: ResidentDoc, alarm: AlarmDoc) {
  const direct = alarmViewer(resident, alarm, false);
  if (direct === 'member') return direct;
  const relative = await isRelativeOfAny(resident._id, alarm.memberIds);
  const viewer = relative ? 'relative' : direct;
  if (!viewer) throw new AppError('FORBIDDEN', '只有本户家人、亲属和负责处置的人员可以查看这次报警');
  return viewer;
}

function ackRoleLabel(resident: ResidentDoc, alarm: AlarmDoc, viewer: string): string {
  if (viewer === 'member') return '本户住户';
  if (viewer === 'relative') return '亲属';
  const role =
    resident.roles.find((r) => r.kind === 'unit_leader' && r.buildingNo === alarm.buildingNo) ??
    resident.roles.find((r) => r.kind === 'branch_secretary' && r.buildingNo === alarm.buildingNo) ??
    resident.roles.find((r) => r.kind === 'staff') ??
    resident.roles.find((r) => r.kind === 'party_member');
  return role ? roleLabel(role) : '邻居';
}

/** An answer. The first one stops the ladder (and tells the people paged); repeats change nothing. */
export async function acknowledge(resident: ResidentDoc, id: string, kind: AckKind, now: Date): Promise<AlarmDoc> {
  const _ = command();
  const alarm = await loadAlarm(id);
  const viewer = await viewerOfAlarm(resident, alarm);
  if (alarm.status === 'closed') throw new AppError('CONFLICT', '这次报警已经处理结束');
  if (alarm.acks.some((ack) => ack.residentId === resident._id && ack.kind === kind)) return alarm;
  const entry = {
    residentId: resident._id,
    name: resident.name,
    roleLabel: ackRoleLabel(resident, alarm, viewer),
    kind,
    at: now,
  };
  const line: AlarmTimelineEntry = {
    id: `ack-${resident._id}-${kind}`,
    at: now,
    text: `${entry.name}（${entry.roleLabel}）：${ACK_LABELS[kind]}`,
  };
  const arrival = kind === 'arrived' && !alarm.arrivedAt ? { arrivedAt: now } : {};
  const first = await collection('safety_alarms')
    .where({ _id: id, status: 'open' })
    .update({
      status: 'handling',
      firstAckAt: now,
      'ladder.nextAt': null,
      acks: _.push([entry]),
      timeline: _.push([line, { id: 'stopped', at: now, text: '已有人响应，报警停止升级' }]),
      ...arrival,
    });
  if (first.updated === 1) {
    const paged = alarm.viewerIds.filter((viewerId) => viewerId !== resident._id);
    await tellAnswered(alarm, `${entry.name}（${entry.roleLabel}）`, ACK_LABELS[kind], paged, now);
  } else {
    const { updated } = await collection('safety_alarms')
      .where({ _id: id, status: 'handling', 'timeline.id': _.neq(line.id) })
      .update({
        acks: _.push([entry]),
        ...(alarm.timeline.length < MAX_TIMELINE ? { timeline: _.push([line]) } : {}),
      });
    if (updated === 1 && kind === 'arrived') {
      await collection('safety_alarms')
        .where({ _id: id, arrivedAt: _.exists(false) })
        .update({ arrivedAt: now });
    }
    if (updated !== 1) {
      const fresh = await loadAlarm(id);
      if (fresh.status === 'closed') throw new AppError('CONFLICT', '这次报警已经处理结束');
    }
  }
  return loadAlarm(id);
}

/** Closing with the cause and what was done; the device (if any) may alarm again. */
export async function closeAlarm(
  resident: ResidentDoc,
  id: string,
  cause: AlarmCause,
  actions: string,
  now: Date,
): Promise<AlarmDoc> {
  const _ = command();
  const alarm = await loadAlarm(id);
  await viewerOfAlarm(resident, alarm);
  if (!mayClose(resident.roles, alarm)) {
    throw new AppError('FORBIDDEN', '由单元长、楼栋党支部书记或社区工作人员结束报警');
  }
  const { updated } = await collection('safety_alarms')
    .where({ _id: id, status: _.in(['open', 'handling']) })
    .update({
      status: 'closed',
      closedAt: now,
      openKey: `closed|${id}`,
      'ladder.nextAt': null,
      closing: { cause, actions, byId: resident._id, byName: resident.name },
      timeline: _.push([
        { id: 'closed', at: now, text: `${resident.name}结束报警：${CAUSE_LABELS[cause]}。${actions}` },
      ]),
    });
  if (updated !== 1) throw new AppError('CONFLICT', '这次报警已经处理结束');
  if (alarm.deviceKey) await collection('safety_devices').doc(alarm.deviceKey).update({ alarming: false });
  const told = [...new Set([...alarm.memberIds, ...alarm.circle.map((c) => c.id)])].filter((v) => v !== resident._id);
  await tellClosed(alarm, CAUSE_LABELS[cause], told, now);
  return loadAlarm(id);
}

/** The device says the gas or smoke is gone: a line on the timeline (people still go and look). */
export async function noteCleared(deviceKey: string, sourceId: string, now: Date): Promise<string | undefined> {
  const _ = command();
  const { data } = await collection('safety_alarms').where({ openKey: deviceKey }).limit(1).get();
  const open = data[0] as AlarmDoc | undefined;
  if (!open) return undefined;
  await collection('safety_alarms')
    .where({ _id: open._id, 'timeline.id': _.neq(sourceId), [`timeline.${MAX_TIMELINE - 1}`]: _.exists(false) })
    .update({
      timeline: _.push([
        { id: sourceId, at: now, text: `设备报警解除（${KIND_LABELS[open.kind]}恢复正常），仍请到场确认` },
      ]),
    });
  return open._id;
}
