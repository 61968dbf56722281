/**
 * The profile form: what the person typed, the few checks worth doing before a round trip
 * (the server checks everything again and names the fields it refuses), and the tips
 * shown under each field.
 */
import type { MeView } from '../../../../../typings/domain/community';
import type { ActionInput } from '../../../../../typings/api';

export interface ProfileForm {
  name: string;
  phone: string;
  birthYear: string;
}

export type ProfileErrors = Partial<Record<keyof ProfileForm, string>>;

export const FIELD_TIPS: Record<keyof ProfileForm, string> = {
  name: '请填写真实姓名，例如：王秀英',
  phone: '请填写11位手机号码，也可以不填',
  birthYear: '请填写4位年份，例如：1956，也可以不填',
};

export function formOf(me: MeView | null): ProfileForm {
  return {
    name: me?.profile?.name ?? '',
    // The masked phone is not editable text: an empty field keeps the number on file.
    phone: '',
    birthYear: me?.profile?.birthYear ? String(me.profile.birthYear) : '',
  };
}

export function validate(form: ProfileForm, thisYear: number): ProfileErrors {
  const errors: ProfileErrors = {};
  if (!form.name.trim()) errors.name = '请填写姓名';
  const digits = form.phone.replace(/[\s-]/g, '');
  if (digits && !/^(\+?86)?1\d{10}$/.test(digits)) errors.phone = FIELD_TIPS.phone;
  if (form.birthYear) {
    const year = Number(form.birthYear);
    if (!/^\d{4}$/.test(form.birthYear) || year < 1900 || year > thisYear) errors.birthYear = FIELD_TIPS.birthYear;
  }
  return errors;
}

export function toInput(form: ProfileForm): ActionInput<'user', 'register'> {
  return {
    name: form.name.trim(),
    ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
    ...(form.birthYear ? { birthYear: Number(form.birthYear) } : {}),
  };
}

/** The server's INVALID_INPUT fields as tips under the fields. */
export function serverErrors(fields: readonly string[]): ProfileErrors {
  const errors: ProfileErrors = {};
  for (const field of fields) {
    if (field === 'name' || field === 'phone' || field === 'birthYear') errors[field] = FIELD_TIPS[field];
  }
  return errors;
}
