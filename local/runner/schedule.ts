/**
 * Timer triggers on the community clock. croner only schedules on the machine's clock, so
 * it is used for the calendar arithmetic alone: the next fire time is computed from the
 * community clock's now (Asia/Shanghai, as SCF timer triggers), and a real timeout waits
 * the difference. With the real clock this is what croner itself would do.
 */
import { Cron } from 'croner';

/** setTimeout's limit (~24.8 days); longer waits are taken in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface ClockSchedule {
  /** The next instant (community clock) the trigger fires, or null when it never will. */
  next(): Date | null;
  stop(): void;
}

/**
 * Fires `fire` at every instant of the 7-part CloudBase cron `cron` on `clock`. A run still
 * going when the next one is due makes that one skip (croner's `protect`).
 */
export function scheduleOnClock(cron: string, clock: () => Date, fire: () => Promise<void>): ClockSchedule {
  const pattern = new Cron(cron, { timezone: 'Asia/Shanghai', mode: '7-part' });
  let timer: NodeJS.Timeout | undefined;
  let due: Date | null = null;
  let stopped = false;

  const arm = (): void => {
    if (stopped) return;
    const now = clock();
    due = pattern.nextRun(now);
    if (!due) return;
    const target = due;
    timer = setTimeout(
      () => {
        if (stopped) return;
        // A long wait taken in steps, or a timer that fired a little early: wait on.
        if (clock().getTime() < target.getTime()) return arm();
        void fire().finally(arm);
      },
      Math.min(Math.max(0, target.getTime() - now.getTime()), MAX_DELAY_MS),
    );
  };
  arm();

  return {
    next: () => due,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
