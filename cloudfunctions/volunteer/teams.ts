/**
 * Teams and membership: the teams with their totals, a team's page, applying to join (the
 * leader accepts), leaving, and the volunteer's profile (skills, availability, student
 * details, 党员亮身份, the honour board). Joining and leaving change the resident's roles
 * and the application in one transaction; the team's member count follows.
 */
import type { Role } from '../../typings/domain/community';
import type {
  ApplicationView,
  Membership,
  TeamCard,
  TeamDetail,
  VolunteerProfileInput,
  VolunteerProfileView,
} from '../../typings/domain/volunteer';
import { collection, command } from '../shared/cloud';
import { recordAudit } from '../shared/community-audit';
import type { ResidentDoc, VolunteerProfileDoc, VolunteerTeamDoc } from '../shared/docs';
import { roundHours } from '../shared/domain/hours';
import { roleLabel } from '../shared/domain/labels';
import { officerName } from '../shared/domain/residents';
import {
  APPLICATION_LABELS,
  applyProblem,
  dayTimeLabel,
  isMember,
  isPartyMember,
  isStaff,
  leadsTeam,
  mayManageTeam,
} from '../shared/domain/volunteer';
import { AppError } from '../shared/errors';
import { assertNotBlocked } from '../shared/moderation';
import { shanghai } from '../shared/time';
import type { ApplicationDoc } from './docs';
import { PAGES, tell } from './notify';
import { buildingLabel, loadTeam, showsPartyBadge } from './people';
import { residentsByIds } from '../shared/people';
import { screen } from './screen';
import { inTransaction } from '../shared/transactions';
import { deadBefore } from '../shared/leases';

export function membershipOf(roles: readonly Role[], teamId: string): Membership {
  if (leadsTeam(roles, teamId)) return 'leader';
  if (isMember(roles, teamId)) return 'member';
  return 'none';
}

export function teamCard(team: VolunteerTeamDoc, leaderName: string | undefined, roles: readonly Role[]): TeamCard {
  return {
    teamId: team._id,
    name: team.name,
    purpose: team.purpose ?? '',
    ...(leaderName ? { leaderName } : {}),
    memberCount: team.memberCount ?? 0,
    hoursTotal: roundHours(team.hoursTotal ?? 0),
    mine: membershipOf(roles, team._id),
  };
}

export function profileView(resident: ResidentDoc): VolunteerProfileView {
  const profile = resident.volunteer;
  return {
    skills: profile?.skills ?? [],
    availability: profile?.availability ?? [],
    ...(profile?.student ? { student: profile.student } : {}),
    partyMember: isPartyMember(resident.roles),
    partyBadge: showsPartyBadge(resident),
    honour: profile?.honour ?? false,
  };
}

export function applicationView(
  doc: ApplicationDoc,
  teamName: string,
  applicant: ResidentDoc | undefined,
  staff: boolean,
): ApplicationView {
  return {
    id: doc._id,
    teamId: doc.teamId,
    teamName,
    state: doc.state,
    stateLabel: APPLICATION_LABELS[doc.state],
    name: applicant ? officerName(applicant).name : '（已注销）',
    buildingLabel: buildingLabel(applicant),
    ...(staff && applicant?.phone ? { phone: applicant.phone } : {}),
    partyMember: applicant ? isPartyMember(applicant.roles) : false,
    skills: doc.skills,
    availability: doc.availability,
    ...(doc.student ? { student: doc.student } : {}),
    ...(doc.note ? { note: doc.note } : {}),
    appliedLabel: `${dayTimeLabel(doc.createdAt)} 申请`,
    ...(doc.reason ? { reason: doc.reason } : {}),
  };
}

function applicationId(teamId: string, residentId: string): string {
  return `${teamId}_${residentId}`;
}

/** A team has at most a few hundred members: one lookup brings them all. */
const MEMBERS_MAX = 1000;

