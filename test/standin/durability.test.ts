/**
 * No acknowledged write is lost when the process is killed with SIGKILL: the stand-in runs
 * in a child process, takes concurrent writes through the SDK, is killed mid-stream, and a
 * new one on the same data dir must have every write that was acknowledged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import tcb from '@cloudbase/node-sdk';
import { sdkEnvironment } from './harness';

sdkEnvironment();

const CLI = join(__dirname, '..', '..', 'local', 'cloudbase', 'cli.ts');
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'standin-kill-'));
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ collections: { orders: { indexes: [] } } }));
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the CLI and resolves with its URL once it listens. */
function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--data-dir', dataDir, '--config', join(dataDir, 'config.json')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`stand-in exited early with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}

it('keeps every acknowledged write across kill -9', async () => {
  const first = await startChild();
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: first.url });
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const db = app.database();

  await db.collection('orders').add({ _id: 'base', n: 0 });
  for (let i = 0; i < 5; i++)
    await db
      .collection('orders')
      .doc('base')
      .update({ n: db.command.inc(1) });
  const upload = await app.uploadFile({ cloudPath: 'kill/receipt.txt', fileContent: Buffer.from('paid') });

  // A burst of concurrent writes; kill as soon as 40 of them are acknowledged.
  const acked: string[] = [];
  let killed = false;
  const burst = Array.from({ length: 120 }, (_x, i) =>
    db
      .collection('orders')
      .add({ _id: `o${i}`, i })
      .then(() => {
        acked.push(`o${i}`);
        if (acked.length >= 40 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }),
  );
  await Promise.allSettled(burst);
  await exited(first.child);
  expect(first.child.signalCode).toBe('SIGKILL');
  expect(acked.length).toBeGreaterThanOrEqual(40);

  const second = await startChild();
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: second.url });
  expect((await db.collection('orders').doc('base').get()).data[0].n).toBe(5);
  const ids = new Set<string>();
  for (let offset = 0; ; offset += 1000) {
    const page = await db.collection('orders').skip(offset).limit(1000).field({ _id: true }).get();
    for (const d of page.data as { _id: string }[]) ids.add(d._id);
    if (page.data.length < 1000) break;
  }
  for (const id of acked) expect(ids.has(id)).toBe(true);
  const file = await app.downloadFile({ fileID: upload.fileID });
  expect(file.fileContent?.toString()).toBe('paid');

  second.child.kill('SIGTERM');
  await exited(second.child);
});
