/** WeChat's asynchronous image verdict (wxa_media_check), matched to the image by trace id. */
import { applyCheck, mergeCheck, unappliedChecks } from '../shared/media-checks';

export async function applyMediaVerdict(event: Record<string, unknown>, now: Date): Promise<{ applied: boolean }> {
  const traceId = typeof event.trace_id === 'string' ? event.trace_id : '';
  if (!traceId) return { applied: false };
  const result = event.result as { suggest?: string; label?: number } | undefined;
  const check = await mergeCheck(traceId, {
    // Anything but an explicit pass keeps the image hidden.
    verdict: result?.suggest === 'pass' ? 'pass' : 'risky',
    ...(typeof result?.label === 'number' ? { label: result.label } : {}),
    decidedAt: now,
  });
  return { applied: await applyCheck(check) };
}

/** The reconcile timer: verdicts that came before their content existed. */
export async function reconcileMediaChecks(): Promise<{ applied: number; waiting: number }> {
  const checks = await unappliedChecks();
  let applied = 0;
  for (const check of checks) if (await applyCheck(check)) applied++;
  return { applied, waiting: checks.length - applied };
}
