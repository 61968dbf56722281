/**
 * Telling volunteers: a call-out to the members it reaches, a promotion from the reserve,
 * a cancelled call-out, a shift reminder, a swap decided. Messages use the `activity`
 * subscribe template (活动报名与提醒), so a volunteer's one subscription covers activities and
 * volunteering; every message also lands in 我的消息. A failed push never undoes what caused it.
 */
import type { PushSummary } from '../../typings/domain/push';
import { push } from '../shared/push';

export const EMPTY_SUMMARY: PushSummary = { recipients: 0, wechat: 0, inAppOnly: 0, queued: 0, failed: 0 };

/** Recipients per push call: bounds the work of one invocation (the rest go in later batches). */
export const PUSH_BATCH = 100;

export const PAGES = {
  callOut: (id: string) => `/packages/volunteer/pages/callout/index?id=${id}`,
  shift: (id: string) => `/packages/volunteer/pages/shift/index?id=${id}`,
  roster: (teamId: string) => `/packages/volunteer/pages/roster/index?teamId=${teamId}`,
  team: (teamId: string) => `/packages/volunteer/pages/team/index?teamId=${teamId}`,
};

export async function tell(
  residentIds: readonly string[],
  /** `key`: names the push, so telling again (a retry, the timer) sends nothing twice. */
  message: { title: string; body: string; note: string; page: string; kind: string; id: string; key?: string },
  now: Date,
): Promise<PushSummary> {
  if (!residentIds.length) return EMPTY_SUMMARY;
  try {
    return await push(
      { kind: 'residents', residentIds: [...new Set(residentIds)] },
      {
        template: 'activity',
        title: message.title,
        body: message.body,
        note: message.note,
        page: message.page,
        source: { kind: `volunteer_${message.kind}`, id: message.id },
        ...(message.key ? { key: message.key } : {}),
      },
      now,
    );
  } catch (error) {
    console.error('[volunteer] push failed; the action stands', error);
    return EMPTY_SUMMARY;
  }
}

export function addSummaries(a: PushSummary, b: PushSummary): PushSummary {
  return {
    recipients: a.recipients + b.recipients,
    wechat: a.wechat + b.wechat,
    inAppOnly: a.inAppOnly + b.inAppOnly,
    queued: a.queued + b.queued,
    failed: a.failed + b.failed,
  };
}
