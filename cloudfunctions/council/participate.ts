/**
 * What residents do: propose (screened, photos checked asynchronously, a bounded number
 * of open proposals), withdraw, support, comment with a stance, and vote — one ballot per
 * household, enforced by the ballot's key, with running tallies kept by atomic increments.
 */
import { randomBytes } from 'node:crypto';
import type { CommentView, MyVoteView, Stance, TopicDraft } from '../../typings/domain/council';
import type { CouncilActions } from '../../typings/functions/council';
import type { Caller } from '../shared/caller';
import type { BuildingDoc } from '../shared/docs';
import { collection, command } from '../shared/cloud';
import { isPublic } from '../shared/content';
import {
  ballotId,
  buildingKey,
  CATEGORIES,
  CATEGORY_LABELS,
  commentsOpen,
  decideBallot,
  inScope,
  managerKey,
  normaliseScope,
  OPEN_PROPOSAL_LIMIT,
  participationBlock,
  scopeKeys,
  supportOpen,
} from '../shared/domain/council';
import { buildingLabel } from '../shared/domain/labels';
import { AppError } from '../shared/errors';
import { assertNotBlocked, holdForReview, screenText, submitImages } from '../shared/moderation';
import { acceptUploads } from '../shared/storage';
import type { BallotDoc, CommentDoc, SlotDoc, SupportDoc, TopicDoc } from './docs';
import { loadTopic, loadVisibleTopic, managesTopic, transition, type Viewer } from './store';
import { insertOnce, insertOrFind, requestedId } from '../shared/unique';
import { leftByTheDead } from '../shared/leases';
import { readAll } from '../shared/paging';
import { commentView } from './views';

export function newId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString('hex')}`;
}

// ---------------------------------------------------------------------------------------
// Open-proposal slots: `${residentId}#n` documents, taken by insert (the key is unique)
// ---------------------------------------------------------------------------------------

async function tryTakeSlot(residentId: string, topicId: string, now: Date): Promise<string | undefined> {
  for (let n = 0; n < OPEN_PROPOSAL_LIMIT; n++) {
    const slot: SlotDoc = { _id: `${residentId}#${n}`, residentId, topicId, at: now };
    if (await insertOnce('council_slots', slot)) return slot._id;
  }
  return undefined;
}

/**
 * Removes those of `slots` whose topic is no longer an open proposal: decided, refused by
 * moderation, or never written (a slot taken less than DEAD_AFTER_MS ago whose topic is
 * not there yet may belong to a proposal still being written: it stays).
 */
async function releaseClosed(slots: readonly SlotDoc[], now: Date): Promise<number> {
  if (!slots.length) return 0;
  const _ = command();
  const { data: topics } = await collection('council_topics')
    .where({ _id: _.in(slots.map((slot) => slot.topicId)) })
    .field({ status: true, moderation: true })
    .limit(1000)
    .get();
  const written = new Set((topics as { _id: string }[]).map((topic) => topic._id));
  const open = new Set(
    (topics as Pick<TopicDoc, '_id' | 'status' | 'moderation'>[])
      .filter((topic) => topic.status === 'proposed' && ['pass', 'review'].includes(topic.moderation.state))
      .map((topic) => topic._id),
  );
  let freed = 0;
  const gone = slots.filter(
    (each) => !open.has(each.topicId) && (written.has(each.topicId) || leftByTheDead(each.at, now)),
  );
  for (const slot of gone) {
    const { deleted } = await collection('council_slots').where({ _id: slot._id, topicId: slot.topicId }).remove();
    freed += deleted;
  }
  return freed;
}

/**
 * Frees a resident's slots whose topic is no longer open (a manager decided it, or
 * moderation refused it) — the slot is freed when a manager acts, this catches what
 * moderation did meanwhile.
 */
async function healSlots(residentId: string, now: Date): Promise<boolean> {
  const { data } = await collection('council_slots').where({ residentId }).limit(OPEN_PROPOSAL_LIMIT).get();
  return (await releaseClosed(data as SlotDoc[], now)) > 0;
}

/**
 * The timer's repair (closeVotes, every minute) of slots a dead invocation left held: a
 * topic decided, merged or withdrawn whose slot was not freed yet (freed at the next run),
 * and a proposal that took its slot and died before writing its topic (freed once the slot
 * is DEAD_AFTER_MS, 90 s, old: no writer can still be on its way). So a slot is held for
 * nothing at most about 2.5 minutes. Answers how many it freed.
 */
