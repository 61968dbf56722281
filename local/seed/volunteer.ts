/**
 * Demo volunteering (志愿) of the fictional community, around the instant `now`: the 14
 * teams with their purpose and members (generated residents of buildings 4 and 6–12 join,
 * so the demo users and the buildings other demos count stay as they are), volunteer
 * profiles (skills, some students, Party members showing the badge, some on the honour
 * board), a snow call-out under way (以雪为令: tomorrow 07:00, 20 needed, 12 answered), weekly
 * duties with shifts this week and next, and past call-outs with their hours in the ledger,
 * two months back and earlier (so the activity demo's months stay as they are). Every date
 * is relative to `now` in Asia/Shanghai. Team totals are computed from the roles and the
 * whole ledger (the activity demo's hours included), as the timer's reconciliation would.
 */
import type { ResidentDoc, VolunteerTeamDoc } from '../../cloudfunctions/shared/docs';
import type { HoursDoc } from '../../cloudfunctions/shared/hours';
import { hoursRecord } from '../../cloudfunctions/shared/hours';
import { callOutHoursId, memberTeams, roundHours } from '../../cloudfunctions/shared/domain/hours';
import { shiftId } from '../../cloudfunctions/shared/domain/volunteer';
import type { CallOutDoc, DutyDoc, ShiftDoc } from '../../cloudfunctions/volunteer/docs';
import { COMMUNITY_TZ, dayjs } from '../../cloudfunctions/shared/time';
import { demoCalendar, type DemoCalendar } from './calendar';

/** Ids of the demo's volunteer documents, for tests, the bench and the preview. */
export const DEMO_VOLUNTEER = {
  snowCall: 'co_demo-snow-call',
  patrol: 'duty_demopatrol',
  cleaning: 'duty_democleaning',
  meals: 'duty_demomeals',
  snowTeam: 'team09',
  patrolTeam: 'team04',
} as const;

/**
 * The date of a demo duty's shift in the seed day's week (`week` 0) or the next (1): duties
 * recur on a weekday (1 = Monday), community weeks start on Monday.
 */
export function demoShiftDate(cal: DemoCalendar, weekday: number, week: 0 | 1): string {
  return cal.day(cal.offsetOf(cal.weekStart(week)) + weekday - 1);
}

/** Weekday (1 = Monday) of each demo duty. */
export const DEMO_DUTY_WEEKDAYS = {
  [DEMO_VOLUNTEER.patrol]: 5,
  [DEMO_VOLUNTEER.cleaning]: 6,
  [DEMO_VOLUNTEER.meals]: 3,
} as const;

export const TEAM_PURPOSES: Record<string, string> = {
  team01: '清扫公共绿地、楼前空地，美化小区环境',
  team02: '结对看望独居老人，邻里互助',
  team03: '为行动不便的老人上门送餐、代购、陪诊',
  team04: '夜间和节假日治安巡逻，守护小区平安',
  team05: '配合社区卫生服务站开展义诊和健康宣传',
  team06: '劝导不文明行为，维护公共秩序',
  team07: '垃圾分类宣传和定时定点督导',
  team08: '消防安全检查，宣传燃气和用电安全',
  team09: '以雪为令，雪后清扫道路和楼门口积雪',
  team10: '为老人和困难家庭免费修理小家电',
  team11: '提供法律咨询，调解邻里纠纷',
  team12: '组织文体活动，丰富居民生活',
  team13: '关爱青少年成长，开展课后托管和辅导',
  team14: '为有需要的居民提供心理疏导和陪伴',
};

/** Members each team gains from the demo (on top of the volunteers the community already has). */
const NEW_MEMBERS: Record<string, number> = { team09: 36, team01: 16, team04: 12, team03: 8 };
const DEFAULT_NEW_MEMBERS = 3;

const SKILLS = ['体力好', '会开车', '懂急救', '会修理', '会摄影', '懂法律', '会心理疏导', '会唱歌跳舞'];
const TIMES = ['工作日白天', '工作日晚上', '周末上午', '周末下午', '随叫随到'];
const SCHOOLS = ['长春理工大学', '吉林农业大学', '长春师范大学'];

