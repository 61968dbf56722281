/**
 * Alarm intake from the vendors' platforms, through CloudBase's HTTP access service
 * (`POST <trigger path>/alarm`). In order:
 *   1. the vendor (`x-vendor`) is configured and `x-signature` is the HMAC-SHA256 of the raw
 *      body with its secret — otherwise 401, nothing written;
 *   2. the body is the vendor's JSON, read by its adapter — otherwise 400 with a code;
 *   3. the event's own time is within ±5 minutes of now — otherwise 409 (a replay);
 *   4. the event is written under "<vendor>:<eventId>" (unique): a duplicate changes
 *      nothing and is answered 200 with `duplicate: true`;
 *   5. it is applied: an alarm opens (the first ring paged in this invocation) or joins the
 *      device's open alarm; health events update the device and its tasks; an unknown
 *      device is recorded for staff;
 *   6. the event is marked done and only then the vendor gets 200.
 * An invocation that dies after step 4 leaves the event `received`: the timer (or the
 * vendor's retry, once the first attempt must be dead) finishes it.
 */
import type { ErrorCode } from '../../typings/errors';
import { readAll } from '../shared/paging';
import { collection, command } from '../shared/cloud';
import { ERROR_MESSAGES } from '../shared/errors';
import { httpAnswer, type HttpRequest, type HttpResponse } from '../shared/runtime';
import { ADAPTERS, type VendorEvent } from './adapters';
import { noteCleared, openAlarm } from './alarms';
import { applyDeviceEvent, deviceKey, placeOf, recordUnknown } from './devices';
import type { DeviceDoc, EventDoc } from './docs';
import { DEVICE_LABELS, EVENT_LABELS, STUCK_AFTER_MS, withinReplayWindow } from './rules';
import { findDevice } from './store';
import { signatureValid, vendorConfig } from './vendors';

const RAW_LIMIT = 2000;

function refuse(status: number, code: ErrorCode, message?: string, fields?: string[]): HttpResponse {
  return httpAnswer(status, {
    ok: false,
    error: { code, message: message ?? ERROR_MESSAGES[code], ...(fields ? { fields } : {}) },
  });
}

export interface Applied {
  outcome: NonNullable<EventDoc['outcome']>;
  alarmId?: string;
  pagedAfterMs?: number;
}

async function apply(event: EventDoc, device: DeviceDoc | undefined, now: Date, receivedAt?: number): Promise<Applied> {
  const vendorEvent: VendorEvent = {
    eventId: event.eventId,
    deviceId: event.deviceKey.slice(event.vendor.length + 1),
    type: event.type,
    occurredAt: new Date(event.occurredAt),
    ...(event.battery !== undefined ? { battery: event.battery } : {}),
    ...(event.selfTestPassed !== undefined ? { selfTestPassed: event.selfTestPassed } : {}),
  };
  if (!device) {
    await recordUnknown(event.vendor, vendorEvent, now);
    return { outcome: 'unknown_device' };
  }
  if (event.type === 'alarm') {
    const opened = await openAlarm(
      {
        kind: device.kind,
        drill: false,
        place: placeOf(device),
        ...(device.householdId ? { householdId: device.householdId } : {}),
        deviceKey: device._id,
        sourceId: event._id,
        origin: `${DEVICE_LABELS[device.kind]}报警（${device.vendor} ${device.deviceId}）`,
        ...(receivedAt !== undefined ? { receivedAt } : {}),
      },
      now,
    );
    await applyDeviceEvent(device, vendorEvent, now);
    return {
      outcome: opened.joined ? 'alarm_joined' : 'alarm_opened',
      alarmId: opened.alarmId,
      ...(opened.pagedAfterMs !== undefined ? { pagedAfterMs: opened.pagedAfterMs } : {}),
    };
  }
  if (event.type === 'cleared') {
    const alarmId = await noteCleared(device._id, event._id, now);
    await applyDeviceEvent(device, vendorEvent, now);
    return { outcome: 'device_updated', ...(alarmId ? { alarmId } : {}) };
  }
  await applyDeviceEvent(device, vendorEvent, now);
  return { outcome: 'device_updated' };
}

