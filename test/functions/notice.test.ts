/**
 * The `notice` function end to end through the real SDK on the stand-in: publishing by
 * role and scope, the household feed, read receipts once per household, urgent pushes,
 * moderation of text and images, expiry on the Shanghai clock, editing, withdrawing
 * (files deleted), receipts and their spreadsheet export, and what each role may do.
 */
import { download, readSpreadsheet } from '../helpers/spreadsheet';
import tcb from '@cloudbase/node-sdk';
import { DEMO } from '../../local/seed/community';
import { SUBSCRIBE_TEMPLATES } from '../../local/config';
import { compareFeed } from '../../cloudfunctions/notice/rules';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import { uploadFolder } from '../../cloudfunctions/shared/storage';
import type {
  MyNoticeItem,
  NoticeDetail,
  NoticeDraft,
  NoticeItem,
  NoticeReceipts,
  NoticeTargets,
} from '../../typings/domain/notice';
import type { ModerationItemView } from '../../typings/functions/moderation';
import type { PublishOutput } from '../../typings/functions/notice';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { cal, SEED_AT } from '../helpers/clock';

let cloud: TestCloud;
/** A verified resident of building 3 without roles (from the seed). */
let b3Resident: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  const { data } = await cloud
    .db()
    .collection('residents')
    .where({ 'binding.address.buildingNo': 3, 'binding.status': 'verified' })
    .limit(100)
    .get();
  b3Resident = (data as ResidentDoc[]).find((r) => r.openid && !r.roles.length)!.openid!;
  // A second member of the demo resident's household (5-2-301).
  await cloud
    .db()
    .collection('residents')
    .add({
      _id: 'r-demo-resident-spouse',
      openid: 'o-demo-resident-spouse',
      name: '林家成员',
      householdId: 'h05-2-301',
      binding: { status: 'verified', address: { buildingNo: 5, unitNo: 2, room: '301' } },
      roles: [],
      createdAt: SEED_AT,
      updatedAt: SEED_AT,
    } satisfies ResidentDoc);
});
afterAll(() => cloud.close());

/** The seed instant: "now" for everything whose outcome depends on the date (expiry). */
const NOW = SEED_AT;
const SPOUSE = 'o-demo-resident-spouse';
const NOTICE_TPL = SUBSCRIBE_TEMPLATES.notice!.id;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]);
const PDF = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n');

type Event = Record<string, unknown>;

function call(openid: string, event: Event, now?: Date) {
  return cloud.call<Result<unknown>>('notice', event, { openid, ...(now ? { now } : {}) });
}

async function ok<T>(promise: Promise<unknown>): Promise<T> {
  const result = (await promise) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

function draft(overrides: Partial<NoticeDraft> = {}): NoticeDraft {
  return {
    scope: { kind: 'buildings', buildingNos: [5] },
    title: '5号楼明日停水',
    body: '因管道检修，5号楼明天8:00至12:00停水，请提前储水。',
    images: [],
    attachments: [],
    pinned: false,
    urgent: false,
    ...overrides,
  };
}

async function publish(openid: string, overrides: Partial<NoticeDraft> = {}, now?: Date): Promise<PublishOutput> {
  return ok<PublishOutput>(call(openid, { action: 'publish', ...draft(overrides) }, now));
}

async function feed(openid: string, input: Event = {}, now?: Date) {
  return ok<{ items: NoticeItem[]; hasMore: boolean; canPublish: boolean }>(
    call(openid, { action: 'feed', pageSize: 20, ...input }, now),
  );
}

/** Every page of the caller's feed. */
async function feedIds(openid: string, now?: Date): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const result = await feed(openid, { page }, now);
    ids.push(...result.items.map((item) => item.id));
    if (!result.hasMore) return ids;
  }
}

const detail = (openid: string, id: string, now?: Date) =>
  ok<NoticeDetail>(call(openid, { action: 'detail', id }, now));
const receipts = (openid: string, id: string) => ok<NoticeReceipts>(call(openid, { action: 'receipts', id }));

let fileCounter = 0;
async function upload(openid: string, ext: string, content: Buffer, name = 'file'): Promise<string> {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const cloudPath = `${uploadFolder('notice', openid)}202611/${name}-${++fileCounter}.${ext}`;
  return (await app.uploadFile({ cloudPath, fileContent: content })).fileID;
}

async function fileExists(fileID: string): Promise<boolean> {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] });
  return fileList[0]?.code === 'SUCCESS';
}

async function readsOf(noticeId: string): Promise<number> {
  return (await cloud.db().collection('notice_reads').where({ noticeId }).count()).total;
}

