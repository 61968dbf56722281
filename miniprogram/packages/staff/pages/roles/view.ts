/** The role form: which kind, and the building / unit / team a scoped kind needs. */
import type { Role, RoleKind } from '../../../../../typings/domain/community';

export interface KindOption {
  kind: RoleKind;
  text: string;
  scope: 'none' | 'building' | 'unit' | 'team';
}

export const KIND_OPTIONS: KindOption[] = [
  { kind: 'party_member', text: '党员', scope: 'none' },
  { kind: 'unit_leader', text: '单元长', scope: 'unit' },
  { kind: 'branch_secretary', text: '楼栋党支部书记', scope: 'building' },
  { kind: 'staff', text: '社区工作人员', scope: 'none' },
  { kind: 'canteen_staff', text: '食堂工作人员', scope: 'none' },
  { kind: 'team_leader', text: '志愿服务队队长', scope: 'team' },
  { kind: 'volunteer', text: '志愿者', scope: 'team' },
  { kind: 'bank_staff', text: '金融服务站工作人员', scope: 'none' },
  { kind: 'director', text: '社区主任', scope: 'none' },
];

export interface RoleChoice {
  kind: RoleKind | '';
  buildingNo: number | null;
  unitNo: number | null;
  teamId: string;
}

export const EMPTY_CHOICE: RoleChoice = { kind: '', buildingNo: null, unitNo: null, teamId: '' };

export function scopeOf(kind: RoleKind | ''): KindOption['scope'] {
  return KIND_OPTIONS.find((option) => option.kind === kind)?.scope ?? 'none';
}

/** The role the form describes, or null while something is missing. */
export function roleOf(choice: RoleChoice): Role | null {
  switch (choice.kind) {
    case '':
      return null;
    case 'unit_leader':
      return choice.buildingNo && choice.unitNo
        ? { kind: 'unit_leader', buildingNo: choice.buildingNo, unitNo: choice.unitNo }
        : null;
    case 'branch_secretary':
      return choice.buildingNo ? { kind: 'branch_secretary', buildingNo: choice.buildingNo } : null;
    case 'team_leader':
    case 'volunteer':
      return choice.teamId ? { kind: choice.kind, teamId: choice.teamId } : null;
    default:
      return { kind: choice.kind };
  }
}
