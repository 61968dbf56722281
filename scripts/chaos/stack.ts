/**
 * The local stack the chaos run kills: the CloudBase stand-in on its data dir (seeded with
 * the demo community on first start), the function runner with its timer schedules, and
 * the function gateway — what `npm start` runs, less the page preview. It lives on the
 * community clock (CS_NOW) and prints one JSON line when it serves. With `--timers-once`,
 * it first fires every timer trigger once, in turn, at the community clock (the timers a
 * restarted stack runs), and prints their answers in that line.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalCloud } from '../../local/cloud';
import { startGateway } from '../../local/runner/gateway';

const DATA_DIR = process.env.CS_DATA_DIR ?? '/tmp/crash-data';
const STANDIN_PORT = Number(process.env.CS_STANDIN_PORT ?? 9410);
const GATEWAY_PORT = Number(process.env.CS_GATEWAY_PORT ?? 9411);

async function main(): Promise<void> {
  const fresh = !existsSync(join(DATA_DIR, 'cloudbase.sqlite'));
  mkdirSync(DATA_DIR, { recursive: true });
  const cloud = await startLocalCloud({ dataDir: DATA_DIR, seed: fresh, port: STANDIN_PORT });
  const timers: Record<string, unknown> = {};
  if (process.argv.includes('--timers-once')) {
    for (const timer of cloud.runner.timers()) {
      try {
        timers[`${timer.fn}.${timer.name}`] = (await cloud.runner.fireTimer(timer.fn, timer.name)).result;
      } catch (error) {
        timers[`${timer.fn}.${timer.name}`] = { ok: false, error: { code: 'THREW', message: String(error) } };
      }
    }
  }
  cloud.runner.startSchedules();
  const gateway = await startGateway({ runner: cloud.runner, port: GATEWAY_PORT, demoUsers: cloud.demoUsers });
  console.log(
    JSON.stringify({
      gateway: gateway.url,
      standIn: cloud.standIn.url,
      envId: cloud.standIn.envId,
      now: cloud.now().toISOString(),
      fresh,
      timers,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
