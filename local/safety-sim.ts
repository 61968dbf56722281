/**
 * The demo alarm vendor: builds the signed requests a vendor's platform sends to the
 * `safety` function's HTTP access route (POST /__http/safety/alarm locally), with the
 * documented demo secret of local/config.ts. Used by `npm run alarm`, the preview's alarm
 * button, the tests and the bench.
 */
import { randomBytes } from 'node:crypto';
import type { SafetyEventType } from '../typings/domain/safety';
import { signBody } from '../cloudfunctions/safety/vendors';
import { SAFETY_VENDORS } from './config';
import { httpAccessEvent } from './runner/gateway';
import { gasDeviceId } from './seed/safety';

export interface VendorRequest {
  headers: Record<string, string>;
  body: string;
}

export interface DemoEventOptions {
  deviceId: string;
  at: Date;
  type?: SafetyEventType;
  eventId?: string;
  battery?: number;
  selfTestPassed?: boolean;
}

/** "5-1-102" → the seeded gas alarm of that flat ("GA-05-1-102"); null when it is not a flat. */
export function flatGasDevice(flat: string): string | null {
  const match = /^(\d{1,2})-(\d)-(\d{3})$/.exec(flat.trim());
  return match ? gasDeviceId(Number(match[1]), Number(match[2]), match[3]!) : null;
}

export function newEventId(): string {
  return `ev-${randomBytes(8).toString('hex')}`;
}

/** Signs a body with a vendor's secret: the `x-vendor` / `x-signature` headers. */
export function signedRequest(vendor: keyof typeof SAFETY_VENDORS, body: string): VendorRequest {
  return {
    headers: {
      'content-type': 'application/json',
      'x-vendor': vendor,
      'x-signature': signBody(SAFETY_VENDORS[vendor].secret, body),
    },
    body,
  };
}

/** A demo-vendor event, signed. */
export function demoRequest(options: DemoEventOptions): VendorRequest {
  const body = JSON.stringify({
    eventId: options.eventId ?? newEventId(),
    deviceId: options.deviceId,
    type: options.type ?? 'alarm',
    at: options.at.toISOString(),
    ...(options.battery !== undefined ? { battery: options.battery } : {}),
    ...(options.selfTestPassed !== undefined ? { selfTestPassed: options.selfTestPassed } : {}),
  });
  return signedRequest('demo', body);
}

/** The integration request the HTTP access service hands the function for a vendor request. */
export function intakeEvent(request: VendorRequest, path = '/safety/alarm'): Record<string, unknown> {
  return httpAccessEvent({ method: 'POST', path, headers: request.headers, body: Buffer.from(request.body) });
}

/** Fires a signed demo alarm at a running gateway (npm start) and answers its HTTP status and body. */
export async function fireDemoAlarm(
  gatewayUrl: string,
  options: DemoEventOptions,
): Promise<{ status: number; body: unknown }> {
  const request = demoRequest(options);
  const response = await fetch(`${gatewayUrl}/__http/safety/alarm`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: shown as text.
  }
  return { status: response.status, body };
}
