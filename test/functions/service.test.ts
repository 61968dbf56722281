/**
 * The `service` function through the real SDK on the stand-in, as the demo community's
 * people: the handbook (pinyin search, life events, editing with review and versions),
 * bookings (a relative for a senior, retries, one per day, cancelling), take-a-number and
 * the queue, service records with the time-limit clock, ratings, the director hearing of
 * an unsatisfied one, the monthly evaluation and its spreadsheet, and the timer.
 * Every instant is dated from the seed's instant.
 */
import tcb from '@cloudbase/node-sdk';
import { DEMO } from '../../local/seed/community';
import { uploadFolder } from '../../cloudfunctions/shared/storage';
import type { BookingDoc, ItemDoc, RecordDoc, SlotDoc } from '../../cloudfunctions/service/docs';
import type { MessageView } from '../../typings/domain/push';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { download, readSpreadsheet } from '../helpers/spreadsheet';
import { callAs, clock, code, ok, requestId } from './service-kit';

let cloud: TestCloud;
let call: ReturnType<typeof callAs>;
let days: ReturnType<typeof clock>;
beforeAll(async () => {
  cloud = await startTestCloud();
  call = callAs(cloud);
  days = clock(cloud.seededAt);
});
afterAll(() => cloud.close());

const SENIOR = 'r-demo-senior';

async function inbox(openid: string): Promise<MessageView[]> {
  const result = await cloud.call<Result<{ items: MessageView[] }>>('push', { action: 'inbox' }, { openid });
  return ok(result).items;
}

async function doc<T>(collection: string, id: string): Promise<T> {
  const { data } = await cloud.db().collection(collection).doc(id).get();
  return data[0] as T;
}

