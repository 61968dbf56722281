/**
 * The demo vendor's heartbeats that `npm start` sends (local/safety-heartbeats.ts): one
 * round through the HTTP access route reaches every seeded device of the demo vendor but
 * the ones the demo keeps offline, so the next morning's offline sweep finds only the
 * device no heartbeat covers (3-1-201's alarm reports through another vendor).
 */
import { demoHeartbeats } from '../../local/safety-heartbeats';
import { demoRequest, newEventId } from '../../local/safety-sim';
import { DEMO_PROBLEM_DEVICES, DEMO_SAFETY } from '../../local/seed/safety';
import { demoCalendar } from '../../local/seed/calendar';
import { OFFLINE_AFTER_MS } from '../../cloudfunctions/safety/rules';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { safetyKit } from './safety-kit';

jest.setTimeout(300_000);

let cloud: TestCloud;
const { at, post } = safetyKit(() => cloud);

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

it('keeps every demo-vendor device online past the next daily offline sweep', async () => {
  let clock = at(0);
  const refused: string[] = [];
  const heartbeats = demoHeartbeats({
    now: () => clock,
    async send(deviceId, sentAt) {
      const answer = await post(demoRequest({ deviceId, at: sentAt, eventId: newEventId(), type: 'online' }), sentAt);
      if (answer.status !== 200) refused.push(`${deviceId} ${answer.status}`);
    },
  });
  let sent = 0;
  for (let minute = 1; minute <= 20; minute++) {
    clock = at(minute);
    sent += await heartbeats.tick();
  }
  expect(refused).toEqual([]);
  const { data: silent } = await cloud
    .db()
    .collection('safety_devices')
    .where({ lastHeartbeatAt: cloud.db().command.lt(at(0)) })
    .field({ _id: true })
    .limit(1000)
    .get();
  const stillSilent = (silent as Array<{ _id: string }>).map((d) => d._id).sort();
  const offline = DEMO_PROBLEM_DEVICES.filter(([, issue]) => issue === 'offline').map(([id]) => id);
  expect(stillSilent).toEqual([...offline, `anxin:${DEMO_SAFETY.anxinImei}`].sort());
  expect(sent).toBeGreaterThanOrEqual(1300);

  // The first daily sweep (08:00) after the first round: today's, or tomorrow's.
  const cal = demoCalendar(cloud.seededAt);
  const morning = cal.at(0, '08:00') > at(20) ? cal.at(0, '08:00') : cal.at(1, '08:00');
  const { data: anxin } = await cloud.db().collection('safety_devices').doc(`anxin:${DEMO_SAFETY.anxinImei}`).get();
  const anxinSilent = morning.getTime() - (anxin[0] as { lastHeartbeatAt: Date }).lastHeartbeatAt.getTime();
  const sweep = (await cloud.runner.fireTimer('safety', 'daily', { now: morning })).result as {
    data: { offline: number };
  };
  // None of the demo vendor's devices fell silent; only the anxin alarm, which it does not speak
  // for, may have (when the sweep comes over a day after its seeded heartbeat). The two seeded
  // offline devices are offline already.
  expect(sweep.data.offline).toBe(anxinSilent > OFFLINE_AFTER_MS ? 1 : 0);
});
