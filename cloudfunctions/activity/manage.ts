/** The organiser side: publishing, editing, cancelling, the roster, check-in. */
import { createHash, randomBytes } from 'node:crypto';
import type {
  ActivityDraft,
  CheckInResult,
  Organiser,
  OrganiserOption,
  Roster,
  RosterRow,
} from '../../typings/domain/activity';
import type { SaveOutput } from '../../typings/functions/activity';
import type { PushSummary } from '../../typings/domain/push';
import { collection, command } from '../shared/cloud';
import { inTransaction } from '../shared/transactions';
import type { StoredImage } from '../shared/content';
import type { ResidentDoc, VolunteerTeamDoc } from '../shared/docs';
import { officerName } from '../shared/domain/residents';
import { AppError } from '../shared/errors';
import { readAll } from '../shared/paging';
import { assertNotBlocked, holdForReview, screenText, submitImages } from '../shared/moderation';
import { acceptUploads, deleteFiles } from '../shared/storage';
import { formatShanghai } from '../shared/time';
import type { ActivityDoc, SignupDoc } from './docs';
import { bumpTeamHours, hoursRecord, teamNames, writeHours } from '../shared/hours';
import { getActivity } from './ledger';
import { signupsOf, tellSignups, EMPTY_SUMMARY, LIVE_STATES } from './people';
import { residentsByIds } from '../shared/people';
import {
  buildingKeys,
  checkInOpen,
  creditTeam,
  draftProblem,
  draftTimes,
  effectiveState,
  isStaffRole,
  isVolunteer,
  mayManage,
  mayPublishAs,
  organiserLabel,
  phaseOf,
  placesView,
  readCode,
  stateLabel,
  timeLabel,
  type DraftTimes,
} from './rules';
import { settle } from './signup';
import { buildingUnitLabel } from './views';

export function newActivityId(): string {
  return `act_${randomBytes(6).toString('hex')}`;
}

/** The activity, for someone who may manage it (FORBIDDEN otherwise). */
export async function managedActivity(caller: ResidentDoc, id: string, withLedger = true): Promise<ActivityDoc> {
  const activity = await getActivity(id, withLedger);
  if (!activity) throw new AppError('NOT_FOUND', '活动不存在或已删除');
  if (!mayManage(caller.roles, caller._id, activity)) throw new AppError('FORBIDDEN', '只有活动的组织者可以管理');
  return activity;
}

export { teamNames };

export function organiserOptions(roles: ResidentDoc['roles'], teams: ReadonlyMap<string, string>): OrganiserOption[] {
  const options: Organiser[] = [];
  if (isStaffRole(roles)) {
    options.push({ kind: 'committee' });
    for (let no = 1; no <= 12; no++) options.push({ kind: 'branch', buildingNo: no });
    for (const teamId of teams.keys()) options.push({ kind: 'team', teamId });
  } else {
    for (const role of roles) {
      if (role.kind === 'branch_secretary') options.push({ kind: 'branch', buildingNo: role.buildingNo });
      if (role.kind === 'team_leader') options.push({ kind: 'team', teamId: role.teamId });
    }
  }
  return options.map((organiser) => ({ organiser, label: organiserLabel(organiser, teams) }));
}

async function checkedDraft(caller: ResidentDoc, draft: ActivityDraft): Promise<{ times: DraftTimes; label: string }> {
  if (!mayPublishAs(caller.roles, draft.organiser)) throw new AppError('FORBIDDEN', '您不能以这个组织者的名义发布活动');
  const times = draftTimes(draft);
  if ('field' in times) throw new AppError('INVALID_INPUT', times.message);
  const problem = draftProblem(draft);
  if (problem) throw new AppError('INVALID_INPUT', problem.message);
  let teams = new Map<string, string>();
  if (draft.organiser.kind === 'team') {
    const { data } = await collection('volunteer_teams').doc(draft.organiser.teamId).get();
    const team = data[0] as VolunteerTeamDoc | undefined;
    if (!team) throw new AppError('NOT_FOUND', '没有这个志愿服务队');
    teams = new Map([[team._id, team.name]]);
  }
  return { times, label: organiserLabel(draft.organiser, teams) };
}

