/**
 * Demo activities (活动) of the fictional community: a health talk for seniors, a branch's
 * stairwell clean-up that is full with a waiting list, volunteer snow clearing, a team's
 * green-space clean-up, a New Year party without a limit, and a past activity with
 * attendance, no-shows and volunteer hours. Deterministic for a seed day: fixed ids and
 * people, dates relative to the seed day; each ledger is built by the same rule the
 * function applies (rules.afterSignUp).
 */
import type { Eligibility, Organiser } from '../../typings/domain/activity';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { ActivityDoc, HoursDoc, SignupDoc } from '../../cloudfunctions/activity/docs';
import { afterSignUp, buildingKeys, creditTeam, type Ledger } from '../../cloudfunctions/activity/rules';
import { signupId } from '../../cloudfunctions/activity/signup';
import { demoCalendar } from './calendar';

/** Ids of the demo activities, for tests, the bench and the preview. */
export const DEMO_ACTIVITIES = {
  health: 'act_demo_health',
  stairs: 'act_demo_stairs',
  snow: 'act_demo_snow',
  green: 'act_demo_green',
  party: 'act_demo_party',
  past: 'act_demo_past',
} as const;

/** The day each demo activity takes place, counted from the seed day (tests date from it). */
export const DEMO_ACTIVITY_DAYS = {
  health: 9,
  stairs: 10,
  snow: 16,
  green: 7,
  party: 35,
  past: -11,
} as const satisfies Record<keyof typeof DEMO_ACTIVITIES, number>;

