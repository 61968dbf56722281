/**
 * What managers do (staff; a branch secretary for their building's topics): accept,
 * merge or decline proposals, open votes, enter paper ballots, answer, add milestones —
 * and the timer that closes votes at their deadline. Every step is a conditional state
 * transition, recorded on the topic's timeline and pushed to the people who took part.
 */
import type { AnswerKind, ManageResult, MilestoneView, TopicStatus } from '../../typings/domain/council';
import type { PushSummary } from '../../typings/domain/push';
import { collection, command } from '../shared/cloud';
import { inTransaction } from '../shared/transactions';
import { isPublic } from '../shared/content';
import type { BuildingDoc, HouseholdDoc, ResidentDoc } from '../shared/docs';
import type { CouncilActions } from '../../typings/functions/council';
import {
  ANSWER_LABELS,
  APPROVAL_OPTIONS,
  ballotId,
  CLOSE_GRACE_MS,
  deadlineProblem,
  decidePaperBallot,
  inScope,
  managerLabel,
  MAX_MILESTONES,
  outcomeLabel,
  quorumNeeded,
  voteResult,
  type VoteResult,
} from '../shared/domain/council';
import { addressLabel, buildingLabel } from '../shared/domain/labels';
import { AppError } from '../shared/errors';
import { checkImagesAt } from '../shared/moderation';
import { acceptUploads } from '../shared/storage';
import { COMMUNITY_TZ, dayjs, formatShanghai } from '../shared/time';
import type { BallotDoc, CommentDoc, MilestoneDoc, TimelineDoc, TopicDoc, VoteDoc } from './docs';
import { readAll } from '../shared/paging';
import { countBallot, freeLeftSlots, freeSlot, newId, requireChoice, requireOpenVote } from './participate';
import { loadTopic, notify, pendingTell, requireManager, tell, tellLeft, transition, type Viewer } from './store';
import { insertOnce, requestedId } from '../shared/unique';
import { deadBefore, leftByTheDead } from '../shared/leases';
import { milestoneView } from './views';

function signature(viewer: Viewer, topic: TopicDoc): string {
  return managerLabel(viewer.roles, topic.scope);
}

function quoted(topic: Pick<TopicDoc, 'title'>): string {
  return `《${topic.title}》`;
}

// ---------------------------------------------------------------------------------------
// The agenda: accept, decline, merge
// ---------------------------------------------------------------------------------------

export async function accept(id: string, note: string | undefined, viewer: Viewer, now: Date): Promise<ManageResult> {
  const topic = await loadTopic(id);
  requireManager(viewer, topic);
  const owed = pendingTell(
    topic,
    'accepted',
    'participants',
    {
      title: '议题已列入议程',
      body: `您参与的议题${quoted(topic)}已列入议程，欢迎参与讨论。${note ? `说明：${note}` : ''}`,
      note: `${topic.title} 已列入议程`,
    },
    now,
  );
  const status = await transition(topic, 'accept', {
    now,
    set: { tells: command().push([owed]) },
    timeline: [{ kind: 'accepted', at: now, actor: signature(viewer, topic), ...(note ? { text: note } : {}) }],
  });
  // After the step: a death between the two leaves a slot held by a topic no longer
  // open, which the timer frees (freeLeftSlots); never an open proposal without its slot.
  await freeSlot(topic._id);
  const notified = await tell(topic, owed, now);
  return { id, status, ...(notified ? { notified } : {}) };
}

export async function decline(id: string, reason: string, viewer: Viewer, now: Date): Promise<ManageResult> {
  const topic = await loadTopic(id);
  requireManager(viewer, topic);
  // The reason goes to the proposer only.
  const owed = pendingTell(
    topic,
    'declined',
    'author',
    {
      title: '议题未列入议程',
      body: `您提出的议题${quoted(topic)}未列入议程。原因：${reason}`,
      note: `原因：${reason}`,
    },
    now,
  );
  const status = await transition(topic, 'decline', {
    now,
    set: { declineReason: reason, tells: command().push([owed]) },
    timeline: [{ kind: 'declined', at: now, actor: signature(viewer, topic), text: reason }],
  });
  // After the step, as in accept: a slot left held is the timer's to free.
  await freeSlot(topic._id);
  const notified = await tell(topic, owed, now);
  return { id, status, ...(notified ? { notified } : {}) };
}

