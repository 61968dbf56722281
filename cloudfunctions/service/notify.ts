/**
 * Messages of the service window, through the push service with the `service` template
 * (办事预约与评价提醒): in 我的消息 always, in WeChat when the person holds a credit. A
 * failed push never undoes what caused it.
 */
import { collection, command } from '../shared/cloud';
import { push, type PushMessage } from '../shared/push';

export const PAGES = {
  mine: '/packages/service/pages/mine/index',
  ticket: '/packages/service/pages/ticket/index',
  rate: (recordId: string) => `/packages/service/pages/rate/index?id=${recordId}`,
  record: (recordId: string) => `/packages/service/pages/record/index?id=${recordId}`,
  evaluation: '/packages/service/pages/evaluation/index',
};

export async function tell(
  residentIds: readonly string[],
  message: Omit<PushMessage, 'template'>,
  now: Date,
): Promise<number> {
  const ids = [...new Set(residentIds.filter(Boolean))];
  if (!ids.length) return 0;
  try {
    const summary = await push({ kind: 'residents', residentIds: ids }, { template: 'service', ...message }, now);
    return summary.recipients;
  } catch (error) {
    console.error('[service] push failed; the action stands', error);
    return 0;
  }
}

/** Everyone holding the 社区主任 role. */
export async function directorIds(): Promise<string[]> {
  const { data } = await collection('residents')
    .where({ roles: command().elemMatch({ kind: 'director' }) })
    .field({ _id: true })
    .limit(20)
    .get();
  return (data as Array<{ _id: string }>).map((person) => person._id);
}
