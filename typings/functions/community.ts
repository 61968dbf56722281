/**
 * Actions of the `community` function: the work of branch secretaries and community staff
 * on households, roles and relatives. Every view here carries personal data (phone, room)
 * and is answered only to the roles that need it: staff for everyone, a branch secretary
 * for their building, a unit leader (directory only) for their unit.
 */
import type { BindingStatus, HouseholdAddress, Role, RoleView } from '../domain/community';

export interface CareFlags {
  livesAlone: boolean;
  mobilityLimited: boolean;
  /** May have canteen meals delivered home. */
  deliveryEligible: boolean;
}

/** A resident's name as officers see it: the real name, marked while content review holds it. */
interface OfficerName {
  name: string;
  nameHeld?: 'review' | 'refused';
}

/** A household binding waiting for (or just given) a decision. */
export interface BindingRequestView extends OfficerName {
  residentId: string;
  phone?: string;
  birthYear?: number;
  address: HouseholdAddress;
  /** e.g. "5号楼2单元301". */
  addressLabel: string;
  status: BindingStatus;
  /** ISO instant. */
  requestedAt: string;
  /** Names of the people already verified in that household, to help decide. */
  householdMembers: string[];
  rejectReason?: string;
}

/** One person in the household directory. */
export interface DirectoryEntry extends OfficerName {
  residentId: string;
  phone?: string;
  birthYear?: number;
  bindingStatus: BindingStatus;
  /** The (verified or requested) household; absent for people without one (staff, relatives). */
  address?: HouseholdAddress;
  addressLabel?: string;
  roles: RoleView[];
  /** The same roles as data, for revoking one on the role page. */
  roleList: Role[];
  care: CareFlags;
  /** False for people registered by staff without WeChat. */
  hasWeChat: boolean;
}

/** A relative's pending request, as staff see it. */
export interface RelativeRequestView {
  linkId: string;
  relativeId: string;
  relativeName: string;
  relativePhone?: string;
  /** What the relative typed, e.g. "5号楼1单元102 赵桂兰". */
  requestedLabel: string;
  /** The senior it matched; absent when the household has no verified resident of that name. */
  senior?: { residentId: string; name: string; addressLabel: string; hasWeChat: boolean };
  requestedAt: string;
}

export interface RoleOptions {
  buildings: Array<{ no: number; units: number }>;
  teams: Array<{ id: string; name: string }>;
}

export interface CommunityActions {
  /**
   * Pending bindings, oldest first: a branch secretary sees their building, staff everyone
   * (or one building with `buildingNo`).
   */
  bindingQueue: {
    input: { buildingNo?: number; page?: number };
    output: { items: BindingRequestView[]; hasMore: boolean };
  };
  /**
   * Verify or reject (reason required) a pending binding. Staff for anyone, a branch
   * secretary for their building, never one's own. Exactly one of two deciders wins; the
   * other gets CONFLICT. The resident is told through a push message.
   */
  decideBinding: {
    input: { residentId: string; decision: 'verify' | 'reject'; reason?: string };
    output: BindingRequestView;
  };
  /** Staff: the buildings and volunteer teams a scoped role may name. */
  roleOptions: { input: Record<string, never>; output: RoleOptions };
  /** Staff: give a role. Scopes are checked against the buildings, units and teams that exist. */
  assignRole: { input: { residentId: string; role: Role }; output: DirectoryEntry };
  /** Staff: take a role away. */
  revokeRole: { input: { residentId: string; role: Role }; output: DirectoryEntry };
  /**
   * The household directory, sorted by address, 20 a page: staff everyone, a branch
   * secretary their building, a unit leader their unit. `query` matches a name, a room or
   * phone digits. `includeUnbound` (staff only) adds people without a verified household.
   */
  directory: {
    input: { query?: string; buildingNo?: number; unitNo?: number; includeUnbound?: boolean; page?: number };
    output: { items: DirectoryEntry[]; hasMore: boolean; scopeLabel: string };
  };
  /** Staff: relatives' pending requests, oldest first. */
  relativeQueue: { input: { page?: number }; output: { items: RelativeRequestView[]; hasMore: boolean } };
  /** Staff confirm a request on the senior's behalf; the reason is recorded with who acted. */
  confirmRelativeForSenior: { input: { linkId: string; reason: string }; output: { linkId: string } };
  /** Staff end a link (or decline a request) on the senior's behalf, with a recorded reason. */
  unbindRelativeForSenior: { input: { linkId: string; reason: string }; output: { linkId: string } };
  /** Staff register a senior without WeChat: verified at once, with care flags. */
  addSenior: {
    input: HouseholdAddress & { name: string; phone?: string; birthYear: number; care: CareFlags };
    output: DirectoryEntry;
  };
  /** Staff set a resident's care flags. */
  setCare: { input: { residentId: string } & CareFlags; output: DirectoryEntry };
  /**
   * Whether the community still needs its first staff member. When it does, a one-time
   * code is kept where only the CloudBase console can read it (never in this answer).
   */
  firstStaffStatus: { input: Record<string, never>; output: { needed: boolean } };
  /** A registered user with the one-time code becomes the first staff member (only while there is none). */
  claimFirstStaff: { input: { code: string }; output: { appointed: true } };
  /**
   * Staff: the community register from an uploaded .xlsx (sheets 房屋, 党组织, 志愿服务队).
   * `apply: false` is the dry run; a register with any bad row is never applied.
   */
  importRegister: { input: { fileID: string; apply: boolean }; output: RegisterSummary };
}

export interface RegisterError {
  sheet: string;
  /** The row as Excel numbers it. */
  line: number;
  message: string;
}

export interface RegisterSummary {
  buildings: { total: number; new: number };
  households: { total: number; new: number };
  people: { total: number; new: number };
  teams: { total: number; new: number };
  /** Party posts and team leaders the register names. */
  posts: number;
  errors: RegisterError[];
  applied: boolean;
}
