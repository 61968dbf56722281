/**
 * Part of `npm run bench`: the council figures the shared bench cannot
 * take (it repeats one fixed event as one user): a household's first ballot, a changed
 * ballot, the race — 200 different households voting at once on one community vote —
 * with its exact tallies and its latency as a ratio to a single fresh ballot measured in
 * the same run (and to a bare SDK round trip, as the shared bench does), and the timer
 * closing that vote (recount, quorum, outcome, erasing choices, pushing the voters).
 */
import type { LocalCloud } from '../../local/cloud';
import { DEMO } from '../../local/seed/community';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { TopicDoc } from '../../cloudfunctions/council/docs';
import { percentile, tripsLabel, tripsLabels } from './stats';
import type { Bench } from './harness';

const RACE = 200;
const SINGLE_RUNS = 40;
const OPTIONS = 3;

function shanghaiWall(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);
}

async function call(cloud: LocalCloud, event: Record<string, unknown>, openid: string, now?: Date) {
  const outcome = await cloud.invoke('council', event, { openid, ...(now ? { now } : {}) });
  const result = outcome.result as { ok: boolean; data?: Record<string, unknown>; error?: { code: string } };
  if (!result.ok) throw new Error(`${String(event.action)} failed: ${JSON.stringify(result.error)}`);
  return { data: result.data!, roundTrips: outcome.roundTrips, fanoutRoundTrips: outcome.fanoutRoundTrips };
}

/** A fresh community-wide topic, on the agenda, with its vote open for three days. */
async function openCommunityVote(cloud: LocalCloud): Promise<{ id: string; deadline: Date }> {
  const { data } = await call(
    cloud,
    {
      action: 'propose',
      title: '基准测试：小区增设休息长椅',
      body: '用于测量投票性能的议题：在小区主路两侧增设休息长椅，方便老人歇脚。',
      category: 'facility',
      scope: { kind: 'community' },
      images: [],
    },
    DEMO.resident,
  );
  const id = String(data.id);
  await call(cloud, { action: 'accept', id }, DEMO.staff);
  const deadline = new Date(Math.ceil((cloud.now().getTime() + 3 * 24 * 3600_000) / 60_000) * 60_000);
  await call(cloud, { action: 'openVote', id, deadline: shanghaiWall(deadline), quorumPercent: 20 }, DEMO.staff);
  return { id, deadline };
}

interface Timed {
  ms: number;
  roundTrips: number;
  fanoutRoundTrips?: number;
}

async function vote(cloud: LocalCloud, id: string, openid: string, choice: number): Promise<Timed> {
  const started = performance.now();
  const { roundTrips, fanoutRoundTrips } = await call(cloud, { action: 'vote', id, choice }, openid);
  return { ms: performance.now() - started, roundTrips, fanoutRoundTrips };
}

const trips = (samples: Timed[]) => tripsLabels(samples);

/** Runs on the bench's cloud; prints its rows and notes; false when the invariant broke. */
export async function councilRace({ cloud, db, bare }: Bench): Promise<boolean> {
  {
    const { data } = await db
      .collection('residents')
      .where({ 'binding.status': 'verified', openid: db.command.exists(true) })
      .limit(1000)
      .get();
    const voters = (data as ResidentDoc[])
      .filter((r) => r.householdId && !r._id.startsWith('r-demo'))
      .map((r) => r.openid!);
    if (voters.length < SINGLE_RUNS + RACE) throw new Error(`only ${voters.length} households with WeChat`);

    const { id, deadline } = await openCommunityVote(cloud);
    // Warm every worker of the pool before timing.
    await Promise.all(Array.from({ length: 8 }, () => call(cloud, { action: 'detail', id }, DEMO.resident)));

    // One household after another: a first ballot, then the same voter changing it.
    const single: Timed[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) single.push(await vote(cloud, id, voters[i]!, i % OPTIONS));
    const change: Timed[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) change.push(await vote(cloud, id, voters[i]!, (i + 1) % OPTIONS));

    // The race: 200 other households at once.
    const racers = voters.slice(SINGLE_RUNS, SINGLE_RUNS + RACE);
    const before = (await db.collection('council_topics').doc(id).get()).data[0] as TopicDoc;
    const started = performance.now();
    const race = await Promise.all(racers.map((openid, i) => vote(cloud, id, openid, i % OPTIONS)));
    const wall = performance.now() - started;
    const after = (await db.collection('council_topics').doc(id).get()).data[0] as TopicDoc;
    const ballots = (await db.collection('council_ballots').where({ topicId: id }).count()).total;
    const raceTallies = after.vote!.tallies.map((n, i) => n - before.vote!.tallies[i]!);
    const expected = [0, 1, 2].map((c) => racers.filter((_x, i) => i % OPTIONS === c).length);

    // The deadline passes: the timer recounts 240 ballots, erases their choices, pushes the voters.
    const closeStarted = performance.now();
    const close = await cloud.runner.fireTimer('council', 'closeVotes', {
      now: new Date(deadline.getTime() + 120_000),
    });
    const closeMs = performance.now() - closeStarted;
    const closed = (await db.collection('council_topics').doc(id).get()).data[0] as TopicDoc;

    const singleP50 = percentile(
      single.map((s) => s.ms),
      50,
    );
    const row = (name: string, samples: Timed[]) =>
      `| ${name} | ${trips(samples)} | ${(
        percentile(
          samples.map((s) => s.ms),
          50,
        ) / bare
      ).toFixed(1)} | ${(
        percentile(
          samples.map((s) => s.ms),
          95,
        ) / bare
      ).toFixed(1)} | ${samples.length} |`;
    console.log(`bare SDK round trip (doc get): p50 ${bare.toFixed(2)} ms`);
    console.log('');
    console.log('| action | DB round trips | p50 (× bare) | p95 (× bare) | runs |');
    console.log('|---|---|---|---|---|');
    console.log(row('council.vote (a household’s first ballot)', single));
    console.log(row('council.vote (the voter changes it)', change));
    console.log(row(`council.vote race (${RACE} households at once)`, race));
    console.log(
      `| council closeVotes timer (${ballots} ballots: recount, erase, push) | ${tripsLabel(close)} | ${(closeMs / bare).toFixed(1)} | – | 1 |`,
    );
    console.log('');
    const raceP50 = percentile(
      race.map((s) => s.ms),
      50,
    );
    const raceP95 = percentile(
      race.map((s) => s.ms),
      95,
    );
    console.log(
      `race: ${RACE} households, tallies +${raceTallies.join('/+')} (expected +${expected.join('/+')}), cast +${after.vote!.cast - before.vote!.cast}, ballots ${ballots}; ` +
        `p50 ${(raceP50 / singleP50).toFixed(1)}× / p95 ${(raceP95 / singleP50).toFixed(1)}× a single ballot's p50; all ${RACE} answered in ${(wall / bare).toFixed(0)}× bare (${wall.toFixed(0)} ms)`,
    );
    console.log(
      `closed: ${closed.vote?.result?.outcome} with ${closed.vote?.result?.cast} households, tallies ${closed.vote?.result?.tallies.join('/')}, choices erased: ${closed.vote?.choicesErased === true}`,
    );
    const exact =
      raceTallies.every((n, i) => n === expected[i]) &&
      after.vote!.cast - before.vote!.cast === RACE &&
      ballots === SINGLE_RUNS + RACE;
    if (!exact) throw new Error('the race tallies are not exact');
  }
  return process.exitCode !== 1;
}
