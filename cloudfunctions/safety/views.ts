/**
 * Alarms as the mini-program sees them. Phone numbers leave only inside the alarm's
 * circle and only where a call helps: the flat's members for relatives and officers, the
 * relatives for the members and officers, the officers on duty for everyone in it.
 */
import type {
  AckKind,
  AlarmDetail,
  AlarmSummary,
  AlarmViewer,
  ContactView,
  RingView,
} from '../../typings/domain/safety';
import { collection } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { publicName } from '../shared/domain/residents';
import type { AlarmDoc, CircleRole, ConfigDoc, DeviceDoc } from './docs';
import {
  ACK_KINDS,
  ACK_LABELS,
  activeRings,
  CAUSE_LABELS,
  DEVICE_LABELS,
  guidance,
  KIND_LABELS,
  mayClose,
  placeLabel,
  RING_LABELS,
  roomPosition,
  STATUS_LABELS,
  timeLabel,
} from './rules';
import { residentsByIds } from '../shared/people';

const CIRCLE_LABELS: Record<CircleRole, string> = {
  member: '本户住户',
  relative: '亲属',
  unit_leader: '单元长',
  secretary: '楼栋党支部书记',
  duty: '值班工作人员',
};

/** Which roles' phones a viewer gets. */
const CALLS: Record<AlarmViewer, readonly CircleRole[]> = {
  member: ['relative', 'unit_leader', 'secretary', 'duty'],
  relative: ['member', 'unit_leader', 'secretary', 'duty'],
  ladder: ['member', 'relative', 'unit_leader', 'secretary', 'duty'],
  staff: ['member', 'relative', 'unit_leader', 'secretary', 'duty'],
};

function placeOf(alarm: AlarmDoc) {
  return {
    buildingNo: alarm.buildingNo,
    unitNo: alarm.unitNo,
    floor: alarm.floor,
    ...(alarm.room ? { room: alarm.room } : {}),
  };
}

function ladderLabel(alarm: AlarmDoc): string {
  if (alarm.status === 'closed') return '已结束';
  if (alarm.status === 'handling') return '已有人响应，停止升级';
  const rings = alarm.ladder.ring + 1;
  return alarm.ladder.nextAt ? `已通知第${rings}级，无人响应将继续升级` : `已通知第${rings}级（最高一级）`;
}

export function alarmSummary(alarm: AlarmDoc, now: Date): AlarmSummary {
  const first = alarm.acks[0];
  return {
    id: alarm._id,
    kind: alarm.kind,
    kindLabel: KIND_LABELS[alarm.kind],
    drill: alarm.drill,
    status: alarm.status,
    statusLabel: alarm.drill ? `演练·${STATUS_LABELS[alarm.status]}` : STATUS_LABELS[alarm.status],
    placeLabel: placeLabel(placeOf(alarm)),
    seniorAlone: alarm.seniorAlone,
    openedAt: new Date(alarm.openedAt).toISOString(),
    openedLabel: timeLabel(alarm.openedAt, now),
    elapsedSeconds: Math.max(
      0,
      Math.round(
        ((alarm.closedAt ? new Date(alarm.closedAt) : now).getTime() - new Date(alarm.openedAt).getTime()) / 1000,
      ),
    ),
    ringsPaged: alarm.ladder.paged.length,
    ladderLabel: ladderLabel(alarm),
    ...(first ? { firstAckLabel: `${first.name} ${ACK_LABELS[first.kind]} ${timeLabel(first.at, now)}` } : {}),
  };
}

function ringViews(alarm: AlarmDoc, config: ConfigDoc, now: Date): RingView[] {
  return activeRings(config).map((ring) => {
    const paged = alarm.ladder.paged.find((record) => record.ring === ring);
    if (paged)
      return {
        ring,
        label: RING_LABELS[ring]!,
        state: 'done',
        note: `${timeLabel(paged.at, now)} 已通知${paged.count}人`,
      };
    if (alarm.ladder.ring >= ring) return { ring, label: RING_LABELS[ring]!, state: 'done', note: '正在通知' };
    if (alarm.status !== 'open') return { ring, label: RING_LABELS[ring]!, state: 'skipped', note: '已停止升级' };
    const isNext = alarm.ladder.nextAt && activeRings(config).find((r) => r > alarm.ladder.ring) === ring;
    return isNext
      ? {
          ring,
          label: RING_LABELS[ring]!,
          state: 'next',
          note: `${timeLabel(alarm.ladder.nextAt!, now)} 无人响应则通知`,
        }
      : { ring, label: RING_LABELS[ring]!, state: 'waiting' };
  });
}

