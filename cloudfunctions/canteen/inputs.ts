/** Input schemas of the canteen actions (zod, unknown fields refused). */
import { z } from 'zod';
import {
  ALLERGENS,
  DIET_TAGS,
  MEALS,
  OUTCOMES,
  SERVICE_MODES,
  isClockTime,
  isDateKey,
  isMonthKey,
} from '../shared/domain/canteen';
import { requestIdInput } from '../shared/inputs';

export const idInput = z.string().min(1).max(64);
export const dateKeyInput = z.string().max(10).refine(isDateKey, { message: '日期格式应为 YYYY-MM-DD' });
export const monthKeyInput = z.string().max(7).refine(isMonthKey, { message: '月份格式应为 YYYY-MM' });
export const clockTimeInput = z.string().max(5).refine(isClockTime, { message: '时间格式应为 HH:mm' });
export const mealInput = z.enum(MEALS);
export const menuIdInput = z.string().regex(/^\d{4}-\d{2}-\d{2}_(lunch|dinner)$/);
export const dishIdInput = z.string().regex(/^d[0-9a-z]{1,12}$/);
const priceFenInput = z.number().int().min(0).max(100_000);

export const cutoffInput = z.strictObject({
  daysBefore: z.number().int().min(0).max(6),
  time: clockTimeInput,
});

export const tierInput = z.strictObject({
  label: z.string().trim().min(1).max(20),
  priceFen: priceFenInput,
  rule: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('age'), minAge: z.number().int().min(1).max(120) }),
    z.strictObject({ kind: z.literal('deliveryEligible') }),
  ]),
});

export const dishInput = z.strictObject({
  id: dishIdInput.optional(),
  name: z.string().trim().min(1).max(30),
  description: z.string().trim().max(60).optional(),
  tags: z.array(z.enum(DIET_TAGS)).max(DIET_TAGS.length),
  allergens: z.array(z.enum(ALLERGENS)).max(ALLERGENS.length),
  portions: z.number().int().min(0).max(2000),
});

export const menuDraftFields = {
  date: dateKeyInput,
  meal: mealInput,
  dishes: z.array(dishInput).min(1).max(8),
  priceFen: priceFenInput,
  tiers: z.array(tierInput).max(5),
  cutoff: cutoffInput,
};

export const settingsInput = z.strictObject({
  priceFen: priceFenInput,
  tiers: z.array(tierInput).max(5),
  cutoffs: z.strictObject({ lunch: cutoffInput, dinner: cutoffInput }),
  serving: z.strictObject({ lunch: clockTimeInput, dinner: clockTimeInput }),
  maxPortions: z.number().int().min(1).max(10),
});

export const placeOrderInput = z.strictObject({
  requestId: requestIdInput,
  menuId: menuIdInput,
  dishId: dishIdInput,
  dinerId: idInput.optional(),
  portions: z.number().int().min(1).max(10),
  mode: z.enum(SERVICE_MODES),
  dietTags: z.array(z.enum(DIET_TAGS)).max(DIET_TAGS.length),
  note: z.string().trim().max(100).optional(),
  proxyReason: z.string().trim().min(1).max(50).optional(),
});

export const outcomeInput = z.enum(OUTCOMES);
export const pageInput = z.number().int().min(1).max(1000);
export const buildingNoInput = z.number().int().min(1).max(999);
