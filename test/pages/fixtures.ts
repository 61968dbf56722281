/** MeView fixtures shaped exactly like the contract (typings/domain/community.ts). */
import type { MeView } from '../../typings/domain/community';

export function meView(overrides: Partial<MeView> = {}): MeView {
  return {
    registered: true,
    privacyAgreed: true,
    profile: { residentId: 'res-zhang', name: '张桂兰', phoneMasked: '138****0001' },
    binding: {
      status: 'verified',
      address: { buildingNo: 5, unitNo: 2, room: '301' },
      addressLabel: '5号楼2单元301',
    },
    roles: [
      { kind: 'party_member', label: '党员' },
      { kind: 'branch_secretary', label: '5号楼党支部书记' },
    ],
    seniors: [{ residentId: 'res-wang', name: '王秀英', buildingLabel: '3号楼', status: 'confirmed' }],
    relatives: [{ residentId: 'res-li', name: '李明', status: 'pending' }],
    ...overrides,
  };
}

export function unregisteredMeView(): MeView {
  return {
    registered: false,
    privacyAgreed: false,
    binding: { status: 'none' },
    roles: [],
    seniors: [],
    relatives: [],
  };
}
