/**
 * First use and relatives through the `user` function: the privacy agreement, the profile
 * (name screened, phone normalised), the household binding request and the pickers, and
 * the relative links (request without leaking who lives where, the senior's answer,
 * unbinding from either side). Login's round trips are pinned here.
 */
import { DEMO, REGISTERED_DAYS_AGO } from '../../local/seed/community';
import type { CommunityAuditDoc, RelativeLinkDoc, ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { MeView } from '../../typings/domain/community';
import type { BuildingOption, RoomOption } from '../../typings/functions/user';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { cal } from '../helpers/clock';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

async function ok<T>(promise: Promise<unknown>): Promise<T> {
  const result = (await promise) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function refused(promise: Promise<unknown>): Promise<{ code: string; message: string; fields?: string[] }> {
  const result = (await promise) as Result<unknown>;
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return result.error;
}

const user = (action: string, input: object, openid: string) => cloud.call('user', { action, ...input }, { openid });

async function residentDoc(id: string): Promise<ResidentDoc | undefined> {
  return (await cloud.db().collection('residents').doc(id).get()).data[0] as ResidentDoc | undefined;
}

async function messagesOf(recipientId: string): Promise<Array<{ title: string; body: string }>> {
  const { data } = await cloud.db().collection('messages').where({ recipientId }).get();
  return data as Array<{ title: string; body: string }>;
}

describe('user.login', () => {
  it.each([
    ['a branch secretary', DEMO.secretary, 3],
    ['a relative of two seniors', DEMO.relative, 3],
    ['a volunteer-team leader (team names)', DEMO.teamLeader, 4],
    ['a first-time WeChat user (privacy consent)', 'o-login-new', 2],
  ])('%s: %i round trips', async (_who, openid, trips) => {
    const outcome = await cloud.invoke('user', { action: 'login' }, { openid });
    expect((outcome.result as Result<MeView>).ok).toBe(true);
    expect(outcome.roundTrips).toBe(trips);
  });

  it('shows a senior the pending request of a relative with a masked phone, and the unread count', async () => {
    const me = await ok<MeView>(user('login', {}, DEMO.senior));
    expect(me.relatives).toEqual([
      {
        linkId: 'link-demo-pending-1',
        residentId: 'r-relative-nephew',
        name: '钱海峰',
        status: 'pending',
        phoneMasked: '176****9001',
        requestedAt: cal.at(1 - REGISTERED_DAYS_AGO, '10:00').toISOString(),
      },
      {
        linkId: 'link-demo-1',
        residentId: 'r-demo-relative',
        name: '赵文杰',
        status: 'confirmed',
        requestedAt: cal.at(-REGISTERED_DAYS_AGO, '09:00').toISOString(),
      },
    ]);
    expect(me.unreadMessages).toBe(0);
  });
});

describe('first use: privacy, profile, binding', () => {
  const openid = 'o-first-use';

  it('refuses a profile before the privacy agreement, writing nothing', async () => {
    const before = await cloud.counts();
    expect(await refused(user('register', { name: '王小明' }, openid))).toMatchObject({
      code: 'CONFLICT',
      message: '请先阅读并同意隐私保护指引',
    });
    expect(await cloud.counts()).toEqual(before);
    expect(await ok<MeView>(user('login', {}, openid))).toMatchObject({ registered: false, privacyAgreed: false });
  });

  it('records the agreement before registration, and login reports it', async () => {
    await expect(ok(user('agreePrivacy', {}, openid))).resolves.toEqual({ privacyAgreed: true });
    expect(await ok<MeView>(user('login', {}, openid))).toMatchObject({ registered: false, privacyAgreed: true });
  });

  it('creates the profile with a normalised name and mobile number', async () => {
    const me = await ok<MeView>(
      user('register', { name: ' 王  小明 ', phone: '+86 139-0000-1234', birthYear: 1990 }, openid),
    );
    expect(me).toMatchObject({
      registered: true,
      privacyAgreed: true,
      profile: { name: '王小明', phoneMasked: '139****1234', birthYear: 1990 },
      binding: { status: 'none' },
      unreadMessages: 0,
    });
    const doc = await residentDoc(me.profile!.residentId);
    expect(doc).toMatchObject({ openid, phone: '13900001234', moderation: { state: 'pass' } });
  });

  it('creates one resident even when the first registration is sent twice at once', async () => {
    const twice = 'o-double-tap';
    await ok(user('agreePrivacy', {}, twice));
    const results = (await Promise.all([
      user('register', { name: '李双击' }, twice),
      user('register', { name: '李双击' }, twice),
    ])) as Result<MeView>[];
    expect(results.filter((r) => r.ok)).not.toHaveLength(0);
    const { total } = await cloud.db().collection('residents').where({ openid: twice }).count();
    expect(total).toBe(1);
  });

  it.each([
    ['12345', 'too short'],
    ['23800001234', 'not a mobile prefix'],
    ['1380000123a', 'a letter'],
  ])('refuses phone %s (%s), naming the field', async (phone) => {
    expect(await refused(user('register', { name: '王小明', phone }, openid))).toMatchObject({
      code: 'INVALID_INPUT',
      fields: ['phone'],
    });
  });

  it('refuses a risky name with a plain reason', async () => {
    expect(await refused(user('register', { name: '赌博' }, openid))).toMatchObject({
      code: 'CONTENT_RISKY',
      message: '内容涉及违法犯罪，请修改后再提交',
    });
    expect((await ok<MeView>(user('login', {}, openid))).profile?.name).toBe('王小明');
  });

  it('holds a name WeChat wants reviewed: the person sees it marked, it waits in the staff queue', async () => {
    const me = await ok<MeView>(user('register', { name: '待复核' }, openid));
    expect(me.profile).toMatchObject({ name: '待复核', nameHeld: 'review' });
    const item = (await cloud.db().collection('moderation_items').doc(`profile_${me.profile!.residentId}_review`).get())
      .data[0];
    expect(item).toMatchObject({
      state: 'open',
      reason: 'review',
      excerpt: '待复核',
      authorId: me.profile!.residentId,
    });
    // A passing name replaces it and takes the stale item out of the queue.
    const fixed = await ok<MeView>(user('register', { name: '王小明' }, openid));
    expect(fixed.profile?.nameHeld).toBeUndefined();
    const { total } = await cloud
      .db()
      .collection('moderation_items')
      .where({ _id: `profile_${me.profile!.residentId}_review` })
      .count();
    expect(total).toBe(0);
  });

  it('offers buildings and the rooms of a unit for the pickers', async () => {
    const buildings = await ok<BuildingOption[]>(user('listBuildings', {}, openid));
    expect(buildings).toHaveLength(12);
    expect(buildings[4]).toEqual({ no: 5, name: '5号楼', units: 4 });
    const rooms = await ok<RoomOption[]>(user('listRooms', { buildingNo: 5, unitNo: 2 }, openid));
    expect(rooms).toHaveLength(21);
    expect(rooms[0]).toEqual({ room: '101', floor: 1 });
    expect(rooms.at(-1)).toEqual({ room: '703', floor: 7 });
  });

  it('refuses a room that does not exist', async () => {
    expect(await refused(user('requestBinding', { buildingNo: 5, unitNo: 2, room: '909' }, openid))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('makes the binding pending, and lets a pending request be changed', async () => {
    await expect(ok(user('requestBinding', { buildingNo: 5, unitNo: 2, room: '302' }, openid))).resolves.toEqual({
      status: 'pending',
      address: { buildingNo: 5, unitNo: 2, room: '302' },
      addressLabel: '5号楼2单元302',
    });
    await expect(ok(user('requestBinding', { buildingNo: 5, unitNo: 2, room: '303' }, openid))).resolves.toMatchObject({
      status: 'pending',
      addressLabel: '5号楼2单元303',
    });
  });

  it('allows a new request after a rejection, and clears the reason', async () => {
    const me = await ok<MeView>(user('login', {}, openid));
    await ok(
      cloud.call(
        'community',
        { action: 'decideBinding', residentId: me.profile!.residentId, decision: 'reject', reason: '门牌号与登记不符' },
        { openid: DEMO.secretary },
      ),
    );
    expect((await ok<MeView>(user('login', {}, openid))).binding).toMatchObject({
      status: 'rejected',
      rejectReason: '门牌号与登记不符',
    });
    await ok(user('requestBinding', { buildingNo: 5, unitNo: 2, room: '302' }, openid));
    const doc = await residentDoc(me.profile!.residentId);
    expect(doc?.binding).toMatchObject({ status: 'pending', householdId: 'h05-2-302' });
    expect(doc?.binding.rejectReason).toBeUndefined();
  });

  it('never changes a verified binding or a verified name silently', async () => {
    expect(await refused(user('requestBinding', { buildingNo: 5, unitNo: 2, room: '303' }, DEMO.resident))).toEqual({
      code: 'CONFLICT',
      message: '您的住址已认证。搬家或换房请联系楼栋党支部书记或社区工作人员',
    });
    expect(await refused(user('register', { name: '林晓', phone: '13900001111' }, DEMO.resident))).toMatchObject({
      code: 'CONFLICT',
    });
    // The phone may change; the name stays.
    const me = await ok<MeView>(user('register', { name: '林晓燕', phone: '13900001111' }, DEMO.resident));
    expect(me.profile).toMatchObject({ name: '林晓燕', phoneMasked: '139****1111' });
  });
});

describe('relatives', () => {
  const relative = 'o-relative-new';
  let relativeId: string;

  beforeAll(async () => {
    await ok(user('agreePrivacy', {}, relative));
    relativeId = (await ok<MeView>(user('register', { name: '周明', phone: '13700001111' }, relative))).profile!
      .residentId;
  });

  it('answers a request the same whether or not such a senior exists', async () => {
    const real = await ok<{ linkId: string; message: string }>(
      user('requestRelativeLink', { buildingNo: 5, unitNo: 1, room: '102', seniorName: '赵桂兰' }, relative),
    );
    const invented = await ok<{ linkId: string; message: string }>(
      user('requestRelativeLink', { buildingNo: 5, unitNo: 1, room: '103', seniorName: '赵桂兰' }, relative),
    );
    expect(Object.keys(real)).toEqual(Object.keys(invented));
    expect(real.message).toBe(invented.message);
    expect(real.linkId).toMatch(/^rl-[0-9a-f]{24}$/);
    expect(invented.linkId).toMatch(/^rl-[0-9a-f]{24}$/);

    // 我的 shows both as typed, with nothing telling them apart.
    const me = await ok<MeView>(user('login', {}, relative));
    const views = me.seniors.map(({ linkId: _id, requestedAt: _at, ...rest }) => rest);
    expect(views).toEqual([
      { name: '赵桂兰', buildingLabel: '5号楼', status: 'pending' },
      { name: '赵桂兰', buildingLabel: '5号楼', status: 'pending' },
    ]);
    // Only the real senior is told.
    expect((await messagesOf('r-demo-senior')).map((m) => m.title)).toEqual(['亲属绑定申请']);
  });

  it('refuses the same request twice, matched or not', async () => {
    for (const room of ['102', '103']) {
      expect(
        await refused(user('requestRelativeLink', { buildingNo: 5, unitNo: 1, room, seniorName: '赵桂兰' }, relative)),
      ).toMatchObject({ code: 'CONFLICT', message: '您已经提交过这条申请，请在“我的”页面查看' });
    }
  });

  it('limits open requests per relative', async () => {
    for (const room of ['201', '202', '203']) {
      await ok(user('requestRelativeLink', { buildingNo: 6, unitNo: 1, room, seniorName: '某某' }, relative));
    }
    expect(
      await refused(
        user('requestRelativeLink', { buildingNo: 6, unitNo: 1, room: '301', seniorName: '某某' }, relative),
      ),
    ).toMatchObject({ code: 'RATE_LIMITED' });
    // Withdrawing frees a place.
    const me = await ok<MeView>(user('login', {}, relative));
    const last = me.seniors.at(-1)!;
    await ok(user('unbindRelative', { linkId: last.linkId }, relative));
    await ok(user('requestRelativeLink', { buildingNo: 6, unitNo: 1, room: '301', seniorName: '某某' }, relative));
  });

  it('lets the senior confirm; the relative is told and then sees the senior', async () => {
    const senior = await ok<MeView>(user('login', {}, DEMO.senior));
    const request = senior.relatives.find((r) => r.residentId === relativeId)!;
    expect(request).toMatchObject({ status: 'pending', name: '周明', phoneMasked: '137****1111' });
    const after = await ok<MeView>(user('respondRelativeLink', { linkId: request.linkId, accept: true }, DEMO.senior));
    expect(after.relatives.find((r) => r.linkId === request.linkId)).toMatchObject({ status: 'confirmed' });

    const me = await ok<MeView>(user('login', {}, relative));
    expect(me.seniors.find((s) => s.linkId === request.linkId)).toEqual({
      linkId: request.linkId,
      residentId: 'r-demo-senior',
      name: '赵桂兰',
      buildingLabel: '5号楼',
      status: 'confirmed',
      requestedAt: request.requestedAt,
    });
    expect((await messagesOf(relativeId)).map((m) => m.title)).toContain('亲属绑定成功');
    expect(await refused(user('respondRelativeLink', { linkId: request.linkId, accept: false }, DEMO.senior))).toEqual({
      code: 'CONFLICT',
      message: '这条申请已经处理过了',
    });
  });

  it('lets the senior decline a request; it disappears and the relative is told', async () => {
    const before = await ok<MeView>(user('login', {}, DEMO.senior));
    const nephew = before.relatives.find((r) => r.linkId === 'link-demo-pending-1')!;
    const after = await ok<MeView>(user('respondRelativeLink', { linkId: nephew.linkId, accept: false }, DEMO.senior));
    expect(after.relatives.map((r) => r.linkId)).not.toContain('link-demo-pending-1');
    expect((await messagesOf('r-relative-nephew')).map((m) => m.title)).toContain('亲属绑定申请未获同意');
    const audit = (await cloud.db().collection('community_audit').where({ action: 'relative_decline' }).get())
      .data as CommunityAuditDoc[];
    expect(audit).toEqual([
      expect.objectContaining({ actorId: 'r-demo-senior', subjectId: 'r-relative-nephew', action: 'relative_decline' }),
    ]);
  });

  it('keeps other people’s links out of reach: not found', async () => {
    for (const openid of [DEMO.resident, DEMO.relative]) {
      expect(
        await refused(user('respondRelativeLink', { linkId: 'link-demo-pending-2', accept: true }, openid)),
      ).toEqual({ code: 'NOT_FOUND', message: '没有找到这条绑定申请' });
      expect(await refused(user('unbindRelative', { linkId: 'link-demo-pending-2' }, openid))).toMatchObject({
        code: 'NOT_FOUND',
      });
    }
  });

  it('lets either side unbind; the other side is told', async () => {
    // The relative ends one link, the senior the other.
    await ok(user('unbindRelative', { linkId: 'link-demo-2' }, DEMO.relative));
    const senior = await ok<MeView>(user('unbindRelative', { linkId: 'link-demo-1' }, DEMO.senior));
    expect(senior.relatives.map((r) => r.linkId)).not.toContain('link-demo-1');
    const me = await ok<MeView>(user('login', {}, DEMO.relative));
    expect(me.seniors).toEqual([]);
    expect((await messagesOf('r-demo-relative')).map((m) => m.title)).toEqual(['亲属绑定已解除']);
    expect((await messagesOf('r-demo-senior-nophone')).map((m) => m.title)).toEqual(['亲属绑定已解除']);
    const { total } = await cloud.db().collection('relative_links').where({ relativeId: 'r-demo-relative' }).count();
    expect(total).toBe(0);
    expect(await refused(user('unbindRelative', { linkId: 'link-demo-1' }, DEMO.senior))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses binding to oneself', async () => {
    expect(
      await refused(
        user('requestRelativeLink', { buildingNo: 5, unitNo: 2, room: '301', seniorName: '林晓燕' }, DEMO.resident),
      ),
    ).toEqual({ code: 'CONFLICT', message: '不能与自己绑定' });
  });

  it('stores who asked for whom as typed', async () => {
    const link = (await cloud.db().collection('relative_links').where({ relativeId, seniorId: 'r-demo-senior' }).get())
      .data[0] as RelativeLinkDoc;
    expect(link).toMatchObject({
      status: 'confirmed',
      confirmedBy: 'r-demo-senior',
      requested: { buildingNo: 5, unitNo: 1, room: '102', name: '赵桂兰' },
    });
    expect(link.proxy).toBeUndefined();
  });
});
