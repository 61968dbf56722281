/** The read side: the public list, a topic's detail and comments, my topics, the agenda queue. */
import type {
  AgendaItem,
  AgendaStage,
  CommentView,
  MyTopicItem,
  TopicCategory,
  TopicDetail,
  TopicItem,
  TopicStage,
} from '../../typings/domain/council';
import { collection, command } from '../shared/cloud';
import { isPublic } from '../shared/content';
import {
  ballotId,
  buildingKey,
  commentsOpen,
  COMMUNITY_KEY,
  keysForBuilding,
  OPEN_PROPOSAL_LIMIT,
  participationBlock,
  STAGES,
  supportOpen,
} from '../shared/domain/council';
import { buildingLabel } from '../shared/domain/labels';
import { temporaryUrls } from '../shared/storage';
import type { BallotDoc, CommentDoc, SupportDoc, TopicDoc } from './docs';
import { managesTopic, visibleTo, type Viewer } from './store';
import { AppError } from '../shared/errors';
import {
  agendaItem,
  answerView,
  commentView,
  imageViews,
  milestoneView,
  myVoteView,
  shownFileIDs,
  timelineEntries,
  topicItem,
  voteView,
} from './views';

export const LIST_PAGE = 20;
export const COMMENT_PAGE = 20;

export async function listTopics(
  viewer: Viewer,
  input: { stage?: TopicStage; myBuilding?: boolean; category?: TopicCategory; page?: number },
): Promise<{ items: TopicItem[]; hasMore: boolean }> {
  const _ = command();
  const page = input.page ?? 1;
  const keys = viewer.buildingNo ? keysForBuilding(viewer.buildingNo) : [COMMUNITY_KEY];
  const { data } = await collection('council_topics')
    .where({
      status: input.stage ?? _.in([...STAGES]),
      'moderation.state': 'pass',
      ...(input.myBuilding ? { scopeKeys: _.in(keys) } : {}),
      ...(input.category ? { category: input.category } : {}),
    })
    .orderBy('statusAt', 'desc')
    .skip((page - 1) * LIST_PAGE)
    .limit(LIST_PAGE + 1)
    .get();
  const docs = data as TopicDoc[];
  return { items: docs.slice(0, LIST_PAGE).map((doc) => topicItem(doc, viewer)), hasMore: docs.length > LIST_PAGE };
}

/** Comments others may see, plus the viewer's own held ones. */
function commentVisibility(viewer: Viewer) {
  const _ = command();
  return viewer.residentId
    ? _.or([{ 'moderation.state': 'pass' }, { authorId: viewer.residentId, 'moderation.state': 'review' }])
    : { 'moderation.state': 'pass' };
}

/** The aggregation stages a page of comments needs (top-level, newest first, each with its replies). */
interface Stages<T> {
  match(condition: object): T;
  sort(order: Record<string, 1 | -1>): T;
  skip(n: number): T;
  limit(n: number): T;
  lookup(spec: object): T;
}

const REPLIES = '__replies';

/**
 * A page of top-level comments, newest first, each with its visible replies (oldest first,
 * joined in the same request), on any pipeline: a collection's aggregate or a lookup's.
 */
function commentStages<T extends Stages<T>>(pipeline: T, topicId: string, viewer: Viewer, page: number): T {
  const _ = command();
  const $ = command().aggregate;
  return pipeline
    .match(_.and([{ topicId, isReply: false }, commentVisibility(viewer)]))
    .sort({ createdAt: -1 })
    .skip((page - 1) * COMMENT_PAGE)
    .limit(COMMENT_PAGE + 1)
    .lookup({
      from: 'council_comments',
      let: { parent: '$_id' },
      pipeline: $.pipeline()
        .match(_.and([_.expr($.eq(['$parentId', '$$parent'])), commentVisibility(viewer)]))
        .sort({ createdAt: 1 })
        .limit(1000)
        .done(),
      as: REPLIES,
    });
}

type CommentRow = CommentDoc & { [REPLIES]?: CommentDoc[] };