interface TeamRow extends VolunteerTeamDoc {
  members: ResidentDoc[];
  own: ApplicationDoc[];
  /** Hours summed per month and volunteer. */
  hours: Array<{ _id: { month: string; residentId: string }; hours: number }>;
}

/**
 * The team with its members, the caller's application and the two months' hours (summed
 * per month and volunteer), in ONE aggregate; NOT_FOUND as loadTeam answers it.
 */
async function teamWithMembers(teamId: string, me: ResidentDoc, months: string[]): Promise<TeamRow> {
  const _ = command();
  const $ = command().aggregate;
  const { data } = await collection('volunteer_teams')
    .aggregate()
    .match({ _id: teamId })
    .limit(1)
    .lookup({
      from: 'residents',
      pipeline: $.pipeline()
        .match(
          _.or([
            { roles: _.elemMatch({ kind: 'volunteer', teamId }) },
            { roles: _.elemMatch({ kind: 'team_leader', teamId }) },
          ]),
        )
        .limit(MEMBERS_MAX)
        .done(),
      as: 'members',
    })
    .lookup({
      from: 'volunteer_applications',
      pipeline: $.pipeline()
        .match({ _id: applicationId(teamId, me._id) })
        .limit(1)
        .done(),
      as: 'own',
    })
    .lookup({
      from: 'volunteer_hours',
      pipeline: $.pipeline()
        .match({ teamId, month: _.in(months) })
        .group({ _id: { month: '$month', residentId: '$residentId' }, hours: $.sum('$hours') })
        .limit(2 * MEMBERS_MAX)
        .done(),
      as: 'hours',
    })
    .end();
  const row = (data as TeamRow[])[0];
  if (!row) throw new AppError('NOT_FOUND', '没有这个志愿服务队');
  return row;
}

export async function teamDetail(me: ResidentDoc, teamId: string, now: Date): Promise<TeamDetail> {
  const manage = mayManageTeam(me.roles, teamId);
  const months = [shanghai(now).format('YYYY-MM'), shanghai(now).subtract(1, 'month').format('YYYY-MM')];
  const [row, pending] = await Promise.all([
    teamWithMembers(teamId, me, months),
    manage
      ? collection('volunteer_applications').where({ teamId, state: 'pending' }).count()
      : Promise.resolve({ total: 0 }),
  ]);
  const {
    members,
    own: [own],
    hours,
    ...team
  } = row;
  const records = hours.map((entry) => ({
    month: entry._id.month,
    residentId: entry._id.residentId,
    hours: entry.hours,
  }));
  const leader = members.find((m) => m._id === team.leaderId);
  const mine = membershipOf(me.roles, teamId);
  const mate = mine !== 'none' || manage;
  return {
    ...teamCard(team, leader ? officerName(leader).name : undefined, me.roles),
    // The count on the card may lag a role given in the staff pages; the list is the truth.
    memberCount: members.length,
    mine: mine === 'none' && own?.state === 'pending' ? 'pending' : mine,
    members: mate
      ? members.map((member) => ({
          residentId: member._id,
          name: officerName(member).name,
          buildingLabel: buildingLabel(member),
          leader: leadsTeam(member.roles, teamId),
          partyBadge: showsPartyBadge(member),
          ...(manage
            ? { skills: member.volunteer?.skills ?? [], availability: member.volunteer?.availability ?? [] }
            : {}),
        }))
      : // Outsiders see who shows the Party badge and the leader, not the whole list.
        members
          .filter((member) => showsPartyBadge(member) || member._id === team.leaderId)
          .map((member) => ({
            residentId: member._id,
            name: officerName(member).name,
            buildingLabel: buildingLabel(member),
            leader: member._id === team.leaderId,
            partyBadge: showsPartyBadge(member),
          })),
    months: months.map((month) => {
      const inMonth = records.filter((record) => record.month === month);
      return {
        month,
        hours: roundHours(inMonth.reduce((sum, record) => sum + record.hours, 0)),
        volunteers: new Set(inMonth.map((record) => record.residentId)).size,
      };
    }),
    ...(own?.state === 'pending' ? { application: applicationView(own, team.name, me, false) } : {}),
    canApply: mine === 'none' && own?.state !== 'pending' && me.binding.status === 'verified',
    canLeave: mine === 'member',
    canManage: manage,
    pendingApplications: pending.total,
  };
}