export async function freeLeftSlots(now: Date): Promise<number> {
  const slots = await readAll<SlotDoc>('council_slots', {}, { fields: { residentId: true, topicId: true, at: true } });
  let freed = 0;
  for (let i = 0; i < slots.length; i += 500) freed += await releaseClosed(slots.slice(i, i + 500), now);
  return freed;
}

async function takeSlot(residentId: string, topicId: string, now: Date): Promise<string> {
  const slot =
    (await tryTakeSlot(residentId, topicId, now)) ??
    ((await healSlots(residentId, now)) ? await tryTakeSlot(residentId, topicId, now) : undefined);
  if (!slot) {
    throw new AppError('CONFLICT', `您已有${OPEN_PROPOSAL_LIMIT}个议题在等待受理，请等工作人员处理后再提新的议题`);
  }
  return slot;
}

/** Frees the proposer's slot once the topic leaves 征集中. */
export async function freeSlot(topicId: string): Promise<void> {
  await collection('council_slots').where({ topicId }).remove();
}

// ---------------------------------------------------------------------------------------
// Propose and withdraw
// ---------------------------------------------------------------------------------------

export async function proposeForm(viewer: Viewer): Promise<CouncilActions['proposeForm']['output']> {
  const [{ data }, { total }] = await Promise.all([
    collection('buildings').orderBy('no', 'asc').limit(1000).get(),
    collection('council_slots').where({ residentId: viewer.residentId }).count(),
  ]);
  return {
    myBuildingNo: viewer.buildingNo!,
    myBuildingLabel: buildingLabel(viewer.buildingNo!),
    buildings: (data as BuildingDoc[]).map((building) => ({ no: building.no, label: buildingLabel(building.no) })),
    categories: CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] })),
    open: total,
    limit: OPEN_PROPOSAL_LIMIT,
  };
}

type Proposed = CouncilActions['propose']['output'];

/**
 * The answer to a retry whose topic is already written (its answer lost): that topic; one
 * held for review is queued again, in case the first run died before queueing it.
 */
async function proposalMade(topic: TopicDoc, now: Date): Promise<Proposed> {
  const held = topic.moderation.state === 'review';
  if (held) {
    await holdForReview(
      { kind: 'topic', id: topic._id },
      {
        authorId: topic.authorId,
        excerpt: `${topic.title} ${topic.body}`,
        label: topic.moderation.label,
        reason: 'review',
      },
      now,
    );
  }
  const { total: open } = await collection('council_slots').where({ residentId: topic.authorId }).count();
  return { id: topic._id, held, open, limit: OPEN_PROPOSAL_LIMIT };
}

/**
 * Writes, in this order: the slot (naming the topic), the topic. A death between leaves a
 * slot whose topic never appeared: the retry (same request id, same topic id) takes it up,
 * else the timer frees it (freeLeftSlots, within about 2.5 minutes).
 */
