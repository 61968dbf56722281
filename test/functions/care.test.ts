/**
 * 关爱 through the real SDK on the stand-in: pairing, the care list with consent, visits
 * (safe to retry), follow-ups (a staff task; a 报事 filed by the carer for the person),
 * signals becoming alerts exactly once (meals, alarms, nobody home, no meal ordered,
 * overdue, and a run dying between writes), the archive's readers and its access log,
 * the staff overview and its export, the rules.
 */
import { DEMO } from '../../local/seed/community';
import { DEMO_CARE } from '../../local/seed/care';
import { DEMO_SAFETY } from '../../local/seed/safety';
import { demoRequest, intakeEvent, newEventId } from '../../local/safety-sim';
import type {
  AlertView,
  ArchiveView,
  CareEntryEditor,
  CareHome,
  HouseholdContactView,
  OverviewView,
  PairingView,
  RecordVisitOutput,
  RulesView,
  TodayView,
  VisitFormView,
  VisitView,
} from '../../typings/domain/care';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { download, readSpreadsheet } from '../helpers/spreadsheet';
import { careKit, code, newRequestId, ok } from './care-kit';

jest.setTimeout(180_000);

let cloud: TestCloud;
const { at, wall, call, fire, subscribe, servedMeal, recipientsOf, alertDoc } = careKit(() => cloud);

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

const SENIOR = DEMO_CARE.senior;
const NOPHONE = DEMO_CARE.seniorNoPhone;
const CARER = DEMO_CARE.carer;
const RELATIVE = DEMO_CARE.relative;

/** Runs the signals timer until no message waits; answers how many runs sent something. */
async function drain(from: Date): Promise<number> {
  let runs = 0;
  for (let minute = 0; minute < 20; minute++) {
    const run = await fire('signals', new Date(from.getTime() + minute * 60_000));
    if (!run.pushed) return runs;
    runs++;
  }
  throw new Error('messages still waiting after 20 runs');
}

function visit(openid: string, subjectId: string, extra: Record<string, unknown> = {}, now = at(5)) {
  return call(
    openid,
    { action: 'recordVisit', subjectId, requestId: newRequestId(), kind: 'visit', outcome: 'done', ...extra },
    now,
  );
}

