/**
 * The community clock: the one "now" of the whole local stack (seed, runner, stand-in,
 * timers, preview). `CS_NOW` (an ISO instant, e.g. 2027-12-31T23:30:00+08:00) is the
 * instant it starts from when the process starts; it keeps ticking from there. Unset,
 * it is the real time.
 */
const START_REAL = Date.now();

function parseStart(value: string | undefined): number | null {
  if (!value) return null;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new Error(`CS_NOW is not an ISO instant: ${value}`);
  return parsed;
}

const START_COMMUNITY = parseStart(process.env.CS_NOW);

/** Milliseconds the community clock is ahead of the real one (0 when CS_NOW is unset). */
export const CLOCK_OFFSET_MS = START_COMMUNITY === null ? 0 : START_COMMUNITY - START_REAL;

/** The community clock's current instant. */
export function communityNow(): Date {
  return new Date(Date.now() + CLOCK_OFFSET_MS);
}
