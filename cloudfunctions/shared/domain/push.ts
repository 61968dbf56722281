/** Pure rules of the push service: template data within WeChat's limits, error classes. */

/** Per-keyword-type length limits WeChat enforces on subscribe-message data. */
const LIMITS: [RegExp, number][] = [
  [/^thing\d+$/, 20],
  [/^name\d+$/, 10],
  [/^phrase\d+$/, 5],
  [/^character_string\d+$/, 32],
];

export function fitKeyword(keyword: string, value: string): string {
  const limit = LIMITS.find(([pattern]) => pattern.test(keyword))?.[1];
  const chars = Array.from(value.trim() || '-');
  if (limit === undefined || chars.length <= limit) return chars.join('');
  return `${chars.slice(0, limit - 1).join('')}…`;
}

export function templateData(
  fields: { title: string; time: string; note: string },
  values: { title: string; time: string; note: string },
): Record<string, { value: string }> {
  return {
    [fields.title]: { value: fitKeyword(fields.title, values.title) },
    [fields.time]: { value: fitKeyword(fields.time, values.time) },
    [fields.note]: { value: fitKeyword(fields.note, values.note) },
  };
}

/**
 * What a failed send means. `no_subscription`: WeChat says the user has no credit (our
 * ledger was ahead of WeChat's); `permanent`: retrying cannot help; `transient`: retry later.
 */
export type SendFailure = 'no_subscription' | 'permanent' | 'transient';

export function classifySendError(errCode: number | undefined): SendFailure {
  if (errCode === 43101) return 'no_subscription';
  // invalid openid, invalid template, bad data, user blocked messages
  if (errCode !== undefined && [40003, 40037, 47003, 43107, 43108].includes(errCode)) return 'permanent';
  // system busy (-1), rate limits, network failures (no code)
  return 'transient';
}

export const MAX_SEND_ATTEMPTS = 4;

/** Backoff before retry n (1-based): 1, 4, 16 minutes. */
export function retryDelayMs(attempt: number): number {
  return 60_000 * 4 ** (attempt - 1);
}
