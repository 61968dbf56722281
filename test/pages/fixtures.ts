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
    seniors: [
      {
        linkId: 'link-wang',
        residentId: 'res-wang',
        name: '王秀英',
        buildingLabel: '3号楼',
        status: 'confirmed',
        requestedAt: '2026-01-05T01:00:00.000Z',
      },
    ],
    relatives: [
      {
        linkId: 'link-li',
        residentId: 'res-li',
        name: '李明',
        status: 'pending',
        phoneMasked: '139****0002',
        requestedAt: '2026-01-06T01:00:00.000Z',
      },
    ],
    unreadMessages: 0,
    ...overrides,
  };
}

export function unregisteredMeView(privacyAgreed = false): MeView {
  return {
    registered: false,
    privacyAgreed,
    binding: { status: 'none' },
    roles: [],
    seniors: [],
    relatives: [],
    unreadMessages: 0,
  };
}
