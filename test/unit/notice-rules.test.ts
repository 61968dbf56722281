/** Pure rules of notices: audience keys, who may publish / see receipts, labels, expiry, feed order. */
import type { Role } from '../../typings/domain/community';
import type { NoticeScope } from '../../typings/domain/notice';
import {
  audienceKeys,
  canPublish,
  canTarget,
  compareFeed,
  excerpt,
  expiryInstant,
  expiryProblem,
  intersect,
  isExpired,
  planImages,
  publisherLabel,
  publishRegion,
  reaches,
  readerKeys,
  receiptRegion,
  regionLabel,
  scopeExists,
  regionOfScope,
  scopeLabel,
  union,
  within,
} from '../../cloudfunctions/notice/rules';

const secretary5: Role[] = [{ kind: 'party_member' }, { kind: 'branch_secretary', buildingNo: 5 }];
const secretary3: Role[] = [{ kind: 'party_member' }, { kind: 'branch_secretary', buildingNo: 3 }];
const leader52: Role[] = [{ kind: 'party_member' }, { kind: 'unit_leader', buildingNo: 5, unitNo: 2 }];
const staff: Role[] = [{ kind: 'staff' }];
const canteen: Role[] = [{ kind: 'canteen_staff' }];

const community: NoticeScope = { kind: 'community' };
const building5: NoticeScope = { kind: 'buildings', buildingNos: [5] };
const buildings35: NoticeScope = { kind: 'buildings', buildingNos: [5, 3] };
const units5: NoticeScope = { kind: 'units', buildingNo: 5, unitNos: [3, 1] };

describe('audience keys', () => {
  it('stores one key per community / building / unit in scope', () => {
    expect(audienceKeys(community)).toEqual(['c']);
    expect(audienceKeys(buildings35)).toEqual(['b3', 'b5']);
    expect(audienceKeys(units5)).toEqual(['b5u1', 'b5u3']);
  });

  it('gives a household its community, building and unit keys; no household: community only', () => {
    expect(readerKeys({ buildingNo: 5, unitNo: 2 })).toEqual(['c', 'b5', 'b5u2']);
    expect(readerKeys(undefined)).toEqual(['c']);
  });

  it('matches exactly the households in scope', () => {
    const resident52 = readerKeys({ buildingNo: 5, unitNo: 2 });
    const resident51 = readerKeys({ buildingNo: 5, unitNo: 1 });
    const resident31 = readerKeys({ buildingNo: 3, unitNo: 1 });
    expect(reaches(audienceKeys(building5), resident52)).toBe(true);
    expect(reaches(audienceKeys(building5), resident31)).toBe(false);
    expect(reaches(audienceKeys(units5), resident51)).toBe(true);
    expect(reaches(audienceKeys(units5), resident52)).toBe(false);
    expect(reaches(audienceKeys(community), readerKeys(undefined))).toBe(true);
    expect(reaches(audienceKeys(building5), readerKeys(undefined))).toBe(false);
  });
});

describe('regions', () => {
  it('normalises scopes, intersects and unites them', () => {
    expect(regionOfScope(units5)).toEqual([{ buildingNo: 5, unitNos: [1, 3] }]);
    expect(intersect(regionOfScope(buildings35), [{ buildingNo: 5, unitNos: [2] }])).toEqual([
      { buildingNo: 5, unitNos: [2] },
    ]);
    expect(intersect(regionOfScope(units5), [{ buildingNo: 5, unitNos: [2] }])).toEqual([]);
    expect(intersect('community', [{ buildingNo: 3 }])).toEqual([{ buildingNo: 3 }]);
    expect(union([{ buildingNo: 5, unitNos: [2] }], [{ buildingNo: 5 }])).toEqual([{ buildingNo: 5 }]);
    expect(union([{ buildingNo: 5, unitNos: [2] }], [{ buildingNo: 5, unitNos: [1] }])).toEqual([
      { buildingNo: 5, unitNos: [1, 2] },
    ]);
    expect(within(regionOfScope(units5), [{ buildingNo: 5 }])).toBe(true);
    expect(within([{ buildingNo: 5 }], regionOfScope(units5))).toBe(false);
    expect(within('community', [{ buildingNo: 5 }])).toBe(false);
  });

  it('knows whether a scope names only buildings and units that exist', () => {
    const present = [1, 2, 3, 4].flatMap((unitNo) => [
      { buildingNo: 3, unitNo },
      { buildingNo: 5, unitNo },
    ]);
    expect(scopeExists(buildings35, present)).toBe(true);
    expect(scopeExists(units5, present)).toBe(true);
    expect(scopeExists({ kind: 'buildings', buildingNos: [5, 99] }, present)).toBe(false);
    expect(scopeExists({ kind: 'units', buildingNo: 5, unitNos: [4, 5] }, present)).toBe(false);
    expect(scopeExists(community, present)).toBe(true);
    expect(scopeExists(community, [])).toBe(false);
  });

  it('labels scopes in plain words', () => {
    expect(scopeLabel(community)).toBe('全社区');
    expect(scopeLabel(buildings35)).toBe('3号楼、5号楼');
    expect(scopeLabel(units5)).toBe('5号楼 1、3单元');
    expect(regionLabel([])).toBe('无');
  });
});

