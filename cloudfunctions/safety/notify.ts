/**
 * What 安全 tells people (template `safety`, a long-term subscription: WeChat opens those to
 * 政务民生 and other public-service categories only; without it, or without a
 * subscription, the message is in 我的消息 and the alarm is on the staff board). Every
 * message of a drill says 演练. A failed push never undoes what caused it: it is logged,
 * and the in-app message and the board still show the alarm.
 */
import type { PushSummary } from '../../typings/domain/push';
import { readAll } from '../shared/paging';
import { command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { push } from '../shared/push';
import type { AlarmDoc, TaskDoc } from './docs';
import { KIND_LABELS, placeLabel, RING_LABELS, STATUS_LABELS } from './rules';

export const ALARM_PAGE = '/packages/safety/pages/alarm/index';
export const TASKS_PAGE = '/packages/safety/pages/tasks/index';

const EMPTY: PushSummary = { recipients: 0, wechat: 0, inAppOnly: 0, queued: 0, failed: 0 };

async function send(
  residentIds: readonly string[],
  message: { title: string; body: string; note: string; page: string; source: { kind: string; id: string } },
  now: Date,
): Promise<PushSummary> {
  const ids = [...new Set(residentIds)].filter(Boolean);
  if (!ids.length) return EMPTY;
  try {
    return await push({ kind: 'residents', residentIds: ids }, { template: 'safety', ...message }, now);
  } catch (error) {
    console.error('[safety] push failed; the alarm stands on the board', error);
    return { ...EMPTY, recipients: ids.length, failed: ids.length };
  }
}

function drillMark(alarm: Pick<AlarmDoc, 'drill'>): string {
  return alarm.drill ? '【演练】' : '';
}

export function alarmHeadline(
  alarm: Pick<AlarmDoc, 'drill' | 'kind' | 'seniorAlone'> & Parameters<typeof placeLabel>[0],
) {
  return `${drillMark(alarm)}${KIND_LABELS[alarm.kind]} ${placeLabel(alarm)}${alarm.seniorAlone ? ' 独居老人' : ''}`;
}

/** A ring of the ladder is paged: the first at once, the others when nobody answered. */
export function pageRing(alarm: AlarmDoc, ring: number, residentIds: readonly string[], now: Date) {
  const headline = alarmHeadline(alarm);
  const escalated = ring > 0 ? `无人响应，已升级到第${ring + 1}级（${RING_LABELS[ring]}）。` : '';
  const what =
    alarm.kind === 'gas'
      ? '燃气报警器报警，请立即查看；闻到燃气味请开窗、关总阀，不要开关电器。'
      : '烟感报警，请立即查看；看到烟或明火请拨打119。';
  return send(
    residentIds,
    {
      title: ring > 0 ? `${drillMark(alarm)}升级：${headline.replace(drillMark(alarm), '')}` : headline,
      body: `${alarm.drill ? '【演练，非真实报警】' : ''}${escalated}${placeLabel(alarm)}${what}危急时立即拨打119。点开查看位置、紧急联系人并回复“我去看看”。`,
      note: alarm.drill ? '演练：请按流程响应' : '请立即查看，危急时拨打119',
      page: `${ALARM_PAGE}?id=${alarm._id}`,
      source: { kind: 'safety_alarm', id: alarm._id },
    },
    now,
  );
}

/** The first answer: the people paged hear that someone is on it. */
export function tellAnswered(alarm: AlarmDoc, who: string, what: string, residentIds: readonly string[], now: Date) {
  return send(
    residentIds,
    {
      title: `${drillMark(alarm)}已有人响应：${placeLabel(alarm)}`,
      body: `${drillMark(alarm)}${who}：${what}。报警升级已停止，请继续关注处理进展。`,
      note: `${who}：${what}`,
      page: `${ALARM_PAGE}?id=${alarm._id}`,
      source: { kind: 'safety_alarm', id: alarm._id },
    },
    now,
  );
}

export function tellClosed(alarm: AlarmDoc, cause: string, residentIds: readonly string[], now: Date) {
  return send(
    residentIds,
    {
      title: `${drillMark(alarm)}报警${STATUS_LABELS.closed}：${placeLabel(alarm)}`,
      body: `${drillMark(alarm)}${placeLabel(alarm)}的${KIND_LABELS[alarm.kind]}已处理结束，原因：${cause}。`,
      note: `原因：${cause}`,
      page: `${ALARM_PAGE}?id=${alarm._id}`,
      source: { kind: 'safety_alarm', id: alarm._id },
    },
    now,
  );
}

/** A new maintenance task reaches the unit leader (and the building's secretary). */
export function tellTask(task: TaskDoc, residentIds: readonly string[], now: Date) {
  return send(
    residentIds,
    {
      title: `安全维护：${task.title}`,
      body: `${task.placeLabel}：${task.detail}`,
      note: task.placeLabel,
      page: TASKS_PAGE,
      source: { kind: 'safety_task', id: task._id },
    },
    now,
  );
}

/**
 * Devices gone offline in the daily sweep: one message per unit to its caretakers, or —
 * when many went silent at once — one message to staff (likely the platform or network).
 */
export async function tellOffline(tasks: readonly TaskDoc[], now: Date, mass: boolean): Promise<void> {
  if (!tasks.length) return;
  const _ = command();
  if (mass) {
    const staff = await readAll<ResidentDoc>(
      'residents',
      { roles: _.elemMatch({ kind: 'staff' }) },
      { fields: { _id: true } },
    );
    await send(
      staff.map((person) => person._id),
      {
        title: `${tasks.length}台设备同时离线`,
        body: `${tasks.length}台燃气报警器或烟感同时离线，可能是厂商平台或网络故障，请先联系厂商；维护任务已生成。`,
        note: '请联系厂商核实平台是否正常',
        page: TASKS_PAGE,
        source: { kind: 'safety_offline', id: now.toISOString() },
      },
      now,
    );
    return;
  }
  const units = new Map<string, TaskDoc[]>();
  for (const task of tasks)
    units.set(`${task.buildingNo}-${task.unitNo}`, [...(units.get(`${task.buildingNo}-${task.unitNo}`) ?? []), task]);
  for (const unitTasks of units.values()) {
    const { buildingNo, unitNo } = unitTasks[0]!;
    const people = await readAll<ResidentDoc>(
      'residents',
      _.or([
        { roles: _.elemMatch({ kind: 'unit_leader', buildingNo, unitNo }) },
        { roles: _.elemMatch({ kind: 'branch_secretary', buildingNo }) },
      ]),
      { fields: { _id: true } },
    );
    await send(
      people.map((person) => person._id),
      {
        title: `安全维护：${unitTasks.length}台设备离线`,
        body: `${buildingNo}号楼${unitNo}单元：${unitTasks.map((task) => task.placeLabel).join('、')}的设备离线，请上门查看。`,
        note: `${buildingNo}号楼${unitNo}单元`,
        page: TASKS_PAGE,
        source: { kind: 'safety_task', id: unitTasks[0]!._id },
      },
      now,
    );
  }
}
