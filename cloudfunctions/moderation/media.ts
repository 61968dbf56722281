/**
 * WeChat's asynchronous image verdicts (wxa_media_check), matched to their image by trace
 * id, and the reconcile timer that keeps every image moving: verdicts that came before
 * their content, images whose verdict never came (asked again, then handed to staff), and
 * old records pruned.
 */
import { collection } from '../shared/cloud';
import { findResidentByOpenid } from '../shared/caller';
import {
  applyCheck,
  overdueChecks,
  pruneChecks,
  recordVerdict,
  settleOverdue,
  unappliedChecks,
  type MediaCheckDoc,
} from '../shared/media-checks';
import { requestCheck } from '../shared/moderation';
import { temporaryUrls } from '../shared/storage';
import { checkUnchecked } from './unchecked';

/** An image without a verdict this long after its request is asked about again. */
export const RECHECK_AFTER_MS = 30 * 60 * 1000;
/** Requests per image (the first and one re-check) before staff decide. */
export const MAX_ATTEMPTS = 2;
/** Finished records are kept this long (the audit trail of a verdict), then removed. */
export const KEEP_CHECKS_MS = 30 * 24 * 3600 * 1000;

export async function applyMediaVerdict(
  event: Record<string, unknown>,
  now: Date,
): Promise<{ known: boolean; applied: boolean }> {
  const traceId = typeof event.trace_id === 'string' ? event.trace_id : '';
  if (!traceId) return { known: false, applied: false };
  const result = event.result as { suggest?: unknown; label?: unknown } | undefined;
  const label = Number(result?.label);
  const check = await recordVerdict(
    traceId,
    {
      // Anything but an explicit pass keeps the image hidden (v1 pushes say isrisky instead).
      verdict: result?.suggest === 'pass' || (result === undefined && event.isrisky === 0) ? 'pass' : 'risky',
      ...(Number.isFinite(label) ? { label } : {}),
    },
    now,
  );
  // Not a check this app asked for (or answered already): nothing was written.
  if (!check) return { known: false, applied: false };
  return { known: true, applied: await applyCheck(check) };
}

/** Asks WeChat again about an image whose verdict never came, under a new trace id. */
async function recheck(check: MediaCheckDoc, now: Date): Promise<boolean> {
  const urls = await temporaryUrls([check.fileID], 24 * 3600);
  const mediaUrl = urls.get(check.fileID);
  if (!(await settleOverdue(check, 'rechecked'))) return false;
  // The file is gone (the content was withdrawn): nothing left to check.
  if (!mediaUrl) return true;
  const { _id: _old, state: _state, applied: _applied, ...request } = check;
  try {
    await requestCheck({ ...request, createdAt: now, attempt: check.attempt + 1 }, mediaUrl);
  } catch (error) {
    // WeChat did not take it: the next run tries again.
    await collection('media_checks').where({ _id: check._id, state: 'rechecked' }).update({ state: 'waiting' });
    throw error;
  }
  return true;
}

/** Hands an image WeChat never answered for to staff: it stays hidden until they decide. */
async function surface(check: MediaCheckDoc, now: Date): Promise<boolean> {
  if (!(await settleOverdue(check, 'surfaced'))) return false;
  const author = await findResidentByOpenid(check.openid);
  const itemId = `${check.target.kind}_${check.target.id}_media_${check._id}`;
  await collection('moderation_items').add({
    _id: itemId,
    target: check.target,
    authorId: author?._id ?? '',
    excerpt: '图片未能完成自动安全检测，请人工查看',
    reason: 'media',
    fileID: check.fileID,
    state: 'open',
    createdAt: now,
  });
  return true;
}

/** The reconcile timer (every 10 minutes). */
export async function reconcileMediaChecks(now: Date): Promise<{
  applied: number;
  waiting: number;
  rechecked: number;
  surfaced: number;
  pruned: number;
  unchecked: number;
}> {
  const checks = await unappliedChecks();
  let applied = 0;
  for (const check of checks) if (await applyCheck(check)) applied++;
  let rechecked = 0;
  let surfaced = 0;
  for (const check of await overdueChecks(new Date(now.getTime() - RECHECK_AFTER_MS))) {
    if (check.attempt < MAX_ATTEMPTS) {
      if (await recheck(check, now)) rechecked++;
    } else if (await surface(check, now)) surfaced++;
  }
  // Photos a writer that died after saving its content never asked about.
  const unchecked = await checkUnchecked(now);
  const pruned = await pruneChecks(new Date(now.getTime() - KEEP_CHECKS_MS));
  return { applied, waiting: checks.length - applied, rechecked, surfaced, pruned, unchecked };
}
