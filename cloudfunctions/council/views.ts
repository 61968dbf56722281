/**
 * What leaves the server about topics: views built from the documents for one viewer.
 * Rooms, phone numbers and full names never appear; a household's choice is shown only
 * to the resident who cast it, and only while the vote is open.
 */
import type { ImageView } from '../../typings/domain/content';
import type {
  AgendaItem,
  AnswerView,
  CommentView,
  MilestoneView,
  MyVoteView,
  TimelineEntry,
  TopicItem,
  VoteView,
} from '../../typings/domain/council';
import { isPublic, type StoredImage } from '../shared/content';
import {
  AGENDA_NEXT_STEP,
  agendaStageOf,
  ANSWER_LABELS,
  CATEGORY_LABELS,
  inScope,
  OUTCOME_SHORT,
  outcomeLabel,
  participationBlock,
  quorumNeeded,
  scopeLabel,
  STANCE_LABELS,
  STATUS_LABELS,
} from '../shared/domain/council';
import { formatShanghai } from '../shared/time';
import type { BallotDoc, CommentDoc, MilestoneDoc, TimelineDoc, TopicDoc, VoteDoc } from './docs';
import type { Viewer } from './store';

const EXCERPT_CHARS = 60;

function excerpt(body: string): string {
  const chars = Array.from(body.replace(/\s+/g, ' ').trim());
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : chars.join('');
}

export function topicItem(doc: TopicDoc, viewer: Viewer): TopicItem {
  return {
    id: doc._id,
    title: doc.title,
    excerpt: excerpt(doc.body),
    category: doc.category,
    categoryLabel: CATEGORY_LABELS[doc.category],
    status: doc.status,
    statusLabel: STATUS_LABELS[doc.status],
    scopeLabel: scopeLabel(doc.scope),
    supportCount: doc.supportCount,
    commentCount: doc.commentCount,
    imageCount: doc.proposalImages,
    ...(doc.status === 'voting' && doc.vote
      ? {
          voting: {
            deadlineLabel: formatShanghai(doc.vote.deadline),
            deadline: doc.vote.deadline.toISOString(),
            cast: doc.vote.cast,
            quorumNeeded: quorumNeeded(doc.vote.electorate, doc.vote.quorumPercent),
          },
        }
      : {}),
    ...(doc.vote?.result ? { outcomeLabel: OUTCOME_SHORT[doc.vote.result.outcome] } : {}),
    ...(doc.answer ? { answerLabel: ANSWER_LABELS[doc.answer.kind] } : {}),
    milestoneCount: doc.milestones.length,
    concernsMe: inScope(doc.scope, viewer.buildingNo),
    createdAt: doc.createdAt.toISOString(),
    statusAtLabel: formatShanghai(doc.statusAt),
  };
}

export function agendaItem(doc: TopicDoc, viewer: Viewer): AgendaItem {
  const stage = agendaStageOf(doc.status, Boolean(doc.answer));
  return {
    ...topicItem(doc, viewer),
    proposer: doc.authorLabel,
    nextStep: stage ? AGENDA_NEXT_STEP[stage] : STATUS_LABELS[doc.status],
  };
}

const TIMELINE_TITLES: Record<TimelineEntry['kind'], string> = {
  proposed: '提出议题',
  accepted: '列入议程',
  declined: '未列入议程',
  merged_into: '合并到其他议题',
  merged_from: '合并了相关议题',
  withdrawn: '提议人撤回',
  vote_opened: '开始投票',
  vote_closed: '投票结束',
  answered: '公布答复',
  milestone: '落实进展',
  completed: '落实完成',
};

export function timelineEntries(docs: readonly TimelineDoc[], showDeclineReason: boolean): TimelineEntry[] {
  return docs.map((entry) => ({
    kind: entry.kind,
    title: TIMELINE_TITLES[entry.kind],
    ...(entry.text && (entry.kind !== 'declined' || showDeclineReason) ? { text: entry.text } : {}),
    ...(entry.actor ? { actor: entry.actor } : {}),
    at: entry.at.toISOString(),
    atLabel: formatShanghai(entry.at),
  }));
}

export function voteView(vote: VoteDoc): VoteView {
  const needed = quorumNeeded(vote.electorate, vote.quorumPercent);
  return {
    kind: vote.kind,
    options: vote.options,
    deadline: vote.deadline.toISOString(),
    deadlineLabel: `${formatShanghai(vote.deadline)} 截止`,
    quorumPercent: vote.quorumPercent,
    electorate: vote.electorate,
    quorumNeeded: needed,
    cast: vote.result?.cast ?? vote.cast,
    paper: vote.paper,
    closed: Boolean(vote.result),
    ...(vote.result
      ? {
          result: {
            tallies: vote.result.tallies,
            quorumMet: vote.result.quorumMet,
            outcome: vote.result.outcome,
            ...(vote.result.winner !== undefined ? { winner: vote.result.winner } : {}),
            label: outcomeLabel(vote.result, vote.options, needed),
          },
        }
      : {}),
  };
}

