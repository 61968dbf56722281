/**
 * Hours on record: a volunteer's hours by team and month (the one ledger, shared with
 * activities), certificates of hours with a verification code anyone can check (for
 * students in the format schools ask for), the month's team figures and the opt-in
 * honour board.
 */
import { createHash } from 'node:crypto';
import { qrDataUrl } from '../shared/qr';
import type { CertificateView, HonourBoard, VerifyResult, VolunteerRecord } from '../../typings/domain/volunteer';
import { collection, command, database } from '../shared/cloud';
import type { ResidentDoc, VolunteerTeamDoc } from '../shared/docs';
import { HOURS_SOURCE_LABELS, roundHours, sourceOf, summarise, withinMonths } from '../shared/domain/hours';
import { officerName, publicName } from '../shared/domain/residents';
import {
  CERTIFICATE_ISSUER,
  CERTIFICATE_QR_PREFIX,
  certificateCode,
  isCertificateCode,
  leadsTeam,
  memberTeams,
  monthLabel,
  normalizeCode,
  periodLabel,
  periodProblem,
} from '../shared/domain/volunteer';
import { AppError } from '../shared/errors';
import { hoursWhere, type HoursDoc } from '../shared/hours';
import { shanghai } from '../shared/time';
import { insertOrFind } from '../shared/unique';
import type { CertificateDoc } from './docs';
import { allTeams, showsPartyBadge } from './people';
import { profileView } from './teams';

const HONOUR_SIZE = 10;

/** Team names of the records; looked up only for early records written without one. */
async function teamNamesOf(records: readonly HoursDoc[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const record of records) if (record.teamName) names.set(record.teamId, record.teamName);
  if (records.some((record) => !names.has(record.teamId))) {
    for (const team of await allTeams()) if (!names.has(team._id)) names.set(team._id, team.name);
  }
  return names;
}

export async function myRecord(me: ResidentDoc): Promise<VolunteerRecord> {
  const [records, { data: certificates }] = await Promise.all([
    hoursWhere({ residentId: me._id }),
    collection('volunteer_certificates').where({ residentId: me._id }).orderBy('issuedAt', 'desc').limit(20).get(),
  ]);
  const names = await teamNamesOf(records);
  const summary = summarise(records);
  const teamName = (teamId: string) => names.get(teamId) ?? '志愿服务队';
  return {
    name: me.name,
    totalHours: summary.totalHours,
    records: summary.records,
    byTeam: summary.byTeam.map((team) => ({ ...team, teamName: teamName(team.teamId) })),
    byMonth: summary.byMonth,
    entries: records.slice(0, 100).map((record) => ({
      id: record._id,
      sourceLabel: HOURS_SOURCE_LABELS[sourceOf(record)],
      title: record.title,
      date: record.date,
      hours: record.hours,
      teamName: teamName(record.teamId),
    })),
    certificates: (certificates as CertificateDoc[]).map((doc) => ({
      code: doc._id,
      periodLabel: periodLabel(doc.from, doc.to),
      hours: doc.hours,
      issuedLabel: shanghai(doc.issuedAt).format('YYYY年M月D日'),
      student: doc.kind === 'student',
    })),
    profile: profileView(me),
    teams: memberTeams(me.roles).map((teamId) => ({
      teamId,
      name: teamName(teamId),
      leader: leadsTeam(me.roles, teamId),
    })),
  };
}

function qrText(code: string): string {
  return `${CERTIFICATE_QR_PREFIX}${code}`;
}

async function certificateView(doc: CertificateDoc): Promise<CertificateView> {
  const text = qrText(doc._id);
  return {
    code: doc._id,
    kind: doc.kind,
    name: doc.name,
    ...(doc.student ? { student: doc.student } : {}),
    periodLabel: periodLabel(doc.from, doc.to),
    hours: doc.hours,
    records: doc.records,
    teams: doc.teams,
    issuer: doc.issuer,
    issuedLabel: shanghai(doc.issuedAt).format('YYYY年M月D日'),
    qrText: text,
    qr: await qrDataUrl(text, { margin: 1, width: 240 }),
    verifyHint: `在“长山花园”小程序“志愿 → 证明查验”输入验证码 ${doc._id} 即可查验`,
  };
}

/**
 * The code a request's `attempt`-th draw makes: the same request (a retry) names the same
 * certificate. The request id is the client's random draw, so the code stays unguessable.
 */
function requestedCode(residentId: string, requestId: string, attempt: number): string {
  const digest = createHash('sha256').update(`certificate|${residentId}|${requestId}|${attempt}`).digest();
  let i = 0;
  return certificateCode(() => digest[i++]! / 256);
}

/** The certificate a request issued, if it did (a retry after a lost answer). */
async function issuedBy(me: ResidentDoc, requestId: string): Promise<CertificateDoc | undefined> {
  const { data } = await collection('volunteer_certificates')
    .doc(requestedCode(me._id, requestId, 0))
    .get();
  const doc = data[0] as CertificateDoc | undefined;
  return doc?.residentId === me._id && doc.requestId === requestId ? doc : undefined;
}

