/**
 * Call-outs 召集 (e.g. 以雪为令). The answer ledger lives on the call-out document and is
 * changed only by single conditional updates, so however many members answer at once,
 * exactly `needed` are confirmed and the rest queue on the reserve in answer order:
 *
 * - 我来: ONE update whose condition is "open, not on either list, nobody on the reserve,
 *   confirmed < needed" taking a place; otherwise ONE update appending to the reserve;
 * - 来不了: ONE update pulling the member's entry (conditional on it being there), then
 *   promotion: ONE update moving the reserve's head, conditional on it still being the head
 *   and a place still being free;
 * - check-in: ONE update adding the member to `attendedIds`, conditional on them being
 *   confirmed and not yet there; only the call that made it credits the hours.
 *
 * Pushing goes in batches of PUSH_BATCH recipients per invocation: the first at once for an
 * urgent call, the rest (and planned calls when due) from the timer.
 */
import { randomInt } from 'node:crypto';
import type {
  CallOutAnswer,
  CallOutDetail,
  CallOutDraft,
  CallOutItem,
  CallOutOptions,
} from '../../typings/domain/volunteer';
import type { PushSummary } from '../../typings/domain/push';
import { readAll } from '../shared/paging';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { callOutHoursId, creditTeam } from '../shared/domain/hours';
import {
  answerLabel,
  answerOf,
  buildingsLabel,
  callOutTimes,
  callTeamsProblem,
  checkInOpen,
  countLabel,
  isStaff,
  ledTeams,
  memberTeams,
  sixDigits,
  timeLabel,
} from '../shared/domain/volunteer';
import { AppError } from '../shared/errors';
import { bumpTeamHours, hoursRecord, writeHours, type HoursDoc } from '../shared/hours';
import { assertNotBlocked } from '../shared/moderation';
import type { CallOutDoc } from './docs';
import { EMPTY_SUMMARY, PAGES, PUSH_BATCH, tell } from './notify';
import { allTeams, buildingLabel, nameFor } from './people';
import { residentsByIds } from '../shared/people';
import { screen } from './screen';

/** Fields a list does not need: the audience can hold hundreds of ids. */
const WITHOUT_AUDIENCE = { audienceIds: false } as const;
const MAX_AUDIENCE = 3000;

export async function getCallOut(id: string, withAudience = false): Promise<CallOutDoc | null> {
  const query = collection('volunteer_callouts').doc(id);
  const { data } = await (withAudience ? query : query.field(WITHOUT_AUDIENCE)).get();
  return (data[0] as CallOutDoc | undefined) ?? null;
}

async function loadCallOut(id: string, withAudience = false): Promise<CallOutDoc> {
  const doc = await getCallOut(id, withAudience);
  if (!doc) throw new AppError('NOT_FOUND', '召集不存在或已删除');
  return doc;
}

/** The caller, the leader of a called team, or staff. */
export function mayManageCallOut(me: ResidentDoc, doc: Pick<CallOutDoc, 'callerId' | 'teamIds'>): boolean {
  if (doc.callerId === me._id || isStaff(me.roles)) return true;
  const led = ledTeams(me.roles);
  return doc.teamIds.some((teamId) => led.includes(teamId));
}

/** Whether a member fits the call: in a called team (any team when none named) and a called building. */
export function fitsCall(person: ResidentDoc, doc: Pick<CallOutDoc, 'teamIds' | 'buildingNos'>): boolean {
  const teams = memberTeams(person.roles);
  if (!teams.length) return false;
  if (doc.teamIds.length && !doc.teamIds.some((teamId) => teams.includes(teamId))) return false;
  if (!doc.buildingNos.length) return true;
  const home = person.binding.status === 'verified' ? person.binding.address : undefined;
  return home !== undefined && doc.buildingNos.includes(home.buildingNo);
}

export function itemView(doc: CallOutDoc, me: ResidentDoc, now: Date): CallOutItem {
  const { answer, position } = answerOf(doc, me._id);
  return {
    id: doc._id,
    title: doc.title,
    place: doc.place,
    timeLabel: timeLabel(doc.startAt, doc.endAt),
    urgent: doc.urgent,
    needed: doc.needed,
    confirmed: doc.confirmedCount,
    reserve: doc.reserveCount,
    countLabel: doc.state === 'cancelled' ? '召集已取消' : countLabel(doc.needed, doc.confirmedCount, doc.reserveCount),
    state: doc.state,
    callerLabel: doc.callerLabel,
    mine: answer,
    mineLabel: answerLabel(answer, position),
    canAnswer: answerable(doc, now) && fitsCall(me, doc),
  };
}

