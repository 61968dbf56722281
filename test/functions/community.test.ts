/**
 * The `community` function through the real SDK on the stand-in: the verification queue
 * and decisions (scoped to the secretary's building, exactly one of two deciders wins),
 * role assignment with scope checks, the directory (scoped, searchable, private), staff
 * acting for seniors (ProxyRecord), seniors without WeChat and their care flags.
 */
import { DEMO } from '../../local/seed/community';
import type { CommunityAuditDoc, RelativeLinkDoc, ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { MeView } from '../../typings/domain/community';
import type {
  BindingRequestView,
  DirectoryEntry,
  RelativeRequestView,
  RoleOptions,
} from '../../typings/functions/community';
import type { Result } from '../../typings/result';
import { actFor } from '../../cloudfunctions/shared/proxy';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { SEED_AT } from '../helpers/clock';

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

async function refused(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const result = (await promise) as Result<unknown>;
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return result.error;
}

const community = (action: string, input: object, openid: string) =>
  cloud.call('community', { action, ...input }, { openid });
const user = (action: string, input: object, openid: string) => cloud.call('user', { action, ...input }, { openid });

async function residentDoc(id: string): Promise<ResidentDoc> {
  return (await cloud.db().collection('residents').doc(id).get()).data[0] as ResidentDoc;
}

/** A new WeChat user who registered and asked to be bound to the address. */
async function newApplicant(
  openid: string,
  name: string,
  address: { buildingNo: number; unitNo: number; room: string },
) {
  await ok(user('agreePrivacy', {}, openid));
  const me = await ok<MeView>(user('register', { name, phone: '13600001234' }, openid));
  await ok(user('requestBinding', address, openid));
  return me.profile!.residentId;
}

describe('verification queue', () => {
  let b3Applicant: string;
  beforeAll(async () => {
    b3Applicant = await newApplicant('o-b3-applicant', '陈立', { buildingNo: 3, unitNo: 2, room: '502' });
  });

  it('shows a branch secretary only their building, staff everyone', async () => {
    const mine = await ok<{ items: BindingRequestView[] }>(community('bindingQueue', {}, DEMO.secretary));
    expect(mine.items.map((item) => item.residentId)).toEqual(['r-demo-pending']);
    expect(mine.items[0]).toMatchObject({
      name: '冯雨桐',
      addressLabel: '5号楼4单元603',
      status: 'pending',
      phone: expect.stringMatching(/^1760000\d{4}$/),
    });
    const b3 = await ok<{ items: BindingRequestView[] }>(community('bindingQueue', {}, DEMO.otherSecretary));
    expect(b3.items.map((item) => item.residentId)).toEqual([b3Applicant]);
    const all = await ok<{ items: BindingRequestView[] }>(community('bindingQueue', {}, DEMO.staff));
    expect(all.items.map((item) => item.residentId).sort()).toEqual([b3Applicant, 'r-demo-pending'].sort());
    const one = await ok<{ items: BindingRequestView[] }>(community('bindingQueue', { buildingNo: 3 }, DEMO.staff));
    expect(one.items.map((item) => item.residentId)).toEqual([b3Applicant]);
  });

  it('names the people already verified in the household, to help decide', async () => {
    const applicant = await newApplicant('o-resident-spouse', '林家明', { buildingNo: 5, unitNo: 2, room: '301' });
    const queue = await ok<{ items: BindingRequestView[] }>(community('bindingQueue', {}, DEMO.secretary));
    expect(queue.items.find((item) => item.residentId === applicant)?.householdMembers).toEqual(['林晓燕']);
  });

  it('refuses the building-3 secretary a building-5 decision, and anyone their own', async () => {
    expect(
      await refused(
        community('decideBinding', { residentId: 'r-demo-pending', decision: 'verify' }, DEMO.otherSecretary),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(community('bindingQueue', { buildingNo: 5 }, DEMO.otherSecretary))).toMatchObject({
      code: 'FORBIDDEN',
    });
    await cloud.db().collection('residents').doc('r-demo-secretary-b3').update({ 'binding.status': 'pending' });
    expect(
      await refused(
        community('decideBinding', { residentId: 'r-demo-secretary-b3', decision: 'verify' }, DEMO.otherSecretary),
      ),
    ).toEqual({ code: 'FORBIDDEN', message: '不能审核自己的申请' });
    const queue = await ok<{ items: BindingRequestView[] }>(community('bindingQueue', {}, DEMO.otherSecretary));
    expect(queue.items.map((item) => item.residentId)).not.toContain('r-demo-secretary-b3');
    await cloud.db().collection('residents').doc('r-demo-secretary-b3').update({ 'binding.status': 'verified' });
  });

  it('lets exactly one of two deciders act on the same binding', async () => {
    const results = (await Promise.all([
      community('decideBinding', { residentId: 'r-demo-pending', decision: 'verify' }, DEMO.secretary),
      community('decideBinding', { residentId: 'r-demo-pending', decision: 'reject', reason: '非本户' }, DEMO.staff),
      community('decideBinding', { residentId: 'r-demo-pending', decision: 'verify' }, DEMO.secretary),
    ])) as Result<BindingRequestView>[];
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => !r.ok)) expect(loser).toMatchObject({ error: { code: 'CONFLICT' } });
    const decided = (winners[0] as { data: BindingRequestView }).data.status;
    expect((await residentDoc('r-demo-pending')).binding.status).toBe(decided);
    const audit = (await cloud.db().collection('community_audit').where({ subjectId: 'r-demo-pending' }).get())
      .data as CommunityAuditDoc[];
    expect(audit).toHaveLength(1);
    const { data } = await cloud.db().collection('messages').where({ recipientId: 'r-demo-pending' }).get();
    expect(data).toHaveLength(1);
  });

  it('verifies: household set, the resident is told, the queue no longer lists it', async () => {
    const verified = await ok<BindingRequestView>(
      community('decideBinding', { residentId: b3Applicant, decision: 'verify' }, DEMO.otherSecretary),
    );
    expect(verified).toMatchObject({ status: 'verified', addressLabel: '3号楼2单元502' });
    const doc = await residentDoc(b3Applicant);
    expect(doc).toMatchObject({
      householdId: 'h03-2-502',
      binding: { status: 'verified', decidedBy: 'r-demo-secretary-b3' },
    });
    const { data } = await cloud.db().collection('messages').where({ recipientId: b3Applicant }).get();
    expect(data).toEqual([expect.objectContaining({ title: '住址认证已通过', page: '/pages/me/index' })]);
    const queue = await ok<{ items: BindingRequestView[] }>(community('bindingQueue', {}, DEMO.otherSecretary));
    expect(queue.items).toEqual([]);
    expect(
      await refused(community('decideBinding', { residentId: b3Applicant, decision: 'verify' }, DEMO.otherSecretary)),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it('rejects with the reason shown to the resident', async () => {
    const applicant = await newApplicant('o-rejected', '吕方', { buildingNo: 5, unitNo: 1, room: '703' });
    await ok(
      community(
        'decideBinding',
        { residentId: applicant, decision: 'reject', reason: '该房间无此住户' },
        DEMO.secretary,
      ),
    );
    const me = await ok<MeView>(user('login', {}, 'o-rejected'));
    expect(me.binding).toMatchObject({ status: 'rejected', rejectReason: '该房间无此住户' });
    expect(me.unreadMessages).toBe(1);
  });

  it('never verifies an address nobody looked at: a changed request wins or the decision does', async () => {
    const applicant = await newApplicant('o-mover', '曹阳', { buildingNo: 5, unitNo: 3, room: '601' });
    const [changed, decided] = (await Promise.all([
      user('requestBinding', { buildingNo: 5, unitNo: 3, room: '602' }, 'o-mover'),
      community('decideBinding', { residentId: applicant, decision: 'verify' }, DEMO.secretary),
    ])) as Result<unknown>[];
    const doc = await residentDoc(applicant);
    if (decided!.ok) {
      // Verified exactly at the address the decider was shown.
      const seen = (decided as { data: BindingRequestView }).data.address;
      expect(doc.binding).toMatchObject({ status: 'verified', address: seen });
      // Decided before the change: the late change was refused; after it: both went through.
      if (seen.room === '601') expect(changed).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      else expect(changed!.ok).toBe(true);
    } else {
      expect(decided).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(doc.binding).toMatchObject({ status: 'pending', address: { room: '602' } });
    }
  });
});

describe('directory', () => {
  type Page = { items: DirectoryEntry[]; hasMore: boolean; scopeLabel: string };

  it('gives staff the whole community, 20 a page, sorted by address', async () => {
    const first = await ok<Page>(community('directory', {}, DEMO.staff));
    expect(first.scopeLabel).toBe('全社区');
    expect(first.items).toHaveLength(20);
    expect(first.hasMore).toBe(true);
    expect(first.items[0]!.addressLabel).toMatch(/^1号楼1单元/);
    const second = await ok<Page>(community('directory', { page: 2 }, DEMO.staff));
    expect(second.items[0]!.residentId).not.toBe(first.items[0]!.residentId);
  });

  it('gives the building-5 secretary building 5 only, with phones for tap-to-call', async () => {
    const mine = await ok<Page>(community('directory', {}, DEMO.secretary));
    expect(mine.scopeLabel).toBe('5号楼');
    expect(mine.items.every((entry) => entry.address?.buildingNo === 5)).toBe(true);
    const found = await ok<Page>(community('directory', { query: '林晓燕' }, DEMO.secretary));
    expect(found.items).toEqual([
      expect.objectContaining({
        residentId: 'r-demo-resident',
        phone: expect.stringMatching(/^1760000\d{4}$/),
        addressLabel: '5号楼2单元301',
        hasWeChat: true,
      }),
    ]);
    // The building-3 secretary neither finds her nor may ask for building 5.
    expect((await ok<Page>(community('directory', { query: '林晓燕' }, DEMO.otherSecretary))).items).toEqual([]);
    expect(await refused(community('directory', { buildingNo: 5 }, DEMO.otherSecretary))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('narrows a unit leader to their unit and refuses other units', async () => {
    const page = await ok<Page>(community('directory', {}, DEMO.unitLeader));
    expect(page.scopeLabel).toBe('5号楼2单元');
    expect(page.items.length).toBeGreaterThan(5);
    expect(page.items.every((entry) => entry.address?.buildingNo === 5 && entry.address.unitNo === 2)).toBe(true);
    expect(await refused(community('directory', { buildingNo: 5, unitNo: 3 }, DEMO.unitLeader))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('searches by room and by phone digits', async () => {
    const byRoom = await ok<Page>(community('directory', { buildingNo: 3, query: '302' }, DEMO.otherSecretary));
    expect(byRoom.items.map((entry) => entry.addressLabel)).toEqual(expect.arrayContaining(['3号楼1单元302']));
    expect(byRoom.items.every((entry) => entry.address?.room === '302')).toBe(true);
    const byPhone = await ok<Page>(community('directory', { query: '0000100' }, DEMO.staff));
    expect(byPhone.items.map((entry) => entry.residentId)).toContain('r-demo-resident');
  });

  it('finds people without a verified household only for staff who ask', async () => {
    const plain = await ok<Page>(community('directory', { query: '赵文杰' }, DEMO.staff));
    expect(plain.items).toEqual([]);
    const wide = await ok<Page>(community('directory', { query: '赵文杰', includeUnbound: true }, DEMO.staff));
    expect(wide.items).toEqual([expect.objectContaining({ residentId: 'r-demo-relative', bindingStatus: 'none' })]);
    expect(await refused(community('directory', { includeUnbound: true }, DEMO.secretary))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('treats a search as text, never as a pattern', async () => {
    const page = await ok<Page>(community('directory', { query: '.*' }, DEMO.staff));
    expect(page.items).toEqual([]);
  });
});

describe('roles', () => {
  it('offers buildings and teams', async () => {
    const options = await ok<RoleOptions>(community('roleOptions', {}, DEMO.staff));
    expect(options.buildings).toHaveLength(12);
    expect(options.teams).toHaveLength(14);
    expect(options.teams[0]).toEqual({ id: 'team01', name: '环境美化志愿服务队' });
  });

  it('assigns and revokes, and records who did it', async () => {
    const entry = await ok<DirectoryEntry>(
      community(
        'assignRole',
        { residentId: 'r-demo-resident', role: { kind: 'volunteer', teamId: 'team03' } },
        DEMO.staff,
      ),
    );
    expect(entry.roles.map((role) => role.label)).toEqual(['助老上门志愿服务队志愿者']);
    const me = await ok<MeView>(user('login', {}, DEMO.resident));
    expect(me.roles.map((role) => role.label)).toEqual(['助老上门志愿服务队志愿者']);
    const revoked = await ok<DirectoryEntry>(
      community(
        'revokeRole',
        { residentId: 'r-demo-resident', role: { kind: 'volunteer', teamId: 'team03' } },
        DEMO.staff,
      ),
    );
    expect(revoked.roleList).toEqual([]);
    const audit = (await cloud.db().collection('community_audit').where({ subjectId: 'r-demo-resident' }).get())
      .data as CommunityAuditDoc[];
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.detail])).toEqual([
      ['role_assign', 'r-demo-staff', '助老上门志愿服务队志愿者'],
      ['role_revoke', 'r-demo-staff', '助老上门志愿服务队志愿者'],
    ]);
  });

  it.each([
    [{ kind: 'branch_secretary', buildingNo: 13 }, 'NOT_FOUND', '没有13号楼'],
    [{ kind: 'unit_leader', buildingNo: 5, unitNo: 5 }, 'NOT_FOUND', '5号楼没有5单元'],
    [{ kind: 'team_leader', teamId: 'team99' }, 'NOT_FOUND', '没有这个志愿服务队'],
    [{ kind: 'unit_leader', buildingNo: 5, unitNo: 3 }, 'CONFLICT', '单元长须是本单元的住户'],
    [{ kind: 'branch_secretary', buildingNo: 5 }, 'CONFLICT', '党支部书记须是党员，请先登记党员身份'],
  ])('refuses %o for a building-5 unit-2 resident: %s', async (role, code, message) => {
    expect(await refused(community('assignRole', { residentId: 'r-demo-resident', role }, DEMO.staff))).toEqual({
      code,
      message,
    });
  });

  it('keeps Party roles to verified residents, and one role once', async () => {
    expect(
      await refused(
        community('assignRole', { residentId: 'r-demo-relative', role: { kind: 'party_member' } }, DEMO.staff),
      ),
    ).toMatchObject({ code: 'CONFLICT', message: '该居民的住址尚未认证，认证后才能担任' });
    expect(
      await refused(
        community('assignRole', { residentId: 'r-demo-party-member', role: { kind: 'party_member' } }, DEMO.staff),
      ),
    ).toMatchObject({ code: 'CONFLICT', message: '该居民已有这个身份' });
    // Staff and canteen roles need no household.
    await ok(community('assignRole', { residentId: 'r-demo-relative', role: { kind: 'canteen_staff' } }, DEMO.staff));
  });

  it('keeps one branch secretary per building; two appointments at once: exactly one wins', async () => {
    expect(
      await refused(
        community(
          'assignRole',
          { residentId: 'r-demo-party-member', role: { kind: 'branch_secretary', buildingNo: 5 } },
          DEMO.staff,
        ),
      ),
    ).toEqual({ code: 'CONFLICT', message: '5号楼党支部书记已由吴国强担任，请先撤销' });
    await ok(
      community(
        'revokeRole',
        { residentId: 'r-demo-secretary', role: { kind: 'branch_secretary', buildingNo: 5 } },
        DEMO.staff,
      ),
    );
    const results = (await Promise.all(
      ['r-demo-party-member', 'r-demo-unit-leader'].map((residentId) =>
        community('assignRole', { residentId, role: { kind: 'branch_secretary', buildingNo: 5 } }, DEMO.staff),
      ),
    )) as Result<DirectoryEntry>[];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const { total } = await cloud
      .db()
      .collection('residents')
      .where({ roles: cloud.db().command.elemMatch({ kind: 'branch_secretary', buildingNo: 5 }) })
      .count();
    expect(total).toBe(1);
    // The former secretary lost the queue with the role.
    expect(await refused(community('bindingQueue', {}, DEMO.secretary))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses revoking what is not held, Party membership under a secretary role, and one’s own staff role', async () => {
    expect(
      await refused(community('revokeRole', { residentId: 'r-demo-resident', role: { kind: 'staff' } }, DEMO.staff)),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refused(
        community('revokeRole', { residentId: 'r-demo-secretary-b3', role: { kind: 'party_member' } }, DEMO.staff),
      ),
    ).toEqual({ code: 'CONFLICT', message: '请先撤销党支部书记身份' });
    expect(
      await refused(community('revokeRole', { residentId: 'r-demo-staff', role: { kind: 'staff' } }, DEMO.staff)),
    ).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('acting for seniors', () => {
  type Queue = { items: RelativeRequestView[]; hasMore: boolean };

  it('lists pending requests with the senior they matched, or none', async () => {
    await ok(
      user('requestRelativeLink', { buildingNo: 8, unitNo: 1, room: '101', seniorName: '无此人' }, DEMO.relative),
    );
    const queue = await ok<Queue>(community('relativeQueue', {}, DEMO.staff));
    expect(queue.items.find((item) => item.linkId === 'link-demo-pending-2')).toMatchObject({
      relativeName: '钱海峰',
      relativePhone: '17600009001',
      requestedLabel: '5号楼3单元201 钱长海',
      senior: { residentId: 'r-demo-senior-nophone', name: '钱长海', addressLabel: '5号楼3单元201', hasWeChat: false },
    });
    const unmatched = queue.items.find((item) => item.requestedLabel === '8号楼1单元101 无此人');
    expect(unmatched).toBeDefined();
    expect(unmatched!.senior).toBeUndefined();
    expect(
      await refused(
        community('confirmRelativeForSenior', { linkId: unmatched!.linkId, reason: '电话核实' }, DEMO.staff),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it('confirms for a senior without a smartphone, recording who acted for whom and why', async () => {
    const reason = '老人无智能手机，上门核实为其侄子';
    await expect(
      ok(community('confirmRelativeForSenior', { linkId: 'link-demo-pending-2', reason }, DEMO.staff)),
    ).resolves.toEqual({ linkId: 'link-demo-pending-2' });
    const link = (await cloud.db().collection('relative_links').doc('link-demo-pending-2').get())
      .data[0] as RelativeLinkDoc;
    expect(link).toMatchObject({
      status: 'confirmed',
      confirmedBy: 'r-demo-staff',
      proxyReason: reason,
      proxy: { actorId: 'r-demo-staff', subjectId: 'r-demo-senior-nophone', reason },
    });
    const audit = (await cloud.db().collection('community_audit').where({ action: 'relative_confirm' }).get())
      .data as CommunityAuditDoc[];
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: 'r-demo-staff',
        subjectId: 'r-relative-nephew',
        proxy: expect.objectContaining({ subjectId: 'r-demo-senior-nophone', reason }),
      }),
    ]);
    const nephew = await ok<MeView>(user('login', {}, 'o-relative-nephew'));
    expect(nephew.seniors.find((s) => s.linkId === 'link-demo-pending-2')).toMatchObject({
      status: 'confirmed',
      confirmedByStaff: true,
      name: '钱长海',
    });
    expect(
      await refused(community('confirmRelativeForSenior', { linkId: 'link-demo-pending-2', reason }, DEMO.staff)),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it('never lets staff confirm their own request for a senior', async () => {
    const { linkId } = await ok<{ linkId: string }>(
      user('requestRelativeLink', { buildingNo: 5, unitNo: 3, room: '201', seniorName: '钱长海' }, DEMO.staff),
    );
    expect(await refused(community('confirmRelativeForSenior', { linkId, reason: '我是他儿子' }, DEMO.staff))).toEqual({
      code: 'FORBIDDEN',
      message: '不能代老人确认自己提交的申请',
    });
    await ok(user('unbindRelative', { linkId }, DEMO.staff));
  });

  it('lets exactly one of the senior and staff act on a request at the same moment', async () => {
    const results = (await Promise.all([
      user('respondRelativeLink', { linkId: 'link-demo-pending-1', accept: false }, DEMO.senior),
      community('confirmRelativeForSenior', { linkId: 'link-demo-pending-1', reason: '老人电话中同意' }, DEMO.staff),
    ])) as Result<unknown>[];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('ends a link for a senior with a reason', async () => {
    await ok(
      community('unbindRelativeForSenior', { linkId: 'link-demo-pending-2', reason: '老人要求解除' }, DEMO.staff),
    );
    const { total } = await cloud.db().collection('relative_links').where({ _id: 'link-demo-pending-2' }).count();
    expect(total).toBe(0);
    const audit = (await cloud.db().collection('community_audit').where({ action: 'relative_unbind' }).get())
      .data as CommunityAuditDoc[];
    expect(audit.filter((entry) => entry.proxy)).toEqual([
      expect.objectContaining({
        actorId: 'r-demo-staff',
        subjectId: 'r-relative-nephew',
        proxy: expect.objectContaining({
          actorId: 'r-demo-staff',
          subjectId: 'r-demo-senior-nophone',
          reason: '老人要求解除',
        }),
      }),
    ]);
    expect(
      await refused(community('unbindRelativeForSenior', { linkId: 'link-demo-pending-2', reason: 'x' }, DEMO.staff)),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a request asked again after a decline', () => {
  it('is audited and told as a second request, not folded into the first', async () => {
    const typed = { buildingNo: 5, unitNo: 3, room: '201', seniorName: '钱长海' };
    const ask = (now: Date) =>
      cloud.call('user', { action: 'requestRelativeLink', ...typed }, { openid: DEMO.resident, now });
    const decline = (linkId: string, now: Date) =>
      cloud.call(
        'community',
        { action: 'unbindRelativeForSenior', linkId, reason: '老人说不认识' },
        { openid: DEMO.staff, now },
      );
    const first = new Date(SEED_AT.getTime() + 3600_000);
    const { linkId } = await ok<{ linkId: string }>(ask(first));
    await ok(decline(linkId, new Date(first.getTime() + 60_000)));
    const again = new Date(first.getTime() + 86_400_000);
    expect((await ok<{ linkId: string }>(ask(again))).linkId).toBe(linkId);
    await ok(decline(linkId, new Date(again.getTime() + 60_000)));

    const { data: audit } = await cloud
      .db()
      .collection('community_audit')
      .where({ action: 'relative_decline', 'proxy.subjectId': 'r-demo-senior-nophone', 'proxy.reason': '老人说不认识' })
      .get();
    expect(audit).toHaveLength(2);
    const { data: told } = await cloud
      .db()
      .collection('messages')
      .where({ 'source.kind': 'relative_link', 'source.id': linkId, title: '亲属绑定申请未获同意' })
      .get();
    expect(told).toHaveLength(2);
  });
});

describe('seniors without WeChat and care flags', () => {
  const care = { livesAlone: true, mobilityLimited: true, deliveryEligible: true };

  it('registers a senior verified in their household; relatives can then find them', async () => {
    const entry = await ok<DirectoryEntry>(
      community(
        'addSenior',
        { buildingNo: 9, unitNo: 4, room: '101', name: '韩老太', birthYear: 1938, phone: '13800009999', care },
        DEMO.staff,
      ),
    );
    expect(entry).toMatchObject({
      name: '韩老太',
      bindingStatus: 'verified',
      addressLabel: '9号楼4单元101',
      hasWeChat: false,
      care,
    });
    expect(await residentDoc(entry.residentId)).toMatchObject({
      householdId: 'h09-4-101',
      registeredBy: 'r-demo-staff',
      binding: { status: 'verified', decidedBy: 'r-demo-staff' },
    });
    expect(
      await refused(
        community(
          'addSenior',
          { buildingNo: 9, unitNo: 4, room: '101', name: '韩老太', birthYear: 1938, care },
          DEMO.staff,
        ),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      await refused(
        community(
          'addSenior',
          { buildingNo: 9, unitNo: 4, room: '999', name: '韩老太', birthYear: 1938, care },
          DEMO.staff,
        ),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    await ok(
      user('requestRelativeLink', { buildingNo: 9, unitNo: 4, room: '101', seniorName: '韩老太' }, DEMO.relative),
    );
    const queue = await ok<{ items: RelativeRequestView[] }>(community('relativeQueue', {}, DEMO.staff));
    expect(queue.items.find((item) => item.senior?.residentId === entry.residentId)).toBeDefined();
  });

  it('sets care flags and records it', async () => {
    const entry = await ok<DirectoryEntry>(
      community(
        'setCare',
        { residentId: 'r-demo-senior', livesAlone: true, mobilityLimited: true, deliveryEligible: false },
        DEMO.staff,
      ),
    );
    expect(entry.care).toEqual({ livesAlone: true, mobilityLimited: true, deliveryEligible: false });
    expect((await residentDoc('r-demo-senior')).care).toEqual(entry.care);
    expect(
      await refused(
        community(
          'setCare',
          { residentId: 'nobody', livesAlone: true, mobilityLimited: true, deliveryEligible: true },
          DEMO.staff,
        ),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the proxy convention (shared/proxy.ts) later features reuse', () => {
  const now = new Date('2026-03-02T03:00:00.000Z');
  const relative = { _id: 'r-demo-relative', roles: [] };

  it('lets a relative with a confirmed link act for the senior, recording who for whom', async () => {
    await expect(actFor(relative, 'r-demo-senior', now)).resolves.toEqual({
      actorId: 'r-demo-relative',
      subjectId: 'r-demo-senior',
      at: now,
    });
  });

  it('refuses anyone else, asks staff for a reason, and records nothing for oneself', async () => {
    await expect(actFor(relative, 'r-demo-resident', now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A resident of the same building, not a relative.
    await expect(actFor({ _id: 'r-demo-party-member', roles: [] }, 'r-demo-senior', now)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const staff = { _id: 'r-demo-staff', roles: [{ kind: 'staff' as const }] };
    await expect(actFor(staff, 'r-demo-senior', now, ' ')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(actFor(staff, 'r-demo-senior', now, '电话核实')).resolves.toMatchObject({ reason: '电话核实' });
    await expect(actFor(relative, 'r-demo-relative', now)).resolves.toBeUndefined();
  });
});
