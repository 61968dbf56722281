/**
 * Demo council topics (议事) of the fictional community, one or more in every stage of the
 * loop: proposals waiting for the agenda, a discussion with stances and an official
 * reply, a community vote under way (ballots, some on paper), a closed vote awaiting the
 * committee's answer, an adopted topic being implemented, a completed one and a declined
 * one. Deterministic for a seed day: fixed ids, dates relative to the seed day, authors and
 * voters picked in order.
 */
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type {
  BallotDoc,
  CommentDoc,
  MilestoneDoc,
  SupportDoc,
  TimelineDoc,
  TopicDoc,
  VoteDoc,
} from '../../cloudfunctions/council/docs';
import { ballotId, managerKey, residentLabel, scopeKeys, voteResult } from '../../cloudfunctions/shared/domain/council';
import type { TopicCategory, TopicScope, TopicStatus } from '../../typings/domain/council';
import { demoCalendar } from './calendar';

/** Ids of the demo topics, for tests, the bench and the preview. */
export const DEMO_TOPICS = {
  charging: 't-demo-charging',
  handrail: 't-demo-handrail',
  drying: 't-demo-drying',
  sorting: 't-demo-sorting',
  dance: 't-demo-dance',
  roof: 't-demo-roof',
  lights: 't-demo-lights',
  parking: 't-demo-parking',
} as const;

const COMMUNITY_HOUSEHOLDS = 1008;
const sum = (values: readonly number[]) => values.reduce((total, n) => total + n, 0);
const BUILDING_HOUSEHOLDS = 84;