/** Wall-clock instant in Asia/Shanghai. */
function at(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}:00+08:00`);
}

const DAY = 24 * 3600_000;
const OPEN_TO_ALL: Eligibility = { buildingNos: [], partyMembersOnly: false, volunteersOnly: false };

interface Spec {
  id: string;
  title: string;
  description: string;
  organiser: Organiser;
  organiserLabel: string;
  place: string;
  start: string;
  end: string;
  opens: string;
  deadline: string;
  capacity: number | null;
  eligibility?: Partial<Eligibility>;
  maxCompanions?: number;
  volunteerHours?: number;
  authorId: string;
  /** Who signed up, in order, with companions. */
  signups: Array<{ who: ResidentDoc; companions?: number; booker?: ResidentDoc }>;
  /** Of those holding a place: who came (the rest are no-shows), for a past activity. */
  attended?: ResidentDoc[];
}

export function buildActivityDemo(
  residents: readonly ResidentDoc[],
  teams: ReadonlyArray<{ _id: string; name: string }>,
  now: Date,
): { activities: ActivityDoc[]; activity_signups: SignupDoc[]; volunteer_hours: HoursDoc[] } {
  const cal = demoCalendar(now);
  /** Published a week ago, or two days before sign-up opened if that was earlier. */
  const publishedAt = (opens: Date) => new Date(Math.min(cal.at(-8, '09:00').getTime(), opens.getTime() - 2 * DAY));
  const byId = new Map(residents.map((r) => [r._id, r]));
  const need = (id: string) => byId.get(id)!;
  const generated = residents.filter((r) => r.binding.status === 'verified' && !r._id.startsWith('r-demo') && r.openid);
  const seniors = generated.filter((r) => (r.birthYear ?? 2000) <= 1960);
  const inBuilding5 = generated.filter((r) => r.binding.address?.buildingNo === 5);
  const volunteers = generated.filter((r) => r.roles.some((role) => role.kind === 'volunteer'));
  const team01 = volunteers.filter((r) =>
    r.roles.some((role) => role.kind === 'volunteer' && role.teamId === 'team01'),
  );
  const teamName = (id: string) => teams.find((team) => team._id === id)?.name ?? '志愿服务队';

  const specs: Spec[] = [
    {
      id: DEMO_ACTIVITIES.health,
      title: '冬季老年人心脑血管保健讲座',
      description:
        '社区卫生服务站的医生讲解冬季心脑血管疾病的预防和日常保健，现场免费测量血压、血糖。请带上平时服用的药物清单。',
      organiser: { kind: 'committee' },
      organiserLabel: '社区居委会',
      place: '社区党群服务中心二楼活动室',
      start: cal.wall(DEMO_ACTIVITY_DAYS.health, '09:00'),
      end: cal.wall(DEMO_ACTIVITY_DAYS.health, '10:30'),
      opens: cal.wall(-6, '08:00'),
      deadline: cal.wall(8, '18:00'),
      capacity: 40,
      eligibility: { minAge: 60 },
      maxCompanions: 1,
      authorId: 'r-demo-staff',
      signups: seniors.slice(0, 12).map((who, i) => ({ who, companions: i % 4 === 0 ? 1 : 0 })),
    },
    {
      id: DEMO_ACTIVITIES.stairs,
      title: '5号楼楼道清洁日',
      description: '清理楼道堆放杂物、擦拭扶手和信报箱。工具由党支部准备，请穿方便活动的衣服。',
      organiser: { kind: 'branch', buildingNo: 5 },
      organiserLabel: '5号楼党支部',
      place: '5号楼1单元门口集合',
      start: cal.wall(DEMO_ACTIVITY_DAYS.stairs, '09:00'),
      end: cal.wall(DEMO_ACTIVITY_DAYS.stairs, '11:00'),
      opens: cal.wall(-6, '08:00'),
      deadline: cal.wall(9, '20:00'),
      capacity: 10,
      eligibility: { buildingNos: [5] },
      authorId: 'r-demo-secretary',
      signups: inBuilding5.slice(0, 13).map((who) => ({ who })),
    },
    {
      id: DEMO_ACTIVITIES.snow,
      title: '雪后主干道扫雪除冰',
      description: '降雪后清扫小区主干道和各楼门口的积雪，撒融雪剂，防止老人滑倒。',
      organiser: { kind: 'team', teamId: 'team09' },
      organiserLabel: teamName('team09'),
      place: '小区南门物业值班室',
      start: cal.wall(DEMO_ACTIVITY_DAYS.snow, '07:00'),
      end: cal.wall(DEMO_ACTIVITY_DAYS.snow, '09:00'),
      opens: cal.wall(-1, '08:00'),
      deadline: cal.wall(15, '20:00'),
      capacity: 20,
      eligibility: { volunteersOnly: true },
      volunteerHours: 2,
      authorId: 'r-demo-staff',
      signups: volunteers.slice(0, 6).map((who) => ({ who })),
    },
    {
      id: DEMO_ACTIVITIES.green,
      title: '中心绿地落叶清理',
      description: '清理中心绿地和儿童游乐区的落叶、枯枝，给花坛覆土防寒。',
      organiser: { kind: 'team', teamId: 'team01' },
      organiserLabel: teamName('team01'),
      place: '中心绿地凉亭',
      start: cal.wall(DEMO_ACTIVITY_DAYS.green, '14:00'),
      end: cal.wall(DEMO_ACTIVITY_DAYS.green, '16:00'),
      opens: cal.wall(-6, '08:00'),
      deadline: cal.wall(7, '12:00'),
      capacity: 15,
      volunteerHours: 2,
      authorId: 'r-demo-team-leader',
      signups: [{ who: need('r-demo-team-leader') }, ...team01.slice(0, 4).map((who) => ({ who }))],
    },
    {
      id: DEMO_ACTIVITIES.party,
      title: '迎新年邻里联欢会',
      description: '各楼栋居民表演节目，现场包饺子、写春联。欢迎带家人一起来。',
      organiser: { kind: 'committee' },
      organiserLabel: '社区居委会',
      place: '社区文化广场',
      start: cal.wall(DEMO_ACTIVITY_DAYS.party, '18:30'),
      end: cal.wall(DEMO_ACTIVITY_DAYS.party, '21:00'),
      opens: cal.wall(-6, '08:00'),
      deadline: cal.wall(34, '18:00'),
      capacity: null,
      maxCompanions: 2,
      authorId: 'r-demo-staff',
      signups: [
        { who: need('r-demo-senior-nophone'), booker: need('r-demo-relative') },
        ...generated.slice(40, 48).map((who, i) => ({ who, companions: i % 3 })),
      ],
    },
    {
      id: DEMO_ACTIVITIES.past,
      title: '小区绿化带补种',
      description: '补种小区东侧绿化带的冬青和月季。',
      organiser: { kind: 'team', teamId: 'team01' },
      organiserLabel: teamName('team01'),
      place: '小区东侧绿化带',
      start: cal.wall(DEMO_ACTIVITY_DAYS.past, '09:00'),
      end: cal.wall(DEMO_ACTIVITY_DAYS.past, '11:30'),
      opens: cal.wall(-21, '08:00'),
      deadline: cal.wall(-12, '18:00'),
      capacity: 8,
      volunteerHours: 2.5,
      authorId: 'r-demo-team-leader',
      signups: [{ who: need('r-demo-team-leader') }, ...team01.slice(0, 6).map((who) => ({ who }))],
      attended: [need('r-demo-team-leader'), ...team01.slice(0, 3)],
    },
  ];

  const activities: ActivityDoc[] = [];
  const activitySignups: SignupDoc[] = [];
  const hours: HoursDoc[] = [];
  let code = 300000;
  for (const spec of specs) {
    const startAt = at(spec.start);
    const opensAt = at(spec.opens);
    const createdAt = publishedAt(opensAt);
    const endAt = at(spec.end);
    let ledger: Ledger = { capacity: spec.capacity, taken: 0, holders: [], queue: [] };
    const eligibility: Eligibility = { ...OPEN_TO_ALL, ...spec.eligibility };
    spec.signups.forEach(({ who, companions = 0, booker }, index) => {
      const id = signupId(spec.id, who._id);
      const placed = afterSignUp(ledger, { id, n: 1 + companions });
      ledger = placed.ledger;
      const came = spec.attended?.some((r) => r._id === who._id);
      const state = spec.attended
        ? placed.state === 'confirmed'
          ? came
            ? 'attended'
            : 'no_show'
          : 'waiting'
        : placed.state;
      const teamId = came ? creditTeam(who.roles, spec.organiser) : null;
      const credited = teamId && spec.volunteerHours ? spec.volunteerHours : 0;
      // In sign-up order, from the minute sign-up opened.
      const signedAt = new Date(opensAt.getTime() + (index + 1) * 60_000);
      activitySignups.push({
        _id: id,
        activityId: spec.id,
        participantId: who._id,
        bookerId: booker?._id ?? who._id,
        ...(booker ? { proxy: { actorId: booker._id, subjectId: who._id, at: signedAt } } : {}),
        requestIds: [`seed-${spec.id}-${index}`],
        companions,
        state,
        seq: index + 1,
        code: String(code++),
        startAt,
        endAt,
        round: 1,
        createdAt: signedAt,
        updatedAt: signedAt,
        ...(came ? { checkedInAt: startAt, checkedInBy: spec.authorId } : {}),
        ...(credited ? { hoursCredited: credited } : {}),
      });
      if (teamId && credited) {
        hours.push({
          _id: id,
          residentId: who._id,
          teamId,
          activityId: spec.id,
          title: spec.title,
          hours: credited,
          date: spec.start.slice(0, 10),
          month: spec.start.slice(0, 7),
          at: startAt,
        });
      }
    });
    const attendedCount = activitySignups.filter((s) => s.activityId === spec.id && s.state === 'attended').length;
    const noShow = activitySignups.filter((s) => s.activityId === spec.id && s.state === 'no_show').length;
    activities.push({
      _id: spec.id,
      title: spec.title,
      description: spec.description,
      images: [],
      organiser: spec.organiser,
      organiserLabel: spec.organiserLabel,
      place: spec.place,
      startAt,
      endAt,
      signupOpensAt: opensAt,
      signupDeadline: at(spec.deadline),
      capacity: spec.capacity,
      eligibility,
      maxCompanions: spec.maxCompanions ?? 0,
      volunteerHours: spec.volunteerHours ?? 0,
      buildingKeys: buildingKeys(eligibility),
      state: 'published',
      moderation: { state: 'pass', flags: 0 },
      authorId: spec.authorId,
      createdAt,
      updatedAt: createdAt,
      version: 1,
      taken: ledger.taken,
      holders: ledger.holders,
      queue: ledger.queue,
      waitingCount: ledger.queue.length,
      seq: spec.signups.length,
      reminder: spec.attended ? 'sent' : 'pending',
      attendance: spec.attended ? 'closed' : 'open',
      attended: attendedCount,
      noShow,
    });
  }
  return { activities, activity_signups: activitySignups, volunteer_hours: hours };
}
