/** Phone numbers as residents type them. */

/**
 * A mainland China mobile number in its 11-digit form, or null when it is not one.
 * Accepts what people actually type: spaces and dashes between groups, a +86 / 86 / 0086
 * prefix. Mobile numbers start with 1 and a second digit from 3 to 9.
 */
export function normalizeMobile(input: string): string | null {
  const compact = input.replace(/[\s\-()（）]/g, '');
  const digits = compact.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
