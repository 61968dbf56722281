/**
 * Duty rosters: a team's weekly duties (治安巡逻, 楼道保洁, 送餐) and their shifts, which exist
 * as documents once someone takes or is given one. Taking a shift is one conditional update
 * ("room left, not on it yet"); a swap the leader approves changes both shifts in one
 * transaction; the shift log keeps observations that the author turns into a 报事 through
 * the report function's own submit (the page calls it, then links the report here).
 */
import { createHash } from 'node:crypto';
import type {
  DutyDraft,
  LogEntryView,
  LogPlace,
  RosterWeek,
  ShiftDetail,
  ShiftView,
  SwapView,
} from '../../typings/domain/volunteer';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc, VolunteerTeamDoc } from '../shared/docs';
import { shiftHoursId } from '../shared/domain/hours';
import { officerName } from '../shared/domain/residents';
import {
  DUTY_LABELS,
  dateInWeek,
  dateKey,
  dutyProblem,
  dutyRunsOn,
  isMember,
  mayManageTeam,
  mondayOf,
  shiftCheckInOpen,
  shiftId,
  shiftTimes,
  swapProblem,
  timeLabel,
  weekLabel,
} from '../shared/domain/volunteer';
import { AppError } from '../shared/errors';
import { insertOrFind, requestedId } from '../shared/unique';
import { bumpTeamHours, hoursRecord, writeHours } from '../shared/hours';
import { assertNotBlocked } from '../shared/moderation';
import { formatShanghai } from '../shared/time';
import type { DutyDoc, LogEntryDoc, ShiftDoc, SwapDoc } from './docs';
import { PAGES, tell } from './notify';
import { loadTeam, nameFor, teamMembers } from './people';
import { residentsByIds } from '../shared/people';
import { screen } from './screen';
import { inTransaction } from '../shared/transactions';

/** Shifts can be taken this far ahead. */
const WEEKS_AHEAD = 8;
const MAX_LOG = 50;

async function loadDuty(dutyId: string): Promise<DutyDoc> {
  const { data } = await collection('volunteer_duties').doc(dutyId).get();
  const duty = data[0] as DutyDoc | undefined;
  if (!duty) throw new AppError('NOT_FOUND', '没有这个值班安排');
  return duty;
}

async function getShift(id: string): Promise<ShiftDoc | null> {
  const { data } = await collection('volunteer_shifts').doc(id).get();
  return (data[0] as ShiftDoc | undefined) ?? null;
}

/** "duty_x_20261205" → the duty and the date. */
function parseShiftId(id: string): { dutyId: string; date: string } | null {
  const match = /^(.+)_(\d{4})(\d{2})(\d{2})$/.exec(id);
  return match ? { dutyId: match[1]!, date: `${match[2]}-${match[3]}-${match[4]}` } : null;
}

function requireTeamAccess(me: ResidentDoc, teamId: string): { manage: boolean } {
  const manage = mayManageTeam(me.roles, teamId);
  if (!manage && !isMember(me.roles, teamId)) throw new AppError('FORBIDDEN', '只有本队队员可以查看排班');
  return { manage };
}

export function shiftView(
  duty: Pick<DutyDoc, '_id' | 'kind' | 'place' | 'slots' | 'start' | 'end' | 'teamId'>,
  date: string,
  shift: ShiftDoc | null,
  me: ResidentDoc,
  names: ReadonlyMap<string, ResidentDoc>,
  now: Date,
): ShiftView {
  const times = shift ?? shiftTimes(duty, date);
  const assignees = shift?.assignees ?? [];
  const mine = assignees.includes(me._id);
  const slots = shift?.slots ?? duty.slots;
  return {
    id: shiftId(duty._id, date),
    dutyId: duty._id,
    teamId: duty.teamId,
    kind: duty.kind,
    kindLabel: DUTY_LABELS[duty.kind],
    date,
    timeLabel: timeLabel(times.startAt, times.endAt),
    place: shift?.place ?? duty.place,
    slots,
    names: assignees.map((id) => nameFor(names.get(id), true)),
    assigned: assignees.length,
    mine,
    canTake: !mine && assignees.length < slots && times.startAt > now && isMember(me.roles, duty.teamId),
    ...(mine ? { attended: shift!.attendedIds.includes(me._id) } : {}),
  };
}

