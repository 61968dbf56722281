/** Pure rules of households, roles and relatives. */
import { normalizeMobile } from '../../cloudfunctions/shared/domain/phone';
import {
  HELD_NAME,
  NAME_PATTERN,
  REFUSED_NAME,
  normalizeName,
  officerName,
  publicName,
} from '../../cloudfunctions/shared/domain/residents';
import {
  directoryAreas,
  directoryScope,
  mayDecideBinding,
  roleAssignmentProblem,
  roleRevocationProblem,
  sameRole,
  type RoleHolder,
  type RoleWorld,
} from '../../cloudfunctions/shared/domain/roles';
import { relativeLinkId } from '../../cloudfunctions/user/relatives';
import type { Role } from '../../typings/domain/community';

describe('normalizeMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['（138）00138000', '13800138000'],
    ['19912345678', '19912345678'],
  ])('accepts %s as %s', (input, phone) => {
    expect(normalizeMobile(input)).toBe(phone);
  });

  it.each([
    ['', 'empty'],
    ['1380013800', '10 digits'],
    ['138001380001', '12 digits'],
    ['12800138000', 'second digit 2'],
    ['23800138000', 'not starting with 1'],
    ['0431-85551234', 'a landline'],
    ['1380013800a', 'a letter'],
    ['+1 13800138000', 'another country'],
  ])('refuses %s (%s)', (input) => {
    expect(normalizeMobile(input)).toBeNull();
  });
});

describe('names', () => {
  it('writes a name one way, so a relative finds the senior', () => {
    expect(normalizeName('  王  秀英 ')).toBe('王秀英');
    expect(normalizeName('阿依古丽·买买提')).toBe('阿依古丽·买买提');
    expect(normalizeName(' Anna   Lee ')).toBe('Anna Lee');
  });

  it.each(['王秀英', '阿依古丽·买买提', 'Anna Lee'])('accepts %s', (name) => {
    expect(NAME_PATTERN.test(name)).toBe(true);
  });

  it.each(['王1', '<b>王</b>', '王_秀英', '', ' 王'])('refuses %p', (name) => {
    expect(NAME_PATTERN.test(name)).toBe(false);
  });

  it('shows a held name only to the person and officers', () => {
    const held = { name: '待复核', moderation: { state: 'review' as const, flags: 0 } };
    expect(publicName(held)).toBe(HELD_NAME);
    expect(officerName(held)).toEqual({ name: '待复核', nameHeld: 'review' });
    const refused = { name: '某名', moderation: { state: 'rejected' as const, flags: 0 } };
    expect(publicName(refused)).toBe(REFUSED_NAME);
    expect(officerName(refused)).toEqual({ name: '某名', nameHeld: 'refused' });
    expect(publicName({ name: '王秀英' })).toBe('王秀英');
    expect(publicName({ name: '王秀英', moderation: { state: 'pass', flags: 0 } })).toBe('王秀英');
  });
});

function person(id: string, roles: Role[], address?: { buildingNo: number; unitNo: number; room: string }): RoleHolder {
  return { _id: id, roles, binding: address ? { status: 'verified', address } : { status: 'none' } };
}

const staff = person('staff', [{ kind: 'staff' }]);
const secretary5 = person('sec5', [{ kind: 'party_member' }, { kind: 'branch_secretary', buildingNo: 5 }], {
  buildingNo: 5,
  unitNo: 1,
  room: '401',
});
const secretary3 = person('sec3', [{ kind: 'party_member' }, { kind: 'branch_secretary', buildingNo: 3 }], {
  buildingNo: 3,
  unitNo: 1,
  room: '302',
});
const leader52 = person('lead', [{ kind: 'unit_leader', buildingNo: 5, unitNo: 2 }], {
  buildingNo: 5,
  unitNo: 2,
  room: '101',
});
const resident = person('res', [], { buildingNo: 5, unitNo: 2, room: '301' });

describe('who may decide a binding', () => {
  const applicant: RoleHolder = {
    _id: 'new',
    roles: [],
    binding: { status: 'pending', address: { buildingNo: 5, unitNo: 4, room: '603' } },
  };

  it('staff anyone, a secretary their building only, nobody else', () => {
    expect(mayDecideBinding(staff, applicant)).toBe(true);
    expect(mayDecideBinding(secretary5, applicant)).toBe(true);
    expect(mayDecideBinding(secretary3, applicant)).toBe(false);
    expect(mayDecideBinding(leader52, applicant)).toBe(false);
    expect(mayDecideBinding(resident, applicant)).toBe(false);
  });

  it('nobody decides their own, staff included', () => {
    const ownStaff = {
      ...staff,
      binding: { status: 'pending' as const, address: { buildingNo: 5, unitNo: 1, room: '1' } },
    };
    expect(mayDecideBinding(ownStaff, ownStaff)).toBe(false);
    expect(mayDecideBinding(secretary5, { ...secretary5, binding: { ...secretary5.binding, status: 'pending' } })).toBe(
      false,
    );
  });

  it('a request without an address is staff’s', () => {
    const none: RoleHolder = { _id: 'x', roles: [], binding: { status: 'pending' } };
    expect(mayDecideBinding(secretary5, none)).toBe(false);
    expect(mayDecideBinding(staff, none)).toBe(true);
  });
});