function answerable(doc: CallOutDoc, now: Date): boolean {
  return doc.state === 'open' && now.getTime() < doc.endAt.getTime();
}

export async function detailView(doc: CallOutDoc, me: ResidentDoc, now: Date): Promise<CallOutDetail> {
  const manage = mayManageCallOut(me, doc);
  const teams = new Map((await allTeams()).map((team) => [team._id, team.name]));
  const base: CallOutDetail = {
    ...itemView(doc, me, now),
    description: doc.description,
    equipment: doc.equipment,
    hours: doc.hours,
    teamsLabel: doc.teamIds.length ? doc.teamIds.map((id) => teams.get(id) ?? '志愿服务队').join('、') : '全部服务队',
    buildingsLabel: buildingsLabel(doc.buildingNos),
    checkInOpen: doc.state !== 'cancelled' && checkInOpen(doc, now),
    canManage: manage,
    ...(doc.cancelReason ? { cancelReason: doc.cancelReason } : {}),
  };
  if (!manage) return base;
  const ids = [...doc.confirmed.map((e) => e.id), ...doc.reserve.map((e) => e.id), ...doc.declinedIds];
  const people = await residentsByIds(ids);
  const staff = isStaff(me.roles);
  const person = (id: string, answer: CallOutAnswer, position?: number) => {
    const resident = people.get(id);
    return {
      residentId: id,
      name: nameFor(resident, true),
      buildingLabel: buildingLabel(resident),
      answer,
      ...(position ? { position } : {}),
      ...(staff && resident?.phone ? { phone: resident.phone } : {}),
    };
  };
  return {
    ...base,
    code: doc.code,
    reached: doc.push.sent,
    attended: doc.attendedIds.length,
    people: [
      ...doc.confirmed.map((e) => person(e.id, doc.attendedIds.includes(e.id) ? 'attended' : 'confirmed')),
      ...doc.reserve.map((e, index) => person(e.id, 'reserve', index + 1)),
      ...doc.declinedIds.map((id) => person(id, 'declined')),
    ],
  };
}

export async function callOutOptions(me: ResidentDoc): Promise<CallOutOptions> {
  const teams = await allTeams();
  const staff = isStaff(me.roles);
  const led = ledTeams(me.roles);
  return {
    teams: teams
      .filter((team) => staff || led.includes(team._id))
      .map((team) => ({ teamId: team._id, name: team.name })),
    anyTeam: staff,
    buildings: Array.from({ length: 12 }, (_, i) => i + 1),
  };
}

/** The members a call reaches, fixed when it is sent. */
async function audienceOf(teamIds: readonly string[], buildingNos: readonly number[]): Promise<string[]> {
  const _ = command();
  const roleMatch = teamIds.length
    ? _.or(
        teamIds.flatMap((teamId) => [
          { roles: _.elemMatch({ kind: 'volunteer', teamId }) },
          { roles: _.elemMatch({ kind: 'team_leader', teamId }) },
        ]),
      )
    : { 'roles.kind': _.in(['volunteer', 'team_leader']) };
  const where = buildingNos.length
    ? _.and([roleMatch, { 'binding.status': 'verified', 'binding.address.buildingNo': _.in([...buildingNos]) }])
    : roleMatch;
  const found = await readAll<{ _id: string }>('residents', where, { fields: { _id: true }, max: MAX_AUDIENCE });
  return found.map((r) => r._id);
}

function callerLabel(me: ResidentDoc, teamIds: readonly string[], teams: ReadonlyMap<string, string>): string {
  if (isStaff(me.roles) && !teamIds.every((id) => ledTeams(me.roles).includes(id))) return '社区居委会';
  return teamIds.length === 1 ? (teams.get(teamIds[0]!) ?? '志愿服务队') : '志愿服务队';
}