/** Merges a proposal into a topic on the agenda (or another proposal), in one transaction. */
export async function merge(id: string, intoId: string, viewer: Viewer, now: Date): Promise<ManageResult> {
  if (id === intoId) throw new AppError('INVALID_INPUT', '不能合并到议题本身');
  const [source, target] = await Promise.all([loadTopic(id), loadTopic(intoId)]);
  requireManager(viewer, source);
  requireManager(viewer, target);
  if (source.status !== 'proposed') throw new AppError('CONFLICT', '只有征集中的议题可以合并');
  if (!['proposed', 'discussing'].includes(target.status)) {
    throw new AppError('CONFLICT', '只能合并到征集中或讨论中的议题');
  }
  if (!isPublic(source.moderation) || !isPublic(target.moderation)) {
    throw new AppError('CONFLICT', '议题正在审核中，审核通过后才能办理');
  }
  const _ = command();
  const actor = signature(viewer, source);
  const owed = pendingTell(
    source,
    'merged',
    'participants',
    {
      title: '议题已合并',
      body: `您参与的议题${quoted(source)}已合并到${quoted(target)}，请到新议题继续讨论。`,
      note: `已合并到${quoted(target)}`,
    },
    now,
  );
  // shared/transactions: a retry meeting a transaction a dead invocation left open gets a
  // coded CONFLICT (the SDK's runTransaction retries every error and answers INTERNAL).
  await inTransaction(async (t) => {
    const [a, b] = await Promise.all([
      t.collection('council_topics').doc(id).get(),
      t.collection('council_topics').doc(intoId).get(),
    ]);
    const fresh = a.data as TopicDoc | null;
    const into = b.data as TopicDoc | null;
    if (fresh?.status !== 'proposed' || !into || !['proposed', 'discussing'].includes(into.status)) {
      throw new AppError('CONFLICT', '议题刚刚有了变化，请刷新后再试');
    }
    await t
      .collection('council_topics')
      .doc(id)
      .update({
        status: 'merged',
        statusAt: now,
        updatedAt: now,
        mergedInto: { id: intoId, title: into.title },
        tells: _.push([owed]),
        timeline: _.push([{ kind: 'merged_into', at: now, actor, text: `合并到${quoted(into)}` }]),
      });
    await t
      .collection('council_topics')
      .doc(intoId)
      .update({
        updatedAt: now,
        mergedFrom: _.push([{ id, title: fresh.title }]),
        timeline: _.push([{ kind: 'merged_from', at: now, actor, text: `合并了议题${quoted(fresh)}` }]),
      });
  });
  // After the merge, as in accept: a slot left held is the timer's to free.
  await freeSlot(id);
  const notified = await tell(source, owed, now);
  return { id, status: 'merged', ...(notified ? { notified } : {}) };
}

// ---------------------------------------------------------------------------------------
// Votes
// ---------------------------------------------------------------------------------------

/** "YYYY-MM-DD HH:mm" on the community's wall clock. */
export function parseDeadline(text: string): Date {
  return dayjs.tz(text, COMMUNITY_TZ).toDate();
}

async function householdsInScope(topic: TopicDoc): Promise<number> {
  const households = collection('households');
  const { total } =
    topic.scope.kind === 'community'
      ? await households.count()
      : await households.where({ buildingNo: command().in(topic.scope.buildingNos) }).count();
  return total;
}

