/**
 * Part of `npm run bench`: the canteen figures the shared bench cannot take
 * (it repeats one fixed event as one user, on the real clock): a fresh order, a relative's
 * order for a senior (with the push to the senior), a retry, a cancel, marking a delivery
 * (with the push to the relatives), exports — and the burst: 1000 different residents
 * ordering at once for 300 portions, 200 of them sending their request twice at the same
 * moment. It reports how many were accepted and the burst's latency as a ratio to a single
 * order measured in the same run (and to a bare SDK round trip, as the shared bench does).
 * Every call runs at a fixed instant (the runner's clock), on menus of a year with 2030's
 * calendar years after the demo's (DemoCalendar.yearLike).
 */
import type { LocalCloud } from '../../local/cloud';
import { DEMO } from '../../local/seed/community';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import { percentile, tripsLabel, tripsLabels } from './stats';
import { mainThreadBusy, raceEfficiency } from './efficiency';
import { BENCH_SEED_AT, type Bench } from './harness';
import { demoCalendar } from '../../local/seed/calendar';

const PEOPLE = 1000;
const PORTIONS = 300;
const TWINS = 200;
const SINGLE_RUNS = 40;

const YEAR = demoCalendar(BENCH_SEED_AT).yearLike(2030);
const at = (wallClock: string) => new Date(`${wallClock.replace(' ', 'T')}:00+08:00`);
const BEFORE = at(`${YEAR}-06-03 07:00`);
const AFTER_LUNCH = at(`${YEAR}-06-03 11:45`);
const AFTER_DINNER = at(`${YEAR}-06-03 17:40`);

interface Timed {
  ms: number;
  roundTrips: number;
  fanoutRoundTrips?: number;
  ok: boolean;
  id?: string;
  code?: string;
}

async function timed(cloud: LocalCloud, event: Record<string, unknown>, openid: string, now: Date): Promise<Timed> {
  const started = performance.now();
  let outcome;
  try {
    outcome = await cloud.invoke('canteen', event, { openid, now });
  } catch (error) {
    // Cut off at the function's timeout: counted as a failed call.
    const code = (error as { code?: string }).code;
    if (code !== 'FUNCTIONS_TIME_LIMIT_EXCEEDED') throw error;
    return { ms: performance.now() - started, roundTrips: 0, ok: false, code };
  }
  const ms = performance.now() - started;
  const result = outcome.result as { ok: boolean; data?: { id?: string }; error?: { code: string } };
  return {
    ms,
    roundTrips: outcome.roundTrips,
    fanoutRoundTrips: outcome.fanoutRoundTrips,
    ok: result.ok,
    id: result.data?.id,
    code: result.error?.code,
  };
}

async function publish(cloud: LocalCloud, date: string, meal: 'lunch' | 'dinner', portions: number): Promise<string> {
  const outcome = await cloud.invoke(
    'canteen',
    {
      action: 'saveMenu',
      date,
      meal,
      dishes: [{ name: '基准套餐', tags: [], allergens: [], portions }],
      priceFen: 700,
      tiers: [],
      cutoff: { daysBefore: 0, time: meal === 'lunch' ? '09:00' : '15:00' },
      publish: true,
    },
    { openid: DEMO.canteen, now: at(`${YEAR}-06-01 10:00`) },
  );
  const saved = outcome.result as { ok: boolean; error?: { code: string } };
  if (!saved.ok) throw new Error(`saveMenu failed: ${saved.error?.code}`);
  const editor = (
    await cloud.invoke('canteen', { action: 'staffMenu', date, meal }, { openid: DEMO.canteen, now: BEFORE })
  ).result as { data: { draft: { dishes: Array<{ id: string }> } } };
  return editor.data.draft.dishes[0]!.id;
}

const trips = (samples: Timed[]) => tripsLabels(samples);
const p = (samples: Timed[], q: number) =>
  percentile(
    samples.map((s) => s.ms),
    q,
  );

