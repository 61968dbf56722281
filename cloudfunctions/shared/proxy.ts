/**
 * Acting for someone else (the ProxyRecord convention of docs.ts). A feature that lets a
 * person act for another calls `actFor` before writing: it refuses anyone who may not act
 * for the subject and returns the record to store with the document (and in
 * `community_audit`). Who may act for whom:
 * - the subject themselves (no record);
 * - community staff, always with a written reason (e.g. "老人无智能手机，电话核实");
 * - a relative whose link to the subject is confirmed (reason optional);
 * - where the feature opts in (`{ carers: true }`: 报事 filed after a care visit), an
 *   assigned carer of the subject's active care plan (关爱), always with a reason.
 */
import { collection } from './cloud';
import type { ProxyRecord, ResidentDoc } from './docs';
import { isStaff } from './domain/roles';
import { AppError } from './errors';

export function proxyRecord(actorId: string, subjectId: string, now: Date, reason?: string): ProxyRecord {
  return { actorId, subjectId, ...(reason ? { reason } : {}), at: now };
}

/** Whether a confirmed relative link binds `relativeId` to `seniorId` (one round trip). */
export async function isConfirmedRelative(relativeId: string, seniorId: string): Promise<boolean> {
  const { total } = await collection('relative_links').where({ relativeId, seniorId, status: 'confirmed' }).count();
  return total > 0;
}

/** Whether `carerId` is an assigned carer of `subjectId`'s active care plan (one round trip). */
export async function isAssignedCarer(carerId: string, subjectId: string): Promise<boolean> {
  const { total } = await collection('care_list')
    .where({ _id: subjectId, status: 'active', 'plan.carerIds': carerId })
    .count();
  return total > 0;
}

/**
 * The ProxyRecord for `actor` acting for `subjectId`, or undefined when they act for
 * themselves. Throws FORBIDDEN when the actor may not, INVALID_INPUT when staff (or a
 * carer) give no reason.
 */
export async function actFor(
  actor: Pick<ResidentDoc, '_id' | 'roles'>,
  subjectId: string,
  now: Date,
  reason?: string,
  options: { carers?: boolean } = {},
): Promise<ProxyRecord | undefined> {
  if (actor._id === subjectId) return undefined;
  const why = reason?.trim();
  if (isStaff(actor.roles)) {
    if (!why) throw new AppError('INVALID_INPUT', '代为办理时请填写原因');
    return proxyRecord(actor._id, subjectId, now, why);
  }
  if (await isConfirmedRelative(actor._id, subjectId)) return proxyRecord(actor._id, subjectId, now, why);
  if (options.carers && (await isAssignedCarer(actor._id, subjectId))) {
    if (!why) throw new AppError('INVALID_INPUT', '代为办理时请填写原因');
    return proxyRecord(actor._id, subjectId, now, why);
  }
  throw new AppError('FORBIDDEN', '您不能代这位居民办理');
}
