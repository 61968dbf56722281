/**
 * The `user` function end to end: the built bundle, run by the local runner with the
 * platform's identity, talking to the stand-in through the unchanged SDK.
 */
import { DEMO, REGISTERED_DAYS_AGO } from '../../local/seed/community';
import type { MeView } from '../../typings/domain/community';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { cal } from '../helpers/clock';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

const login = (openid?: string) => cloud.invoke('user', { action: 'login' }, { openid });

describe('user.login', () => {
  it('returns the caller’s profile, household and roles, with the round trips it took', async () => {
    const outcome = await login(DEMO.secretary);
    const result = outcome.result as Result<MeView>;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.registered).toBe(true);
    expect(result.data.profile?.name).toBe('吴国强');
    expect(result.data.profile?.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(result.data.binding).toMatchObject({ status: 'verified', addressLabel: '5号楼1单元401' });
    expect(result.data.roles.map((role) => role.label)).toEqual(['党员', '5号楼党支部书记']);
    // resident lookup, then in parallel: relative links with both people joined, unread count
    expect(outcome.roundTrips).toBe(3);
  });

  it('shows a relative the seniors they care for, without the seniors’ rooms', async () => {
    const result = (await login(DEMO.relative)).result as Result<MeView>;
    if (!result.ok) throw new Error(result.error.code);
    expect(result.data.binding.status).toBe('none');
    const requestedAt = cal.at(-REGISTERED_DAYS_AGO, '09:00').toISOString();
    expect(result.data.seniors).toEqual([
      {
        linkId: 'link-demo-1',
        residentId: 'r-demo-senior',
        name: '赵桂兰',
        buildingLabel: '5号楼',
        status: 'confirmed',
        requestedAt,
      },
      {
        linkId: 'link-demo-2',
        residentId: 'r-demo-senior-nophone',
        name: '钱长海',
        buildingLabel: '5号楼',
        status: 'confirmed',
        confirmedByStaff: true,
        requestedAt,
      },
    ]);
    expect(JSON.stringify(result.data)).not.toMatch(/102|201/);
  });

  it('names the team of a volunteer-team leader', async () => {
    const result = (await login(DEMO.teamLeader)).result as Result<MeView>;
    if (!result.ok) throw new Error(result.error.code);
    expect(result.data.roles.map((role) => role.label)).toEqual(['环境美化志愿服务队队长', '环境美化志愿服务队志愿者']);
  });

  it('tells a pending resident their binding awaits review', async () => {
    const result = (await login(DEMO.pending)).result as Result<MeView>;
    if (!result.ok) throw new Error(result.error.code);
    expect(result.data.binding).toMatchObject({ status: 'pending', addressLabel: '5号楼4单元603' });
  });

  it('answers a first-time WeChat user as unregistered', async () => {
    const result = (await login('o-never-seen')).result as Result<MeView>;
    expect(result).toEqual({
      ok: true,
      data: {
        registered: false,
        privacyAgreed: false,
        binding: { status: 'none' },
        roles: [],
        seniors: [],
        relatives: [],
        unreadMessages: 0,
      },
    });
  });

  it('refuses a call without a WeChat identity', async () => {
    const result = (await login(undefined)).result as Result<MeView>;
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('malformed events', () => {
  it.each([
    ['no action', {}, 'BAD_REQUEST'],
    ['unknown action', { action: 'dropTables' }, 'BAD_REQUEST'],
    ['an action that is an object', { action: { $ne: null } }, 'BAD_REQUEST'],
    ['an inherited name as action', { action: 'constructor' }, 'BAD_REQUEST'],
    ['unexpected fields', { action: 'login', openid: DEMO.staff }, 'INVALID_INPUT'],
    ['an array', [1, 2], 'BAD_REQUEST'],
    ['a string', 'login', 'BAD_REQUEST'],
  ])('%s → coded error, nothing written', async (_label, event, code) => {
    const before = await cloud.counts();
    const result = (await cloud.invoke('user', event, { openid: DEMO.resident })).result as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await cloud.counts()).toEqual(before);
  });
});

describe('identity', () => {
  it('never leaks between concurrent invocations', async () => {
    const callers = [DEMO.resident, DEMO.secretary, DEMO.staff, DEMO.canteen, DEMO.senior, DEMO.relative];
    const rounds = Array.from({ length: 5 }, () => callers).flat();
    const results = await Promise.all(rounds.map((openid) => login(openid)));
    const names = results.map((outcome) => {
      const result = outcome.result as Result<MeView>;
      return result.ok ? result.data.profile?.name : result.error.code;
    });
    const expected = {
      [DEMO.resident]: '林晓燕',
      [DEMO.secretary]: '吴国强',
      [DEMO.staff]: '何静怡',
      [DEMO.canteen]: '马春生',
      [DEMO.senior]: '赵桂兰',
      [DEMO.relative]: '赵文杰',
    };
    expect(names).toEqual(rounds.map((openid) => expected[openid]));
  });

  it('takes identity from the platform, not from a userInfo in the body', async () => {
    const result = (
      await cloud.invoke('user', { action: 'login', userInfo: { openId: DEMO.staff } }, { openid: DEMO.resident })
    ).result as Result<MeView>;
    if (!result.ok) throw new Error(result.error.code);
    expect(result.data.profile?.name).toBe('林晓燕');
  });
});
