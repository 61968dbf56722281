/**
 * Reads a built function's config.json as the platform would deploy it: execution timeout,
 * Node.js runtime, memory, timer triggers. The same file is the source of the
 * cloudbaserc.json the CloudBase CLI deploys with (scripts/cloudbaserc.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TimerTrigger {
  name: string;
  /** CloudBase cron: seconds minutes hours day month weekday year (Asia/Shanghai). */
  cron: string;
}

export interface FunctionConfig {
  /** Execution timeout, counted from the start of `main` (module loading is not included). */
  timeoutMs: number;
  /** e.g. `Nodejs18.15`. */
  runtime: string;
  /** The runtime's Node.js major version. */
  nodeMajor: number;
  memoryMb: number;
  timers: TimerTrigger[];
}

export interface RawFunctionConfig {
  /** Seconds, 1–60 (CloudBase's range); CloudBase's default is 3. */
  timeout?: number;
  runtime?: string;
  memorySize?: number;
  triggers?: { name: string; type: string; config: string }[];
  permissions?: { openapi?: string[] };
}

/** CloudBase's default execution timeout: a function that declares none is cut off after 3 s. */
export const DEFAULT_TIMEOUT_SECONDS = 3;
export const MAX_TIMEOUT_SECONDS = 60;
/**
 * A function that declares no runtime is run as the oldest Node.js runtime this project
 * models, so an undeclared runtime can never hide a newer API.
 */
export const DEFAULT_RUNTIME = 'Nodejs16.13';
export const DEFAULT_MEMORY_MB = 256;
/** The Node.js runtimes CloudBase offers that this project models. */
export const RUNTIMES = ['Nodejs16.13', 'Nodejs18.15'] as const;

export function runtimeMajor(runtime: string): number {
  const match = /^Nodejs(\d+)\.\d+$/.exec(runtime);
  if (!match || !(RUNTIMES as readonly string[]).includes(runtime)) {
    throw new Error(`unsupported runtime ${runtime} (one of ${RUNTIMES.join(', ')})`);
  }
  return Number(match[1]);
}

export function readRawConfig(functionDir: string): RawFunctionConfig {
  const file = join(functionDir, 'config.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RawFunctionConfig) : {};
}

export function parseFunctionConfig(raw: RawFunctionConfig, where = 'config.json'): FunctionConfig {
  const seconds = raw.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new Error(`${where}: timeout must be a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}`);
  }
  const runtime = raw.runtime ?? DEFAULT_RUNTIME;
  return {
    timeoutMs: seconds * 1000,
    runtime,
    nodeMajor: runtimeMajor(runtime),
    memoryMb: raw.memorySize ?? DEFAULT_MEMORY_MB,
    timers: (raw.triggers ?? [])
      .filter((trigger) => trigger.type === 'timer')
      .map((trigger) => ({ name: trigger.name, cron: trigger.config })),
  };
}

export function readFunctionConfig(functionDir: string): FunctionConfig {
  return parseFunctionConfig(readRawConfig(functionDir), join(functionDir, 'config.json'));
}
