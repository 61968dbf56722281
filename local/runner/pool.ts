/**
 * A fixed set of warm worker threads, each serving one invocation at a time. Calls
 * beyond the pool size wait in a FIFO queue, as requests wait for a free instance.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { InvokeRequest, InvokeResponse } from './messages';

type Job = {
  request: Omit<InvokeRequest, 'id'>;
  resolve: (response: InvokeResponse) => void;
  reject: (error: Error) => void;
};

interface Slot {
  worker: Worker;
  busy: Job | null;
  busyId: number;
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

  run(request: Omit<InvokeRequest, 'id'>): Promise<InvokeResponse> {
    if (this.closed) return Promise.reject(new Error('runner is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
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
    slot.worker.on('message', (response: InvokeResponse) => {
      const job = slot.busy;
      if (!job || response.id !== slot.busyId) return;
      slot.busy = null;
      job.resolve(response);
      this.dispatch();
    });
    slot.worker.on('error', (error) => this.replace(slot, error));
    slot.worker.on('exit', (code) => {
      if (!this.closed) this.replace(slot, new Error(`function instance exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  /** A crashed instance fails its own invocation only; a fresh one takes its place. */
  private replace(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.busy?.reject(error);
    void slot.worker.terminate();
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('runner is closed'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }
}