describe('who may publish where', () => {
  it('lets a branch secretary publish to their own building or units of it only', () => {
    expect(canTarget(secretary5, building5)).toBe(true);
    expect(canTarget(secretary5, units5)).toBe(true);
    expect(canTarget(secretary5, buildings35)).toBe(false);
    expect(canTarget(secretary5, community)).toBe(false);
    expect(canTarget(secretary3, building5)).toBe(false);
    expect(canTarget(secretary3, { kind: 'units', buildingNo: 5, unitNos: [1] })).toBe(false);
  });

  it('lets staff publish anywhere', () => {
    for (const scope of [community, building5, buildings35, units5]) expect(canTarget(staff, scope)).toBe(true);
  });

  it('lets nobody else publish', () => {
    for (const roles of [leader52, canteen, [{ kind: 'party_member' }] as Role[], []]) {
      expect(canPublish(roles)).toBe(false);
      expect(canTarget(roles, building5)).toBe(false);
    }
    expect(publishRegion(secretary5)).toEqual([{ buildingNo: 5 }]);
    expect(publishRegion(staff)).toBe('community');
  });

  it('signs a notice by the branch when it stays in the building, else by the committee', () => {
    expect(publisherLabel(secretary5, units5)).toBe('5号楼党支部');
    expect(publisherLabel(staff, building5)).toBe('社区居委会');
    expect(publisherLabel([...staff, ...secretary5], building5)).toBe('5号楼党支部');
    expect(publisherLabel([...staff, ...secretary5], community)).toBe('社区居委会');
  });
});

describe('whose receipts a viewer sees', () => {
  it('gives staff and the author the whole scope', () => {
    expect(receiptRegion(staff, community, false)).toBe('community');
    expect(receiptRegion(secretary5, units5, true)).toEqual([{ buildingNo: 5, unitNos: [1, 3] }]);
  });

  it('gives a secretary their building’s part and a unit leader their unit’s part', () => {
    expect(receiptRegion(secretary5, community, false)).toEqual([{ buildingNo: 5 }]);
    expect(receiptRegion(secretary5, buildings35, false)).toEqual([{ buildingNo: 5 }]);
    expect(receiptRegion(leader52, building5, false)).toEqual([{ buildingNo: 5, unitNos: [2] }]);
  });

  it('gives nothing outside what they look after', () => {
    expect(receiptRegion(secretary3, building5, false)).toBeNull();
    expect(receiptRegion(leader52, units5, false)).toBeNull();
    expect(receiptRegion(canteen, community, false)).toBeNull();
    expect(receiptRegion([{ kind: 'party_member' }], building5, false)).toBeNull();
  });
});

describe('expiry on the community’s clock', () => {
  it('shows a notice through the whole of its last day in Shanghai', () => {
    // 2026-11-30 ends at 2026-11-30T16:00:00Z.
    expect(expiryInstant('2026-11-30').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    const at = expiryInstant('2026-11-30');
    expect(isExpired(at, new Date('2026-11-30T15:59:59.999Z'))).toBe(false);
    expect(isExpired(at, new Date('2026-11-30T16:00:00.000Z'))).toBe(true);
    expect(isExpired(null, new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });

  it('accepts today (Shanghai) and up to a year ahead; refuses the past and impossible dates', () => {
    // 01:30 on 26 Nov in Shanghai is still 25 Nov in UTC.
    const now = new Date('2026-11-25T17:30:00Z');
    expect(expiryProblem('2026-11-26', now)).toBeUndefined();
    expect(expiryProblem('2026-11-25', now)).toBe('有效期不能早于今天');
    expect(expiryProblem('2027-11-27', now)).toBeUndefined();
    expect(expiryProblem('2027-11-28', now)).toBe('有效期最长一年');
    expect(expiryProblem('2026-02-30', now)).toBe('有效期日期不正确');
    expect(expiryProblem('26-11-30', now)).toBe('有效期日期不正确');
  });
});

describe('feed order', () => {
  it('puts pinned notices first, then the newest', () => {
    const at = (iso: string) => new Date(iso);
    const notices = [
      { _id: 'a', pinned: false, publishedAt: at('2026-11-20T01:00:00Z') },
      { _id: 'b', pinned: true, publishedAt: at('2026-11-01T01:00:00Z') },
      { _id: 'c', pinned: false, publishedAt: at('2026-11-25T01:00:00Z') },
      { _id: 'd', pinned: true, publishedAt: at('2026-11-10T01:00:00Z') },
      { _id: 'e', pinned: false, publishedAt: at('2026-11-25T01:00:00Z') },
    ];
    expect([...notices].sort(compareFeed).map((n) => n._id)).toEqual(['d', 'b', 'e', 'c', 'a']);
  });

  it('shortens bodies to one line for lists', () => {
    expect(excerpt('第一行\n第二行')).toBe('第一行 第二行');
    expect(excerpt('停'.repeat(61))).toBe(`${'停'.repeat(60)}…`);
  });
});

describe('images across an edit', () => {
  it('keeps verdicts, checks new images and pending ones that moved', () => {
    const previous = [
      { fileID: 'a', state: 'pass' as const },
      { fileID: 'b', state: 'pending' as const },
      { fileID: 'c', state: 'risky' as const },
      { fileID: 'd', state: 'pending' as const },
    ];
    expect(planImages(previous, ['a', 'b', 'd', 'e'])).toEqual({
      images: [
        { fileID: 'a', state: 'pass' },
        { fileID: 'b', state: 'pending' },
        { fileID: 'd', state: 'pending' },
        { fileID: 'e', state: 'pending' },
      ],
      // b stayed at 1 (its verdict is on its way); d moved from 3 to 2; e is new.
      check: [
        { fileID: 'd', index: 2 },
        { fileID: 'e', index: 3 },
      ],
    });
    expect(planImages(previous, ['c']).images).toEqual([{ fileID: 'c', state: 'risky' }]);
    expect(planImages(previous, [])).toEqual({ images: [], check: [] });
  });
});