export function buildCouncilDemo(
  residents: readonly ResidentDoc[],
  now: Date,
): {
  council_topics: TopicDoc[];
  council_comments: CommentDoc[];
  council_supports: SupportDoc[];
  council_ballots: BallotDoc[];
} {
  const cal = demoCalendar(now);
  // Generated residents only (demo users stay free to propose, support and vote).
  const generated = residents.filter(
    (r) => r.binding.status === 'verified' && r.householdId && !r._id.startsWith('r-demo'),
  );
  const inBuilding = (buildingNo: number) => generated.filter((r) => r.binding.address?.buildingNo === buildingNo);
  const withWeChat = (list: ResidentDoc[]) => list.filter((r) => r.openid);
  const label = (r: ResidentDoc) => residentLabel(r.name, r.binding.address?.buildingNo);
  const byId = new Map(residents.map((r) => [r._id, r]));
  const demo = (id: string) => byId.get(id)!;

  const topics: TopicDoc[] = [];
  const comments: CommentDoc[] = [];
  const supports: SupportDoc[] = [];
  const ballots: BallotDoc[] = [];

  function topic(init: {
    id: string;
    title: string;
    body: string;
    category: TopicCategory;
    scope: TopicScope;
    author: ResidentDoc;
    status: TopicStatus;
    createdAt: Date;
    statusAt: Date;
    timeline: TimelineDoc[];
    extra?: Partial<TopicDoc>;
  }): TopicDoc {
    const doc: TopicDoc = {
      _id: init.id,
      title: init.title,
      body: init.body,
      category: init.category,
      scope: init.scope,
      scopeKeys: scopeKeys(init.scope),
      managerKey: managerKey(init.scope),
      authorId: init.author._id,
      authorLabel: label(init.author),
      authorHouseholdId: init.author.householdId!,
      images: [],
      proposalImages: 0,
      moderation: { state: 'pass', flags: 0 },
      status: init.status,
      statusAt: init.statusAt,
      supportCount: 0,
      commentCount: 0,
      stanceCounts: { support: 0, neutral: 0, oppose: 0 },
      milestones: [],
      mergedFrom: [],
      timeline: [{ kind: 'proposed', at: init.createdAt, actor: label(init.author) }, ...init.timeline],
      createdAt: init.createdAt,
      updatedAt: init.statusAt,
      ...init.extra,
    };
    topics.push(doc);
    return doc;
  }

  function supportBy(doc: TopicDoc, people: ResidentDoc[], when: Date) {
    for (const person of people) {
      supports.push({
        _id: ballotId(doc._id, person.householdId!),
        topicId: doc._id,
        householdId: person.householdId!,
        residentId: person._id,
        at: when,
      });
    }
    doc.supportCount += people.length;
  }

  let commentNo = 0;
  function say(
    doc: TopicDoc,
    author: ResidentDoc,
    body: string,
    when: Date,
    options: { stance?: CommentDoc['stance']; parent?: CommentDoc; official?: string } = {},
  ): CommentDoc {
    const comment: CommentDoc = {
      _id: `c-demo-${String(++commentNo).padStart(2, '0')}`,
      topicId: doc._id,
      isReply: Boolean(options.parent),
      parentId: options.parent?._id ?? '',
      body,
      ...(options.stance ? { stance: options.stance } : {}),
      authorId: author._id,
      authorLabel: options.official ?? label(author),
      official: Boolean(options.official),
      moderation: { state: 'pass', flags: 0 },
      replyCount: 0,
      createdAt: when,
    };
    comments.push(comment);
    doc.commentCount++;
    if (options.stance) doc.stanceCounts[options.stance]++;
    if (options.parent) options.parent.replyCount++;
    return comment;
  }

  /** Ballots from `voters` (online) and `paper` households; choices cycle through `pattern`. */
  function ballotsFor(
    doc: TopicDoc,
    voters: ResidentDoc[],
    paper: ResidentDoc[],
    pattern: number[],
    when: Date,
    clerk: string,
    keepChoices: boolean,
  ): number[] {
    const tallies = doc.vote!.options.map(() => 0);
    [...voters, ...paper].forEach((person, index) => {
      const choice = pattern[index % pattern.length]!;
      tallies[choice]!++;
      const online = index < voters.length;
      ballots.push({
        _id: ballotId(doc._id, person.householdId!),
        topicId: doc._id,
        householdId: person.householdId!,
        buildingNo: person.binding.address!.buildingNo,
        channel: online ? 'online' : 'paper',
        ...(keepChoices ? { choice } : {}),
        ...(online ? { castBy: person._id } : { enteredBy: clerk }),
        at: when,
      });
    });
    return tallies;
  }

  function closedVote(vote: Omit<VoteDoc, 'result' | 'closedAt'>, closedAt: Date): VoteDoc {
    const result = voteResult({
      kind: vote.kind,
      tallies: vote.tallies,
      electorate: vote.electorate,
      quorumPercent: vote.quorumPercent,
    });
    return { ...vote, closedAt, result, choicesErased: true };
  }

  const secretary = demo('r-demo-secretary');
  const staff = demo('r-demo-staff');
  const b5 = inBuilding(5);
  const b7 = inBuilding(7);
  const community = withWeChat(generated);

  // 1. 征集中, community-wide, with supports.
  const charging = topic({
    id: DEMO_TOPICS.charging,
    title: '东门附近增设电动自行车充电桩',
    body: '小区里电动自行车越来越多，有的邻居从楼道里拉电线充电，很不安全。建议在东门附近的空地增设一排带计时收费的充电桩，方便大家，也消除火灾隐患。',
    category: 'facility',
    scope: { kind: 'community' },
    author: withWeChat(b7)[0]!,
    status: 'proposed',
    createdAt: cal.at(-2, '19:20'),
    statusAt: cal.at(-2, '19:20'),
    timeline: [],
  });
  supportBy(charging, community.slice(40, 52), cal.at(-1, '08:00'));

  // 2. 征集中, building 5 (the building 5 secretary's agenda).
  const handrail = topic({
    id: DEMO_TOPICS.handrail,
    title: '5号楼1单元楼道加装扶手',
    body: '1单元住着好几位八十多岁的老人，楼梯没有扶手，上下楼很吃力。建议在一到七楼的楼道靠墙一侧加装不锈钢扶手。',
    category: 'safety',
    scope: { kind: 'buildings', buildingNos: [5] },
    author: withWeChat(b5)[0]!,
    status: 'proposed',
    createdAt: cal.at(-1, '10:05'),
    statusAt: cal.at(-1, '10:05'),
    timeline: [],
  });
  supportBy(handrail, withWeChat(b5).slice(1, 6), cal.at(-1, '12:00'));

  // 3. 讨论中, building 5, proposed by the demo resident: stances and an official reply.
  const drying = topic({
    id: DEMO_TOPICS.drying,
    title: '5号楼南侧空地改建晾晒区',
    body: '5号楼南侧有一块长期闲置的空地，杂物堆放，影响环境。建议清理后改建成晾晒区，装上晾衣杆和几张长椅，老人晒被子、晒太阳都方便。',
    category: 'environment',
    scope: { kind: 'buildings', buildingNos: [5] },
    author: demo('r-demo-resident'),
    status: 'discussing',
    createdAt: cal.at(-8, '20:10'),
    statusAt: cal.at(-6, '09:30'),
    timeline: [{ kind: 'accepted', at: cal.at(-6, '09:30'), actor: '5号楼党支部', text: '列入本月楼栋议事会议程' }],
  });
  supportBy(drying, withWeChat(b5).slice(6, 15), cal.at(-5, '18:00'));
  const voices = withWeChat(b5).slice(15, 19);
  const first = say(
    drying,
    voices[0]!,
    '非常支持，冬天晒被子正需要，空地现在堆的杂物也该清一清了。',
    cal.at(-5, '09:12'),
    {
      stance: 'support',
    },
  );
  say(drying, voices[1]!, '晾晒区挺好，就是担心有人占着不收，能不能定个收衣服的时间？', cal.at(-5, '10:40'), {
    stance: 'neutral',
  });
  say(drying, voices[2]!, '我家一楼正对着那块空地，晾满衣服会挡光，希望位置再往东挪一点。', cal.at(-4, '16:03'), {
    stance: 'oppose',
  });
  say(drying, secretary, '大家的意见都记下了，方案会把晾衣杆放在东侧，不挡一楼的光线。', cal.at(-4, '18:30'), {
    parent: first,
    official: '5号楼党支部书记',
  });

  // 4. 投票中, community-wide: ballots so far, five of them on paper for households without WeChat.
  const sortingVote: VoteDoc = {
    kind: 'approval',
    options: ['同意', '反对', '弃权'],
    deadline: cal.at(14, '20:00'),
    quorumPercent: 30,
    electorate: COMMUNITY_HOUSEHOLDS,
    tallies: [0, 0, 0],
    cast: 0,
    paper: 0,
    openedAt: cal.at(-1, '09:00'),
    openedBy: staff._id,
  };
  const sorting = topic({
    id: DEMO_TOPICS.sorting,
    title: '垃圾分类投放点集中到北门',
    body: '现在各楼门口都有垃圾桶，夏天气味大、招蚊虫。建议把分类投放点集中到北门旁，定时投放，由志愿者值守指导分类。',
    category: 'environment',
    scope: { kind: 'community' },
    author: withWeChat(inBuilding(2))[0]!,
    status: 'voting',
    createdAt: cal.at(-16, '08:40'),
    statusAt: cal.at(-1, '09:00'),
    timeline: [
      { kind: 'accepted', at: cal.at(-14, '10:00'), actor: '社区居委会' },
      {
        kind: 'vote_opened',
        at: cal.at(-1, '09:00'),
        actor: '社区居委会',
        text: `${cal.wall(14, '20:00')}截止；范围内共1008户，至少303户参与投票结果才有效`,
      },
    ],
    extra: { vote: sortingVote },
  });
  supportBy(sorting, community.slice(60, 90), cal.at(-15, '12:00'));
  const noWeChatB5 = b5.filter((r) => !r.openid).slice(0, 5);
  sortingVote.tallies = ballotsFor(
    sorting,
    community.slice(100, 160),
    noWeChatB5,
    [0, 0, 1, 0, 2, 0, 1],
    cal.at(-1, '20:00'),
    secretary._id,
    true,
  );
  sortingVote.cast = sum(sortingVote.tallies);
  sortingVote.paper = noWeChatB5.length;

  // 5. 已决议, awaiting the committee's answer: the vote closed and passed.
  const danceTallies = [0, 0, 0];
  const dance = topic({
    id: DEMO_TOPICS.dance,
    title: '广场舞音响音量与时间约定',
    body: '晚上广场舞音响声音太大，影响老人休息和孩子学习。建议约定晚上八点半前结束，音量不超过六十分贝，并安排志愿者提醒。',
    category: 'neighbour',
    scope: { kind: 'community' },
    author: withWeChat(inBuilding(9))[0]!,
    status: 'decided',
    createdAt: cal.at(-37, '21:00'),
    statusAt: cal.at(-6, '20:01'),
    timeline: [],
  });
  const danceVote = {
    kind: 'approval' as const,
    options: ['同意', '反对', '弃权'],
    deadline: cal.at(-6, '20:00'),
    quorumPercent: 30,
    electorate: COMMUNITY_HOUSEHOLDS,
    tallies: danceTallies,
    cast: 0,
    paper: 0,
    openedAt: cal.at(-21, '09:00'),
    openedBy: staff._id,
  };
  dance.vote = danceVote as VoteDoc;
  const danceCounts = ballotsFor(
    dance,
    community.slice(200, 520),
    [],
    [0, 0, 0, 1, 0, 2],
    cal.at(-16, '19:00'),
    '',
    false,
  );
  dance.vote = closedVote({ ...danceVote, tallies: danceCounts, cast: sum(danceCounts) }, cal.at(-6, '20:01'));
  dance.timeline.push(
    { kind: 'accepted', at: cal.at(-35, '10:00'), actor: '社区居委会' },
    { kind: 'vote_opened', at: cal.at(-21, '09:00'), actor: '社区居委会', text: `${cal.wall(-6, '20:00')}截止` },
    { kind: 'vote_closed', at: cal.at(-6, '20:01'), actor: '系统计票', text: '表决通过' },
  );

  // 6. 落实中, building 5: adopted after a vote, two milestones so far.
  const roofMilestones: MilestoneDoc[] = [
    {
      id: 'm-demo-roof-1',
      title: '施工单位完成现场勘查',
      note: '确定楼顶东侧渗漏点三处，制定防水方案。',
      date: cal.day(-16),
      images: [],
      done: false,
      by: '5号楼党支部',
      byId: secretary._id,
      at: cal.at(-16, '17:00'),
    },
    {
      id: 'm-demo-roof-2',
      title: '防水材料进场，开始施工',
      note: '预计两周完工，施工期间请勿上楼顶。',
      date: cal.day(-2),
      images: [],
      done: false,
      by: '5号楼党支部',
      byId: secretary._id,
      at: cal.at(-2, '09:00'),
    },
  ];
  const roof = topic({
    id: DEMO_TOPICS.roof,
    title: '5号楼楼顶防水维修',
    body: '顶楼多户反映雨天屋顶渗水，墙皮脱落。建议使用住宅专项维修资金对楼顶做整体防水。',
    category: 'facility',
    scope: { kind: 'buildings', buildingNos: [5] },
    author: withWeChat(b5)[19]!,
    status: 'implementing',
    createdAt: cal.at(-72, '19:00'),
    statusAt: cal.at(-24, '10:00'),
    timeline: [],
    extra: {
      milestones: roofMilestones,
      answer: {
        kind: 'adopted',
        text: '同意使用专项维修资金实施楼顶整体防水，由物业公司组织施工，5号楼党支部跟进。',
        by: '社区居委会',
        byId: staff._id,
        at: cal.at(-24, '10:00'),
      },
    },
  });
  const roofVote = {
    kind: 'approval' as const,
    options: ['同意', '反对', '弃权'],
    deadline: cal.at(-27, '20:00'),
    quorumPercent: 25,
    electorate: BUILDING_HOUSEHOLDS,
    tallies: [0, 0, 0],
    cast: 0,
    paper: 0,
    openedAt: cal.at(-41, '09:00'),
    openedBy: secretary._id,
  };
  roof.vote = roofVote as VoteDoc;
  const roofCounts = ballotsFor(
    roof,
    withWeChat(b5).slice(20, 66),
    [],
    [0, 0, 0, 0, 1],
    cal.at(-37, '19:00'),
    '',
    false,
  );
  roof.vote = closedVote({ ...roofVote, tallies: roofCounts, cast: sum(roofCounts) }, cal.at(-27, '20:01'));
  roof.timeline.push(
    { kind: 'accepted', at: cal.at(-69, '10:00'), actor: '5号楼党支部' },
    { kind: 'vote_opened', at: cal.at(-41, '09:00'), actor: '5号楼党支部', text: `${cal.wall(-27, '20:00')}截止` },
    { kind: 'vote_closed', at: cal.at(-27, '20:01'), actor: '系统计票', text: '表决通过' },
    {
      kind: 'answered',
      at: cal.at(-24, '10:00'),
      actor: '社区居委会',
      text: '采纳：同意使用专项维修资金实施楼顶整体防水',
    },
    { kind: 'milestone', at: cal.at(-16, '17:00'), actor: '5号楼党支部', text: `${cal.day(-16)} 施工单位完成现场勘查` },
    { kind: 'milestone', at: cal.at(-2, '09:00'), actor: '5号楼党支部', text: `${cal.day(-2)} 防水材料进场，开始施工` },
  );

  // 7. 已完成, community-wide: answered without a vote, done.
  topic({
    id: DEMO_TOPICS.lights,
    title: '小区路灯更换为LED节能灯',
    body: '小区里不少路灯昏暗或不亮，晚上老人出门不安全。建议统一更换为LED节能灯，并在北门小路补装两盏。',
    category: 'safety',
    scope: { kind: 'community' },
    author: withWeChat(inBuilding(11))[0]!,
    status: 'completed',
    createdAt: cal.at(-117, '20:00'),
    statusAt: cal.at(-42, '16:00'),
    timeline: [
      { kind: 'accepted', at: cal.at(-115, '10:00'), actor: '社区居委会' },
      {
        kind: 'answered',
        at: cal.at(-108, '10:00'),
        actor: '社区居委会',
        text: '采纳：纳入社区微改造项目，由街道统一采购更换',
      },
      {
        kind: 'milestone',
        at: cal.at(-67, '17:00'),
        actor: '社区居委会',
        text: `${cal.day(-67)} 完成全部62盏路灯更换`,
      },
      {
        kind: 'completed',
        at: cal.at(-42, '16:00'),
        actor: '社区居委会',
        text: `${cal.day(-42)} 北门小路补装两盏路灯，验收完成`,
      },
    ],
    extra: {
      answer: {
        kind: 'adopted',
        text: '纳入社区微改造项目，由街道统一采购更换。',
        by: '社区居委会',
        byId: staff._id,
        at: cal.at(-108, '10:00'),
      },
      milestones: [
        {
          id: 'm-demo-lights-1',
          title: '完成全部62盏路灯更换',
          date: cal.day(-67),
          images: [],
          done: false,
          by: '社区居委会',
          byId: staff._id,
          at: cal.at(-67, '17:00'),
        },
        {
          id: 'm-demo-lights-2',
          title: '北门小路补装两盏路灯，验收完成',
          date: cal.day(-42),
          images: [],
          done: true,
          by: '社区居委会',
          byId: staff._id,
          at: cal.at(-42, '16:00'),
        },
      ],
    },
  });

  // 8. 未列入议程, building 3, with the reason its proposer sees.
  topic({
    id: DEMO_TOPICS.parking,
    title: '3号楼门前划定临时停车位',
    body: '3号楼门前经常有外来车辆乱停，建议划几个临时停车位，给送货和接送老人的车辆使用。',
    category: 'other',
    scope: { kind: 'buildings', buildingNos: [3] },
    author: withWeChat(inBuilding(3))[0]!,
    status: 'declined',
    createdAt: cal.at(-25, '18:00'),
    statusAt: cal.at(-23, '11:00'),
    timeline: [
      {
        kind: 'declined',
        at: cal.at(-23, '11:00'),
        actor: '3号楼党支部',
        text: '楼前是消防通道，按规定不能划设停车位；已请物业加强巡查。',
      },
    ],
    extra: { declineReason: '楼前是消防通道，按规定不能划设停车位；已请物业加强巡查。' },
  });

  return { council_topics: topics, council_comments: comments, council_supports: supports, council_ballots: ballots };
}
