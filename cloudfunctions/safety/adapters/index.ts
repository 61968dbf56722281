/**
 * One small adapter per vendor payload, each mapping the vendor's JSON to one internal
 * event. Adding a vendor: write its adapter here, then name it in SAFETY_VENDORS.
 */
import type { SafetyEventType } from '../../../typings/domain/safety';
import { anxinAdapter } from './anxin';
import { demoAdapter } from './demo';

export interface VendorEvent {
  eventId: string;
  deviceId: string;
  type: SafetyEventType;
  occurredAt: Date;
  battery?: number;
  selfTestPassed?: boolean;
}

/** The event, or the payload fields that were wrong. */
export type Parsed = { event: VendorEvent } | { fields: string[] };

export interface Adapter {
  parse(payload: unknown): Parsed;
}

export const ADAPTERS = { demo: demoAdapter, anxin: anxinAdapter } satisfies Record<string, Adapter>;