function swapView(
  swap: SwapDoc,
  shifts: ReadonlyMap<string, ShiftDoc>,
  names: ReadonlyMap<string, ResidentDoc>,
): SwapView {
  const label = (id: string | undefined) => {
    const shift = id ? shifts.get(id) : undefined;
    return shift ? `${DUTY_LABELS[shift.kind]} ${timeLabel(shift.startAt, shift.endAt)}` : '班次';
  };
  const labels = { pending: '待队长批准', approved: '已批准', declined: '未批准', cancelled: '已撤回' } as const;
  return {
    id: swap._id,
    shiftId: swap.shiftId,
    shiftLabel: label(swap.shiftId),
    fromName: nameFor(names.get(swap.fromId), true),
    toName: nameFor(names.get(swap.toId), true),
    ...(swap.toShiftId ? { toShiftLabel: label(swap.toShiftId) } : {}),
    state: swap.state,
    stateLabel: labels[swap.state],
  };
}

export async function roster(
  me: ResidentDoc,
  input: { teamId: string; week?: string },
  now: Date,
): Promise<RosterWeek> {
  const { manage } = requireTeamAccess(me, input.teamId);
  const week = mondayOf(input.week ?? dateKey(now));
  const sunday = dateInWeek(week, 7);
  const _ = command();
  const $ = command().aggregate;
  const teamId = input.teamId;
  // The team with its duties, the week's shifts and the pending swaps: ONE aggregate.
  const [{ data: rows }, members] = await Promise.all([
    collection('volunteer_teams')
      .aggregate()
      .match({ _id: teamId })
      .limit(1)
      .lookup({
        from: 'volunteer_duties',
        pipeline: $.pipeline().match({ teamId }).sort({ _id: 1 }).limit(100).done(),
        as: '__duties',
      })
      .lookup({
        from: 'volunteer_shifts',
        pipeline: $.pipeline()
          .match({ teamId, date: _.and(_.gte(week), _.lte(sunday)) })
          .sort({ _id: 1 })
          .limit(200)
          .done(),
        as: '__shifts',
      })
      .lookup({
        from: 'volunteer_swaps',
        pipeline: $.pipeline().match({ teamId, state: 'pending' }).sort({ createdAt: 1 }).limit(50).done(),
        as: '__swaps',
      })
      .end(),
    manage ? teamMembers(teamId) : Promise.resolve([] as ResidentDoc[]),
  ]);
  const row = (rows as Array<VolunteerTeamDoc & { __duties: DutyDoc[]; __shifts: ShiftDoc[]; __swaps: SwapDoc[] }>)[0];
  if (!row) throw new AppError('NOT_FOUND', '没有这个志愿服务队');
  const { __duties: duties, __shifts: shifts, __swaps: swaps, ...team } = row;
  const dutyDocs = duties as DutyDoc[];
  const shiftDocs = new Map((shifts as ShiftDoc[]).map((shift) => [shift._id, shift]));
  const swapDocs = (swaps as SwapDoc[]).filter((swap) => manage || swap.fromId === me._id || swap.toId === me._id);
  const nameIds = [
    ...[...shiftDocs.values()].flatMap((shift) => shift.assignees),
    ...swapDocs.flatMap((swap) => [swap.fromId, swap.toId]),
  ];
  const known = new Map(members.map((member) => [member._id, member]));
  const missing = nameIds.filter((id) => !known.has(id));
  const names = new Map([...known, ...(missing.length ? await residentsByIds(missing) : new Map())]);
  const views: ShiftView[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const date = dateInWeek(week, weekday);
    for (const duty of dutyDocs) {
      if (!dutyRunsOn(duty, date)) continue;
      views.push(shiftView(duty, date, shiftDocs.get(shiftId(duty._id, date)) ?? null, me, names, now));
    }
  }
  views.sort((a, b) => a.date.localeCompare(b.date) || a.timeLabel.localeCompare(b.timeLabel));
  return {
    teamId: team._id,
    teamName: team.name,
    week,
    weekLabel: weekLabel(week),
    duties: dutyDocs
      .filter((duty) => duty.active)
      .map((duty) => ({
        dutyId: duty._id,
        label: `每${['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'][duty.weekday]} ${duty.start}–${duty.end} ${DUTY_LABELS[duty.kind]}`,
      })),
    shifts: views,
    canManage: manage,
    member: isMember(me.roles, team._id),
    swaps: swapDocs.map((swap) => swapView(swap, shiftDocs, names)),
    ...(manage ? { members: members.map((m) => ({ residentId: m._id, name: officerName(m).name })) } : {}),
  };
}

