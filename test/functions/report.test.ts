/**
 * The `report` function on the stand-in through the real SDK: routing down the Party
 * network, privacy of household matters and of the reporter's identity, photos hidden
 * until the asynchronous verdict, the whole lifecycle with its pushes, reopen once, the
 * 7-day auto-close timer, 我也遇到了 under concurrency, the daily limit, figures, settings.
 */
import { DEMO } from '../../local/seed/community';
import type { ReportDetail, ReportItem, ReportOptions, ReportStats } from '../../typings/domain/report';
import type { ReportConfig } from '../../typings/domain/report';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ok, reportKit } from './report-kit';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());
// The daily limit (10 a day) has its own test; the others file freely.
beforeEach(async () => {
  await cloud
    .db()
    .collection('report_quotas')
    .where({ count: cloud.db().command.gte(0) })
    .remove();
});

const { call, photo, submit, subscribe, recipientsOf } = reportKit(() => cloud);
const detail = (openid: string, id: string) => ok<ReportDetail>(call(openid, { action: 'detail', id }));
const act = (openid: string, event: Record<string, unknown>, now?: Date) => ok<ReportDetail>(call(openid, event, now));

/** Residents of building 7 who registered with WeChat, from the seed. */
async function residentsOf(buildingNo: number, count: number): Promise<Array<{ _id: string; openid: string }>> {
  const { data } = await cloud
    .db()
    .collection('residents')
    .where({ 'binding.status': 'verified', 'binding.address.buildingNo': buildingNo, roles: [] })
    .limit(100)
    .get();
  return (data as Array<{ _id: string; openid?: string }>)
    .filter((r): r is { _id: string; openid: string } => Boolean(r.openid))
    .slice(0, count);
}

describe('options', () => {
  it('gives a resident the categories, the spots and their home to prefill', async () => {
    const options = await ok<ReportOptions>(call(DEMO.resident, { action: 'options' }));
    expect(options.categories.map((c) => c.label)).toEqual([
      '环境卫生',
      '公共设施',
      '安全隐患',
      '燃气/消防',
      '邻里纠纷',
      '其他',
    ]);
    expect(options.spots.length).toBeGreaterThan(3);
    expect(options.buildings).toHaveLength(12);
    expect(options.home).toEqual({ buildingNo: 5, unitNo: 2, floor: 3, label: '5号楼2单元 3层' });
    expect(options).toMatchObject({ canReport: true, canHandle: false, forWhom: [] });
  });

  it('lets a relative without a household report for the seniors they are confirmed for', async () => {
    const options = await ok<ReportOptions>(call(DEMO.relative, { action: 'options' }));
    expect(options.home).toBeUndefined();
    expect(options.canReport).toBe(true);
    expect(options.forWhom.map((p) => p.name).sort()).toEqual(['赵桂兰', '钱长海'].sort());
    expect(JSON.stringify(options.forWhom)).not.toMatch(/102|201/);
  });

  it('tells someone not yet verified why they cannot report', async () => {
    const options = await ok<ReportOptions>(call(DEMO.pending, { action: 'options' }));
    expect(options.canReport).toBe(false);
    expect(options.cannotReportReason).toContain('审核');
  });
});