export async function createCallOut(
  me: ResidentDoc,
  draft: CallOutDraft,
  now: Date,
): Promise<{ id: string; pushed?: PushSummary; reached: number }> {
  assertNotBlocked(me, now);
  const id = `co_${draft.requestId}`;
  const earlier = await getCallOut(id);
  if (earlier) {
    // A retry of the same tap: the call-out it made.
    if (earlier.callerId !== me._id) throw new AppError('CONFLICT', '请求编号重复，请重新发送');
    return { id, reached: earlier.push.sent };
  }
  const teamProblem = callTeamsProblem(me.roles, draft.teamIds);
  if (teamProblem) throw new AppError('FORBIDDEN', teamProblem);
  const times = callOutTimes(draft, now);
  if ('problem' in times) throw new AppError('INVALID_INPUT', times.problem);
  const teams = new Map((await allTeams()).map((team) => [team._id, team.name]));
  const unknown = draft.teamIds.find((teamId) => !teams.has(teamId));
  if (unknown) throw new AppError('NOT_FOUND', '没有这个志愿服务队');
  await screen(me.openid!, 3, [draft.title, draft.description, draft.place, ...draft.equipment]);
  const teamIds = [...new Set(draft.teamIds)];
  const buildingNos = [...new Set(draft.buildingNos)].sort((a, b) => a - b);
  const audienceIds = await audienceOf(teamIds, buildingNos);
  const doc: CallOutDoc = {
    _id: id,
    requestId: draft.requestId,
    callerId: me._id,
    callerLabel: callerLabel(me, teamIds, teams),
    title: draft.title,
    description: draft.description,
    place: draft.place,
    startAt: times.startAt,
    endAt: times.endAt,
    needed: draft.needed,
    teamIds,
    buildingNos,
    equipment: draft.equipment,
    hours: draft.hours,
    urgent: draft.urgent,
    notifyAt: times.notifyAt,
    audienceIds,
    push: { state: 'pending', sent: 0 },
    state: 'open',
    code: sixDigits(() => randomInt(0, 1_000_000) / 1_000_000),
    confirmed: [],
    reserve: [],
    confirmedCount: 0,
    reserveCount: 0,
    declinedIds: [],
    attendedIds: [],
    seq: 0,
    settled: false,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await collection('volunteer_callouts').add(doc);
  } catch {
    // The same request arrived twice at once: the other one made it.
    return { id, reached: 0 };
  }
  if (times.notifyAt.getTime() > now.getTime()) return { id, reached: 0 };
  const pushed = await pushNextBatch(doc, now);
  return { id, pushed, reached: pushed.recipients };
}

/**
 * Pushes the next batch of the audience, then moves the mark on, conditional on it being
 * where it was read (so two pushers never both advance it). A crash between the two sends
 * that batch again under the same key (the call-out and the batch's offset), which
 * continues the first fan-out: nobody gets the call twice, nobody misses it.
 */
export async function pushNextBatch(
  doc: Pick<CallOutDoc, '_id' | 'title' | 'place' | 'startAt' | 'endAt' | 'urgent' | 'needed' | 'audienceIds' | 'push'>,
  now: Date,
): Promise<PushSummary> {
  const from = doc.push.sent;
  const batch = doc.audienceIds.slice(from, from + PUSH_BATCH);
  const summary = batch.length
    ? await tell(
        batch,
        {
          title: `${doc.urgent ? '紧急召集' : '志愿召集'}：${doc.title}`,
          body: `${timeLabel(doc.startAt, doc.endAt)}，${doc.place}，需要${doc.needed}人。能来请点“我来”，来不了也请告诉我们。`,
          note: `${timeLabel(doc.startAt, doc.endAt)} ${doc.place}`,
          page: PAGES.callOut(doc._id),
          kind: 'callout',
          id: doc._id,
          key: `volunteer_callout:${doc._id}:${from}`,
        },
        now,
      )
    : EMPTY_SUMMARY;
  const sent = from + batch.length;
  await collection('volunteer_callouts')
    .where({ _id: doc._id, 'push.sent': from })
    .update({ push: { state: sent >= doc.audienceIds.length ? 'done' : 'pending', sent }, updatedAt: now });
  return summary;
}

export async function callOutDetail(me: ResidentDoc, id: string, now: Date): Promise<CallOutDetail> {
  const doc = await loadCallOut(id);
  if (!mayManageCallOut(me, doc) && !fitsCall(me, doc) && answerOf(doc, me._id).answer === 'none')
    throw new AppError('FORBIDDEN', '这次召集不是发给您所在的服务队的');
  return detailView(doc, me, now);
}

type Taken = 'confirmed' | 'reserve' | 'unchanged';

