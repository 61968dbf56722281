/** Council fixtures shaped exactly like the contract (typings/domain/council.ts, typings/functions/council.ts). */
import type { TopicDetail, TopicItem } from '../../typings/domain/council';
import type { TemplateView } from '../../typings/domain/push';
import type { CouncilActions } from '../../typings/functions/council';

export function topicItem(overrides: Partial<TopicItem> = {}): TopicItem {
  return {
    id: 't-1',
    title: '5号楼南侧空地改建晾晒区',
    excerpt: '5号楼南侧有一块长期闲置的空地，建议改建成晾晒区。',
    category: 'environment',
    categoryLabel: '环境',
    status: 'discussing',
    statusLabel: '讨论中',
    scopeLabel: '5号楼',
    supportCount: 9,
    commentCount: 4,
    imageCount: 0,
    milestoneCount: 0,
    concernsMe: true,
    createdAt: '2026-11-18T12:10:00.000Z',
    statusAtLabel: '2026-11-20 09:30',
    ...overrides,
  };
}

export function listResult(
  items: TopicItem[],
  overrides: Partial<CouncilActions['list']['output']> = {},
): CouncilActions['list']['output'] {
  return { items, hasMore: false, canPropose: true, canManage: false, myBuildingLabel: '5号楼', ...overrides };
}

export function topicDetail(overrides: Partial<TopicDetail> = {}): TopicDetail {
  return {
    ...topicItem(),
    body: '5号楼南侧有一块长期闲置的空地，杂物堆放。建议清理后改建成晾晒区。',
    scope: { kind: 'buildings', buildingNos: [5] },
    images: [],
    proposer: '林*燕（5号楼）',
    proposedByMe: false,
    moderation: 'pass',
    stanceCounts: { support: 2, neutral: 1, oppose: 1 },
    support: { household: false, byMe: false },
    timeline: [
      {
        kind: 'proposed',
        title: '提出议题',
        actor: '林*燕（5号楼）',
        at: '2026-11-18T12:10:00.000Z',
        atLabel: '2026-11-18 20:10',
      },
      {
        kind: 'accepted',
        title: '列入议程',
        actor: '5号楼党支部',
        text: '列入本月楼栋议事会议程',
        at: '2026-11-20T01:30:00.000Z',
        atLabel: '2026-11-20 09:30',
      },
    ],
    milestones: [],
    mergedFrom: [],
    comments: [
      {
        id: 'c-1',
        body: '非常支持，冬天晒被子正需要。',
        stance: 'support',
        stanceLabel: '支持',
        author: '王*（5号楼）',
        official: false,
        mine: false,
        held: false,
        createdAt: '2026-11-21T01:12:00.000Z',
        createdLabel: '2026-11-21 09:12',
        replyCount: 1,
        replies: [
          {
            id: 'c-2',
            body: '方案会把晾衣杆放在东侧。',
            author: '5号楼党支部书记',
            official: true,
            mine: false,
            held: false,
            createdAt: '2026-11-22T10:30:00.000Z',
            createdLabel: '2026-11-22 18:30',
            replyCount: 0,
            replies: [],
          },
        ],
      },
    ],
    commentsHasMore: false,
    can: { support: true, comment: true, vote: false, manage: false, answer: false, withdraw: false, flag: true },
    ...overrides,
  };
}

/** A topic in 投票中 where the caller may vote. */
export function votingDetail(overrides: Partial<TopicDetail> = {}): TopicDetail {
  return topicDetail({
    id: 't-vote',
    title: '垃圾分类投放点集中到北门',
    status: 'voting',
    statusLabel: '投票中',
    scopeLabel: '全社区',
    scope: { kind: 'community' },
    voting: { deadlineLabel: '2026-12-10 20:00', cast: 65, quorumNeeded: 303 },
    vote: {
      kind: 'approval',
      options: ['同意', '反对', '弃权'],
      deadline: '2026-12-10T12:00:00.000Z',
      deadlineLabel: '2026-12-10 20:00 截止',
      quorumPercent: 30,
      electorate: 1008,
      quorumNeeded: 303,
      cast: 65,
      paper: 5,
      closed: false,
    },
    myVote: { canVote: true, householdVoted: false, castByMe: false },
    can: { support: false, comment: true, vote: true, manage: false, answer: false, withdraw: false, flag: true },
    ...overrides,
  });
}

/** A topic adopted after a vote, with milestones. */
export function implementingDetail(): TopicDetail {
  return topicDetail({
    id: 't-roof',
    title: '5号楼楼顶防水维修',
    status: 'implementing',
    statusLabel: '落实中',
    outcomeLabel: '表决通过',
    answerLabel: '采纳',
    milestoneCount: 1,
    vote: {
      kind: 'approval',
      options: ['同意', '反对', '弃权'],
      deadline: '2026-10-30T12:00:00.000Z',
      deadlineLabel: '2026-10-30 20:00 截止',
      quorumPercent: 25,
      electorate: 84,
      quorumNeeded: 21,
      cast: 24,
      paper: 0,
      closed: true,
      result: {
        tallies: [20, 4, 0],
        quorumMet: true,
        outcome: 'passed',
        label: '表决通过（同意 20 户，超过投票户数的一半）',
      },
    },
    myVote: { canVote: false, reason: '投票已结束', householdVoted: true, castByMe: true, channel: 'online' },
    answer: {
      kind: 'adopted',
      label: '采纳',
      text: '同意使用专项维修资金实施楼顶整体防水。',
      by: '社区居委会',
      at: '2026-11-02T02:00:00.000Z',
      atLabel: '2026-11-02 10:00',
    },
    milestones: [
      {
        id: 'm-1',
        title: '施工单位完成现场勘查',
        note: '确定楼顶东侧渗漏点三处。',
        date: '2026-11-10',
        images: [{ fileID: 'cloud://env.b/p.jpg', state: 'pass', url: 'https://files.local/p.jpg' }],
        done: false,
        by: '5号楼党支部',
      },
    ],
    can: { support: false, comment: false, vote: false, manage: false, answer: false, withdraw: false, flag: true },
  });
}

export function councilTemplate(overrides: Partial<TemplateView> = {}): TemplateView {
  return {
    key: 'council',
    templateId: 'tpl-council',
    kind: 'once',
    title: '议事进展通知',
    credits: 0,
    longTermActive: false,
    ...overrides,
  };
}

export function proposeForm(
  overrides: Partial<CouncilActions['proposeForm']['output']> = {},
): CouncilActions['proposeForm']['output'] {
  return {
    myBuildingNo: 5,
    myBuildingLabel: '5号楼',
    buildings: Array.from({ length: 12 }, (_x, index) => ({ no: index + 1, label: `${index + 1}号楼` })),
    categories: [
      { value: 'environment', label: '环境' },
      { value: 'facility', label: '设施' },
      { value: 'safety', label: '安全' },
      { value: 'neighbour', label: '邻里' },
      { value: 'other', label: '其他' },
    ],
    open: 0,
    limit: 3,
    ...overrides,
  };
}
