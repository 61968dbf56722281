/** Messages between the runner and its worker threads. */
export interface InvokeRequest {
  kind: 'invoke';
  id: number;
  bundlePath: string;
  functionName: string;
  event: unknown;
  env: Record<string, string>;
  invocationId: string;
  /** Epoch ms: the function sees this as "now" (its clock then runs on from there). */
  fixedNow?: number;
  /** The platform's limits, also handed to `main` in its context (`time_limit_in_ms`, ...). */
  timeLimitMs: number;
  memoryLimitMb: number;
  /** Globals and built-ins newer than the function's declared Node.js runtime, hidden while it runs. */
  hiddenNames: readonly string[];
}

/** The worker loaded the function and is about to call `main`: its execution time starts now. */
export interface StartedMessage {
  kind: 'started';
  id: number;
}

export type InvokeResponse =
  | { kind: 'result'; id: number; result: unknown; durationMs: number }
  | { kind: 'error'; id: number; message: string; stack?: string; durationMs: number };

export type WorkerMessage = StartedMessage | InvokeResponse;
