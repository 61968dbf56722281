/**
 * Sweep entries of the platform's entry points: WeChat's media-check verdict push
 * (moderation `events` hook, `wxa_media_check`), which WeChat pushes again when its answer
 * is lost and the moderation timer reconciles; and a vendor's alarm through the HTTP access
 * route (safety `http` hook). The vendor resends the same event when its answer is lost,
 * and sends the next event of the device as a new one; the ladder timer finishes events a
 * dead invocation left `received`. Every event ends done, the device has one open alarm at
 * most, and the ladder holds.
 */
import type { AlarmDoc, DeviceDoc } from '../../../../cloudfunctions/safety/docs';
import { demoRequest, intakeEvent, newEventId } from '../../../../local/safety-sim';
import type { MediaCheckDoc } from '../../../../cloudfunctions/shared/media-checks';
import { DEMO } from '../../../../local/seed/community';
import { safetyLadder } from '../invariants';
import { all, one } from '../read';
import { later, type Call, type SweepContext, type SweepEntry, type TimerRef } from '../sweep';
import { at, dayKey, wall } from '../world';

const WORLD_TIMERS: TimerRef[] = [
  { fn: 'safety', trigger: 'ladder' },
  { fn: 'push', trigger: 'retryOutbox' },
];

let devices: DeviceDoc[] | undefined;
let next = 0;

/** A gas alarm of the demo vendor on a flat of its own (one step each), with no alarm open. */
async function freshDevice(ctx: SweepContext): Promise<DeviceDoc> {
  devices ??= (await all<DeviceDoc>(ctx.db(), 'safety_devices', { vendor: 'demo', kind: 'gas' })).filter(
    (device) => device.householdId,
  );
  for (;;) {
    const device = devices[next++ % devices.length]!;
    const open = await all<AlarmDoc>(ctx.db(), 'safety_alarms', { deviceKey: device._id });
    if (!open.some((alarm) => alarm.openKey === device._id)) return device;
  }
}

/** The vendor's POST of one event of `device` at `now`, through the HTTP access route. */
function vendorPost(device: DeviceDoc, eventId: string, now: Date): Call {
  return {
    fn: 'safety',
    event: intakeEvent(demoRequest({ deviceId: device.deviceId, at: now, eventId })),
    now,
  };
}

let media = 0;

/** A report with one photo whose check WeChat has not answered yet (trace id, content, file). */
async function waitingCheck(ctx: SweepContext, now: Date): Promise<{ traceId: string; reportId: string }> {
  const n = ++media;
  const reportId = `RP-sweep-media-${n}`;
  const traceId = `trace-sweep-${n.toString(36).padStart(6, '0')}`;
  const fileID = `cloud://local.bucket/uploads/report/sweep/${n}.jpg`;
  await ctx
    .db()
    .collection('reports')
    .add({ _id: reportId, images: [{ fileID, state: 'pending' }], createdAt: now });
  const check: MediaCheckDoc = {
    _id: traceId,
    target: { kind: 'report', id: reportId },
    fileID,
    index: 0,
    openid: DEMO.resident,
    scene: 3,
    createdAt: now,
    attempt: 1,
    state: 'waiting',
    applied: false,
  };
  await ctx.db().collection('media_checks').add(check);
  return { traceId, reportId };
}

export const platformHookEntries: SweepEntry[] = [
  {
    key: 'moderation.event:wxa_media_check',
    async arrange(ctx) {
      const when = at(wall(dayKey(4), '09:00'));
      const { traceId, reportId } = await waitingCheck(ctx, when);
      const imageState = async () =>
        (await one<{ images: Array<{ state: string }> }>(ctx.db(), 'reports', reportId))?.images[0]?.state;
      return {
        // As WeChat pushes it (v2): the uploader's openid, SOURCE wx_unknown.
        call: {
          fn: 'moderation',
          event: {
            ToUserName: 'gh_standin00000',
            FromUserName: DEMO.resident,
            CreateTime: 1764000000,
            MsgType: 'event',
            Event: 'wxa_media_check',
            appid: 'wx00000000localdemo',
            trace_id: traceId,
            version: 2,
            result: { suggest: 'risky', label: 20002 },
          },
          as: DEMO.resident,
          source: 'wx_unknown',
          now: later(when, 60_000),
        },
        async check() {
          const check = await one<MediaCheckDoc>(ctx.db(), 'media_checks', traceId);
          const state = await imageState();
          if (!check?.verdict) return state === 'pending' ? [] : [`no verdict, the image ${state}`];
          return [
            ...(check.applied ? [] : ['a verdict never applied']),
            ...(state === check.verdict ? [] : [`verdict ${check.verdict}, the image ${state}`]),
          ];
        },
        async done() {
          return (await imageState()) === 'risky' ? [] : [`the image is ${await imageState()}`];
        },
      };
    },
  },
  {
    key: 'safety.http:/safety/alarm',
    sample: 24,
    timers: WORLD_TIMERS,
    async arrange(ctx, index) {
      const device = await freshDevice(ctx);
      const when = later(at(wall(dayKey(4), '03:00')), index * 60_000);
      const first = newEventId();
      const alarmsOf = async () => all<AlarmDoc>(ctx.db(), 'safety_alarms', { deviceKey: device._id });
      return {
        call: vendorPost(device, first, when),
        // The vendor's next event of the same device (the gas still there), a minute on.
        again: vendorPost(device, newEventId(), later(when, 60_000)),
        async check() {
          const alarms = await alarmsOf();
          const events = await all<{ _id: string; state: string; alarmId?: string }>(ctx.db(), 'safety_events', {
            deviceKey: device._id,
          });
          return [
            ...(await safetyLadder(
              ctx.db(),
              alarms.map((alarm) => alarm._id),
            )),
            ...(alarms.filter((alarm) => alarm.openKey === device._id).length > 1 ? ['two alarms open'] : []),
            ...events
              .filter((event) => event.state !== 'done')
              .map((event) => `event ${event._id} left ${event.state}`),
          ];
        },
        async done() {
          const events = await all<{ _id: string; eventId: string; alarmId?: string }>(ctx.db(), 'safety_events', {
            deviceKey: device._id,
            eventId: first,
          });
          return events.length === 1 && events[0]!.alarmId ? [] : [`the event made ${JSON.stringify(events)}`];
        },
      };
    },
  },
];
