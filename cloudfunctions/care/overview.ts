/**
 * For staff (every building) and branch secretaries (their building): per building, who is
 * on the care list, the last visit, open alerts and the carers' load; the month's visit
 * figures as a spreadsheet (counts only: no visit notes, no reasons, nothing of the
 * archive); the follow-up tasks carers handed over; the alert rules.
 */
import type { CareRules, CareTaskView, OverviewView, RulesView } from '../../typings/domain/care';
import { collection, command, database } from '../shared/cloud';
import type { BuildingDoc, ResidentDoc } from '../shared/docs';
import { buildingLabel } from '../shared/domain/labels';
import { publicName } from '../shared/domain/residents';
import { AppError } from '../shared/errors';
import { exportSpreadsheet } from '../shared/exports';
import type { CareEntryDoc, RulesDoc, TaskDoc } from './docs';
import { RULES_ID } from './docs';
import {
  categoryLabels,
  dueLabel,
  dueState,
  isStaff,
  managesBuilding,
  monthKeyOf,
  ruleSentences,
  secretaryOf,
} from './rules';
import { loadAll, loadRules, residentsByIds } from './store';
import { entryAddress, lastVisitLabel, taskView } from './views';

type Grouped = { _id: unknown; n: number };

function rowsOf(result: unknown): Grouped[] {
  return (result as { data?: Grouped[] }).data ?? [];
}

function scopeOf(me: ResidentDoc): number[] | 'all' {
  return isStaff(me.roles) ? 'all' : secretaryOf(me.roles);
}

function buildingFilter(scope: number[] | 'all', field = 'buildingNo'): object {
  return scope === 'all' ? {} : { [field]: command().in(scope) };
}

export async function overview(
  me: ResidentDoc,
  input: { buildingNo?: number; month?: string },
  now: Date,
): Promise<OverviewView> {
  const _ = command();
  const $ = database().command.aggregate;
  const scope = scopeOf(me);
  if (input.buildingNo !== undefined && !managesBuilding(me.roles, input.buildingNo)) {
    throw new AppError('FORBIDDEN', '只能查看自己所在楼栋');
  }
  const month = input.month ?? monthKeyOf(now);
  const chosen = input.buildingNo ?? (scope === 'all' ? undefined : scope[0]);
  const [buildings, entries, alerts, visits, tasks] = await Promise.all([
    loadAll<BuildingDoc>('buildings', buildingFilter(scope, 'no')),
    loadAll<CareEntryDoc>('care_list', { status: 'active', ...buildingFilter(scope) }),
    collection('care_alerts')
      .aggregate()
      .match({ status: _.in(['open', 'answered']), ...buildingFilter(scope) })
      .group({ _id: '$buildingNo', n: $.sum(1) })
      .limit(1000)
      .end(),
    collection('care_visits')
      .aggregate()
      .match({ month, ...buildingFilter(scope) })
      .group({ _id: { buildingNo: '$buildingNo', carerId: '$carerId' }, n: $.sum(1) })
      .limit(5000)
      .end(),
    loadAll<TaskDoc>('care_tasks', { status: 'open', ...buildingFilter(scope) }, { orderBy: ['createdAt', 'desc'] }),
  ]);
  const alertsBy = new Map(rowsOf(alerts).map((row) => [row._id as number, row.n]));
  const visitRows = rowsOf(visits) as Array<{ _id: { buildingNo: number; carerId: string }; n: number }>;
  const chosenEntries = entries.filter((entry) => entry.buildingNo === chosen);
  const carerIds = [...new Set(chosenEntries.flatMap((entry) => entry.plan.carerIds))];
  const [carers, openByPerson] = await Promise.all([
    residentsByIds(carerIds),
    chosenEntries.length
      ? collection('care_alerts')
          .aggregate()
          .match({ subjectId: _.in(chosenEntries.map((entry) => entry._id)), status: _.in(['open', 'answered']) })
          .group({ _id: '$subjectId', n: $.sum(1) })
          .limit(1000)
          .end()
      : Promise.resolve({ data: [] }),
  ]);
  const openOf = new Map(rowsOf(openByPerson).map((row) => [row._id as string, row.n]));
  const nameOf = (id: string) => (carers.get(id) ? publicName(carers.get(id)!) : '（已不在名单）');
  return {
    month,
    buildings: buildings
      .sort((a, b) => a.no - b.no)
      .map((building) => {
        const mine = entries.filter((entry) => entry.buildingNo === building.no);
        return {
          buildingNo: building.no,
          label: buildingLabel(building.no),
          people: mine.length,
          overdue: mine.filter((entry) => dueState(entry.nextDueAt, now) === 'overdue').length,
          openAlerts: alertsBy.get(building.no) ?? 0,
          visitsThisMonth: visitRows
            .filter((row) => row._id.buildingNo === building.no)
            .reduce((sum, row) => sum + row.n, 0),
        };
      }),
    ...(chosen !== undefined ? { buildingNo: chosen } : {}),
    people: chosenEntries
      .sort((a, b) => a.unitNo - b.unitNo || a.room.localeCompare(b.room))
      .map((entry) => {
        const last = lastVisitLabel(entry, now);
        return {
          subjectId: entry._id,
          name: entry.name,
          addressLabel: entryAddress(entry),
          categoryLabels: categoryLabels(entry.categories),
          ...(last ? { lastVisitLabel: last } : {}),
          due: dueState(entry.nextDueAt, now),
          dueLabel: dueLabel(entry.nextDueAt, now),
          openAlerts: openOf.get(entry._id) ?? 0,
          carers: entry.plan.carerIds.map(nameOf),
        };
      }),
    carers: carerIds
      .map((id) => ({
        residentId: id,
        name: nameOf(id),
        people: chosenEntries.filter((entry) => entry.plan.carerIds.includes(id)).length,
        visitsThisMonth: visitRows
          .filter((row) => row._id.buildingNo === chosen && row._id.carerId === id)
          .reduce((sum, row) => sum + row.n, 0),
      }))
      .sort((a, b) => b.people - a.people || a.name.localeCompare(b.name, 'zh')),
    tasks: tasks
      .filter((task) => chosen === undefined || task.buildingNo === chosen)
      .map((task) => taskView(task, now)),
  };
}

