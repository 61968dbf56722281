/**
 * The community as the app models it: buildings → units → households, people, and the
 * four-level Party network (committee → building branch → unit group → member household).
 */

/** A role someone holds. Scoped roles carry the building/unit/team they apply to. */
export type Role =
  | { kind: 'party_member' }
  | { kind: 'unit_leader'; buildingNo: number; unitNo: number }
  | { kind: 'branch_secretary'; buildingNo: number }
  | { kind: 'staff' }
  | { kind: 'canteen_staff' }
  | { kind: 'team_leader'; teamId: string }
  | { kind: 'volunteer'; teamId: string }
  /** Staff of the bank's 金融服务站 in the community: its window only, not community staff. */
  | { kind: 'bank_staff' }
  /** 社区主任: hears of unsatisfied ratings of the service window, reviews the handbook, reads the evaluation. */
  | { kind: 'director' };

export type RoleKind = Role['kind'];

/** Where a resident's household binding stands; staff or the branch secretary decide it. */
export type BindingStatus = 'none' | 'pending' | 'verified' | 'rejected';

export interface HouseholdAddress {
  buildingNo: number;
  unitNo: number;
  /** Room number as written on the door, e.g. "301". */
  room: string;
}

export interface RoleView {
  kind: RoleKind;
  /** Chinese label, e.g. "5号楼党支部书记". */
  label: string;
}

/** A person linked to the caller: a senior they care for, or a relative caring for them. */
export interface LinkedPersonView {
  /** The link itself: what respondRelativeLink / unbindRelative take. */
  linkId: string;
  /**
   * The other person. Absent on the relative's own pending request: it shows only what the
   * relative typed, so it never tells whether such a senior exists.
   */
  residentId?: string;
  name: string;
  /** e.g. "5号楼" — never the room, which only roles that need it may see. */
  buildingLabel?: string;
  status: 'pending' | 'confirmed';
  /** Community staff confirmed it on the senior's behalf (the senior has no smartphone). */
  confirmedByStaff?: boolean;
  /** A pending request's relative, masked ("138****0001"), so the senior can tell who asks. */
  phoneMasked?: string;
  /** When the request was made (ISO), shown on pending requests. */
  requestedAt: string;
}

/** What the caller sees about themselves ("我的"). */
export interface MeView {
  /** False until the caller has created a profile (first use). */
  registered: boolean;
  privacyAgreed: boolean;
  profile?: {
    residentId: string;
    name: string;
    /** The caller's own phone, masked for display (e.g. "138****0001"). */
    phoneMasked?: string;
    birthYear?: number;
    /**
     * Content review of the name: `review` while WeChat's check asks for a person to look
     * (others see a placeholder meanwhile), `refused` when staff turned it down.
     */
    nameHeld?: 'review' | 'refused';
  };
  binding: {
    status: BindingStatus;
    /** Present once the caller has asked to be bound; the full address is the caller's own. */
    address?: HouseholdAddress;
    /** e.g. "5号楼2单元301". */
    addressLabel?: string;
    /** Why a binding was rejected, shown to the caller. */
    rejectReason?: string;
  };
  roles: RoleView[];
  /** Seniors the caller is a bound relative of. */
  seniors: LinkedPersonView[];
  /** Relatives bound to the caller (when the caller is a senior), pending requests included. */
  relatives: LinkedPersonView[];
  /** Unread in-app messages (我的消息); 0 before registration. */
  unreadMessages: number;
}