export async function issueCertificate(
  me: ResidentDoc,
  input: { requestId: string; from: string; to: string; kind: 'general' | 'student' },
  now: Date,
): Promise<CertificateView> {
  const issued = await issuedBy(me, input.requestId);
  if (issued) return certificateView(issued);
  const credited = await hoursWhere({ residentId: me._id });
  const latest = credited.reduce((month, record) => (record.month > month ? record.month : month), '');
  const problem = periodProblem(input.from, input.to, now, latest);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  const student = me.volunteer?.student;
  if (input.kind === 'student' && !student) throw new AppError('CONFLICT', '请先在“我的志愿档案”中填写学校信息');
  const records = withinMonths(credited, input.from, input.to);
  if (!records.length) throw new AppError('CONFLICT', '这段时间没有志愿服务记录');
  const names = await teamNamesOf(records);
  const summary = summarise(records);
  const draft: Omit<CertificateDoc, '_id'> = {
    residentId: me._id,
    requestId: input.requestId,
    kind: input.kind,
    name: officerName(me).name,
    ...(input.kind === 'student' && student ? { student } : {}),
    from: input.from,
    to: input.to,
    hours: summary.totalHours,
    records: summary.records,
    teams: summary.byTeam.map((team) => ({ teamName: names.get(team.teamId) ?? '志愿服务队', hours: team.hours })),
    issuer: CERTIFICATE_ISSUER,
    issuedAt: now,
  };
  for (let attempt = 0; attempt < 4; attempt++) {
    const doc: CertificateDoc = { ...draft, _id: requestedCode(me._id, input.requestId, attempt) };
    const outcome = await insertOrFind('volunteer_certificates', doc);
    if (outcome.created) return certificateView(doc);
    // Issued by this request alongside (the same certificate), or another's code: draw the next.
    const { existing } = outcome;
    if (existing.residentId === me._id && existing.requestId === input.requestId) return certificateView(existing);
  }
  throw new AppError('CONFLICT', '请重新提交');
}

export async function certificate(me: ResidentDoc, code: string): Promise<CertificateView> {
  const { data } = await collection('volunteer_certificates').doc(normalizeCode(code)).get();
  const doc = data[0] as CertificateDoc | undefined;
  if (!doc || doc.residentId !== me._id) throw new AppError('NOT_FOUND', '没有这份证明');
  return certificateView(doc);
}

/** Anyone with the code: the certificate as issued, and the hours the ledger holds for that period now. */
export async function verify(codeText: string): Promise<VerifyResult> {
  const code = normalizeCode(codeText.replace(CERTIFICATE_QR_PREFIX, ''));
  if (!isCertificateCode(code)) return { valid: false };
  const { data } = await collection('volunteer_certificates').doc(code).get();
  const doc = data[0] as CertificateDoc | undefined;
  if (!doc) return { valid: false };
  const records = withinMonths(await hoursWhere({ residentId: doc.residentId }), doc.from, doc.to);
  return {
    valid: true,
    name: doc.name,
    ...(doc.student ? { student: doc.student } : {}),
    periodLabel: periodLabel(doc.from, doc.to),
    hours: doc.hours,
    issuer: doc.issuer,
    issuedLabel: shanghai(doc.issuedAt).format('YYYY年M月D日'),
    hoursOnRecord: roundHours(records.reduce((sum, record) => sum + record.hours, 0)),
  };
}

interface Grouped {
  _id: string;
  hours: number;
  records: number;
}

/** The month's figures per team and the honour board of those who opted in. */
export async function board(me: ResidentDoc, input: { month?: string }, now: Date): Promise<HonourBoard> {
  const month = input.month ?? shanghai(now).format('YYYY-MM');
  const $ = database().command.aggregate;
  const _ = command();
  const [byTeam, byPerson] = await Promise.all([
    // Every team with its month's figures (one row per team, joined in the same request).
    collection('volunteer_teams')
      .aggregate()
      .sort({ _id: 1 })
      .limit(100)
      .lookup({
        from: 'volunteer_hours',
        let: { team: '$_id' },
        pipeline: $.pipeline()
          .match(_.and([_.expr($.eq(['$teamId', '$$team'])), { month }]))
          .group({ _id: null, hours: $.sum('$hours'), records: $.sum(1), people: $.addToSet('$residentId') })
          .limit(1)
          .done(),
        as: 'figures',
      })
      .end(),
    // The honour board: the month's hours per person, only those who opted in, with what
    // the board shows of them (never a phone number).
    collection('volunteer_hours')
      .aggregate()
      .match({ month })
      .group({ _id: '$residentId', hours: $.sum('$hours'), records: $.sum(1) })
      .lookup({ from: 'residents', localField: '_id', foreignField: '_id', as: 'person' })
      .match({ 'person.volunteer.honour': true })
      .sort({ hours: -1, _id: 1 })
      .limit(HONOUR_SIZE)
      .project({
        hours: 1,
        records: 1,
        'person._id': 1,
        'person.name': 1,
        'person.moderation': 1,
        'person.roles': 1,
        'person.volunteer': 1,
      })
      .end(),
  ]);
  const teams =
    (byTeam as { data?: Array<VolunteerTeamDoc & { figures: Array<Grouped & { people: string[] }> }> }).data ?? [];
  const teamRows = teams.flatMap((team) =>
    team.figures.map((row) => ({
      teamId: team._id,
      hours: roundHours(row.hours),
      records: row.records,
      volunteers: row.people.length,
    })),
  );
  const honour = ((byPerson as { data?: Array<Grouped & { person: ResidentDoc[] }> }).data ?? []).map((row) => {
    const person = row.person[0]!;
    const teamId = memberTeams(person.roles)[0];
    return {
      name: publicName(person),
      teamName: teams.find((team) => team._id === teamId)?.name ?? '志愿服务队',
      hours: roundHours(row.hours),
      partyBadge: showsPartyBadge(person),
    };
  });
  return {
    month,
    monthLabel: monthLabel(month),
    teams: teams.map((team) => {
      const row = teamRows.find((r) => r.teamId === team._id);
      return {
        teamId: team._id,
        name: team.name,
        hours: row?.hours ?? 0,
        volunteers: row?.volunteers ?? 0,
        records: row?.records ?? 0,
      };
    }),
    honour,
    optedIn: Boolean(me.volunteer?.honour),
  };
}
