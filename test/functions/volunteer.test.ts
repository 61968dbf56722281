/**
 * The `volunteer` function through the real SDK on the stand-in, as the demo users, dated
 * from the instant the demo community was seeded around: a resident joins team 01; a snow
 * call for 20 reaches the snow team's members; 30 answer 我来 at once, three times over —
 * exactly 20 confirmed, 10 on the reserve in answer order, every run; 来不了 promotes the
 * reserve's head; check-in by code and by ticked names credits hours that appear on the
 * volunteer's record, in activity's 我的志愿时长 and in the existing monthly export; a
 * certificate verifies by its code; duty shifts with a race for the last place, a swap the
 * leader approves, the reminder timer, check-in hours and a log entry turned into a 报事; the
 * timer settles ended call-outs and reconciles team totals.
 */
import { download, readSpreadsheet } from '../helpers/spreadsheet';
import { DEMO } from '../../local/seed/community';
import { DEMO_VOLUNTEER } from '../../local/seed/volunteer';
import type { CallOutDoc, ShiftDoc } from '../../cloudfunctions/volunteer/docs';
import type { HoursDoc } from '../../cloudfunctions/shared/hours';
import type { ResidentDoc, VolunteerTeamDoc } from '../../cloudfunctions/shared/docs';
import type { MyHours } from '../../typings/domain/activity';
import type {
  ApplicationView,
  CallOutDetail,
  CertificateView,
  HonourBoard,
  RosterWeek,
  ShiftDetail,
  ShiftView,
  TeamCard,
  TeamDetail,
  VerifyResult,
  VolunteerRecord,
} from '../../typings/domain/volunteer';
import type { CallOutItem } from '../../typings/domain/volunteer';
import type { SubmitOutput } from '../../typings/functions/report';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
/** Noon of the seeded day, Shanghai; every call is dated from it. */
let NOW: Date;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  cloud = await startTestCloud();
  NOW = new Date(Date.parse(`${shanghaiDate(cloud.seededAt, 0)}T12:00:00+08:00`));
});
afterAll(() => cloud.close());

/** "YYYY-MM-DD" in Shanghai, `days` after `at`. */
function shanghaiDate(at: Date, days: number): string {
  return new Date(at.getTime() + days * DAY + 8 * HOUR).toISOString().slice(0, 10);
}
/** "YYYY-MM-DD HH:mm" in Shanghai, `days` after NOW's day. */
const wall = (days: number, time: string) => `${shanghaiDate(NOW, days)} ${time}`;
const instant = (days: number, time: string) => new Date(`${shanghaiDate(NOW, days)}T${time}:00+08:00`);
const monthOf = (at: Date) => shanghaiDate(at, 0).slice(0, 7);