export async function openVote(
  input: { id: string; options?: string[]; deadline: string; quorumPercent: number },
  viewer: Viewer,
  now: Date,
): Promise<ManageResult> {
  const topic = await loadTopic(input.id);
  requireManager(viewer, topic);
  const deadline = parseDeadline(input.deadline);
  const problem = deadlineProblem(deadline, now);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  const options = input.options ?? [...APPROVAL_OPTIONS];
  if (new Set(options).size !== options.length) throw new AppError('INVALID_INPUT', '选项不能重复');
  if (topic.status !== 'discussing') throw new AppError('CONFLICT', '只有讨论中的议题可以发起投票');
  const electorate = await householdsInScope(topic);
  const vote: VoteDoc = {
    kind: input.options ? 'choice' : 'approval',
    options,
    deadline,
    quorumPercent: input.quorumPercent,
    electorate,
    tallies: options.map(() => 0),
    cast: 0,
    paper: 0,
    openedAt: now,
    openedBy: viewer.residentId!,
  };
  const needed = quorumNeeded(electorate, input.quorumPercent);
  const owed = pendingTell(
    topic,
    'vote_opened',
    'scope',
    {
      title: '议题开始投票',
      body: `议题${quoted(topic)}开始投票，${formatShanghai(deadline)}截止。每户一票，请到小程序“议事”中投票。`,
      note: `${formatShanghai(deadline, 'MM月DD日 HH:mm')}截止，每户一票`,
    },
    now,
  );
  const status = await transition(topic, 'openVote', {
    now,
    set: { vote, tells: command().push([owed]) },
    timeline: [
      {
        kind: 'vote_opened',
        at: now,
        actor: signature(viewer, topic),
        text: `${formatShanghai(deadline)}截止；范围内共${electorate}户，至少${needed}户参与投票结果才有效`,
      },
    ],
  });
  const notified = await tell(topic, owed, now);
  return { id: input.id, status, ...(notified ? { notified } : {}) };
}

/** Staff for any household in scope; a branch secretary for their own building's. */
function requirePaperClerk(viewer: Viewer, topic: TopicDoc, buildingNo: number): void {
  if (!inScope(topic.scope, buildingNo))
    throw new AppError('FORBIDDEN', `${buildingLabel(buildingNo)}不在本议题的范围内`);
  if (!viewer.staff && !viewer.secretaryOf.includes(buildingNo)) {
    throw new AppError('FORBIDDEN', '只有本楼党支部书记或社区工作人员可以录入纸质选票');
  }
}

/** The buildings in a topic's scope the viewer may enter paper ballots for. */
function paperBuildings(viewer: Viewer, topic: TopicDoc, all: readonly BuildingDoc[]): BuildingDoc[] {
  return all
    .filter((building) => inScope(topic.scope, building.no))
    .filter((building) => viewer.staff || viewer.secretaryOf.includes(building.no))
    .sort((a, b) => a.no - b.no);
}

export async function paperRoll(
  input: { id: string; buildingNo?: number; unitNo?: number },
  viewer: Viewer,
  now: Date,
): Promise<CouncilActions['paperRoll']['output']> {
  const [topic, { data: buildingDocs }] = await Promise.all([
    loadTopic(input.id),
    collection('buildings').limit(1000).get(),
  ]);
  const allowed = paperBuildings(viewer, topic, buildingDocs as BuildingDoc[]);
  const buildingNo = input.buildingNo ?? allowed[0]?.no;
  if (buildingNo === undefined) throw new AppError('FORBIDDEN', '只有本楼党支部书记或社区工作人员可以录入纸质选票');
  requirePaperClerk(viewer, topic, buildingNo);
  const building = allowed.find((each) => each.no === buildingNo);
  if (!building) throw new AppError('NOT_FOUND', '没有这栋楼');
  const units = Array.from({ length: building.units }, (_x, index) => index + 1);
  const unitNo = input.unitNo ?? 1;
  if (!units.includes(unitNo)) throw new AppError('NOT_FOUND', '没有这个单元');
  const vote = requireOpenVote(topic, now);
  const _ = command();
  const { data } = await collection('households').where({ buildingNo, unitNo }).limit(200).get();
  const households = (data as HouseholdDoc[]).sort(
    (a, b) => a.floor - b.floor || a.room.localeCompare(b.room, 'en', { numeric: true }),
  );
  const ids = households.map((household) => household._id);
  const [residents, ballots] = ids.length
    ? await Promise.all([
        collection('residents')
          .where({ householdId: _.in(ids), 'binding.status': 'verified' })
          .field({ name: true, openid: true, householdId: true })
          .limit(1000)
          .get(),
        collection('council_ballots')
          .where({ _id: _.in(ids.map((household) => ballotId(topic._id, household))) })
          .field({ householdId: true, channel: true })
          .limit(1000)
          .get(),
      ])
    : [{ data: [] }, { data: [] }];
  const people = new Map<string, Pick<ResidentDoc, 'name' | 'openid'>[]>();
  for (const resident of residents.data as Pick<ResidentDoc, 'name' | 'openid' | 'householdId'>[]) {
    const list = people.get(resident.householdId!) ?? [];
    list.push(resident);
    people.set(resident.householdId!, list);
  }
  const ballotOf = new Map(
    (ballots.data as Pick<BallotDoc, 'householdId' | 'channel'>[]).map((ballot) => [ballot.householdId, ballot]),
  );
  return {
    buildingNo,
    unitNo,
    buildings: allowed.map((each) => ({ no: each.no, label: buildingLabel(each.no) })),
    units,
    households: households.map((household) => {
      const members = people.get(household._id) ?? [];
      const hasWeChat = members.some((member) => Boolean(member.openid));
      const ballot = ballotOf.get(household._id);
      return {
        householdId: household._id,
        address: addressLabel(household),
        room: household.room,
        residents: members.map((member) => member.name),
        hasWeChat,
        voted: Boolean(ballot),
        ...(ballot ? { channel: ballot.channel } : {}),
        paperAllowed: ballot ? ballot.channel === 'paper' : !hasWeChat,
      };
    }),
    cast: vote.cast,
    electorate: vote.electorate,
    options: vote.options,
  };
}

