/**
 * Staff register seniors without WeChat (many have no smartphone): the person exists in
 * the app, verified in their household, so relatives can be bound to them and the canteen
 * can deliver to them. Care flags drive home delivery and home visits.
 */
import { randomBytes } from 'node:crypto';
import type { HouseholdAddress } from '../../typings/domain/community';
import type { CareFlags, DirectoryEntry } from '../../typings/functions/community';
import { collection, command } from '../shared/cloud';
import { recordAuditIn } from '../shared/community-audit';
import type { HouseholdDoc, ResidentDoc } from '../shared/docs';
import { addressLabel } from '../shared/domain/labels';
import { AppError } from '../shared/errors';
import { inTransaction } from '../shared/transactions';
import { directoryEntryOf, loadResident } from './views';

export interface SeniorInput extends HouseholdAddress {
  name: string;
  phone?: string;
  birthYear: number;
  care: CareFlags;
}

export async function addSenior(staff: ResidentDoc, input: SeniorInput, now: Date): Promise<DirectoryEntry> {
  const { buildingNo, unitNo, room } = input;
  const [households, namesakes] = await Promise.all([
    collection('households').where({ buildingNo, unitNo, room }).limit(1).get(),
    collection('residents')
      .where({
        'binding.status': 'verified',
        'binding.address.buildingNo': buildingNo,
        'binding.address.unitNo': unitNo,
        'binding.address.room': room,
        name: input.name,
      })
      .count(),
  ]);
  const household = households.data[0] as HouseholdDoc | undefined;
  if (!household) throw new AppError('NOT_FOUND', '没有找到这个房间，请核对楼栋、单元和房间号');
  if (namesakes.total > 0) throw new AppError('CONFLICT', '这户已经登记了同名的居民，请在住户名册中查找');
  const address = { buildingNo, unitNo, room: household.room };
  const senior: ResidentDoc = {
    // "p": registered by staff on the person's behalf (no openid).
    _id: `r-p${randomBytes(8).toString('hex')}`,
    name: input.name,
    ...(input.phone ? { phone: input.phone } : {}),
    birthYear: input.birthYear,
    householdId: household._id,
    binding: {
      status: 'verified',
      address,
      householdId: household._id,
      requestedAt: now,
      decidedAt: now,
      decidedBy: staff._id,
    },
    roles: [],
    care: { ...input.care },
    registeredBy: staff._id,
    createdAt: now,
    updatedAt: now,
  };
  // The person and the audit record commit together: never one without the other.
  await inTransaction(async (t) => {
    const { _id, ...fields } = senior;
    await t.collection('residents').doc(_id).set(fields);
    await recordAuditIn(t, `senior_add:${senior._id}`, {
      action: 'senior_add',
      actorId: staff._id,
      subjectId: senior._id,
      detail: `${addressLabel(address)} ${input.name}`,
      at: now,
    });
  });
  return directoryEntryOf(senior);
}

function careDetail(care: CareFlags): string {
  const parts = [
    care.livesAlone ? '独居' : '',
    care.mobilityLimited ? '行动不便' : '',
    care.deliveryEligible ? '可送餐上门' : '',
  ].filter(Boolean);
  return parts.length ? parts.join('、') : '无特殊照顾';
}

export async function setCare(
  staff: ResidentDoc,
  residentId: string,
  care: CareFlags,
  now: Date,
): Promise<DirectoryEntry> {
  const resident = await loadResident(residentId);
  const same = (held: ResidentDoc['care']) =>
    held?.livesAlone === care.livesAlone &&
    held.mobilityLimited === care.mobilityLimited &&
    held.deliveryEligible === care.deliveryEligible;
  // Setting the flags they already have changes nothing, and records nothing (a retry).
  if (same(resident.care)) return directoryEntryOf(resident);
  // The flags and the audit record commit together, conditional on the flags read.
  await inTransaction(async (t) => {
    const fresh = (await t.collection('residents').doc(residentId).get()).data as ResidentDoc | null;
    if (!fresh) throw new AppError('NOT_FOUND', '没有找到这位居民');
    if (same(fresh.care)) return;
    await t
      .collection('residents')
      .doc(residentId)
      .update({ care: command().set({ ...care }), updatedAt: now });
    await recordAuditIn(t, `care_set:${residentId}:${now.getTime()}`, {
      action: 'care_set',
      actorId: staff._id,
      subjectId: residentId,
      detail: careDetail(care),
      at: now,
    });
  });
  return directoryEntryOf({ ...resident, care: { ...care }, updatedAt: now });
}