describe('directory scope', () => {
  it('staff all, a secretary their building, a unit leader their unit, others nothing', () => {
    expect(directoryScope(staff.roles)).toBe('all');
    expect(directoryScope(secretary5.roles)).toEqual([{ buildingNo: 5 }]);
    expect(directoryScope(leader52.roles)).toEqual([{ buildingNo: 5, unitNo: 2 }]);
    expect(directoryScope(resident.roles)).toEqual([]);
    expect(directoryScope([{ kind: 'canteen_staff' }, { kind: 'party_member' }])).toEqual([]);
  });

  it('drops a unit inside a building already covered', () => {
    expect(
      directoryScope([
        { kind: 'unit_leader', buildingNo: 5, unitNo: 2 },
        { kind: 'branch_secretary', buildingNo: 5 },
        { kind: 'unit_leader', buildingNo: 6, unitNo: 1 },
      ]),
    ).toEqual([{ buildingNo: 5 }, { buildingNo: 6, unitNo: 1 }]);
  });

  it('narrows a request to the scope, or refuses it', () => {
    expect(directoryAreas('all', undefined)).toBe('all');
    expect(directoryAreas('all', { buildingNo: 7 })).toEqual([{ buildingNo: 7 }]);
    expect(directoryAreas([{ buildingNo: 5 }], undefined)).toEqual([{ buildingNo: 5 }]);
    expect(directoryAreas([{ buildingNo: 5 }], { buildingNo: 5, unitNo: 3 })).toEqual([{ buildingNo: 5, unitNo: 3 }]);
    expect(directoryAreas([{ buildingNo: 5 }], { buildingNo: 3 })).toBeNull();
    expect(directoryAreas([{ buildingNo: 5, unitNo: 2 }], { buildingNo: 5 })).toEqual([{ buildingNo: 5, unitNo: 2 }]);
    expect(directoryAreas([{ buildingNo: 5, unitNo: 2 }], { buildingNo: 5, unitNo: 3 })).toBeNull();
    expect(directoryAreas([], undefined)).toBeNull();
  });
});

describe('role assignment', () => {
  const world: RoleWorld = {
    buildings: new Map([
      [3, 4],
      [5, 4],
    ]),
    teamIds: new Set(['team01']),
  };

  it('compares roles with their scope', () => {
    expect(sameRole({ kind: 'branch_secretary', buildingNo: 5 }, { kind: 'branch_secretary', buildingNo: 5 })).toBe(
      true,
    );
    expect(sameRole({ kind: 'branch_secretary', buildingNo: 5 }, { kind: 'branch_secretary', buildingNo: 3 })).toBe(
      false,
    );
    expect(sameRole({ kind: 'volunteer', teamId: 'a' }, { kind: 'team_leader', teamId: 'a' })).toBe(false);
    expect(sameRole({ kind: 'staff' }, { kind: 'staff' })).toBe(true);
  });

  it.each<[string, Role, RoleHolder, string | null]>([
    ['a party member', { kind: 'party_member' }, resident, null],
    ['a unit leader of their own unit', { kind: 'unit_leader', buildingNo: 5, unitNo: 2 }, resident, null],
    ['a unit leader of another unit', { kind: 'unit_leader', buildingNo: 5, unitNo: 3 }, resident, 'CONFLICT'],
    ['a unit of a building that lacks it', { kind: 'unit_leader', buildingNo: 5, unitNo: 9 }, resident, 'NOT_FOUND'],
    ['a building that does not exist', { kind: 'branch_secretary', buildingNo: 12 }, secretary5, 'NOT_FOUND'],
    ['a secretary who is not a Party member', { kind: 'branch_secretary', buildingNo: 5 }, resident, 'CONFLICT'],
    ['a secretary of another building', { kind: 'branch_secretary', buildingNo: 3 }, secretary5, null],
    ['a role already held', { kind: 'party_member' }, secretary5, 'CONFLICT'],
    ['a team that does not exist', { kind: 'volunteer', teamId: 'team99' }, resident, 'NOT_FOUND'],
    ['staff for someone without a household', { kind: 'staff' }, person('x', []), null],
    ['Party membership without a household', { kind: 'party_member' }, person('x', []), 'CONFLICT'],
    ['a team leader without a household', { kind: 'team_leader', teamId: 'team01' }, person('x', []), null],
  ])('%s', (_label, role, target, code) => {
    expect(roleAssignmentProblem(role, target, world)?.code ?? null).toBe(code);
  });

  it('revokes only what is held, keeps membership under a secretary role, never one’s own staff role', () => {
    expect(roleRevocationProblem({ kind: 'staff' }, resident, 'staff')?.code).toBe('NOT_FOUND');
    expect(roleRevocationProblem({ kind: 'party_member' }, secretary5, 'staff')?.code).toBe('CONFLICT');
    expect(roleRevocationProblem({ kind: 'branch_secretary', buildingNo: 5 }, secretary5, 'staff')).toBeNull();
    expect(roleRevocationProblem({ kind: 'staff' }, staff, 'staff')?.code).toBe('CONFLICT');
    expect(roleRevocationProblem({ kind: 'staff' }, staff, 'other-staff')).toBeNull();
  });
});

describe('relative link ids', () => {
  it('are the same for the same typed request and differ otherwise', () => {
    const typed = { buildingNo: 5, unitNo: 1, room: '102', name: '赵桂兰' };
    expect(relativeLinkId('r1', typed)).toBe(relativeLinkId('r1', { ...typed }));
    expect(relativeLinkId('r1', typed)).not.toBe(relativeLinkId('r2', typed));
    expect(relativeLinkId('r1', typed)).not.toBe(relativeLinkId('r1', { ...typed, room: '103' }));
    expect(relativeLinkId('r1', typed)).toMatch(/^rl-[0-9a-f]{24}$/);
  });
});
