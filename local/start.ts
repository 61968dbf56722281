/**
 * `npm start`: builds the cloud functions, starts the local CloudBase stand-in with the
 * demo community (seeded into a fresh data dir on first start, and again when the demo in
 * it is more than a week old, the old dir moved aside — see local/data-dir.ts; `npm run
 * reset` starts over), the function gateway and the timer triggers, the mini-program
 * preview (watch mode), and prints where everything is. Everything runs on the community
 * clock: `CS_NOW=2027-12-31T23:30:00+08:00 npm start` lives at that instant from start.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions } from '../scripts/build-functions';
import { packNpm } from '../scripts/pack-npm';
import { ROOT, startLocalCloud } from './cloud';
import { startPreview } from './preview/server';
import { startGateway } from './runner/gateway';
import { CLOCK_OFFSET_MS, communityNow } from './clock';
import { markSeeded, prepareDataDir } from './data-dir';
import { formatShanghai } from '../cloudfunctions/shared/time';

export const DATA_DIR = process.env.CS_DATA_DIR ?? join(ROOT, '.data');
const STANDIN_PORT = Number(process.env.CS_STANDIN_PORT ?? 7701);
const GATEWAY_PORT = Number(process.env.CS_GATEWAY_PORT ?? 7700);
const PREVIEW_PORT = Number(process.env.CS_PREVIEW_PORT ?? 7702);

async function main(): Promise<void> {
  const { fresh, notice } = prepareDataDir(DATA_DIR, communityNow(), {
    reset: process.argv.includes('--reset'),
    keep: Boolean(process.env.CS_KEEP_DATA),
  });
  mkdirSync(DATA_DIR, { recursive: true });
  const names = await buildFunctions();
  const cloud = await startLocalCloud({ dataDir: DATA_DIR, seed: fresh, port: STANDIN_PORT });
  if (fresh) markSeeded(DATA_DIR, cloud.seededAt);
  cloud.runner.startSchedules();
  const gateway = await startGateway({
    runner: cloud.runner,
    port: GATEWAY_PORT,
    demoUsers: cloud.demoUsers,
  });
  await packNpm({ quiet: true });
  const preview = await startPreview({ cloud, port: PREVIEW_PORT, watch: true, log: (line) => console.log(line) });
  const example = cloud.demoUsers[0]!;
  console.log(
    [
      '',
      '长山花园 local cloud is running',
      ...(CLOCK_OFFSET_MS
        ? [`  community clock     ${formatShanghai(cloud.now())} in Shanghai (CS_NOW=${process.env.CS_NOW}), ticking`]
        : []),
      `  mini-program preview ${preview.url}   (rebuilds on save; deep link: ${preview.url}#/pages/me/index?as=${example.openid})`,
      `  CloudBase stand-in  ${cloud.standIn.url}   (data: ${DATA_DIR}${fresh ? `, seeded with the demo community of ${formatShanghai(cloud.seededAt, 'YYYY-MM-DD')}` : ''})`,
      `  function gateway    ${gateway.url}/__cloud/<function>   functions: ${names.join(', ')}`,
      `  subscribe outbox    http://127.0.0.1:${cloud.standIn.port}/__standin/outbox`,
      '',
      `  try: curl -s -X POST ${gateway.url}/__cloud/user -H 'x-wx-openid: ${example.openid}' -d '{"action":"login"}'`,
      `  demo users: ${cloud.demoUsers.map((user) => `${user.openid} (${user.label})`).join(', ')}`,
      ...(notice ? ['', `  ${notice}`] : []),
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await preview.close();
    await gateway.close();
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