export async function myShifts(me: ResidentDoc, now: Date): Promise<{ items: ShiftView[] }> {
  const { data } = await collection('volunteer_shifts')
    .where({ assignees: me._id, date: command().gte(dateKey(now)) })
    .orderBy('date', 'asc')
    .orderBy('_id', 'asc')
    .limit(50)
    .get();
  const shifts = data as ShiftDoc[];
  const names = await residentsByIds(shifts.flatMap((shift) => shift.assignees));
  return {
    items: shifts.map((shift) =>
      shiftView(
        {
          _id: shift.dutyId,
          kind: shift.kind,
          place: shift.place,
          slots: shift.slots,
          start: '',
          end: '',
          teamId: shift.teamId,
        },
        shift.date,
        shift,
        me,
        names,
        now,
      ),
    ),
  };
}

/** The id a request makes: the same request (a retry) names the same duty, log entry. */
export const dutyIdFor = (residentId: string, requestId: string) => requestedId('duty', residentId, requestId, 10);
export const logEntryIdFor = (residentId: string, requestId: string) => requestedId('log', residentId, requestId, 8);

export async function createDuty(
  me: ResidentDoc,
  input: DutyDraft & { requestId: string },
  now: Date,
): Promise<{ dutyId: string }> {
  const { requestId, ...draft } = input;
  if (!mayManageTeam(me.roles, draft.teamId)) throw new AppError('FORBIDDEN', '只有队长和社区工作人员可以排班');
  const dutyId = dutyIdFor(me._id, requestId);
  // A retry of a create that made its duty (its answer lost): answer it again.
  const { data } = await collection('volunteer_duties').doc(dutyId).get();
  if ((data[0] as DutyDoc | undefined)?.createdBy === me._id) return { dutyId };
  const team = await loadTeam(draft.teamId);
  const problem = dutyProblem(draft);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  await screen(me.openid!, 3, [draft.place]);
  const doc: DutyDoc = {
    _id: dutyId,
    ...draft,
    teamName: team.name,
    active: true,
    from: dateKey(now),
    createdBy: me._id,
    createdAt: now,
  };
  // The same request ran alongside and made it first: the same duty.
  const outcome = await insertOrFind('volunteer_duties', doc);
  if (!outcome.created && outcome.existing.createdBy !== me._id) throw new AppError('CONFLICT', '请重新提交');
  return { dutyId };
}

export async function endDuty(me: ResidentDoc, dutyId: string, now: Date): Promise<{ dutyId: string }> {
  const duty = await loadDuty(dutyId);
  if (!mayManageTeam(me.roles, duty.teamId)) throw new AppError('FORBIDDEN', '只有队长和社区工作人员可以排班');
  // Shifts from next week on are gone; those of this week stay as taken.
  const until = dateInWeek(mondayOf(dateKey(now)), 7 + 1);
  await collection('volunteer_duties').where({ _id: dutyId, active: true }).update({ active: false, until });
  return { dutyId };
}