describe('the handbook', () => {
  it('finds 低保证 by its pinyin initials "dbz", first, in ≤ 3 round trips, for anyone', async () => {
    const outcome = await cloud.invoke('service', { action: 'search', query: 'dbz' }, { openid: 'o-first-visit' });
    const found = ok(outcome.result as Result<{ items: Array<{ id: string; title: string; matchedBy?: string }> }>);
    expect(found.items[0]).toMatchObject({
      id: 'svc-dibao',
      title: '最低生活保障申请',
      matchedBy: '拼音首字母 dbz：低保证',
    });
    expect(outcome.roundTrips).toBeLessThanOrEqual(3);
  });

  it('matches Chinese words, full pinyin and ranks the title first', async () => {
    const chinese = ok(await call(DEMO.senior, 'search', { query: '低保' }));
    expect(chinese.items.map((item) => item.id).slice(0, 2)).toEqual(['svc-dibao-review', 'svc-dibao']);
    const full = ok(await call(DEMO.senior, 'search', { query: 'gaoling' }));
    expect(full.items[0]).toMatchObject({ id: 'svc-gaoling', matchedBy: '拼音 gaoling：高龄津贴申领' });
    const upper = ok(await call(DEMO.senior, 'search', { query: ' LNYDZ ' }));
    expect(upper.items[0]?.id).toBe('svc-youdai');
    expect(ok(await call(DEMO.senior, 'search', { query: '没有这种事' })).items).toEqual([]);
    // Punctuation is no query (and never reaches the database as a pattern).
    const everything = ok(await call(DEMO.senior, 'search', {})).items.length;
    expect(ok(await call(DEMO.senior, 'search', { query: '.*' })).items).toHaveLength(everything);
    expect(ok(await call(DEMO.senior, 'search', { query: 'd.*h' })).items.map((item) => item.id)).not.toContain(
      'svc-dibao-review',
    );
  });

  it('browses by life event, with the count of items per event', async () => {
    const view = ok(await call(DEMO.resident, 'search', { lifeEvent: 'newborn' }));
    expect(view.items.map((item) => item.title)).toEqual(
      expect.arrayContaining(['生育登记', '新生儿医保参保登记', '居住证明开具']),
    );
    expect(view.items.every((item) => item.window === 'community')).toBe(true);
    const banking = view.lifeEvents.find((event) => event.key === 'banking');
    expect(banking).toMatchObject({ label: '存取款与缴费', countLabel: '5项' });
    const all = ok(await call(DEMO.resident, 'search', {}));
    expect(all.items.length).toBeGreaterThanOrEqual(20);
    expect(all.windows.map((window) => window.label)).toEqual(['社区综合服务窗口', '金融服务站']);
  });

  it('answers "what do I bring" with the standard: materials, time limit, post, clause, versions', async () => {
    const item = ok(await call('o-first-visit', 'item', { id: 'svc-gaoling' }));
    expect(item.materials.map((material) => `${material.name}：${material.label}`)).toEqual([
      '本人居民身份证：原件 · 复印件1份',
      '户口簿：原件 · 复印件1份',
      '本人社保卡或银行卡：原件 · 复印件1份',
      '代办人身份证：原件 · 复印件1份（视情况）',
    ]);
    expect(item).toMatchObject({
      clause: 'CSHY/FW-4.1.2',
      post: '养老服务岗',
      timeLimitLabel: '15个工作日内办结',
      windowLabel: '社区综合服务窗口',
      version: 2,
    });
    expect(item.history.map((entry) => entry.version)).toEqual([2, 1]);
    expect(item.history[0]!.note).toBe('按新规定，满80周岁当月即可申请');
    expect(code(await call('o-first-visit', 'item', { id: 'svc-nothing' }))).toBe('NOT_FOUND');
  });

  it('is edited with review: a proposal waits, its author cannot approve it, another staff member does', async () => {
    const now = days.at(days.today, '09:00');
    const editor = ok(await call(DEMO.staff, 'editor', { id: 'svc-gaoling' }, now));
    const content = {
      ...editor.content,
      aliases: [...editor.content.aliases, '尊老金'],
      materials: [...editor.content.materials, { name: '老人近期照片', copies: 1, original: true, optional: true }],
    };
    const proposal = ok(
      await call(
        DEMO.staff,
        'propose',
        { itemId: 'svc-gaoling', baseVersion: editor.version, content, note: '补充照片要求，增加别称“尊老金”' },
        now,
      ),
    );
    expect(proposal).toMatchObject({ state: 'pending', changes: ['别称', '所需材料'], authorName: '何静怡' });
    // Not yet visible to residents.
    expect(ok(await call(DEMO.resident, 'search', { query: 'zlj' })).items).toEqual([]);
    // One proposal at a time per item.
    expect(
      await call(
        DEMO.staff,
        'propose',
        {
          itemId: 'svc-gaoling',
          baseVersion: editor.version,
          content: { ...content, fee: '不收费' },
          note: '另一份修改',
        },
        now,
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Four eyes.
    expect(code(await call(DEMO.staff, 'review', { revisionId: proposal.id, decision: 'approve' }, now))).toBe(
      'FORBIDDEN',
    );
    expect(code(await call(DEMO.bank, 'review', { revisionId: proposal.id, decision: 'approve' }, now))).toBe(
      'FORBIDDEN',
    );
    const queue = ok(await call(DEMO.director, 'reviews', {}, now));
    expect(queue.items.find((item) => item.id === proposal.id)).toMatchObject({ canReview: true });
    const approved = ok(await call(DEMO.director, 'review', { revisionId: proposal.id, decision: 'approve' }, now));
    expect(approved.state).toBe('approved');
    // A second approval of the same proposal changes nothing.
    expect(code(await call(DEMO.director, 'review', { revisionId: proposal.id, decision: 'approve' }, now))).toBe(
      'CONFLICT',
    );

    const item = ok(await call(DEMO.resident, 'item', { id: 'svc-gaoling' }));
    expect(item.version).toBe(3);
    expect(item.history[0]).toMatchObject({
      version: 3,
      note: '补充照片要求，增加别称“尊老金”',
      changes: ['别称', '所需材料'],
    });
    expect(item.materials).toHaveLength(5);
    // The search keys were recomputed on write: the new alias is found by its initials.
    expect(ok(await call(DEMO.resident, 'search', { query: 'zlj' })).items[0]).toMatchObject({
      id: 'svc-gaoling',
      matchedBy: '拼音首字母 zlj：尊老金',
    });
    // A proposal written against version 2 is now stale.
    expect(
      await call(
        DEMO.staff,
        'propose',
        { itemId: 'svc-gaoling', baseVersion: 2, content, note: '旧版本上的修改' },
        now,
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('takes new items from staff of the window, bank staff only for the 金融服务站, and refusals need a reason', async () => {
    const now = days.at(days.today, '10:00');
    const blank = ok(await call(DEMO.bank, 'editor', {}, now));
    expect(blank.content.window).toBe('bank');
    const content = {
      ...blank.content,
      title: '零钱兑换',
      aliases: ['换零钱', '兑换硬币'],
      category: '金融便民',
      summary: '把整钱换成零钱或硬币，方便老人买菜、坐车。',
      lifeEvents: ['banking'],
      clause: 'CSHY/FW-8.6.1',
      eligibility: ['本社区居民'],
      materials: [{ name: '需要兑换的现金', copies: 0, original: true, optional: false }],
      steps: ['取号', '说明兑换的面额', '当面点清'],
      timeLimit: { kind: 'minutes', value: 10 },
      post: '金融服务岗',
    };
    const proposal = ok(await call(DEMO.bank, 'propose', { baseVersion: 0, content, note: '新增零钱兑换服务' }, now));
    expect(proposal).toMatchObject({ isNew: true, changes: ['新增事项'] });
    expect(
      code(
        await call(
          DEMO.bank,
          'propose',
          { baseVersion: 0, content: { ...content, window: 'community' }, note: '社区事项' },
          now,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(code(await call(DEMO.bank, 'editor', { id: 'svc-dibao' }, now))).toBe('FORBIDDEN');
    expect(code(await call(DEMO.staff, 'review', { revisionId: proposal.id, decision: 'reject' }, now))).toBe(
      'INVALID_INPUT',
    );
    ok(await call(DEMO.staff, 'review', { revisionId: proposal.id, decision: 'approve' }, now));
    const found = ok(await call(DEMO.senior, 'search', { query: 'hlq' }));
    expect(found.items[0]).toMatchObject({
      title: '零钱兑换',
      windowLabel: '金融服务站',
      matchedBy: '拼音首字母 hlq：换零钱',
    });
  });
});

describe('photos of what a document looks like', () => {
  it('takes the editor’s own upload, refuses another’s, and shows the photo to residents once published', async () => {
    const now = days.at(days.today, '11:00');
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const mine = (
      await app.uploadFile({ cloudPath: `${uploadFolder('service', DEMO.staff)}x/hukou.jpg`, fileContent: jpeg })
    ).fileID;
    const theirs = (
      await app.uploadFile({ cloudPath: `${uploadFolder('service', DEMO.resident)}x/hukou.jpg`, fileContent: jpeg })
    ).fileID;
    const editor = ok(await call(DEMO.staff, 'editor', { id: 'svc-tekun' }, now));
    const withPhoto = (photo: string) => ({
      ...editor.content,
      materials: editor.content.materials.map((material, index) => (index === 1 ? { ...material, photo } : material)),
    });
    const before = await cloud.counts();
    expect(
      code(
        await call(
          DEMO.staff,
          'propose',
          { itemId: 'svc-tekun', baseVersion: editor.version, content: withPhoto(theirs), note: '加户口簿样图' },
          now,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(await cloud.counts()).toEqual(before);
    const proposal = ok(
      await call(
        DEMO.staff,
        'propose',
        { itemId: 'svc-tekun', baseVersion: editor.version, content: withPhoto(mine), note: '加户口簿样图' },
        now,
      ),
    );
    ok(await call(DEMO.director, 'review', { revisionId: proposal.id, decision: 'approve' }, now));
    const item = ok(await call(DEMO.senior, 'item', { id: 'svc-tekun' }));
    expect(item.materials[1]).toMatchObject({ name: '户口簿', photo: mine, photoUrl: expect.stringMatching(/^http/) });
  });
});

describe('bookings', () => {
  let date: string;
  let bankSlot: string;
  let fullSlot: string;
  beforeAll(async () => {
    date = days.weekday(12);
    const now = days.at(days.today, '08:00');
    ok(
      await call(
        DEMO.bank,
        'saveSlots',
        {
          window: 'bank',
          date,
          minutes: 30,
          slots: [
            { time: '09:00', capacity: 2 },
            { time: '09:30', capacity: 1 },
          ],
        },
        now,
      ),
    );
    bankSlot = `bank_${date}_0900`;
    fullSlot = `bank_${date}_0930`;
  });

  it('a relative books the 金融服务站 for the senior; a retry is the same booking; the senior is told', async () => {
    const now = days.at(days.today, '08:10');
    const form = ok(await call(DEMO.relative, 'bookingForm', { window: 'bank', itemId: 'svc-bank-cash' }, now));
    expect(form.people.map((person) => `${person.name}（${person.relationLabel}）`)).toEqual([
      '赵桂兰（我关心的老人）',
      '钱长海（我关心的老人）',
    ]);
    expect(form.item).toEqual({ id: 'svc-bank-cash', title: '存取款协助' });
    const day = form.days.find((entry) => entry.date === date)!;
    expect(day.slots.map((slot) => `${slot.timeLabel} ${slot.leftLabel}`)).toEqual([
      '09:00–09:30 余2个',
      '09:30–10:00 余1个',
    ]);

    const input = {
      requestId: requestId('rel'),
      slotId: bankSlot,
      itemId: 'svc-bank-cash',
      forId: SENIOR,
      note: '取养老金',
    };
    const booked = ok(await call(DEMO.relative, 'book', input, now));
    expect(booked).toMatchObject({
      person: { residentId: SENIOR, name: '赵桂兰' },
      bookedByLabel: '亲属赵文杰代约',
      windowLabel: '金融服务站',
      status: 'booked',
      badge: { text: '已预约' },
      cancellable: true,
    });
    expect(ok(await call(DEMO.relative, 'book', input, now)).id).toBe(booked.id);
    const slot = await doc<SlotDoc>('service_slots', bankSlot);
    expect(slot.left).toBe(1);
    const stored = await doc<BookingDoc>('service_bookings', booked.id);
    expect(stored.proxy).toMatchObject({ actorId: 'r-demo-relative', subjectId: SENIOR });
    expect((await inbox(DEMO.senior))[0]!.title).toBe('赵文杰为您预约了金融服务站');

    // One booking per person, window and day.
    expect(
      await call(
        DEMO.relative,
        'book',
        { requestId: requestId(), slotId: fullSlot, itemId: 'svc-bank-bill', forId: SENIOR },
        now,
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses booking for someone one is not a confirmed relative of, or for oneself unverified', async () => {
    const now = days.at(days.today, '08:20');
    const forSenior = { requestId: requestId(), slotId: bankSlot, itemId: 'svc-bank-cash', forId: SENIOR };
    expect(code(await call(DEMO.resident, 'book', forSenior, now))).toBe('FORBIDDEN');
    expect(code(await call('o-relative-nephew', 'book', forSenior, now))).toBe('FORBIDDEN');
    expect(
      code(
        await call(DEMO.pending, 'book', { requestId: requestId(), slotId: bankSlot, itemId: 'svc-bank-cash' }, now),
      ),
    ).toBe('NOT_VERIFIED');
    // An item of the other window.
    expect(
      code(await call(DEMO.resident, 'book', { requestId: requestId(), slotId: bankSlot, itemId: 'svc-dibao' }, now)),
    ).toBe('INVALID_INPUT');
  });

  it('a full slot refuses; a cancel gives the place back once; after the start nothing can be cancelled', async () => {
    const now = days.at(days.today, '08:30');
    const mine = ok(
      await call(DEMO.resident, 'book', { requestId: requestId(), slotId: fullSlot, itemId: 'svc-bank-bill' }, now),
    );
    expect(
      await call(DEMO.partyMember, 'book', { requestId: requestId(), slotId: fullSlot, itemId: 'svc-bank-bill' }, now),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这个时段已约满，请选择其他时段' } });
    expect(code(await call(DEMO.partyMember, 'cancelBooking', { bookingId: mine.id }, now))).toBe('NOT_FOUND');
    const cancelled = ok(await call(DEMO.resident, 'cancelBooking', { bookingId: mine.id }, now));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellable: false });
    expect((await doc<SlotDoc>('service_slots', fullSlot)).left).toBe(1);
    expect(code(await call(DEMO.resident, 'cancelBooking', { bookingId: mine.id }, now))).toBe('CONFLICT');
    expect((await doc<SlotDoc>('service_slots', fullSlot)).left).toBe(1);

    const again = ok(
      await call(DEMO.partyMember, 'book', { requestId: requestId(), slotId: fullSlot, itemId: 'svc-bank-bill' }, now),
    );
    const late = days.at(date, '09:35');
    expect(code(await call(DEMO.partyMember, 'cancelBooking', { bookingId: again.id }, late))).toBe('CONFLICT');
    expect(
      code(
        await call(DEMO.resident, 'book', { requestId: requestId(), slotId: bankSlot, itemId: 'svc-bank-bill' }, late),
      ),
    ).toBe('CONFLICT');
  });

  it('my bookings: for the person and for whoever booked, in ≤ 3 round trips; staff see the day with names', async () => {
    const now = days.at(days.today, '09:00');
    const outcome = await cloud.invoke('service', { action: 'myBookings' }, { openid: DEMO.relative, now });
    const relative = ok(outcome.result as Result<{ upcoming: Array<{ person: { name: string }; date: string }> }>);
    expect(relative.upcoming.map((booking) => `${booking.person.name} ${booking.date}`)).toEqual(
      expect.arrayContaining([`赵桂兰 ${date}`]),
    );
    expect(outcome.roundTrips).toBeLessThanOrEqual(3);
    const senior = ok(await call(DEMO.senior, 'myBookings', {}, now));
    expect(senior.upcoming.find((booking) => booking.date === date)).toMatchObject({ bookedByLabel: '亲属赵文杰代约' });

    const day = ok(await call(DEMO.bank, 'day', { window: 'bank', date }, now));
    const first = day.slots.find((slot) => slot.id === bankSlot)!;
    expect(first.bookings.map((row) => `${row.name} ${row.itemTitle} ${row.bookedByLabel}`)).toEqual([
      '赵桂兰 存取款协助 亲属赵文杰代约',
    ]);
    expect(code(await call(DEMO.bank, 'day', { window: 'community', date }, now))).toBe('FORBIDDEN');
    // Capacity never below what is booked.
    expect(
      code(
        await call(
          DEMO.bank,
          'saveSlots',
          { window: 'bank', date, minutes: 30, slots: [{ time: '09:30', capacity: 0 }] },
          now,
        ),
      ),
    ).toBe('CONFLICT');
  });

  it('reminds the person and the relative two hours ahead, once', async () => {
    const first = await cloud.runner.fireTimer('service', 'tick', { now: days.at(date, '07:30') });
    expect(first.result).toMatchObject({ ok: true, data: { reminded: 2 } });
    const again = await cloud.runner.fireTimer('service', 'tick', { now: days.at(date, '07:40') });
    expect(again.result).toMatchObject({ ok: true, data: { reminded: 0 } });
    expect((await inbox(DEMO.relative))[0]!.title).toBe('办事提醒：存取款协助');
  });
});

/** A service done for the senior waits for her relative's rating; another resident cannot rate it. */
async function expectRatedOnlyByTheRelative(recordId: string, at: Date): Promise<void> {
  const toRate = ok(await call(DEMO.relative, 'myBookings', {}, at)).toRate;
  expect(toRate.map((entry) => entry.id)).toContain(recordId);
  expect(code(await call(DEMO.resident, 'rate', { recordId, level: 'satisfied', reasons: [] }, at))).toBe('NOT_FOUND');
}

describe('arrival, the queue, the service, the rating, the month', () => {
  let date: string;
  let bookingId: string;
  let code_: string;
  beforeAll(async () => {
    // Far enough ahead that its month holds no seeded record.
    date = days.weekday(45);
    const before = days.at(days.today, '08:00');
    ok(
      await call(
        DEMO.bank,
        'saveSlots',
        { window: 'bank', date, minutes: 30, slots: [{ time: '09:30', capacity: 2 }] },
        before,
      ),
    );
    bookingId = ok(
      await call(
        DEMO.relative,
        'book',
        { requestId: requestId(), slotId: `bank_${date}_0930`, itemId: 'svc-bank-cash', forId: SENIOR },
        before,
      ),
    ).id;
    code_ = ok(await call(DEMO.bank, 'screen', { window: 'bank' }, days.at(date, '08:55'))).code;
  });

  it('takes a number on arrival by the window code, sees the queue, is called, served, rates; the month shows it', async () => {
    const arrive = days.at(date, '09:20');
    // A neighbour took a number first.
    const first = ok(await call(DEMO.partyMember, 'takeNumber', { code: code_ }, days.at(date, '09:10')));
    expect(first).toMatchObject({
      number: 1,
      numberLabel: '1号',
      status: 'waiting',
      positionLabel: '下一位就是您，请留意叫号',
    });

    const ticket = ok(await call(DEMO.relative, 'takeNumber', { code: code_, forId: SENIOR }, arrive));
    expect(ticket).toMatchObject({
      number: 2,
      name: '赵桂兰',
      booked: true,
      itemTitle: '存取款协助',
      ahead: 1,
      positionLabel: '前面还有1位',
    });
    // Scanning again answers the same number.
    expect(ok(await call(DEMO.relative, 'takeNumber', { code: code_, forId: SENIOR }, arrive)).number).toBe(2);
    expect((await doc<BookingDoc>('service_bookings', bookingId)).status).toBe('arrived');
    const mine = ok(await call(DEMO.relative, 'myTickets', {}, arrive));
    expect(mine.tickets.map((entry) => entry.numberLabel)).toEqual(['2号']);

    // The counter calls 1 then 2.
    const screen1 = ok(await call(DEMO.bank, 'callNext', { window: 'bank', counter: '1' }, days.at(date, '09:25')));
    expect(screen1.calling[0]).toMatchObject({ number: 1, counter: '1' });
    expect(screen1.waiting.map((entry) => `${entry.numberLabel} ${entry.name}`)).toEqual(['2号 赵*兰']);
    ok(await call(DEMO.bank, 'skipTicket', { ticketId: first.id }, days.at(date, '09:28')));
    const screen2 = ok(await call(DEMO.bank, 'callNext', { window: 'bank', counter: '1' }, days.at(date, '09:30')));
    expect(screen2.calling[0]).toMatchObject({ number: 2, counter: '1', name: '赵*兰' });
    const called = ok(await call(DEMO.relative, 'myTickets', {}, days.at(date, '09:30')));
    expect(called.tickets[0]).toMatchObject({ status: 'called', positionLabel: '请到1号窗口办理' });
    expect((await inbox(DEMO.senior))[0]!.title).toBe('请2号到1号窗口');

    // Served: a record opened from the number, the clock from the standard, finished.
    const record = ok(
      await call(DEMO.bank, 'openRecord', { itemId: 'svc-bank-cash', ticketId: ticket.id }, days.at(date, '09:31')),
    );
    expect(record).toMatchObject({
      person: { name: '赵桂兰' },
      staff: { name: '韩雅琴' },
      status: 'received',
      timeLimitLabel: '当场办结（约15分钟）',
      dueLabel: '今天 09:46前办结',
      overdue: false,
    });
    const done = ok(
      await call(DEMO.bank, 'updateRecord', { recordId: record.id, status: 'done' }, days.at(date, '09:40')),
    );
    expect(done).toMatchObject({ status: 'done', withinLimit: true, dueLabel: '按时办结' });
    expect((await doc<BookingDoc>('service_bookings', bookingId)).status).toBe('served');
    // Retries answer the same record and change nothing.
    expect(
      ok(await call(DEMO.bank, 'openRecord', { itemId: 'svc-bank-cash', ticketId: ticket.id }, days.at(date, '09:41')))
        .id,
    ).toBe(record.id);
    expect(
      ok(await call(DEMO.bank, 'updateRecord', { recordId: record.id, status: 'done' }, days.at(date, '09:42'))),
    ).toMatchObject({ status: 'done', withinLimit: true });
    expect((await doc<{ status: string }>('service_tickets', ticket.id)).status).toBe('done');
    expect((await inbox(DEMO.relative))[0]!.title).toBe('“存取款协助”已办结，请评价');

    // The relative rates it for her mother.
    await expectRatedOnlyByTheRelative(record.id, days.at(date, '10:00'));
    const rated = ok(
      await call(
        DEMO.relative,
        'rate',
        { recordId: record.id, level: 'satisfied', reasons: ['courteous', 'on_time'], comment: '很耐心，谢谢' },
        days.at(date, '10:00'),
      ),
    );
    expect(rated.rating).toMatchObject({ label: '满意', reasons: [{ label: '礼貌热情' }, { label: '按时办结' }] });
    expect(
      code(
        await call(
          DEMO.senior,
          'rate',
          { recordId: record.id, level: 'unsatisfied', reasons: ['courteous'] },
          days.at(date, '10:05'),
        ),
      ),
    ).toBe('CONFLICT');

    // The staff member's month shows it.
    const month = date.slice(0, 7);
    const own = ok(await call(DEMO.bank, 'evaluation', { month }, days.at(date, '17:00')));
    expect(own.scope).toBe('self');
    expect(own.byStaff).toHaveLength(1);
    expect(own.byStaff[0]).toMatchObject({
      name: '韩雅琴',
      done: 1,
      withinLimit: 1,
      rated: 1,
      satisfied: 1,
      satisfactionRate: '100%',
    });
    expect(own.byService[0]).toMatchObject({ name: '存取款协助', done: 1 });
    const all = ok(await call(DEMO.director, 'evaluation', { month }, days.at(date, '17:00')));
    expect(all.scope).toBe('all');
    expect(all.byStaff.find((row) => row.name === '韩雅琴')).toMatchObject({ done: 1, satisfied: 1 });
  });

  it('needs more materials: told at once, the clock stops, and restarts when they come', async () => {
    const opened = days.at(date, '10:00');
    const record = ok(await call(DEMO.staff, 'openRecord', { itemId: 'svc-dibao', personName: '孙建华' }, opened));
    expect(
      code(
        await call(DEMO.staff, 'updateRecord', { recordId: record.id, status: 'needs_materials', missing: [] }, opened),
      ),
    ).toBe('INVALID_INPUT');
    const waiting = ok(
      await call(
        DEMO.staff,
        'updateRecord',
        { recordId: record.id, status: 'needs_materials', missing: ['家庭成员收入证明', '家庭经济状况核对授权书'] },
        days.at(date, '10:10'),
      ),
    );
    expect(waiting).toMatchObject({
      status: 'needs_materials',
      badge: { text: '需补材料' },
      dueLabel: '等待补齐材料，补齐后重新计时',
    });
    const restartDay = days.weekday(48);
    const restarted = ok(
      await call(DEMO.staff, 'updateRecord', { recordId: record.id, status: 'received' }, days.at(restartDay, '09:00')),
    );
    const stored = await doc<RecordDoc>('service_records', record.id);
    expect(stored.clockStartAt.toISOString()).toBe(days.at(restartDay, '09:00').toISOString());
    expect(stored.dueAt.getTime()).toBeGreaterThan(days.at(restartDay, '09:00').getTime() + 20 * 86_400_000);
    expect(restarted).toMatchObject({ status: 'received', missing: [] });
    // The bank's staff do not work the community window.
    expect(
      code(
        await call(DEMO.bank, 'updateRecord', { recordId: record.id, status: 'done' }, days.at(restartDay, '10:00')),
      ),
    ).toBe('FORBIDDEN');
  });

  it('flags a record over its time limit and tells its staff member once', async () => {
    const opened = days.at(date, '14:00');
    const record = ok(await call(DEMO.staff, 'openRecord', { itemId: 'svc-youdai', personName: '周玉梅' }, opened));
    const later = days.at(date, '15:00');
    const open = ok(await call(DEMO.staff, 'records', { window: 'community', filter: 'open' }, later));
    expect(open.items.find((item) => item.id === record.id)).toMatchObject({
      overdue: true,
      badge: { text: '已超时' },
      dueLabel: '已超时 40分钟（应于今天 14:20前办结）',
    });
    expect(open.overdue).toBeGreaterThanOrEqual(1);
    const tick = await cloud.runner.fireTimer('service', 'tick', { now: later });
    expect((tick.result as { data: { overdue: number } }).data.overdue).toBeGreaterThanOrEqual(1);
    const messages = await inbox(DEMO.staff);
    expect(messages.filter((message) => message.title === '办件已超时：老年人优待证办理')).toHaveLength(1);
    await cloud.runner.fireTimer('service', 'tick', { now: days.at(date, '15:10') });
    expect(
      (await inbox(DEMO.staff)).filter((message) => message.title === '办件已超时：老年人优待证办理'),
    ).toHaveLength(1);
    const evaluation = ok(await call(DEMO.director, 'evaluation', { month: date.slice(0, 7) }, later));
    expect(evaluation.overdue.map((item) => item.id)).toContain(record.id);
  });

  it('an unsatisfied rating reaches the community director, and the export has the month', async () => {
    const record = ok(
      await call(DEMO.staff, 'openRecord', { itemId: 'svc-juzhu', personName: '林晓燕' }, days.at(date, '16:00')),
    );
    // A walk-in recorded by name only: nobody can rate it from a phone.
    ok(await call(DEMO.staff, 'updateRecord', { recordId: record.id, status: 'done' }, days.at(date, '16:05')));
    expect(
      code(await call(DEMO.resident, 'rate', { recordId: record.id, level: 'unsatisfied', reasons: ['inform_once'] })),
    ).toBe('NOT_FOUND');

    // 林晓燕 takes a number herself and is served badly.
    const ticket = ok(await call(DEMO.resident, 'takeNumber', { code: code_ }, days.at(date, '16:10')));
    const served = ok(
      await call(DEMO.bank, 'openRecord', { itemId: 'svc-bank-bill', ticketId: ticket.id }, days.at(date, '16:12')),
    );
    ok(await call(DEMO.bank, 'updateRecord', { recordId: served.id, status: 'done' }, days.at(date, '16:50')));
    expect(
      code(
        await call(
          DEMO.resident,
          'rate',
          { recordId: served.id, level: 'unsatisfied', reasons: [] },
          days.at(date, '17:00'),
        ),
      ),
    ).toBe('INVALID_INPUT');
    const rated = ok(
      await call(
        DEMO.resident,
        'rate',
        { recordId: served.id, level: 'unsatisfied', reasons: ['on_time'], comment: '等了四十分钟' },
        days.at(date, '17:00'),
      ),
    );
    expect(rated).toMatchObject({ withinLimit: false, rating: { label: '不满意' } });
    expect((await inbox(DEMO.director))[0]).toMatchObject({ title: '不满意评价：代缴水电燃气费' });
    expect((await doc<RecordDoc>('service_records', served.id)).complaint).toMatchObject({ toldDirectors: 1 });

    const month = date.slice(0, 7);
    const view = ok(await call(DEMO.director, 'evaluation', { month }, days.at(date, '18:00')));
    expect(view.complaints[0]).toMatchObject({
      itemTitle: '代缴水电燃气费',
      staffName: '韩雅琴',
      reasons: ['按时办结'],
    });
    expect(view.byStaff.find((row) => row.name === '韩雅琴')).toMatchObject({
      done: 2,
      unsatisfied: 1,
      satisfactionRate: '50%',
    });
    const file = ok(await call(DEMO.director, 'exportEvaluation', { month }, days.at(date, '18:00')));
    expect(file.fileName).toMatch(/服务窗口考核评比\.xlsx$/);
    const sheets = await readSpreadsheet(await download(file.url));
    expect(sheets.map((sheet) => sheet.name)).toEqual(['按工作人员', '按服务事项', '不满意评价', '超时未办结']);
    const bankRow = sheets[0]!.rows.find((row) => row[0] === '韩雅琴')!;
    expect(bankRow.slice(1, 4)).toEqual(['2', '1', '50%']);
    expect(sheets[2]!.rows[1]).toEqual(
      expect.arrayContaining(['代缴水电燃气费', '韩雅琴', '按时办结', '等了四十分钟']),
    );
    expect(code(await call(DEMO.bank, 'exportEvaluation', { month }))).toBe('FORBIDDEN');
  });

  it('refuses stale, foreign and malformed window codes', async () => {
    const tomorrow = days.at(days.weekday(46), '09:00');
    expect(await call(DEMO.resident, 'takeNumber', { code: code_ }, tomorrow)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '这是以前的取号二维码，请扫描窗口今天显示的二维码' },
    });
    const forged = code_.replace(/\|[0-9a-f]+$/, `|${'0'.repeat(24)}`);
    expect(code(await call(DEMO.resident, 'takeNumber', { code: forged }, days.at(date, '11:00')))).toBe('CONFLICT');
    expect(
      code(await call(DEMO.resident, 'takeNumber', { code: 'https://example.invalid/' }, days.at(date, '11:00'))),
    ).toBe('INVALID_INPUT');
  });

  it('issues numbers at the counter for someone without a phone; two counters never call the same number', async () => {
    const at = days.at(date, '11:00');
    const walkIn = ok(
      await call(
        DEMO.bank,
        'counterTicket',
        { window: 'bank', name: '钱长海', residentId: 'r-demo-senior-nophone', requestId: 'desk-qian-1100' },
        at,
      ),
    );
    const issueOther = () =>
      call(DEMO.bank, 'counterTicket', { window: 'bank', name: '王秀英', requestId: 'desk-wang-1100' }, at);
    const other = ok(await issueOther());
    expect(other.number).toBe(walkIn.number + 1);
    // The desk's retry after a lost answer (same request id) gets the same number, not a second one;
    // a new issue for the same name (a new request id) is another walk-in.
    expect(ok(await issueOther()).number).toBe(other.number);
    const namesake = ok(
      await call(DEMO.bank, 'counterTicket', { window: 'bank', name: '王秀英', requestId: 'desk-wang-1101' }, at),
    );
    expect(namesake.number).toBe(other.number + 1);
    const answers = await Promise.all([
      call(DEMO.bank, 'callNext', { window: 'bank', counter: '1' }, days.at(date, '11:05')),
      call(DEMO.bank, 'callNext', { window: 'bank', counter: '2' }, days.at(date, '11:05')),
    ]);
    answers.forEach((answer) => ok(answer));
    const tickets = await Promise.all(
      [walkIn.id, other.id].map((id) => doc<{ status: string; counter: string }>('service_tickets', id)),
    );
    expect(tickets.map((ticket) => ticket.status)).toEqual(['called', 'called']);
    expect(tickets.map((ticket) => ticket.counter).sort()).toEqual(['1', '2']);
  });

  it('a relative who took a number for her mother without a booking rates the service too', async () => {
    const day = days.weekday(46);
    const screen = ok(await call(DEMO.bank, 'screen', { window: 'bank' }, days.at(day, '08:55'))).code;
    const ticket = ok(await call(DEMO.relative, 'takeNumber', { code: screen, forId: SENIOR }, days.at(day, '09:00')));
    ok(await call(DEMO.bank, 'callNext', { window: 'bank', counter: '1' }, days.at(day, '09:01')));
    const record = ok(
      await call(DEMO.bank, 'openRecord', { itemId: 'svc-bank-cash', ticketId: ticket.id }, days.at(day, '09:02')),
    );
    ok(await call(DEMO.bank, 'updateRecord', { recordId: record.id, status: 'done' }, days.at(day, '09:10')));
    await expectRatedOnlyByTheRelative(record.id, days.at(day, '10:00'));
    ok(
      await call(
        DEMO.relative,
        'rate',
        { recordId: record.id, level: 'satisfied', reasons: [] },
        days.at(day, '10:00'),
      ),
    );
  });
});

describe('the seeded month', () => {
  it('shows the demo evaluation with a complaint, and the items waiting for materials or past their limit', async () => {
    const now = cloud.seededAt;
    const month = days.today.slice(0, 7);
    const view = ok(await call(DEMO.director, 'evaluation', { month }, now));
    expect(view.byStaff.length).toBeGreaterThan(0);
    expect(view.overdue.map((record) => record.item.title)).toContain('临时救助申请');
    const records = ok(await call(DEMO.staff, 'records', { filter: 'open' }, now));
    expect(records.items.map((record) => record.badge.text)).toEqual(expect.arrayContaining(['需补材料', '已超时']));
    const stored = (await cloud.db().collection('service_items').doc('svc-dibao').get()).data[0] as ItemDoc;
    expect(stored.searchKeys).toEqual(expect.arrayContaining(['dbz', 'dibaozheng', '低保证']));
  });
});