export async function propose(
  { requestId, ...draft }: TopicDraft & { requestId?: string },
  caller: Caller,
  viewer: Viewer,
  now: Date,
): Promise<Proposed> {
  const resident = caller.resident!;
  const openid = caller.openid!;
  const id = requestId ? requestedId('t', resident._id, requestId) : newId('t');
  let left: SlotDoc | undefined;
  if (requestId) {
    const [{ data: made }, { data: slots }] = await Promise.all([
      collection('council_topics').doc(id).get(),
      collection('council_slots').where({ topicId: id }).limit(1).get(),
    ]);
    if (made[0]) return proposalMade(made[0] as TopicDoc, now);
    left = slots[0] as SlotDoc | undefined;
  }
  assertNotBlocked(resident, now);
  const scope = normaliseScope(draft.scope);
  if (!inScope(scope, viewer.buildingNo)) {
    throw new AppError('FORBIDDEN', `议题的范围需要包括您所在的${buildingLabel(viewer.buildingNo!)}`);
  }
  if (scope.kind === 'buildings' && scope.buildingNos.length > 1) {
    const { total } = await collection('buildings')
      .where({ no: command().in(scope.buildingNos) })
      .count();
    if (total !== scope.buildingNos.length) throw new AppError('INVALID_INPUT', '所选楼号不存在');
  }
  // Title and description in one check: one round trip to WeChat.
  const verdict = await screenText(openid, 3, [`${draft.title}\n${draft.body}`]);
  await acceptUploads('topic', openid, draft.images);
  const slot = left?._id ?? (await takeSlot(resident._id, id, now));
  const topic: TopicDoc = {
    _id: id,
    title: draft.title,
    body: draft.body,
    category: draft.category,
    scope,
    scopeKeys: scopeKeys(scope),
    managerKey: managerKey(scope),
    authorId: resident._id,
    authorLabel: viewer.label,
    authorHouseholdId: viewer.householdId!,
    images: draft.images.map((fileID) => ({ fileID, state: 'pending' })),
    proposalImages: draft.images.length,
    moderation: { state: verdict.state, flags: 0, ...(verdict.label ? { label: verdict.label } : {}) },
    status: 'proposed',
    statusAt: now,
    supportCount: 0,
    commentCount: 0,
    stanceCounts: { support: 0, neutral: 0, oppose: 0 },
    milestones: [],
    mergedFrom: [],
    timeline: [{ kind: 'proposed', at: now, actor: viewer.label }],
    createdAt: now,
    updatedAt: now,
  };
  let added = false;
  try {
    const inserted = await insertOrFind('council_topics', topic);
    if (!inserted.created) {
      // The same request ran alongside and wrote it first: its slot is the one kept.
      if (!left) await collection('council_slots').where({ _id: slot, topicId: id }).remove();
      return proposalMade(inserted.existing, now);
    }
    added = true;
    await submitImages(openid, { kind: 'topic', id }, draft.images, now);
  } catch (error) {
    // Nothing half-made stays behind: the topic and its slot go, the resident may retry.
    if (added) await collection('council_topics').doc(id).remove();
    await collection('council_slots').where({ _id: slot, topicId: id }).remove();
    throw error;
  }
  if (verdict.state === 'review') {
    await holdForReview(
      { kind: 'topic', id },
      { authorId: resident._id, excerpt: `${draft.title} ${draft.body}`, label: verdict.label, reason: 'review' },
      now,
    );
  }
  const { total: open } = await collection('council_slots').where({ residentId: resident._id }).count();
  return { id, held: verdict.state === 'review', open, limit: OPEN_PROPOSAL_LIMIT };
}

export async function withdraw(id: string, viewer: Viewer, now: Date) {
  const topic = await loadVisibleTopic(id, viewer);
  if (topic.authorId !== viewer.residentId) throw new AppError('FORBIDDEN', '只有提议人可以撤回议题');
  const status = await transition(topic, 'withdraw', {
    now,
    requirePublic: false,
    timeline: [{ kind: 'withdrawn', at: now, actor: viewer.label }],
  });
  // After the step: a slot left held by a death between is the timer's to free (freeLeftSlots).
  await freeSlot(topic._id);
  return { id, status };
}

// ---------------------------------------------------------------------------------------
// Support and comments
// ---------------------------------------------------------------------------------------

function requireParticipant(topic: TopicDoc, viewer: Viewer): void {
  const blocked = participationBlock(topic.scope, { verified: viewer.verified, buildingNo: viewer.buildingNo });
  if (blocked) throw new AppError(viewer.verified ? 'FORBIDDEN' : 'NOT_VERIFIED', blocked);
}

function requirePublic(topic: TopicDoc): void {
  if (!isPublic(topic.moderation)) throw new AppError('CONFLICT', '议题审核通过后才能参与');
}

export async function support(
  id: string,
  on: boolean,
  viewer: Viewer,
  now: Date,
): Promise<{ supportCount: number; household: boolean; byMe: boolean }> {
  const topic = await loadVisibleTopic(id, viewer);
  requirePublic(topic);
  requireParticipant(topic, viewer);
  if (!supportOpen(topic.status)) throw new AppError('CONFLICT', '议题已进入表决或之后的阶段，不再收集支持');
  const _ = command();
  const key = ballotId(topic._id, viewer.householdId!);
  const topics = collection('council_topics');
  if (on) {
    const doc: SupportDoc = {
      _id: key,
      topicId: topic._id,
      householdId: viewer.householdId!,
      residentId: viewer.residentId!,
      at: now,
    };
    const inserted = await insertOrFind('council_supports', doc);
    if (!inserted.created) {
      // The household already supports it (a double tap, or a family member).
      return {
        supportCount: topic.supportCount,
        household: true,
        byMe: inserted.existing.residentId === viewer.residentId,
      };
    }
    await topics.doc(topic._id).update({ supportCount: _.inc(1), supportSeq: _.inc(1) });
    return { supportCount: topic.supportCount + 1, household: true, byMe: true };
  }
  // A removal leaves no document to date it: the topic says a writer may be between its
  // delete and its count, so the timer's reconcile waits (see reconcileSupportCounts).
  await topics.doc(topic._id).update({ supportTouchedAt: now });
  const { deleted } = await collection('council_supports').where({ _id: key, residentId: viewer.residentId }).remove();
  if (deleted === 1) {
    await topics.doc(topic._id).update({ supportCount: _.inc(-1), supportSeq: _.inc(1) });
    return { supportCount: Math.max(0, topic.supportCount - 1), household: false, byMe: false };
  }
  const { data } = await collection('council_supports').doc(key).get();
  if (data.length) throw new AppError('CONFLICT', '这是家人点的支持，需由家人本人取消');
  return { supportCount: topic.supportCount, household: false, byMe: false };
}

