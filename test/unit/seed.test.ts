import { BUILDINGS, DEMO, buildDemoCommunity } from '../../local/seed/community';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';

/** The instant the demo community is generated around in these tests. */
const NOW = new Date('2026-11-26T02:00:00.000Z');

describe('demo community', () => {
  const { data, demoUsers } = buildDemoCommunity(NOW);
  const residents = data.residents as ResidentDoc[];

  it('is the same on every build', () => {
    expect(JSON.stringify(buildDemoCommunity(NOW).data)).toBe(JSON.stringify(data));
  });

  it('has a branch secretary for every building and a unit leader for every unit', () => {
    const secretaries = residents.flatMap((r) => r.roles.filter((role) => role.kind === 'branch_secretary'));
    expect(new Set(secretaries.map((role) => 'buildingNo' in role && role.buildingNo)).size).toBe(BUILDINGS);
    const leaders = residents.flatMap((r) => r.roles.filter((role) => role.kind === 'unit_leader'));
    expect(leaders).toHaveLength(BUILDINGS * 4);
  });

  it('binds each household at most once and every openid to one resident', () => {
    const households = residents.flatMap((r) => (r.householdId ? [r.householdId] : []));
    expect(new Set(households).size).toBe(households.length);
    const openids = residents.flatMap((r) => (r.openid ? [r.openid] : []));
    expect(new Set(openids).size).toBe(openids.length);
  });

  it('includes seniors living alone, some without WeChat, and relatives bound to them', () => {
    const alone = residents.filter((r) => r.care?.livesAlone);
    expect(alone.length).toBeGreaterThan(20);
    expect(alone.some((r) => !r.openid)).toBe(true);
    expect(data.relative_links?.length).toBeGreaterThan(0);
  });

  it('offers a demo user for every role the preview switches between', () => {
    expect(demoUsers.map((user) => user.openid)).toEqual(expect.arrayContaining(Object.values(DEMO)));
  });
});