/** The shift of a duty on a date, checked: the duty runs then, it has not started, not too far ahead. */
function checkedShift(duty: DutyDoc, date: string, now: Date): { id: string; startAt: Date; endAt: Date } {
  if (!dutyRunsOn(duty, date) || !duty.active) throw new AppError('NOT_FOUND', '这一天没有这个班次');
  const times = shiftTimes(duty, date);
  if (times.startAt <= now) throw new AppError('CONFLICT', '班次已开始');
  if (times.startAt.getTime() - now.getTime() > WEEKS_AHEAD * 7 * 24 * 3600_000)
    throw new AppError('CONFLICT', `只能认领${WEEKS_AHEAD}周内的班次`);
  return { id: shiftId(duty._id, date), ...times };
}

/** Puts a member on a shift: one conditional update, or creating the shift with them on it. */
async function putOn(duty: DutyDoc, date: string, residentId: string, now: Date): Promise<void> {
  const { id, startAt, endAt } = checkedShift(duty, date, now);
  const _ = command();
  for (let attempt = 0; attempt < 3; attempt++) {
    const { updated } = await collection('volunteer_shifts')
      .where({ _id: id, assignees: _.neq(residentId), assignedCount: _.lt(duty.slots) })
      .update({ assignees: _.push([residentId]), assignedCount: _.inc(1), version: _.inc(1), updatedAt: now });
    if (updated === 1) return;
    const shift = await getShift(id);
    if (shift) {
      if (shift.assignees.includes(residentId)) return;
      if (shift.assignedCount >= shift.slots) throw new AppError('CONFLICT', '这个班次人已满');
      continue;
    }
    const doc: ShiftDoc = {
      _id: id,
      dutyId: duty._id,
      teamId: duty.teamId,
      teamName: duty.teamName,
      kind: duty.kind,
      date,
      startAt,
      endAt,
      place: duty.place,
      slots: duty.slots,
      hours: duty.hours,
      assignees: [residentId],
      assignedCount: 1,
      attendedIds: [],
      reminder: 'pending',
      log: [],
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await collection('volunteer_shifts').add(doc);
      return;
    } catch {
      // Someone created it at the same moment: take a place in theirs.
    }
  }
  throw new AppError('CONFLICT', '同时认领的人较多，请稍后再试');
}

async function viewOf(dutyId: string, date: string, me: ResidentDoc, now: Date): Promise<ShiftView> {
  const [duty, shift] = await Promise.all([loadDuty(dutyId), getShift(shiftId(dutyId, date))]);
  const names = await residentsByIds(shift?.assignees ?? []);
  return shiftView(duty, date, shift, me, names, now);
}

export async function takeShift(
  me: ResidentDoc,
  input: { dutyId: string; date: string },
  now: Date,
): Promise<ShiftView> {
  const duty = await loadDuty(input.dutyId);
  if (!isMember(me.roles, duty.teamId)) throw new AppError('FORBIDDEN', '只有本队队员可以认领班次');
  await putOn(duty, input.date, me._id, now);
  return viewOf(duty._id, input.date, me, now);
}

export async function assignShift(
  me: ResidentDoc,
  input: { dutyId: string; date: string; residentId: string },
  now: Date,
): Promise<ShiftView> {
  const duty = await loadDuty(input.dutyId);
  if (!mayManageTeam(me.roles, duty.teamId)) throw new AppError('FORBIDDEN', '只有队长和社区工作人员可以排班');
  const people = await residentsByIds([input.residentId]);
  const person = people.get(input.residentId);
  if (!person || !isMember(person.roles, duty.teamId)) throw new AppError('CONFLICT', '只能安排本队队员');
  await putOn(duty, input.date, person._id, now);
  const shift = checkedShift(duty, input.date, now);
  await tell(
    [person._id],
    {
      title: `值班安排：${DUTY_LABELS[duty.kind]}`,
      body: `队长安排您${timeLabel(shift.startAt, shift.endAt)}在${duty.place}${DUTY_LABELS[duty.kind]}。`,
      note: `${timeLabel(shift.startAt, shift.endAt)} ${duty.place}`,
      page: PAGES.shift(shift.id),
      kind: 'shift_assigned',
      id: shift.id,
    },
    now,
  );
  return viewOf(duty._id, input.date, me, now);
}

