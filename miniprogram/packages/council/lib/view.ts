/**
 * What the council pages show, derived from the server's views: plain sentences, tags
 * with words and icons, and the household vote rule in everyday language.
 */
import type { ImageView } from '../../../../typings/domain/content';
import { deadlineLabel, naturalTime } from '../../../utils/dates';
import type {
  CommentView,
  MilestoneView,
  MyVoteView,
  TimelineEntry,
  TopicDetail,
  VoteView,
} from '../../../../typings/domain/council';
import { STANCE_TAGS, statusTag, type StatusTag } from '../../../pages/council/status';

/** The household rule, said the way a neighbour would say it. */
export const HOUSEHOLD_RULE = [
  '每户一票：不管家里住几口人，一户只能投一票。',
  '谁先投，这一票就由谁来投；在截止时间前，投票的人可以改投。',
  '家里其他人再来投，会看到“您家已投票”。',
  '不记名投票：谁也看不到您家投了什么，投票结束后只公布每个选项的户数。',
  '家里没有人用微信的，可以找楼栋党支部书记登记纸质选票。',
];

export const FLAG_REASONS = ['广告或骚扰', '辱骂或人身攻击', '不实信息', '泄露他人隐私', '其他'];

export interface PhotoRow {
  fileID: string;
  url: string;
  /** Waiting for the image check: only the uploader and staff see it. */
  pending: boolean;
}

export function photoRows(images: readonly ImageView[]): PhotoRow[] {
  return images.flatMap((image) =>
    image.url ? [{ fileID: image.fileID, url: image.url, pending: image.state === 'pending' }] : [],
  );
}

export interface CommentRow {
  id: string;
  body: string;
  author: string;
  official: boolean;
  mine: boolean;
  held: boolean;
  createdLabel: string;
  stance?: StatusTag;
  replies: CommentRow[];
}

export function commentRow(comment: CommentView): CommentRow {
  return {
    id: comment.id,
    body: comment.body,
    author: comment.author,
    official: comment.official,
    mine: comment.mine,
    held: comment.held,
    createdLabel: naturalTime(comment.createdAt, new Date()),
    ...(comment.stance ? { stance: STANCE_TAGS[comment.stance] } : {}),
    replies: comment.replies.map(commentRow),
  };
}

export interface VoteRow {
  label: string;
  votes: number;
  /** Share of the ballots cast, e.g. "67%". */
  share: string;
  winner: boolean;
}

export interface VoteBlock {
  deadlineLabel: string;
  turnout: string;
  paperLine: string;
  closed: boolean;
  resultLabel: string;
  quorumLine: string;
  rows: VoteRow[];
  /** The caller's household, in one sentence. */
  myLine: string;
  canVote: boolean;
  /** "去投票" or "修改我的投票". */
  voteButton: string;
}

export function myVoteLine(myVote: MyVoteView | undefined, options: readonly string[]): string {
  if (!myVote) return '';
  if (myVote.castByMe && myVote.choice !== undefined) {
    return `您已投：${options[myVote.choice] ?? ''}（截止前可以改）`;
  }
  if (myVote.householdVoted) {
    if (myVote.castByMe) return '您已投票';
    return myVote.channel === 'paper' ? '您家的纸质选票已录入' : '您家已有家人投过票了';
  }
  return myVote.reason ?? '您家还没有投票';
}

export function voteBlock(vote: VoteView, myVote: MyVoteView | undefined): VoteBlock {
  const total = vote.result?.tallies.reduce((sum, n) => sum + n, 0) ?? 0;
  return {
    deadlineLabel: deadlineLabel(vote.deadline, new Date()),
    turnout: `已投票 ${vote.cast} 户，需 ${vote.quorumNeeded} 户以上结果才有效（范围内共 ${vote.electorate} 户，${vote.quorumPercent}%）`,
    paperLine: vote.paper ? `其中纸质选票 ${vote.paper} 户` : '',
    closed: vote.closed,
    resultLabel: vote.result?.label ?? '',
    quorumLine: vote.result ? (vote.result.quorumMet ? '投票户数达到要求' : '投票户数未达到要求') : '',
    rows: vote.result
      ? vote.options.map((label, index) => {
          const votes = vote.result!.tallies[index] ?? 0;
          return {
            label,
            votes,
            share: total ? `${Math.round((votes * 100) / total)}%` : '0%',
            winner:
              vote.result!.outcome === 'chosen'
                ? vote.result!.winner === index
                : vote.result!.outcome === 'passed' && index === 0,
          };
        })
      : [],
    myLine: myVoteLine(myVote, vote.options),
    canVote: Boolean(myVote?.canVote),
    voteButton: myVote?.castByMe ? '修改我的投票' : '去投票',
  };
}