function officialLabel(viewer: Viewer, topic: TopicDoc): string {
  if (viewer.staff) return '社区工作人员';
  const building = viewer.secretaryOf.find((no) => buildingKey(no) === topic.managerKey);
  return building ? `${buildingLabel(building)}党支部书记` : viewer.label;
}

/**
 * The answer to a retry whose comment is already written (its answer lost): the comment as
 * stored. Its counts are the timer's to fix if the first run died before moving them
 * (reconcileCommentCounts); a comment held for review is queued again, in case it died
 * before queueing it.
 */
async function commentMade(
  doc: CommentDoc,
  viewer: Viewer,
  now: Date,
): Promise<{ comment: CommentView; held: boolean }> {
  const held = doc.moderation.state === 'review';
  if (held) {
    await holdForReview(
      { kind: 'comment', id: doc._id },
      { authorId: doc.authorId, excerpt: doc.body, label: doc.moderation.label, reason: 'review' },
      now,
    );
  }
  return { comment: commentView(doc, viewer), held };
}

export async function comment(
  input: { id: string; body: string; stance?: Stance; parentId?: string; requestId?: string },
  caller: Caller,
  viewer: Viewer,
  now: Date,
): Promise<{ comment: CommentView; held: boolean }> {
  const id = input.requestId ? requestedId('c', viewer.residentId!, input.requestId) : newId('c');
  if (input.requestId) {
    const { data } = await collection('council_comments').doc(id).get();
    const made = data[0] as CommentDoc | undefined;
    if (made) return commentMade(made, viewer, now);
  }
  const topic = await loadVisibleTopic(input.id, viewer);
  requirePublic(topic);
  const official = managesTopic(viewer, topic);
  if (!official) requireParticipant(topic, viewer);
  if (!commentsOpen(topic.status)) throw new AppError('CONFLICT', '投票结束后不再接受新的讨论');
  let parent: CommentDoc | undefined;
  if (input.parentId) {
    if (input.stance) throw new AppError('INVALID_INPUT', '回复不需要选择立场');
    const { data } = await collection('council_comments').doc(input.parentId).get();
    parent = data[0] as CommentDoc | undefined;
    if (!parent || parent.topicId !== topic._id || parent.isReply || !isPublic(parent.moderation)) {
      throw new AppError('NOT_FOUND', '要回复的评论不存在或已删除');
    }
  } else if (!input.stance) {
    throw new AppError('INVALID_INPUT', '请选择您的立场：支持、中立或反对');
  }
  assertNotBlocked(caller.resident, now);
  const verdict = await screenText(caller.openid!, 2, [input.body]);
  const doc: CommentDoc = {
    _id: id,
    topicId: topic._id,
    isReply: Boolean(parent),
    parentId: parent?._id ?? '',
    body: input.body,
    ...(input.stance ? { stance: input.stance } : {}),
    authorId: viewer.residentId!,
    authorLabel: official ? officialLabel(viewer, topic) : viewer.label,
    official,
    moderation: { state: verdict.state, flags: 0, ...(verdict.label ? { label: verdict.label } : {}) },
    replyCount: 0,
    createdAt: now,
  };
  const inserted = await insertOrFind('council_comments', doc);
  // The same request ran alongside and wrote it first: that run moves the counts.
  if (!inserted.created) return commentMade(inserted.existing, viewer, now);
  const _ = command();
  if (verdict.state === 'review') {
    await holdForReview(
      { kind: 'comment', id: doc._id },
      { authorId: doc.authorId, excerpt: doc.body, label: verdict.label, reason: 'review' },
      now,
    );
  } else {
    // Counts (and stances) show what everyone can read: a held comment is not counted.
    await Promise.all([
      collection('council_topics')
        .doc(topic._id)
        .update({
          commentCount: _.inc(1),
          ...(doc.stance ? { [`stanceCounts.${doc.stance}`]: _.inc(1) } : {}),
          commentSeq: _.inc(1),
        }),
      parent
        ? collection('council_comments')
            .doc(parent._id)
            .update({ replyCount: _.inc(1) })
        : Promise.resolve(),
    ]);
  }
  return { comment: commentView(doc, viewer), held: verdict.state === 'review' };
}

