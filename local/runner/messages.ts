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
}

export type InvokeResponse =
  | { kind: 'result'; id: number; result: unknown; durationMs: number }
  | { kind: 'error'; id: number; message: string; stack?: string; durationMs: number };