describe('pairing (党员联系户)', () => {
  it('shows the secretary the unpaired households of the building, and pairs a unit by default', async () => {
    const view = await ok<PairingView>(call(DEMO.secretary, { action: 'pairing' }, at(1)));
    expect(view.buildingNo).toBe(5);
    expect(view.buildings).toEqual([{ buildingNo: 5, label: '5号楼', households: 84, paired: 63, unpaired: 21 }]);
    const unit4 = view.units.find((unit) => unit.unitNo === DEMO_CARE.unpairedUnit)!;
    expect(unit4.unpaired).toBe(21);
    const senior = view.units[0]!.households.find((row) => row.householdId === DEMO_CARE.seniorHousehold)!;
    expect(senior.contacts).toEqual([{ residentId: CARER, name: '孙建华', roleLabel: '党员联系人' }]);

    const { paired, view: after } = await ok<{ paired: number; view: PairingView }>(
      call(DEMO.secretary, { action: 'autoPair', buildingNo: 5, unitNo: 4 }, at(2)),
    );
    expect(paired).toBe(21);
    expect(after.units.find((unit) => unit.unitNo === 4)!.unpaired).toBe(0);
    // Run again: nothing left to pair, nothing changes.
    const again = await ok<{ paired: number }>(
      call(DEMO.secretary, { action: 'autoPair', buildingNo: 5, unitNo: 4 }, at(3)),
    );
    expect(again.paired).toBe(0);
  });

  it('changes one household with its version; refuses a stale version and a contact from another building', async () => {
    const view = await ok<PairingView>(call(DEMO.secretary, { action: 'pairing', buildingNo: 5 }, at(4)));
    const row = view.units[1]!.households[0]!;
    const saved = await ok<{ contacts: unknown[]; version: number }>(
      call(
        DEMO.secretary,
        {
          action: 'savePair',
          householdId: row.householdId,
          contactIds: [CARER, 'r-demo-unit-leader'],
          version: row.version,
        },
        at(5),
      ),
    );
    expect(saved.contacts).toHaveLength(2);
    expect(saved.version).toBe(row.version + 1);
    expect(
      await code(
        call(
          DEMO.secretary,
          { action: 'savePair', householdId: row.householdId, contactIds: [], version: row.version },
          at(6),
        ),
      ),
    ).toBe('CONFLICT');
    expect(
      await code(
        call(
          DEMO.secretary,
          {
            action: 'savePair',
            householdId: row.householdId,
            contactIds: ['r-demo-secretary-b3'],
            version: saved.version,
          },
          at(6),
        ),
      ),
    ).toBe('INVALID_INPUT');
    // Another building's secretary may not touch building 5.
    expect(
      await code(
        call(
          DEMO.otherSecretary,
          { action: 'savePair', householdId: row.householdId, contactIds: [], version: saved.version },
          at(6),
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('lets every household see its contacts with a number to call, and the contact see the households', async () => {
    const home = await ok<CareHome>(call(DEMO.senior, { action: 'home' }, at(7)));
    expect(home.householdLabel).toBe('5号楼1单元102');
    expect(home.contacts.map((contact) => [contact.name, contact.roleLabel, Boolean(contact.phone)])).toEqual([
      ['孙建华', '党员联系人', true],
      [expect.any(String), '5号楼1单元单元长', true],
    ]);
    const mine = await ok<{ items: HouseholdContactView[] }>(call(DEMO.partyMember, { action: 'myHouseholds' }, at(7)));
    const hers = mine.items.find((item) => item.householdId === DEMO_CARE.seniorHousehold)!;
    expect(hers.members).toEqual([
      expect.objectContaining({ name: '赵桂兰', phone: expect.stringMatching(/^1\d{10}$/) }),
    ]);
  });
});

describe('the care list and its plan', () => {
  it('is kept by the secretary with consent and a reason; the carer then finds the person on the daily list', async () => {
    const found = await ok<{ items: Array<{ residentId: string; onList: boolean }> }>(
      call(DEMO.secretary, { action: 'findPeople', query: '林晓燕' }, at(10)),
    );
    expect(found.items).toEqual([expect.objectContaining({ residentId: 'r-demo-resident', onList: false })]);
    const editor = await ok<CareEntryEditor>(
      call(DEMO.secretary, { action: 'entry', subjectId: 'r-demo-resident' }, at(10)),
    );
    expect(editor.entry).toBeUndefined();
    expect(editor.candidates.map((candidate) => candidate.residentId)).toContain(CARER);
    const saved = await ok<CareEntryEditor>(
      call(
        DEMO.secretary,
        {
          action: 'saveEntry',
          subjectId: 'r-demo-resident',
          categories: ['hardship'],
          reason: '家庭困难，需要定期看望',
          consent: { by: 'self', name: '林晓燕', method: 'in_person' },
          carerIds: ['r-demo-unit-leader'],
          frequencyDays: 14,
          meal: 'none',
          version: 0,
        },
        at(11),
      ),
    );
    expect(saved.entry).toMatchObject({ status: 'active', version: 1, carerIds: ['r-demo-unit-leader'] });
    expect(saved.entry!.consent.recordedLabel).toContain('吴国强记录：本人 当面口头同意');
    const today = await ok<TodayView>(call(DEMO.unitLeader, { action: 'today' }, at(12)));
    expect(today.items.map((item) => item.name)).toContain('林晓燕');

    // Consent by self must name the person; a carer from outside the network is refused.
    const draft = {
      action: 'saveEntry',
      subjectId: 'r-demo-resident',
      categories: ['hardship'],
      reason: '家庭困难',
      consent: { by: 'self', name: '别人', method: 'paper' },
      carerIds: ['r-demo-unit-leader'],
      frequencyDays: 14,
      meal: 'none',
      version: 1,
    };
    expect(await code(call(DEMO.secretary, draft, at(13)))).toBe('INVALID_INPUT');
    expect(
      await code(
        call(
          DEMO.secretary,
          { ...draft, consent: { by: 'self', name: '林晓燕', method: 'paper' }, carerIds: ['r-demo-canteen'] },
          at(13),
        ),
      ),
    ).toBe('INVALID_INPUT');
    // Ending it: the person leaves the daily list.
    await ok(
      call(
        DEMO.secretary,
        { action: 'endEntry', subjectId: 'r-demo-resident', reason: '本人申请退出', version: 1 },
        at(14),
      ),
    );
    const after = await ok<TodayView>(call(DEMO.unitLeader, { action: 'today' }, at(15)));
    expect(after.items.map((item) => item.name)).not.toContain('林晓燕');
  });

  it('shows the carer who is overdue first, in three round trips', async () => {
    const outcome = await cloud.invoke('care', { action: 'today' }, { openid: DEMO.partyMember, now: at(20) });
    const today = (outcome.result as { data: TodayView }).data;
    expect(outcome.roundTrips).toBeLessThanOrEqual(3);
    expect(today.items.map((item) => [item.name, item.due])).toEqual([
      ['钱长海', 'overdue'],
      ['赵桂兰', 'later'],
    ]);
    expect(today.items[0]).toMatchObject({ dueLabel: expect.stringMatching(/^已超期\d天$/), noWechat: true });
    expect(today.items[0]!.phone).toMatch(/^1\d{10}$/);
    expect(today.counts).toEqual({ overdue: 1, today: 0, later: 1 });
  });
});

describe('visits', () => {
  it('records a visit once however often the phone retries, and moves the next visit', async () => {
    const requestId = newRequestId();
    const event = {
      action: 'recordVisit',
      subjectId: NOPHONE,
      requestId,
      kind: 'visit',
      outcome: 'done',
      note: '精神好',
    };
    const first = await ok<RecordVisitOutput>(call(DEMO.partyMember, event, at(30)));
    const again = await ok<RecordVisitOutput>(call(DEMO.partyMember, event, at(31)));
    expect(again.visit.id).toBe(first.visit.id);
    expect(first.nextDueLabel).toMatch(/前走访$/);
    const { total } = await cloud.db().collection('care_visits').where({ _id: first.visit.id }).count();
    expect(total).toBe(1);
    const today = await ok<TodayView>(call(DEMO.partyMember, { action: 'today' }, at(32)));
    expect(today.items.find((item) => item.name === '钱长海')).toMatchObject({ due: 'later' });
    // Nobody but the assigned carers records visits.
    expect(await code(visit(DEMO.unitLeader, NOPHONE))).toBe('FORBIDDEN');
    expect(await code(visit(DEMO.secretary, NOPHONE))).toBe('FORBIDDEN');
  });

  it('raises one alert when nobody is home twice in a row, to the carer and the relative', async () => {
    await subscribe(DEMO.relative);
    const first = await ok<RecordVisitOutput>(visit(DEMO.partyMember, SENIOR, { outcome: 'nobody_home' }, at(40)));
    expect(first.alertRaised).toBe(false);
    const second = await ok<RecordVisitOutput>(
      visit(DEMO.partyMember, SENIOR, { kind: 'call', outcome: 'nobody_home' }, at(41)),
    );
    expect(second.alertRaised).toBe(true);
    expect(second.visit.outcomeLabel).toBe('电话没人接');
    const third = await ok<RecordVisitOutput>(visit(DEMO.partyMember, SENIOR, { outcome: 'nobody_home' }, at(42)));
    expect(third.alertRaised).toBe(false);
    const alertId = `nobody:${second.visit.id}`;
    expect(await alertDoc(alertId)).toMatchObject({ kind: 'nobody_home', status: 'open', push: { state: 'pending' } });
    // The timer sends its messages (and reading the same visits again raises nothing new).
    const run = await fire('signals', at(43));
    expect(run.pushed).toBeGreaterThanOrEqual(1);
    expect(await recipientsOf(alertId)).toEqual([CARER, RELATIVE].sort());
    expect(
      cloud.standIn.outbox().some((message) => message.touser === DEMO.relative && message.page?.includes('nobody')),
    ).toBe(true);
    await fire('signals', at(44));
    expect(await recipientsOf(alertId)).toEqual([CARER, RELATIVE].sort());
    // A visit that finds her ends the streak.
    await ok(visit(DEMO.partyMember, SENIOR, {}, at(45)));
  });

  it('hands a follow-up to staff once, and links a 报事 the carer filed for the person', async () => {
    const recorded = await ok<RecordVisitOutput>(
      visit(DEMO.partyMember, SENIOR, { outcome: 'follow_up', note: '厨房水龙头漏水' }, at(50)),
    );
    const task = await ok<VisitView>(
      call(
        DEMO.partyMember,
        { action: 'followUpTask', visitId: recorded.visit.id, text: '厨房水龙头漏水，请安排维修' },
        at(51),
      ),
    );
    expect(task.followUp).toMatchObject({ kind: 'task', label: '已交给社区工作人员跟进' });
    await ok(
      call(
        DEMO.partyMember,
        { action: 'followUpTask', visitId: recorded.visit.id, text: '厨房水龙头漏水，请安排维修' },
        at(52),
      ),
    );
    const tasks = await ok<{ items: Array<{ id: string; text: string }> }>(
      call(DEMO.staff, { action: 'tasks', status: 'open' }, at(53)),
    );
    expect(tasks.items.filter((item) => item.id === `CT-${recorded.visit.id}`)).toHaveLength(1);
    const done = await ok<{ status: string }>(
      call(DEMO.staff, { action: 'completeTask', id: `CT-${recorded.visit.id}`, note: '已修好' }, at(54)),
    );
    expect(done.status).toBe('done');

    // The 报事: report.submit itself, the carer acting for the person (with a reason).
    const second = await ok<RecordVisitOutput>(visit(DEMO.partyMember, SENIOR, { outcome: 'follow_up' }, at(55)));
    const draft = {
      action: 'submit',
      categoryId: 'facility',
      description: '老人家里暖气不热，请帮忙联系维修',
      images: [],
      urgent: false,
      household: true,
      forResidentId: SENIOR,
    };
    expect(await code(cloud.call('report', draft, { openid: DEMO.partyMember, now: at(56) }))).toBe('INVALID_INPUT');
    expect(
      await code(cloud.call('report', { ...draft, proxyReason: '走访跟进' }, { openid: DEMO.unitLeader, now: at(56) })),
    ).toBe('FORBIDDEN');
    const report = await ok<{ id: string }>(
      cloud.call('report', { ...draft, proxyReason: '关爱走访跟进' }, { openid: DEMO.partyMember, now: at(56) }),
    );
    const linked = await ok<VisitView>(
      call(DEMO.partyMember, { action: 'linkReport', visitId: second.visit.id, reportId: report.id }, at(57)),
    );
    expect(linked.followUp).toMatchObject({ kind: 'report', id: report.id });
    const detail = await ok<{ reporter: { name: string; filedBy?: string } }>(
      cloud.call('report', { action: 'detail', id: report.id }, { openid: DEMO.secretary, now: at(58) }),
    );
    expect(detail.reporter).toMatchObject({ name: '赵桂兰', filedBy: '孙建华代报（关爱走访跟进）' });
    // A visit has one follow-up.
    expect(
      await code(
        call(DEMO.partyMember, { action: 'followUpTask', visitId: second.visit.id, text: '再加一个任务' }, at(59)),
      ),
    ).toBe('CONFLICT');
  });

  it('shows the carer the visit form with her family to call and the recent visits', async () => {
    const form = await ok<VisitFormView>(call(DEMO.partyMember, { action: 'visitForm', subjectId: SENIOR }, at(60)));
    expect(form.subject).toMatchObject({ name: '赵桂兰', addressLabel: '5号楼1单元102' });
    expect(form.emergency).toEqual([
      expect.objectContaining({ name: '赵文杰', roleLabel: '亲属', phone: expect.any(String) }),
    ]);
    expect(form.visits.length).toBeGreaterThan(3);
    expect(form.visits[0]!.carerName).toBe('孙建华');
  });
});

describe('signals become alerts', () => {
  it('a meal nobody answered for the demo senior alerts her carer and her son once, within a run of the timer', async () => {
    await subscribe(DEMO.partyMember);
    const orderId = await servedMeal(40, SENIOR, DEMO.relative);
    const alertId = `meal:${orderId}`;
    expect(await alertDoc(alertId)).toBeUndefined();
    const run = await fire('signals', wall(40, '12:31'));
    expect(run).toMatchObject({ raised: 1 });
    const alert = await alertDoc(alertId);
    expect(alert).toMatchObject({ kind: 'meal', subjectId: SENIOR, carerIds: [CARER], relativeIds: [RELATIVE] });
    expect(await recipientsOf(alertId)).toEqual([CARER, RELATIVE].sort());
    const sent = cloud.standIn.outbox().filter((message) => message.page?.includes(encodeURIComponent(alertId)));
    expect(sent.map((message) => message.touser).sort()).toEqual([DEMO.partyMember, DEMO.relative].sort());

    // The relative sees it with what to do, and answers; the carer hears it.
    const { items } = await ok<{ items: AlertView[] }>(
      call(DEMO.relative, { action: 'alerts', status: 'open', id: alertId }, wall(40, '12:35')),
    );
    expect(items[0]).toMatchObject({ id: alertId, viewer: 'relative', status: 'open' });
    expect(items[0]!.todo[0]).toBe('先给老人打电话。');
    const answered = await ok<AlertView>(
      call(
        DEMO.relative,
        { action: 'answerAlert', id: alertId, kind: 'safe', note: '妈妈出门买菜了' },
        wall(40, '12:40'),
      ),
    );
    expect(answered).toMatchObject({
      status: 'answered',
      answers: [expect.objectContaining({ name: '赵文杰', kindLabel: '已联系，平安' })],
    });
    const heard = await cloud.db().collection('messages').where({ recipientId: CARER, 'source.id': alertId }).count();
    expect(heard.total).toBe(2);
    // The same answer again a minute later (a retry whose answer was lost, a double tap) is
    // that answer: nothing new recorded, the carer not told twice.
    const again = await ok<AlertView>(
      call(
        DEMO.relative,
        { action: 'answerAlert', id: alertId, kind: 'safe', note: '妈妈出门买菜了' },
        wall(40, '12:41'),
      ),
    );
    expect(again.answers).toHaveLength(1);
    const heardOnce = await cloud
      .db()
      .collection('messages')
      .where({ recipientId: CARER, 'source.id': alertId })
      .count();
    expect(heardOnce.total).toBe(2);
    expect((await alertDoc(alertId))!.pendingTells).toEqual([]);
    // The secretary closes it.
    const closed = await ok<AlertView>(
      call(DEMO.secretary, { action: 'closeAlert', id: alertId, note: '已确认平安' }, wall(40, '13:00')),
    );
    expect(closed.status).toBe('closed');
    expect(
      await code(call(DEMO.relative, { action: 'answerAlert', id: alertId, kind: 'coming' }, wall(40, '13:01'))),
    ).toBe('CONFLICT');
  });

  it('never raises an alert twice: a run that died before moving its cursor, a claim that died before sending', async () => {
    const orderId = await servedMeal(41, SENIOR, DEMO.relative);
    const alertId = `meal:${orderId}`;
    await fire('signals', wall(41, '12:31'));
    const before = await recipientsOf(alertId);
    // As if the run had died after writing the alert, before its cursor moved.
    await cloud.db().collection('care_state').doc('cursors').remove();
    const rerun = await fire('signals', wall(41, '12:32'));
    expect(rerun.raised).toBe(0);
    expect(await recipientsOf(alertId)).toEqual(before);
    const { total } = await cloud.db().collection('care_alerts').where({ 'source.id': orderId }).count();
    expect(total).toBe(1);

    // A run that claimed an alert's messages and died before sending: sent once the claim is
    // stale, not before. (Its push never began: no fan-out, no messages.)
    const orderTwo = await servedMeal(42, SENIOR, DEMO.relative);
    const idTwo = `meal:${orderTwo}`;
    await fire('signals', wall(42, '12:31'));
    await cloud.db().collection('messages').where({ 'source.id': idTwo }).remove();
    await cloud.db().collection('push_outbox').where({ 'source.id': idTwo }).remove();
    await cloud.db().collection('push_fanouts').doc(`care_alert:${idTwo}:first`).remove();
    const claimed = { push: { state: 'sending', stage: 'first', claimedAt: wall(42, '12:31') } };
    await cloud.db().collection('care_alerts').doc(idTwo).update(claimed);
    await fire('signals', wall(42, '12:33'));
    expect(await recipientsOf(idTwo)).toEqual([]);
    await fire('signals', wall(42, '12:40'));
    expect(await recipientsOf(idTwo)).toEqual([CARER, RELATIVE].sort());

    // One that died after sending, before marking it sent: sent again after the claim went
    // stale, the same push (keyed by the alert and its stage) — nobody gets it twice.
    await cloud
      .db()
      .collection('care_alerts')
      .doc(idTwo)
      .update({ push: { state: 'sending', stage: 'first', claimedAt: wall(42, '12:41') } });
    const resent = await fire('signals', wall(42, '12:50'));
    expect(resent.pushed).toBe(1);
    expect(await recipientsOf(idTwo)).toEqual([CARER, RELATIVE].sort());
    expect((await alertDoc(idTwo))!.push).toMatchObject({ state: 'sent' });
  });

  it('a meal for someone not on the care list, or delivered, raises nothing', async () => {
    await servedMeal(43, '', DEMO.resident, 'not_collected', 'pickup');
    await servedMeal(44, SENIOR, DEMO.relative, 'delivered');
    const run = await fire('signals', wall(44, '12:31'));
    expect(run.raised).toBe(0);
  });

  it('a gas alarm in her flat alerts her circle; a drill does not', async () => {
    const openedAt = wall(45, '09:00');
    const outcome = await cloud.invoke(
      'safety',
      intakeEvent(demoRequest({ deviceId: DEMO_SAFETY.seniorGas, at: openedAt, eventId: newEventId() })),
      { now: openedAt },
    );
    const alarmId = JSON.parse((outcome.result as { body: string }).body).data.alarmId as string;
    await ok(
      cloud.call(
        'safety',
        { action: 'startDrill', buildingNo: 5, unitNo: 3, room: '201' },
        { openid: DEMO.staff, now: openedAt },
      ),
    );
    const run = await fire('signals', wall(45, '09:01'));
    expect(run.raised).toBe(1);
    expect(await alertDoc(`alarm:${alarmId}:${SENIOR}`)).toMatchObject({
      kind: 'alarm',
      title: '关爱提醒：赵桂兰家燃气报警器报警',
    });
  });

  it('the daily rules: no meal ordered for days; a visit overdue to the carer, then the secretary', async () => {
    // 钱长海 has a standing delivery arrangement; the seeded lunches run to three days ahead.
    const noDelivery = () =>
      cloud.db().collection('care_alerts').where({ subjectId: NOPHONE, kind: 'no_delivery' }).limit(10).get();
    await fire('daily', wall(1, '10:30'));
    expect((await noDelivery()).data).toEqual([]);
    // Then nothing is ordered: more than three days after his last lunch, his circle hears it.
    const first = await fire('daily', wall(8, '10:30'));
    expect(first.noDelivery).toBeGreaterThanOrEqual(1);
    expect((await noDelivery()).data).toEqual([
      expect.objectContaining({ carerIds: [CARER], relativeIds: [RELATIVE], status: 'open' }),
    ]);
    expect(await fire('daily', wall(8, '10:31'))).toMatchObject({ overdue: 0, noDelivery: 0 });

    // His next visit (three days after the last) passes: the carer is reminded, the family is not.
    await fire('daily', wall(10, '10:30'));
    const overdue = (
      await cloud
        .db()
        .collection('care_alerts')
        .where({ subjectId: NOPHONE, kind: 'overdue', status: 'open' })
        .limit(10)
        .get()
    ).data as Array<{ _id: string }>;
    expect(overdue).toHaveLength(1);
    const id = overdue[0]!._id;
    expect(await alertDoc(id)).toMatchObject({ carerIds: [CARER], relativeIds: [] });
    // Messages go out a bounded number per run: the next runs send the rest.
    expect(await drain(wall(10, '10:31'))).toBeGreaterThan(1);
    expect(await recipientsOf(id)).toEqual([CARER]);
    // Still not visited after three more days: the branch secretary hears it.
    expect(await fire('daily', wall(14, '10:30'))).toMatchObject({ escalated: expect.any(Number) });
    expect(await alertDoc(id)).toMatchObject({ push: { state: 'pending', stage: 'escalated' } });
    await drain(wall(14, '10:31'));
    expect(await recipientsOf(id)).toEqual([CARER, CARER, 'r-demo-secretary'].sort());
    // The visit ends the reminder.
    await ok(visit(DEMO.partyMember, NOPHONE, {}, wall(14, '15:00')));
    expect(await alertDoc(id)).toMatchObject({ status: 'closed', closeNote: '已走访' });
  });
});

describe('the archive', () => {
  it('is the senior’s in two round trips, and her reads are not logged', async () => {
    const outcome = await cloud.invoke('care', { action: 'archive' }, { openid: DEMO.senior, now: at(100) });
    const view = (outcome.result as { data: ArchiveView }).data;
    expect(outcome.roundTrips).toBe(2);
    expect(view.viewer).toBe('self');
    expect(view.fields.map((field) => [field.label, field.value, field.visibleToLabel])).toEqual([
      ['慢性病', '高血压', '本人、亲属、走访党员可见'],
      ['行动情况', '上下楼要扶栏杆', '本人、亲属可见'],
      ['用药提醒', '每天早饭后一片降压药', '本人、亲属、走访党员可见'],
      ['血型', 'A型', '本人、亲属、走访党员可见'],
      ['其他紧急联系人', '', '本人、亲属可见'],
    ]);
    expect(view.relatives).toEqual([expect.objectContaining({ name: '赵文杰', phone: expect.any(String) })]);
    expect(view.log!.map((entry) => [entry.who, entry.actionLabel])).toEqual([
      ['赵文杰', '查看了档案'],
      ['孙建华', '查看了档案'],
    ]);
    expect(view.canEdit && view.canExport && view.canErase).toBe(true);
  });

  it('shows each reader only what was shared with them, and logs who read it first', async () => {
    const read = await cloud.invoke(
      'care',
      { action: 'archive', residentId: SENIOR },
      { openid: DEMO.relative, now: at(101) },
    );
    // Who he is, the archive with its log in one aggregate, his read written: three round trips.
    expect(read.roundTrips).toBe(3);
    const son = (read.result as { data: ArchiveView }).data;
    expect(son.viewer).toBe('relative');
    // The log he is shown already has his own read on top.
    expect(son.log!.map((entry) => [entry.who, entry.roleLabel, entry.actionLabel])).toEqual([
      ['赵文杰', '亲属', '查看了档案'],
      ['赵文杰', '亲属', '查看了档案'],
      ['孙建华', '走访党员', '查看了档案'],
    ]);
    expect(son.fields.map((field) => field.key)).toEqual(['conditions', 'mobility', 'medication', 'bloodType']);
    expect(son.canEdit).toBe(false);
    const carer = await ok<ArchiveView>(call(DEMO.partyMember, { action: 'archive', residentId: SENIOR }, at(102)));
    expect(carer.fields.map((field) => field.key)).toEqual(['conditions', 'medication', 'bloodType']);
    expect(carer.log).toBeUndefined();
    const counted = await cloud.counts();
    for (const who of [DEMO.staff, DEMO.secretary, DEMO.unitLeader, DEMO.resident, DEMO.otherSecretary]) {
      expect(await code(call(who, { action: 'archive', residentId: SENIOR }, at(103)))).toBe('FORBIDDEN');
    }
    expect((await cloud.counts()).care_access_log).toBe(counted.care_access_log);
    const mine = await ok<ArchiveView>(call(DEMO.senior, { action: 'archive' }, at(104)));
    expect(mine.log!.slice(0, 2).map((entry) => [entry.who, entry.roleLabel])).toEqual([
      ['孙建华', '走访党员'],
      ['赵文杰', '亲属'],
    ]);
  });

  it('never leaves through lists, alerts, overviews or exports meant for others', async () => {
    const texts = ['高血压', '降压药', '扶栏杆', 'A型', '糖尿病'];
    const outputs = await Promise.all([
      ok(call(DEMO.partyMember, { action: 'today' }, at(130))),
      ok(call(DEMO.partyMember, { action: 'visitForm', subjectId: SENIOR }, at(130))),
      ok(call(DEMO.secretary, { action: 'careList' }, at(130))),
      ok(call(DEMO.staff, { action: 'overview', buildingNo: 5 }, at(130))),
      ok(call(DEMO.relative, { action: 'alerts', status: 'open' }, at(130))),
      ok(call(DEMO.relative, { action: 'home' }, at(130))),
      ok(call(DEMO.secretary, { action: 'entry', subjectId: SENIOR }, at(130))),
    ]);
    for (const output of outputs) for (const text of texts) expect(JSON.stringify(output)).not.toContain(text);
    const { data } = await cloud.db().collection('messages').where({ 'source.kind': 'care_alert' }).limit(1000).get();
    for (const text of texts) expect(JSON.stringify(data)).not.toContain(text);
  });

  it('is changed by the person with its version; a relative keeps it for a senior without WeChat, recorded', async () => {
    const mine = await ok<ArchiveView>(call(DEMO.senior, { action: 'archive' }, at(110)));
    const fields = Object.fromEntries(
      mine.fields.map((field) => [field.key, { value: field.value, share: field.share }]),
    );
    fields.mobility = { value: '上下楼要扶栏杆', share: { relatives: true, carers: true } };
    const saved = await ok<ArchiveView>(
      call(DEMO.senior, { action: 'saveArchive', fields, version: mine.version }, at(111)),
    );
    expect(saved.version).toBe(mine.version + 1);
    expect(await code(call(DEMO.senior, { action: 'saveArchive', fields, version: mine.version }, at(112)))).toBe(
      'CONFLICT',
    );
    expect(
      await code(
        call(DEMO.relative, { action: 'saveArchive', residentId: SENIOR, fields, version: saved.version }, at(112)),
      ),
    ).toBe('FORBIDDEN');
    const carer = await ok<ArchiveView>(call(DEMO.partyMember, { action: 'archive', residentId: SENIOR }, at(113)));
    expect(carer.fields.map((field) => field.key)).toContain('mobility');

    const empty = Object.fromEntries(
      ['conditions', 'mobility', 'medication', 'bloodType', 'otherContact'].map((key) => [
        key,
        { value: '', share: { relatives: true, carers: false } },
      ]),
    );
    const kept = await ok<ArchiveView>(
      call(
        DEMO.relative,
        {
          action: 'saveArchive',
          residentId: NOPHONE,
          fields: { ...empty, conditions: { value: '糖尿病', share: { relatives: true, carers: true } } },
          version: 0,
        },
        at(114),
      ),
    );
    expect(kept).toMatchObject({ viewer: 'relative', canEdit: true });
    expect(kept.log!.map((entry) => [entry.who, entry.roleLabel, entry.actionLabel])).toEqual([
      ['赵文杰', '亲属（代办）', '修改了档案'],
    ]);
  });

  it('exports the person’s own archive, and erases it on request keeping the log', async () => {
    const exported = await ok<{ url: string }>(call(DEMO.senior, { action: 'exportArchive' }, at(120)));
    const sheets = await readSpreadsheet(await download(exported.url));
    expect(sheets.map((sheet) => sheet.name)).toEqual(['我的档案', '家庭关系', '关爱计划', '查阅记录']);
    expect(sheets[0]!.rows[1]).toEqual(['慢性病', '高血压', '本人、亲属、走访党员可见']);
    expect(await code(call(DEMO.relative, { action: 'exportArchive', residentId: SENIOR }, at(121)))).toBe('FORBIDDEN');

    expect(await code(call(DEMO.staff, { action: 'eraseArchive', residentId: NOPHONE }, at(122)))).toBe(
      'INVALID_INPUT',
    );
    await ok(call(DEMO.staff, { action: 'eraseArchive', residentId: NOPHONE, reason: '老人到社区当面申请' }, at(123)));
    const gone = await ok<ArchiveView>(call(DEMO.relative, { action: 'archive', residentId: NOPHONE }, at(124)));
    expect(gone.fields.every((field) => field.value === '')).toBe(true);
    expect(gone.erasedLabel).toMatch(/按申请删除/);
    expect(gone.log!.map((entry) => entry.actionLabel)).toEqual(['查看了档案', '删除了档案', '修改了档案']);

    await ok(call(DEMO.senior, { action: 'eraseArchive' }, at(125)));
    const after = await ok<ArchiveView>(call(DEMO.senior, { action: 'archive' }, at(126)));
    expect(after.fields.every((field) => field.value === '')).toBe(true);
    expect(after.log!.length).toBeGreaterThan(3);
  });
});

describe('staff', () => {
  it('see each building’s care list, visits and load; export the month as figures only', async () => {
    const view = await ok<OverviewView>(call(DEMO.staff, { action: 'overview', buildingNo: 5 }, at(140)));
    expect(view.buildings).toHaveLength(12);
    const five = view.buildings.find((building) => building.buildingNo === 5)!;
    expect(five.people).toBeGreaterThanOrEqual(6);
    expect(view.people.map((person) => person.name)).toEqual(expect.arrayContaining(['赵桂兰', '钱长海']));
    expect(view.carers.find((carer) => carer.name === '孙建华')).toMatchObject({ people: 2 });
    const secretary = await ok<OverviewView>(call(DEMO.secretary, { action: 'overview' }, at(140)));
    expect(secretary.buildings.map((building) => building.buildingNo)).toEqual([5]);
    expect(await code(call(DEMO.secretary, { action: 'overview', buildingNo: 3 }, at(140)))).toBe('FORBIDDEN');

    const exported = await ok<{ url: string }>(call(DEMO.staff, { action: 'exportMonth', month: view.month }, at(141)));
    const sheets = await readSpreadsheet(await download(exported.url));
    expect(sheets[0]!.rows[0]).toEqual([
      '楼栋',
      '关爱对象（人）',
      '上门走访（次）',
      '电话问候（次）',
      '没人在家（次）',
      '需要跟进（次）',
      '本月见到的人数',
    ]);
    expect(sheets[0]!.rows.find((row) => row[0] === '5号楼')![1]).toBe(String(five.people));
    expect(JSON.stringify(sheets)).not.toContain('赵桂兰');
  });

  it('change the rules, explained in words; a switched-off rule raises nothing', async () => {
    const current = await ok<RulesView>(call(DEMO.staff, { action: 'rules' }, at(150)));
    expect(current.sentences.find((rule) => rule.key === 'noDelivery')!.text).toContain('连续3天没有订餐');
    const saved = await ok<RulesView>(
      call(
        DEMO.staff,
        {
          action: 'saveRules',
          ...current.rules,
          meal: { enabled: false },
          noDelivery: { enabled: true, days: 5 },
          version: current.version,
        },
        at(151),
      ),
    );
    expect(saved.sentences.find((rule) => rule.key === 'noDelivery')!.text).toContain('连续5天没有订餐');
    expect(
      await code(call(DEMO.secretary, { action: 'saveRules', ...current.rules, version: saved.version }, at(152))),
    ).toBe('FORBIDDEN');
    const orderId = await servedMeal(50, SENIOR, DEMO.relative);
    await fire('signals', wall(50, '12:31'));
    expect(await alertDoc(`meal:${orderId}`)).toBeUndefined();
    await ok(call(DEMO.staff, { action: 'saveRules', ...current.rules, version: saved.version }, at(153)));
  });
});
