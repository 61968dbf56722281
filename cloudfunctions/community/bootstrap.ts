/**
 * Bringing up a fresh environment: nobody is staff yet, and `assignRole` is staff-only.
 * The first staff member is appointed with a one-time code kept in the `bootstrap`
 * collection, which only someone with access to the CloudBase console (or its admin
 * credentials: `npm run bootstrap -- code`) can read; it is never sent to a phone. The code
 * works once, only while there is no staff member, and is replaced after 5 wrong tries.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { collection, command } from '../shared/cloud';
import { recordAuditIn } from '../shared/community-audit';
import type { ResidentDoc } from '../shared/docs';
import { AppError } from '../shared/errors';
import { inTransaction } from '../shared/transactions';
import { insertOnce } from '../shared/unique';

export const FIRST_STAFF_CODE_ID = 'first-staff';
/** Letters and digits people do not confuse (no 0/O, 1/I). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;
export const MAX_WRONG_CODES = 5;

export interface BootstrapCodeDoc {
  _id: string;
  code: string;
  createdAt: Date;
  wrongTries: number;
  usedBy?: string;
  usedAt?: Date;
}

export function newCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export async function staffExists(): Promise<boolean> {
  const { data } = await collection('residents')
    .where({ roles: command().elemMatch({ kind: 'staff' }) })
    .field({ _id: true })
    .limit(1)
    .get();
  return data.length > 0;
}

async function readCode(): Promise<BootstrapCodeDoc | undefined> {
  const { data } = await collection('bootstrap').doc(FIRST_STAFF_CODE_ID).get();
  return data[0] as BootstrapCodeDoc | undefined;
}

/** The code, created if there is none (or a fresh one after too many wrong tries). */
export async function ensureCode(now: Date): Promise<BootstrapCodeDoc> {
  const fresh: BootstrapCodeDoc = { _id: FIRST_STAFF_CODE_ID, code: newCode(), createdAt: now, wrongTries: 0 };
  if (await insertOnce('bootstrap', fresh)) {
    console.log('[community] a first-staff code is in the bootstrap collection (document first-staff)');
    return fresh;
  }
  const current = (await readCode())!;
  if (current.usedBy || current.wrongTries < MAX_WRONG_CODES) return current;
  await collection('bootstrap')
    .where({ _id: FIRST_STAFF_CODE_ID, code: current.code })
    .update({ code: fresh.code, createdAt: now, wrongTries: 0 });
  console.log('[community] the first-staff code was replaced after too many wrong tries');
  return (await readCode())!;
}

/** Whether the community still needs its first staff member (then a code exists to appoint one). */
export async function firstStaffStatus(now: Date): Promise<{ needed: boolean }> {
  if (await staffExists()) return { needed: false };
  await ensureCode(now);
  return { needed: true };
}

function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given.trim().toUpperCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Appoints the caller as the first staff member, with the one-time code. */
export async function claimFirstStaff(resident: ResidentDoc, code: string, now: Date): Promise<{ appointed: true }> {
  const isStaff = resident.roles.some((role) => role.kind === 'staff');
  // A retry after a lost answer: the caller holds the code's appointment already.
  if (isStaff && (await readCode())?.usedBy === resident._id) return { appointed: true };
  if (await staffExists()) throw new AppError('CONFLICT', '社区已有工作人员，请联系他们为您设置身份');
  const current = await ensureCode(now);
  if (current.usedBy) throw new AppError('CONFLICT', '任命码已经用过了');
  if (current.wrongTries >= MAX_WRONG_CODES) {
    throw new AppError('FORBIDDEN', '错误次数过多，任命码已更换，请在云开发控制台查看新的任命码');
  }
  if (!sameCode(code, current.code)) {
    await collection('bootstrap')
      .where({ _id: FIRST_STAFF_CODE_ID, code: current.code })
      .update({ wrongTries: command().inc(1) });
    throw new AppError('INVALID_INPUT', '任命码不正确');
  }
  // The code used, the role given and its audit record commit together: a death between
  // them would leave the code spent and nobody staff, with no way back but the console.
  // Of two callers with the right code at once, one wins.
  await inTransaction(async (t) => {
    const fresh = (await t.collection('bootstrap').doc(FIRST_STAFF_CODE_ID).get()).data as BootstrapCodeDoc | null;
    if (!fresh || fresh.code !== current.code || fresh.usedBy) throw new AppError('CONFLICT', '任命码已经用过了');
    const me = (await t.collection('residents').doc(resident._id).get()).data as ResidentDoc | null;
    if (!me) throw new AppError('NOT_FOUND', '请先登记个人信息');
    await t.collection('bootstrap').doc(FIRST_STAFF_CODE_ID).update({ usedBy: resident._id, usedAt: now });
    if (!me.roles.some((role) => role.kind === 'staff'))
      await t
        .collection('residents')
        .doc(resident._id)
        .update({ roles: [...me.roles, { kind: 'staff' }], updatedAt: now });
    await recordAuditIn(t, `role_assign:${FIRST_STAFF_CODE_ID}`, {
      action: 'role_assign',
      actorId: resident._id,
      subjectId: resident._id,
      detail: '社区工作人员（首位，凭一次性任命码）',
      at: now,
    });
  });
  return { appointed: true };
}
