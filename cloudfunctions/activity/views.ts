/** Views of activities and sign-ups, built from the stored documents and the rules. */
import type { ActivityDraft, ActivityItem, OrganisedItem, SignupView } from '../../typings/domain/activity';
import type { ResidentDoc } from '../shared/docs';
import { publicName } from '../shared/domain/residents';
import type { ActivityDoc, SignupDoc } from './docs';
import {
  PHASE_LABELS,
  dayTimeLabel,
  effectiveState,
  eligibilityLabel,
  ineligibleReason,
  mayCancelSignup,
  mayLeaveQueue,
  phaseOf,
  placesView,
  stateLabel,
  timeLabel,
  wallClock,
  type Person,
} from './rules';

/** The people a caller acts for: themselves and the seniors bound to them. */
export interface Viewer {
  self: ResidentDoc;
  seniors: ResidentDoc[];
}

export function personOf(resident: ResidentDoc): Person {
  const verified = resident.binding.status === 'verified';
  return {
    verified,
    ...(verified && resident.binding.address ? { buildingNo: resident.binding.address.buildingNo } : {}),
    ...(resident.birthYear ? { birthYear: resident.birthYear } : {}),
    roles: resident.roles,
  };
}

export function signupView(
  signup: SignupDoc,
  activity: ActivityDoc,
  now: Date,
  names: ReadonlyMap<string, string>,
  knownPosition?: number,
): SignupView {
  // Without the ledger arrays (lists), the mirror stands in for the ledger.
  const effective =
    activity.holders && activity.queue
      ? effectiveState(signup, activity)
      : { state: signup.state, position: knownPosition };
  const phase = phaseOf(activity, now);
  const ended = phase === 'ended';
  const { state, position } = effective;
  const label =
    activity.state === 'cancelled' && state !== 'cancelled' ? '活动已取消' : stateLabel(state, position, ended);
  return {
    id: signup._id,
    activityId: signup.activityId,
    participantId: signup.participantId,
    participantName: names.get(signup.participantId) ?? '居民',
    forSenior: signup.participantId !== signup.bookerId,
    state,
    stateLabel: label,
    ...(position ? { position } : {}),
    companions: signup.companions,
    ...(signup.seq ? { seq: signup.seq } : {}),
    canCancel:
      (state === 'confirmed' && mayCancelSignup(activity, now)) ||
      (state === 'waiting' && mayLeaveQueue(activity, now)),
    hasTicket: (state === 'confirmed' || state === 'attended') && activity.state === 'published' && !ended,
    ...(signup.hoursCredited ? { hoursCredited: signup.hoursCredited } : {}),
  };
}

/** Names the caller may see for the people they sign up (their own always; seniors' unless held). */
export function viewerNames(viewer: Viewer): Map<string, string> {
  return new Map([
    [viewer.self._id, viewer.self.name],
    ...viewer.seniors.map((senior): [string, string] => [senior._id, publicName(senior)]),
  ]);
}

export function itemView(
  activity: ActivityDoc,
  now: Date,
  viewer: Viewer | null,
  signups: readonly SignupDoc[],
): ActivityItem {
  const phase = phaseOf(activity, now);
  let eligible = false;
  let reason: string | undefined;
  if (viewer) {
    const people = [viewer.self, ...viewer.seniors];
    const reasons = people.map((person) => ineligibleReason(activity.eligibility, personOf(person), activity.startAt));
    eligible = reasons.some((r) => r === null);
    // The caller's own reason, unless the caller has no household (a relative): then a senior's.
    reason = reasons.find((r) => r !== null) ?? undefined;
    if (viewer.seniors.length && viewer.self.binding.status !== 'verified')
      reason = reasons.slice(1).find((r) => r) ?? reason;
  }
  const names = viewer ? viewerNames(viewer) : new Map<string, string>();
  return {
    id: activity._id,
    title: activity.title,
    organiserLabel: activity.organiserLabel,
    place: activity.place,
    startAt: activity.startAt.toISOString(),
    endAt: activity.endAt.toISOString(),
    timeLabel: timeLabel(activity.startAt, activity.endAt),
    deadlineLabel: `报名截止 ${dayTimeLabel(activity.signupDeadline)}`,
    phase,
    phaseLabel: PHASE_LABELS[phase],
    places: placesView({ capacity: activity.capacity, taken: activity.taken, waiting: activity.waitingCount }),
    eligibilityLabel: eligibilityLabel(activity.eligibility),
    volunteerHours: activity.volunteerHours,
    eligible,
    ...(!eligible && reason ? { ineligibleReason: reason } : {}),
    signups: signups
      .filter((signup) => signup.activityId === activity._id)
      .map((signup) => signupView(signup, activity, now, names)),
  };
}

export function organisedView(activity: ActivityDoc, now: Date): OrganisedItem {
  return {
    ...itemView(activity, now, null, []),
    eligible: true,
    state: activity.state,
    moderation: activity.moderation.state,
    attended: activity.attended,
    noShow: activity.noShow,
  };
}

export function draftOf(activity: ActivityDoc): ActivityDraft {
  return {
    title: activity.title,
    description: activity.description,
    images: activity.images.filter((image) => image.state !== 'risky').map((image) => image.fileID),
    organiser: activity.organiser,
    place: activity.place,
    startAt: wallClock(activity.startAt),
    endAt: wallClock(activity.endAt),
    signupOpensAt: wallClock(activity.signupOpensAt),
    signupDeadline: wallClock(activity.signupDeadline),
    capacity: activity.capacity,
    eligibility: activity.eligibility,
    maxCompanions: activity.maxCompanions,
    volunteerHours: activity.volunteerHours,
  };
}

/** "5号楼2单元" — never the room. */
export function buildingUnitLabel(resident: ResidentDoc | undefined): string {
  const address = resident?.binding.status === 'verified' ? resident.binding.address : undefined;
  return address ? `${address.buildingNo}号楼${address.unitNo}单元` : '未认证住址';
}
