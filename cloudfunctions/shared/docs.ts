/**
 * Shapes of the documents as stored. Server-only: views sent to the mini-program are
 * built from these by the handlers (typings/ holds those), so private fields such as
 * phone and room never leave by accident.
 */
import type { BindingStatus, HouseholdAddress, Role } from '../../typings/domain/community';

export interface BuildingDoc {
  _id: string;
  no: number;
  name: string;
  units: number;
  floors: number;
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
    requestedAt?: Date;
    decidedAt?: Date;
    decidedBy?: string;
    rejectReason?: string;
  };
  roles: Role[];
  care?: { livesAlone?: boolean; mobilityLimited?: boolean; deliveryEligible?: boolean };
  privacyAgreedAt?: Date;
  /** Set by staff moderation: no posting until then. */
  blockedUntil?: Date;
  lastLoginAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface RelativeLinkDoc {
  _id: string;
  seniorId: string;
  relativeId: string;
  status: 'pending' | 'confirmed';
  requestedAt: Date;
  confirmedAt?: Date;
  /** Who confirmed: the senior themselves, or a staff member acting for them. */
  confirmedBy?: string;
  /** Recorded when staff confirm on the senior's behalf. */
  proxyReason?: string;
}

export interface VolunteerTeamDoc {
  _id: string;
  name: string;
  leaderId?: string;
}