async function ok<T>(event: Record<string, unknown>, openid: string, now = NOW, fn = 'volunteer'): Promise<T> {
  const result = (await cloud.call(fn, event, { openid, now })) as Result<T>;
  if (!result.ok) throw new Error(`${String(event.action)}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function refused(event: Record<string, unknown>, openid: string, now = NOW) {
  const result = (await cloud.call('volunteer', event, { openid, now })) as Result<unknown>;
  if (result.ok) throw new Error(`${String(event.action)} should have been refused`);
  return result.error;
}

let counter = 0;
const requestId = () => `req-${(++counter).toString(36).padStart(8, '0')}`;

async function membersOf(teamId: string): Promise<ResidentDoc[]> {
  const _ = cloud.db().command;
  const { data } = await cloud
    .db()
    .collection('residents')
    .where({ roles: _.elemMatch({ kind: 'volunteer', teamId }), openid: _.exists(true) })
    .limit(1000)
    .get();
  return (data as ResidentDoc[]).sort((a, b) => a._id.localeCompare(b._id));
}

async function callOutDoc(id: string): Promise<CallOutDoc> {
  return (await cloud.db().collection('volunteer_callouts').doc(id).get()).data[0] as CallOutDoc;
}

function snowCall(overrides: Record<string, unknown> = {}) {
  return {
    action: 'createCallOut',
    requestId: requestId(),
    title: '以雪为令：清扫3至5号楼积雪',
    description: '明早7点南门集合，清扫主干道和3至5号楼门口积雪。',
    place: '小区南门',
    startAt: wall(1, '07:00'),
    endAt: wall(1, '09:00'),
    needed: 20,
    teamIds: [DEMO_VOLUNTEER.snowTeam],
    buildingNos: [],
    equipment: ['铁锹', '扫帚'],
    hours: 2,
    urgent: true,
    ...overrides,
  };
}

describe('demo data', () => {
  it('has the snow call under way with 12 of 20, and the members it reached see it', async () => {
    const doc = await callOutDoc(DEMO_VOLUNTEER.snowCall);
    const reached = (await cloud.db().collection('residents').doc(doc.audienceIds[0]!).get()).data[0] as ResidentDoc;
    expect(doc).toMatchObject({ state: 'open', needed: 20, confirmedCount: 12 });
    const home = await ok<{ callOuts: CallOutItem[] }>({ action: 'home' }, DEMO.teamLeader);
    expect(home.callOuts.find((c) => c.id === DEMO_VOLUNTEER.snowCall)!.countLabel).toBe('已有 12 人报名，还差 8 人');
    expect(reached.roles.some((r) => r.kind === 'volunteer' || r.kind === 'team_leader')).toBe(true);
  });
});

describe('joining a team', () => {
  it('a resident applies, the leader accepts once (a second decider gets CONFLICT), the team counts her', async () => {
    const before = (await ok<{ teams: TeamCard[] }>({ action: 'home' }, DEMO.resident)).teams.find(
      (t) => t.teamId === 'team01',
    )!;
    expect(before).toMatchObject({ name: '环境美化志愿服务队', mine: 'none' });
    expect(before.purpose).toContain('绿地');
    const applied = await ok<ApplicationView>(
      {
        action: 'apply',
        teamId: 'team01',
        skills: ['体力好'],
        availability: ['周末上午'],
        student: { school: '长春师范大学', major: '社会工作', grade: '2024级' },
      },
      DEMO.resident,
    );
    expect(applied).toMatchObject({ state: 'pending', stateLabel: '等待队长审核' });
    expect(
      (await refused({ action: 'apply', teamId: 'team01', skills: [], availability: [] }, DEMO.resident)).code,
    ).toBe('CONFLICT');
    const detail = await ok<TeamDetail>({ action: 'team', teamId: 'team01' }, DEMO.resident);
    expect(detail).toMatchObject({ mine: 'pending', canApply: false });
    // The leader is told, and sees the queue (no phone numbers for a leader).
    const { data: told } = await cloud
      .db()
      .collection('messages')
      .where({ recipientId: 'r-demo-team-leader', 'source.kind': 'volunteer_application' })
      .get();
    expect(told).toHaveLength(1);
    const queue = await ok<{ items: ApplicationView[] }>({ action: 'applications', teamId: 'team01' }, DEMO.teamLeader);
    const mine = queue.items.find((item) => item.name === '林晓燕')!;
    expect(mine).toMatchObject({ buildingLabel: '5号楼', skills: ['体力好'], student: { school: '长春师范大学' } });
    expect(mine.phone).toBeUndefined();
    expect(
      (await ok<{ items: ApplicationView[] }>({ action: 'applications', teamId: 'team01' }, DEMO.staff)).items[0]!
        .phone,
    ).toMatch(/^1\d{10}$/);

    const decisions = await Promise.all(
      [DEMO.teamLeader, DEMO.staff].map((openid) =>
        cloud.call('volunteer', { action: 'decide', applicationId: mine.id, accept: true }, { openid, now: NOW }),
      ),
    );
    const outcomes = (decisions as Array<Result<ApplicationView>>).map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(outcomes).toEqual(['CONFLICT', 'ok']);
    const me = (await cloud.db().collection('residents').doc('r-demo-resident').get()).data[0] as ResidentDoc;
    expect(me.roles.filter((role) => role.kind === 'volunteer')).toEqual([{ kind: 'volunteer', teamId: 'team01' }]);
    expect(me.volunteer).toMatchObject({ skills: ['体力好'], student: { school: '长春师范大学' } });
    const after = (await ok<{ teams: TeamCard[] }>({ action: 'home' }, DEMO.resident)).teams.find(
      (t) => t.teamId === 'team01',
    )!;
    expect(after).toMatchObject({ mine: 'member', memberCount: before.memberCount + 1 });
    const { data: audit } = await cloud
      .db()
      .collection('community_audit')
      .where({ subjectId: 'r-demo-resident' })
      .get();
    expect(audit.map((a: { action: string; detail?: string }) => [a.action, a.detail])).toContainEqual([
      'role_assign',
      '环境美化志愿服务队志愿者',
    ]);
  });

  it('党员亮身份 only for Party members; outsiders see the badges and the leader, members see everyone', async () => {
    expect((await refused({ action: 'setProfile', partyBadge: true }, DEMO.resident)).code).toBe('CONFLICT');
    const profile = await ok<{ partyBadge: boolean }>(
      { action: 'setProfile', partyBadge: true, honour: true },
      DEMO.partyMember,
    );
    expect(profile.partyBadge).toBe(true);
    const outsider = await ok<TeamDetail>({ action: 'team', teamId: DEMO_VOLUNTEER.snowTeam }, DEMO.secretary);
    expect(outsider.members.length).toBeGreaterThan(0);
    expect(outsider.members.every((m) => m.partyBadge || m.leader)).toBe(true);
    const member = (await membersOf(DEMO_VOLUNTEER.snowTeam))[0]!;
    const inside = await ok<TeamDetail>({ action: 'team', teamId: DEMO_VOLUNTEER.snowTeam }, member.openid!);
    expect(inside.members.length).toBe(inside.memberCount);
    expect(inside.members.some((m) => !m.partyBadge)).toBe(true);
  });

  it('a member leaves; a leader cannot leave their own team', async () => {
    const leaver = (await membersOf('team12'))[0]!;
    const before = (await cloud.db().collection('volunteer_teams').doc('team12').get()).data[0] as VolunteerTeamDoc;
    const left = await ok<{ memberCount: number }>({ action: 'leave', teamId: 'team12' }, leaver.openid!);
    expect(left.memberCount).toBe(before.memberCount! - 1);
    expect((await refused({ action: 'leave', teamId: 'team12' }, leaver.openid!)).code).toBe('CONFLICT');
    expect((await refused({ action: 'leave', teamId: 'team01' }, DEMO.teamLeader)).code).toBe('CONFLICT');
  });
});

describe('a snow call for 20', () => {
  it('reaches every member of the snow team, and 30 answering at once leaves exactly 20 confirmed, every run', async () => {
    const members = await membersOf(DEMO_VOLUNTEER.snowTeam);
    expect(members.length).toBeGreaterThanOrEqual(30);
    for (let run = 0; run < 3; run++) {
      const created = await ok<{ id: string; reached: number }>(snowCall(), DEMO.staff);
      const doc = await callOutDoc(created.id);
      expect(created.reached).toBe(doc.audienceIds.length);
      expect(doc.audienceIds).toEqual(expect.arrayContaining(members.map((m) => m._id)));
      const { total: told } = await cloud
        .db()
        .collection('messages')
        .where({ 'source.kind': 'volunteer_callout', 'source.id': created.id })
        .count();
      expect(told).toBe(doc.audienceIds.length);
      // It is on each member's 志愿 home.
      const home = await ok<{ callOuts: CallOutItem[] }>({ action: 'home' }, members[0]!.openid!);
      expect(home.callOuts.find((c) => c.id === created.id)).toMatchObject({
        mine: 'none',
        countLabel: '已有 0 人报名，还差 20 人',
      });

      const thirty = members.slice(0, 30);
      const answers = await Promise.all(
        thirty.map((m) =>
          cloud.call('volunteer', { action: 'answer', id: created.id, answer: 'yes' }, { openid: m.openid!, now: NOW }),
        ),
      );
      expect((answers as Array<Result<CallOutDetail>>).every((a) => a.ok)).toBe(true);
      const after = await callOutDoc(created.id);
      expect([after.confirmedCount, after.confirmed.length, after.reserveCount, after.reserve.length]).toEqual([
        20, 20, 10, 10,
      ]);
      const everyone = [...after.confirmed, ...after.reserve];
      expect(new Set(everyone.map((e) => e.id)).size).toBe(30);
      // Every answer was taken once: 30 answers counted, the reserve numbered 1–10.
      expect(after.seq).toBe(30);
      // The caller sees the count fill; the 21st is told where they are.
      const view = await ok<CallOutDetail>({ action: 'callOut', id: created.id }, DEMO.staff);
      expect(view.countLabel).toBe('已满 20 人，10 人候补');
      expect(view.people!.filter((p) => p.answer === 'reserve').map((p) => p.position)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
      ]);
      const reserveHead = after.reserve[0]!.id;
      const head = thirty.find((m) => m._id === reserveHead)!;
      expect((await ok<CallOutDetail>({ action: 'callOut', id: created.id }, head.openid!)).mineLabel).toBe(
        '已满员，您是候补第 1 位',
      );
    }
  });

  it('来不了 frees the place for the reserve head, who is told; a retried 我来 changes nothing', async () => {
    const members = await membersOf(DEMO_VOLUNTEER.snowTeam);
    const { id } = await ok<{ id: string }>(snowCall({ needed: 2 }), DEMO.staff);
    for (const m of members.slice(0, 4)) await ok({ action: 'answer', id, answer: 'yes' }, m.openid!);
    await ok({ action: 'answer', id, answer: 'yes' }, members[0]!.openid!);
    let doc = await callOutDoc(id);
    expect(doc.confirmed.map((e) => e.id)).toEqual([members[0]!._id, members[1]!._id]);
    expect(doc.seq).toBe(4);
    await ok({ action: 'answer', id, answer: 'no' }, members[0]!.openid!);
    doc = await callOutDoc(id);
    expect(doc.confirmed.map((e) => e.id)).toEqual([members[1]!._id, members[2]!._id]);
    expect(doc.reserve.map((e) => e.id)).toEqual([members[3]!._id]);
    expect(doc.declinedIds).toEqual([members[0]!._id]);
    const { data } = await cloud
      .db()
      .collection('messages')
      .where({ 'source.kind': 'volunteer_callout_promoted', 'source.id': id })
      .get();
    expect(data.map((m: { recipientId: string }) => m.recipientId)).toEqual([members[2]!._id]);
  });

  it('a leader calls only their own team; a planned call is pushed by the timer when due; a retry sends once', async () => {
    expect((await refused(snowCall(), DEMO.teamLeader)).code).toBe('FORBIDDEN');
    const request = requestId();
    const planned = snowCall({ requestId: request, teamIds: ['team01'], urgent: false, notifyAt: wall(0, '18:00') });
    const first = await ok<{ id: string; reached: number }>(planned, DEMO.teamLeader);
    const again = await ok<{ id: string }>(planned, DEMO.teamLeader);
    expect(again.id).toBe(first.id);
    expect(first.reached).toBe(0);
    await cloud.runner.fireTimer('volunteer', 'tick', { now: instant(0, '17:50') });
    expect((await callOutDoc(first.id)).push.sent).toBe(0);
    await cloud.runner.fireTimer('volunteer', 'tick', { now: instant(0, '18:00') });
    const doc = await callOutDoc(first.id);
    expect(doc.push).toEqual({ state: 'done', sent: doc.audienceIds.length });
    expect(doc.audienceIds).toContain('r-demo-resident');
    expect(await cloud.db().collection('volunteer_callouts').where({ requestId: request }).count()).toMatchObject({
      total: 1,
    });
  });
});

describe('check-in credits hours on the one ledger', () => {
  it('by code and by ticked names: on the record, in 我的志愿时长 and in the monthly export; once only', async () => {
    const members = await membersOf(DEMO_VOLUNTEER.snowTeam);
    const { id } = await ok<{ id: string }>(snowCall({ needed: 3 }), DEMO.staff);
    for (const m of members.slice(0, 4)) await ok({ action: 'answer', id, answer: 'yes' }, m.openid!);
    const code = (await ok<CallOutDetail>({ action: 'callOut', id }, DEMO.staff)).code!;
    expect(code).toMatch(/^\d{6}$/);
    // A member sees no code; too early is refused.
    expect((await ok<CallOutDetail>({ action: 'callOut', id }, members[0]!.openid!)).code).toBeUndefined();
    const early = await refused({ action: 'checkIn', id, code }, members[0]!.openid!, instant(1, '05:30'));
    expect(early.code).toBe('CONFLICT');
    const at = instant(1, '07:05');
    expect((await refused({ action: 'checkIn', id, code: '000000' }, members[0]!.openid!, at)).message).toBe(
      '签到码不对，请向召集人确认',
    );
    expect(await ok({ action: 'checkIn', id, code }, members[0]!.openid!, at)).toEqual({
      answer: 'attended',
      hoursCredited: 2,
    });
    expect(await ok({ action: 'checkIn', id, code }, members[0]!.openid!, at)).toEqual({
      answer: 'attended',
      hoursCredited: 0,
    });
    // The one on the reserve cannot check in.
    expect((await refused({ action: 'checkIn', id, code }, members[3]!.openid!, at)).message).toBe(
      '您在候补名单中，递补后才能签到',
    );
    // The caller ticks the other two (twice: the second changes nothing).
    const ticked = await ok<{ attended: number; credited: number }>(
      { action: 'markAttended', id, residentIds: [members[1]!._id, members[2]!._id] },
      DEMO.staff,
      at,
    );
    expect(ticked).toEqual({ attended: 3, credited: 2 });
    expect(await ok({ action: 'markAttended', id, residentIds: [members[1]!._id] }, DEMO.staff, at)).toEqual({
      attended: 3,
      credited: 0,
    });
    expect((await refused({ action: 'markAttended', id, residentIds: [members[3]!._id] }, DEMO.staff, at)).code).toBe(
      'CONFLICT',
    );

    const { data: ledger } = await cloud.db().collection('volunteer_hours').where({ callOutId: id }).get();
    expect((ledger as HoursDoc[]).map((h) => [h.residentId, h.teamId, h.hours, h.source]).sort()).toEqual(
      members
        .slice(0, 3)
        .map((m) => [m._id, DEMO_VOLUNTEER.snowTeam, 2, 'callout'])
        .sort(),
    );
    const record = await ok<VolunteerRecord>({ action: 'myRecord' }, members[0]!.openid!, at);
    const month = monthOf(instant(1, '07:00'));
    expect(record.entries[0]).toMatchObject({ sourceLabel: '召集', title: '以雪为令：清扫3至5号楼积雪', hours: 2 });
    expect(record.byMonth.find((m) => m.month === month)!.hours).toBeGreaterThanOrEqual(2);
    expect(record.byTeam.find((t) => t.teamId === DEMO_VOLUNTEER.snowTeam)!.teamName).toBe('扫雪除冰志愿服务队');
    // The activity pages read the same ledger.
    const activityHours = await ok<MyHours>({ action: 'myHours' }, members[0]!.openid!, at, 'activity');
    expect(activityHours.records.find((r) => r.id === `co_${id}_${members[0]!._id}`)).toMatchObject({
      source: 'callout',
      sourceLabel: '召集',
      hours: 2,
    });
    expect(activityHours.totalHours).toBe(record.totalHours);
    // And the existing monthly export (staff) lists the call-out.
    const file = await ok<{ url: string }>({ action: 'exportHours', month }, DEMO.staff, at, 'activity');
    const [sheet] = await readSpreadsheet(await download(file.url));
    const row = sheet!.rows.find((r) => r[1] === members[0]!.name && r[0] === '扫雪除冰志愿服务队')!;
    expect(row[5]).toContain('召集：以雪为令：清扫3至5号楼积雪（2小时）');
    // The team's total moved with the credits.
    const team = (await cloud.db().collection('volunteer_teams').doc(DEMO_VOLUNTEER.snowTeam).get())
      .data[0] as VolunteerTeamDoc;
    const { data: all } = await cloud
      .db()
      .collection('volunteer_hours')
      .where({ teamId: DEMO_VOLUNTEER.snowTeam })
      .limit(1000)
      .get();
    expect(team.hoursTotal).toBe((all as HoursDoc[]).reduce((sum, h) => sum + h.hours, 0));
  });

  it('the timer settles an ended call-out: hours a crash left out are written, and it closes', async () => {
    const members = await membersOf(DEMO_VOLUNTEER.snowTeam);
    const { id } = await ok<{ id: string }>(snowCall({ needed: 1 }), DEMO.staff);
    await ok({ action: 'answer', id, answer: 'yes' }, members[5]!.openid!);
    // As if the function stopped right after marking the attendance.
    await cloud
      .db()
      .collection('volunteer_callouts')
      .doc(id)
      .update({ attendedIds: [members[5]!._id] });
    expect((await cloud.db().collection('volunteer_hours').where({ callOutId: id }).count()).total).toBe(0);
    await cloud.runner.fireTimer('volunteer', 'tick', { now: instant(2, '09:30') });
    expect((await cloud.db().collection('volunteer_hours').where({ callOutId: id }).count()).total).toBe(1);
    expect(await callOutDoc(id)).toMatchObject({ settled: true, state: 'closed' });
  });

  it('the hourly reconciliation repairs a team total a role change elsewhere left behind', async () => {
    await cloud.db().collection('volunteer_teams').doc('team07').update({ memberCount: 999, hoursTotal: 999 });
    await cloud.runner.fireTimer('volunteer', 'tick', { now: instant(3, '10:05') });
    const team = (await cloud.db().collection('volunteer_teams').doc('team07').get()).data[0] as VolunteerTeamDoc;
    const members = await cloud.db().collection('residents').where({ 'roles.teamId': 'team07' }).count();
    expect(team.memberCount).toBe(members.total);
    expect(team.hoursTotal).not.toBe(999);
  });
});

describe('certificates', () => {
  it('a volunteer gets a certificate of their hours; anyone checks it by its code', async () => {
    const members = await membersOf('team01');
    const person = members.find((m) => m._id !== 'r-demo-resident')!;
    const record = await ok<VolunteerRecord>({ action: 'myRecord' }, person.openid!);
    expect(record.totalHours).toBeGreaterThan(0);
    const months = record.byMonth.map((m) => m.month).sort();
    const issued = await ok<CertificateView>(
      { action: 'issueCertificate', requestId: requestId(), from: months[0], to: months.at(-1), kind: 'general' },
      person.openid!,
    );
    expect(issued.code).toMatch(/^ZY[2-9A-HJKMNP-Z]{10}$/);
    expect(issued).toMatchObject({ name: person.name, hours: record.totalHours, issuer: '长山花园社区居民委员会' });
    expect(issued.qr.startsWith('data:image/png;base64,')).toBe(true);
    expect(issued.qrText).toBe(`CSZY:${issued.code}`);
    // A first-time WeChat user (a school's teacher) checks it, typed in lower case with spaces.
    const typed = `${issued.code.slice(0, 6).toLowerCase()} ${issued.code.slice(6)}`;
    const checked = await ok<VerifyResult>({ action: 'verify', code: typed }, 'o-school-teacher');
    expect(checked).toMatchObject({
      valid: true,
      name: person.name,
      hours: record.totalHours,
      hoursOnRecord: record.totalHours,
    });
    expect(await ok<VerifyResult>({ action: 'verify', code: issued.qrText }, 'o-school-teacher')).toMatchObject({
      valid: true,
    });
    expect(await ok<VerifyResult>({ action: 'verify', code: 'ZY2222222222' }, 'o-school-teacher')).toEqual({
      valid: false,
    });
    // Only its holder opens it again.
    expect((await ok<CertificateView>({ action: 'certificate', code: issued.code }, person.openid!)).code).toBe(
      issued.code,
    );
    expect((await refused({ action: 'certificate', code: issued.code }, DEMO.resident)).code).toBe('NOT_FOUND');
    // The student format needs the school on the profile.
    const noSchool = members.find((m) => m._id !== 'r-demo-resident' && !m.volunteer?.student)!;
    const refusal = await refused(
      { action: 'issueCertificate', requestId: requestId(), from: months[0], to: months.at(-1), kind: 'student' },
      noSchool.openid!,
    );
    expect([refusal.code, refusal.message]).toEqual(['CONFLICT', '请先在“我的志愿档案”中填写学校信息']);
  });

  it('a student certificate carries the school; the board shows team figures and only those who opted in', async () => {
    const month = monthOf(instant(1, '07:00'));
    const members = await membersOf(DEMO_VOLUNTEER.snowTeam);
    const student = members[0]!;
    await ok(
      {
        action: 'setProfile',
        student: { school: '吉林农业大学', major: '园艺', studentNo: 'S2024001' },
        honour: false,
      },
      student.openid!,
    );
    const cert = await ok<CertificateView>(
      { action: 'issueCertificate', requestId: requestId(), from: month, to: month, kind: 'student' },
      student.openid!,
      instant(1, '10:00'),
    );
    expect(cert).toMatchObject({ kind: 'student', student: { school: '吉林农业大学', studentNo: 'S2024001' } });
    const board = await ok<HonourBoard>({ action: 'board', month }, DEMO.resident);
    expect(board.teams).toHaveLength(14);
    expect(board.teams.find((t) => t.teamId === DEMO_VOLUNTEER.snowTeam)!.hours).toBeGreaterThan(0);
    expect(board.honour.map((h) => h.name)).not.toContain(student.name);
  });
});

describe('duty rosters', () => {
  it('members take shifts (the last place goes to one of two at once); swaps need the leader; reminders; hours; log → 报事', async () => {
    const members = (await membersOf('team01')).filter((m) => m._id !== 'r-demo-resident');
    const { dutyId } = await ok<{ dutyId: string }>(
      {
        action: 'createDuty',
        requestId: requestId(),
        teamId: 'team01',
        kind: 'cleaning',
        weekday: 2,
        start: '08:00',
        end: '09:30',
        place: '7号楼楼道',
        slots: 2,
        hours: 1.5,
      },
      DEMO.teamLeader,
    );
    const week = await ok<RosterWeek>(
      { action: 'roster', teamId: 'team01', week: shanghaiDate(NOW, 7) },
      members[0]!.openid!,
    );
    const slot = week.shifts.find((s) => s.dutyId === dutyId)!;
    expect(slot).toMatchObject({ kindLabel: '楼道保洁', assigned: 0, canTake: true });
    await ok<ShiftView>({ action: 'takeShift', dutyId, date: slot.date }, members[0]!.openid!);
    const race = (await Promise.all(
      [members[1]!, members[2]!].map((m) =>
        cloud.call('volunteer', { action: 'takeShift', dutyId, date: slot.date }, { openid: m.openid!, now: NOW }),
      ),
    )) as Array<Result<ShiftView>>;
    expect(race.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    const shift = (await cloud.db().collection('volunteer_shifts').doc(slot.id).get()).data[0] as ShiftDoc;
    expect([shift.assignedCount, shift.assignees.length]).toEqual([2, 2]);
    const onIt = members.find((m) => m._id === shift.assignees[1])!;
    const offIt = [members[1]!, members[2]!].find((m) => m._id !== onIt._id)!;
    // Someone outside the team cannot take one.
    expect((await refused({ action: 'takeShift', dutyId, date: slot.date }, DEMO.partyMember)).code).toBe('FORBIDDEN');

    // A swap: the member on it hands it to the one who missed out; the leader approves.
    const { swapId } = await ok<{ swapId: string }>(
      { action: 'requestSwap', shiftId: slot.id, toResidentId: offIt._id },
      onIt.openid!,
    );
    const approved = await ok<RosterWeek>({ action: 'decideSwap', swapId, approve: true }, DEMO.teamLeader);
    expect(approved.shifts.find((s) => s.id === slot.id)!.names).toContain(offIt.name);
    expect((await refused({ action: 'decideSwap', swapId, approve: true }, DEMO.teamLeader)).code).toBe('CONFLICT');
    const now = (await cloud.db().collection('volunteer_shifts').doc(slot.id).get()).data[0] as ShiftDoc;
    expect(now.assignees).toEqual([members[0]!._id, offIt._id]);

    const on = (time: string) => new Date(`${slot.date}T${time}:00+08:00`);
    // The reminder goes out once, two hours ahead.
    const start = on('08:00');
    await cloud.runner.fireTimer('volunteer', 'tick', { now: new Date(start.getTime() - 3 * HOUR) });
    await cloud.runner.fireTimer('volunteer', 'tick', { now: new Date(start.getTime() - 90 * 60_000) });
    await cloud.runner.fireTimer('volunteer', 'tick', { now: new Date(start.getTime() - 60 * 60_000) });
    const { data: reminders } = await cloud
      .db()
      .collection('messages')
      .where({ 'source.kind': 'volunteer_shift_reminder', 'source.id': slot.id })
      .get();
    expect(reminders.map((m: { recipientId: string }) => m.recipientId).sort()).toEqual(
      [members[0]!._id, offIt._id].sort(),
    );

    // On the day: check-in credits the shift's hours; the log entry becomes a 报事 through report.submit.
    const during = on('08:20');
    const checked = await ok<ShiftDetail>({ action: 'checkInShift', shiftId: slot.id }, offIt.openid!, during);
    expect(checked.attended).toBe(true);
    const { data: credited } = await cloud.db().collection('volunteer_hours').where({ shiftId: slot.id }).get();
    expect((credited as HoursDoc[]).map((h) => [h.residentId, h.hours, h.source])).toEqual([[offIt._id, 1.5, 'shift']]);
    const logged = await ok<ShiftDetail>(
      {
        action: 'addLog',
        requestId: requestId(),
        shiftId: slot.id,
        text: '7号楼2单元3楼楼道灯不亮',
        categoryId: 'facility',
        place: { kind: 'building', buildingNo: 7, unitNo: 2 },
      },
      offIt.openid!,
      during,
    );
    const entry = logged.log[0]!;
    expect(entry).toMatchObject({ canReport: true, placeLabel: '7号楼2单元' });
    const report = await ok<SubmitOutput>(
      {
        action: 'submit',
        categoryId: entry.categoryId,
        description: entry.text,
        images: [],
        place: { kind: 'building', buildingNo: 7, unitNo: 2 },
        urgent: false,
        household: false,
      },
      offIt.openid!,
      during,
      'report',
    );
    expect(report.assignmentLabel).toContain('7号楼');
    const linked = await ok<ShiftDetail>(
      { action: 'linkReport', shiftId: slot.id, entryId: entry.id, reportId: report.id },
      offIt.openid!,
      during,
    );
    expect(linked.log[0]).toMatchObject({ reportId: report.id, canReport: false });
    // Nobody links someone else's report, or a report to someone else's entry.
    expect(
      (
        await refused(
          { action: 'linkReport', shiftId: slot.id, entryId: entry.id, reportId: report.id },
          members[0]!.openid!,
          during,
        )
      ).code,
    ).toBe('NOT_FOUND');
    const mine = await ok<{ items: ShiftView[] }>({ action: 'myShifts' }, members[0]!.openid!);
    expect(mine.items.map((s) => s.id)).toContain(slot.id);
  });
});

describe('creates a retry makes once', () => {
  it('a duty, a log entry and a certificate: the same request id answers the first, a new one makes another', async () => {
    const duty = {
      action: 'createDuty',
      requestId: requestId(),
      teamId: 'team01',
      kind: 'patrol',
      weekday: 3,
      start: '19:00',
      end: '20:00',
      place: '北门',
      slots: 3,
      hours: 1,
    };
    const made = await ok<{ dutyId: string }>(duty, DEMO.teamLeader);
    // The answer was lost: the retry names the same duty, and there is one.
    expect(await ok<{ dutyId: string }>(duty, DEMO.teamLeader, new Date(NOW.getTime() + 5_000))).toEqual(made);
    const duties = () => cloud.db().collection('volunteer_duties').where({ place: '北门', weekday: 3 }).count();
    expect((await duties()).total).toBe(1);
    // Another leader's request with the same id is another duty.
    expect((await refused({ ...duty, teamId: 'team01' }, DEMO.partyMember)).code).toBe('FORBIDDEN');
    const second = await ok<{ dutyId: string }>({ ...duty, requestId: requestId() }, DEMO.teamLeader);
    expect(second.dutyId).not.toBe(made.dutyId);
    expect((await duties()).total).toBe(2);

    const member = (await membersOf('team01')).find((m) => m._id !== 'r-demo-resident')!;
    const week = await ok<RosterWeek>(
      { action: 'roster', teamId: 'team01', week: shanghaiDate(NOW, 7) },
      member.openid!,
    );
    const slot = week.shifts.find((s) => s.dutyId === made.dutyId)!;
    await ok<ShiftView>({ action: 'takeShift', dutyId: made.dutyId, date: slot.date }, member.openid!);
    const log = { action: 'addLog', requestId: requestId(), shiftId: slot.id, text: '北门路灯不亮' };
    const first = await ok<ShiftDetail>(log, member.openid!);
    const again = await ok<ShiftDetail>(log, member.openid!, new Date(NOW.getTime() + 5_000));
    expect(again.log.map((e) => e.id)).toEqual(first.log.map((e) => e.id));
    expect(again.log).toHaveLength(1);
    const other = await ok<ShiftDetail>({ ...log, requestId: requestId() }, member.openid!);
    expect(other.log).toHaveLength(2);
    // Two sends of the same entry at once write it once.
    const twin = { ...log, requestId: requestId(), text: '北门有积水' };
    await Promise.all([ok(twin, member.openid!), ok(twin, member.openid!)]);
    const shift = (await cloud.db().collection('volunteer_shifts').doc(slot.id).get()).data[0] as ShiftDoc;
    expect(shift.log.map((e) => e.text)).toEqual(['北门路灯不亮', '北门路灯不亮', '北门有积水']);

    const record = await ok<VolunteerRecord>({ action: 'myRecord' }, member.openid!);
    const months = record.byMonth.map((m) => m.month).sort();
    const certificates = async () =>
      (await cloud.db().collection('volunteer_certificates').where({ residentId: member._id }).count()).total;
    const before = await certificates();
    const issue = {
      action: 'issueCertificate',
      requestId: requestId(),
      from: months[0],
      to: months.at(-1),
      kind: 'general',
    };
    const cert = await ok<CertificateView>(issue, member.openid!);
    expect((await ok<CertificateView>(issue, member.openid!)).code).toBe(cert.code);
    expect(await certificates()).toBe(before + 1);
    const another = await ok<CertificateView>({ ...issue, requestId: requestId() }, member.openid!);
    expect(another.code).not.toBe(cert.code);
    expect(await certificates()).toBe(before + 2);
  });
});
