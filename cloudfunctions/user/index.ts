/** The `user` function: identity, profile and household binding. */
import { z } from 'zod';
import { findResidentByOpenid } from '../shared/caller';
import { createFunction, defineAction } from '../shared/runtime';
import { buildMeView } from './me';

export const main = createFunction('user', {
  login: defineAction({
    input: z.strictObject({}),
    access: 'signedIn',
    async run(_input, { caller }) {
      const resident = caller.openid ? await findResidentByOpenid(caller.openid) : null;
      return buildMeView(resident);
    },
  }),
});
