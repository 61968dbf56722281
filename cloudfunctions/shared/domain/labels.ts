/** Chinese labels for the community's structure, used in every view. */
import type { HouseholdAddress, Role, RoleView } from '../../../typings/domain/community';

export function buildingLabel(buildingNo: number): string {
  return `${buildingNo}号楼`;
}

export function addressLabel(address: HouseholdAddress): string {
  return `${address.buildingNo}号楼${address.unitNo}单元${address.room}`;
}

/** `teamNames` resolves volunteer team ids; an unknown id falls back to a generic label. */
export function roleLabel(role: Role, teamNames: ReadonlyMap<string, string> = new Map()): string {
  switch (role.kind) {
    case 'party_member':
      return '党员';
    case 'unit_leader':
      return `${role.buildingNo}号楼${role.unitNo}单元单元长`;
    case 'branch_secretary':
      return `${role.buildingNo}号楼党支部书记`;
    case 'staff':
      return '社区工作人员';
    case 'canteen_staff':
      return '食堂工作人员';
    case 'team_leader':
      return `${teamNames.get(role.teamId) ?? '志愿服务队'}队长`;
    case 'volunteer':
      return `${teamNames.get(role.teamId) ?? '志愿服务队'}志愿者`;
    case 'bank_staff':
      return '金融服务站工作人员';
    case 'director':
      return '社区主任';
  }
}

export function roleViews(roles: readonly Role[], teamNames?: ReadonlyMap<string, string>): RoleView[] {
  return roles.map((role) => ({ kind: role.kind, label: roleLabel(role, teamNames) }));
}
