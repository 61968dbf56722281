import { addressLabel, buildingLabel, roleLabel, roleViews } from '../../cloudfunctions/shared/domain/labels';
import { maskPhone } from '../../cloudfunctions/shared/domain/privacy';

describe('labels', () => {
  it('names buildings and addresses the way residents say them', () => {
    expect(buildingLabel(5)).toBe('5号楼');
    expect(addressLabel({ buildingNo: 12, unitNo: 3, room: '702' })).toBe('12号楼3单元702');
  });

  it('labels every role of the four-level network with its scope', () => {
    const teams = new Map([['team01', '环境美化志愿服务队']]);
    expect(roleLabel({ kind: 'branch_secretary', buildingNo: 5 })).toBe('5号楼党支部书记');
    expect(roleLabel({ kind: 'unit_leader', buildingNo: 5, unitNo: 2 })).toBe('5号楼2单元单元长');
    expect(roleLabel({ kind: 'team_leader', teamId: 'team01' }, teams)).toBe('环境美化志愿服务队队长');
    expect(roleLabel({ kind: 'volunteer', teamId: 'unknown' }, teams)).toBe('志愿服务队志愿者');
    expect(roleViews([{ kind: 'party_member' }, { kind: 'staff' }, { kind: 'canteen_staff' }])).toEqual([
      { kind: 'party_member', label: '党员' },
      { kind: 'staff', label: '社区工作人员' },
      { kind: 'canteen_staff', label: '食堂工作人员' },
    ]);
  });
});

describe('maskPhone', () => {
  it('keeps only the first three and last four digits', () => {
    expect(maskPhone('17600000123')).toBe('176****0123');
  });
  it('hides short values completely', () => {
    expect(maskPhone('12345')).toBe('*****');
  });
});