/** 我来: a place in one conditional update, else the reserve in another. */
async function takePlace(doc: CallOutDoc, me: string, now: Date): Promise<{ taken: Taken; roomLeft: boolean }> {
  const _ = command();
  const notListed = { 'confirmed.id': _.neq(me), 'reserve.id': _.neq(me) };
  const take = await collection('volunteer_callouts')
    .where({
      _id: doc._id,
      state: 'open',
      ...notListed,
      needed: doc.needed,
      reserveCount: 0,
      confirmedCount: _.lt(doc.needed),
    })
    .updateAndReturn({
      seq: _.inc(1),
      confirmed: _.push([{ id: me }]),
      confirmedCount: _.inc(1),
      declinedIds: _.pull(me),
      updatedAt: now,
    });
  if (take.doc) return { taken: 'confirmed', roomLeft: false };
  const queue = await collection('volunteer_callouts')
    .where({ _id: doc._id, state: 'open', ...notListed })
    .updateAndReturn({
      seq: _.inc(1),
      reserve: _.push([{ id: me }]),
      reserveCount: _.inc(1),
      declinedIds: _.pull(me),
      updatedAt: now,
    });
  const queued = queue.doc as CallOutDoc | null;
  if (!queued) return { taken: 'unchanged', roomLeft: false };
  // Someone left between the two updates while nobody waited: promote so the place is used.
  return { taken: 'reserve', roomLeft: queued.confirmedCount < queued.needed };
}

/**
 * Open call-outs whose reserve waits while a place is free (an answer died between leaving
 * and promoting): the reserve moves up. Run by the timer, within 10 minutes.
 */
export async function promoteLeft(now: Date): Promise<number> {
  const _ = command();
  const { data } = await collection('volunteer_callouts')
    .where({ state: 'open', reserveCount: _.gt(0), endAt: _.gt(now) })
    .field({ needed: true, confirmedCount: true })
    .limit(50)
    .get();
  let promoted = 0;
  for (const doc of data as Array<Pick<CallOutDoc, '_id' | 'needed' | 'confirmedCount'>>)
    if (doc.confirmedCount < doc.needed) promoted += (await promote(doc._id, now)).length;
  return promoted;
}

/** Moves reserve heads into free places, one conditional update each; returns who moved up. */
export async function promote(id: string, now: Date, maxAttempts = 8): Promise<string[]> {
  const _ = command();
  const promoted: string[] = [];
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const doc = await getCallOut(id);
    if (!doc || doc.state !== 'open' || !doc.reserve.length || doc.confirmedCount >= doc.needed) break;
    const head = doc.reserve[0]!;
    const { updated } = await collection('volunteer_callouts')
      .where({ _id: id, state: 'open', 'reserve.0.id': head.id, needed: doc.needed, confirmedCount: _.lt(doc.needed) })
      .update({
        reserve: _.pullAll([head]),
        confirmed: _.push([head]),
        confirmedCount: _.inc(1),
        reserveCount: _.inc(-1),
        updatedAt: now,
      });
    if (updated === 1) promoted.push(head.id);
  }
  if (promoted.length) {
    const doc = await getCallOut(id);
    if (doc) {
      await tell(
        promoted,
        {
          title: `候补成功：${doc.title}`,
          body: `有人来不了，您已从候补递补为正式参加：${timeLabel(doc.startAt, doc.endAt)}，${doc.place}。`,
          note: `${timeLabel(doc.startAt, doc.endAt)} ${doc.place}`,
          page: PAGES.callOut(id),
          kind: 'callout_promoted',
          id,
        },
        now,
      );
    }
  }
  return promoted;
}

/** 来不了: off whichever list (one conditional update); the caller then lets the reserve move up. */
async function leavePlace(doc: CallOutDoc, me: string, now: Date): Promise<void> {
  const _ = command();
  const held = doc.confirmed.find((e) => e.id === me);
  const waiting = doc.reserve.find((e) => e.id === me);
  if (held) {
    await collection('volunteer_callouts')
      .where({ _id: doc._id, 'confirmed.id': me, attendedIds: _.neq(me) })
      .update({
        confirmed: _.pullAll([held]),
        confirmedCount: _.inc(-1),
        declinedIds: _.addToSet(me),
        updatedAt: now,
      });
    return;
  }
  if (waiting) {
    await collection('volunteer_callouts')
      .where({ _id: doc._id, 'reserve.id': me })
      .update({ reserve: _.pullAll([waiting]), reserveCount: _.inc(-1), declinedIds: _.addToSet(me), updatedAt: now });
    return;
  }
  await collection('volunteer_callouts')
    .where({ _id: doc._id, 'confirmed.id': _.neq(me), 'reserve.id': _.neq(me) })
    .update({ declinedIds: _.addToSet(me), updatedAt: now });
}