export async function paperVote(
  input: { id: string; householdId: string; choice: number },
  viewer: Viewer,
  now: Date,
): Promise<{ cast: number; paper: number }> {
  const _ = command();
  const [topic, { data }] = await Promise.all([
    loadTopic(input.id),
    collection('households').doc(input.householdId).get(),
  ]);
  const household = data[0] as HouseholdDoc | undefined;
  if (!household) throw new AppError('NOT_FOUND', '没有这一户');
  requirePaperClerk(viewer, topic, household.buildingNo);
  const vote = requireOpenVote(topic, now);
  requireChoice(vote, input.choice);
  const key = ballotId(topic._id, household._id);
  const [{ total: withWeChat }, { data: found }] = await Promise.all([
    collection('residents')
      .where({ householdId: household._id, 'binding.status': 'verified', openid: _.exists(true) })
      .count(),
    collection('council_ballots').doc(key).get(),
  ]);
  const existing = found[0] as BallotDoc | undefined;
  const decision = decidePaperBallot(existing, withWeChat > 0, input.choice);
  if (decision.kind === 'refuse') throw new AppError('CONFLICT', decision.message);
  if (decision.kind === 'same') return { cast: vote.cast, paper: vote.paper };
  const ballots = collection('council_ballots');
  if (decision.kind === 'cast') {
    const ballot: BallotDoc = {
      _id: key,
      topicId: topic._id,
      householdId: household._id,
      buildingNo: household.buildingNo,
      channel: 'paper',
      choice: input.choice,
      enteredBy: viewer.residentId!,
      at: now,
    };
    if (!(await insertOnce('council_ballots', ballot))) throw new AppError('CONFLICT', '该户刚刚已投票，请刷新名单');
    if (!(await countBallot(topic._id, { add: input.choice, newBallot: true, paper: true }))) {
      await ballots.where({ _id: key, channel: 'paper' }).remove();
      throw new AppError('CONFLICT', '投票已截止');
    }
    return { cast: vote.cast + 1, paper: vote.paper + 1 };
  }
  const { updated } = await ballots
    .where({ _id: key, channel: 'paper', choice: decision.from })
    .update({ choice: input.choice, changedAt: now, changedBy: viewer.residentId });
  if (updated !== 1) throw new AppError('CONFLICT', '该户的选票刚刚有变化，请刷新名单');
  if (!(await countBallot(topic._id, { add: input.choice, remove: decision.from, newBallot: false }))) {
    await ballots.where({ _id: key, choice: input.choice }).update({ choice: decision.from });
    throw new AppError('CONFLICT', '投票已截止');
  }
  return { cast: vote.cast, paper: vote.paper };
}