describe('targets', () => {
  it('offers a secretary their own building and its units, staff the community and every building', async () => {
    const secretary = await ok<NoticeTargets>(call(DEMO.secretary, { action: 'targets' }));
    expect(secretary).toEqual({
      community: false,
      buildings: [{ buildingNo: 5, label: '5号楼', units: [1, 2, 3, 4] }],
      publisherLabel: '5号楼党支部',
    });
    const staff = await ok<NoticeTargets>(call(DEMO.staff, { action: 'targets' }));
    expect(staff.community).toBe(true);
    expect(staff.buildings.map((b) => b.buildingNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(staff.publisherLabel).toBe('社区居委会');
  });
});

describe('publishing and the feed', () => {
  it('reaches the residents of the building and nobody in another building', async () => {
    const { id, held } = await publish(DEMO.secretary, { title: '5号楼楼道粉刷' });
    expect(held).toBe(false);

    for (const openid of [DEMO.resident, DEMO.senior, DEMO.partyMember, DEMO.unitLeader, DEMO.secretary]) {
      expect(await feedIds(openid)).toContain(id);
    }
    for (const openid of [b3Resident, DEMO.otherSecretary, DEMO.pending, DEMO.relative, DEMO.staff, DEMO.canteen]) {
      expect(await feedIds(openid)).not.toContain(id);
    }
    expect(await call(b3Resident, { action: 'detail', id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const item = (await feed(DEMO.resident)).items.find((i) => i.id === id)!;
    expect(item).toMatchObject({
      title: '5号楼楼道粉刷',
      scopeLabel: '5号楼',
      publisherLabel: '5号楼党支部',
      unread: true,
      pinned: false,
      urgent: false,
      edited: false,
    });
    expect(item.publishedLabel).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('reaches only the chosen units', async () => {
    const { id } = await publish(DEMO.secretary, { scope: { kind: 'units', buildingNo: 5, unitNos: [2, 3] } });
    expect(await feedIds(DEMO.resident)).toContain(id); // 5-2
    expect(await feedIds(DEMO.partyMember)).toContain(id); // 5-3
    expect(await feedIds(DEMO.senior)).not.toContain(id); // 5-1
    expect((await feed(DEMO.resident)).items.find((i) => i.id === id)!.scopeLabel).toBe('5号楼 2、3单元');
  });

  it('shows community-wide notices to everyone registered, also without a verified household', async () => {
    const { id } = await publish(DEMO.staff, { scope: { kind: 'community' }, title: '社区疫苗接种安排' });
    for (const openid of [DEMO.resident, b3Resident, DEMO.pending, DEMO.relative, DEMO.staff, DEMO.canteen]) {
      expect(await feedIds(openid)).toContain(id);
    }
    const { id: b35 } = await publish(DEMO.staff, { scope: { kind: 'buildings', buildingNos: [3, 5] } });
    expect(await feedIds(b3Resident)).toContain(b35);
    expect(await feedIds(DEMO.resident)).toContain(b35);
    expect(await feedIds(DEMO.teamLeader)).not.toContain(b35); // building 7
    expect(await call('o-stranger', { action: 'feed' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_REGISTERED' },
    });
  });

  it('counts every household of a community-wide notice, and takes all 12 buildings (48 building-unit groups)', async () => {
    const householdCount = async (id: string) =>
      ((await cloud.db().collection('notices').doc(id).get()).data[0] as { householdCount: number }).householdCount;
    const everyone = await publish(DEMO.staff, { scope: { kind: 'community' }, title: '全体居民：消防演练' });
    expect(await householdCount(everyone.id)).toBe(1008);
    expect((await receipts(DEMO.staff, everyone.id)).households).toBe(1008);
    const all = Array.from({ length: 12 }, (_, index) => index + 1);
    const twelve = await publish(DEMO.staff, { scope: { kind: 'buildings', buildingNos: all }, title: '各楼栋检修' });
    expect(await householdCount(twelve.id)).toBe(1008);
  });

  it('lists pinned notices first, then the newest, page by page', async () => {
    const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
    const ids = {
      old: (await publish(DEMO.secretary, { title: '旧通知' }, at(1))).id,
      pinnedOld: (await publish(DEMO.secretary, { title: '置顶旧', pinned: true }, at(2))).id,
      mid: (await publish(DEMO.secretary, { title: '中间', urgent: false }, at(3))).id,
      pinnedNew: (await publish(DEMO.secretary, { title: '置顶新', pinned: true }, at(4))).id,
      newest: (await publish(DEMO.secretary, { title: '最新' }, at(5))).id,
    };
    const all = await feedIds(DEMO.resident);
    const mine = all.filter((id) => Object.values(ids).includes(id));
    expect(mine).toEqual([ids.pinnedNew, ids.pinnedOld, ids.newest, ids.mid, ids.old]);

    // The database's order is the rule's order, across the whole feed.
    const first = await feed(DEMO.resident, { page: 1, pageSize: 3 });
    const second = await feed(DEMO.resident, { page: 2, pageSize: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.hasMore).toBe(true);
    expect(first.items.map((i) => i.id)).toEqual(all.slice(0, 3));
    expect(second.items.map((i) => i.id)).toEqual(all.slice(3, 6));
    const docs = (await cloud.db().collection('notices').limit(1000).get()).data as Array<{
      _id: string;
      pinned: boolean;
      publishedAt: Date;
    }>;
    const byId = new Map(docs.map((doc) => [doc._id, { ...doc, publishedAt: new Date(doc.publishedAt) }]));
    expect([...all].sort((a, b) => compareFeed(byId.get(a)!, byId.get(b)!))).toEqual(all);
  });

  it('tells a publisher they may publish, and nobody else', async () => {
    expect((await feed(DEMO.secretary)).canPublish).toBe(true);
    expect((await feed(DEMO.staff)).canPublish).toBe(true);
    for (const openid of [DEMO.resident, DEMO.unitLeader, DEMO.canteen, DEMO.pending]) {
      expect((await feed(openid)).canPublish).toBe(false);
    }
  });
});

describe('reading', () => {
  it('marks the household as having read, once, for every member', async () => {
    const { id } = await publish(DEMO.secretary, { title: '阅读回执测试' });
    expect((await feed(SPOUSE)).items.find((i) => i.id === id)!.unread).toBe(true);

    const first = await detail(DEMO.resident, id);
    expect(first).toMatchObject({ id, title: '阅读回执测试', state: 'published', canEdit: false, unread: true });
    expect(first.body).toContain('停水');
    // The household has read it: the other member sees it as read too.
    expect((await feed(SPOUSE)).items.find((i) => i.id === id)!.unread).toBe(false);
    expect((await feed(DEMO.resident)).items.find((i) => i.id === id)!.unread).toBe(false);
    await detail(SPOUSE, id);
    await detail(DEMO.resident, id);
    expect(await readsOf(id)).toBe(1);
    // Another household of the building is still unread.
    expect((await feed(DEMO.unitLeader)).items.find((i) => i.id === id)!.unread).toBe(true);
  });

  it('counts concurrent first reads of one household once', async () => {
    const { id } = await publish(DEMO.secretary, { title: '并发阅读' });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(i % 2 ? SPOUSE : DEMO.resident, { action: 'detail', id })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await readsOf(id)).toBe(1);
    expect((await receipts(DEMO.secretary, id)).read).toBe(1);
  });

  it('does not record reads by people outside the audience', async () => {
    const { id } = await publish(DEMO.secretary, { scope: { kind: 'units', buildingNo: 5, unitNos: [1] } });
    // The secretary lives in 5-1; staff have no household; the unit leader of 5-2 is not in scope.
    await detail(DEMO.staff, id);
    expect(await call(DEMO.unitLeader, { action: 'detail', id })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await readsOf(id)).toBe(0);
    await detail(DEMO.senior, id);
    expect(await readsOf(id)).toBe(1);
  });
});

describe('urgent notices', () => {
  async function subscribe(openid: string): Promise<void> {
    cloud.standIn.grantSubscription(openid, NOTICE_TPL, 'once');
    await ok(cloud.call('push', { action: 'recordSubscriptions', answers: { [NOTICE_TPL]: 'accept' } }, { openid }));
  }

  it('push to the building: WeChat for subscribers, in-app for everyone, unreachable listed', async () => {
    await subscribe(DEMO.resident);
    const sentBefore = cloud.standIn.outbox().length;
    const { id, push } = await publish(DEMO.secretary, { title: '紧急：5号楼燃气泄漏排查', urgent: true });
    expect(push).toBeDefined();
    expect(push!.wechat).toBe(1);
    expect(push!.recipients).toBe(push!.wechat + push!.inAppOnly + push!.queued + push!.failed);

    const sent = cloud.standIn.outbox().slice(sentBefore);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      touser: DEMO.resident,
      templateId: NOTICE_TPL,
      page: `/packages/notice/pages/detail/index?id=${id}`,
    });
    const messages = await cloud
      .db()
      .collection('messages')
      .where({ 'source.kind': 'notice', 'source.id': id })
      .count();
    expect(messages.total).toBe(push!.recipients);
    // Nobody outside building 5 got it.
    const b3 = await cloud
      .db()
      .collection('messages')
      .where({ 'source.id': id, recipientId: 'r-demo-secretary-b3' })
      .count();
    expect(b3.total).toBe(0);

    const seen = await receipts(DEMO.secretary, id);
    expect(seen.urgent).toBe(true);
    const unreachable = new Map(seen.unreachable.map((r) => [r.residentId, r]));
    expect(unreachable.has('r-demo-resident')).toBe(false);
    expect(unreachable.get('r-demo-senior')).toMatchObject({ reason: 'not_subscribed', address: '5号楼1单元102' });
    expect(unreachable.get('r-demo-senior-nophone')).toMatchObject({ reason: 'no_wechat', name: '钱长海' });
    expect(unreachable.get('r-demo-senior')!.phone).toMatch(/^1\d{10}$/);

    // Opening the notice also reads the in-app message.
    await detail(DEMO.senior, id);
    const inbox = await ok<{ items: Array<{ title: string; read: boolean }> }>(
      cloud.call('push', { action: 'inbox' }, { openid: DEMO.senior }),
    );
    expect(inbox.items.find((m) => m.title === '紧急：5号楼燃气泄漏排查')).toMatchObject({ read: true });
    const after = await receipts(DEMO.secretary, id);
    expect(after.unreachable.find((r) => r.residentId === 'r-demo-senior')!.householdRead).toBe(true);
  });

  it('a retry with the same request id gets the first notice back, pushed once; a new request makes a new one', async () => {
    // Building 7 (staff publish anywhere): the feeds of building 5 the other tests read stay as they were.
    const title = '紧急：7号楼电梯停运';
    const scope = { kind: 'buildings' as const, buildingNos: [7] };
    const event = { action: 'publish', ...draft({ title, scope, urgent: true }), requestId: 'editor-retry-0001' };
    const first = await ok<PublishOutput>(call(DEMO.staff, event));
    expect(first.push!.recipients).toBeGreaterThan(0);
    const retry = await ok<PublishOutput>(call(DEMO.staff, event));
    expect(retry).toEqual(first);
    const other = await ok<PublishOutput>(call(DEMO.staff, { ...event, requestId: 'editor-retry-0002' }));
    expect(other.id).not.toBe(first.id);
    const { data } = await cloud.db().collection('notices').where({ title }).get();
    expect(data).toHaveLength(2);
    const told = await cloud
      .db()
      .collection('messages')
      .where({ 'source.kind': 'notice', 'source.id': first.id })
      .count();
    expect(told.total).toBe(first.push!.recipients);
  });

  it('non-urgent notices only appear in the feed', async () => {
    const sentBefore = cloud.standIn.outbox().length;
    const { id, push } = await publish(DEMO.secretary, { title: '普通通知' });
    expect(push).toBeUndefined();
    expect(cloud.standIn.outbox()).toHaveLength(sentBefore);
    expect((await cloud.db().collection('messages').where({ 'source.id': id }).count()).total).toBe(0);
    expect((await receipts(DEMO.secretary, id)).unreachable).toEqual([]);
  });
});

describe('moderation', () => {
  it('refuses risky text and writes nothing', async () => {
    const before = await cloud.counts();
    expect(await call(DEMO.secretary, { action: 'publish', ...draft({ body: '周末楼下有人组织赌博' }) })).toMatchObject(
      {
        ok: false,
        error: { code: 'CONTENT_RISKY', message: '内容涉及违法犯罪，请修改后再提交' },
      },
    );
    expect(await cloud.counts()).toEqual(before);
  });

  it('a held notice retried with the same request id is held once, with one review item', async () => {
    const event = {
      action: 'publish',
      ...draft({ title: '旧书架转让', body: '有意者加微信联系', scope: { kind: 'buildings', buildingNos: [7] } }),
      requestId: 'editor-held-0001',
    };
    const first = await ok<PublishOutput>(call(DEMO.staff, event));
    expect(first.held).toBe(true);
    expect(await ok<PublishOutput>(call(DEMO.staff, event))).toEqual(first);
    expect((await cloud.db().collection('notices').where({ title: '旧书架转让' }).count()).total).toBe(1);
    const items = await cloud
      .db()
      .collection('moderation_items')
      .where({ 'target.kind': 'notice', 'target.id': first.id })
      .count();
    expect(items.total).toBe(1);
  });

  it('holds text for review: hidden from residents, no push, until staff approve (then the sweep pushes)', async () => {
    cloud.standIn.grantSubscription(DEMO.unitLeader, NOTICE_TPL, 'once');
    await ok(
      cloud.call(
        'push',
        { action: 'recordSubscriptions', answers: { [NOTICE_TPL]: 'accept' } },
        { openid: DEMO.unitLeader },
      ),
    );
    const sentBefore = cloud.standIn.outbox().length;
    const result = await publish(DEMO.secretary, { title: '二手家具转让', body: '有意者加微信联系', urgent: true });
    expect(result.held).toBe(true);
    expect(result.push).toBeUndefined();
    expect(await feedIds(DEMO.resident)).not.toContain(result.id);
    expect(await call(DEMO.resident, { action: 'detail', id: result.id })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    // The author sees it, marked.
    expect((await detail(DEMO.secretary, result.id)).moderation).toBe('review');
    const mine = await ok<{ items: MyNoticeItem[] }>(call(DEMO.secretary, { action: 'mine' }));
    expect(mine.items.find((i) => i.id === result.id)).toMatchObject({
      moderation: 'review',
      push: { state: 'pending' },
    });
    // Nothing sent while held, even when the sweep runs.
    await cloud.runner.fireTimer('notice', 'sweep');
    expect(cloud.standIn.outbox()).toHaveLength(sentBefore);

    const queue = await ok<{ items: ModerationItemView[] }>(
      cloud.call('moderation', { action: 'queue', state: 'open' }, { openid: DEMO.staff }),
    );
    const item = queue.items.find((i) => i.targetId === result.id)!;
    expect(item).toMatchObject({ kind: 'notice', reason: 'review', label: 10001 });
    await ok(
      cloud.call('moderation', { action: 'decide', itemId: item.id, decision: 'approve' }, { openid: DEMO.staff }),
    );
    expect(await feedIds(DEMO.resident)).toContain(result.id);

    const swept = await cloud.runner.fireTimer('notice', 'sweep');
    expect(swept.result).toMatchObject({ ok: true, data: { pushed: 1 } });
    expect(
      cloud.standIn
        .outbox()
        .slice(sentBefore)
        .map((m) => m.touser),
    ).toEqual([DEMO.unitLeader]);
    // Pushed once only.
    expect((await cloud.runner.fireTimer('notice', 'sweep')).result).toMatchObject({ data: { pushed: 0 } });
  });

  it('an edit that clears held text sends the waiting urgent push; held text again re-opens the review', async () => {
    const { id, held } = await publish(DEMO.secretary, { body: '详情加微信了解', urgent: true });
    expect(held).toBe(true);
    const cleared = await ok<PublishOutput>(
      call(DEMO.secretary, {
        action: 'update',
        id,
        version: 1,
        ...draft({ body: '详情请看楼道公告栏', urgent: true }),
      }),
    );
    expect(cleared).toMatchObject({ held: false, version: 2 });
    expect(cleared.push?.recipients).toBeGreaterThan(30);
    expect(await feedIds(DEMO.resident)).toContain(id);

    // Staff close the old item; a later edit with held text puts it back in the queue.
    const openItems = async () =>
      (
        await ok<{ items: ModerationItemView[] }>(
          cloud.call('moderation', { action: 'queue', state: 'open' }, { openid: DEMO.staff }),
        )
      ).items.filter((item) => item.targetId === id);
    const [item] = await openItems();
    await ok(
      cloud.call('moderation', { action: 'decide', itemId: item!.id, decision: 'approve' }, { openid: DEMO.staff }),
    );
    expect(await openItems()).toEqual([]);
    const again = await ok<PublishOutput>(
      call(DEMO.secretary, { action: 'update', id, version: 2, ...draft({ body: '有事加微信', urgent: true }) }),
    );
    expect(again).toMatchObject({ held: true });
    expect(again.push).toBeUndefined(); // pushed once already
    expect((await openItems()).map((i) => i.excerpt)).toEqual([expect.stringContaining('有事加微信')]);
    expect(await feedIds(DEMO.resident)).not.toContain(id);
  });

  it('hides images from residents until their check passes; a risky one stays hidden', async () => {
    const good = await upload(DEMO.secretary, 'jpg', JPEG, 'good');
    const bad = await upload(DEMO.secretary, 'jpg', JPEG, 'RISKY');
    const { id } = await publish(DEMO.secretary, { images: [good, bad] });

    expect((await detail(DEMO.resident, id)).images).toEqual([]);
    expect((await feed(DEMO.resident)).items.find((i) => i.id === id)!.imageCount).toBe(0);
    const author = await detail(DEMO.secretary, id);
    expect(author.images.map((image) => image.state)).toEqual(['pending', 'pending']);

    await cloud.standIn.flushMediaChecks();
    const seen = await detail(DEMO.resident, id);
    expect(seen.images).toEqual([{ fileID: good, state: 'pass', url: expect.stringMatching(/^http/) }]);
    expect((await feed(DEMO.resident)).items.find((i) => i.id === id)!.imageCount).toBe(1);
    expect((await detail(DEMO.secretary, id)).images.map((image) => image.fileID)).toEqual([good]);
  });

  it('keeps approved images visible through an edit and checks only the added one', async () => {
    const first = await upload(DEMO.secretary, 'jpg', JPEG, 'keep');
    const { id } = await publish(DEMO.secretary, { images: [first] });
    await cloud.standIn.flushMediaChecks();
    expect((await detail(DEMO.resident, id)).images.map((image) => image.fileID)).toEqual([first]);

    const added = await upload(DEMO.secretary, 'jpg', JPEG, 'added');
    await ok(call(DEMO.secretary, { action: 'update', id, version: 1, ...draft({ images: [first, added] }) }));
    // The approved photo stays visible; the new one waits for its own verdict.
    expect((await detail(DEMO.resident, id)).images.map((image) => image.fileID)).toEqual([first]);
    expect(await cloud.standIn.flushMediaChecks()).toBe(1);
    expect((await detail(DEMO.resident, id)).images.map((image) => image.fileID)).toEqual([first, added]);
  });

  it('can be flagged and hidden by the moderation service like any content', async () => {
    const { id } = await publish(DEMO.secretary, { title: '可举报的通知' });
    for (const openid of [DEMO.resident, DEMO.senior, DEMO.partyMember]) {
      await ok(cloud.call('moderation', { action: 'flag', kind: 'notice', id, reason: '内容不实' }, { openid }));
    }
    expect(await feedIds(DEMO.unitLeader)).not.toContain(id);
  });

  it('deletes the files of a notice staff rejected', async () => {
    const attachment = await upload(DEMO.secretary, 'pdf', PDF, 'plan');
    const image = await upload(DEMO.secretary, 'jpg', JPEG, 'photo');
    const { id, held } = await publish(DEMO.secretary, {
      body: '待复核的内容',
      images: [image],
      attachments: [{ fileID: attachment, name: '安排.pdf' }],
    });
    expect(held).toBe(true);
    const queue = await ok<{ items: ModerationItemView[] }>(
      cloud.call('moderation', { action: 'queue', state: 'open' }, { openid: DEMO.staff }),
    );
    const itemId = queue.items.find((i) => i.targetId === id)!.id;
    await ok(cloud.call('moderation', { action: 'decide', itemId, decision: 'reject' }, { openid: DEMO.staff }));
    await cloud.runner.fireTimer('notice', 'sweep');
    expect(await fileExists(attachment)).toBe(false);
    expect(await fileExists(image)).toBe(false);
    expect(await call(DEMO.secretary, { action: 'update', id, version: 1, ...draft() })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
  });
});

describe('expiry on the Shanghai clock', () => {
  it('shows a notice through its last day in Shanghai and not a moment longer', async () => {
    const { id } = await publish(DEMO.secretary, { title: '本周有效', expiresOn: cal.day(4) }, NOW);
    const expired = cal.at(5, '00:00'); // the next day begins in Shanghai
    const lastMoment = new Date(expired.getTime() - 1000); // 23:59:59 in Shanghai
    const item = (await feed(DEMO.resident, {}, lastMoment)).items.find((i) => i.id === id);
    expect(item?.expiresLabel).toBe(`有效期至 ${cal.day(4)}`);
    expect(await feedIds(DEMO.resident, expired)).not.toContain(id);
    // Still readable from a message, marked as expired.
    expect((await detail(DEMO.resident, id, expired)).expired).toBe(true);
  });

  it('takes today (Shanghai) as the earliest expiry, even when it is still yesterday in UTC', async () => {
    const earlyMorning = cal.at(0, '01:30'); // still the day before in UTC
    await expect(publish(DEMO.secretary, { expiresOn: cal.day(0) }, earlyMorning)).resolves.toMatchObject({
      held: false,
    });
    const before = await cloud.counts();
    expect(
      await call(DEMO.secretary, { action: 'publish', ...draft({ expiresOn: cal.day(-1) }) }, earlyMorning),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '有效期不能早于今天' } });
    expect(await cloud.counts()).toEqual(before);
  });
});

describe('editing and withdrawing', () => {
  it('lets the author edit with the version they started from; a stale version conflicts', async () => {
    const attachment = await upload(DEMO.secretary, 'pdf', PDF, 'old');
    const { id } = await publish(DEMO.secretary, { attachments: [{ fileID: attachment, name: '旧安排.pdf' }] });
    const edited = await ok<PublishOutput>(
      call(DEMO.secretary, { action: 'update', id, version: 1, ...draft({ title: '停水时间改为下午' }) }),
    );
    expect(edited.version).toBe(2);
    const seen = await detail(DEMO.resident, id);
    expect(seen).toMatchObject({ title: '停水时间改为下午', edited: true, attachments: [] });
    // The removed attachment is gone from storage.
    expect(await fileExists(attachment)).toBe(false);
    expect(await call(DEMO.secretary, { action: 'update', id, version: 1, ...draft() })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    // Staff may edit anyone's notice; another building's secretary may not.
    expect(await call(DEMO.otherSecretary, { action: 'update', id, version: 2, ...draft() })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    await ok(call(DEMO.staff, { action: 'update', id, version: 2, ...draft({ title: '社区代为更正' }) }));
    // The author cannot move the notice to a building they do not serve.
    expect(
      await call(DEMO.secretary, {
        action: 'update',
        id,
        version: 3,
        ...draft({ scope: { kind: 'buildings', buildingNos: [3] } }),
      }),
    ).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('answers the retry of an applied edit (same request id) instead of refusing it as stale', async () => {
    const { id } = await publish(DEMO.staff, { scope: { kind: 'buildings', buildingNos: [7] } });
    const edit = {
      action: 'update',
      id,
      version: 1,
      ...draft({ title: '7号楼停水改期', scope: { kind: 'buildings', buildingNos: [7] } }),
      requestId: 'editor-edit-0001',
    };
    const first = await ok<PublishOutput>(call(DEMO.staff, edit));
    expect(first.version).toBe(2);
    expect(await ok<PublishOutput>(call(DEMO.staff, edit))).toEqual(first);
    expect((await cloud.db().collection('notices').doc(id).get()).data[0]).toMatchObject({ version: 2 });
    // Another edit from the same stale version (a new request) is still refused.
    expect(await call(DEMO.staff, { ...edit, requestId: 'editor-edit-0002' })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
  });

  it('re-scoping changes who sees it', async () => {
    const { id } = await publish(DEMO.secretary, { scope: { kind: 'units', buildingNo: 5, unitNos: [1] } });
    expect(await feedIds(DEMO.resident)).not.toContain(id);
    await ok(call(DEMO.secretary, { action: 'update', id, version: 1, ...draft() }));
    expect(await feedIds(DEMO.resident)).toContain(id);
    const mine = await ok<{ items: MyNoticeItem[] }>(call(DEMO.secretary, { action: 'mine' }));
    expect(mine.items.find((i) => i.id === id)!.householdCount).toBe(84);
  });

  it('withdraws: gone from the feed, files deleted, no second withdrawal or edit', async () => {
    const image = await upload(DEMO.secretary, 'jpg', JPEG, 'w');
    const attachment = await upload(DEMO.secretary, 'pdf', PDF, 'w');
    const { id } = await publish(DEMO.secretary, {
      images: [image],
      attachments: [{ fileID: attachment, name: '说明.pdf' }],
    });
    expect(await fileExists(image)).toBe(true);
    expect(await call(DEMO.resident, { action: 'withdraw', id })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    await ok(call(DEMO.secretary, { action: 'withdraw', id }));
    expect(await fileExists(image)).toBe(false);
    expect(await fileExists(attachment)).toBe(false);
    expect(await feedIds(DEMO.resident)).not.toContain(id);
    expect(await call(DEMO.resident, { action: 'detail', id })).toMatchObject({
      error: { code: 'NOT_FOUND', message: '该通知已撤回' },
    });
    expect(await call(DEMO.secretary, { action: 'withdraw', id })).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await call(DEMO.secretary, { action: 'update', id, version: 1, ...draft() })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    const mine = await ok<{ items: MyNoticeItem[] }>(call(DEMO.secretary, { action: 'mine' }));
    expect(mine.items.find((i) => i.id === id)).toMatchObject({ state: 'withdrawn', canEdit: false });
  });

  it('lets staff withdraw anyone’s notice', async () => {
    const { id } = await publish(DEMO.secretary);
    await ok(call(DEMO.staff, { action: 'withdraw', id }));
    expect(await feedIds(DEMO.resident)).not.toContain(id);
  });

  it('refuses files from someone else’s folder', async () => {
    const foreign = await upload(DEMO.staff, 'jpg', JPEG, 'foreign');
    const before = await cloud.counts();
    expect(await call(DEMO.secretary, { action: 'publish', ...draft({ images: [foreign] }) })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await cloud.counts()).toEqual(before);
  });
});

describe('receipts', () => {
  it('counts households of the region, lists the unread ones with residents to call', async () => {
    const { id } = await publish(DEMO.secretary);
    await detail(DEMO.resident, id);
    await detail(DEMO.unitLeader, id);

    const all = await receipts(DEMO.secretary, id);
    expect(all).toMatchObject({ regionLabel: '5号楼', households: 84, read: 2 });
    expect(all.registeredHouseholds).toBeGreaterThan(40);
    expect(all.registeredHouseholds).toBeLessThanOrEqual(84);
    expect(all.unread).toHaveLength(82);
    expect(all.unread.map((h) => h.address)).not.toContain('5号楼2单元301');
    const senior = all.unread.find((h) => h.address === '5号楼1单元102')!;
    expect(senior.residents).toEqual([{ residentId: 'r-demo-senior', name: '赵桂兰', phone: expect.any(String) }]);
    expect(all.unread.some((h) => h.residents.length === 0)).toBe(true);
    // By address.
    expect(all.unread[0]!.address).toBe('5号楼1单元101');

    // The unit leader sees their unit only; staff everything.
    const unit = await receipts(DEMO.unitLeader, id);
    expect(unit).toMatchObject({ regionLabel: '5号楼 2单元', households: 21, read: 2 });
    expect(unit.unread.every((h) => h.unitNo === 2)).toBe(true);
    expect((await receipts(DEMO.staff, id)).households).toBe(84);
  });

  it('gives a building secretary their building’s part of a community notice', async () => {
    const { id } = await publish(DEMO.staff, { scope: { kind: 'community' } });
    expect(await receipts(DEMO.otherSecretary, id)).toMatchObject({ regionLabel: '3号楼', households: 84 });
    expect((await receipts(DEMO.staff, id)).households).toBe(1008);
    expect((await detail(DEMO.otherSecretary, id)).canSeeReceipts).toBe(true);
    expect((await detail(DEMO.resident, id)).canSeeReceipts).toBe(false);
  });

  it('exports the unread households as an xlsx file in the caller’s export folder', async () => {
    const { id } = await publish(DEMO.secretary, { title: '导出测试' });
    await detail(DEMO.resident, id);
    const exported = await ok<{ fileID: string; url: string; fileName: string; rows: number }>(
      call(DEMO.secretary, { action: 'exportUnread', id }),
    );
    expect(exported.rows).toBe(83);
    expect(exported.fileName).toMatch(/^未读住户-导出测试-\d{8}-\d{4}\.xlsx$/);
    expect(exported.fileID).toContain(uploadFolder('export', DEMO.secretary));
    const [sheet] = await readSpreadsheet(await download(exported.url));
    expect(sheet!.name).toBe('未读住户');
    const text = sheet!.rows.map((row) => row.join(' ')).join('\n');
    expect(text).toContain('5号楼1单元102');
    expect(text).toContain('赵桂兰');
    expect(text).not.toContain('5号楼2单元301');
    // a header and the 83 unread households
    expect(sheet!.rows).toHaveLength(84);
  });
});

describe('who may do what', () => {
  const ROLES = {
    resident: DEMO.resident,
    pending: DEMO.pending,
    partyMember: DEMO.partyMember,
    unitLeader: DEMO.unitLeader,
    secretary: DEMO.secretary,
    otherSecretary: DEMO.otherSecretary,
    staff: DEMO.staff,
    canteen: DEMO.canteen,
    relative: DEMO.relative,
  } as const;
  type Who = keyof typeof ROLES;
  const everyone = Object.keys(ROLES) as Who[];
  /** What each action answers per role, for a secretary's notice to building 5: 'ok' or an error code (default FORBIDDEN). */
  const EXPECTED: Record<string, Partial<Record<Who, string>>> = {
    targets: { secretary: 'ok', otherSecretary: 'ok', staff: 'ok' },
    publish: { secretary: 'ok', staff: 'ok' },
    update: { secretary: 'ok', staff: 'ok' },
    withdraw: { secretary: 'ok', staff: 'ok' },
    feed: Object.fromEntries(everyone.map((who) => [who, 'ok'])),
    detail: {
      resident: 'ok',
      partyMember: 'ok',
      unitLeader: 'ok',
      secretary: 'ok',
      staff: 'ok',
      pending: 'NOT_FOUND',
      otherSecretary: 'NOT_FOUND',
      canteen: 'NOT_FOUND',
      relative: 'NOT_FOUND',
    },
    mine: { secretary: 'ok', otherSecretary: 'ok', staff: 'ok' },
    receipts: { secretary: 'ok', unitLeader: 'ok', staff: 'ok' },
    exportUnread: { secretary: 'ok', unitLeader: 'ok', staff: 'ok' },
  };

  let noticeId = '';
  let version = 1;
  beforeAll(async () => {
    noticeId = (await publish(DEMO.secretary, { title: '权限测试' })).id;
  });

  const cases = Object.entries(EXPECTED).flatMap(([action, expected]) =>
    everyone.map((who) => [action, who, expected[who] ?? 'FORBIDDEN'] as const),
  );

  it.each(cases)('%s as %s → %s', async (action, who, outcome) => {
    const event: Event = { action };
    if (action === 'publish') Object.assign(event, draft());
    if (action === 'update') Object.assign(event, draft({ title: `权限测试（${who}）` }), { id: noticeId, version });
    if (['detail', 'receipts', 'exportUnread'].includes(action)) event.id = noticeId;
    // Each withdrawal gets a notice of its own.
    if (action === 'withdraw') event.id = (await publish(DEMO.secretary, { title: `待撤回（${who}）` })).id;
    const before = outcome === 'ok' ? undefined : await cloud.counts();
    const result = await call(ROLES[who], event);
    if (outcome === 'ok') {
      expect(result).toMatchObject({ ok: true });
      if (action === 'update') version++;
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: outcome } });
      expect(await cloud.counts()).toEqual(before);
    }
  });
});

describe('mine', () => {
  it('lists the author’s own notices newest first; only staff may list everyone’s', async () => {
    const { id } = await publish(DEMO.otherSecretary, {
      scope: { kind: 'buildings', buildingNos: [3] },
      title: '3号楼通知',
    });
    const own = await ok<{ items: MyNoticeItem[]; canSeeAll: boolean }>(call(DEMO.otherSecretary, { action: 'mine' }));
    expect(own.canSeeAll).toBe(false);
    expect(own.items[0]).toMatchObject({ id, title: '3号楼通知', householdCount: 84, readCount: 0, canEdit: true });
    expect(own.items.every((item) => item.scopeLabel === '3号楼')).toBe(true);
    expect(
      (await ok<{ items: MyNoticeItem[] }>(call(DEMO.secretary, { action: 'mine' }))).items.map((i) => i.id),
    ).not.toContain(id);
    expect(await call(DEMO.secretary, { action: 'mine', all: true })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const all = await ok<{ items: MyNoticeItem[]; canSeeAll: boolean }>(
      call(DEMO.staff, { action: 'mine', all: true }),
    );
    expect(all.canSeeAll).toBe(true);
    expect(all.items.find((item) => item.id === id)).toMatchObject({ canEdit: true });
  });
});

describe('malformed input', () => {
  const ID = 'abc123';
  const MALFORMED: Array<[string, Event]> = [
    ['targets', { extra: 1 }],
    ['publish', { ...draft(), title: '' }],
    ['publish', { ...draft(), title: '长'.repeat(61) }],
    ['publish', { ...draft(), body: '   ' }],
    ['publish', { ...draft(), scope: { kind: 'galaxy' } }],
    ['publish', { ...draft(), scope: { kind: 'buildings', buildingNos: [] } }],
    ['publish', { ...draft(), scope: { kind: 'units', buildingNo: 5, unitNos: [1, 1] } }],
    ['publish', { ...draft(), scope: { kind: 'buildings', buildingNos: [99] } }],
    ['publish', { ...draft(), scope: { kind: 'units', buildingNo: 5, unitNos: [9] } }],
    ['publish', { ...draft(), images: ['https://example.com/a.jpg'] }],
    ['publish', { ...draft(), images: Array.from({ length: 10 }, (_, i) => `cloud://env.b/x/${i}.jpg`) }],
    ['publish', { ...draft(), attachments: [{ fileID: 'cloud://env.b/x/a.exe', name: 'a.exe' }] }],
    ['publish', { ...draft(), expiresOn: '2026/11/30' }],
    ['publish', { ...draft(), expiresOn: '2026-02-30' }],
    ['publish', { ...draft(), pinned: 'yes' }],
    ['publish', { ...draft(), authorId: 'r-demo-staff' }],
    ['publish', { title: '只有标题' }],
    ['update', { ...draft(), id: ID }],
    ['update', { ...draft(), id: ID, version: 0 }],
    ['update', { ...draft(), id: '../notices', version: 1 }],
    ['withdraw', {}],
    ['withdraw', { id: '' }],
    ['withdraw', { id: 5 }],
    ['feed', { page: 0 }],
    ['feed', { pageSize: 50 }],
    ['feed', { page: 'next' }],
    ['detail', {}],
    ['detail', { id: 'x'.repeat(65) }],
    ['mine', { page: -1 }],
    ['mine', { all: 'yes' }],
    ['receipts', {}],
    ['receipts', { id: { $gt: '' } }],
    ['exportUnread', { id: ['a'] }],
  ];

  it.each(MALFORMED)('%s %j → INVALID_INPUT, nothing written', async (action, input) => {
    const before = await cloud.counts();
    expect(await call(DEMO.staff, { action, ...input }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await cloud.counts()).toEqual(before);
  });

  it('answers unknown actions and ids plainly', async () => {
    expect(await call(DEMO.staff, { action: 'delete' })).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    for (const action of ['detail', 'withdraw', 'receipts', 'exportUnread']) {
      expect(await call(DEMO.staff, { action, id: 'nosuchnotice' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    expect(await call(DEMO.staff, { action: 'update', id: 'nosuchnotice', version: 1, ...draft() })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('round trips', () => {
  it('feed: two (caller + one aggregate); detail: four, then three; plain publish to a building: four', async () => {
    const image = await upload(DEMO.secretary, 'jpg', JPEG, 'rt');
    const published = await cloud.invoke(
      'notice',
      { action: 'publish', ...draft({ images: [image] }) },
      {
        openid: DEMO.secretary,
      },
    );
    const { id } = (published.result as Result<PublishOutput> & { ok: true }).data;
    await cloud.standIn.flushMediaChecks();
    const feedCall = await cloud.invoke('notice', { action: 'feed' }, { openid: DEMO.resident });
    expect(feedCall.roundTrips).toBe(2);
    const first = await cloud.invoke('notice', { action: 'detail', id }, { openid: DEMO.resident });
    expect(first.roundTrips).toBeLessThanOrEqual(4);
    const again = await cloud.invoke('notice', { action: 'detail', id }, { openid: DEMO.resident });
    expect(again.roundTrips).toBeLessThanOrEqual(3);
    const plain = await cloud.invoke('notice', { action: 'publish', ...draft() }, { openid: DEMO.secretary });
    expect(plain.roundTrips).toBeLessThanOrEqual(4);
  });
});
