/** Rules of volunteering and of the one hours ledger, as plain functions. */
import {
  creditTeam,
  memberTeams,
  roundHours,
  sourceOf,
  summarise,
  withinMonths,
} from '../../cloudfunctions/shared/domain/hours';
import {
  afterNo,
  afterYes,
  answerLabel,
  answerOf,
  applyProblem,
  callOutTimes,
  callTeamsProblem,
  certificateCode,
  checkInOpen,
  countLabel,
  dateInWeek,
  dutyProblem,
  dutyRunsOn,
  isCertificateCode,
  mayManageTeam,
  mondayOf,
  normalizeCode,
  periodLabel,
  periodProblem,
  shiftId,
  shiftTimes,
  swapProblem,
  type AnswerLedger,
} from '../../cloudfunctions/shared/domain/volunteer';
import type { Role } from '../../typings/domain/community';

const at = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const NOW = at('2026-12-04 12:00');

describe('the hours ledger', () => {
  const roles: Role[] = [
    { kind: 'party_member' },
    { kind: 'volunteer', teamId: 't2' },
    { kind: 'team_leader', teamId: 't1' },
    { kind: 'volunteer', teamId: 't1' },
  ];
  it('credits the first calling team the volunteer belongs to, else their first team', () => {
    expect(memberTeams(roles)).toEqual(['t2', 't1']);
    expect(creditTeam(roles, ['t9', 't1'])).toBe('t1');
    expect(creditTeam(roles, ['t9'])).toBe('t2');
    expect(creditTeam([{ kind: 'party_member' }], ['t1'])).toBeNull();
  });
  it('sums per team and per month, newest month first, in half hours exactly', () => {
    const summary = summarise([
      { residentId: 'a', teamId: 't1', hours: 1.5, month: '2026-10' },
      { residentId: 'a', teamId: 't2', hours: 2, month: '2026-12', source: 'callout' },
      { residentId: 'a', teamId: 't1', hours: 0.5, month: '2026-12', source: 'shift' },
    ]);
    expect(summary).toEqual({
      totalHours: 4,
      records: 3,
      byTeam: [
        { teamId: 't1', hours: 2, records: 2 },
        { teamId: 't2', hours: 2, records: 1 },
      ],
      byMonth: [
        { month: '2026-12', hours: 2.5, records: 2 },
        { month: '2026-10', hours: 1.5, records: 1 },
      ],
    });
    expect(sourceOf({})).toBe('activity');
    expect(roundHours(0.1 + 0.2)).toBe(0.3);
    expect(
      withinMonths([{ month: '2026-09' }, { month: '2026-10' }, { month: '2026-12' }], '2026-10', '2026-11'),
    ).toEqual([{ month: '2026-10' }]);
  });
});

describe('membership', () => {
  it('leaders manage their own team, staff any; nobody applies twice or to a team they are in', () => {
    expect(mayManageTeam([{ kind: 'team_leader', teamId: 't1' }], 't1')).toBe(true);
    expect(mayManageTeam([{ kind: 'team_leader', teamId: 't1' }], 't2')).toBe(false);
    expect(mayManageTeam([{ kind: 'staff' }], 't2')).toBe(true);
    expect(applyProblem([{ kind: 'volunteer', teamId: 't1' }], 't1', undefined)).toBe('您已经是这个服务队的队员');
    expect(applyProblem([], 't1', 'pending')).toBe('您已申请，请等待队长审核');
    expect(applyProblem([], 't1', 'declined')).toBeNull();
  });
});

describe('call-outs', () => {
  const empty: AnswerLedger = { needed: 2, confirmed: [], reserve: [] };
  it('confirms up to the number needed, then the reserve in answer order; a retry changes nothing', () => {
    let ledger = empty;
    const answers: string[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'b']) {
      const next = afterYes(ledger, id);
      ledger = next.ledger;
      answers.push(next.answer);
    }
    expect(answers).toEqual(['confirmed', 'confirmed', 'reserve', 'reserve', 'confirmed']);
    expect(ledger.confirmed.map((e) => e.id)).toEqual(['a', 'b']);
    expect(ledger.reserve.map((e) => e.id)).toEqual(['c', 'd']);
    // A freed place goes to the reserve's head; nobody new passes the reserve.
    const { ledger: after, promoted } = afterNo(ledger, 'a');
    expect(promoted).toEqual(['c']);
    expect(after.confirmed.map((e) => e.id)).toEqual(['b', 'c']);
    expect(afterYes({ ...after, confirmed: after.confirmed.slice(0, 1) }, 'e').answer).toBe('reserve');
  });
  it('says where a member stands, in words', () => {
    const doc = {
      confirmed: [{ id: 'a' }],
      reserve: [{ id: 'x' }, { id: 'b' }],
      declinedIds: ['c'],
      attendedIds: ['d'],
    };
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => answerOf(doc, id))).toEqual([
      { answer: 'confirmed' },
      { answer: 'reserve', position: 2 },
      { answer: 'declined' },
      { answer: 'attended' },
      { answer: 'none' },
    ]);
    expect(answerLabel('reserve', 2)).toBe('已满员，您是候补第 2 位');
    expect(countLabel(20, 12, 0)).toBe('已有 12 人报名，还差 8 人');
    expect(countLabel(20, 20, 3)).toBe('已满 20 人，3 人候补');
  });
  it('checks times in Asia/Shanghai; urgent calls go now, planned ones at their time', () => {
    expect(callOutTimes({ startAt: '2026-12-05 07:00', endAt: '2026-12-05 09:00', urgent: true }, NOW)).toEqual({
      startAt: at('2026-12-05 07:00'),
      endAt: at('2026-12-05 09:00'),
      notifyAt: NOW,
    });
    expect(
      callOutTimes(
        { startAt: '2026-12-05 07:00', endAt: '2026-12-05 09:00', urgent: false, notifyAt: '2026-12-04 18:00' },
        NOW,
      ),
    ).toMatchObject({ notifyAt: at('2026-12-04 18:00') });
    expect(callOutTimes({ startAt: '2026-02-30 07:00', endAt: '2026-12-05 09:00', urgent: true }, NOW)).toEqual({
      problem: '请填写正确的日期和时间',
    });
    expect(callOutTimes({ startAt: '2026-12-03 07:00', endAt: '2026-12-03 09:00', urgent: true }, NOW)).toEqual({
      problem: '结束时间已过',
    });
    expect(
      callOutTimes(
        { startAt: '2026-12-05 07:00', endAt: '2026-12-05 09:00', urgent: false, notifyAt: '2026-12-05 08:00' },
        NOW,
      ),
    ).toEqual({ problem: '通知时间须早于开始时间' });
  });
  it('leaders call only the teams they lead; staff any, or all', () => {
    const leader: Role[] = [{ kind: 'team_leader', teamId: 't1' }];
    expect(callTeamsProblem(leader, ['t1'])).toBeNull();
    expect(callTeamsProblem(leader, ['t1', 't2'])).toBe('只能召集自己带领的服务队');
    expect(callTeamsProblem(leader, [])).toBe('请选择要召集的服务队');
    expect(callTeamsProblem([{ kind: 'staff' }], [])).toBeNull();
  });
  it('check-in is open from an hour before to a day after', () => {
    const span = { startAt: at('2026-12-05 07:00'), endAt: at('2026-12-05 09:00') };
    expect(checkInOpen(span, at('2026-12-05 05:59'))).toBe(false);
    expect(checkInOpen(span, at('2026-12-05 06:00'))).toBe(true);
    expect(checkInOpen(span, at('2026-12-06 09:00'))).toBe(true);
    expect(checkInOpen(span, at('2026-12-06 09:01'))).toBe(false);
  });
});