export async function answer(me: ResidentDoc, id: string, yes: boolean, now: Date): Promise<CallOutDetail> {
  const doc = await loadCallOut(id);
  if (!fitsCall(me, doc)) throw new AppError('FORBIDDEN', '这次召集不是发给您所在的服务队的');
  if (doc.state === 'cancelled') throw new AppError('CONFLICT', '召集已取消');
  if (!answerable(doc, now)) throw new AppError('CONFLICT', '召集已结束');
  if (doc.attendedIds.includes(me._id)) throw new AppError('CONFLICT', '您已签到');
  if (yes) {
    const { taken, roomLeft } = await takePlace(doc, me._id, now);
    if (taken === 'reserve' && roomLeft) await promote(id, now);
  } else {
    await leavePlace(doc, me._id, now);
    // Always, not only when this call freed the place: a retry (or the timer) moves the
    // reserve up after a call that died between leaving and promoting.
    await promote(id, now);
  }
  return detailView(await loadCallOut(id), me, now);
}

/** The ledger record of one member's attendance, or null when they are in no team (no hours). */
function attendanceRecord(
  doc: CallOutDoc,
  person: ResidentDoc | undefined,
  teams: ReadonlyMap<string, string>,
  now: Date,
): HoursDoc | null {
  const teamId = person ? creditTeam(person.roles, doc.teamIds) : null;
  if (!person || !teamId || !doc.hours) return null;
  return hoursRecord({
    _id: callOutHoursId(doc._id, person._id),
    residentId: person._id,
    teamId,
    teamName: teams.get(teamId) ?? '志愿服务队',
    source: 'callout',
    sourceId: doc._id,
    title: doc.title,
    hours: doc.hours,
    startAt: doc.startAt,
    at: now,
  });
}

/** Writes the ledger records of members who just checked in, and the team totals. */
async function credit(doc: CallOutDoc, residentIds: readonly string[], now: Date): Promise<number> {
  if (!doc.hours || !residentIds.length) return 0;
  const [people, teams] = await Promise.all([residentsByIds(residentIds), allTeams()]);
  const names = new Map(teams.map((team) => [team._id, team.name]));
  let credited = 0;
  for (const residentId of residentIds) {
    const record = attendanceRecord(doc, people.get(residentId), names, now);
    if (!record) continue;
    await writeHours(record);
    await bumpTeamHours(record.teamId, record.hours);
    credited += 1;
  }
  return credited;
}

/** Adds one member to the attended list if they hold a place and are not on it yet. */
async function markOne(id: string, residentId: string, now: Date): Promise<boolean> {
  const _ = command();
  const { updated } = await collection('volunteer_callouts')
    .where({ _id: id, state: _.neq('cancelled'), 'confirmed.id': residentId, attendedIds: _.neq(residentId) })
    .update({ attendedIds: _.push([residentId]), updatedAt: now });
  return updated === 1;
}

export async function checkIn(
  me: ResidentDoc,
  input: { id: string; code: string },
  now: Date,
): Promise<{ answer: CallOutAnswer; hoursCredited: number }> {
  const doc = await loadCallOut(input.id);
  if (doc.state === 'cancelled') throw new AppError('CONFLICT', '召集已取消');
  if (!checkInOpen(doc, now)) throw new AppError('CONFLICT', '不在签到时间内（开始前1小时至结束后24小时）');
  if (input.code !== doc.code) throw new AppError('CONFLICT', '签到码不对，请向召集人确认');
  const { answer: mine } = answerOf(doc, me._id);
  if (mine === 'attended') return { answer: 'attended', hoursCredited: 0 };
  if (mine !== 'confirmed')
    throw new AppError('CONFLICT', mine === 'reserve' ? '您在候补名单中，递补后才能签到' : '请先点“我来”报名');
  const marked = await markOne(doc._id, me._id, now);
  const credited = marked ? await credit(doc, [me._id], now) : 0;
  return { answer: 'attended', hoursCredited: credited ? doc.hours : 0 };
}