function contacts(
  alarm: AlarmDoc,
  viewer: AlarmViewer,
  people: ReadonlyMap<string, ResidentDoc>,
  selfId: string,
): ContactView[] {
  const allowed = new Set(CALLS[viewer]);
  const seen = new Set<string>();
  return alarm.circle.flatMap(({ id, role }) => {
    const person = people.get(id);
    if (!person?.phone || !allowed.has(role) || id === selfId || seen.has(`${id}|${role}`)) return [];
    seen.add(`${id}|${role}`);
    return [
      {
        key: `${role}-${id}`,
        name: publicName(person),
        roleLabel: CIRCLE_LABELS[role],
        phone: person.phone,
        ...(person.openid ? {} : { noWechat: true }),
      },
    ];
  });
}

/** The alarm screen for one viewer: place and floor plan, notes, calls, the ladder, what they may do. */
export async function alarmDetail(
  alarm: AlarmDoc,
  viewer: AlarmViewer,
  me: ResidentDoc,
  config: ConfigDoc,
  now: Date,
): Promise<AlarmDetail> {
  const [people, building, rooms, device] = await Promise.all([
    residentsByIds(alarm.circle.map((entry) => entry.id)),
    collection('buildings').where({ no: alarm.buildingNo }).limit(1).get(),
    collection('households').where({ buildingNo: alarm.buildingNo, unitNo: alarm.unitNo, floor: alarm.floor }).count(),
    alarm.deviceKey ? collection('safety_devices').doc(alarm.deviceKey).get() : Promise.resolve({ data: [] }),
  ]);
  const floors = (building.data[0] as { floors?: number } | undefined)?.floors ?? alarm.floor;
  const deviceDoc = device.data[0] as DeviceDoc | undefined;
  const position = alarm.room ? roomPosition(alarm.room).position : undefined;
  const closed = alarm.status === 'closed';
  const mine = new Set(alarm.acks.filter((ack) => ack.residentId === me._id).map((ack) => ack.kind));
  return {
    ...alarmSummary(alarm, now),
    viewer,
    place: placeOf(alarm),
    plan: {
      floors,
      roomsPerFloor: Math.max(rooms.total, position ?? 1),
      floor: alarm.floor,
      ...(position ? { position } : {}),
    },
    notes: alarm.notes,
    contacts: contacts(alarm, viewer, people, me._id),
    guidance: guidance(alarm.kind),
    ladder: ringViews(alarm, config, now),
    ...(alarm.status === 'open' && alarm.ladder.nextAt
      ? { nextEscalationAt: new Date(alarm.ladder.nextAt).toISOString() }
      : {}),
    acks: alarm.acks.map((ack) => ({
      name: ack.name,
      roleLabel: ack.roleLabel,
      kind: ack.kind,
      kindLabel: ACK_LABELS[ack.kind],
      at: new Date(ack.at).toISOString(),
      atLabel: timeLabel(ack.at, now),
    })),
    timeline: alarm.timeline.map((entry) => ({
      at: new Date(entry.at).toISOString(),
      atLabel: timeLabel(entry.at, now),
      text: entry.text,
    })),
    can: {
      ack: closed ? [] : ACK_KINDS.filter((kind: AckKind) => !mine.has(kind)),
      close: !closed && mayClose(me.roles, alarm),
    },
    ...(alarm.closing && alarm.closedAt
      ? {
          closing: {
            cause: alarm.closing.cause,
            causeLabel: CAUSE_LABELS[alarm.closing.cause],
            actions: alarm.closing.actions,
            byName: alarm.closing.byName,
            atLabel: timeLabel(alarm.closedAt, now),
          },
        }
      : {}),
    ...(deviceDoc
      ? {
          device: {
            label: `${DEVICE_LABELS[deviceDoc.kind]} ${deviceDoc.vendor} ${deviceDoc.deviceId}`,
            ...(deviceDoc.battery !== undefined ? { battery: deviceDoc.battery } : {}),
          },
        }
      : {}),
  };
}