/** Counts the ballots themselves: the final tallies, whatever the running counts say. */
async function recount(topic: TopicDoc): Promise<number[]> {
  const $ = command().aggregate;
  const { data } = await collection('council_ballots')
    .aggregate()
    .match({ topicId: topic._id })
    .group({ _id: '$choice', n: $.sum(1) })
    // One row a choice (and one for erased ones); an aggregate without a limit answers only 20.
    .limit(100)
    .end();
  const tallies = topic.vote!.options.map(() => 0);
  for (const row of data as { _id: number | null; n: number }[]) {
    if (typeof row._id === 'number' && row._id >= 0 && row._id < tallies.length) tallies[row._id] = row.n;
  }
  return tallies;
}

/** Topics still collecting ballots, supports or comments: the counts closeVotes reconciles. */
const OPEN_STATUSES: TopicStatus[] = ['proposed', 'discussing', 'voting'];

/**
 * The open topics with their counts, read once for the three reconciles below; each of them
 * then reads its collection for all these topics at once (a round trip or two in all, not
 * a few per topic every minute).
 */
async function openTopics(): Promise<TopicDoc[]> {
  const { data } = await collection('council_topics')
    .where({ status: command().in(OPEN_STATUSES) })
    .field({
      status: true,
      vote: true,
      supportCount: true,
      supportSeq: true,
      supportTouchedAt: true,
      commentCount: true,
      stanceCounts: true,
      commentSeq: true,
    })
    .limit(100)
    .get();
  return data as TopicDoc[];
}

/** The topics (of `ids`) with a document of `name` written after `since` (`fields`: the dates to test). */
async function touchedSince(
  name: 'council_ballots' | 'council_supports',
  ids: string[],
  fields: string[],
  since: Date,
): Promise<Set<string>> {
  const _ = command();
  const { data } = await collection(name)
    .aggregate()
    .match(_.or(fields.map((field) => ({ topicId: _.in(ids), [field]: _.gt(since) }))))
    .group({ _id: '$topicId' })
    .limit(1000)
    .end();
  return new Set((data as { _id: string }[]).map((row) => row._id));
}

/**
 * Running counts a dead invocation left wrong (a ballot written or changed, its count not
 * moved: the retry finds the ballot and moves nothing) are set from the ballots. Only once
 * no ballot of the topic was written for DEAD_AFTER_MS (no writer can still be between its
 * ballot and its count), and only if no count moved while we counted (`vote.seq`): a vote
 * arriving meanwhile keeps its own increment.
 */
async function reconcileRunningCounts(topics: readonly TopicDoc[], now: Date): Promise<string[]> {
  const _ = command();
  const $ = command().aggregate;
  const voting = topics.filter((topic) => topic.status === 'voting' && topic.vote);
  if (!voting.length) return [];
  const ids = voting.map((topic) => topic._id);
  const [{ data }, recent] = await Promise.all([
    collection('council_ballots')
      .aggregate()
      .match({ topicId: _.in(ids) })
      .group({ _id: { topicId: '$topicId', choice: '$choice', channel: '$channel' }, n: $.sum(1) })
      // A row a topic, choice and channel; an aggregate without a limit answers only 20.
      .limit(1000)
      .end(),
    touchedSince('council_ballots', ids, ['at', 'changedAt'], deadBefore(now)),
  ]);
  const rows = data as { _id: { topicId: string; choice?: number | null; channel?: string }; n: number }[];
  const fixed: string[] = [];
  for (const topic of voting) {
    if (recent.has(topic._id)) continue;
    const vote = topic.vote!;
    const tallies = vote.options.map(() => 0);
    let paper = 0;
    for (const { _id: key, n } of rows) {
      if (key.topicId !== topic._id) continue;
      if (key.channel === 'paper') paper += n;
      if (typeof key.choice === 'number' && key.choice >= 0 && key.choice < tallies.length) tallies[key.choice]! += n;
    }
    const cast = tallies.reduce((sum, n) => sum + n, 0);
    if (cast === vote.cast && paper === vote.paper && tallies.every((n, i) => n === vote.tallies[i])) continue;
    const { updated } = await collection('council_topics')
      .where({ _id: topic._id, status: 'voting', 'vote.seq': vote.seq ?? _.exists(false) })
      .update({ 'vote.tallies': tallies, 'vote.cast': cast, 'vote.paper': paper });
    if (updated === 1) fixed.push(topic._id);
  }
  return fixed;
}