/** Runs on the bench's cloud; prints its rows and notes; false when the invariant broke. */
export async function canteenRace({ cloud, db, bare }: Bench): Promise<boolean> {
  {
    // Residents enough for the burst and the single orders: verified, with WeChat.
    const created = new Date(`${YEAR}-01-01T00:00:00Z`);
    const people: ResidentDoc[] = Array.from({ length: PEOPLE + SINGLE_RUNS }, (_, i) => ({
      _id: `r-bench-${i}`,
      openid: `o-bench-canteen-${i}`,
      name: `订餐人${i}`,
      phone: `1390000${String(i).padStart(4, '0')}`,
      binding: {
        status: 'verified',
        address: { buildingNo: 1 + (i % 12), unitNo: 1 + (i % 4), room: `9${String(i).padStart(3, '0')}` },
      },
      householdId: `hb-${i}`,
      roles: [],
      createdAt: created,
      updatedAt: created,
    }));
    for (let i = 0; i < people.length; i += 250) await db.collection('residents').add(people.slice(i, i + 250));

    // Warm every worker: the first invocation of a worker loads the bundle.
    await Promise.all(
      Array.from({ length: 8 }, () =>
        cloud.invoke('canteen', { action: 'week' }, { openid: DEMO.resident, now: BEFORE }),
      ),
    );

    // Single fresh orders, one at a time, by different residents.
    const singleDish = await publish(cloud, `${YEAR}-06-03`, 'dinner', 500);
    const order = (dishId: string, menuId: string, requestId: string, extra: Record<string, unknown> = {}) => ({
      action: 'placeOrder',
      requestId,
      menuId,
      dishId,
      portions: 1,
      mode: 'dine_in',
      dietTags: [],
      ...extra,
    });
    const single: Timed[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) {
      single.push(
        await timed(
          cloud,
          order(singleDish, `${YEAR}-06-03_dinner`, `bench-single-${i}`),
          people[PEOPLE + i]!.openid!,
          BEFORE,
        ),
      );
    }
    const singleP50 = p(single, 50);
    const retries: Timed[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) {
      retries.push(
        await timed(
          cloud,
          order(singleDish, `${YEAR}-06-03_dinner`, 'bench-single-0'),
          people[PEOPLE]!.openid!,
          BEFORE,
        ),
      );
    }
    const proxy = await timed(
      cloud,
      order(singleDish, `${YEAR}-06-03_dinner`, 'bench-proxy-1', { dinerId: 'r-demo-senior', mode: 'delivery' }),
      DEMO.relative,
      BEFORE,
    );
    const cancel = await timed(
      cloud,
      { action: 'cancelOrder', orderId: single[1]!.id },
      people[PEOPLE + 1]!.openid!,
      BEFORE,
    );

    // The burst: 1000 people for 300 portions, 200 of them twice at the same moment.
    const burstDish = await publish(cloud, `${YEAR}-06-03`, 'lunch', PORTIONS);
    const senders = [...Array.from({ length: PEOPLE }, (_, i) => i), ...Array.from({ length: TWINS }, (_, i) => i)];
    for (let i = senders.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [senders[i], senders[j]] = [senders[j]!, senders[i]!];
    }
    const started = performance.now();
    const { value: burst, busy } = await mainThreadBusy(() =>
      Promise.all(
        senders.map((i) =>
          timed(cloud, order(burstDish, `${YEAR}-06-03_lunch`, `bench-burst-${i}`), people[i]!.openid!, BEFORE),
        ),
      ),
    );
    const wall = performance.now() - started;
    const accepted = new Set(burst.filter((r) => r.ok).map((r) => r.id));
    const refused = burst.filter((r) => !r.ok);
    const { total: stored } = await db
      .collection('canteen_orders')
      .where({ menuId: `${YEAR}-06-03_lunch` })
      .count();
    const menu = (await db.collection('canteen_menus').doc(`${YEAR}-06-03_lunch`).get()).data[0] as {
      stock: Record<string, number>;
    };

    // After the cut-off: the kitchen's counts, the delivery list, marking (push to relatives), exports.
    const kitchen = await timed(cloud, { action: 'kitchen', menuId: `${YEAR}-06-03_lunch` }, DEMO.canteen, AFTER_LUNCH);
    const list = await timed(
      cloud,
      { action: 'deliveryList', menuId: `${YEAR}-06-03_dinner` },
      DEMO.canteen,
      AFTER_DINNER,
    );
    const mark = await timed(
      cloud,
      { action: 'markOutcome', orderId: proxy.id, outcome: 'delivered', paid: true },
      DEMO.canteen,
      AFTER_DINNER,
    );
    const exportDay = await timed(cloud, { action: 'exportDay', date: `${YEAR}-06-03` }, DEMO.canteen, AFTER_DINNER);
    const failed = [...single, ...retries, proxy, cancel, kitchen, list, mark, exportDay].filter((s) => !s.ok);
    if (failed.length) throw new Error(`calls failed: ${failed.map((s) => s.code).join(', ')}`);

    const row = (name: string, samples: Timed[], base: number) =>
      `| ${name} | ${trips(samples)} | ${(p(samples, 50) / base).toFixed(1)} | ${(p(samples, 95) / base).toFixed(1)} | ${samples.length} |`;
    const once = (name: string, sample: Timed) =>
      `| ${name} | ${tripsLabel(sample)} | ${(sample.ms / bare).toFixed(1)} | | 1 |`;
    console.log(
      `bare SDK round trip (doc get): p50 ${bare.toFixed(2)} ms; single order p50 ${singleP50.toFixed(2)} ms`,
    );
    console.log('');
    console.log('| action | DB round trips | p50 (× bare) | p95 (× bare) | runs |');
    console.log('|---|---|---|---|---|');
    console.log(row('canteen.placeOrder (fresh, for oneself)', single, bare));
    console.log(row('canteen.placeOrder (a retry with the same request id)', retries, bare));
    console.log(once('canteen.placeOrder (a relative for a bound senior, pushes to the senior)', proxy));
    console.log(once('canteen.cancelOrder (before the cut-off, portions back)', cancel));
    console.log(once(`canteen.kitchen (${accepted.size} orders)`, kitchen));
    console.log(once('canteen.deliveryList (canteen staff)', list));
    console.log(once('canteen.markOutcome delivered (pushes to the relatives)', mark));
    console.log(once(`canteen.exportDay (xlsx, ${accepted.size + SINGLE_RUNS} orders)`, exportDay));
    console.log(row(`canteen.placeOrder burst: ${PEOPLE} (+${TWINS} twins) at once for ${PORTIONS}`, burst, bare));
    console.log('');
    const codes = [...new Set(refused.map((r) => r.code))].join(', ');
    const okAnswers = burst.length - refused.length;
    console.log(
      `burst: ${burst.length} requests → ${accepted.size} orders (${okAnswers} ok answers, twins answered with their sibling's order), ` +
        `${refused.length} refused (${codes}); ${stored} orders stored, ${menu.stock[burstDish]} portions left; ` +
        `wall ${wall.toFixed(0)} ms; latency under the burst as a ratio to a single order in this run: ` +
        `p50 ${(p(burst, 50) / singleP50).toFixed(1)}×, p95 ${(p(burst, 95) / singleP50).toFixed(1)}×`,
    );
    console.log(`burst ${raceEfficiency('canteen', burst, bare, wall, busy)}`);
    if (accepted.size !== PORTIONS || stored !== PORTIONS || menu.stock[burstDish] !== 0) process.exitCode = 1;
  }
  return process.exitCode !== 1;
}