/** The month's visit figures, per building and per carer: counts only. */
export async function exportMonth(
  me: ResidentDoc,
  openid: string,
  month: string,
  now: Date,
): Promise<{ fileID: string; url: string }> {
  const $ = database().command.aggregate;
  const scope = scopeOf(me);
  const [buildings, entries, byBuilding, byCarer] = await Promise.all([
    loadAll<BuildingDoc>('buildings', buildingFilter(scope, 'no')),
    loadAll<CareEntryDoc>(
      'care_list',
      { status: 'active', ...buildingFilter(scope) },
      {
        fields: { buildingNo: true, plan: true },
      },
    ),
    collection('care_visits')
      .aggregate()
      .match({ month, ...buildingFilter(scope) })
      .group({
        _id: { buildingNo: '$buildingNo', kind: '$kind', outcome: '$outcome' },
        n: $.sum(1),
        people: $.addToSet('$subjectId'),
      })
      .limit(5000)
      .end(),
    collection('care_visits')
      .aggregate()
      .match({ month, ...buildingFilter(scope) })
      .group({ _id: { carerId: '$carerId', kind: '$kind' }, n: $.sum(1) })
      .limit(5000)
      .end(),
  ]);
  type BuildingRow = { _id: { buildingNo: number; kind: string; outcome: string }; n: number; people: string[] };
  const visitRows = ((byBuilding as { data?: BuildingRow[] }).data ?? []) as BuildingRow[];
  const carerRows = rowsOf(byCarer) as Array<{ _id: { carerId: string; kind: string }; n: number }>;
  const carerIds = [
    ...new Set([...carerRows.map((row) => row._id.carerId), ...entries.flatMap((e) => e.plan.carerIds)]),
  ];
  const carers = await residentsByIds(carerIds);
  const sum = (rows: BuildingRow[], test: (row: BuildingRow) => boolean) =>
    rows.filter(test).reduce((total, row) => total + row.n, 0);
  const perBuilding = buildings
    .sort((a, b) => a.no - b.no)
    .map((building) => {
      const rows = visitRows.filter((row) => row._id.buildingNo === building.no);
      const reached = new Set(rows.filter((row) => row._id.outcome !== 'nobody_home').flatMap((row) => row.people));
      return [
        buildingLabel(building.no),
        entries.filter((entry) => entry.buildingNo === building.no).length,
        sum(rows, (row) => row._id.kind === 'visit'),
        sum(rows, (row) => row._id.kind === 'call'),
        sum(rows, (row) => row._id.outcome === 'nobody_home'),
        sum(rows, (row) => row._id.outcome === 'follow_up'),
        reached.size,
      ];
    });
  const perCarer = carerIds
    .map((id) => {
      const mine = carerRows.filter((row) => row._id.carerId === id);
      const visits = mine.filter((row) => row._id.kind === 'visit').reduce((total, row) => total + row.n, 0);
      const calls = mine.filter((row) => row._id.kind === 'call').reduce((total, row) => total + row.n, 0);
      const person = carers.get(id);
      return [
        person ? publicName(person) : '（已不在名单）',
        person?.binding.address ? buildingLabel(person.binding.address.buildingNo) : '',
        entries.filter((entry) => entry.plan.carerIds.includes(id)).length,
        visits,
        calls,
        visits + calls,
      ];
    })
    .sort((a, b) => Number(b[5]) - Number(a[5]));
  return exportSpreadsheet(
    openid,
    `care-visits-${month}`,
    [
      {
        name: `${month} 按楼栋`,
        rows: [
          [
            '楼栋',
            '关爱对象（人）',
            '上门走访（次）',
            '电话问候（次）',
            '没人在家（次）',
            '需要跟进（次）',
            '本月见到的人数',
          ],
          ...perBuilding,
        ],
        widths: [10, 14, 14, 14, 14, 14, 16],
      },
      {
        name: `${month} 按走访人`,
        rows: [['走访人', '楼栋', '负责（人）', '上门（次）', '电话（次）', '合计（次）'], ...perCarer],
        widths: [14, 10, 12, 12, 12, 12],
      },
    ],
    now,
  );
}

