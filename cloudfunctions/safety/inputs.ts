/** Input schemas of the `safety` actions. */
import { z } from 'zod';
import { buildingNoInput, idInput, roomInput, unitNoInput } from '../shared/inputs';

export { buildingNoInput, idInput, roomInput, unitNoInput };

export const dateInput = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
export const monthInput = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const floorInput = z.number().int().min(1).max(99);
export const deviceKindInput = z.enum(['gas', 'smoke']);
export const vendorInput = z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/);
export const deviceIdInput = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);
export const ackKindInput = z.enum(['coming', 'arrived', 'false_alarm', 'family_contacted']);
export const causeInput = z.enum(['real_leak', 'cooking', 'false_alarm', 'device_fault', 'other']);
export const issueInput = z.enum(['offline', 'low_battery', 'self_test', 'tamper']);
export const shiftInput = z.enum(['day', 'night']);
export const fileIdInput = z.string().min(1).max(512);

export const placeInput = z.strictObject({
  buildingNo: buildingNoInput,
  unitNo: unitNoInput,
  floor: floorInput,
  room: roomInput.optional(),
});

export const equipmentItemInput = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  kind: z.enum(['extinguisher', 'blanket', 'torch', 'mask', 'other']),
  label: z.string().trim().min(1).max(30),
  count: z.number().int().min(0).max(99),
  expiresOn: dateInput.optional(),
  at: z.enum(['station', 'leader']),
});

export const checklistAnswerInput = z.strictObject({
  key: z.string().min(1).max(32),
  ok: z.boolean(),
  note: z.string().trim().min(1).max(100).optional(),
});

export const ladderConfigInput = z.strictObject({
  escalateAfterMinutes: z.number().int().min(1).max(30),
  aloneEscalateAfterMinutes: z.number().int().min(1).max(30),
  partyRing: z.boolean(),
  staffRing: z.boolean(),
  leaderRing: z.boolean(),
  leaderIds: z.array(idInput).max(5),
  version: z.number().int().min(0).max(1_000_000),
});
