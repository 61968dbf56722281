/**
 * The documented demo vendor (local simulation, `npm run alarm`):
 * `{ "eventId": "...", "deviceId": "GA-05-1-102", "type": "alarm", "at": "<ISO instant>",
 *    "battery": 80, "selfTestPassed": true }` — one event per request.
 */
import { z } from 'zod';
import type { Adapter } from './index';

const TYPES = ['alarm', 'cleared', 'low_battery', 'offline', 'online', 'self_test', 'tamper'] as const;

const payload = z.strictObject({
  eventId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  deviceId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  type: z.enum(TYPES),
  at: z.iso.datetime({ offset: true }),
  battery: z.number().int().min(0).max(100).optional(),
  selfTestPassed: z.boolean().optional(),
});

export const demoAdapter: Adapter = {
  parse(input) {
    const parsed = payload.safeParse(input);
    if (!parsed.success) return { fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))] };
    const { eventId, deviceId, type, at, battery, selfTestPassed } = parsed.data;
    return {
      event: {
        eventId,
        deviceId,
        type,
        occurredAt: new Date(at),
        ...(battery !== undefined ? { battery } : {}),
        ...(selfTestPassed !== undefined ? { selfTestPassed } : {}),
      },
    };
  },
};
