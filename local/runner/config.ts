/** Reads a built function's config.json: timeout and timer triggers. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TimerTrigger {
  name: string;
  /** CloudBase cron: seconds minutes hours day month weekday year (Asia/Shanghai). */
  cron: string;
}

export interface FunctionConfig {
  timeoutMs: number;
  timers: TimerTrigger[];
}

interface RawConfig {
  timeout?: number;
  triggers?: { name: string; type: string; config: string }[];
}

/** Locally generous: a cold worker thread loads the SDK on first use. */
const DEFAULT_TIMEOUT_SECONDS = 20;

export function readFunctionConfig(functionDir: string): FunctionConfig {
  const file = join(functionDir, 'config.json');
  const raw: RawConfig = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RawConfig) : {};
  return {
    timeoutMs: Math.max(raw.timeout ?? DEFAULT_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS) * 1000,
    timers: (raw.triggers ?? [])
      .filter((trigger) => trigger.type === 'timer')
      .map((trigger) => ({ name: trigger.name, cron: trigger.config })),
  };
}