function draftFields(draft: ActivityDraft, times: DraftTimes, label: string) {
  return {
    title: draft.title,
    description: draft.description,
    organiser: draft.organiser,
    organiserLabel: label,
    place: draft.place,
    ...times,
    capacity: draft.capacity,
    eligibility: {
      buildingNos: [...new Set(draft.eligibility.buildingNos)].sort((a, b) => a - b),
      ...(draft.eligibility.minAge !== undefined ? { minAge: draft.eligibility.minAge } : {}),
      ...(draft.eligibility.maxAge !== undefined ? { maxAge: draft.eligibility.maxAge } : {}),
      partyMembersOnly: draft.eligibility.partyMembersOnly,
      volunteersOnly: draft.eligibility.volunteersOnly,
    },
    buildingKeys: buildingKeys(draft.eligibility),
    maxCompanions: draft.maxCompanions,
    volunteerHours: draft.volunteerHours,
  };
}

/** The id a create request makes: the same request (a retry) names the same activity. */
function requestedActivityId(authorId: string, requestId: string): string {
  return `act_${createHash('sha256').update(`${authorId}|${requestId}`).digest('hex').slice(0, 12)}`;
}

/** Queues a new activity's text for staff review (holding it again changes nothing). */
function holdActivity(doc: ActivityDoc, authorId: string, now: Date): Promise<unknown> {
  return holdForReview(
    { kind: 'activity', id: doc._id },
    {
      authorId,
      excerpt: `${doc.title} ${doc.description}`,
      reason: 'review',
      ...(doc.moderation.label ? { label: doc.moderation.label } : {}),
    },
    now,
  );
}

/** What a create answered, read back from the activity it made. */
function savedOutput(doc: ActivityDoc): SaveOutput {
  return { id: doc._id, version: doc.version, held: doc.moderation.state === 'review', promoted: 0 };
}

export async function createActivity(
  caller: ResidentDoc,
  input: ActivityDraft & { requestId?: string },
  now: Date,
): Promise<SaveOutput> {
  assertNotBlocked(caller, now);
  const { requestId, ...draft } = input;
  const id = requestId ? requestedActivityId(caller._id, requestId) : newActivityId();
  if (requestId) {
    // A retry of a create that made its activity (its answer lost): answer it again.
    // Held for review, it may have died before queueing the hold: queue it (again).
    const made = await getActivity(id, false);
    if (made?.moderation.state === 'review') await holdActivity(made, caller._id, now);
    if (made) return savedOutput(made);
  }
  const { times, label } = await checkedDraft(caller, draft);
  if (times.startAt.getTime() <= now.getTime()) throw new AppError('INVALID_INPUT', '开始时间须晚于现在');
  const openid = caller.openid!;
  await acceptUploads('activity', openid, draft.images);
  const verdict = await screenText(openid, 3, [draft.title, draft.description, draft.place]);
  const images = await submitImages(openid, { kind: 'activity', id }, draft.images, now);
  const doc: ActivityDoc = {
    _id: id,
    ...draftFields(draft, times, label),
    images,
    state: 'published',
    moderation: { state: verdict.state, flags: 0, ...(verdict.label ? { label: verdict.label } : {}) },
    authorId: caller._id,
    createdAt: now,
    updatedAt: now,
    version: 1,
    taken: 0,
    holders: [],
    queue: [],
    waitingCount: 0,
    seq: 0,
    reminder: 'pending',
    attendance: 'open',
    attended: 0,
    noShow: 0,
  };
  try {
    await collection('activities').add(doc);
  } catch (error) {
    // The same request ran alongside and made it first.
    const made = requestId ? await getActivity(id, false) : null;
    if (!made) throw error;
    return savedOutput(made);
  }
  if (verdict.state === 'review') await holdActivity(doc, caller._id, now);
  return { id, version: 1, held: verdict.state === 'review', promoted: 0 };
}

