/**
 * "我也遇到了": one `report_metoos` document a resident and report is the record; the
 * report's `metoo` is its count. The count is never bumped blindly (a function dying
 * between the record and the bump would leave it one short for good): it is set from the
 * records, and only ever upwards, so racing writers settle on the highest (records are
 * never removed). A tap that finds its record already there repairs the count the same
 * way, and the hourly timer does it for the records of the last hours.
 */
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { isOpen } from '../shared/domain/report';
import { AppError } from '../shared/errors';
import { insertOnce } from '../shared/unique';
import type { MetooDoc } from './docs';
import { loadReport } from './store';
import { assertCanSee, isPublicReport } from './views';

/** Sets the report's count to its records (never lower than it is); answers the count. */
export async function syncMetoo(reportId: string): Promise<number> {
  const { total } = await collection('report_metoos').where({ reportId }).count();
  await collection('reports')
    .where({ _id: reportId, metoo: command().lt(total) })
    .update({ metoo: total });
  return total;
}

export async function metoo(me: ResidentDoc, id: string, now: Date): Promise<{ metoo: number }> {
  const doc = await loadReport(id);
  const viewer = assertCanSee(me, doc);
  if (viewer.owner) throw new AppError('CONFLICT', '这是您自己的报事');
  if (!isPublicReport(doc) || !isOpen(doc.status)) throw new AppError('CONFLICT', '这条报事已经办结');
  const first = await insertOnce<MetooDoc>('report_metoos', {
    _id: `${id}|${me._id}`,
    reportId: id,
    residentId: me._id,
    at: now,
  });
  const count = await syncMetoo(id);
  if (!first) throw new AppError('CONFLICT', '您已经反馈过“我也遇到了”');
  return { metoo: count };
}

/** The hourly timer looks back this far: past its own period, so no record is missed. */
export const METOO_REPAIR_WINDOW_MS = 2 * 3600_000;

/** The timer's repair: the counts of the reports that got a me-too since `since`. */
export async function reconcileMetoos(since: Date): Promise<number> {
  const { data } = await collection('report_metoos')
    .where({ at: command().gte(since) })
    .field({ reportId: true })
    .limit(1000)
    .get();
  const ids = [...new Set((data as Pick<MetooDoc, 'reportId'>[]).map((m) => m.reportId))];
  for (const id of ids) await syncMetoo(id);
  return ids.length;
}