/**
 * Support counts a dead invocation left wrong (a support written or deleted, the count not
 * moved), set from the supports of topics still collecting them, under the same rule as
 * the running vote counts: no support written or taken back for DEAD_AFTER_MS, and no
 * count moved while we counted (`supportSeq`).
 */
async function reconcileSupportCounts(topics: readonly TopicDoc[], now: Date): Promise<string[]> {
  const _ = command();
  const $ = command().aggregate;
  const quiet = topics.filter(
    (topic) =>
      (topic.status === 'proposed' || topic.status === 'discussing') &&
      (!topic.supportTouchedAt || leftByTheDead(topic.supportTouchedAt, now)),
  );
  if (!quiet.length) return [];
  const ids = quiet.map((topic) => topic._id);
  const [{ data }, recent] = await Promise.all([
    collection('council_supports')
      .aggregate()
      .match({ topicId: _.in(ids) })
      .group({ _id: '$topicId', n: $.sum(1) })
      .limit(1000)
      .end(),
    touchedSince('council_supports', ids, ['at'], deadBefore(now)),
  ]);
  const totals = new Map((data as { _id: string; n: number }[]).map((row) => [row._id, row.n]));
  const fixed: string[] = [];
  for (const topic of quiet) {
    const total = totals.get(topic._id) ?? 0;
    if (recent.has(topic._id) || total === topic.supportCount) continue;
    const { updated } = await collection('council_topics')
      .where({
        _id: topic._id,
        supportSeq: topic.supportSeq ?? _.exists(false),
        supportTouchedAt: topic.supportTouchedAt ?? _.exists(false),
      })
      .update({ supportCount: total });
    if (updated === 1) fixed.push(topic._id);
  }
  return fixed;
}

/**
 * Comment counts a dead invocation left short (a comment written, its counts not moved; a
 * retry writes a comment of its own), set from the public comments of topics still taking
 * them, under the same rule: no comment written for DEAD_AFTER_MS, and no count moved
 * meanwhile (`commentSeq` on the topic, the old `replyCount` on a parent). The comments of
 * all these topics are read together.
 */
async function reconcileCommentCounts(topics: readonly TopicDoc[], now: Date): Promise<string[]> {
  const _ = command();
  if (!topics.length) return [];
  const since = deadBefore(now).getTime();
  const comments = await readAll<CommentDoc>(
    'council_comments',
    { topicId: _.in(topics.map((topic) => topic._id)) },
    {
      fields: {
        topicId: true,
        createdAt: true,
        'moderation.state': true,
        isReply: true,
        parentId: true,
        stance: true,
        replyCount: true,
      },
    },
  );
  const fixed: string[] = [];
  for (const topic of topics) {
    const own = comments.filter((each) => each.topicId === topic._id);
    if (own.some((each) => new Date(each.createdAt).getTime() > since)) continue;
    const shown = own.filter((each) => each.moderation.state === 'pass');
    const stanceCounts = { support: 0, neutral: 0, oppose: 0 };
    const replies = new Map<string, number>();
    for (const each of shown) {
      if (each.isReply) replies.set(each.parentId, (replies.get(each.parentId) ?? 0) + 1);
      else if (each.stance) stanceCounts[each.stance]++;
    }
    for (const parent of shown.filter((each) => !each.isReply)) {
      const n = replies.get(parent._id) ?? 0;
      if (n !== parent.replyCount)
        await collection('council_comments')
          .where({ _id: parent._id, replyCount: parent.replyCount })
          .update({ replyCount: n });
    }
    const same =
      topic.commentCount === shown.length &&
      (Object.keys(stanceCounts) as Array<keyof typeof stanceCounts>).every(
        (stance) => topic.stanceCounts[stance] === stanceCounts[stance],
      );
    if (same) continue;
    const { updated } = await collection('council_topics')
      .where({ _id: topic._id, commentSeq: topic.commentSeq ?? _.exists(false) })
      .update({ commentCount: shown.length, stanceCounts: _.set(stanceCounts) });
    if (updated === 1) fixed.push(topic._id);
  }
  return fixed;
}