describe('rosters', () => {
  it('weeks start on Monday in Shanghai; a duty runs on its weekday from its start until it ended', () => {
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    expect(dateInWeek('2026-11-30', 5)).toBe('2026-12-04');
    const duty = { weekday: 5, from: '2026-11-01', until: '2026-12-10' };
    expect(dutyRunsOn(duty, '2026-12-04')).toBe(true);
    expect(dutyRunsOn(duty, '2026-12-11')).toBe(false);
    expect(dutyRunsOn(duty, '2026-12-03')).toBe(false);
    expect(shiftId('duty_x', '2026-12-04')).toBe('duty_x_20261204');
    expect(shiftTimes({ start: '19:00', end: '21:00' }, '2026-12-04')).toEqual({
      startAt: at('2026-12-04 19:00'),
      endAt: at('2026-12-04 21:00'),
    });
    expect(dutyProblem({ weekday: 1, start: '21:00', end: '19:00' })).toBe('结束时间须晚于开始时间');
    expect(dutyProblem({ weekday: 1, start: '24:00', end: '25:00' })).toBe('请填写正确的时间');
  });
  it('a swap stands only while both are where the request said, before the shifts start', () => {
    const later = at('2026-12-05 19:00');
    const shift = { assignees: ['a', 'c'], startAt: later };
    expect(swapProblem({ fromId: 'a', toId: 'b' }, shift, null, NOW)).toBeNull();
    expect(swapProblem({ fromId: 'a', toId: 'c' }, shift, null, NOW)).toBe('对方已在这个班次');
    expect(swapProblem({ fromId: 'x', toId: 'b' }, shift, null, NOW)).toBe('申请人已不在这个班次');
    expect(swapProblem({ fromId: 'a', toId: 'b' }, shift, null, at('2026-12-05 19:00'))).toBe('班次已开始，不能再换');
    expect(
      swapProblem({ fromId: 'a', toId: 'b', toShiftId: 's2' }, shift, { assignees: ['d'], startAt: later }, NOW),
    ).toBe('对方已不在要换的班次');
  });
});

describe('certificates', () => {
  it('codes avoid look-alike characters and are read back however typed', () => {
    let n = 0;
    const code = certificateCode(() => (n++ % 31) / 31);
    expect(isCertificateCode(code)).toBe(true);
    expect(code).not.toMatch(/[01OIL]/);
    expect(normalizeCode(` ${code.slice(0, 5).toLowerCase()}-${code.slice(5)} `)).toBe(code);
    expect(isCertificateCode('ZY0000000000')).toBe(false);
  });
  it('periods are whole months in order, not in the future, at most two years', () => {
    expect(periodProblem('2026-09', '2026-12', NOW)).toBeNull();
    expect(periodProblem('2026-12', '2026-09', NOW)).toBe('开始月份不能晚于结束月份');
    expect(periodProblem('2026-09', '2027-01', NOW)).toBe('结束月份不能晚于本月');
    // Hours credited ahead of their date (checked in before a midnight start) may be certified.
    expect(periodProblem('2026-09', '2027-01', NOW, '2027-01')).toBeNull();
    expect(periodProblem('2026-09', '2027-02', NOW, '2027-01')).toBe('结束月份不能晚于本月');
    expect(periodProblem('2026-09', '2027-01', NOW, '2026-10')).toBe('结束月份不能晚于本月');
    expect(periodProblem('2024-12', '2026-12', NOW)).toBe('一份证明最长两年');
    expect(periodLabel('2026-09', '2026-12')).toBe('2026年9月至2026年12月');
    expect(periodLabel('2026-12', '2026-12')).toBe('2026年12月');
  });
});
