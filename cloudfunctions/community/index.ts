/**
 * The `community` function: the work of branch secretaries and staff on households, roles
 * and relatives — the verification queue, role assignment, the household directory, and
 * acting for seniors without a smartphone. Scoped checks (which building a secretary may
 * decide, which part of the directory a role may read) live in shared/domain/roles.ts.
 */
import { z } from 'zod';
import {
  addressFields,
  birthYearInput,
  buildingNoInput,
  idInput,
  mobileInput,
  nameInput,
  pageInput,
  reasonInput,
  teamIdInput,
  unitNoInput,
} from '../shared/inputs';
import { createFunction, defineAction } from '../shared/runtime';
import { bindingQueue, decideBinding } from './bindings';
import { directory } from './directory';
import { confirmForSenior, relativeQueue, unbindForSenior } from './relatives';
import { assignRole, revokeRole, roleOptions } from './roles';
import { addSenior, setCare } from './seniors';
import { claimFirstStaff, firstStaffStatus } from './bootstrap';
import { importRegisterFile } from './register';

const roleInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('party_member') }),
  z.strictObject({ kind: z.literal('unit_leader'), buildingNo: buildingNoInput, unitNo: unitNoInput }),
  z.strictObject({ kind: z.literal('branch_secretary'), buildingNo: buildingNoInput }),
  z.strictObject({ kind: z.literal('staff') }),
  z.strictObject({ kind: z.literal('canteen_staff') }),
  z.strictObject({ kind: z.literal('team_leader'), teamId: teamIdInput }),
  z.strictObject({ kind: z.literal('volunteer'), teamId: teamIdInput }),
  z.strictObject({ kind: z.literal('bank_staff') }),
  z.strictObject({ kind: z.literal('director') }),
]);

const careFields = { livesAlone: z.boolean(), mobilityLimited: z.boolean(), deliveryEligible: z.boolean() };

const STAFF = { roles: ['staff'] } as const;

export const main = createFunction('community', {
  bindingQueue: defineAction({
    input: z.strictObject({ buildingNo: buildingNoInput.optional(), page: pageInput.optional() }),
    access: { roles: ['staff', 'branch_secretary'] },
    run: (input, { caller }) => bindingQueue(caller.resident!, input),
  }),
  decideBinding: defineAction({
    input: z
      .strictObject({
        residentId: idInput,
        decision: z.enum(['verify', 'reject']),
        reason: reasonInput.optional(),
      })
      .refine((input) => input.decision === 'verify' || Boolean(input.reason), {
        message: '请填写不通过的原因',
        path: ['reason'],
      }),
    access: { roles: ['staff', 'branch_secretary'] },
    // The applicant comes with the caller: one round trip fewer for every decider, losers included.
    callerFor: ({ residentId }) => ({ joins: { target: { from: 'residents', match: { _id: residentId }, limit: 1 } } }),
    run: (input, { caller, now }) => decideBinding(caller.resident!, input, now, caller.joined.target),
  }),
  roleOptions: defineAction({
    input: z.strictObject({}),
    access: STAFF,
    run: () => roleOptions(),
  }),
  assignRole: defineAction({
    input: z.strictObject({ residentId: idInput, role: roleInput }),
    access: STAFF,
    run: ({ residentId, role }, { caller, now }) => assignRole(caller.resident!, residentId, role, now),
  }),
  revokeRole: defineAction({
    input: z.strictObject({ residentId: idInput, role: roleInput }),
    access: STAFF,
    run: ({ residentId, role }, { caller, now }) => revokeRole(caller.resident!, residentId, role, now),
  }),
  directory: defineAction({
    input: z
      .strictObject({
        query: z.string().trim().min(1).max(20).optional(),
        buildingNo: buildingNoInput.optional(),
        unitNo: unitNoInput.optional(),
        includeUnbound: z.boolean().optional(),
        page: pageInput.optional(),
      })
      .refine((input) => input.unitNo === undefined || input.buildingNo !== undefined, {
        message: '选择单元前请先选择楼栋',
        path: ['unitNo'],
      }),
    access: { roles: ['staff', 'branch_secretary', 'unit_leader'] },
    run: (input, { caller }) => directory(caller.resident!, input),
  }),
  relativeQueue: defineAction({
    input: z.strictObject({ page: pageInput.optional() }),
    access: STAFF,
    run: ({ page }) => relativeQueue(page),
  }),
  confirmRelativeForSenior: defineAction({
    input: z.strictObject({ linkId: idInput, reason: reasonInput }),
    access: STAFF,
    run: ({ linkId, reason }, { caller, now }) => confirmForSenior(caller.resident!, linkId, reason, now),
  }),
  unbindRelativeForSenior: defineAction({
    input: z.strictObject({ linkId: idInput, reason: reasonInput }),
    access: STAFF,
    run: ({ linkId, reason }, { caller, now }) => unbindForSenior(caller.resident!, linkId, reason, now),
  }),
  addSenior: defineAction({
    input: z.strictObject({
      ...addressFields,
      name: nameInput,
      phone: mobileInput.optional(),
      birthYear: birthYearInput,
      care: z.strictObject(careFields),
    }),
    access: STAFF,
    run: (input, { caller, now }) => addSenior(caller.resident!, input, now),
  }),
  setCare: defineAction({
    input: z.strictObject({ residentId: idInput, ...careFields }),
    access: STAFF,
    run: ({ residentId, ...care }, { caller, now }) => setCare(caller.resident!, residentId, care, now),
  }),
  firstStaffStatus: defineAction({
    input: z.strictObject({}),
    access: 'signedIn',
    run: (_input, { now }) => firstStaffStatus(now),
  }),
  claimFirstStaff: defineAction({
    input: z.strictObject({ code: z.string().trim().min(4).max(20) }),
    access: 'registered',
    run: ({ code }, { caller, now }) => claimFirstStaff(caller.resident!, code, now),
  }),
  importRegister: defineAction({
    input: z.strictObject({ fileID: z.string().min(10).max(400).startsWith('cloud://'), apply: z.boolean() }),
    access: STAFF,
    run: ({ fileID, apply }, { caller, now }) => importRegisterFile(caller, fileID, apply, now),
  }),
});