/** Erases the choice from every ballot of a closed vote: only the tallies remain. */
async function eraseChoices(topicId: string): Promise<void> {
  await collection('council_ballots').where({ topicId }).update({ choice: command().remove() });
  await collection('council_topics').doc(topicId).update({ 'vote.choicesErased': true });
}

export async function closeVote(topic: TopicDoc, now: Date): Promise<VoteResult | undefined> {
  const vote = topic.vote!;
  const result = voteResult({
    kind: vote.kind,
    tallies: await recount(topic),
    electorate: vote.electorate,
    quorumPercent: vote.quorumPercent,
  });
  const label = outcomeLabel(result, vote.options, quorumNeeded(vote.electorate, vote.quorumPercent));
  try {
    await transition(topic, 'closeVote', {
      now,
      requirePublic: false,
      set: {
        'vote.result': result,
        'vote.tallies': result.tallies,
        'vote.cast': result.cast,
        'vote.closedAt': now,
        // Set true once the result is handed to the outbox; the timer tells those left false.
        'vote.resultTold': false,
      },
      timeline: [{ kind: 'vote_closed', at: now, actor: '系统计票', text: label }],
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return undefined; // closed by another run
    throw error;
  }
  await eraseChoices(topic._id);
  await tellVoteResult({ ...topic, vote: { ...vote, result } }, now);
  return result;
}

/**
 * Tells everyone who took part how a vote ended (one fan-out per vote: the timer continues
 * one whose sender was cut off), then marks it told.
 */
async function tellVoteResult(topic: TopicDoc, now: Date): Promise<void> {
  const vote = topic.vote!;
  const result = vote.result!;
  const label = outcomeLabel(result, vote.options, quorumNeeded(vote.electorate, vote.quorumPercent));
  const counts = vote.options.map((option, index) => `${option} ${result.tallies[index] ?? 0} 户`).join('，');
  await notify(
    'participants',
    topic,
    {
      title: '议题投票结果',
      body: `议题${quoted(topic)}投票结束：${label}。计票：${counts}。`,
      note: label,
      key: `topic:${topic._id}:vote_result`,
    },
    now,
  );
  await collection('council_topics').doc(topic._id).update({ 'vote.resultTold': true });
}

/** A closed vote whose result was not told this long after closing: its sender was cut off. */
const STALE_RESULT_MS = 2 * 60_000;

/** The timer: closes every vote whose deadline passed (a minute's grace for ballots in flight). */
export async function closeDueVotes(
  now: Date,
): Promise<{ closed: string[]; erased: number; reconciled: string[]; told: number; freed: number }> {
  const _ = command();
  const cutoff = new Date(now.getTime() - CLOSE_GRACE_MS);
  const { data } = await collection('council_topics')
    .where({ status: 'voting', 'vote.deadline': _.lte(cutoff) })
    .limit(20)
    .get();
  const closed: string[] = [];
  for (const topic of data as TopicDoc[]) {
    if (await closeVote(topic, now)) closed.push(topic._id);
  }
  // A run that stopped between closing and erasing: erase now.
  const { data: leftovers } = await collection('council_topics')
    .where({ 'vote.closedAt': _.exists(true), 'vote.choicesErased': _.neq(true) })
    .field({ _id: true })
    .limit(20)
    .get();
  for (const topic of leftovers as { _id: string }[]) await eraseChoices(topic._id);
  const { data: untold } = await collection('council_topics')
    .where({
      'vote.closedAt': _.lt(new Date(now.getTime() - STALE_RESULT_MS)),
      'vote.resultTold': false,
    })
    .limit(20)
    .get();
  for (const topic of untold as TopicDoc[]) await tellVoteResult(topic, now);
  const open = await openTopics();
  const reconciled = [
    ...(await reconcileRunningCounts(open, now)),
    ...(await reconcileSupportCounts(open, now)),
    ...(await reconcileCommentCounts(open, now)),
  ];
  const told = await tellLeft(now);
  const freed = await freeLeftSlots(now);
  return { closed, erased: leftovers.length, reconciled, told, freed };
}

// ---------------------------------------------------------------------------------------
// Answer and follow-through
// ---------------------------------------------------------------------------------------

export async function answer(
  input: { id: string; kind: AnswerKind; text: string },
  viewer: Viewer,
  now: Date,
): Promise<ManageResult> {
  const topic = await loadTopic(input.id);
  if (topic.answer) throw new AppError('CONFLICT', '该议题已经公布过答复');
  const label = ANSWER_LABELS[input.kind];
  const by = '社区居委会';
  const owed = pendingTell(
    topic,
    'answered',
    'participants',
    {
      title: '议题有了正式答复',
      body: `议题${quoted(topic)}的答复：${label}。${input.text}`,
      note: `答复：${label}`,
    },
    now,
  );
  const status = await transition(topic, input.kind === 'adopted' ? 'answerAdopted' : 'answerOther', {
    now,
    where: { answer: command().exists(false) },
    set: {
      answer: { kind: input.kind, text: input.text, by, byId: viewer.residentId!, at: now },
      tells: command().push([owed]),
    },
    timeline: [{ kind: 'answered', at: now, actor: by, text: `${label}：${input.text}` }],
  });
  const notified = await tell(topic, owed, now);
  return { id: input.id, status, ...(notified ? { notified } : {}) };
}

export async function milestone(
  input: CouncilActions['milestone']['input'],
  viewer: Viewer,
  openid: string,
  now: Date,
): Promise<ManageResult & { milestone: MilestoneView }> {
  const topic = await loadTopic(input.id);
  requireManager(viewer, topic);
  const milestoneId = input.requestId ? requestedId('m', viewer.residentId!, input.requestId) : newId('m');
  // A retry whose milestone is already written (its answer lost): that one, pushed once
  // (a push it still owes is the timer's, tellLeft).
  const made = topic.milestones.find((each) => each.id === milestoneId);
  if (made) {
    return { id: input.id, status: topic.status, milestone: milestoneView(made, topic, viewer, new Map()) };
  }
  if (topic.status !== 'implementing') throw new AppError('CONFLICT', '只有落实中的议题可以更新进展');
  if (topic.milestones.length >= MAX_MILESTONES) throw new AppError('CONFLICT', '落实进展条数已达上限');
  await acceptUploads('topic', openid, input.images);
  const by = signature(viewer, topic);
  const doc: MilestoneDoc = {
    id: milestoneId,
    title: input.title,
    ...(input.note ? { note: input.note } : {}),
    date: input.date,
    images: input.images,
    done: input.done,
    by,
    byId: viewer.residentId!,
    at: now,
  };
  const _ = command();
  const timeline: TimelineDoc[] = [
    { kind: input.done ? 'completed' : 'milestone', at: now, actor: by, text: `${input.date} ${input.title}` },
  ];
  const owed = pendingTell(
    topic,
    `milestone:${doc.id}`,
    'participants',
    {
      title: input.done ? '议题已落实完成' : '议题落实有新进展',
      body: `议题${quoted(topic)}${input.done ? '已落实完成' : '有新进展'}：${input.date} ${input.title}${input.note ? `。${input.note}` : ''}`,
      note: input.title,
    },
    now,
  );
  const status: TopicStatus = await transition(topic, input.done ? 'complete' : 'milestone', {
    now,
    timeline,
    // The same request running alongside adds it once.
    where: { 'milestones.id': _.neq(doc.id) },
    set: {
      milestones: _.push([doc]),
      tells: _.push([owed]),
      ...(input.images.length ? { images: _.push(input.images.map((fileID) => ({ fileID, state: 'pending' }))) } : {}),
    },
  });
  if (input.images.length) {
    // Positions are read back: another milestone may have appended photos at the same time.
    const fresh = await loadTopic(topic._id);
    const entries = input.images.map((fileID) => ({
      fileID,
      index: fresh.images.findIndex((image) => image.fileID === fileID),
    }));
    await checkImagesAt(openid, { kind: 'topic', id: topic._id }, entries, now);
  }
  const notified: PushSummary | undefined = await tell(topic, owed, now);
  return {
    id: input.id,
    status,
    ...(notified ? { notified } : {}),
    milestone: milestoneView(
      doc,
      { ...topic, images: [...topic.images, ...input.images.map((fileID) => ({ fileID, state: 'pending' as const }))] },
      viewer,
      new Map(),
    ),
  };
}
