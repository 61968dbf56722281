/**
 * Database helpers of the council function: who the caller is in council terms, loading a
 * topic, state transitions as conditional updates (the database refuses a stale one),
 * the people who took part in a topic, and pushes to them.
 */
import type { PushSummary } from '../../typings/domain/push';
import type { Role } from '../../typings/domain/community';
import type { TopicStatus } from '../../typings/domain/council';
import type { Caller, CallerNeeds } from '../shared/caller';
import { collection, command } from '../shared/cloud';
import { isPublic, type ModerationInfo } from '../shared/content';
import {
  canManage,
  isStaff,
  nextStatus,
  residentLabel,
  secretaryBuildings,
  type TopicEvent,
} from '../shared/domain/council';
import { AppError } from '../shared/errors';
import { readAll } from '../shared/paging';
import { push, type Audience } from '../shared/push';
import { deadBefore } from '../shared/leases';
import type { BallotDoc, CommentDoc, PendingTellDoc, SupportDoc, TimelineDoc, TopicDoc } from './docs';

/** The caller as the council sees them. */
export interface Viewer {
  residentId?: string;
  openid?: string;
  name?: string;
  /** Only for a verified household. */
  householdId?: string;
  buildingNo?: number;
  verified: boolean;
  roles: Role[];
  staff: boolean;
  secretaryOf: number[];
  /** e.g. "林*燕（5号楼）", what others see as the author. */
  label: string;
}

export function viewerOf(caller: Caller): Viewer {
  const resident = caller.resident;
  const verified = resident?.binding.status === 'verified' && Boolean(resident.householdId);
  const buildingNo = verified ? resident?.binding.address?.buildingNo : undefined;
  const roles = resident?.roles ?? [];
  // A name still held by content review is not shown to other residents.
  const nameReview = (resident as { moderation?: Partial<ModerationInfo> } | null)?.moderation;
  const shownName = resident && isPublic(nameReview) ? resident.name : '居民';
  return {
    ...(resident ? { residentId: resident._id, name: resident.name } : {}),
    ...(caller.openid ? { openid: caller.openid } : {}),
    ...(verified ? { householdId: resident!.householdId!, buildingNo } : {}),
    verified,
    roles,
    staff: isStaff(roles),
    secretaryOf: secretaryBuildings(roles),
    label: residentLabel(shownName, buildingNo),
  };
}

export function managesTopic(viewer: Viewer, topic: Pick<TopicDoc, 'scope'>): boolean {
  return canManage(viewer.roles, topic.scope);
}

/** The topic, or NOT_FOUND. */
export async function loadTopic(id: string): Promise<TopicDoc> {
  const { data } = await collection('council_topics').doc(id).get();
  return topicFrom(data);
}

/** The topic a read (or a caller join, topicJoin) found, or NOT_FOUND. */
export function topicFrom(rows: readonly unknown[] | undefined): TopicDoc {
  const topic = rows?.[0] as TopicDoc | undefined;
  if (!topic) throw new AppError('NOT_FOUND', '议题不存在或已删除');
  return topic;
}

/** The topic, read with the caller in its round trip (runtime `caller`), as `joined.topic`. */
export function topicJoin(id: string): CallerNeeds {
  return { joins: { topic: { from: 'council_topics', match: { _id: id }, limit: 1 } } };
}

/** Whether the viewer may see the topic at all (held / hidden topics: author and staff only). */
export function visibleTo(topic: TopicDoc, viewer: Viewer): boolean {
  return isPublic(topic.moderation) || topic.authorId === viewer.residentId || viewer.staff;
}

/** A topic the viewer may see, or NOT_FOUND (never revealing that a held one exists). */
export async function loadVisibleTopic(id: string, viewer: Viewer): Promise<TopicDoc> {
  const topic = await loadTopic(id);
  if (!visibleTo(topic, viewer)) throw new AppError('NOT_FOUND', '议题不存在或已删除');
  return topic;
}

export function requireManager(viewer: Viewer, topic: TopicDoc): void {
  if (!managesTopic(viewer, topic)) {
    throw new AppError(
      'FORBIDDEN',
      topic.managerKey === 'staff'
        ? '全社区或多栋楼的议题由社区工作人员办理'
        : '只有本楼党支部书记或社区工作人员可以办理',
    );
  }
}

const REFUSED_BECAUSE: Record<TopicStatus, string> = {
  proposed: '议题还在征集中',
  discussing: '议题正在讨论中',
  voting: '议题正在投票中',
  decided: '议题已决议',
  implementing: '议题正在落实中',
  completed: '议题已完成',
  declined: '议题未列入议程',
  merged: '议题已合并到其他议题',
  withdrawn: '议题已撤回',
};

/**
 * Moves a topic by `event` with one conditional update: it applies only if the topic is
 * still in the status it was read in (and matches `where`), so two managers acting at
 * once cannot both succeed, and no illegal transition is ever written.
 */
