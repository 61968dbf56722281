/**
 * The `user` function: identity, first use (privacy agreement, profile, household
 * binding), the pickers, and the caller's own relative links.
 */
import { z } from 'zod';
import { findResidentByOpenid } from '../shared/caller';
import {
  addressFields,
  birthYearInput,
  buildingNoInput,
  idInput,
  mobileInput,
  nameInput,
  unitNoInput,
} from '../shared/inputs';
import { createFunction, defineAction } from '../shared/runtime';
import { buildMeView, hasPrivacyConsent, unregisteredView } from './me';
import { agreePrivacy, listBuildings, listRooms, register, requestBinding } from './profile';
import { requestRelativeLink, respondRelativeLink, unbindRelative } from './relatives';

export const main = createFunction('user', {
  login: defineAction({
    input: z.strictObject({}),
    access: 'signedIn',
    async run(_input, { caller }) {
      const openid = caller.openid!;
      const resident = await findResidentByOpenid(openid);
      if (!resident) return unregisteredView(await hasPrivacyConsent(openid));
      return buildMeView(resident);
    },
  }),
  agreePrivacy: defineAction({
    input: z.strictObject({}),
    access: 'signedIn',
    run: (_input, { caller, now }) => agreePrivacy(caller.openid!, now),
  }),
  register: defineAction({
    input: z.strictObject({ name: nameInput, phone: mobileInput.optional(), birthYear: birthYearInput.optional() }),
    access: 'signedIn',
    run: (input, { caller, now }) => register(caller.openid!, input, now),
  }),
  requestBinding: defineAction({
    input: z.strictObject(addressFields),
    access: 'registered',
    run: (address, { caller, now }) => requestBinding(caller.resident!, address, now),
  }),
  listBuildings: defineAction({
    input: z.strictObject({}),
    access: 'registered',
    run: () => listBuildings(),
  }),
  listRooms: defineAction({
    input: z.strictObject({ buildingNo: buildingNoInput, unitNo: unitNoInput }),
    access: 'registered',
    run: ({ buildingNo, unitNo }) => listRooms(buildingNo, unitNo),
  }),
  requestRelativeLink: defineAction({
    input: z.strictObject({ ...addressFields, seniorName: nameInput }),
    access: 'registered',
    run: ({ seniorName, ...address }, { caller, now }) =>
      requestRelativeLink(caller.resident!, { ...address, name: seniorName }, now),
  }),
  respondRelativeLink: defineAction({
    input: z.strictObject({ linkId: idInput, accept: z.boolean() }),
    access: 'registered',
    run: ({ linkId, accept }, { caller, now }) => respondRelativeLink(caller.resident!, linkId, accept, now),
  }),
  unbindRelative: defineAction({
    input: z.strictObject({ linkId: idInput }),
    access: 'registered',
    run: ({ linkId }, { caller, now }) => unbindRelative(caller.resident!, linkId, now),
  }),
});
