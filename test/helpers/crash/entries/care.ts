/**
 * Sweep entries of 关爱 (care): every action that writes, and its signals timer on a fresh
 * signal. Steps share the demo senior (赵桂兰, carer 孙建华, son 赵文杰), each at an instant of
 * its own after the previous step's world, so her visits, alerts and archive only grow.
 */
import { DEMO } from '../../../../local/seed/community';
import { DEMO_CARE } from '../../../../local/seed/care';
import { DEFAULT_RULES } from '../../../../cloudfunctions/care/rules';
import { visitIdOf } from '../../../../cloudfunctions/care/visits';
import { careAlertsSent, careArchiveLogged, careTasks, careVisits, nothingLeftHalfway } from '../invariants';
import { all, one } from '../read';
import { codedAnswer, later, mustBeOk, type Call, type SweepContext, type SweepEntry, type TimerRef } from '../sweep';
import { requestId, SEEDED_AT } from '../world';
import { freshMenu } from './canteen';

export const care = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'care',
  event: { action, ...input },
  as,
  now,
});

const SENIOR = DEMO_CARE.senior;
const NOPHONE = DEMO_CARE.seniorNoPhone;
const CARER = DEMO_CARE.carer;
const RELATIVE = DEMO_CARE.relative;

let steps = 0;
/** An instant of its own: past the previous step's world (its timers run up to 10 minutes on). */
function stepTime(): Date {
  return later(SEEDED_AT, 3600_000 + 15 * 60_000 * steps++);
}

function visitInput(outcome: 'done' | 'nobody_home' | 'follow_up', note?: string) {
  return {
    subjectId: SENIOR,
    requestId: requestId('visit'),
    kind: 'visit',
    outcome,
    ...(note ? { note } : {}),
  };
}

/** An open alert for the senior, raised and sent (as the signals timer leaves it). */
async function freshAlert(ctx: SweepContext, now: Date): Promise<string> {
  const id = `meal:sweep-${requestId('alert')}`;
  await ctx
    .db()
    .collection('care_alerts')
    .add({
      _id: id,
      kind: 'meal',
      subjectId: SENIOR,
      subjectName: '赵桂兰',
      buildingNo: 5,
      unitNo: 1,
      room: '102',
      title: '关爱提醒：赵桂兰送餐无人应答',
      detail: '赵桂兰的午餐送餐上门时没人应答。',
      source: { kind: 'canteen_order', id: 'sweep' },
      status: 'open',
      raisedAt: now,
      carerIds: [CARER],
      relativeIds: [RELATIVE],
      viewerIds: [CARER, RELATIVE],
      answers: [],
      push: { state: 'sent', stage: 'first', sentAt: now },
    });
  return id;
}

async function archiveVersion(ctx: SweepContext, subjectId: string): Promise<number> {
  return (await one<{ version: number }>(ctx.db(), 'care_archives', subjectId))?.version ?? 0;
}

async function entryVersion(ctx: SweepContext, subjectId: string): Promise<number> {
  return (await one<{ version: number }>(ctx.db(), 'care_list', subjectId))?.version ?? 0;
}

const FIELDS = (note: string) => ({
  conditions: { value: '高血压', share: { relatives: true, carers: true } },
  mobility: { value: '上下楼要扶栏杆', share: { relatives: true, carers: false } },
  medication: { value: note, share: { relatives: true, carers: true } },
  bloodType: { value: 'A型', share: { relatives: true, carers: true } },
  otherContact: { value: '', share: { relatives: true, carers: false } },
});

/** A stale version is the only refusal a new edit may meet (someone's edit went in first). */
const staleOk = (result: { ok: boolean; error?: { code: string; message: string } }) =>
  result.ok || result.error?.code === 'CONFLICT' ? undefined : `${result.error?.code} ${result.error?.message}`;

const ENTRY = {
  subjectId: NOPHONE,
  categories: ['alone', 'disability'],
  reason: '独居，没有智能手机，子女住在外区',
  consent: { by: 'self', name: '钱长海', method: 'in_person' },
  carerIds: [CARER],
  frequencyDays: 3,
  meal: 'delivery',
};

const noInvariant = async (): Promise<string[]> => [];

/**
 * The world's timers: care's every-minute signals timer (where care finishes what a dead
 * request left) and the push outbox. The daily timer has its own sweep on the seeded world.
 */
const TIMERS: TimerRef[] = [
  { fn: 'care', trigger: 'signals' },
  { fn: 'push', trigger: 'retryOutbox' },
];

