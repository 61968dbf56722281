/**
 * The monthly evaluation (考核评比): the month's finished records per staff member and per
 * service — services done, within the time limit, satisfaction, complaints — the month's
 * unsatisfied ratings, and the records open past their time limit now. Community staff
 * and the director see everyone; bank staff their own row. A spreadsheet of the same.
 */
import type { ComplaintView, EvaluationRow, EvaluationView, ExportFile, MonthKey } from '../../typings/domain/service';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { monthLabel } from '../shared/domain/canteen';
import { COMMITMENT_LABELS, evaluate, evaluationScope, whenLabel } from '../shared/domain/service';
import { AppError } from '../shared/errors';
import { exportSpreadsheet } from '../shared/exports';
import type { SheetSpec } from '../shared/spreadsheet';
import type { RecordDoc } from './docs';
import { readAll } from '../shared/paging';
import { recordView } from './views';

function shiftMonth(month: MonthKey, by: number): MonthKey {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

async function monthData(me: ResidentDoc, month: MonthKey, now: Date) {
  const scope = evaluationScope(me.roles);
  if (!scope) throw new AppError('FORBIDDEN');
  const _ = command();
  const own = scope === 'self' ? { staffId: me._id } : {};
  const [done, overdue] = await Promise.all([
    readAll<RecordDoc>('service_records', { month, status: 'done', ...own }),
    collection('service_records')
      .where({ status: 'received', dueAt: _.lt(now), ...own })
      .orderBy('dueAt', 'asc')
      .limit(100)
      .get()
      .then(({ data }) => data as RecordDoc[]),
  ]);
  return { scope, done, overdue };
}

function complaintsOf(records: readonly RecordDoc[], now: Date): ComplaintView[] {
  return records
    .filter((record) => record.rating?.level === 'unsatisfied')
    .sort((a, b) => b.rating!.at.getTime() - a.rating!.at.getTime())
    .map((record) => ({
      recordId: record._id,
      itemTitle: record.itemTitle,
      staffName: record.staffName,
      personName: record.personName,
      reasons: record.rating!.reasons.map((key) => COMMITMENT_LABELS[key]),
      ...(record.rating!.comment ? { comment: record.rating!.comment } : {}),
      atLabel: whenLabel(record.rating!.at, now),
    }));
}

function counted(records: readonly RecordDoc[]) {
  return records.map((record) => ({
    staffId: record.staffId,
    staffName: record.staffName,
    itemId: record.itemId,
    itemTitle: record.itemTitle,
    withinLimit: record.withinLimit === true,
    ...(record.rating ? { rating: { level: record.rating.level } } : {}),
  }));
}

export async function evaluation(me: ResidentDoc, month: MonthKey, now: Date): Promise<EvaluationView> {
  const { scope, done, overdue } = await monthData(me, month, now);
  const figures = evaluate(counted(done));
  return {
    month,
    monthLabel: monthLabel(month),
    prevMonth: shiftMonth(month, -1),
    nextMonth: shiftMonth(month, 1),
    scope,
    ...figures,
    complaints: complaintsOf(done, now),
    overdue: overdue.map((record) => recordView(record, now)),
    canExport: scope === 'all',
  };
}

const HEADER = [
  '',
  '办结件数',
  '按时办结',
  '按时办结率',
  '评价数',
  '满意',
  '基本满意',
  '不满意',
  '满意率',
  '投诉（不满意）',
];

function rowCells(row: EvaluationRow): Array<string | number> {
  return [
    row.name,
    row.done,
    row.withinLimit,
    row.withinLimitRate,
    row.rated,
    row.satisfied,
    row.basic,
    row.unsatisfied,
    row.satisfactionRate,
    row.complaints,
  ];
}

export async function exportEvaluation(
  me: ResidentDoc,
  openid: string,
  month: MonthKey,
  now: Date,
): Promise<ExportFile> {
  const { done, overdue } = await monthData(me, month, now);
  const figures = evaluate(counted(done));
  const widths = [24, 10, 10, 12, 8, 8, 10, 8, 10, 14];
  const sheets: SheetSpec[] = [
    {
      name: '按工作人员',
      rows: [['工作人员', ...HEADER.slice(1)], ...figures.byStaff.map(rowCells), rowCells(figures.totals)],
      widths,
    },
    {
      name: '按服务事项',
      rows: [['服务事项', ...HEADER.slice(1)], ...figures.byService.map(rowCells), rowCells(figures.totals)],
      widths,
    },
    {
      name: '不满意评价',
      rows: [
        ['服务事项', '工作人员', '办事人', '原因', '意见', '评价时间'],
        ...complaintsOf(done, now).map((c) => [
          c.itemTitle,
          c.staffName,
          c.personName,
          c.reasons.join('、'),
          c.comment ?? '',
          c.atLabel,
        ]),
      ],
      widths: [24, 10, 10, 20, 40, 18],
    },
    {
      name: '超时未办结',
      rows: [
        ['服务事项', '工作人员', '办事人', '受理时间', '办结时限', '状态'],
        ...overdue.map((record) => {
          const view = recordView(record, now);
          return [
            view.item.title,
            view.staff.name,
            view.person.name,
            view.openedAtLabel,
            view.timeLimitLabel,
            view.dueLabel,
          ];
        }),
      ],
      widths: [24, 10, 10, 18, 20, 40],
    },
  ];
  const { fileID, url } = await exportSpreadsheet(openid, `service-evaluation-${month}`, sheets, now);
  return {
    fileID,
    url,
    fileName: `${monthLabel(month)}服务窗口考核评比.xlsx`,
    rows: figures.byStaff.length + figures.byService.length,
  };
}
