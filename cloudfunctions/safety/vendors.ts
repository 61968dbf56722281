/**
 * The alarm vendors' platforms, from configuration (the function's SAFETY_VENDORS
 * variable, JSON: `{ "<vendor>": { "secret": "...", "adapter": "demo" } }`), and the
 * request signature every one of them must send: `x-signature: sha256=<hex>`, the
 * HMAC-SHA256 of the raw request body with the vendor's secret, vendor named by `x-vendor`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ADAPTERS } from './adapters';

const vendorSchema = z.object({
  secret: z.string().min(16),
  adapter: z.enum(Object.keys(ADAPTERS) as [keyof typeof ADAPTERS, ...Array<keyof typeof ADAPTERS>]),
});

export type VendorConfig = z.infer<typeof vendorSchema>;

const configSchema = z.record(z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/), vendorSchema);

export function vendorConfig(): Record<string, VendorConfig> {
  const raw = process.env.SAFETY_VENDORS;
  if (!raw) return {};
  const parsed = configSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`SAFETY_VENDORS is malformed: ${parsed.error.message}`);
  return parsed.data;
}

export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Constant-time comparison of the header with the body's signature. */
export function signatureValid(secret: string, body: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