export async function updateActivity(
  caller: ResidentDoc,
  input: ActivityDraft & { id: string; version: number },
  now: Date,
): Promise<SaveOutput> {
  assertNotBlocked(caller, now);
  const activity = await managedActivity(caller, input.id, false);
  if (activity.state === 'cancelled') throw new AppError('CONFLICT', '活动已取消，不能修改');
  if (now.getTime() >= activity.startAt.getTime()) throw new AppError('CONFLICT', '活动已开始，不能修改');
  if (activity.version !== input.version) throw new AppError('CONFLICT', '活动已被他人修改，请刷新后再试');
  const { id: _id, version: _version, ...draft } = input;
  const { times, label } = await checkedDraft(caller, draft);
  if (draft.capacity !== null && draft.capacity < activity.taken)
    throw new AppError('CONFLICT', `已有${activity.taken}个名额被占用，名额不能少于${activity.taken}`);
  const openid = caller.openid!;
  const kept = new Map(activity.images.map((image) => [image.fileID, image]));
  const added = draft.images.filter((fileID) => !kept.has(fileID));
  await acceptUploads('activity', openid, added);
  const textChanged =
    draft.title !== activity.title || draft.description !== activity.description || draft.place !== activity.place;
  const verdict = textChanged
    ? await screenText(openid, 3, [draft.title, draft.description, draft.place])
    : { state: activity.moderation.state === 'review' ? ('review' as const) : ('pass' as const) };
  const submitted = await submitImages(openid, { kind: 'activity', id: activity._id }, added, now);
  const fresh = new Map(submitted.map((image) => [image.fileID, image]));
  const images: StoredImage[] = draft.images.map((fileID) => kept.get(fileID) ?? fresh.get(fileID)!);
  const removed = activity.images.filter((image) => !draft.images.includes(image.fileID)).map((image) => image.fileID);
  const moved =
    times.startAt.getTime() !== activity.startAt.getTime() || times.endAt.getTime() !== activity.endAt.getTime();
  const grew = activity.capacity !== null && (draft.capacity === null || draft.capacity > activity.capacity);
  const told = moved || draft.place !== activity.place;
  const _ = command();
  const { updated } = await collection('activities')
    .where({
      _id: activity._id,
      version: input.version,
      state: 'published',
      // The capacity may not drop under what sign-ups hold at this very moment.
      ...(draft.capacity !== null ? { taken: _.lte(draft.capacity) } : {}),
    })
    .update({
      ...draftFields(draft, times, label),
      images,
      ...(textChanged ? { moderation: { state: verdict.state, flags: activity.moderation.flags } } : {}),
      ...(moved ? { reminder: 'pending' } : {}),
      // What must follow (a promotion, the sign-ups' dates, the change message) is marked in
      // the same update and done by settle: by this call, or by the timer if it dies.
      ...(grew || told ? { unsettled: now, rev: _.inc(1) } : {}),
      ...(told ? { changed: { version: input.version + 1 } } : {}),
      version: _.inc(1),
      updatedAt: now,
    });
  if (updated !== 1) {
    const current = await getActivity(activity._id, false);
    if (current && draft.capacity !== null && current.taken > draft.capacity)
      throw new AppError('CONFLICT', `已有${current.taken}个名额被占用，名额不能少于${current.taken}`);
    throw new AppError('CONFLICT', '活动已被他人修改，请刷新后再试');
  }
  await deleteFiles(removed);
  if (textChanged && verdict.state === 'review') {
    // Already in the queue from an earlier version: staff see the current text.
    await holdForReview(
      { kind: 'activity', id: activity._id },
      { authorId: caller._id, excerpt: `${draft.title} ${draft.description}`, reason: 'review' },
      now,
    );
  }
  const { promoted, notified } =
    grew || told ? await settle({ _id: activity._id, title: draft.title }, now) : { promoted: 0, notified: undefined };
  return {
    id: activity._id,
    version: input.version + 1,
    held: verdict.state === 'review',
    promoted,
    ...(notified ? { notified } : {}),
  };
}