function commentPageOf(rows: CommentRow[], viewer: Viewer): { items: CommentView[]; hasMore: boolean } {
  return {
    items: rows.slice(0, COMMENT_PAGE).map(({ [REPLIES]: replies, ...doc }) =>
      commentView(
        doc,
        viewer,
        (replies ?? []).map((reply) => commentView(reply, viewer)),
      ),
    ),
    hasMore: rows.length > COMMENT_PAGE,
  };
}

/** A page of top-level comments, newest first, each with its replies (oldest first): one round trip. */
export async function commentPage(
  topicId: string,
  viewer: Viewer,
  page: number,
): Promise<{ items: CommentView[]; hasMore: boolean }> {
  const { data } = await commentStages(collection('council_comments').aggregate(), topicId, viewer, page).end();
  return commentPageOf(data as CommentRow[], viewer);
}

const SUPPORT = '__support';
const BALLOT = '__ballot';
const COMMENTS = '__comments';

/**
 * The topic with what the viewer's household did (support, ballot) and the first page of
 * comments, in ONE aggregate; NOT_FOUND as loadVisibleTopic answers it.
 */
async function topicWithViewer(
  id: string,
  viewer: Viewer,
): Promise<{ topic: TopicDoc; support?: SupportDoc; ballot?: BallotDoc; comments: CommentRow[] }> {
  const $ = command().aggregate;
  let pipeline = collection('council_topics').aggregate().match({ _id: id }).limit(1);
  if (viewer.householdId) {
    const key = ballotId(id, viewer.householdId);
    pipeline = pipeline
      .lookup({ from: 'council_supports', pipeline: $.pipeline().match({ _id: key }).limit(1).done(), as: SUPPORT })
      .lookup({ from: 'council_ballots', pipeline: $.pipeline().match({ _id: key }).limit(1).done(), as: BALLOT });
  }
  pipeline = pipeline.lookup({
    from: 'council_comments',
    pipeline: commentStages($.pipeline(), id, viewer, 1).done(),
    as: COMMENTS,
  });
  const { data } = await pipeline.end();
  const row = (data as Array<TopicDoc & Record<string, unknown>>)[0];
  if (!row) throw new AppError('NOT_FOUND', '议题不存在或已删除');
  const { [SUPPORT]: support, [BALLOT]: ballot, [COMMENTS]: comments, ...topic } = row;
  if (!visibleTo(topic as TopicDoc, viewer)) throw new AppError('NOT_FOUND', '议题不存在或已删除');
  return {
    topic: topic as TopicDoc,
    support: (support as SupportDoc[] | undefined)?.[0],
    ballot: (ballot as BallotDoc[] | undefined)?.[0],
    comments: (comments as CommentRow[] | undefined) ?? [],
  };
}

export async function topicDetail(id: string, viewer: Viewer, now: Date): Promise<TopicDetail> {
  const found = await topicWithViewer(id, viewer);
  const topic = found.topic;
  const support = found.support;
  const ballot = topic.vote ? found.ballot : undefined;
  const comments = commentPageOf(found.comments, viewer);
  const urls = await temporaryUrls(shownFileIDs(topic, viewer));
  const manage = managesTopic(viewer, topic);
  const proposedByMe = topic.authorId === viewer.residentId;
  const blocked = participationBlock(topic.scope, { verified: viewer.verified, buildingNo: viewer.buildingNo });
  const visible = isPublic(topic.moderation);
  const myVote = topic.vote ? myVoteView(topic, viewer, ballot, now) : undefined;
  return {
    ...topicItem(topic, viewer),
    body: topic.body,
    scope: topic.scope,
    images: imageViews(
      topic.images.slice(0, topic.proposalImages),
      topic.images.slice(0, topic.proposalImages).map((image) => image.fileID),
      proposedByMe || viewer.staff,
      urls,
    ),
    proposer: topic.authorLabel,
    proposedByMe,
    moderation: topic.moderation.state,
    stanceCounts: topic.stanceCounts,
    support: { household: Boolean(support), byMe: Boolean(support) && support!.residentId === viewer.residentId },
    timeline: timelineEntries(topic.timeline, proposedByMe || manage),
    ...(topic.vote ? { vote: voteView(topic.vote) } : {}),
    ...(myVote ? { myVote } : {}),
    ...(topic.answer ? { answer: answerView(topic.answer) } : {}),
    milestones: topic.milestones.map((milestone) => milestoneView(milestone, topic, viewer, urls)),
    ...(topic.mergedInto ? { mergedInto: topic.mergedInto } : {}),
    mergedFrom: topic.mergedFrom,
    ...(topic.declineReason && (proposedByMe || manage) ? { declineReason: topic.declineReason } : {}),
    comments: comments.items,
    commentsHasMore: comments.hasMore,
    can: {
      support: visible && !blocked && supportOpen(topic.status),
      comment: visible && (!blocked || manage) && commentsOpen(topic.status),
      vote: Boolean(myVote?.canVote),
      manage,
      answer: visible && viewer.staff && !topic.answer && (topic.status === 'discussing' || topic.status === 'decided'),
      withdraw: proposedByMe && topic.status === 'proposed',
      flag: visible && viewer.verified && !proposedByMe,
    },
    ...(blocked ? { participationNote: blocked } : {}),
  };
}