// ---------------------------------------------------------------------------------------
// Voting
// ---------------------------------------------------------------------------------------

export function requireOpenVote(topic: TopicDoc, now: Date): NonNullable<TopicDoc['vote']> {
  if (topic.status !== 'voting' || !topic.vote) throw new AppError('CONFLICT', '议题不在投票阶段');
  if (topic.vote.deadline.getTime() <= now.getTime()) throw new AppError('CONFLICT', '投票已截止');
  return topic.vote;
}

export function requireChoice(vote: NonNullable<TopicDoc['vote']>, choice: number): void {
  if (choice >= vote.options.length) throw new AppError('INVALID_INPUT', '请选择一个选项');
}

/**
 * Moves the running tallies, only while the topic is still voting. False when the vote
 * closed in the meantime (the caller then undoes its ballot write).
 */
export async function countBallot(
  topicId: string,
  change: { add: number; remove?: number; newBallot: boolean; paper?: boolean },
): Promise<boolean> {
  const _ = command();
  const { updated } = await collection('council_topics')
    .where({ _id: topicId, status: 'voting' })
    .update({
      [`vote.tallies.${change.add}`]: _.inc(1),
      ...(change.remove !== undefined ? { [`vote.tallies.${change.remove}`]: _.inc(-1) } : {}),
      ...(change.newBallot ? { 'vote.cast': _.inc(1) } : {}),
      ...(change.newBallot && change.paper ? { 'vote.paper': _.inc(1) } : {}),
      // Every move of the counts bumps it: the timer's reconcile sets counts only if none moved meanwhile.
      'vote.seq': _.inc(1),
    });
  return updated === 1;
}

/** `topic`: the topic as read with the caller (topicJoin); read here when not given. */
export async function vote(
  id: string,
  choice: number,
  viewer: Viewer,
  now: Date,
  given?: TopicDoc,
): Promise<{ myVote: MyVoteView; cast: number }> {
  const topic = given ?? (await loadTopic(id));
  requirePublic(topic);
  const open = requireOpenVote(topic, now);
  requireParticipant(topic, viewer);
  requireChoice(open, choice);
  const key = ballotId(topic._id, viewer.householdId!);
  const ballots = collection('council_ballots');
  const mine: MyVoteView = { canVote: true, householdVoted: true, castByMe: true, choice, channel: 'online' };
  const ballot: BallotDoc = {
    _id: key,
    topicId: topic._id,
    householdId: viewer.householdId!,
    buildingNo: viewer.buildingNo!,
    channel: 'online',
    choice,
    castBy: viewer.residentId!,
    at: now,
  };
  const inserted = await insertOrFind('council_ballots', ballot);
  // Not created: the household's ballot is there, as the failed insert's read found it.
  if (!inserted.created) return changeVote(topic, key, choice, viewer, now, mine, inserted.existing);
  if (!(await countBallot(topic._id, { add: choice, newBallot: true }))) {
    await ballots.where({ _id: key, castBy: viewer.residentId }).remove();
    throw new AppError('CONFLICT', '投票已截止');
  }
  return { myVote: mine, cast: open.cast + 1 };
}

async function changeVote(
  topic: TopicDoc,
  key: string,
  choice: number,
  viewer: Viewer,
  now: Date,
  mine: MyVoteView,
  existing: BallotDoc,
): Promise<{ myVote: MyVoteView; cast: number }> {
  const ballots = collection('council_ballots');
  const decision = decideBallot(existing, viewer.residentId!, choice);
  const cast = topic.vote!.cast;
  if (decision.kind === 'refuse') throw new AppError('CONFLICT', decision.message);
  if (decision.kind === 'same') return { myVote: mine, cast };
  // The ballot vanished between the two reads (a vote undone as the deadline passed).
  if (decision.kind === 'cast') throw new AppError('CONFLICT', '您的选票刚刚有变化，请刷新后再试');
  // Compare-and-set on the ballot: two changes at once cannot both move the tallies.
  const { updated } = await ballots
    .where({ _id: key, castBy: viewer.residentId, choice: decision.from })
    .update({ choice, changedAt: now });
  if (updated !== 1) throw new AppError('CONFLICT', '您的选票刚刚有变化，请刷新后再试');
  if (!(await countBallot(topic._id, { add: choice, remove: decision.from, newBallot: false }))) {
    await ballots.where({ _id: key, choice }).update({ choice: decision.from });
    throw new AppError('CONFLICT', '投票已截止');
  }
  return { myVote: mine, cast };
}
