/**
 * Every collection the functions use, with the indexes their queries need. The one place
 * that declares them: the local stand-in creates them from here (it is strict like the
 * real service), and `npm run collections` prints them for a real environment's console.
 */
export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionSpec {
  /** Why it exists, for the deployment listing. */
  purpose: string;
  indexes: IndexSpec[];
}

export const COLLECTIONS = {
  buildings: { purpose: '楼栋与单元', indexes: [{ name: 'no', keys: { no: 1 }, unique: true }] },
  households: {
    purpose: '住户（房间）',
    indexes: [{ name: 'building_unit', keys: { buildingNo: 1, unitNo: 1 } }],
  },
  residents: {
    purpose: '居民（含无智能手机的老人）',
    indexes: [
      { name: 'openid', keys: { openid: 1 } },
      { name: 'household', keys: { householdId: 1 } },
      { name: 'binding_status', keys: { 'binding.status': 1, 'binding.address.buildingNo': 1 } },
    ],
  },
  relative_links: {
    purpose: '亲属与老人的绑定',
    indexes: [
      { name: 'senior', keys: { seniorId: 1 } },
      { name: 'relative', keys: { relativeId: 1 } },
    ],
  },
  volunteer_teams: { purpose: '志愿服务队', indexes: [] },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