/** The caller's household and the vote: whether they may vote, and their own choice only. */
export function myVoteView(topic: TopicDoc, viewer: Viewer, ballot: BallotDoc | undefined, now: Date): MyVoteView {
  const vote = topic.vote;
  const open = topic.status === 'voting' && Boolean(vote) && vote!.deadline.getTime() > now.getTime();
  const castByMe = ballot?.channel === 'online' && ballot.castBy === viewer.residentId;
  const base = {
    householdVoted: Boolean(ballot),
    castByMe,
    ...(ballot ? { channel: ballot.channel } : {}),
    ...(castByMe && open && ballot?.choice !== undefined ? { choice: ballot.choice } : {}),
  };
  const blocked = participationBlock(topic.scope, { verified: viewer.verified, buildingNo: viewer.buildingNo });
  let reason: string | undefined;
  if (!open) reason = topic.status === 'voting' ? '投票已截止，正在统计结果' : '投票已结束';
  else if (blocked) reason = blocked;
  else if (ballot && !castByMe) {
    reason =
      ballot.channel === 'paper' ? '您家的纸质选票已录入，每户只能投一票' : '您家已有家人投过票了，每户只能投一票';
  }
  return { canVote: !reason, ...(reason ? { reason } : {}), ...base };
}

export function answerView(answer: NonNullable<TopicDoc['answer']>): AnswerView {
  return {
    kind: answer.kind,
    label: ANSWER_LABELS[answer.kind],
    text: answer.text,
    by: answer.by,
    at: answer.at.toISOString(),
    atLabel: formatShanghai(answer.at),
  };
}

/**
 * Images the viewer may see: the uploader and staff see every one not found risky (with
 * a note while pending), everyone else only those whose check passed.
 */
export function imageViews(
  images: readonly StoredImage[],
  fileIDs: readonly string[],
  privileged: boolean,
  urls: ReadonlyMap<string, string>,
): ImageView[] {
  const byId = new Map(images.map((image) => [image.fileID, image]));
  return fileIDs.flatMap((fileID) => {
    const image = byId.get(fileID);
    if (!image) return [];
    const visible = privileged ? image.state !== 'risky' : image.state === 'pass';
    if (!visible) return [];
    const url = urls.get(fileID);
    return [{ fileID, state: image.state, ...(url ? { url } : {}) }];
  });
}

/** Which of a topic's photos the viewer will see (to fetch temporary URLs for just those). */
export function shownFileIDs(topic: TopicDoc, viewer: Viewer): string[] {
  const proposalOwner = topic.authorId === viewer.residentId || viewer.staff;
  const shown: string[] = [];
  topic.images.forEach((image, index) => {
    const milestone = index >= topic.proposalImages;
    const privileged = milestone
      ? viewer.staff || topic.milestones.some((m) => m.byId === viewer.residentId && m.images.includes(image.fileID))
      : proposalOwner;
    if (privileged ? image.state !== 'risky' : image.state === 'pass') shown.push(image.fileID);
  });
  return shown;
}

export function milestoneView(
  milestone: MilestoneDoc,
  topic: TopicDoc,
  viewer: Viewer,
  urls: ReadonlyMap<string, string>,
): MilestoneView {
  return {
    id: milestone.id,
    title: milestone.title,
    ...(milestone.note ? { note: milestone.note } : {}),
    date: milestone.date,
    images: imageViews(topic.images, milestone.images, viewer.staff || milestone.byId === viewer.residentId, urls),
    done: milestone.done,
    by: milestone.by,
  };
}

export function commentView(doc: CommentDoc, viewer: Viewer, replies: CommentView[] = []): CommentView {
  return {
    id: doc._id,
    body: doc.body,
    ...(doc.stance ? { stance: doc.stance, stanceLabel: STANCE_LABELS[doc.stance] } : {}),
    author: doc.authorLabel,
    official: doc.official,
    mine: doc.authorId === viewer.residentId,
    held: !isPublic(doc.moderation),
    createdAt: doc.createdAt.toISOString(),
    createdLabel: formatShanghai(doc.createdAt),
    replies,
    replyCount: doc.replyCount,
  };
}
