/** Input schemas of the service actions (zod, unknown fields refused). */
import { z } from 'zod';
import type { ItemContent } from '../../typings/domain/service';
import { isClockTime, isDateKey, isMonthKey } from '../shared/domain/canteen';
import { COMMITMENTS, LIFE_EVENTS, RATING_LEVELS, WINDOWS } from '../shared/domain/service';
import { idInput, nameInput, requestIdInput } from '../shared/inputs';

export { idInput, nameInput, requestIdInput };

export const windowInput = z.enum(WINDOWS);
export const lifeEventInput = z.enum(LIFE_EVENTS);
export const dateKeyInput = z.string().max(10).refine(isDateKey, { message: '日期格式应为 YYYY-MM-DD' });
export const monthKeyInput = z.string().max(7).refine(isMonthKey, { message: '月份格式应为 YYYY-MM' });
export const clockTimeInput = z.string().max(5).refine(isClockTime, { message: '时间格式应为 HH:mm' });
export const slotIdInput = z.string().regex(/^(community|bank)_\d{4}-\d{2}-\d{2}_\d{4}$/);
export const itemIdInput = z.string().regex(/^svc-[0-9a-z-]{2,40}$/);
export const counterInput = z.string().trim().min(1).max(8);

const line = (max: number) => z.string().trim().min(1).max(max);

export const materialInput = z.strictObject({
  name: line(40),
  copies: z.number().int().min(0).max(10),
  original: z.boolean(),
  optional: z.boolean(),
  note: z.string().trim().max(80).optional(),
  photo: z.string().min(1).max(400).optional(),
});

export const contentInput: z.ZodType<ItemContent> = z.strictObject({
  title: line(40),
  aliases: z.array(line(20)).max(8),
  category: line(12),
  summary: line(120),
  lifeEvents: z.array(lifeEventInput).max(LIFE_EVENTS.length),
  window: windowInput,
  clause: z
    .string()
    .trim()
    .regex(/^[A-Z]{2,6}\/[A-Z]{2,4}-\d{1,2}(\.\d{1,2}){1,3}$/, { message: '条款编号格式如 CSHY/FW-3.2.1' }),
  eligibility: z.array(line(120)).min(1).max(10),
  materials: z.array(materialInput).max(15),
  steps: z.array(line(120)).min(1).max(12),
  timeLimit: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('minutes'), value: z.number().int().min(5).max(480) }),
    z.strictObject({ kind: z.literal('workdays'), value: z.number().int().min(1).max(60) }),
  ]),
  fee: line(40),
  place: line(60),
  hours: line(60),
  post: line(20),
  bookable: z.boolean(),
});

export const ratingLevelInput = z.enum(RATING_LEVELS);
export const commitmentInput = z.enum(COMMITMENTS);

export const slotsInput = z
  .array(z.strictObject({ time: clockTimeInput, capacity: z.number().int().min(0).max(50) }))
  .min(1)
  .max(24);