export const careEntries: SweepEntry[] = [
  {
    key: 'care.recordVisit',
    async arrange(ctx) {
      const now = stepTime();
      const input = visitInput('done', '精神不错');
      return {
        call: care(DEMO.partyMember, 'recordVisit', input, now),
        retryMay: mustBeOk,
        // His next visit (to 钱长海) is not blocked; her entry is left to the retry and the timer.
        again: care(
          DEMO.partyMember,
          'recordVisit',
          { ...input, subjectId: NOPHONE, requestId: requestId('again') },
          later(now, 60_000),
        ),
        async visible() {
          const list = await ctx.call(care(DEMO.partyMember, 'today', {}, now));
          return list.ok ? [] : ['today refused'];
        },
        check: async () => [...(await careVisits(ctx.db(), [SENIOR])), ...(await nothingLeftHalfway(ctx.db()))],
        async done() {
          return (await one(ctx.db(), 'care_visits', visitIdOf(CARER, input.requestId))) ? [] : ['visit not recorded'];
        },
      };
    },
    timers: TIMERS,
    sample: 6,
  },
  {
    key: 'care.recordVisit#nobodyHome',
    async arrange(ctx) {
      // The second time nobody was home: the streak raises an alert to the carer and the son
      // (a visit that found her first: a streak longer than the rule's alerts only once).
      const first = stepTime();
      await ctx.ok(care(DEMO.partyMember, 'recordVisit', visitInput('done'), later(first, -60_000)));
      await ctx.ok(care(DEMO.partyMember, 'recordVisit', visitInput('nobody_home'), first));
      const now = later(first, 60_000);
      const input = visitInput('nobody_home');
      return {
        call: care(DEMO.partyMember, 'recordVisit', input, now),
        retryMay: mustBeOk,
        async check() {
          const visitId = visitIdOf(CARER, input.requestId);
          return [
            ...(await careVisits(ctx.db(), [SENIOR])),
            ...(await careAlertsSent(ctx.db(), { _id: `nobody:${visitId}` }, [], true)),
            ...(await nothingLeftHalfway(ctx.db())),
          ];
        },
        async done() {
          const visitId = visitIdOf(CARER, input.requestId);
          return (await one(ctx.db(), 'care_alerts', `nobody:${visitId}`)) ? [] : ['no alert for the streak'];
        },
      };
    },
    timers: TIMERS,
    sample: 5,
  },
  {
    key: 'care.answerAlert',
    async arrange(ctx) {
      const now = stepTime();
      const id = await freshAlert(ctx, now);
      return {
        call: care(DEMO.relative, 'answerAlert', { id, kind: 'coming' }, now),
        again: care(DEMO.partyMember, 'answerAlert', { id, kind: 'safe' }, later(now, 60_000)),
        async check() {
          const alert = await one<{ answers: Array<{ residentId: string }> }>(ctx.db(), 'care_alerts', id);
          const told = await all<{ _id: string; recipientId: string; title: string }>(ctx.db(), 'messages', {
            'source.kind': 'care_alert',
            'source.id': id,
          });
          const violations: string[] = [];
          // Whoever answered, the rest of the circle heard it.
          for (const answer of alert?.answers ?? []) {
            const others = [CARER, RELATIVE].filter((other) => other !== answer.residentId);
            for (const other of others) {
              if (!told.some((m) => m.recipientId === other)) violations.push(`${other} never told of an answer`);
            }
          }
          return [
            ...violations,
            ...(await careAlertsSent(ctx.db(), { _id: id })),
            ...(await nothingLeftHalfway(ctx.db())),
          ];
        },
      };
    },
    timers: TIMERS,
    sample: 6,
  },
  {
    key: 'care.closeAlert',
    async arrange(ctx) {
      const now = stepTime();
      const id = await freshAlert(ctx, now);
      return {
        call: care(DEMO.secretary, 'closeAlert', { id, note: '已上门，老人平安' }, now),
        check: noInvariant,
        async done() {
          const alert = await one<{ status: string }>(ctx.db(), 'care_alerts', id);
          return alert?.status === 'closed' ? [] : [`alert ${id} is ${alert?.status}`];
        },
      };
    },
    timers: TIMERS,
    sample: 3,
  },
  {
    key: 'care.followUpTask',
    async arrange(ctx) {
      const now = stepTime();
      const input = visitInput('follow_up', '厨房水龙头漏水');
      await ctx.ok(care(DEMO.partyMember, 'recordVisit', input, now));
      const visitId = visitIdOf(CARER, input.requestId);
      return {
        call: care(
          DEMO.partyMember,
          'followUpTask',
          { visitId, text: '厨房水龙头漏水，请安排维修' },
          later(now, 60_000),
        ),
        retryMay: mustBeOk,
        check: async () => [...(await careTasks(ctx.db(), [visitId])), ...(await nothingLeftHalfway(ctx.db()))],
      };
    },
    timers: TIMERS,
    sample: 6,
  },
  {
    key: 'care.linkReport',
    async arrange(ctx) {
      // The 报事 the carer filed for her after a visit that needs following up, linked to it.
      const now = stepTime();
      const input = visitInput('follow_up', '暖气不热');
      await ctx.ok(care(DEMO.partyMember, 'recordVisit', input, now));
      const visitId = visitIdOf(CARER, input.requestId);
      const report = await ctx.ok<{ id: string }>({
        fn: 'report',
        event: {
          action: 'submit',
          categoryId: 'facility',
          description: '老人家里暖气不热，请帮忙联系维修',
          images: [],
          urgent: false,
          household: true,
          forResidentId: SENIOR,
          proxyReason: '关爱走访跟进',
        },
        as: DEMO.partyMember,
        now,
      });
      return {
        call: care(DEMO.partyMember, 'linkReport', { visitId, reportId: report.id }, later(now, 60_000)),
        retryMay: mustBeOk,
        check: async () => [...(await careTasks(ctx.db(), [visitId])), ...(await nothingLeftHalfway(ctx.db()))],
        async done() {
          const visit = await one<{ followUp?: { id: string } }>(ctx.db(), 'care_visits', visitId);
          return visit?.followUp?.id === report.id ? [] : ['the visit does not point at the report'];
        },
      };
    },
    timers: TIMERS,
    sample: 3,
  },
  {
    key: 'care.archive',
    async arrange() {
      // Her son reads her archive: the read is logged before he sees it.
      const now = stepTime();
      return {
        call: care(DEMO.relative, 'archive', { residentId: SENIOR }, now),
        retryMay: mustBeOk,
        again: care(DEMO.relative, 'archive', { residentId: SENIOR }, later(now, 60_000)),
        check: noInvariant,
      };
    },
    timers: TIMERS,
    sample: 3,
  },
  {
    key: 'care.saveArchive',
    async arrange(ctx) {
      // The son keeps the archive of 钱长海 (no WeChat): a logged change.
      const now = stepTime();
      const version = await archiveVersion(ctx, NOPHONE);
      const input = { residentId: NOPHONE, fields: FIELDS(`每天一片降压药（${steps}）`), version };
      return {
        call: care(DEMO.relative, 'saveArchive', input, now),
        retryMay: staleOk,
        again: care(DEMO.relative, 'saveArchive', { ...input }, later(now, 60_000)),
        againMay: staleOk,
        check: () => careArchiveLogged(ctx.db(), NOPHONE),
      };
    },
    timers: TIMERS,
    sample: 5,
  },
  {
    key: 'care.exportArchive',
    async arrange() {
      return { call: care(DEMO.senior, 'exportArchive', {}, stepTime()), check: noInvariant };
    },
    timers: TIMERS,
    sample: 3,
  },
  {
    key: 'care.eraseArchive',
    async arrange(ctx) {
      // 钱长海's archive, kept by his son, erased at the son's request (logged).
      const now = stepTime();
      const version = await archiveVersion(ctx, NOPHONE);
      await ctx.ok(
        care(DEMO.relative, 'saveArchive', { residentId: NOPHONE, fields: FIELDS('每天一片'), version }, now),
      );
      return {
        call: care(DEMO.relative, 'eraseArchive', { residentId: NOPHONE }, later(now, 60_000)),
        check: () => careArchiveLogged(ctx.db(), NOPHONE),
        async done() {
          const archive = await one<{ fields: object }>(ctx.db(), 'care_archives', NOPHONE);
          return archive && Object.keys(archive.fields).length ? ['archive not erased'] : [];
        },
      };
    },
    timers: TIMERS,
    sample: 4,
  },
  {
    key: 'care.savePair',
    async arrange(ctx, index) {
      const householdId = `h05-4-${1 + (index % 7)}0${1 + (index % 3)}`;
      const pair = await one<{ version: number }>(ctx.db(), 'care_pairs', householdId);
      return {
        call: care(
          DEMO.secretary,
          'savePair',
          { householdId, contactIds: [CARER], version: pair?.version ?? 0 },
          stepTime(),
        ),
        retryMay: staleOk,
        check: noInvariant,
      };
    },
    timers: TIMERS,
    sample: 3,
  },
  {
    key: 'care.autoPair',
    async arrange() {
      return { call: care(DEMO.secretary, 'autoPair', { buildingNo: 5, unitNo: 4 }, stepTime()), check: noInvariant };
    },
    timers: TIMERS,
    sample: 3,
  },
  {
    key: 'care.saveEntry',
    async arrange(ctx) {
      const now = stepTime();
      const version = await entryVersion(ctx, NOPHONE);
      const input = { ...ENTRY, frequencyDays: steps % 2 ? 3 : 7, version };
      return {
        call: care(DEMO.secretary, 'saveEntry', input, now),
        retryMay: staleOk,
        check: async () => [...(await careVisits(ctx.db(), [NOPHONE])), ...(await nothingLeftHalfway(ctx.db()))],
      };
    },
    timers: TIMERS,
    sample: 4,
  },
  {
    key: 'care.endEntry',
    async arrange(ctx) {
      // Ended, then (next step) put back on the list with the same plan.
      const now = stepTime();
      let version = await entryVersion(ctx, NOPHONE);
      const entry = await one<{ status: string }>(ctx.db(), 'care_list', NOPHONE);
      if (entry?.status !== 'active') {
        const saved = await ctx.ok<{ entry: { version: number } }>(
          care(DEMO.secretary, 'saveEntry', { ...ENTRY, version }, now),
        );
        version = saved.entry.version;
      }
      return {
        call: care(
          DEMO.secretary,
          'endEntry',
          { subjectId: NOPHONE, reason: '本人申请退出', version },
          later(now, 60_000),
        ),
        retryMay: staleOk,
        check: () => nothingLeftHalfway(ctx.db()),
      };
    },
    timers: TIMERS,
    sample: 4,
  },
  {
    key: 'care.completeTask',
    async arrange(ctx) {
      const now = stepTime();
      const input = visitInput('follow_up', '门锁坏了');
      await ctx.ok(care(DEMO.partyMember, 'recordVisit', input, now));
      const visitId = visitIdOf(CARER, input.requestId);
      await ctx.ok(care(DEMO.partyMember, 'followUpTask', { visitId, text: '门锁坏了，请联系物业' }, now));
      return {
        call: care(DEMO.staff, 'completeTask', { id: `CT-${visitId}`, note: '物业已换锁' }, later(now, 60_000)),
        retryMay: codedAnswer,
        check: () => careTasks(ctx.db(), [visitId]),
        async done() {
          const task = await one<{ status: string }>(ctx.db(), 'care_tasks', `CT-${visitId}`);
          return task?.status === 'done' ? [] : ['task still open'];
        },
      };
    },
    timers: TIMERS,
    sample: 3,
  },
  {
    key: 'care.saveRules',
    async arrange(ctx) {
      const stored = await one<{ version: number }>(ctx.db(), 'care_state', 'rules');
      return {
        call: care(DEMO.staff, 'saveRules', { ...DEFAULT_RULES, version: stored?.version ?? 0 }, stepTime()),
        retryMay: staleOk,
        check: noInvariant,
      };
    },
    timers: TIMERS,
    sample: 3,
  },
  {
    key: 'care.exportMonth',
    async arrange() {
      return { call: care(DEMO.staff, 'exportMonth', { month: '2026-11' }, stepTime()), check: noInvariant };
    },
    timers: TIMERS,
    sample: 2,
  },
  {
    key: 'care.timer:signals',
    async arrange(ctx) {
      // Her delivery lunch, nobody at the door: the timer raises the alert and sends it.
      const menu = await freshMenu(ctx);
      const placed = await ctx.ok<{ id: string }>({
        fn: 'canteen',
        event: {
          action: 'placeOrder',
          requestId: requestId('order'),
          menuId: menu.id,
          dishId: menu.dishId,
          dinerId: SENIOR,
          portions: 1,
          mode: 'delivery',
          dietTags: [],
        },
        as: DEMO.relative,
        now: menu.open,
      });
      await ctx.ok({
        fn: 'canteen',
        event: { action: 'markOutcome', orderId: placed.id, outcome: 'not_collected' },
        as: DEMO.canteen,
        now: menu.served,
      });
      return {
        call: { fn: 'care', event: {}, now: later(menu.served, 60_000) },
        timer: { fn: 'care', trigger: 'signals' },
        check: async () => [
          ...(await careAlertsSent(ctx.db(), { _id: `meal:${placed.id}` }, [CARER, RELATIVE])),
          ...(await nothingLeftHalfway(ctx.db())),
        ],
      };
    },
    timers: TIMERS,
    sample: 6,
  },
];
