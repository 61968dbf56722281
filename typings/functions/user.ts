/** Actions of the `user` function: identity, profile, household binding, relatives. */
import type { HouseholdAddress, MeView } from '../domain/community';

/** A building in the 楼栋 picker. */
export interface BuildingOption {
  no: number;
  /** e.g. "5号楼". */
  name: string;
  /** Units are numbered 1..units. */
  units: number;
}

/** A room (household) in the 房间 picker of one unit. */
export interface RoomOption {
  room: string;
  floor: number;
}

export interface UserActions {
  /** First call of every session: who am I, in which household, with which roles. */
  login: { input: Record<string, never>; output: MeView };
  /**
   * Records that the caller agreed to the privacy guide (after the WeChat agreement button
   * or wx.requirePrivacyAuthorize succeeded). Works before registration.
   */
  agreePrivacy: { input: Record<string, never>; output: { privacyAgreed: true } };
  /**
   * Creates the caller's profile, or changes it. Needs the privacy agreement first. The name
   * is screened (profile scene): a risky name is refused; one WeChat wants reviewed is kept
   * but others see a placeholder until staff pass it. `phone`: a mainland mobile number
   * (spaces, dashes and a +86 prefix are accepted). A verified resident cannot change the
   * name here (staff can).
   */
  register: {
    input: { name: string; phone?: string; birthYear?: number };
    output: MeView;
  };
  /**
   * Asks to be bound to a household; pending until the building's branch secretary or
   * staff decide. Allowed while unbound, pending (replaces the request) or rejected; a
   * verified binding is changed only by staff (CONFLICT).
   */
  requestBinding: { input: HouseholdAddress; output: MeView['binding'] };
  /** For the pickers. */
  listBuildings: { input: Record<string, never>; output: BuildingOption[] };
  listRooms: { input: { buildingNo: number; unitNo: number }; output: RoomOption[] };
  /**
   * A relative asks to be bound to a senior, named by the senior's household and name. The
   * answer is the same whether or not such a senior exists; the request shows in the
   * relative's 我的 as they typed it, until the senior (or staff for them) confirms.
   */
  requestRelativeLink: {
    input: HouseholdAddress & { seniorName: string };
    output: { linkId: string; message: string };
  };
  /** The senior confirms or declines a pending request. */
  respondRelativeLink: { input: { linkId: string; accept: boolean }; output: MeView };
  /** Either side ends a link (the relative may also withdraw a pending request). */
  unbindRelative: { input: { linkId: string }; output: MeView };
}