export interface TimelineRow {
  key: string;
  title: string;
  atLabel: string;
  actor: string;
  text: string;
}

export function timelineRows(entries: readonly TimelineEntry[]): TimelineRow[] {
  return entries.map((entry, index) => ({
    key: `${index}-${entry.kind}`,
    title: entry.title,
    atLabel: naturalTime(entry.at, new Date()),
    actor: entry.actor ?? '',
    text: entry.text ?? '',
  }));
}

export interface MilestoneRow {
  id: string;
  date: string;
  title: string;
  note: string;
  by: string;
  done: boolean;
  photos: PhotoRow[];
  photoUrls: string[];
}

export function milestoneRows(milestones: readonly MilestoneView[]): MilestoneRow[] {
  return milestones.map((milestone) => ({
    id: milestone.id,
    date: milestone.date,
    title: milestone.title,
    note: milestone.note ?? '',
    by: milestone.by,
    done: milestone.done,
    photos: photoRows(milestone.images),
    photoUrls: photoRows(milestone.images).map((photo) => photo.url),
  }));
}

export interface DetailScreen {
  id: string;
  title: string;
  body: string;
  tag: StatusTag;
  where: string;
  proposer: string;
  proposedAt: string;
  photos: PhotoRow[];
  photoUrls: string[];
  /** Sentences above everything else: held for review, read-only, merged, declined. */
  notes: string[];
  mergedInto?: { id: string; title: string };
  mergedFrom: Array<{ id: string; title: string }>;
  supportLine: string;
  supportButton: string;
  stanceLine: string;
  vote?: VoteBlock;
  answer?: { tag: StatusTag; text: string; by: string; atLabel: string };
  milestones: MilestoneRow[];
  timeline: TimelineRow[];
  can: TopicDetail['can'];
  support: TopicDetail['support'];
  commentCount: number;
  commentsOpen: boolean;
}

const ANSWER_TAGS: Record<NonNullable<TopicDetail['answer']>['kind'], Omit<StatusTag, 'text'>> = {
  adopted: { theme: 'success', icon: 'check-circle' },
  not_adopted: { theme: 'default', icon: 'close-circle' },
  referred: { theme: 'primary', icon: 'jump' },
};

export function detailScreen(detail: TopicDetail): DetailScreen {
  const notes: string[] = [];
  if (detail.moderation === 'review') notes.push('内容正在审核，审核通过后其他居民才能看到');
  if (detail.moderation === 'hidden' || detail.moderation === 'rejected') notes.push('该议题已被隐藏');
  if (detail.declineReason) notes.push(`未列入议程的原因：${detail.declineReason}`);
  if (detail.participationNote) notes.push(detail.participationNote);
  const { household, byMe } = detail.support;
  return {
    id: detail.id,
    title: detail.title,
    body: detail.body,
    tag: statusTag(detail.status, detail.statusLabel),
    where: `${detail.categoryLabel} · ${detail.scopeLabel}`,
    proposer: detail.proposer,
    proposedAt: detail.timeline[0] ? naturalTime(detail.timeline[0].at, new Date()) : '',
    photos: photoRows(detail.images),
    photoUrls: photoRows(detail.images).map((photo) => photo.url),
    notes,
    ...(detail.mergedInto ? { mergedInto: detail.mergedInto } : {}),
    mergedFrom: detail.mergedFrom,
    supportLine: `${detail.supportCount} 户支持讨论这个议题`,
    supportButton: byMe ? '已支持（点一下取消）' : household ? '家人已支持' : '我支持讨论',
    stanceLine: `支持 ${detail.stanceCounts.support} · 中立 ${detail.stanceCounts.neutral} · 反对 ${detail.stanceCounts.oppose}`,
    ...(detail.vote ? { vote: voteBlock(detail.vote, detail.myVote) } : {}),
    ...(detail.answer
      ? {
          answer: {
            tag: { text: detail.answer.label, ...ANSWER_TAGS[detail.answer.kind] },
            text: detail.answer.text,
            by: detail.answer.by,
            atLabel: naturalTime(detail.answer.at, new Date()),
          },
        }
      : {}),
    milestones: milestoneRows(detail.milestones),
    timeline: timelineRows(detail.timeline),
    can: detail.can,
    support: detail.support,
    commentCount: detail.commentCount,
    commentsOpen: detail.can.comment,
  };
}