export interface VolunteerDemoInput {
  residents: ResidentDoc[];
  teams: VolunteerTeamDoc[];
  now: Date;
  /** Hours the activity demo credited: kept in the ledger beside the volunteer demo's. */
  activityHours: HoursDoc[];
}

export function buildVolunteerDemo({ residents, teams, now, activityHours }: VolunteerDemoInput): {
  volunteer_callouts: CallOutDoc[];
  volunteer_duties: DutyDoc[];
  volunteer_shifts: ShiftDoc[];
  volunteer_hours: HoursDoc[];
} {
  const cal = demoCalendar(now);
  const teamName = new Map(teams.map((team) => [team._id, team.name]));
  for (const team of teams) team.purpose = TEAM_PURPOSES[team._id] ?? '';

  // Members: generated residents with WeChat and no role yet, away from the buildings other
  // demos count, and only one in three of them (other demos and tests pick plain residents too).
  const candidates = residents
    .filter(
      (r) =>
        r.openid &&
        !r._id.startsWith('r-demo') &&
        r.roles.length === 0 &&
        r.binding.status === 'verified' &&
        [4, 6, 7, 8, 9, 10, 11, 12].includes(r.binding.address!.buildingNo),
    )
    .filter((_, index) => index % 3 === 1);
  let next = 0;
  for (const team of teams) {
    const count = NEW_MEMBERS[team._id] ?? DEFAULT_NEW_MEMBERS;
    for (let i = 0; i < count && next < candidates.length; i++) {
      candidates[next++]!.roles.push({ kind: 'volunteer', teamId: team._id });
    }
  }
  // Some residents who volunteer are Party members: a few of them show the badge (党员亮身份).
  const volunteers = residents.filter((r) => !r._id.startsWith('r-demo') && memberTeams(r.roles).length > 0);
  volunteers.forEach((person, index) => {
    if (index % 9 === 0 && !person.roles.some((role) => role.kind === 'party_member'))
      person.roles.push({ kind: 'party_member' });
    const student = index % 11 === 3;
    person.volunteer = {
      skills: [SKILLS[index % SKILLS.length]!],
      availability: [TIMES[index % TIMES.length]!],
      ...(student ? { student: { school: SCHOOLS[index % SCHOOLS.length]!, major: '社会工作', grade: '2024级' } } : {}),
      partyBadge: index % 9 === 0,
      honour: index % 3 === 0,
      updatedAt: cal.at(-30, '10:00'),
    };
  });

  const membersOf = (teamId: string) => volunteers.filter((r) => memberTeams(r.roles).includes(teamId));
  const snowTeam = membersOf(DEMO_VOLUNTEER.snowTeam);
  const team01 = membersOf('team01');

  // The snow call under way: sent last night by staff to the snow team and team 01.
  const snowAudience = [...new Set([...snowTeam, ...team01, residents.find((r) => r._id === 'r-demo-team-leader')!])]
    .map((r) => r._id)
    .sort();
  const answered = snowTeam.slice(0, 12);
  const declined = snowTeam.slice(12, 14);
  const callOuts: CallOutDoc[] = [
    {
      _id: DEMO_VOLUNTEER.snowCall,
      requestId: 'demo-snow-call',
      callerId: 'r-demo-staff',
      callerLabel: '社区居委会',
      title: '以雪为令：清扫主干道和3至5号楼积雪',
      description: `天气预报${cal.format(1, 'M月D日')}凌晨有大到暴雪。当天早上7点在南门集合，分组清扫主干道和3至5号楼门口的积雪，撒融雪剂。请穿防滑鞋。`,
      place: '小区南门物业值班室',
      startAt: cal.at(1, '07:00'),
      endAt: cal.at(1, '09:00'),
      needed: 20,
      teamIds: [DEMO_VOLUNTEER.snowTeam, 'team01'],
      buildingNos: [],
      equipment: ['铁锹', '扫帚', '融雪剂'],
      hours: 2,
      urgent: true,
      notifyAt: cal.at(-1, '20:30'),
      audienceIds: snowAudience,
      push: { state: 'done', sent: snowAudience.length },
      state: 'open',
      code: '731125',
      confirmed: answered.map((r) => ({ id: r._id })),
      reserve: [],
      confirmedCount: answered.length,
      reserveCount: 0,
      declinedIds: declined.map((r) => r._id),
      attendedIds: [],
      seq: answered.length,
      settled: false,
      createdAt: cal.at(-1, '20:30'),
      updatedAt: cal.at(-1, '21:40'),
    },
  ];

  // Past call-outs, two to five months back, with their hours in the ledger.
  const hours: HoursDoc[] = [];
  const past: Array<{ months: number; title: string; teamId: string; hours: number; time: [string, string] }> = [
    { months: 2, title: '秋季落叶清扫', teamId: 'team01', hours: 2, time: ['08:00', '10:00'] },
    { months: 3, title: '中秋夜间巡逻', teamId: 'team04', hours: 3, time: ['19:00', '22:00'] },
    { months: 4, title: '暑期独居老人送清凉', teamId: 'team03', hours: 2.5, time: ['09:00', '11:30'] },
    { months: 5, title: '汛期排水沟清理', teamId: DEMO_VOLUNTEER.snowTeam, hours: 2, time: ['14:00', '16:00'] },
  ];
  past.forEach((spec, index) => {
    const day = dayjs(now).tz(COMMUNITY_TZ).subtract(spec.months, 'month').startOf('month').add(9, 'day');
    const startAt = dayjs.tz(`${day.format('YYYY-MM-DD')} ${spec.time[0]}`, COMMUNITY_TZ).toDate();
    const endAt = dayjs.tz(`${day.format('YYYY-MM-DD')} ${spec.time[1]}`, COMMUNITY_TZ).toDate();
    const came = membersOf(spec.teamId).slice(0, 10);
    const id = `co_demo-past-${index + 1}`;
    callOuts.push({
      ...callOuts[0]!,
      _id: id,
      requestId: `demo-past-${index + 1}`,
      callerLabel: teamName.get(spec.teamId) ?? '志愿服务队',
      title: spec.title,
      description: `${spec.title}，感谢各位队员。`,
      place: '党群服务中心门前',
      startAt,
      endAt,
      needed: came.length,
      teamIds: [spec.teamId],
      equipment: [],
      hours: spec.hours,
      urgent: false,
      notifyAt: new Date(startAt.getTime() - 2 * 24 * 3600_000),
      audienceIds: came.map((r) => r._id),
      push: { state: 'done', sent: came.length },
      state: 'closed',
      code: String(400000 + index),
      confirmed: came.map((r) => ({ id: r._id })),
      confirmedCount: came.length,
      declinedIds: [],
      attendedIds: came.map((r) => r._id),
      seq: came.length,
      settled: true,
      createdAt: new Date(startAt.getTime() - 2 * 24 * 3600_000),
      updatedAt: endAt,
    });
    for (const person of came) {
      hours.push(
        hoursRecord({
          _id: callOutHoursId(id, person._id),
          residentId: person._id,
          teamId: spec.teamId,
          teamName: teamName.get(spec.teamId) ?? '志愿服务队',
          source: 'callout',
          sourceId: id,
          title: spec.title,
          hours: spec.hours,
          startAt,
          at: endAt,
        }),
      );
    }
  });

  // Weekly duties and their shifts this week and next.
  const duties: DutyDoc[] = [
    {
      _id: DEMO_VOLUNTEER.patrol,
      teamId: DEMO_VOLUNTEER.patrolTeam,
      teamName: teamName.get(DEMO_VOLUNTEER.patrolTeam)!,
      kind: 'patrol',
      weekday: DEMO_DUTY_WEEKDAYS[DEMO_VOLUNTEER.patrol],
      start: '19:00',
      end: '21:00',
      place: '南门集合，沿主干道和各楼后巷',
      slots: 4,
      hours: 2,
      active: true,
      from: cal.day(-60),
      createdBy: 'r-demo-staff',
      createdAt: cal.at(-60, '12:00'),
    },
    {
      _id: DEMO_VOLUNTEER.cleaning,
      teamId: 'team01',
      teamName: teamName.get('team01')!,
      kind: 'cleaning',
      weekday: DEMO_DUTY_WEEKDAYS[DEMO_VOLUNTEER.cleaning],
      start: '09:00',
      end: '10:30',
      place: '7号楼各单元楼道',
      slots: 3,
      hours: 1.5,
      active: true,
      from: cal.day(-60),
      createdBy: 'r-demo-team-leader',
      createdAt: cal.at(-60, '12:00'),
    },
    {
      _id: DEMO_VOLUNTEER.meals,
      teamId: 'team03',
      teamName: teamName.get('team03')!,
      kind: 'meals',
      weekday: DEMO_DUTY_WEEKDAYS[DEMO_VOLUNTEER.meals],
      start: '11:00',
      end: '12:00',
      place: '老人食堂取餐，送到独居老人家中',
      slots: 2,
      hours: 1,
      active: true,
      from: cal.day(-60),
      createdBy: 'r-demo-staff',
      createdAt: cal.at(-60, '12:00'),
    },
  ];
  const shifts: ShiftDoc[] = [];
  for (const duty of duties) {
    const pool =
      duty._id === DEMO_VOLUNTEER.cleaning
        ? [residents.find((r) => r._id === 'r-demo-team-leader')!, ...team01]
        : membersOf(duty.teamId);
    for (let week = 0; week < 2; week++) {
      const date = demoShiftDate(cal, duty.weekday, week as 0 | 1);
      const startAt = dayjs.tz(`${date} ${duty.start}`, COMMUNITY_TZ).toDate();
      const endAt = dayjs.tz(`${date} ${duty.end}`, COMMUNITY_TZ).toDate();
      const assignees = pool.slice(week * 2, week * 2 + Math.min(2, duty.slots)).map((r) => r._id);
      // By the day, not the hour, so the demo is the same whenever on its day it is seeded.
      const done = date < cal.today;
      shifts.push({
        _id: shiftId(duty._id, date),
        dutyId: duty._id,
        teamId: duty.teamId,
        teamName: duty.teamName,
        kind: duty.kind,
        date,
        startAt,
        endAt,
        place: duty.place,
        slots: duty.slots,
        hours: duty.hours,
        assignees,
        assignedCount: assignees.length,
        attendedIds: [],
        reminder: date < cal.today ? 'sent' : 'pending',
        log: done
          ? [
              {
                id: `log_demo${week}${duty.weekday}`,
                authorId: assignees[0]!,
                authorName: residents.find((r) => r._id === assignees[0])!.name,
                text: duty.kind === 'patrol' ? '9号楼后巷路灯不亮，晚上很黑' : '一切正常',
                at: endAt,
                ...(duty.kind === 'patrol'
                  ? { categoryId: 'facility', place: { kind: 'building' as const, buildingNo: 9 } }
                  : {}),
              },
            ]
          : [],
        version: 1,
        createdAt: cal.at(-7, '12:00'),
        updatedAt: cal.at(-7, '12:00'),
      });
    }
  }

  // Team totals, as the timer's reconciliation computes them.
  const ledger = [...activityHours, ...hours];
  for (const team of teams) {
    team.memberCount = residents.filter((r) => memberTeams(r.roles).includes(team._id)).length;
    team.hoursTotal = roundHours(ledger.filter((h) => h.teamId === team._id).reduce((sum, h) => sum + h.hours, 0));
  }
  return {
    volunteer_callouts: callOuts,
    volunteer_duties: duties,
    volunteer_shifts: shifts,
    volunteer_hours: ledger.map((record) => ({ ...record, teamName: record.teamName ?? teamName.get(record.teamId) })),
  };
}
