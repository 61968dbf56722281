/**
 * 安全: the vendor intake as the platform delivers it (a signed request through the HTTP
 * access route), each run a fresh alarm in another flat: the round trips of one intake,
 * its latency, and the time from the request's arrival to the first ring paged (measured
 * inside the function, reported in its answer) — all as ratios to a bare round trip.
 */
import { communityNow } from '../../local/clock';
import { demoRequest, intakeEvent, newEventId } from '../../local/safety-sim';
import { gasDeviceId } from '../../local/seed/safety';
import type { Bench } from './harness';
import { percentile, tripsLabels, type Trips } from './stats';

const RUNS = 30;

/** Flats of buildings 9–12, in order: a device with no open alarm for every call. */
export function* freshFlats(): Generator<string> {
  for (let b = 12; b >= 9; b--)
    for (let u = 1; u <= 4; u++)
      for (let f = 1; f <= 7; f++) for (let r = 1; r <= 3; r++) yield gasDeviceId(b, u, `${f}0${r}`);
}

const flats = freshFlats();

/** A signed alarm for the next fresh flat, stamped with the community clock. */
export function freshAlarmEvent(): Record<string, unknown> {
  const deviceId = flats.next().value;
  if (!deviceId) throw new Error('out of fresh flats');
  return intakeEvent(demoRequest({ deviceId, at: communityNow(), eventId: newEventId() }));
}

export async function safetyIntake({ cloud, bare }: Bench): Promise<boolean> {
  const latencies: number[] = [];
  const paged: number[] = [];
  const trips: Trips[] = [];
  let ok = true;
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now();
    const outcome = await cloud.invoke('safety', freshAlarmEvent(), {});
    const elapsed = performance.now() - started;
    const answer = outcome.result as { statusCode: number; body: string };
    const body = JSON.parse(answer.body) as { data?: { outcome?: string; pagedAfterMs?: number } };
    if (answer.statusCode !== 200 || body.data?.outcome !== 'alarm_opened' || body.data.pagedAfterMs === undefined) {
      console.error('safety intake: unexpected answer', answer.statusCode, answer.body);
      ok = false;
      continue;
    }
    if (i === 0) continue; // warm-up: the first invocation of a worker loads the bundle
    latencies.push(elapsed);
    paged.push(body.data.pagedAfterMs);
    trips.push(outcome);
  }
  const ratio = (values: number[], p: number) => (percentile(values, p) / bare).toFixed(1);
  console.log('| action | DB round trips | p50 (× bare) | p95 (× bare) | runs |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| safety intake: signed gas alarm → first ring paged (HTTP access) | ${tripsLabels(trips)} | ${ratio(latencies, 50)} | ${ratio(latencies, 95)} | ${latencies.length} |`,
  );
  console.log(
    `| safety intake: request arrival → first ring paged (inside the function) | – | ${ratio(paged, 50)} | ${ratio(paged, 95)} | ${paged.length} |`,
  );
  return ok;
}