export async function dropShift(
  me: ResidentDoc,
  input: { shiftId: string; residentId?: string },
  now: Date,
): Promise<ShiftView> {
  const shift = await getShift(input.shiftId);
  if (!shift) throw new AppError('NOT_FOUND', '没有这个班次');
  const who = input.residentId ?? me._id;
  if (who !== me._id && !mayManageTeam(me.roles, shift.teamId)) throw new AppError('FORBIDDEN', '只能取消自己的班次');
  if (shift.startAt <= now) throw new AppError('CONFLICT', '班次已开始，不能取消');
  const _ = command();
  const { updated } = await collection('volunteer_shifts')
    .where({ _id: shift._id, assignees: who })
    .update({ assignees: _.pull(who), assignedCount: _.inc(-1), version: _.inc(1), updatedAt: now });
  if (updated !== 1) throw new AppError('CONFLICT', '不在这个班次上');
  return viewOf(shift.dutyId, shift.date, me, now);
}

/**
 * Records a swap request under its id: new, or again after the last one was decided; a
 * pending one to the same mate and shift is this request (a retry), any other a conflict.
 */
async function placeSwap(doc: SwapDoc): Promise<SwapDoc> {
  const _ = command();
  for (let attempt = 0; attempt < 3; attempt++) {
    const { data } = await collection('volunteer_swaps').doc(doc._id).get();
    const existing = data[0] as SwapDoc | undefined;
    if (existing?.state === 'pending') {
      if (existing.toId === doc.toId && existing.toShiftId === doc.toShiftId) return existing;
      throw new AppError('CONFLICT', '您已申请换这个班，请等队长处理后再申请');
    }
    if (!existing) {
      try {
        await collection('volunteer_swaps').add(doc);
        return doc;
      } catch {
        continue; // made at the same moment: read it again
      }
    }
    const { _id, ...fields } = doc;
    const { updated } = await collection('volunteer_swaps')
      .where({ _id, state: existing.state, createdAt: existing.createdAt })
      .update({
        ...fields,
        toShiftId: doc.toShiftId ?? _.remove(),
        decidedAt: _.remove(),
        decidedBy: _.remove(),
      });
    if (updated === 1) return doc;
  }
  throw new AppError('CONFLICT', '换班申请刚刚有了变化，请刷新后再试');
}