export async function myTopics(
  viewer: Viewer,
  page: number,
): Promise<{ items: MyTopicItem[]; hasMore: boolean; open: number; limit: number }> {
  const _ = command();
  const authorId = viewer.residentId!;
  const [{ data }, { total }] = await Promise.all([
    collection('council_topics')
      .where({ authorId })
      .orderBy('createdAt', 'desc')
      .skip((page - 1) * LIST_PAGE)
      .limit(LIST_PAGE + 1)
      .get(),
    collection('council_topics')
      .where({ authorId, status: 'proposed', 'moderation.state': _.in(['pass', 'review']) })
      .count(),
  ]);
  const docs = data as TopicDoc[];
  return {
    items: docs.slice(0, LIST_PAGE).map((doc) => ({
      ...topicItem(doc, viewer),
      moderation: doc.moderation.state,
      ...(doc.declineReason ? { declineReason: doc.declineReason } : {}),
    })),
    hasMore: docs.length > LIST_PAGE,
    open: total,
    limit: OPEN_PROPOSAL_LIMIT,
  };
}

const AGENDA_STAGES = [
  'proposed',
  'discussing',
  'voting',
  'awaiting_answer',
  'implementing',
] as const satisfies readonly AgendaStage[];

/**
 * The agenda of a manager: staff see every topic; a branch secretary the topics of their
 * building, and (for paper ballots) every vote their building takes part in.
 */
function agendaWhere(viewer: Viewer, stage: AgendaStage): object {
  const _ = command();
  const buildingKeys = viewer.secretaryOf.map(buildingKey);
  const status =
    stage === 'awaiting_answer'
      ? { status: 'decided', answer: _.exists(false) }
      : { status: stage === 'implementing' ? 'implementing' : stage };
  const jurisdiction = viewer.staff
    ? {}
    : stage === 'voting'
      ? { scopeKeys: _.in([COMMUNITY_KEY, ...buildingKeys]) }
      : { managerKey: _.in(buildingKeys) };
  return { ...status, 'moderation.state': 'pass', ...jurisdiction };
}

export async function agenda(
  viewer: Viewer,
  stage: AgendaStage,
  page: number,
): Promise<{ items: AgendaItem[]; hasMore: boolean; counts: Record<AgendaStage, number> }> {
  const [{ data }, ...totals] = await Promise.all([
    collection('council_topics')
      .where(agendaWhere(viewer, stage))
      .orderBy('statusAt', 'asc')
      .skip((page - 1) * LIST_PAGE)
      .limit(LIST_PAGE + 1)
      .get(),
    ...AGENDA_STAGES.map((each) => collection('council_topics').where(agendaWhere(viewer, each)).count()),
  ]);
  const docs = data as TopicDoc[];
  return {
    items: docs.slice(0, LIST_PAGE).map((doc) => agendaItem(doc, viewer)),
    hasMore: docs.length > LIST_PAGE,
    counts: Object.fromEntries(AGENDA_STAGES.map((each, index) => [each, totals[index]!.total])) as Record<
      AgendaStage,
      number
    >,
  };
}

export function myBuildingLabel(viewer: Viewer): string | undefined {
  return viewer.buildingNo ? buildingLabel(viewer.buildingNo) : undefined;
}