describe('routing', () => {
  it('sends a unit matter in building 5 to its secretary and that unit’s leader only', async () => {
    const { id, assignmentLabel, push } = await submit(DEMO.resident);
    expect(assignmentLabel).toBe('5号楼党支部（2单元）');
    expect(await recipientsOf(id)).toEqual(['r-demo-secretary', 'r-demo-unit-leader']);
    expect(push.recipients).toBe(2);
  });

  it('sends a building 3 matter to building 3’s secretary, not building 5’s', async () => {
    const { id, assignmentLabel } = await submit(DEMO.resident, { place: { kind: 'building', buildingNo: 3 } });
    expect(assignmentLabel).toBe('3号楼党支部');
    expect(await recipientsOf(id)).toEqual(['r-demo-secretary-b3']);
  });

  it('finds each building’s own secretary (building 7, from the seed)', async () => {
    const { id } = await submit(DEMO.resident, { place: { kind: 'building', buildingNo: 7 } });
    expect(await recipientsOf(id)).toEqual(['r-07-1-402']);
  });

  it('sends 燃气/消防 and community-wide spots to community staff', async () => {
    const gas = await submit(DEMO.resident, { categoryId: 'gas_fire', description: '5号楼2单元闻到燃气味' });
    expect(gas.assignmentLabel).toBe('社区工作人员');
    expect(await recipientsOf(gas.id)).toEqual(['r-demo-staff']);
    const gate = await submit(DEMO.resident, { place: { kind: 'spot', spotId: 'east-gate' } });
    expect(await recipientsOf(gate.id)).toEqual(['r-demo-staff']);
  });

  it('also alerts staff at once for an urgent safety report', async () => {
    const { id } = await submit(DEMO.resident, {
      categoryId: 'hazard',
      urgent: true,
      description: '楼道被杂物堵死，消防通道不通',
    });
    expect(await recipientsOf(id)).toEqual(['r-demo-secretary', 'r-demo-staff', 'r-demo-unit-leader']);
  });

  it('sends a WeChat message to a subscribed assignee, spending one credit', async () => {
    await subscribe(DEMO.secretary);
    const before = cloud.standIn.outbox().filter((m) => m.touser === DEMO.secretary).length;
    await submit(DEMO.resident, { place: { kind: 'building', buildingNo: 5 } });
    await submit(DEMO.resident, { place: { kind: 'building', buildingNo: 5 } });
    expect(cloud.standIn.outbox().filter((m) => m.touser === DEMO.secretary).length - before).toBe(1);
  });
});

