/**
 * Shapes of the documents as stored. Server-only: views sent to the mini-program are
 * built from these by the handlers (typings/ holds those), so private fields such as
 * phone and room never leave by accident.
 */
import type { BindingStatus, HouseholdAddress, Role } from '../../typings/domain/community';
import type { ModerationInfo } from './content';

/**
 * Acting for someone else. The convention for every feature: when a person does something
 * on another's behalf (staff confirming a relative for a senior without a smartphone, a
 * relative ordering a canteen meal for a senior), the document written carries
 * `proxy: ProxyRecord`, and its absence means the subject acted themselves. Both ids are
 * resident ids; `reason` is required when staff act (they record why), optional for a
 * bound relative. Create it with `proxyRecord()` (shared/proxy.ts), which also checks that
 * the actor may act for the subject. Every proxy action is also written to
 * `community_audit` with the same record.
 */
export interface ProxyRecord {
  actorId: string;
  subjectId: string;
  reason?: string;
  at: Date;
}

export interface BuildingDoc {
  _id: string;
  no: number;
  name: string;
  units: number;
  floors: number;
  /**
   * Single-holder role slots, claimed with a conditional update so two staff cannot appoint
   * two branch secretaries (or unit leaders of one unit) at once; `roles` on the resident
   * stays the truth for access, these only guard the appointment.
   */
  secretaryId?: string;
  /** Unit leader per unit number ("1".."4"). */
  unitLeaderIds?: Record<string, string>;
}

export interface HouseholdDoc extends HouseholdAddress {
  _id: string;
  floor: number;
}

export interface ResidentDoc {
  _id: string;
  /** Absent for people without WeChat (many seniors); staff and relatives act for them. */
  openid?: string;
  name: string;
  phone?: string;
  birthYear?: number;
  /** Set once the binding is verified. */
  householdId?: string;
  binding: {
    status: BindingStatus;
    address?: HouseholdAddress;
    /** The household asked for (set with the request; copied to `householdId` on verify). */
    householdId?: string;
    requestedAt?: Date;
    decidedAt?: Date;
    decidedBy?: string;
    rejectReason?: string;
  };
  roles: Role[];
  care?: { livesAlone?: boolean; mobilityLimited?: boolean; deliveryEligible?: boolean };
  /**
   * The name's content review (kind `profile`). Absent or `pass`: everyone sees the name;
   * otherwise others see a placeholder (shared/domain/residents.ts) while officers and the
   * person see the name with a marker.
   */
  moderation?: ModerationInfo;
  /** Staff who registered a person without WeChat (e.g. a senior without a smartphone). */
  registeredBy?: string;
  privacyAgreedAt?: Date;
  /** Set by staff moderation: no posting until then. */
  blockedUntil?: Date;
  lastLoginAt?: Date;
  /** What a volunteer says about themselves and chose to show (volunteer function). */
  volunteer?: VolunteerProfileDoc;
  createdAt: Date;
  updatedAt: Date;
}

export interface RelativeLinkDoc {
  _id: string;
  /**
   * The senior the request matched (a verified resident of the typed household with the
   * typed name). Absent while it matched nobody: the request is still kept, so that the
   * relative cannot tell from any answer whether such a senior exists.
   */
  seniorId?: string;
  relativeId: string;
  status: 'pending' | 'confirmed';
  /** What the relative typed; the relative's own view of a pending request shows only this. */
  requested?: HouseholdAddress & { name: string };
  requestedAt: Date;
  confirmedAt?: Date;
  /** Who confirmed: the senior themselves, or a staff member acting for them. */
  confirmedBy?: string;
  /** Recorded when staff confirm on the senior's behalf. */
  proxyReason?: string;
  /** Present when someone confirmed for the senior (see ProxyRecord). */
  proxy?: ProxyRecord;
}

/** Consent to the privacy guide, by openid: it may come before the person registers. */
export interface PrivacyConsentDoc {
  /** The openid. */
  _id: string;
  agreedAt: Date;
}

/** Who did what to whom in households, roles and relatives: the record staff can be asked for. */
export interface CommunityAuditDoc {
  _id: string;
  action:
    | 'binding_verify'
    | 'binding_reject'
    | 'role_assign'
    | 'role_revoke'
    | 'relative_confirm'
    | 'relative_decline'
    | 'relative_unbind'
    | 'senior_add'
    | 'care_set';
  actorId: string;
  subjectId: string;
  /** Present when the actor acted on the subject's behalf. */
  proxy?: ProxyRecord;
  /** What changed, in words (e.g. the role label, the reject reason). */
  detail?: string;
  at: Date;
}

export interface VolunteerTeamDoc {
  _id: string;
  name: string;
  leaderId?: string;
  /** What the team does (shown on its card). */
  purpose?: string;
  /**
   * Running totals for the team's card: members (residents holding its `volunteer` role)
   * and hours on record. Kept by the writes that change them and reconciled hourly by the
   * volunteer timer, since roles are also given in the staff pages.
   */
  memberCount?: number;
  hoursTotal?: number;
}

/**
 * A volunteer's profile, on their resident document (so every function that loads the
 * person has it): membership itself is the `volunteer` / `team_leader` role.
 */
export interface VolunteerProfileDoc {
  skills: string[];
  availability: string[];
  student?: { school: string; major?: string; studentNo?: string; grade?: string };
  /** 党员亮身份: a Party member's choice to show the badge (only honoured while they hold the role). */
  partyBadge: boolean;
  /** Opted in to the honour board. */
  honour: boolean;
  updatedAt: Date;
}