/** Saves what the volunteer says about themselves, keeping their badge and honour choices. */
function profileWith(me: ResidentDoc, input: Partial<VolunteerProfileInput>, now: Date): VolunteerProfileDoc {
  const current = me.volunteer;
  return {
    skills: input.skills ?? current?.skills ?? [],
    availability: input.availability ?? current?.availability ?? [],
    ...((input.student ?? current?.student) ? { student: input.student ?? current!.student! } : {}),
    partyBadge: current?.partyBadge ?? false,
    honour: current?.honour ?? false,
    updatedAt: now,
  };
}

function profileTexts(input: Partial<VolunteerProfileInput> & { note?: string }): string[] {
  const student = input.student;
  return [
    ...(input.skills ?? []),
    ...(input.availability ?? []),
    ...(student ? [student.school, student.major ?? '', student.grade ?? ''] : []),
    input.note ?? '',
  ];
}

export async function apply(
  me: ResidentDoc,
  input: VolunteerProfileInput & { teamId: string; note?: string },
  now: Date,
): Promise<ApplicationView> {
  assertNotBlocked(me, now);
  const team = await loadTeam(input.teamId);
  const id = applicationId(team._id, me._id);
  const { data } = await collection('volunteer_applications').doc(id).get();
  const existing = data[0] as ApplicationDoc | undefined;
  const problem = applyProblem(me.roles, team._id, existing?.state);
  if (problem) throw new AppError('CONFLICT', problem);
  await screen(me.openid!, 1, profileTexts(input));
  const fields = {
    teamId: team._id,
    residentId: me._id,
    state: 'pending' as const,
    skills: input.skills,
    availability: input.availability,
    ...(input.student ? { student: input.student } : {}),
    ...(input.note ? { note: input.note } : {}),
    createdAt: now,
    updatedAt: now,
  };
  if (existing) {
    // Applying again after a decision: the same document, only if nobody changed it meanwhile.
    const { updated } = await collection('volunteer_applications')
      .where({ _id: id, state: existing.state, updatedAt: existing.updatedAt })
      .update({
        ...fields,
        // Replaced whole (a plain object would be merged field by field).
        student: input.student ? command().set(input.student) : command().remove(),
        note: input.note ?? command().remove(),
      });
    if (updated !== 1) throw new AppError('CONFLICT', '您已申请，请等待队长审核');
  } else {
    try {
      await collection('volunteer_applications').add({ _id: id, ...fields });
    } catch {
      throw new AppError('CONFLICT', '您已申请，请等待队长审核');
    }
  }
  await collection('residents')
    .doc(me._id)
    .update({ volunteer: command().set(profileWith(me, input, now)) });
  if (team.leaderId) {
    await tell(
      [team.leaderId],
      {
        title: `入队申请：${team.name}`,
        body: `${me.name}申请加入${team.name}，请在“志愿”中审核。`,
        note: `${me.name}申请加入`,
        page: `/packages/volunteer/pages/applications/index?teamId=${team._id}`,
        kind: 'application',
        id,
      },
      now,
    );
  }
  return applicationView({ _id: id, ...fields }, team.name, me, false);
}

export async function withdraw(me: ResidentDoc, teamId: string, now: Date): Promise<ApplicationView> {
  const team = await loadTeam(teamId);
  const id = applicationId(teamId, me._id);
  const { updated } = await collection('volunteer_applications')
    .where({ _id: id, state: 'pending' })
    .update({ state: 'withdrawn', updatedAt: now });
  if (updated !== 1) throw new AppError('NOT_FOUND', '没有待审核的申请');
  const { data } = await collection('volunteer_applications').doc(id).get();
  return applicationView(data[0] as ApplicationDoc, team.name, me, false);
}

