/** The `storage` function: upload slots in the caller's own folder. */
import { z } from 'zod';
import { createFunction, defineAction } from '../shared/runtime';
import { uploadSlots } from '../shared/storage';

const DOMAINS = [
  'notice',
  'topic',
  'activity',
  'report',
  'canteen',
  'export',
  'service',
  'safety',
  'register',
  'care',
] as const;

export const main = createFunction('storage', {
  prepareUpload: defineAction({
    input: z.strictObject({
      domain: z.enum(DOMAINS),
      exts: z.array(z.string().min(1).max(8)).min(1).max(9),
    }),
    access: 'registered',
    async run({ domain, exts }, { caller, now }) {
      return uploadSlots(domain, caller.openid!, exts, now);
    },
  }),
});
