/**
 * A second payload shape, as gas-alarm platforms commonly push it (a fictional vendor
 * 安心燃气): `{ "msg_id": "...", "imei": "8612…", "code": 1, "ts": <unix seconds>,
 * "bat": 76, "result": 1 }` with codes 1 报警 (gas above the limit), 2 恢复, 3 低电, 4 离线,
 * 5 上线, 6 自检 (result 1 pass / 0 fail), 7 防拆.
 */
import { z } from 'zod';
import type { SafetyEventType } from '../../../typings/domain/safety';
import type { Adapter } from './index';

const CODES: Record<number, SafetyEventType> = {
  1: 'alarm',
  2: 'cleared',
  3: 'low_battery',
  4: 'offline',
  5: 'online',
  6: 'self_test',
  7: 'tamper',
};

const payload = z.object({
  msg_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  imei: z.string().regex(/^\d{6,20}$/),
  code: z.number().int().min(1).max(7),
  ts: z.number().int().min(1_500_000_000).max(4_000_000_000),
  bat: z.number().int().min(0).max(100).optional(),
  result: z.union([z.literal(0), z.literal(1)]).optional(),
});

export const anxinAdapter: Adapter = {
  parse(input) {
    const parsed = payload.safeParse(input);
    if (!parsed.success) return { fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))] };
    const { msg_id, imei, code, ts, bat, result } = parsed.data;
    const type = CODES[code]!;
    return {
      event: {
        eventId: msg_id,
        deviceId: imei,
        type,
        occurredAt: new Date(ts * 1000),
        ...(bat !== undefined ? { battery: bat } : {}),
        ...(type === 'self_test' && result !== undefined ? { selfTestPassed: result === 1 } : {}),
      },
    };
  },
};