export async function requestSwap(
  me: ResidentDoc,
  input: { shiftId: string; toResidentId: string; toShiftId?: string },
  now: Date,
): Promise<{ swapId: string }> {
  const shift = await getShift(input.shiftId);
  if (!shift || !shift.assignees.includes(me._id)) throw new AppError('CONFLICT', '您不在这个班次上');
  if (input.toResidentId === me._id) throw new AppError('INVALID_INPUT', '请选择其他队员');
  const [people, toShift] = await Promise.all([
    residentsByIds([input.toResidentId]),
    input.toShiftId ? getShift(input.toShiftId) : Promise.resolve(null),
  ]);
  const mate = people.get(input.toResidentId);
  if (!mate || !isMember(mate.roles, shift.teamId)) throw new AppError('CONFLICT', '只能和本队队员换班');
  if (input.toShiftId && toShift?.teamId !== shift.teamId) throw new AppError('CONFLICT', '只能换本队的班次');
  const problem = swapProblem(
    { fromId: me._id, toId: mate._id, ...(input.toShiftId ? { toShiftId: input.toShiftId } : {}) },
    shift,
    toShift,
    now,
  );
  if (problem) throw new AppError('CONFLICT', problem);
  // One request per shift and member at a time, under an id derived from both: a retry
  // after a lost answer finds its request instead of making a second one.
  const swapId = `swap_${createHash('sha256').update(`${shift._id}|${me._id}`).digest('hex').slice(0, 16)}`;
  const doc: SwapDoc = {
    _id: swapId,
    teamId: shift.teamId,
    shiftId: shift._id,
    fromId: me._id,
    toId: mate._id,
    ...(input.toShiftId ? { toShiftId: input.toShiftId } : {}),
    state: 'pending',
    createdAt: now,
  };
  const placed = await placeSwap(doc);
  const team = await loadTeam(shift.teamId);
  if (team.leaderId) {
    // Told once per request (a retry tells again under the same key, which sends nothing twice).
    await tell(
      [team.leaderId],
      {
        title: `换班申请：${DUTY_LABELS[shift.kind]}`,
        body: `${me.name}申请把${timeLabel(shift.startAt, shift.endAt)}的班换给${mate.name}，请批准。`,
        note: `${me.name} → ${mate.name}`,
        page: PAGES.roster(shift.teamId),
        kind: 'swap',
        id: swapId,
        key: `volunteer_swap:${swapId}:${placed.createdAt.getTime()}`,
      },
      now,
    );
  }
  return { swapId };
}

export async function decideSwap(
  me: ResidentDoc,
  input: { swapId: string; approve: boolean },
  now: Date,
): Promise<RosterWeek> {
  const { data } = await collection('volunteer_swaps').doc(input.swapId).get();
  const swap = data[0] as SwapDoc | undefined;
  if (!swap) throw new AppError('NOT_FOUND', '没有这个换班申请');
  if (!mayManageTeam(me.roles, swap.teamId)) throw new AppError('FORBIDDEN', '只有队长和社区工作人员可以批准换班');
  await inTransaction(async (t) => {
    const current = (await t.collection('volunteer_swaps').doc(swap._id).get()).data as SwapDoc | null;
    if (current?.state !== 'pending') throw new AppError('CONFLICT', '这个换班申请已经处理过了');
    const decided = { decidedAt: now, decidedBy: me._id };
    if (!input.approve) {
      await t
        .collection('volunteer_swaps')
        .doc(swap._id)
        .update({ state: 'declined', ...decided });
      return;
    }
    const shift = (await t.collection('volunteer_shifts').doc(swap.shiftId).get()).data as ShiftDoc | null;
    const toShift = swap.toShiftId
      ? ((await t.collection('volunteer_shifts').doc(swap.toShiftId).get()).data as ShiftDoc | null)
      : null;
    const problem = swapProblem(swap, shift, toShift, now);
    if (problem) throw new AppError('CONFLICT', problem);
    const replace = (list: readonly string[], from: string, to: string) => list.map((id) => (id === from ? to : id));
    await t
      .collection('volunteer_shifts')
      .doc(shift!._id)
      .update({
        assignees: replace(shift!.assignees, swap.fromId, swap.toId),
        version: shift!.version + 1,
        updatedAt: now,
      });
    if (toShift) {
      await t
        .collection('volunteer_shifts')
        .doc(toShift._id)
        .update({
          assignees: replace(toShift.assignees, swap.toId, swap.fromId),
          version: toShift.version + 1,
          updatedAt: now,
        });
    }
    await t
      .collection('volunteer_swaps')
      .doc(swap._id)
      .update({ state: 'approved', ...decided });
  });
  const shift = await getShift(swap.shiftId);
  await tell(
    [swap.fromId, swap.toId],
    {
      title: input.approve ? '换班已批准' : '换班未批准',
      body: input.approve
        ? `队长已批准换班${shift ? `：${DUTY_LABELS[shift.kind]} ${timeLabel(shift.startAt, shift.endAt)}` : ''}。`
        : '队长没有批准这次换班，请按原安排值班。',
      note: input.approve ? '已批准' : '未批准',
      page: PAGES.roster(swap.teamId),
      kind: 'swap_decided',
      id: swap._id,
    },
    now,
  );
  return roster(me, { teamId: swap.teamId, ...(shift ? { week: shift.date } : {}) }, now);
}

