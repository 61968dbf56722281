/** What personal data may leave the server, and in what form. */

/** "13800000001" → "138****0001"; anything shorter than 7 characters is fully hidden. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
