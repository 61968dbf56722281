/**
 * A fixed set of warm worker threads, each serving one invocation at a time. Calls
 * beyond the pool size wait in a FIFO queue, as requests wait for a free instance. An
 * invocation that runs past its time limit (counted from the moment its worker starts
 * `main`, not from the queue) is cut off: its thread is terminated, so nothing it would do
 * later happens, the caller gets the timeout error, and a fresh thread takes its place.
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

function spawnWorker(): Worker {
  // The worker is TypeScript: register tsx inside the thread before loading it.
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(WORKER_SOURCE)});`;
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

  private addSlot(): Slot {
    const slot: Slot = { worker: spawnWorker(), busy: null, busyId: 0 };
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
    slot.worker.on('error', (error) => this.retire(slot, error));
    slot.worker.on('exit', (code) => {
      if (!this.closed) this.retire(slot, new Error(`function instance exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  /** The invocation overran: end its thread (no later write can happen) and fail it. */
  private cutOff(slot: Slot): void {
    const job = slot.busy;
    if (!job) return;
    this.retire(slot, job.onTimeout());
  }

  /** Takes an instance out of service, failing only its own invocation; a fresh one replaces it on demand. */
  private retire(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    clearTimeout(slot.deadline);
    const job = slot.busy;
    slot.busy = null;
    job?.reject(error);
    void slot.worker.terminate();
    this.dispatch();
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