describe('privacy', () => {
  let household: string;
  beforeAll(async () => {
    ({ id: household } = await submit(DEMO.resident, {
      categoryId: 'neighbour',
      household: true,
      place: undefined,
      description: '楼上漏水到我家卫生间，沟通几次没有结果',
    }));
  });

  it('places a household matter at the household and lets only the people handling it see it', async () => {
    const own = await detail(DEMO.resident, household);
    expect(own).toMatchObject({ household: true, placeLabel: '5号楼2单元 3层', viewer: 'owner' });
    for (const handler of [DEMO.secretary, DEMO.unitLeader, DEMO.staff]) {
      expect((await detail(handler, household)).viewer).toBe('handler');
    }
    for (const stranger of [DEMO.otherSecretary, DEMO.partyMember, DEMO.senior, DEMO.teamLeader, DEMO.relative]) {
      expect(await call(stranger, { action: 'detail', id: household })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    const { items } = await ok<{ items: ReportItem[] }>(
      call(DEMO.partyMember, { action: 'publicList', scope: 'building' }),
    );
    expect(items.map((item) => item.id)).not.toContain(household);
  });

  it('never shows the reporter to another resident; handlers see whom to call', async () => {
    const { id } = await submit(DEMO.resident, { description: '单元门禁坏了，门关不上' });
    const views = [
      await call(DEMO.partyMember, { action: 'detail', id }),
      await call(DEMO.partyMember, { action: 'publicList', scope: 'building' }),
      await call(DEMO.partyMember, {
        action: 'similar',
        categoryId: 'facility',
        place: { kind: 'building', buildingNo: 5 },
      }),
    ];
    const text = JSON.stringify(views);
    expect(text).toContain(id);
    for (const secret of ['林晓燕', 'r-demo-resident', DEMO.resident, '301', '138']) expect(text).not.toContain(secret);
    const seen = await detail(DEMO.secretary, id);
    expect(seen.reporter).toEqual({
      name: '林晓燕',
      phone: expect.stringMatching(/^1\d{10}$/),
      address: '5号楼2单元301',
    });
    expect((await detail(DEMO.partyMember, id)).reporter).toBeUndefined();
  });
});

describe('text held for review', () => {
  it('reaches the people responsible at once, other residents only after staff approve it', async () => {
    const { id, held } = await submit(DEMO.resident, { description: '楼道里贴满小广告，上面写着加微信' });
    expect(held).toBe(true);
    expect(await recipientsOf(id)).toEqual(['r-demo-secretary', 'r-demo-unit-leader']);
    expect((await detail(DEMO.secretary, id)).moderation).toBe('review');
    expect((await detail(DEMO.resident, id)).moderation).toBe('review');
    expect(await call(DEMO.partyMember, { action: 'detail', id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const queue = await ok<{ items: Array<{ id: string; targetId: string; kind: string }> }>(
      cloud.call('moderation', { action: 'queue', state: 'open' }, { openid: DEMO.staff }),
    );
    const item = queue.items.find((entry) => entry.kind === 'report' && entry.targetId === id)!;
    await ok(
      cloud.call('moderation', { action: 'decide', itemId: item.id, decision: 'approve' }, { openid: DEMO.staff }),
    );
    expect((await detail(DEMO.partyMember, id)).moderation).toBe('pass');
  });
});

describe('photos', () => {
  it('stay hidden from others until the asynchronous verdict passes; a risky one never shows', async () => {
    const good = await photo(DEMO.resident);
    const bad = await photo(DEMO.resident, true);
    const { id } = await submit(DEMO.resident, { images: [good, bad] });

    const publicBefore = await detail(DEMO.partyMember, id);
    expect(publicBefore.images).toEqual([]);
    expect(publicBefore.thumbnail).toBeUndefined();
    const ownBefore = await detail(DEMO.resident, id);
    expect(ownBefore.images.map((image) => image.state)).toEqual(['pending', 'pending']);

    expect(await cloud.standIn.flushMediaChecks()).toBeGreaterThanOrEqual(2);

    const publicAfter = await detail(DEMO.partyMember, id);
    expect(publicAfter.images).toEqual([{ fileID: good, state: 'pass', url: expect.any(String) }]);
    expect(publicAfter.thumbnail).toEqual(expect.any(String));
    expect((await detail(DEMO.resident, id)).images.map((image) => image.fileID)).toEqual([good]);
  });
});

describe('the lifecycle', () => {
  it('accepted → in progress → resolved with a photo → confirmed and rated, pushing the reporter each time', async () => {
    await subscribe(DEMO.resident, 3);
    const sentBefore = cloud.standIn.outbox().filter((m) => m.touser === DEMO.resident).length;
    const { id } = await submit(DEMO.resident, { images: [await photo(DEMO.resident)] });

    const accepted = await act(DEMO.secretary, { action: 'accept', id });
    expect(accepted).toMatchObject({ status: 'accepted', assigneeLabel: '5号楼党支部书记 吴国强' });
    const started = await act(DEMO.secretary, { action: 'start', id, note: '已联系电工，明天上午来修' });
    expect(started.status).toBe('in_progress');
    const note = await act(DEMO.secretary, { action: 'note', id, text: '电工电话：内部记录' });
    expect(note.timeline.at(-1)).toMatchObject({ kind: 'note', internal: true });

    const fixPhoto = await photo(DEMO.secretary);
    const resolved = await act(DEMO.secretary, { action: 'resolve', id, note: '已更换灯泡', images: [fixPhoto] });
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolution).toMatchObject({ note: '已更换灯泡', images: [{ fileID: fixPhoto, state: 'pending' }] });

    // The reporter sees the timeline without the internal note, and the fix photo once it passed.
    const mine = await detail(DEMO.resident, id);
    expect(mine.timeline.map((entry) => entry.title)).toEqual(['已提交', '已受理', '处理中', '已解决']);
    expect(mine.timeline.map((entry) => entry.text)).not.toContain('电工电话：内部记录');
    expect(mine.resolution!.images).toEqual([]);
    expect(mine.autoCloseLabel).toMatch(/^请在\d+月\d+日前确认/);
    expect(mine.can).toMatchObject({ confirm: true, reopen: true, accept: false });
    await cloud.standIn.flushMediaChecks();
    expect((await detail(DEMO.resident, id)).resolution!.images).toEqual([
      { fileID: fixPhoto, state: 'pass', url: expect.any(String) },
    ]);

    const confirmed = await act(DEMO.resident, { action: 'confirm', id, stars: 5, comment: '修得很快，谢谢' });
    expect(confirmed).toMatchObject({ status: 'confirmed', rating: { stars: 5, comment: '修得很快，谢谢' } });
    expect(confirmed.can).toMatchObject({ confirm: false, reopen: false });

    // Three credits: the first three updates went to WeChat, the rest only in-app.
    expect(cloud.standIn.outbox().filter((m) => m.touser === DEMO.resident).length - sentBefore).toBe(3);
    const { data } = await cloud
      .db()
      .collection('messages')
      .where({ recipientId: 'r-demo-resident', 'source.id': id })
      .get();
    expect(data).toHaveLength(3);
    // Other residents never see the rating or the comment.
    const theirs = await detail(DEMO.partyMember, id);
    expect(theirs.rating).toBeUndefined();
    expect(JSON.stringify(theirs)).not.toContain('修得很快');
  });

  it('lets only one of two handlers accepting at once win', async () => {
    const { id } = await submit(DEMO.resident);
    const outcomes = await Promise.all([
      call(DEMO.secretary, { action: 'accept', id }),
      call(DEMO.unitLeader, { action: 'accept', id }),
    ]);
    const codes = outcomes.map((r) =>
      (r as Result<unknown>).ok ? 'ok' : (r as { error: { code: string } }).error.code,
    );
    expect(codes.sort()).toEqual(['CONFLICT', 'ok']);
    const { data } = await cloud.db().collection('reports').doc(id).get();
    expect((data[0] as { timeline: unknown[] }).timeline).toHaveLength(2);
  });

  it('reopens once: back to 处理中 with the same assignee, then never again', async () => {
    const { id } = await submit(DEMO.resident);
    await act(DEMO.unitLeader, { action: 'accept', id });
    await act(DEMO.unitLeader, { action: 'resolve', id, note: '已修好', images: [] });
    const reopened = await act(DEMO.resident, { action: 'reopen', id, reason: '灯还是不亮，可能是线路问题' });
    expect(reopened).toMatchObject({ status: 'in_progress', reopensLeft: 0, assigneeLabel: '5号楼2单元单元长 周玉梅' });
    expect(await recipientsOf(id)).toContain('r-demo-unit-leader');
    await act(DEMO.unitLeader, { action: 'resolve', id, note: '已请电工更换线路', images: [] });
    expect(await call(DEMO.resident, { action: 'reopen', id, reason: '还是不亮' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('一次') },
    });
  });

  it('marks a duplicate with the original; a reopened duplicate goes back to the branch', async () => {
    const first = await submit(DEMO.resident);
    const second = await submit(DEMO.resident);
    const declined = await act(DEMO.secretary, {
      action: 'decline',
      id: second.id,
      outcome: 'duplicate',
      reason: '已有人报过同一问题',
      duplicateOf: first.id,
    });
    expect(declined).toMatchObject({
      status: 'duplicate',
      decline: { outcome: 'duplicate', reason: '已有人报过同一问题', duplicateOfNo: first.id },
    });
    const reopened = await act(DEMO.resident, { action: 'reopen', id: second.id, reason: '不是同一个地方' });
    expect(reopened.status).toBe('submitted');
  });

  it('hands a report to a volunteer team, whose leader can take it; the secretary still follows it', async () => {
    const { id } = await submit(DEMO.resident, { categoryId: 'sanitation', description: '楼道堆满纸箱' });
    const targets = (await detail(DEMO.secretary, id)).reassignTargets!;
    expect(targets.map((t) => t.label)).toEqual(expect.arrayContaining(['社区工作人员', '环境美化志愿服务队']));
    const handed = await act(DEMO.secretary, {
      action: 'reassign',
      id,
      to: { kind: 'team', teamId: 'team01' },
      note: '请志愿队周六清理',
    });
    expect(handed).toMatchObject({ status: 'submitted', assignmentLabel: '环境美化志愿服务队' });
    expect(await recipientsOf(id)).toContain('r-demo-team-leader');
    const taken = await act(DEMO.teamLeader, { action: 'accept', id });
    expect(taken.assigneeLabel).toBe('环境美化志愿服务队队长 高立新');
    // The unit leader of 5-2 no longer handles it; the building's secretary does.
    expect((await detail(DEMO.unitLeader, id)).viewer).toBe('public');
    expect((await detail(DEMO.secretary, id)).viewer).toBe('handler');
    // The reporter sees the hand-over, not the internal note.
    const texts = (await detail(DEMO.resident, id)).timeline.map((entry) => entry.text);
    expect(texts).toContain('转交给环境美化志愿服务队');
    expect(texts).not.toContain('请志愿队周六清理');
  });

  it('lets the reporter withdraw before anyone accepted it, not after', async () => {
    const { id } = await submit(DEMO.resident);
    expect((await act(DEMO.resident, { action: 'withdraw', id })).status).toBe('withdrawn');
    const other = await submit(DEMO.resident);
    await act(DEMO.secretary, { action: 'accept', id: other.id });
    expect(await call(DEMO.resident, { action: 'withdraw', id: other.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('lets a confirmed relative report a household matter for the senior, and answer it', async () => {
    const { id } = await submit(DEMO.relative, {
      forResidentId: 'r-demo-senior',
      household: true,
      place: undefined,
      categoryId: 'facility',
      description: '老人家里暖气不热，请帮忙联系维修',
    });
    const theirs = await detail(DEMO.relative, id);
    expect(theirs).toMatchObject({ viewer: 'owner', placeLabel: '5号楼1单元 1层' });
    expect((await detail(DEMO.senior, id)).viewer).toBe('owner');
    const handler = await detail(DEMO.secretary, id);
    expect(handler.reporter).toMatchObject({ name: '赵桂兰', address: '5号楼1单元102', filedBy: '赵文杰代报' });
    const { items } = await ok<{ items: ReportItem[] }>(call(DEMO.relative, { action: 'mine' }));
    expect(items.map((item) => item.id)).toContain(id);
    // Not for a senior they are not confirmed for.
    expect(
      await call(DEMO.relative, {
        action: 'submit',
        categoryId: 'facility',
        description: '楼道灯坏了',
        images: [],
        place: { kind: 'building', buildingNo: 5 },
        urgent: false,
        household: false,
        forResidentId: 'r-demo-resident',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('auto-close', () => {
  it('closes a resolved report by itself after 7 full days in Shanghai, and tells the reporter', async () => {
    const resolvedAt = new Date('2026-03-01T07:00:00Z'); // 15:00 in Shanghai
    const { id } = await submit(DEMO.partyMember, { description: '健身器材螺丝松了' }, resolvedAt);
    await act(DEMO.secretary, { action: 'accept', id }, resolvedAt);
    await act(DEMO.secretary, { action: 'resolve', id, note: '已紧固', images: [] }, resolvedAt);

    const fire = async (iso: string) =>
      (await cloud.runner.fireTimer('report', 'autoClose', { now: new Date(iso) })).result as Result<{
        closed: number;
      }>;
    // 2026-03-08 23:59 in Shanghai: still the last day to answer.
    expect(await fire('2026-03-08T15:59:00Z')).toMatchObject({ ok: true, data: { closed: 0 } });
    expect(await fire('2026-03-08T16:00:00Z')).toMatchObject({ ok: true, data: { closed: 1 } });
    const closed = await detail(DEMO.partyMember, id);
    expect(closed.status).toBe('closed');
    expect(closed.timeline.at(-1)).toMatchObject({ kind: 'closed', actorLabel: '系统' });
    expect(await recipientsOf(id)).toContain('r-demo-party-member');
  });

  it('refuses a timer event sent by a mini-program user', async () => {
    expect(await call(DEMO.staff, { Type: 'Timer', TriggerName: 'autoClose' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('the duplicate hint and 我也遇到了', () => {
  it('shows open reports of the same category in the same building from the last 14 days', async () => {
    const now = new Date('2026-04-20T02:00:00Z');
    const old = await submit(
      DEMO.unitLeader,
      { categoryId: 'hazard', place: { kind: 'building', buildingNo: 9 } },
      new Date('2026-04-01T02:00:00Z'),
    );
    const recent = await submit(
      DEMO.unitLeader,
      { categoryId: 'hazard', place: { kind: 'building', buildingNo: 9 } },
      now,
    );
    await submit(DEMO.unitLeader, { categoryId: 'facility', place: { kind: 'building', buildingNo: 9 } }, now);
    const { items } = await ok<{ items: Array<ReportItem & { metooByMe: boolean }> }>(
      call(
        DEMO.resident,
        { action: 'similar', categoryId: 'hazard', place: { kind: 'building', buildingNo: 9, unitNo: 1 } },
        now,
      ),
    );
    expect(items.map((item) => item.id)).toEqual([recent.id]);
    expect(items.map((item) => item.id)).not.toContain(old.id);
    expect(items[0]).toMatchObject({ own: false, metooByMe: false, metoo: 0 });
  });

  it('counts each resident once, exactly, under a burst', async () => {
    const { id } = await submit(DEMO.resident, {
      categoryId: 'sanitation',
      place: { kind: 'building', buildingNo: 7 },
    });
    const neighbours = await residentsOf(7, 6);
    const answers = await Promise.all(
      [...neighbours, neighbours[0]!].map((n) => call(n.openid, { action: 'metoo', id })),
    );
    expect(answers.filter((a) => (a as Result<unknown>).ok)).toHaveLength(6);
    const { data } = await cloud.db().collection('reports').doc(id).get();
    expect((data[0] as { metoo: number }).metoo).toBe(6);
    expect(await call(DEMO.resident, { action: 'metoo', id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await detail(neighbours[1]!.openid, id)).toMatchObject({ metooByMe: true, metoo: 6 });
  });
});

describe('the daily limit', () => {
  it('lets a resident file 10 reports a day even in a burst, and no more', async () => {
    const day = new Date('2026-05-11T03:00:00Z');
    const [someone] = await residentsOf(11, 1);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        call(
          someone!.openid,
          {
            action: 'submit',
            ...{
              categoryId: 'other',
              description: '测试报事内容',
              images: [],
              place: { kind: 'spot', spotId: 'square' },
              urgent: false,
              household: false,
            },
          },
          day,
        ),
      ),
    );
    const codes = answers.map((a) =>
      (a as Result<unknown>).ok ? 'ok' : (a as { error: { code: string } }).error.code,
    );
    expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(2);
    // The next day starts afresh (Asia/Shanghai midnight = 16:00Z).
    await submit(
      someone!.openid,
      { place: { kind: 'spot', spotId: 'square' }, categoryId: 'other' },
      new Date('2026-05-11T16:00:00Z'),
    );
  });
});

describe('the inbox', () => {
  it('groups a secretary’s reports by status with counts; staff may see all and filter by building', async () => {
    const secretary = await ok<{ items: ReportItem[]; counts: Record<string, number>; canSeeAll: boolean }>(
      call(DEMO.secretary, { action: 'inbox', group: 'new' }),
    );
    expect(secretary.canSeeAll).toBe(false);
    expect(secretary.counts.new).toBeGreaterThan(0);
    expect(secretary.items.every((item) => item.status === 'submitted')).toBe(true);
    // Urgent first.
    expect(secretary.items[0]!.urgent).toBe(true);
    const b3 = await ok<{ items: ReportItem[] }>(call(DEMO.otherSecretary, { action: 'inbox', group: 'new' }));
    expect(b3.items.every((item) => item.placeLabel.startsWith('3号楼'))).toBe(true);
    const all = await ok<{ items: ReportItem[]; counts: Record<string, number> }>(
      call(DEMO.staff, { action: 'inbox', group: 'new', scope: 'all', buildingNo: 3 }),
    );
    expect(all.items.map((item) => item.id).sort()).toEqual(b3.items.map((item) => item.id).sort());
  });
});

describe('figures', () => {
  it('gives staff the month per building and category; a secretary only their building', async () => {
    const month = '2026-03';
    const stats = await ok<ReportStats>(call(DEMO.staff, { action: 'stats', month }));
    expect(stats.monthLabel).toBe('2026年3月');
    const five = stats.buildings.find((b) => b.buildingLabel === '5号楼')!;
    expect(five.categories.find((c) => c.categoryLabel === '公共设施')).toMatchObject({ reported: 1, resolved: 1 });
    expect(five.medianAcceptHours).toBe(0);
    const mine = await ok<ReportStats>(call(DEMO.secretary, { action: 'stats', month }));
    expect(mine.scopeLabel).toBe('5号楼');
    expect(await call(DEMO.secretary, { action: 'stats', month, buildingNo: 3 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const file = await ok<{ fileID: string; fileName: string; rows: number }>(
      call(DEMO.staff, { action: 'exportStats', month }),
    );
    expect(file.fileName).toBe('报事统计-全社区-2026-03.xlsx');
    expect(file.fileID).toContain('/uploads/export/');
    expect(file.rows).toBeGreaterThan(2);
  });
});

describe('figures over many reports', () => {
  it('counts every one of 1500 reports in a month, each once', async () => {
    const month = '2026-05';
    const createdAt = (index: number) => new Date(Date.UTC(2026, 4, 2, 2, 0, index % 60));
    // The last 500 are resolved: a reader that repeats or misses documents gets this wrong.
    const reports = Array.from({ length: 1500 }, (_, index) => ({
      _id: `bulk-${String(index).padStart(4, '0')}`,
      buildingNo: 9,
      categoryId: 'facility',
      categoryLabel: '公共设施',
      createdAt: createdAt(index),
      ...(index < 1000
        ? { status: 'submitted' }
        : { status: 'resolved', resolvedAt: new Date(createdAt(index).getTime() + 3600_000) }),
    }));
    for (let i = 0; i < reports.length; i += 500) {
      await cloud
        .db()
        .collection('reports')
        .add(reports.slice(i, i + 500));
    }
    const stats = await ok<ReportStats>(call(DEMO.staff, { action: 'stats', month, buildingNo: 9 }));
    const nine = stats.buildings.find((b) => b.buildingLabel === '9号楼')!;
    expect(nine.categories.find((c) => c.categoryLabel === '公共设施')).toMatchObject({
      reported: 1500,
      resolved: 500,
    });
  });
});

describe('settings', () => {
  it('lets staff re-route a category to a volunteer team; a stale editor is refused', async () => {
    const config = await ok<ReportConfig>(call(DEMO.staff, { action: 'config' }));
    const categories = config.categories.map((c) =>
      c.id === 'sanitation' ? { ...c, route: { kind: 'team', teamId: 'team01' } } : c,
    );
    const saved = await ok<ReportConfig>(
      call(DEMO.staff, { action: 'saveConfig', categories, spots: config.spots, version: config.version }),
    );
    expect(saved.version).toBe(config.version + 1);
    expect(
      await call(DEMO.staff, { action: 'saveConfig', categories, spots: config.spots, version: config.version }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const routed = await submit(DEMO.resident, { categoryId: 'sanitation', description: '垃圾桶满了没人清' });
    expect(routed.assignmentLabel).toBe('环境美化志愿服务队');
    expect(await recipientsOf(routed.id)).toEqual(['r-demo-team-leader']);
  });
});