export async function applications(me: ResidentDoc, teamId: string): Promise<{ items: ApplicationView[] }> {
  if (!mayManageTeam(me.roles, teamId)) throw new AppError('FORBIDDEN', '只有队长和社区工作人员可以审核');
  const team = await loadTeam(teamId);
  const { data } = await collection('volunteer_applications')
    .where({ teamId, state: 'pending' })
    .orderBy('createdAt', 'asc')
    .limit(100)
    .get();
  const docs = data as ApplicationDoc[];
  const people = await residentsByIds(docs.map((doc) => doc.residentId));
  const staff = isStaff(me.roles);
  return { items: docs.map((doc) => applicationView(doc, team.name, people.get(doc.residentId), staff)) };
}

export async function decide(
  me: ResidentDoc,
  input: { applicationId: string; accept: boolean; reason?: string },
  now: Date,
): Promise<ApplicationView> {
  const { data } = await collection('volunteer_applications').doc(input.applicationId).get();
  const application = data[0] as ApplicationDoc | undefined;
  if (!application) throw new AppError('NOT_FOUND', '没有这份申请');
  if (!mayManageTeam(me.roles, application.teamId)) throw new AppError('FORBIDDEN', '只有队长和社区工作人员可以审核');
  if (!input.accept && !input.reason) throw new AppError('INVALID_INPUT', '请说明未通过的原因');
  const team = await loadTeam(application.teamId);
  const role: Role = { kind: 'volunteer', teamId: team._id };
  // The decision and the role, together: a second decider finds it decided.
  const applicant = await inTransaction(async (t) => {
    const current = (await t.collection('volunteer_applications').doc(application._id).get())
      .data as ApplicationDoc | null;
    if (current?.state !== 'pending') return null;
    const person = (await t.collection('residents').doc(application.residentId).get()).data as ResidentDoc | null;
    if (!person) throw new AppError('NOT_FOUND', '申请人已注销');
    await t
      .collection('volunteer_applications')
      .doc(application._id)
      .update({
        state: input.accept ? 'accepted' : 'declined',
        decidedAt: now,
        decidedBy: me._id,
        ...(input.reason ? { reason: input.reason } : {}),
        // Until the applicant is told: a retry or the timer tells a decision whose call died.
        tellPending: now,
        updatedAt: now,
      });
    if (input.accept && !isMember(person.roles, team._id)) {
      await t
        .collection('residents')
        .doc(person._id)
        .update({ roles: [...person.roles, role], updatedAt: now });
    }
    return person;
  });
  if (!applicant) {
    const { data: decided } = await collection('volunteer_applications').doc(application._id).get();
    const current = decided[0] as ApplicationDoc | undefined;
    if (current?.tellPending) await tellDecision(current, team, now);
    throw new AppError('CONFLICT', '这份申请已经处理过了');
  }
  if (input.accept) {
    await collection('volunteer_teams')
      .doc(team._id)
      .update({ memberCount: command().inc(1) });
    await recordAudit({
      action: 'role_assign',
      actorId: me._id,
      subjectId: applicant._id,
      detail: roleLabel(role, new Map([[team._id, team.name]])),
      at: now,
    });
  }
  await tellDecision(
    {
      ...application,
      state: input.accept ? 'accepted' : 'declined',
      ...(input.reason ? { reason: input.reason } : {}),
      tellPending: now,
    },
    team,
    now,
  );
  const { data: fresh } = await collection('volunteer_applications').doc(application._id).get();
  return applicationView(fresh[0] as ApplicationDoc, team.name, applicant, isStaff(me.roles));
}

