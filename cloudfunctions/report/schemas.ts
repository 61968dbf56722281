/** Input schemas of the `report` function's actions (strict: unknown fields are refused). */
import { z } from 'zod';
import { MAX_DESCRIPTION, MAX_IMAGES } from '../shared/domain/report';
import { requestIdInput } from '../shared/inputs';

/** "RP260301-K7QD": anything else cannot be a report. */
export const reportIdInput = z.string().regex(/^RP\d{6}-[2-9A-HJ-NP-Z]{4}$/);
export const keyInput = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/);
export const fileIdsInput = z.array(z.string().min(1).max(512)).max(MAX_IMAGES);
export const monthInput = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/);
export const pageInput = z.number().int().min(1).max(1000);
const buildingNo = z.number().int().min(1).max(999);
const unitNo = z.number().int().min(1).max(99);

export const placeInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('building'),
    buildingNo,
    unitNo: unitNo.optional(),
    floor: z.number().int().min(1).max(99).optional(),
  }),
  z.strictObject({ kind: z.literal('spot'), spotId: keyInput }),
  z.strictObject({
    kind: z.literal('point'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().trim().max(40).optional(),
  }),
]);

export const assignmentInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('building'), buildingNo, unitNo: unitNo.optional() }),
  z.strictObject({ kind: z.literal('staff') }),
  z.strictObject({ kind: z.literal('team'), teamId: z.string().min(1).max(32) }),
]);

export const draftInput = z
  .strictObject({
    categoryId: keyInput,
    description: z.string().trim().min(2).max(MAX_DESCRIPTION),
    images: fileIdsInput,
    place: placeInput.optional(),
    urgent: z.boolean(),
    household: z.boolean(),
    forResidentId: z.string().min(1).max(64).optional(),
    proxyReason: z.string().trim().max(100).optional(),
    requestId: requestIdInput.optional(),
  })
  .refine((draft) => draft.household !== Boolean(draft.place), {
    message: '家里的事不用选地点，其他报事请选择地点',
    path: ['place'],
  });

export const categoryInput = z.strictObject({
  id: keyInput,
  label: z.string().trim().min(1).max(8),
  hint: z.string().trim().max(30),
  route: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('building') }),
    z.strictObject({ kind: z.literal('staff') }),
    z.strictObject({ kind: z.literal('team'), teamId: z.string().min(1).max(32) }),
  ]),
  safety: z.boolean(),
  enabled: z.boolean(),
});

export const spotInput = z.strictObject({
  id: keyInput,
  label: z.string().trim().min(1).max(16),
  buildingNo: buildingNo.optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  enabled: z.boolean(),
});

/** Text a handler writes for the reporter. */
export const noteInput = z.string().trim().min(1).max(300);
export const reasonInput = z.string().trim().min(2).max(200);