async function finish(
  event: EventDoc,
  device: DeviceDoc | undefined,
  now: Date,
  receivedAt?: number,
): Promise<Applied> {
  const applied = await apply(event, device, now, receivedAt);
  await collection('safety_events')
    .doc(event._id)
    .update({
      state: 'done',
      outcome: applied.outcome,
      ...(applied.alarmId ? { alarmId: applied.alarmId } : {}),
    });
  return applied;
}

/** Events left `received` by invocations that died: finished by the timer. */
export async function finishStuckEvents(now: Date): Promise<number> {
  const stuck = await readAll<EventDoc>('safety_events', {
    state: 'received',
    receivedAt: command().lte(new Date(now.getTime() - STUCK_AFTER_MS)),
  });
  for (const event of stuck) await finish(event, await findDevice(event.deviceKey), now);
  return stuck.length;
}

export async function intake(request: HttpRequest, now: Date): Promise<HttpResponse> {
  const receivedAt = performance.now();
  if (!/\/alarm\/?$/.test(request.path)) return refuse(404, 'NOT_FOUND', '没有这个接口');
  if (request.method !== 'POST') return refuse(405, 'BAD_REQUEST', '只接受 POST');
  const vendorName = request.headers['x-vendor'] ?? '';
  const vendor = vendorConfig()[vendorName];
  if (!vendor || !signatureValid(vendor.secret, request.body, request.headers['x-signature'])) {
    return refuse(401, 'UNAUTHENTICATED', '签名无效');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(request.body.toString('utf8'));
  } catch {
    return refuse(400, 'BAD_REQUEST', '请求体不是 JSON');
  }
  const parsed = ADAPTERS[vendor.adapter].parse(payload);
  if ('fields' in parsed) return refuse(400, 'INVALID_INPUT', undefined, parsed.fields);
  const vendorEvent = parsed.event;
  if (!withinReplayWindow(vendorEvent.occurredAt, now)) {
    return refuse(409, 'CONFLICT', '事件时间超出允许范围（可能是重放），已拒绝');
  }
  const event: EventDoc = {
    _id: `${vendorName}:${vendorEvent.eventId}`,
    vendor: vendorName,
    eventId: vendorEvent.eventId,
    deviceKey: deviceKey(vendorName, vendorEvent.deviceId),
    type: vendorEvent.type,
    occurredAt: vendorEvent.occurredAt,
    receivedAt: now,
    state: 'received',
    ...(vendorEvent.battery !== undefined ? { battery: vendorEvent.battery } : {}),
    ...(vendorEvent.selfTestPassed !== undefined ? { selfTestPassed: vendorEvent.selfTestPassed } : {}),
    raw: request.body.toString('utf8').slice(0, RAW_LIMIT),
  };
  const [written, device] = await Promise.all([
    collection('safety_events')
      .add(event)
      .then(() => true)
      .catch(() => false),
    findDevice(event.deviceKey),
  ]);
  if (!written) {
    const { data } = await collection('safety_events').doc(event._id).get();
    const earlier = data[0] as EventDoc | undefined;
    if (!earlier) return refuse(503, 'INTERNAL', '暂时无法记录，请稍后重试');
    const dead =
      earlier.state === 'received' && now.getTime() - new Date(earlier.receivedAt).getTime() >= STUCK_AFTER_MS;
    if (!dead) {
      return httpAnswer(200, {
        ok: true,
        data: {
          eventId: earlier.eventId,
          duplicate: true,
          outcome: earlier.outcome ?? 'processing',
          alarmId: earlier.alarmId,
        },
      });
    }
    const applied = await finish(earlier, device, now);
    return httpAnswer(200, { ok: true, data: { eventId: earlier.eventId, duplicate: true, ...applied } });
  }
  const applied = await finish(event, device, now, receivedAt);
  return httpAnswer(200, {
    ok: true,
    data: { eventId: event.eventId, duplicate: false, type: EVENT_LABELS[event.type], ...applied },
  });
}
