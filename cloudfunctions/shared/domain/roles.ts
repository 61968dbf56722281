/**
 * Rules of the four-level network as plain functions: who may decide a binding, which part
 * of the directory a role may read, and what a role assignment or revocation must satisfy.
 * Handlers load the data; these decide.
 */
import type { ErrorCode } from '../../../typings/errors';
import type { BindingStatus, HouseholdAddress, Role } from '../../../typings/domain/community';

/** The part of a person the rules look at. */
export interface RoleHolder {
  _id: string;
  roles: readonly Role[];
  binding: { status: BindingStatus; address?: HouseholdAddress };
}

export function sameRole(a: Role, b: Role): boolean {
  switch (a.kind) {
    case 'unit_leader':
      return b.kind === a.kind && b.buildingNo === a.buildingNo && b.unitNo === a.unitNo;
    case 'branch_secretary':
      return b.kind === a.kind && b.buildingNo === a.buildingNo;
    case 'team_leader':
    case 'volunteer':
      return b.kind === a.kind && b.teamId === a.teamId;
    default:
      return b.kind === a.kind;
  }
}

export function holds(roles: readonly Role[], role: Role): boolean {
  return roles.some((held) => sameRole(held, role));
}

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'staff');
}

export function secretaryBuildings(roles: readonly Role[]): number[] {
  return roles.flatMap((role) => (role.kind === 'branch_secretary' ? [role.buildingNo] : []));
}

/**
 * Staff decide any binding; a branch secretary those of their building; nobody their own
 * (a secretary's own request goes to staff).
 */
export function mayDecideBinding(decider: Pick<RoleHolder, '_id' | 'roles'>, target: RoleHolder): boolean {
  if (decider._id === target._id) return false;
  if (isStaff(decider.roles)) return true;
  const buildingNo = target.binding.address?.buildingNo;
  return buildingNo !== undefined && secretaryBuildings(decider.roles).includes(buildingNo);
}

/** A building, or one unit of it. */
export interface Area {
  buildingNo: number;
  unitNo?: number;
}

/**
 * What of the directory a person may read: staff everything, a branch secretary their
 * building, a unit leader their unit; everyone else nothing (an empty list).
 */
export function directoryScope(roles: readonly Role[]): 'all' | Area[] {
  if (isStaff(roles)) return 'all';
  const areas: Area[] = [];
  for (const role of roles) {
    if (role.kind === 'branch_secretary') areas.push({ buildingNo: role.buildingNo });
    if (role.kind === 'unit_leader') areas.push({ buildingNo: role.buildingNo, unitNo: role.unitNo });
  }
  // A unit inside a building already covered adds nothing.
  return areas.filter(
    (area) =>
      area.unitNo === undefined ||
      !areas.some((other) => other.unitNo === undefined && other.buildingNo === area.buildingNo),
  );
}

/**
 * The areas to list for a request within a scope: `'all'` (no filter), the areas, or null
 * when the request reaches outside the scope (FORBIDDEN).
 */
export function directoryAreas(scope: 'all' | Area[], request: Area | undefined): 'all' | Area[] | null {
  if (scope === 'all') return request ? [request] : 'all';
  if (!scope.length) return null;
  if (!request) return scope;
  const inside = scope.flatMap((area): Area[] => {
    if (area.buildingNo !== request.buildingNo) return [];
    if (area.unitNo === undefined) return [request];
    if (request.unitNo === undefined || request.unitNo === area.unitNo) return [area];
    return [];
  });
  return inside.length ? inside : null;
}

/** Everything the rules need to know about the community's structure. */
export interface RoleWorld {
  /** Units per building, by building number. */
  buildings: ReadonlyMap<number, number>;
  teamIds: ReadonlySet<string>;
}

export interface RuleProblem {
  code: ErrorCode;
  message: string;
}

/** Roles of the Party network, held by verified residents only. */
const RESIDENT_ROLES: readonly Role['kind'][] = ['party_member', 'unit_leader', 'branch_secretary'];

/** Why `role` cannot be given to `target`, or null when it can. */
export function roleAssignmentProblem(role: Role, target: RoleHolder, world: RoleWorld): RuleProblem | null {
  if ('buildingNo' in role) {
    const units = world.buildings.get(role.buildingNo);
    if (units === undefined) return { code: 'NOT_FOUND', message: `没有${role.buildingNo}号楼` };
    if (role.kind === 'unit_leader' && (role.unitNo < 1 || role.unitNo > units)) {
      return { code: 'NOT_FOUND', message: `${role.buildingNo}号楼没有${role.unitNo}单元` };
    }
  }
  if ('teamId' in role && !world.teamIds.has(role.teamId)) {
    return { code: 'NOT_FOUND', message: '没有这个志愿服务队' };
  }
  if (holds(target.roles, role)) return { code: 'CONFLICT', message: '该居民已有这个身份' };
  if (RESIDENT_ROLES.includes(role.kind) && target.binding.status !== 'verified') {
    return { code: 'CONFLICT', message: '该居民的住址尚未认证，认证后才能担任' };
  }
  if (role.kind === 'unit_leader') {
    const home = target.binding.address;
    if (home?.buildingNo !== role.buildingNo || home.unitNo !== role.unitNo) {
      return { code: 'CONFLICT', message: '单元长须是本单元的住户' };
    }
  }
  if (role.kind === 'branch_secretary' && !target.roles.some((held) => held.kind === 'party_member')) {
    return { code: 'CONFLICT', message: '党支部书记须是党员，请先登记党员身份' };
  }
  return serviceRoleProblem(role, target);
}

/**
 * The service window's roles: bank staff work for the bank, not the community, so they
 * never also hold community staff rights (the directory, bindings) nor direct it.
 */
function serviceRoleProblem(role: Role, target: RoleHolder): RuleProblem | null {
  const has = (kind: Role['kind']) => target.roles.some((held) => held.kind === kind);
  if (role.kind === 'bank_staff' && (has('staff') || has('director'))) {
    return { code: 'CONFLICT', message: '社区工作人员和社区主任不能同时担任金融服务站工作人员' };
  }
  if (role.kind === 'staff' && has('bank_staff')) {
    return { code: 'CONFLICT', message: '金融服务站工作人员不能同时担任社区工作人员，请先撤销' };
  }
  if (role.kind === 'director' && has('bank_staff')) {
    return { code: 'CONFLICT', message: '金融服务站工作人员不能担任社区主任' };
  }
  return null;
}

export function isBankStaff(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'bank_staff');
}

export function isDirector(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'director');
}

/** Why `role` cannot be taken from `target` by `actorId`, or null when it can. */
export function roleRevocationProblem(role: Role, target: RoleHolder, actorId: string): RuleProblem | null {
  if (!holds(target.roles, role)) return { code: 'NOT_FOUND', message: '该居民没有这个身份' };
  if (role.kind === 'party_member' && target.roles.some((held) => held.kind === 'branch_secretary')) {
    return { code: 'CONFLICT', message: '请先撤销党支部书记身份' };
  }
  if (role.kind === 'staff' && target._id === actorId) {
    return { code: 'CONFLICT', message: '不能撤销自己的社区工作人员身份，请由其他工作人员操作' };
  }
  return null;
}