/** Tells the applicant the decision (once, by key), then clears the mark the decision set. */
export async function tellDecision(
  application: ApplicationDoc,
  team: Pick<VolunteerTeamDoc, '_id' | 'name'>,
  now: Date,
): Promise<void> {
  const pending = application.tellPending;
  if (!pending) return;
  const accepted = application.state === 'accepted';
  await tell(
    [application.residentId],
    {
      title: accepted ? `欢迎加入${team.name}` : `入队申请未通过：${team.name}`,
      body: accepted
        ? `您已成为${team.name}的队员，召集和值班会在“志愿”中通知您。`
        : `您加入${team.name}的申请未通过。原因：${application.reason ?? ''}`,
      note: accepted ? '申请已通过' : `原因：${application.reason ?? ''}`,
      page: PAGES.team(team._id),
      kind: 'decision',
      id: application._id,
      key: `volunteer_decision:${application._id}:${new Date(pending).getTime()}`,
    },
    now,
  );
  await collection('volunteer_applications')
    .where({ _id: application._id, tellPending: pending })
    .update({ tellPending: command().remove() });
}

/** Decisions whose call died before the applicant was told (the timer, within 10 minutes). */
export async function finishDecisions(now: Date): Promise<number> {
  const { data } = await collection('volunteer_applications')
    .where({ tellPending: command().lte(deadBefore(now)) })
    .limit(50)
    .get();
  for (const application of data as ApplicationDoc[])
    await tellDecision(application, await loadTeam(application.teamId), now);
  return data.length;
}

export async function leave(
  me: ResidentDoc,
  teamId: string,
  now: Date,
): Promise<{ teamId: string; memberCount: number }> {
  const team = await loadTeam(teamId);
  if (leadsTeam(me.roles, teamId)) throw new AppError('CONFLICT', '您是队长，请先由社区工作人员更换队长');
  if (!isMember(me.roles, teamId)) throw new AppError('CONFLICT', '您不是这个服务队的队员');
  const _ = command();
  // Off the team's shifts still to come first (the leader sees the gap in the roster), then
  // off the team: a death between leaves a member with no shifts to come, never a former
  // member on them.
  await collection('volunteer_shifts')
    .where({ teamId, assignees: me._id, startAt: _.gt(now) })
    .update({ assignees: _.pull(me._id), assignedCount: _.inc(-1), version: _.inc(1), updatedAt: now });
  const left = await inTransaction(async (t) => {
    const person = (await t.collection('residents').doc(me._id).get()).data as ResidentDoc | null;
    if (!person || !isMember(person.roles, teamId)) return false;
    const roles = person.roles.filter((role) => !(role.kind === 'volunteer' && role.teamId === teamId));
    await t.collection('residents').doc(me._id).update({ roles, updatedAt: now });
    return true;
  });
  if (left) {
    await collection('volunteer_teams')
      .doc(teamId)
      .update({ memberCount: _.inc(-1) });
    await recordAudit({
      action: 'role_revoke',
      actorId: me._id,
      subjectId: me._id,
      detail: roleLabel({ kind: 'volunteer', teamId }, new Map([[team._id, team.name]])),
      at: now,
    });
  }
  const fresh = await loadTeam(teamId);
  return { teamId, memberCount: Math.max(0, fresh.memberCount ?? 0) };
}

export async function setProfile(
  me: ResidentDoc,
  input: {
    partyBadge?: boolean;
    honour?: boolean;
    skills?: string[];
    availability?: string[];
    student?: VolunteerProfileInput['student'] | null;
  },
  now: Date,
): Promise<VolunteerProfileView> {
  if (input.partyBadge && !isPartyMember(me.roles)) throw new AppError('CONFLICT', '党员身份登记后才能亮明身份');
  const { student, ...rest } = input;
  await screen(me.openid!, 1, profileTexts({ ...rest, ...(student ? { student } : {}) }));
  const base = profileWith(me, { ...rest, ...(student ? { student } : {}) }, now);
  const profile: VolunteerProfileDoc = {
    ...base,
    partyBadge: input.partyBadge ?? base.partyBadge,
    honour: input.honour ?? base.honour,
  };
  if (student === null) delete profile.student;
  await collection('residents')
    .doc(me._id)
    .update({ volunteer: command().set(profile), updatedAt: now });
  return profileView({ ...me, volunteer: profile });
}
