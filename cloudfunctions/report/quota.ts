/**
 * The daily limit on reports, race-free and crash-safe. Each submission takes its place
 * under its request key (`takes.<key>` with the count, in one conditional update), and only
 * then is the report written; so a retry of the same submission never takes a second place,
 * and a submission whose function died before its report was written holds a place that
 * nothing answers for: the hourly timer (or the person's next submission, once at the
 * limit) gives back every take older than DEAD_AFTER_MS whose report does not exist.
 */
import { createHash } from 'node:crypto';
import { collection, command } from '../shared/cloud';
import { DAILY_REPORT_LIMIT, dayKey } from '../shared/domain/report';
import { AppError } from '../shared/errors';
import { deadBefore } from '../shared/leases';
import { insertOnce } from '../shared/unique';
import type { QuotaDoc } from './docs';

/** The submission's key: the client's request id, or (without one) a key of its own. */
export function submissionKey(residentId: string, requestId: string | undefined, now: Date): string {
  const seed = requestId ?? `${now.getTime()}:${Math.random()}`;
  return createHash('sha256').update(`report:${residentId}:${seed}`).digest('hex').slice(0, 24);
}

/** Takes the submission's place (once per key); RATE_LIMITED at the limit. */
export async function takeQuota(residentId: string, key: string, now: Date): Promise<void> {
  const _ = command();
  const day = dayKey(now);
  const id = `${residentId}|${day}`;
  const take = `takes.${key}`;
  const bump = async () =>
    (
      await collection('report_quotas')
        .where({ _id: id, count: _.lt(DAILY_REPORT_LIMIT), [take]: _.exists(false) })
        .update({ count: _.inc(1), [take]: { at: now } })
    ).updated === 1;
  if (await bump()) return;
  if (
    await insertOnce<QuotaDoc>('report_quotas', { _id: id, residentId, day, count: 1, takes: { [key]: { at: now } } })
  )
    return;
  // It exists: full, taken by this very submission (a retry), or just created by another.
  if (await bump()) return;
  // A retry holds its place already: renewed, so no repair takes it away while this one works.
  const renewed = await collection('report_quotas')
    .where({ _id: id, [take]: _.exists(true) })
    .update({ [`${take}.at`]: now });
  if (renewed.updated === 1) return;
  const { data } = await collection('report_quotas').doc(id).get();
  const doc = data[0] as QuotaDoc | undefined;
  // At the limit: a place a dead submission holds is no reason to refuse this one.
  if (doc && (await releaseDeadTakes([doc], now)) && (await bump())) return;
  throw new AppError('RATE_LIMITED', `每人每天最多报事${DAILY_REPORT_LIMIT}次；紧急情况请直接拨打社区电话`);
}

/** Gives back the takes, older than DEAD_AFTER_MS, of submissions whose report was never written. */
export async function releaseDeadTakes(quotas: readonly QuotaDoc[], now: Date): Promise<number> {
  const _ = command();
  const before = deadBefore(now).getTime();
  const stale = quotas.flatMap((quota) =>
    Object.entries(quota.takes ?? {})
      .filter(([, take]) => new Date(take.at).getTime() <= before)
      .map(([key]) => ({ quota: quota._id, key })),
  );
  if (!stale.length) return 0;
  const { data } = await collection('reports')
    .where({ requestKey: _.in(stale.map((s) => s.key)) })
    .field({ requestKey: true })
    .limit(1000)
    .get();
  const written = new Set((data as { requestKey: string }[]).map((doc) => doc.requestKey));
  let released = 0;
  for (const { quota, key } of stale.filter((s) => !written.has(s.key))) {
    // Conditional on the take: two repairs at once give it back once.
    const { updated } = await collection('report_quotas')
      .where({ _id: quota, [`takes.${key}`]: _.exists(true) })
      .update({ count: _.inc(-1), [`takes.${key}`]: _.remove() });
    released += updated;
  }
  return released;
}

/**
 * The timer's repair: the quotas of today and yesterday (a submission may die just before
 * midnight); earlier days no longer limit anyone.
 */
export async function reconcileQuotas(now: Date): Promise<number> {
  const days = [dayKey(now), dayKey(new Date(now.getTime() - 86_400_000))];
  const { data } = await collection('report_quotas')
    .where({ day: command().in(days) })
    .limit(1000)
    .get();
  return releaseDeadTakes(data as QuotaDoc[], now);
}
