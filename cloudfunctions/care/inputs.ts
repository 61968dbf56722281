/** Input schemas of the `care` actions (strict: unknown fields are refused). */
import { z } from 'zod';
import { buildingNoInput, idInput, pageInput, requestIdInput, unitNoInput } from '../shared/inputs';
import { ANSWERS, ARCHIVE_FIELDS, CATEGORIES, FREQUENCIES, MEALS } from './rules';

export { buildingNoInput, idInput, pageInput, unitNoInput };

export const monthInput = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/);
export const householdIdInput = z.string().regex(/^h\d{2}-\d{1,2}-[0-9A-Za-z-]{1,10}$/);
export const versionInput = z.number().int().min(0).max(1_000_000);
export const fileIdInput = z.string().min(1).max(512);
export const answerInput = z.enum(ANSWERS);
export const noteInput = z.string().trim().min(1).max(200);
export const reasonInput = z.string().trim().min(2).max(100);

const distinct = (items: readonly string[]) => new Set(items).size === items.length;

const shareInput = z.strictObject({ relatives: z.boolean(), carers: z.boolean() });
const fieldInput = z.strictObject({ value: z.string().trim().max(200), share: shareInput });

export const archiveFieldsInput = z.strictObject(
  Object.fromEntries(ARCHIVE_FIELDS.map((key) => [key, fieldInput])) as Record<
    (typeof ARCHIVE_FIELDS)[number],
    typeof fieldInput
  >,
);

export const visitInput = z.strictObject({
  subjectId: idInput,
  requestId: requestIdInput,
  kind: z.enum(['visit', 'call']),
  outcome: z.enum(['done', 'nobody_home', 'follow_up']),
  note: z.string().trim().max(200).optional(),
  photo: fileIdInput.optional(),
});

export const entryInput = z.strictObject({
  subjectId: idInput,
  categories: z.array(z.enum(CATEGORIES)).min(1).max(CATEGORIES.length).refine(distinct),
  reason: z.string().trim().min(2).max(100),
  consent: z.strictObject({
    by: z.enum(['self', 'guardian']),
    name: z.string().trim().min(1).max(20),
    method: z.enum(['paper', 'in_person', 'phone']),
    note: z.string().trim().max(100).optional(),
  }),
  carerIds: z.array(idInput).min(1).max(3).refine(distinct),
  frequencyDays: z.literal([...FREQUENCIES]),
  meal: z.enum(MEALS),
  version: versionInput,
});

export const rulesInput = z.strictObject({
  meal: z.strictObject({ enabled: z.boolean() }),
  alarm: z.strictObject({ enabled: z.boolean() }),
  noDelivery: z.strictObject({ enabled: z.boolean(), days: z.number().int().min(1).max(14) }),
  nobodyHome: z.strictObject({ enabled: z.boolean(), times: z.number().int().min(2).max(5) }),
  overdue: z.strictObject({ enabled: z.boolean(), escalateDays: z.number().int().min(1).max(14) }),
  version: versionInput,
});