export async function listTasks(me: ResidentDoc, status: 'open' | 'done', now: Date): Promise<CareTaskView[]> {
  const tasks = await collection('care_tasks')
    .where({ status, ...buildingFilter(scopeOf(me)) })
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get();
  return (tasks.data as TaskDoc[]).map((task) => taskView(task, now));
}

export async function completeTask(
  me: ResidentDoc,
  id: string,
  note: string | undefined,
  now: Date,
): Promise<CareTaskView> {
  const { data } = await collection('care_tasks').doc(id).get();
  const task = data[0] as TaskDoc | undefined;
  if (!task) throw new AppError('NOT_FOUND', '没有找到这个任务');
  if (!managesBuilding(me.roles, task.buildingNo)) throw new AppError('FORBIDDEN', '只能处理自己所在楼栋的任务');
  const done = { status: 'done' as const, doneBy: me._id, doneAt: now, ...(note ? { doneNote: note } : {}) };
  const { updated } = await collection('care_tasks').where({ _id: id, status: 'open' }).update(done);
  if (updated !== 1) throw new AppError('CONFLICT', '这个任务已经办结了');
  return taskView({ ...task, ...done }, now);
}

function rulesView(doc: RulesDoc): RulesView {
  const { _id: _ignored, version, updatedAt: _at, updatedBy: _by, ...rules } = doc;
  return { rules, sentences: ruleSentences(rules), version };
}

export async function rules(): Promise<RulesView> {
  return rulesView(await loadRules());
}

export async function saveRules(
  me: ResidentDoc,
  input: CareRules & { version: number },
  now: Date,
): Promise<RulesView> {
  const { version, ...fields } = input;
  const next: RulesDoc = { _id: RULES_ID, ...fields, version: version + 1, updatedAt: now, updatedBy: me._id };
  const stale = () => new AppError('CONFLICT', '提醒规则刚被其他工作人员修改，请刷新后再改');
  if (version === 0) {
    await collection('care_state')
      .add(next)
      .catch(() => Promise.reject(stale()));
  } else {
    const _ = command();
    const { _id: _ignored, ...update } = next;
    const { updated } = await collection('care_state')
      .where({ _id: RULES_ID, version })
      .update({
        ...update,
        meal: _.set(update.meal),
        alarm: _.set(update.alarm),
        noDelivery: _.set(update.noDelivery),
        nobodyHome: _.set(update.nobodyHome),
        overdue: _.set(update.overdue),
      });
    if (updated !== 1) throw stale();
  }
  return rulesView(next);
}