function logView(entry: LogEntryDoc, me: ResidentDoc): LogEntryView {
  return {
    id: entry.id,
    authorName: entry.authorName,
    text: entry.text,
    atLabel: formatShanghai(entry.at, 'HH:mm'),
    ...(entry.categoryId ? { categoryId: entry.categoryId } : {}),
    ...(entry.place ? { place: entry.place, placeLabel: placeLabel(entry.place) } : {}),
    ...(entry.reportId ? { reportId: entry.reportId } : {}),
    canReport: entry.authorId === me._id && !entry.reportId && Boolean(entry.place),
  };
}

function placeLabel(place: LogPlace): string {
  if (place.kind === 'spot') return '小区公共区域';
  return `${place.buildingNo}号楼${place.unitNo ? `${place.unitNo}单元` : ''}`;
}

export async function shiftDetail(me: ResidentDoc, id: string, now: Date): Promise<ShiftDetail> {
  const parsed = parseShiftId(id);
  if (!parsed) throw new AppError('NOT_FOUND', '没有这个班次');
  let shift = await getShift(id);
  const duty: Pick<DutyDoc, '_id' | 'kind' | 'place' | 'slots' | 'start' | 'end' | 'teamId' | 'teamName' | 'hours'> =
    shift
      ? {
          _id: shift.dutyId,
          teamName: shift.teamName,
          kind: shift.kind,
          place: shift.place,
          slots: shift.slots,
          start: formatShanghai(shift.startAt, 'HH:mm'),
          end: formatShanghai(shift.endAt, 'HH:mm'),
          teamId: shift.teamId,
          hours: shift.hours,
        }
      : await loadDuty(parsed.dutyId);
  if (!shift && !dutyRunsOn(duty as DutyDoc, parsed.date)) throw new AppError('NOT_FOUND', '没有这个班次');
  const { manage } = requireTeamAccess(me, duty.teamId);
  const names = await residentsByIds(shift?.assignees ?? []);
  shift = shift ?? null;
  const view = shiftView(duty, parsed.date, shift, me, names, now);
  const times = shift ?? shiftTimes(duty, parsed.date);
  return {
    ...view,
    teamName: duty.teamName,
    hours: duty.hours,
    log: (shift?.log ?? []).map((entry) => logView(entry, me)).reverse(),
    canLog: Boolean(shift) && (view.mine || manage),
    canCheckIn: view.mine && !view.attended && shiftCheckInOpen(times, now),
    canManage: manage,
  };
}

export async function checkInShift(me: ResidentDoc, id: string, now: Date): Promise<ShiftDetail> {
  const shift = await getShift(id);
  if (!shift || !shift.assignees.includes(me._id)) throw new AppError('CONFLICT', '您不在这个班次上');
  if (!shiftCheckInOpen(shift, now)) throw new AppError('CONFLICT', '不在签到时间内（开始前半小时至结束后24小时）');
  // The attendance and its hours record in one transaction: a death leaves both or neither.
  const credited = await inTransaction(async (t) => {
    const current = (await t.collection('volunteer_shifts').doc(id).get()).data as ShiftDoc | null;
    if (!current?.assignees.includes(me._id)) throw new AppError('CONFLICT', '您不在这个班次上');
    if (current.attendedIds.includes(me._id)) return false;
    await t
      .collection('volunteer_shifts')
      .doc(id)
      .update({ attendedIds: [...current.attendedIds, me._id], updatedAt: now });
    if (shift.hours) {
      const record = hoursRecord({
        _id: shiftHoursId(id, me._id),
        residentId: me._id,
        teamId: shift.teamId,
        teamName: shift.teamName,
        source: 'shift',
        sourceId: id,
        title: `${DUTY_LABELS[shift.kind]}（${shift.place}）`,
        hours: shift.hours,
        startAt: shift.startAt,
        at: now,
      });
      await writeHours(record, t);
    }
    return true;
  });
  // The team's running total; one missed by a crash is reconciled by the timer.
  if (credited && shift.hours) await bumpTeamHours(shift.teamId, shift.hours);
  return shiftDetail(me, id, now);
}

