/** Helpers the 安全 function tests share: signed vendor requests through the HTTP access route, calls, messages. */
import type { AlarmDetail } from '../../typings/domain/safety';
import type { Result } from '../../typings/result';
import {
  demoRequest,
  intakeEvent,
  newEventId,
  type DemoEventOptions,
  type VendorRequest,
} from '../../local/safety-sim';
import type { TestCloud } from '../helpers/cloud';

export interface HttpAnswer {
  status: number;
  body: { ok: boolean; data?: Record<string, unknown>; error?: { code: string; fields?: string[] } };
  roundTrips: number;
}

export async function ok<T>(promise: Promise<unknown>): Promise<T> {
  const result = (await promise) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

export function safetyKit(cloud: () => TestCloud) {
  /** Minutes (may be fractional) after the seed instant: every test dates its calls from it. */
  const at = (minutes: number) => new Date(cloud().seededAt.getTime() + minutes * 60_000);

  const call = (openid: string | undefined, event: Record<string, unknown>, now?: Date) =>
    cloud().call('safety', event, { ...(openid ? { openid } : {}), ...(now ? { now } : {}) });

  /** A vendor request through the HTTP access service, answered as the vendor sees it. */
  async function post(request: VendorRequest, now: Date, path = '/safety/alarm'): Promise<HttpAnswer> {
    const outcome = await cloud().invoke('safety', intakeEvent(request, path), { now });
    const result = outcome.result as { statusCode: number; body: string };
    return {
      status: result.statusCode,
      body: JSON.parse(result.body) as HttpAnswer['body'],
      roundTrips: outcome.roundTrips,
    };
  }

  function alarm(deviceId: string, now: Date, extra: Partial<DemoEventOptions> = {}) {
    return post(demoRequest({ deviceId, at: now, eventId: newEventId(), ...extra }), now);
  }

  async function detail(openid: string, id: string, now?: Date): Promise<AlarmDetail> {
    return ok<AlarmDetail>(call(openid, { action: 'alarm', id }, now));
  }

  /** In-app messages about an alarm, by recipient resident id. */
  async function recipientsOf(alarmId: string): Promise<string[]> {
    const { data } = await cloud()
      .db()
      .collection('messages')
      .where({ 'source.kind': 'safety_alarm', 'source.id': alarmId })
      .limit(1000)
      .get();
    return (data as { recipientId: string }[]).map((m) => m.recipientId).sort();
  }

  /** Subscribe messages of the `safety` template that WeChat "sent", by openid. */
  function outboxTo(alarmId: string): string[] {
    return cloud()
      .standIn.outbox()
      .filter((message) => message.page?.includes(`id=${alarmId}`))
      .map((message) => message.touser)
      .sort();
  }

  return { at, call, post, alarm, detail, recipientsOf, outboxTo };
}
