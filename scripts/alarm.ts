/**
 * `npm run alarm -- --flat 5-1-102 [--type alarm] [--gateway http://127.0.0.1:7700]`:
 * the demo vendor fires a signed event for a flat's gas alarm at the running local cloud
 * (npm start), through the `safety` function's HTTP access route, and prints the answer.
 * Then watch the chain in the preview's outbox, or as the demo users on the phone.
 * Types: alarm, cleared, low_battery, offline, online, self_test, tamper.
 */
import { communityNow } from '../local/clock';
import { fireDemoAlarm, flatGasDevice } from '../local/safety-sim';
import type { SafetyEventType } from '../typings/domain/safety';

const TYPES: SafetyEventType[] = ['alarm', 'cleared', 'low_battery', 'offline', 'online', 'self_test', 'tamper'];

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const flat = option('flat') ?? '5-1-102';
  const type = (option('type') ?? 'alarm') as SafetyEventType;
  const gateway = option('gateway') ?? `http://127.0.0.1:${process.env.CS_GATEWAY_PORT ?? 7700}`;
  const deviceId = flatGasDevice(flat);
  if (!deviceId) throw new Error(`--flat must look like 5-1-102 (building-unit-room), got ${flat}`);
  if (!TYPES.includes(type)) throw new Error(`--type must be one of ${TYPES.join(', ')}`);
  const answer = await fireDemoAlarm(gateway, {
    deviceId,
    type,
    at: communityNow(),
    ...(type === 'self_test' ? { selfTestPassed: false } : {}),
    ...(type === 'low_battery' ? { battery: 12 } : {}),
  });
  console.log(`POST ${gateway}/__http/safety/alarm (${type}, ${deviceId}) → ${answer.status}`);
  console.log(JSON.stringify(answer.body, null, 2));
  if (answer.status !== 200) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
