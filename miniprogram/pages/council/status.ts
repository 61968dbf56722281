/**
 * How council topics look in every list (the 议事 tab and the council subpackage, which
 * imports this from the main package): each status as a word with an icon, never a
 * colour alone, and the card lines of a topic.
 */
import type { StatusTag } from '../../utils/status-tag';
import type {
  AgendaStage,
  Stance,
  TopicCategory,
  TopicItem,
  TopicStage,
  TopicStatus,
} from '../../../typings/domain/council';
import { deadlineLabel } from '../../utils/dates';

export type { StatusTag };

const STATUS_STYLE: Record<TopicStatus, Omit<StatusTag, 'text'>> = {
  proposed: { theme: 'primary', icon: 'lightbulb' },
  discussing: { theme: 'primary', icon: 'chat' },
  voting: { theme: 'warning', icon: 'chart-bar' },
  decided: { theme: 'success', icon: 'check-circle' },
  implementing: { theme: 'warning', icon: 'tools' },
  completed: { theme: 'success', icon: 'check-double' },
  declined: { theme: 'default', icon: 'close-circle' },
  merged: { theme: 'default', icon: 'merge-cells' },
  withdrawn: { theme: 'default', icon: 'rollback' },
};

export function statusTag(status: TopicStatus, label: string): StatusTag {
  return { text: label, ...STATUS_STYLE[status] };
}

export const STANCE_TAGS: Record<Stance, StatusTag> = {
  support: { text: '支持', theme: 'success', icon: 'thumb-up' },
  neutral: { text: '中立', theme: 'default', icon: 'minus-circle' },
  oppose: { text: '反对', theme: 'danger', icon: 'thumb-down' },
};

/** The list's tabs; '' is 全部. */
export const STAGE_TABS: Array<{ value: TopicStage | ''; label: string }> = [
  { value: '', label: '全部' },
  { value: 'proposed', label: '征集中' },
  { value: 'discussing', label: '讨论中' },
  { value: 'voting', label: '投票中' },
  { value: 'decided', label: '已决议' },
  { value: 'implementing', label: '落实中' },
  { value: 'completed', label: '已完成' },
];

/** The category filter; '' is every category. */
export const CATEGORY_CHIPS: Array<{ value: TopicCategory | ''; label: string }> = [
  { value: '', label: '全部类别' },
  { value: 'environment', label: '环境' },
  { value: 'facility', label: '设施' },
  { value: 'safety', label: '安全' },
  { value: 'neighbour', label: '邻里' },
  { value: 'other', label: '其他' },
];

export const AGENDA_TABS: Array<{ value: AgendaStage; label: string }> = [
  { value: 'proposed', label: '待受理' },
  { value: 'discussing', label: '讨论中' },
  { value: 'voting', label: '投票中' },
  { value: 'awaiting_answer', label: '待答复' },
  { value: 'implementing', label: '落实中' },
];

export const COUNCIL_PAGES = {
  detail: '/packages/council/pages/detail/index',
  propose: '/packages/council/pages/propose/index',
  vote: '/packages/council/pages/vote/index',
  mine: '/packages/council/pages/mine/index',
  manage: '/packages/council/pages/manage/index',
  handle: '/packages/council/pages/handle/index',
  openVote: '/packages/council/pages/open-vote/index',
  paper: '/packages/council/pages/paper/index',
  answer: '/packages/council/pages/answer/index',
  milestone: '/packages/council/pages/milestone/index',
} as const;

/** One topic card. */
export interface TopicRow {
  id: string;
  title: string;
  excerpt: string;
  tag: StatusTag;
  /** e.g. "设施 · 5号楼". */
  where: string;
  /** e.g. "12户支持 · 4条讨论". */
  counts: string;
  /** The stage's own line: voting turnout, the outcome, the answer, progress. */
  stageLine: string;
  concernsMe: boolean;
}

function stageLine(item: TopicItem): string {
  if (item.voting) {
    const deadline = item.voting.deadline
      ? deadlineLabel(item.voting.deadline, new Date())
      : `${item.voting.deadlineLabel} 截止`;
    return `已投票 ${item.voting.cast} 户（需 ${item.voting.quorumNeeded} 户）· ${deadline}`;
  }
  const parts: string[] = [];
  if (item.outcomeLabel) parts.push(item.outcomeLabel);
  if (item.answerLabel) parts.push(`答复：${item.answerLabel}`);
  if (item.milestoneCount && (item.status === 'implementing' || item.status === 'completed')) {
    parts.push(`落实进展 ${item.milestoneCount} 条`);
  }
  return parts.join(' · ');
}

export function topicRow(item: TopicItem): TopicRow {
  return {
    id: item.id,
    title: item.title,
    excerpt: item.excerpt,
    tag: statusTag(item.status, item.statusLabel),
    where: `${item.categoryLabel} · ${item.scopeLabel}`,
    counts: `${item.supportCount}户支持 · ${item.commentCount}条讨论${item.imageCount ? ` · ${item.imageCount}张照片` : ''}`,
    stageLine: stageLine(item),
    concernsMe: item.concernsMe,
  };
}