export async function markAttended(
  me: ResidentDoc,
  input: { id: string; residentIds: string[] },
  now: Date,
): Promise<{ attended: number; credited: number }> {
  const doc = await loadCallOut(input.id);
  if (!mayManageCallOut(me, doc)) throw new AppError('FORBIDDEN', '只有召集人、队长和社区工作人员可以签到');
  if (doc.state === 'cancelled') throw new AppError('CONFLICT', '召集已取消');
  if (!checkInOpen(doc, now)) throw new AppError('CONFLICT', '不在签到时间内（开始前1小时至结束后24小时）');
  const notHolding = input.residentIds.find((id) => !doc.confirmed.some((e) => e.id === id));
  if (notHolding) throw new AppError('CONFLICT', '只能给已报名（非候补）的队员签到');
  const marked: string[] = [];
  for (const residentId of [...new Set(input.residentIds)]) {
    if (await markOne(doc._id, residentId, now)) marked.push(residentId);
  }
  const credited = await credit(doc, marked, now);
  const fresh = await loadCallOut(doc._id);
  return { attended: fresh.attendedIds.length, credited };
}

export async function cancelCallOut(
  me: ResidentDoc,
  input: { id: string; reason: string },
  now: Date,
): Promise<CallOutDetail> {
  const doc = await loadCallOut(input.id);
  if (!mayManageCallOut(me, doc)) throw new AppError('FORBIDDEN', '只有召集人、队长和社区工作人员可以取消');
  if (doc.attendedIds.length) throw new AppError('CONFLICT', '已有队员签到，不能取消');
  const { updated } = await collection('volunteer_callouts')
    .where({ _id: doc._id, state: 'open', attendedIds: command().size(0) })
    .update({ state: 'cancelled', cancelReason: input.reason, 'push.state': 'done', updatedAt: now });
  if (updated === 1) {
    await tell(
      [...doc.confirmed.map((e) => e.id), ...doc.reserve.map((e) => e.id)],
      {
        title: `召集已取消：${doc.title}`,
        body: `“${doc.title}”（${timeLabel(doc.startAt, doc.endAt)}）已取消。原因：${input.reason}`,
        note: `原因：${input.reason}`,
        page: PAGES.callOut(doc._id),
        kind: 'callout_cancelled',
        id: doc._id,
      },
      now,
    );
  }
  return detailView(await loadCallOut(doc._id), me, now);
}

/** The open call-outs a member is reached by (and those the caller sent), soonest first: one query. */
export async function openCallOutsFor(me: ResidentDoc, now: Date): Promise<CallOutDoc[]> {
  const _ = command();
  const { data } = await collection('volunteer_callouts')
    .where(_.and([_.or([{ audienceIds: me._id }, { callerId: me._id }]), { state: 'open', endAt: _.gt(now) }]))
    .orderBy('startAt', 'asc')
    .limit(20)
    .field(WITHOUT_AUDIENCE)
    .get();
  return data as CallOutDoc[];
}

/**
 * After the end (timer): every attended member has their record in the ledger (the ones a
 * crash left out are written now), and the call-out is closed. Team totals are reconciled
 * separately.
 */
export async function settle(doc: CallOutDoc, now: Date): Promise<void> {
  if (doc.hours && doc.attendedIds.length) {
    const ids = doc.attendedIds.map((residentId) => callOutHoursId(doc._id, residentId));
    const { data } = await collection('volunteer_hours')
      .where({ _id: command().in(ids) })
      .limit(ids.length)
      .field({ _id: true })
      .get();
    const have = new Set((data as Array<{ _id: string }>).map((record) => record._id));
    const missing = doc.attendedIds.filter((residentId) => !have.has(callOutHoursId(doc._id, residentId)));
    const [people, teams] = await Promise.all([residentsByIds(missing), allTeams()]);
    const names = new Map(teams.map((team) => [team._id, team.name]));
    for (const residentId of missing) {
      const record = attendanceRecord(doc, people.get(residentId), names, now);
      if (record) await writeHours(record);
    }
  }
  await collection('volunteer_callouts')
    .where({ _id: doc._id, settled: false })
    .update({ settled: true, ...(doc.state === 'open' ? { state: 'closed' } : {}), updatedAt: now });
}
