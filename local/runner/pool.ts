/**
 * A fixed set of warm worker threads, each serving one invocation at a time. Calls
 * beyond the pool size wait in a FIFO queue, as requests wait for a free instance. An
 * invocation that runs past its time limit (counted from the moment its worker starts
 * `main`, not from the queue) is cut off: its thread is terminated, so nothing it would do
 * later happens, the caller gets the timeout error, and a fresh thread takes its place. A
 * test's injected instance death (`kill`) ends a thread the same way.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { InvokeRequest, InvokeResponse, WorkerMessage } from './messages';

export type PoolRequest = Omit<InvokeRequest, 'id'>;

type Job = {
  request: PoolRequest;
  resolve: (response: InvokeResponse) => void;
  reject: (error: Error) => void;
  /** Makes the error a job that overran its time limit fails with. */
  onTimeout: () => Error;
};

interface Slot {
  worker: Worker;
  busy: Job | null;
  busyId: number;
  deadline?: NodeJS.Timeout;
}

const WORKER_SOURCE = join(__dirname, 'worker.ts');

/** The SDK every bundle requires: a replacement thread loads it ahead, while nothing waits for it. */
const SDK = require.resolve('@cloudbase/node-sdk');

function spawnWorker(preload: boolean): Worker {
  // The worker is TypeScript: register tsx inside the thread before loading it.
  const load = preload ? ` setImmediate(() => require(${JSON.stringify(SDK)}));` : '';
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(WORKER_SOURCE)});${load}`;
  return new Worker(code, { eval: true });
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly size: number) {}

  run(request: PoolRequest, onTimeout: () => Error): Promise<InvokeResponse> {
    if (this.closed) return Promise.reject(new Error('runner is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject, onTimeout });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length && !this.closed) {
      let slot = this.slots.find((candidate) => !candidate.busy);
      if (!slot && this.slots.length < this.size) slot = this.addSlot();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.busy = job;
      slot.busyId = this.nextId++;
      slot.worker.postMessage({ ...job.request, id: slot.busyId } satisfies InvokeRequest);
    }
  }

  private addSlot(preload = false): Slot {
    const slot: Slot = { worker: spawnWorker(preload), busy: null, busyId: 0 };
    slot.worker.on('message', (message: WorkerMessage) => {
      const job = slot.busy;
      if (!job || message.id !== slot.busyId) return;
      if (message.kind === 'started') {
        slot.deadline = setTimeout(() => this.cutOff(slot), job.request.timeLimitMs);
        return;
      }
      clearTimeout(slot.deadline);
      slot.busy = null;
      job.resolve(message);
      this.dispatch();
    });
    slot.worker.on('error', (error) => void this.retire(slot, error));
    slot.worker.on('exit', (code) => {
      if (!this.closed) void this.retire(slot, new Error(`function instance exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  /**
   * The instance running `invocationId` dies (an injected fault): its thread is ended as a
   * cut-off one is, the invocation fails with `error`. Resolves once the thread is gone.
   */
  kill(invocationId: string, error: Error): Promise<void> {
    const slot = this.slots.find((candidate) => candidate.busy?.request.invocationId === invocationId);
    return slot ? this.retire(slot, error) : Promise.resolve();
  }

  /** The invocation overran: end its thread (no later write can happen) and fail it. */
  private cutOff(slot: Slot): void {
    const job = slot.busy;
    if (!job) return;
    void this.retire(slot, job.onTimeout());
  }

  /** Takes an instance out of service, failing only its own invocation; a fresh one replaces it on demand. */
  private retire(slot: Slot, error: Error): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index < 0) return Promise.resolve();
    this.slots.splice(index, 1);
    clearTimeout(slot.deadline);
    const job = slot.busy;
    slot.busy = null;
    const ended = slot.worker.terminate().then(() => undefined);
    job?.reject(error);
    // A fresh instance starts at once (not on the next call), so its start-up overlaps.
    if (!this.closed && this.slots.length < this.size) this.addSlot(true);
    this.dispatch();
    return ended;
  }

  /** Threads alive now (for tests: a cut-off thread is gone). */
  threadIds(): number[] {
    return this.slots.map((slot) => slot.worker.threadId);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('runner is closed'));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      clearTimeout(slot.deadline);
      slot.busy?.reject(new Error('runner is closed'));
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}