export async function transition(
  topic: TopicDoc,
  event: TopicEvent,
  options: {
    now: Date;
    set?: Record<string, unknown>;
    timeline?: TimelineDoc[];
    where?: Record<string, unknown>;
    /** Managers act only on topics that passed moderation; the timer closes votes regardless. */
    requirePublic?: boolean;
  },
): Promise<TopicStatus> {
  const to = nextStatus(topic.status, event);
  if (!to) throw new AppError('CONFLICT', `${REFUSED_BECAUSE[topic.status]}，不能进行此操作`);
  if (options.requirePublic !== false && !isPublic(topic.moderation)) {
    throw new AppError('CONFLICT', '议题正在审核中，审核通过后才能办理');
  }
  const _ = command();
  const { updated } = await collection('council_topics')
    .where({
      _id: topic._id,
      status: topic.status,
      ...(options.requirePublic !== false ? { 'moderation.state': 'pass' } : {}),
      ...options.where,
    })
    .update({
      status: to,
      ...(to !== topic.status ? { statusAt: options.now } : {}),
      updatedAt: options.now,
      ...(options.timeline?.length ? { timeline: _.push(options.timeline) } : {}),
      ...options.set,
    });
  if (updated !== 1) throw new AppError('CONFLICT', '议题刚刚有了变化，请刷新后再试');
  return to;
}

function allOf<T extends { _id: string }>(
  name: 'council_supports' | 'council_comments' | 'council_ballots',
  where: object,
  fields: Record<string, boolean>,
): Promise<T[]> {
  return readAll<T>(name, where, { fields });
}

/** Everyone who took part: the proposer, supporters, commenters and online voters. */
export async function participantIds(topic: TopicDoc): Promise<string[]> {
  const [supports, comments, ballots] = await Promise.all([
    allOf<Pick<SupportDoc, '_id' | 'residentId'>>('council_supports', { topicId: topic._id }, { residentId: true }),
    allOf<Pick<CommentDoc, '_id' | 'authorId'>>('council_comments', { topicId: topic._id }, { authorId: true }),
    topic.vote
      ? allOf<Pick<BallotDoc, '_id' | 'castBy'>>(
          'council_ballots',
          { topicId: topic._id, channel: 'online' },
          { castBy: true },
        )
      : Promise.resolve([]),
  ]);
  const ids = new Set<string>([topic.authorId]);
  for (const support of supports) ids.add(support.residentId);
  for (const comment of comments) ids.add(comment.authorId);
  for (const ballot of ballots) if (ballot.castBy) ids.add(ballot.castBy);
  return [...ids];
}

export function topicPage(id: string): string {
  return `/packages/council/pages/detail/index?id=${id}`;
}

export interface CouncilMessage {
  title: string;
  body: string;
  note: string;
  /** Names the fan-out, so a timer finishing a cut-off step continues it instead of sending twice. */
  key?: string;
}

/**
 * Pushes a step of a topic (template `council`): in 我的消息 for every recipient, as a
 * WeChat message to those holding a credit. A failed push never undoes the step.
 */
export async function notify(
  audience: Audience | 'participants',
  topic: TopicDoc,
  message: CouncilMessage,
  now: Date,
): Promise<PushSummary | undefined> {
  try {
    const target: Audience =
      audience === 'participants' ? { kind: 'residents', residentIds: await participantIds(topic) } : audience;
    return await push(
      target,
      { template: 'council', ...message, page: topicPage(topic._id), source: { kind: 'topic', id: topic._id } },
      now,
    );
  } catch (error) {
    console.error('[council] push failed; the step stands', error);
    return undefined;
  }
}

/** The audience of a topic's scope: every verified resident it concerns. */
export function scopeAudience(topic: TopicDoc): Audience {
  return topic.scope.kind === 'community'
    ? { kind: 'community' }
    : { kind: 'community', buildingNos: topic.scope.buildingNos };
}

/** The push a step owes, to write with the step (`tells: _.push([...])`), keyed by the step. */
export function pendingTell(
  topic: Pick<TopicDoc, '_id'>,
  step: string,
  to: PendingTellDoc['to'],
  message: Pick<PendingTellDoc, 'title' | 'body' | 'note'>,
  now: Date,
): PendingTellDoc {
  return { key: `topic:${topic._id}:${step}`, to, ...message, at: now };
}

/**
 * Pushes what a step owes, then takes it off the topic. A failed push leaves it for the
 * timer (tellLeft); a push begun by a dead invocation is continued by its key.
 */
export async function tell(topic: TopicDoc, owed: PendingTellDoc, now: Date): Promise<PushSummary | undefined> {
  const audience: Audience | 'participants' =
    owed.to === 'participants'
      ? 'participants'
      : owed.to === 'author'
        ? { kind: 'residents', residentIds: [topic.authorId] }
        : scopeAudience(topic);
  const notified = await notify(
    audience,
    topic,
    { title: owed.title, body: owed.body, note: owed.note, key: owed.key },
    now,
  );
  if (notified) {
    await collection('council_topics')
      .doc(topic._id)
      .update({ tells: command().pull({ key: owed.key }) });
  }
  return notified;
}

/** The timer: pushes owed by steps whose invocation died before pushing (left DEAD_AFTER_MS ago). */
export async function tellLeft(now: Date): Promise<number> {
  const since = deadBefore(now);
  const { data } = await collection('council_topics')
    .where({ 'tells.at': command().lte(since) })
    .limit(20)
    .get();
  let told = 0;
  for (const topic of data as TopicDoc[]) {
    for (const owed of topic.tells ?? []) {
      if (new Date(owed.at).getTime() > since.getTime()) continue;
      if (await tell(topic, owed, now)) told++;
    }
  }
  return told;
}
