/**
 * Part of `npm run bench`: the activity sign-up figures the shared bench
 * cannot take (it repeats one fixed event as one user): a fresh sign-up (place or waiting
 * list), a cancel that promotes, and the race — 500 different residents signing up at
 * once for 50 places — with how many got a place and its latency as a ratio to a single
 * sign-up measured in the same run (and to a bare SDK round trip, as the shared bench does).
 */
import type { LocalCloud } from '../../local/cloud';
import { DEMO } from '../../local/seed/community';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import { percentile, tripsLabel, tripsLabels } from './stats';
import { mainThreadBusy, raceEfficiency } from './efficiency';
import type { Bench } from './harness';

const RACE = 500;
const PLACES = 50;
const SINGLE_RUNS = 40;

function shanghaiWall(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);
}

async function createActivity(cloud: LocalCloud, capacity: number | null): Promise<string> {
  const day = 24 * 3600_000;
  const now = cloud.now().getTime();
  const outcome = await cloud.invoke(
    'activity',
    {
      action: 'create',
      title: '基准测试活动',
      description: '用于测量报名性能。',
      images: [],
      organiser: { kind: 'committee' },
      place: '党群服务中心',
      startAt: shanghaiWall(new Date(now + 3 * day)),
      endAt: shanghaiWall(new Date(now + 3 * day + 3600_000)),
      signupOpensAt: shanghaiWall(new Date(now - day)),
      signupDeadline: shanghaiWall(new Date(now + 2 * day)),
      capacity,
      eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: false },
      maxCompanions: 0,
      volunteerHours: 0,
    },
    { openid: DEMO.staff },
  );
  const result = outcome.result as { ok: boolean; data?: { id: string }; error?: { code: string } };
  if (!result.ok) throw new Error(`create failed: ${result.error?.code}`);
  return result.data!.id;
}

interface Timed {
  ms: number;
  roundTrips: number;
  fanoutRoundTrips?: number;
  state?: string;
  seq?: number;
  position?: number;
  code?: string;
}

async function signUp(cloud: LocalCloud, id: string, openid: string, n: number): Promise<Timed> {
  const started = performance.now();
  const outcome = await cloud
    .invoke('activity', { action: 'signUp', id, requestId: `bench-${id}-${n}` }, { openid })
    .catch((error: { code?: string }) => {
      // Cut off at the function's timeout: counted (and the race's invariant fails).
      if (error.code !== 'FUNCTIONS_TIME_LIMIT_EXCEEDED') throw error;
      return { roundTrips: 0, result: { ok: true, data: { state: 'cut off' } }, code: error.code };
    });
  const ms = performance.now() - started;
  const result = outcome.result as { ok: boolean; data?: { state: string; seq?: number; position?: number } };
  if (!result.ok) throw new Error(`signUp failed: ${JSON.stringify(result)}`);
  return { ms, roundTrips: outcome.roundTrips, ...result.data, ...('code' in outcome ? { code: outcome.code } : {}) };
}

const trips = (samples: Timed[]) => tripsLabels(samples);

/** Runs on the bench's cloud; prints its rows and notes; false when the invariant broke. */
export async function activityRace({ cloud, db, bare }: Bench): Promise<boolean> {
  {
    const { data } = await db.collection('residents').where({ 'binding.status': 'verified' }).limit(1000).get();
    const people = (data as ResidentDoc[]).filter((r) => r.openid && !r._id.startsWith('r-demo'));
    if (people.length < RACE + 2 * SINGLE_RUNS + 2) throw new Error('not enough residents in the demo community');

    // Warm every worker: the first invocation of a worker loads the bundle.
    await Promise.all(
      Array.from({ length: 8 }, () => cloud.invoke('activity', { action: 'list' }, { openid: DEMO.resident })),
    );

    // A single fresh sign-up that gets a place, one at a time.
    const open = await createActivity(cloud, null);
    const single: Timed[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) single.push(await signUp(cloud, open, people[RACE + i]!.openid!, i));
    const singleP50 = percentile(
      single.map((s) => s.ms),
      50,
    );

    // A single fresh sign-up that joins the waiting list.
    const full = await createActivity(cloud, 1);
    const waiting: Timed[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++)
      waiting.push(await signUp(cloud, full, people[RACE + SINGLE_RUNS + i]!.openid!, i));

    // A cancel that gives the place to the first on the list (and pushes to them).
    const holder = (await db.collection('activity_signups').where({ activityId: full, state: 'confirmed' }).get())
      .data[0] as {
      _id: string;
      participantId: string;
    };
    const holderOpenid = people.find((p) => p._id === holder.participantId)!.openid!;
    const cancelOutcome = await cloud.invoke(
      'activity',
      { action: 'cancelSignup', signupId: holder._id },
      { openid: holderOpenid },
    );

    // The race: 500 residents at once for 50 places.
    const race = await createActivity(cloud, PLACES);
    const started = performance.now();
    const { value: raced, busy } = await mainThreadBusy(() =>
      Promise.all(people.slice(0, RACE).map((p, i) => signUp(cloud, race, p.openid!, i))),
    );
    const wall = performance.now() - started;
    const confirmed = raced.filter((r) => r.state === 'confirmed');
    const queued = raced.filter((r) => r.state === 'waiting');
    const inOrder =
      Math.max(...confirmed.map((r) => r.seq!)) === PLACES && queued.every((r) => r.position === r.seq! - PLACES);
    const activity = (await db.collection('activities').doc(race).get()).data[0] as { taken: number; queue: unknown[] };

    const row = (name: string, samples: Timed[], base: number) => [
      name,
      trips(samples),
      (
        percentile(
          samples.map((s) => s.ms),
          50,
        ) / base
      ).toFixed(1),
      (
        percentile(
          samples.map((s) => s.ms),
          95,
        ) / base
      ).toFixed(1),
      String(samples.length),
    ];
    console.log(
      `bare SDK round trip (doc get): p50 ${bare.toFixed(2)} ms; single sign-up p50 ${singleP50.toFixed(2)} ms`,
    );
    console.log('');
    console.log('| action | DB round trips | p50 (× bare) | p95 (× bare) | runs |');
    console.log('|---|---|---|---|---|');
    console.log(`| ${row('activity.signUp (fresh, gets a place)', single, bare).join(' | ')} |`);
    console.log(`| ${row('activity.signUp (fresh, joins the waiting list)', waiting, bare).join(' | ')} |`);
    console.log(
      `| activity.cancelSignup (frees a place, promotes the first waiting, pushes) | ${tripsLabel(cancelOutcome)} | | | 1 |`,
    );
    console.log(`| ${row(`activity.signUp race: ${RACE} at once for ${PLACES} places`, raced, bare).join(' | ')} |`);
    console.log('');
    console.log(
      `race: ${confirmed.length} confirmed, ${queued.length} waiting (ledger: taken ${activity.taken}, queue ${activity.queue.length}); ` +
        `in sign-up order: ${inOrder ? 'yes' : 'NO'}; wall ${wall.toFixed(0)} ms; ` +
        `latency under the race as a ratio to a single sign-up in this run: p50 ${(
          percentile(
            raced.map((r) => r.ms),
            50,
          ) / singleP50
        ).toFixed(1)}×, ` +
        `p95 ${(
          percentile(
            raced.map((r) => r.ms),
            95,
          ) / singleP50
        ).toFixed(1)}×`,
    );
    console.log(`race ${raceEfficiency('activity', raced, bare, wall, busy)}`);
    if (confirmed.length !== PLACES || queued.length !== RACE - PLACES || !inOrder) process.exitCode = 1;
  }
  return process.exitCode !== 1;
}
