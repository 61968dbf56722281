/**
 * `npm start`: builds the cloud functions, starts the local CloudBase stand-in with the
 * demo community (seeded into a fresh data dir on first start; `npm run reset` starts
 * over), the function gateway and the timer triggers, the mini-program preview (watch
 * mode), and prints where everything is.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions } from '../scripts/build-functions';
import { packNpm } from '../scripts/pack-npm';
import { ROOT, startLocalCloud } from './cloud';
import { startPreview } from './preview/server';
import { startGateway } from './runner/gateway';

export const DATA_DIR = process.env.CS_DATA_DIR ?? join(ROOT, '.data');
const STANDIN_PORT = Number(process.env.CS_STANDIN_PORT ?? 7701);
const GATEWAY_PORT = Number(process.env.CS_GATEWAY_PORT ?? 7700);
const PREVIEW_PORT = Number(process.env.CS_PREVIEW_PORT ?? 7702);

async function main(): Promise<void> {
  if (process.argv.includes('--reset')) rmSync(DATA_DIR, { recursive: true, force: true });
  const fresh = !existsSync(DATA_DIR);
  mkdirSync(DATA_DIR, { recursive: true });
  const names = await buildFunctions();
  const cloud = await startLocalCloud({ dataDir: DATA_DIR, seed: fresh, port: STANDIN_PORT });
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
      `  mini-program preview ${preview.url}   (rebuilds on save; deep link: ${preview.url}#/pages/me/index?as=${example.openid})`,
      `  CloudBase stand-in  ${cloud.standIn.url}   (data: ${DATA_DIR}${fresh ? ', seeded with the demo community' : ''})`,
      `  function gateway    ${gateway.url}/__cloud/<function>   functions: ${names.join(', ')}`,
      `  subscribe outbox    http://127.0.0.1:${cloud.standIn.port}/__standin/outbox`,
      '',
      `  try: curl -s -X POST ${gateway.url}/__cloud/user -H 'x-wx-openid: ${example.openid}' -d '{"action":"login"}'`,
      `  demo users: ${cloud.demoUsers.map((user) => `${user.openid} (${user.label})`).join(', ')}`,
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
