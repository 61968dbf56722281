/**
 * `npm run bench`: database round trips per action and latency on the local stand-in,
 * as ratios to a bare SDK round trip measured in the same run (absolute milliseconds
 * depend on the machine; the ratios and round-trip counts are what to compare).
 */
import { activityRace } from './activity-race';
import { coldLoadTable, measureColdLoad } from './cold-load';
import { canteenRace } from './canteen-race';
import { councilRace } from './council-race';
import { safetyIntake } from './safety-intake';
import { startBench } from './harness';
import { percentile, tripsLabels, type Trips } from './stats';
import { SCENARIOS } from './scenarios';

/**
 * `npm run bench -- --only <regex>`: only the scenarios, races (activity, council, canteen,
 * safety) and cold load (`cold load`) whose name matches, case-insensitive; everything when absent.
 */
function onlyFilter(argv: string[]): (name: string) => boolean {
  const at = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (at < 0) return () => true;
  const source = argv[at]!.includes('=') ? argv[at]!.slice('--only='.length) : argv[at + 1];
  if (!source) throw new Error('--only needs a pattern');
  const pattern = new RegExp(source, 'i');
  return (name) => pattern.test(name);
}

const selected = onlyFilter(process.argv.slice(2));

async function main(): Promise<void> {
  const bench = await startBench();
  const { cloud } = bench;
  try {
    const base = bench.bare;
    const rows: string[][] = [];
    const races: string[] = [];
    for (const scenario of SCENARIOS.filter((s) => selected(s.name))) {
      const latencies: number[] = [];
      const trips: Trips[] = [];
      if (scenario.concurrency) {
        // A race: `concurrency` calls at once per run, as `openids` in turn. Warm-up uses a
        // harmless event on as many workers (the scenario's own would take the prize).
        const burst = scenario.concurrency;
        const who = (i: number) => scenario.openids?.[i % scenario.openids.length] ?? scenario.openid;
        if (scenario.warmup) {
          await Promise.all(
            Array.from({ length: burst }, (_, i) => cloud.invoke(scenario.fn, scenario.warmup!, { openid: who(i) })),
          );
        }
        const outcomes = new Map<string, number>();
        for (let run = 0; run < scenario.runs; run++) {
          await Promise.all(
            Array.from({ length: burst }, async (_, i) => {
              const started = performance.now();
              const outcome = await cloud.invoke(scenario.fn, scenario.event, { openid: who(i) });
              latencies.push(performance.now() - started);
              trips.push(outcome);
              const result = outcome.result as { ok?: boolean; error?: { code?: string } };
              const key = result.ok ? 'ok' : (result.error?.code ?? 'error');
              outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
            }),
          );
        }
        races.push(`${scenario.name}: ${[...outcomes].map(([key, n]) => `${n} ${key}`).join(', ')}`);
        rows.push([
          scenario.name,
          tripsLabels(trips),
          (percentile(latencies, 50) / base).toFixed(1),
          (percentile(latencies, 95) / base).toFixed(1),
          `${scenario.runs}×${burst}`,
        ]);
        continue;
      }
      // One warm-up call: the first invocation of a worker loads the bundle. A read that
      // fails measures nothing: the row says so (and the bench fails).
      const warm = (await cloud.invoke(scenario.fn, scenario.event, { openid: scenario.openid })).result as {
        ok?: boolean;
        statusCode?: number;
        error?: { code?: string };
      };
      if (warm.ok === false) {
        console.error(`${scenario.name}: ${warm.error?.code ?? 'error'}`);
        process.exitCode = 1;
      }
      for (let i = 0; i < scenario.runs; i++) {
        const started = performance.now();
        const outcome = await cloud.invoke(scenario.fn, scenario.event, { openid: scenario.openid });
        latencies.push(performance.now() - started);
        trips.push(outcome);
      }
      rows.push([
        scenario.name,
        tripsLabels(trips),
        (percentile(latencies, 50) / base).toFixed(1),
        (percentile(latencies, 95) / base).toFixed(1),
        String(scenario.runs),
      ]);
    }
    console.log(`bare SDK round trip (doc get): p50 ${base.toFixed(2)} ms, p95 ${bench.bareP95.toFixed(2)} ms`);
    console.log('');
    console.log('| action | DB round trips | p50 (× bare) | p95 (× bare) | runs |');
    console.log('|---|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    if (races.length) {
      console.log('');
      console.log('Races (outcomes of the concurrent calls):');
      for (const race of races) console.log(`- ${race}`);
    }
    // The big races, on the same cloud and against the same bare round trip.
    for (const [name, race] of [
      ['activity', activityRace],
      ['council', councilRace],
      ['canteen', canteenRace],
      ['safety', safetyIntake],
    ] as const) {
      if (!selected(name)) continue;
      console.log(`\n### ${name}\n`);
      if (!(await race(bench))) {
        console.error(`${name}: the race's invariant broke`);
        process.exitCode = 1;
      }
    }
  } finally {
    await bench.close();
  }
  // Fresh processes, after the cloud is gone: nothing else of the bench competes for the CPU.
  if (selected('cold load')) console.log(`\n### cold load\n\n${coldLoadTable(measureColdLoad())}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
