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
  | { kind: 'volunteer'; teamId: string };

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
  residentId: string;
  name: string;
  /** e.g. "5号楼" — never the room, which only roles that need it may see. */
  buildingLabel?: string;
  status: 'pending' | 'confirmed';
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
  /** Relatives bound to the caller (when the caller is a senior). */
  relatives: LinkedPersonView[];
}