export async function cancelActivity(caller: ResidentDoc, id: string, reason: string, now: Date) {
  const activity = await managedActivity(caller, id);
  if (activity.state === 'cancelled') return { id, notified: EMPTY_SUMMARY };
  if (now.getTime() >= activity.endAt.getTime()) throw new AppError('CONFLICT', '活动已结束，不能取消');
  const { updated } = await collection('activities').where({ _id: id, state: 'published' }).update({
    state: 'cancelled',
    cancelReason: reason,
    cancelledAt: now,
    cancelPush: 'sending',
    updatedAt: now,
  });
  if (updated !== 1) return { id, notified: EMPTY_SUMMARY };
  const notified = await tellCancelled({ ...activity, cancelReason: reason }, now);
  return { id, notified };
}

/**
 * Tells everyone signed up that an activity is cancelled, however many (one fan-out per
 * cancellation: the activity timer continues one whose sender was cut off).
 */
export async function tellCancelled(
  activity: Pick<ActivityDoc, '_id' | 'title' | 'startAt' | 'endAt' | 'cancelReason'>,
  now: Date,
): Promise<PushSummary> {
  const reason = activity.cancelReason ?? '';
  const notified = await tellSignups(
    activity,
    await signupsOf(activity._id, LIVE_STATES),
    {
      title: `活动已取消：${activity.title}`,
      body: `很抱歉，您报名的活动「${activity.title}」（${timeLabel(activity.startAt, activity.endAt)}）已取消。原因：${reason}`,
      note: `原因：${reason}`,
      kind: 'cancelled',
      key: `activity_cancelled:${activity._id}`,
    },
    now,
  );
  await collection('activities').doc(activity._id).update({ cancelPush: 'sent' });
  return notified;
}

function rosterRow(
  signup: SignupDoc,
  activity: ActivityDoc,
  people: ReadonlyMap<string, ResidentDoc>,
  staff: boolean,
  ended: boolean,
): RosterRow {
  const participant = people.get(signup.participantId);
  const booker = signup.bookerId !== signup.participantId ? people.get(signup.bookerId) : undefined;
  const { state, position } = effectiveState(signup, activity);
  return {
    signupId: signup._id,
    seq: signup.seq ?? 0,
    name: participant ? officerName(participant).name : '（已注销）',
    buildingLabel: buildingUnitLabel(participant),
    companions: signup.companions,
    state,
    stateLabel: stateLabel(state, position, ended),
    ...(position ? { position } : {}),
    ...(booker ? { bookedBy: `由${booker.name}代为报名` } : {}),
    ...(staff && participant?.phone ? { phone: participant.phone } : {}),
    ...(signup.checkedInAt ? { checkedInLabel: `${formatShanghai(signup.checkedInAt, 'HH:mm')} 签到` } : {}),
    volunteer: participant ? isVolunteer(participant.roles) : false,
  };
}

export async function roster(caller: ResidentDoc, id: string, now: Date): Promise<Roster> {
  const activity = await managedActivity(caller, id);
  const signups = await readAll<SignupDoc>('activity_signups', { activityId: id });
  const people = await residentsByIds(signups.flatMap((signup) => [signup.participantId, signup.bookerId]));
  const staff = isStaffRole(caller.roles);
  const phase = phaseOf(activity, now);
  const ended = phase === 'ended';
  const byId = new Map(signups.map((signup) => [signup._id, signup]));
  const rows = (entries: ActivityDoc['holders']) =>
    entries.flatMap((entry) => {
      const signup = byId.get(entry.id);
      return signup ? [rosterRow(signup, activity, people, staff, ended)] : [];
    });
  const confirmed = rows(activity.holders);
  return {
    id,
    title: activity.title,
    timeLabel: timeLabel(activity.startAt, activity.endAt),
    places: placesView({ capacity: activity.capacity, taken: activity.taken, waiting: activity.waitingCount }),
    confirmed,
    waiting: rows(activity.queue),
    attended: confirmed.filter((row) => row.state === 'attended').length,
    noShow: confirmed.filter((row) => row.state === 'no_show').length,
    checkInOpen: checkInOpen(activity, now),
    phase,
  };
}

