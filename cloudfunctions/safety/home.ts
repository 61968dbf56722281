/**
 * The 安全 page of a resident or relative: their flat and the flats of the seniors they are
 * bound to (devices, emergency notes), the alarms they may see, and the officers' entries.
 */
import type { FlatSafetyView, SafetyHome } from '../../typings/domain/safety';
import { collection, command } from '../shared/cloud';
import type { RelativeLinkDoc, ResidentDoc } from '../shared/docs';
import { publicName } from '../shared/domain/residents';
import { readAll } from '../shared/paging';
import { AppError } from '../shared/errors';
import { deviceView } from './devices';
import type { AlarmDoc, DeviceDoc, ProfileDoc } from './docs';
import { emergencyNotes } from './alarms';
import { careAreas, guidance } from './rules';

import { alarmSummary } from './views';

const RECENT_ALARMS = 20;

function householdLabel(householdId: string): string {
  const match = /^h(\d+)-(\d+)-(.+)$/.exec(householdId);
  return match ? `${Number(match[1])}号楼${match[2]}单元${match[3]}` : householdId;
}

/** The households the caller may keep notes for: their own, and their bound seniors'. */
export async function caredHouseholds(
  me: ResidentDoc,
): Promise<Map<string, { whose: string; members: ResidentDoc[] }>> {
  const _ = command();
  const links = await readAll<RelativeLinkDoc>('relative_links', { relativeId: me._id, status: 'confirmed' });
  const seniorIds = links.flatMap((link) => (link.seniorId ? [link.seniorId] : []));
  const seniors = seniorIds.length
    ? await readAll<ResidentDoc>('residents', { _id: _.in(seniorIds), 'binding.status': 'verified' })
    : [];
  const flats = new Map<string, { whose: string; members: ResidentDoc[] }>();
  if (me.householdId && me.binding.status === 'verified') flats.set(me.householdId, { whose: '我家', members: [] });
  for (const senior of seniors) {
    if (!senior.householdId || flats.has(senior.householdId)) continue;
    flats.set(senior.householdId, { whose: `${publicName(senior)}家`, members: [] });
  }
  if (flats.size) {
    const members = await readAll<ResidentDoc>('residents', {
      householdId: _.in([...flats.keys()]),
      'binding.status': 'verified',
    });
    for (const member of members) flats.get(member.householdId!)?.members.push(member);
  }
  return flats;
}

export async function mayKeepNotes(me: ResidentDoc, householdId: string): Promise<boolean> {
  if (me.roles.some((role) => role.kind === 'staff')) return true;
  return (await caredHouseholds(me)).has(householdId);
}

export async function buildHome(me: ResidentDoc, now: Date): Promise<SafetyHome> {
  const _ = command();
  const flats = await caredHouseholds(me);
  const ids = [...flats.keys()];
  const staff = me.roles.some((role) => role.kind === 'staff');
  const areas = careAreas(me.roles);
  const officer = areas === 'all' || areas.length > 0;
  const [devices, profiles, alarms, tasks] = await Promise.all([
    ids.length ? readAll<DeviceDoc>('safety_devices', { householdId: _.in(ids) }) : Promise.resolve([]),
    ids.length ? readAll<ProfileDoc>('safety_profiles', { _id: _.in(ids) }) : Promise.resolve([]),
    collection('safety_alarms')
      .where(
        _.or([
          { viewerIds: me._id },
          ...(ids.length ? [{ householdId: _.in(ids) }] : []),
          ...(staff ? [{ status: _.in(['open', 'handling']) }] : []),
        ]),
      )
      .orderBy('openedAt', 'desc')
      .limit(RECENT_ALARMS)
      .get(),
    officer
      ? collection('safety_tasks')
          .where(
            areas === 'all'
              ? { status: 'open' }
              : _.and([
                  { status: 'open' },
                  _.or(areas.map((a) => ({ buildingNo: a.buildingNo, ...(a.unitNo ? { unitNo: a.unitNo } : {}) }))),
                ]),
          )
          .count()
      : Promise.resolve({ total: 0 }),
  ]);
  const notes = new Map(profiles.map((profile) => [profile._id, profile]));
  const flatViews: FlatSafetyView[] = ids.map((householdId) => {
    const flat = flats.get(householdId)!;
    const profile = notes.get(householdId);
    return {
      householdId,
      label: householdLabel(householdId),
      whose: flat.whose,
      devices: devices.filter((device) => device.householdId === householdId).map((device) => deviceView(device, now)),
      notes: emergencyNotes(flat.members, profile),
      note: profile?.note ?? '',
      noteVersion: profile?.version ?? 0,
    };
  });
  return {
    flats: flatViews,
    alarms: (alarms.data as AlarmDoc[]).map((alarm) => alarmSummary(alarm, now)),
    officer: {
      tasks: officer,
      board: staff || me.roles.some((role) => role.kind === 'branch_secretary'),
      manage: staff,
    },
    stations: me.roles.flatMap((role) =>
      role.kind === 'unit_leader'
        ? [
            {
              buildingNo: role.buildingNo,
              unitNo: role.unitNo,
              label: `${role.buildingNo}号楼${role.unitNo}单元微型消防站`,
            },
          ]
        : [],
    ),
    openTasks: tasks.total,
    guidance: guidance('gas'),
  };
}

/** The household's own emergency note; `version` guards two relatives editing at once. */
export async function saveNote(me: ResidentDoc, householdId: string, note: string, version: number, now: Date) {
  if (!(await mayKeepNotes(me, householdId)))
    throw new AppError('FORBIDDEN', '只有本户家人、绑定的亲属和社区工作人员可以填写');
  const fields = { note, version: version + 1, updatedAt: now, updatedBy: me._id };
  const stale = () => new AppError('CONFLICT', '备注刚被家人修改，请刷新后再改');
  if (version === 0) {
    try {
      await collection('safety_profiles').add({ _id: householdId, ...fields });
    } catch {
      throw stale();
    }
  } else {
    const { updated } = await collection('safety_profiles').where({ _id: householdId, version }).update(fields);
    if (updated !== 1) throw stale();
  }
  return { note, noteVersion: version + 1 };
}
