/**
 * Runs the stand-in on its own, for tools and tests that need it in another process:
 *
 *   npx tsx local/cloudbase/cli.ts --data-dir .local/cloudbase [--port 0] [--env local-env] [--config standin.json]
 *
 * --config is a JSON file with any of StandInOptions' data fields (collections,
 * subscribeTemplates, moderation, transactionTimeoutMs, appId). There is no function
 * runner here, so functions.invokeFunction fails and media verdicts go nowhere.
 * Prints one JSON line {"url","port","envId","pid"} on stdout once it is listening.
 */
import { readFileSync } from 'node:fs';
import { startStandIn, type StandInOptions } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const dataDir = arg('data-dir');
  if (!dataDir) throw new Error('usage: cli.ts --data-dir DIR [--port N] [--env ID] [--config FILE]');
  const configFile = arg('config');
  const config = configFile ? (JSON.parse(readFileSync(configFile, 'utf8')) as Partial<StandInOptions>) : {};
  const port = arg('port');
  const envId = arg('env');
  const standIn = await startStandIn({
    ...config,
    dataDir,
    ...(port !== undefined ? { port: Number(port) } : {}),
    ...(envId !== undefined ? { envId } : {}),
  });
  process.stdout.write(
    `${JSON.stringify({ url: standIn.url, port: standIn.port, envId: standIn.envId, pid: process.pid })}\n`,
  );
  const stop = (): void => {
    void standIn.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