/** Checks a participant in and credits a volunteer's hours, together, in one transaction. */
/**
 * Sets the activity's attended and no-show counters from its sign-ups. Counts only grow
 * with time (a check-in turns a no-show into attended), so the update is conditional on
 * raising `attended`: a count read earlier never overwrites a later one.
 */
async function recountAttendance(activityId: string): Promise<number> {
  const signups = collection('activity_signups');
  const { total: attended } = await signups.where({ activityId, state: 'attended' }).count();
  const { total: noShow } = await signups.where({ activityId, state: 'no_show' }).count();
  await collection('activities')
    .where({ _id: activityId, attended: command().lt(attended) })
    .update({ attended, noShow });
  return attended;
}

export async function checkIn(
  caller: ResidentDoc,
  input: { id: string; code?: string; signupId?: string },
  now: Date,
): Promise<CheckInResult> {
  if (!input.code === !input.signupId) throw new AppError('INVALID_INPUT', '请扫描或输入签到码');
  const activity = await managedActivity(caller, input.id);
  if (!checkInOpen(activity, now)) throw new AppError('CONFLICT', '不在签到时间内（活动开始前1小时至结束后24小时）');
  let signup: SignupDoc | undefined;
  if (input.signupId) {
    const { data } = await collection('activity_signups').doc(input.signupId).get();
    signup = data[0] as SignupDoc | undefined;
  } else {
    const read = readCode(input.code!, activity._id);
    if (!read) throw new AppError('INVALID_INPUT', '签到码应为6位数字');
    if ('wrongActivity' in read) throw new AppError('CONFLICT', '这是其他活动的签到码');
    const { data } = await collection('activity_signups')
      .where({ activityId: activity._id, code: read.code })
      .limit(1)
      .get();
    signup = data[0] as SignupDoc | undefined;
  }
  if (!signup || signup.activityId !== activity._id) throw new AppError('NOT_FOUND', '没有找到这个签到码对应的报名');
  const truth = effectiveState(signup, activity);
  if (truth.state === 'waiting') throw new AppError('CONFLICT', '该居民在候补名单中，尚未获得名额');
  if (truth.state === 'cancelled' || truth.state === 'placing') throw new AppError('CONFLICT', '该报名已取消');
  const { data: people } = await collection('residents').doc(signup.participantId).get();
  const participant = people[0] as ResidentDoc | undefined;
  const name = participant ? officerName(participant).name : '居民';
  const teamId = participant && activity.volunteerHours > 0 ? creditTeam(participant.roles, activity.organiser) : null;
  const hours = teamId ? activity.volunteerHours : 0;
  const teamName = teamId ? ((await teamNames()).get(teamId) ?? '志愿服务队') : '';

  // The sign-up and its hours record change together (a document-level transaction): a
  // death leaves both or neither. The counters follow from the records, so a scan again
  // (or the next check-in) repairs a count a dead scan missed.
  const already = await inTransaction(async (t) => {
    const current = (await t.collection('activity_signups').doc(signup._id).get()).data as SignupDoc | null;
    if (!current) throw new AppError('NOT_FOUND', '没有找到这条报名');
    if (current.state === 'attended') return true;
    await t
      .collection('activity_signups')
      .doc(signup._id)
      .update({
        state: 'attended',
        checkedInAt: now,
        checkedInBy: caller._id,
        updatedAt: now,
        ...(hours ? { hoursCredited: hours } : {}),
      });
    if (teamId && hours) {
      // The ledger record's id is the sign-up's: a second check-in never credits twice.
      const record = hoursRecord({
        _id: signup._id,
        residentId: signup.participantId,
        teamId,
        teamName,
        source: 'activity',
        sourceId: activity._id,
        title: activity.title,
        hours,
        startAt: activity.startAt,
        at: now,
      });
      await writeHours(record, t);
    }
    return false;
  });
  if (!already && teamId && hours) await bumpTeamHours(teamId, hours);
  const attended = await recountAttendance(activity._id);
  return {
    signupId: signup._id,
    name,
    companions: signup.companions,
    already,
    hoursCredited: already ? (signup.hoursCredited ?? 0) : hours,
    attended,
  };
}
