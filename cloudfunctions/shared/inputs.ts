/**
 * Input schemas several functions share: a household address, a person's name, a mobile
 * phone number, a birth year, a free-text reason. Each normalises what people type, so a
 * handler receives clean values or the runtime answers INVALID_INPUT naming the field.
 */
import { z } from 'zod';
import { normalizeMobile } from './domain/phone';
import { NAME_MAX, NAME_PATTERN, normalizeName } from './domain/residents';

/**
 * A client's id for one submission (drawn by miniprogram/utils/request-id.ts): a retry
 * after a lost answer sends it again, and the action files nothing twice.
 */
export const requestIdInput = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const buildingNoInput = z.number().int().min(1).max(999);
export const unitNoInput = z.number().int().min(1).max(99);
/** As written on the door: digits, letters and dashes ("301", "B-12"). */
export const roomInput = z
  .string()
  .trim()
  .min(1)
  .max(10)
  .regex(/^[0-9A-Za-z-]+$/);

export const addressFields = { buildingNo: buildingNoInput, unitNo: unitNoInput, room: roomInput };

export const nameInput = z
  .string()
  .max(60)
  .transform(normalizeName)
  .pipe(z.string().min(1).max(NAME_MAX).regex(NAME_PATTERN));

/** A mainland mobile number, returned in its 11-digit form. */
export const mobileInput = z
  .string()
  .max(24)
  .transform((value, ctx) => {
    const phone = normalizeMobile(value);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: '请填写11位手机号码' });
      return z.NEVER;
    }
    return phone;
  });

export const birthYearInput = z
  .number()
  .int()
  .min(1900)
  .refine((year) => year <= new Date().getUTCFullYear(), { message: '出生年份不能晚于今年' });

/** Why an officer decided or acted (recorded). */
export const reasonInput = z.string().trim().min(1).max(100);

export const idInput = z.string().min(1).max(64);

export const pageInput = z.number().int().min(1).max(1000);

export const teamIdInput = z.string().min(1).max(32);
