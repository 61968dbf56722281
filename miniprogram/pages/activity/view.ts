/**
 * What the activity pages show, derived from the server's views: every state is a tag WITH
 * a word and an icon, never a colour alone. Shared by the tab page and the activity
 * subpackage (a subpackage may import from the main package, not the other way round).
 */
import type { StatusTag } from '../../utils/status-tag';
import type { ActivityItem, ActivityPhase, SignupState, SignupView } from '../../../typings/domain/activity';

export type { StatusTag };

const PHASE_TAGS: Record<ActivityPhase, Omit<StatusTag, 'text'>> = {
  soon: { theme: 'default', icon: 'time' },
  open: { theme: 'primary', icon: 'edit-1' },
  closed: { theme: 'default', icon: 'lock-on' },
  ongoing: { theme: 'success', icon: 'play-circle' },
  ended: { theme: 'default', icon: 'check' },
  cancelled: { theme: 'danger', icon: 'close-circle' },
};

const SIGNUP_TAGS: Record<SignupState, Omit<StatusTag, 'text'>> = {
  placing: { theme: 'default', icon: 'loading' },
  confirmed: { theme: 'success', icon: 'check-circle' },
  waiting: { theme: 'warning', icon: 'time' },
  cancelled: { theme: 'default', icon: 'close-circle' },
  attended: { theme: 'success', icon: 'check-double' },
  no_show: { theme: 'danger', icon: 'error-circle' },
};

export function phaseTag(phase: ActivityPhase, label: string): StatusTag {
  return { text: label, ...PHASE_TAGS[phase] };
}

export function signupTag(signup: Pick<SignupView, 'state' | 'stateLabel'>): StatusTag {
  return { text: signup.stateLabel, ...SIGNUP_TAGS[signup.state] };
}

export interface MineLine {
  id: string;
  /** "我：报名成功" / "钱长海：候补第 2 位". */
  who: string;
  tag: StatusTag;
}

export interface ActivityCard {
  id: string;
  title: string;
  timeLabel: string;
  place: string;
  organiserLabel: string;
  placesLabel: string;
  deadlineLabel: string;
  eligibilityLabel: string;
  phase: StatusTag;
  /** Why the caller cannot sign up, when they cannot. */
  note: string;
  hoursLabel: string;
  mine: MineLine[];
}

/**
 * Places as they matter now: while sign-up is open (or about to open) what is left; once it
 * has closed, how many signed up — never "剩余 25 个名额" beside 报名已截止.
 */
export function placesLabel(item: Pick<ActivityItem, 'phase' | 'places'>): string {
  if (item.phase === 'open' || item.phase === 'soon') return item.places.label;
  const { capacity, taken } = item.places;
  return capacity === null ? `已报名 ${taken} 人` : `已报名 ${taken} 人（共 ${capacity} 个名额）`;
}

/**
 * 适合我的: what the caller (or a senior they care for) may actually sign up for, plus what
 * they already signed up for; the server's building filter cannot see age or party rules.
 */
export function suitsMe(item: ActivityItem): boolean {
  return item.eligible || item.signups.some((signup) => signup.state !== 'cancelled');
}

export function toCard(item: ActivityItem, selfId = ''): ActivityCard {
  return {
    id: item.id,
    title: item.title,
    timeLabel: item.timeLabel,
    place: item.place,
    organiserLabel: item.organiserLabel,
    placesLabel: placesLabel(item),
    deadlineLabel: item.deadlineLabel,
    eligibilityLabel: item.eligibilityLabel,
    phase: phaseTag(item.phase, item.phaseLabel),
    note: item.eligible ? '' : (item.ineligibleReason ?? ''),
    hoursLabel: item.volunteerHours ? `志愿服务 ${item.volunteerHours} 小时` : '',
    mine: item.signups
      .filter((signup) => signup.state !== 'cancelled')
      .map((signup) => ({
        id: signup.id,
        who: signup.participantId === selfId || !signup.forSenior ? '我' : signup.participantName,
        tag: signupTag(signup),
      })),
  };
}

export const DETAIL_PAGE = '/packages/activity/pages/detail/index';