export async function addLog(
  me: ResidentDoc,
  input: { shiftId: string; requestId: string; text: string; categoryId?: string; place?: LogPlace },
  now: Date,
): Promise<ShiftDetail> {
  assertNotBlocked(me, now);
  const shift = await getShift(input.shiftId);
  if (!shift) throw new AppError('NOT_FOUND', '没有这个班次');
  const entryId = logEntryIdFor(me._id, input.requestId);
  // A retry of an entry already written (its answer lost): answer it again.
  if (shift.log.some((e) => e.id === entryId)) return shiftDetail(me, shift._id, now);
  if (!shift.assignees.includes(me._id) && !mayManageTeam(me.roles, shift.teamId))
    throw new AppError('FORBIDDEN', '只有值班队员和队长可以写值班记录');
  await screen(me.openid!, 4, [input.text]);
  const entry: LogEntryDoc = {
    id: entryId,
    authorId: me._id,
    authorName: officerName(me).name,
    text: input.text,
    at: now,
    ...(input.categoryId ? { categoryId: input.categoryId } : {}),
    ...(input.place ? { place: input.place } : {}),
  };
  const _ = command();
  // Pushed only while the entry is not there: the same request running alongside writes it once.
  const { updated } = await collection('volunteer_shifts')
    .where({ _id: shift._id, 'log.id': _.neq(entryId), [`log.${MAX_LOG - 1}`]: _.exists(false) })
    .update({ log: _.push([entry]), version: _.inc(1), updatedAt: now });
  if (updated !== 1 && !(await getShift(shift._id))?.log.some((e) => e.id === entryId))
    throw new AppError('CONFLICT', `每个班次最多${MAX_LOG}条记录`);
  return shiftDetail(me, shift._id, now);
}

export async function linkReport(
  me: ResidentDoc,
  input: { shiftId: string; entryId: string; reportId: string },
  now: Date,
): Promise<ShiftDetail> {
  const { data } = await collection('reports').doc(input.reportId).get();
  const report = data[0] as { ownerIds?: string[] } | undefined;
  if (!report?.ownerIds?.includes(me._id)) throw new AppError('NOT_FOUND', '没有找到您提交的这条报事');
  for (let attempt = 0; attempt < 4; attempt++) {
    const shift = await getShift(input.shiftId);
    const entry = shift?.log.find((e) => e.id === input.entryId);
    if (!shift || !entry) throw new AppError('NOT_FOUND', '没有这条值班记录');
    if (entry.authorId !== me._id) throw new AppError('FORBIDDEN', '只有记录人可以转为报事');
    if (entry.reportId === input.reportId) return shiftDetail(me, shift._id, now);
    if (entry.reportId) throw new AppError('CONFLICT', '这条记录已经转为报事');
    const log = shift.log.map((e) => (e.id === entry.id ? { ...e, reportId: input.reportId } : e));
    // The whole log is written back, so only over the version it was read at.
    const { updated } = await collection('volunteer_shifts')
      .where({ _id: shift._id, version: shift.version })
      .update({ log, version: command().inc(1), updatedAt: now });
    if (updated === 1) return shiftDetail(me, shift._id, now);
  }
  throw new AppError('CONFLICT', '记录刚刚有了变化，请刷新后再试');
}
