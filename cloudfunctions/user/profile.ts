/**
 * First use: the privacy agreement, the profile (name screened as profile content) and the
 * request to be bound to a household.
 */
import { createHash } from 'node:crypto';
import type { HouseholdAddress, MeView } from '../../typings/domain/community';
import type { BuildingOption, RoomOption } from '../../typings/functions/user';
import { findResidentByOpenid } from '../shared/caller';
import { collection, command } from '../shared/cloud';
import type { ModerationInfo } from '../shared/content';
import type { BuildingDoc, HouseholdDoc, ResidentDoc } from '../shared/docs';
import { AppError } from '../shared/errors';
import { insertOnce } from '../shared/unique';
import { assertNotBlocked, screenText } from '../shared/moderation';
import { bindingView, buildMeView, hasPrivacyConsent } from './me';

/** Resident ids of people who registered themselves: derived from the openid, so two
 * concurrent first registrations of one person cannot create two residents. */
export function residentIdFor(openid: string): string {
  return `r-u${createHash('sha256').update(openid).digest('hex').slice(0, 20)}`;
}

export async function agreePrivacy(openid: string, now: Date): Promise<{ privacyAgreed: true }> {
  const _ = command();
  await Promise.all([
    collection('privacy_consents').doc(openid).set({ agreedAt: now }),
    // A registered person agreeing again (e.g. after the guide changed) keeps the first date.
    collection('residents')
      .where({ openid, privacyAgreedAt: _.exists(false) })
      .update({ privacyAgreedAt: now }),
  ]);
  return { privacyAgreed: true };
}

export interface ProfileInput {
  name: string;
  phone?: string;
  birthYear?: number;
}

/** The moderation item of a held name: the same shape holdForReview writes. */
function nameReviewItem(residentId: string, name: string, label: number | undefined, now: Date) {
  return {
    target: { kind: 'profile', id: residentId },
    authorId: residentId,
    excerpt: name,
    reason: 'review',
    ...(label ? { label } : {}),
    state: 'open',
    createdAt: now,
  };
}

function nameReviewItemId(residentId: string): string {
  return `profile_${residentId}_review`;
}

export async function register(openid: string, input: ProfileInput, now: Date): Promise<MeView> {
  const [existing, consented] = await Promise.all([findResidentByOpenid(openid), hasPrivacyConsent(openid)]);
  if (!existing?.privacyAgreedAt && !consented) {
    throw new AppError('CONFLICT', '请先阅读并同意隐私保护指引');
  }
  assertNotBlocked(existing, now);
  const nameChanged = existing?.name !== input.name;
  if (existing && nameChanged && existing.binding.status === 'verified') {
    throw new AppError('CONFLICT', '住址已认证后如需修改姓名，请联系社区工作人员');
  }

  let moderation: ModerationInfo | undefined = existing?.moderation;
  if (nameChanged) {
    const verdict = await screenText(openid, 1, [input.name]);
    moderation = {
      state: verdict.state,
      flags: 0,
      ...(verdict.label ? { label: verdict.label } : {}),
    };
  }

  // A held name's queue item goes first, so no resident is ever left with a held name
  // nobody is asked to decide; a retry (same name, still held) writes it again, in case a
  // run before it died before the item. One open item per person: a second held name
  // replaces the first in the queue.
  const residentId = existing?._id ?? residentIdFor(openid);
  const itemId = nameReviewItemId(residentId);
  if (moderation?.state === 'review') {
    await collection('moderation_items')
      .doc(itemId)
      .set(nameReviewItem(residentId, input.name, moderation.label, now));
  }

  let resident: ResidentDoc;
  if (!existing) {
    resident = {
      _id: residentId,
      openid,
      name: input.name,
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.birthYear ? { birthYear: input.birthYear } : {}),
      binding: { status: 'none' },
      roles: [],
      ...(moderation ? { moderation } : {}),
      privacyAgreedAt: now,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await insertOnce('residents', resident)))
      throw new AppError('CONFLICT', '您已经登记过了，请返回“我的”页面查看');
  } else {
    const changes = {
      name: input.name,
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.birthYear ? { birthYear: input.birthYear } : {}),
      ...(nameChanged && moderation ? { moderation: command().set(moderation) } : {}),
      updatedAt: now,
    };
    // Conditional on the name's state as read: a binding verified meanwhile keeps its name.
    const guard = nameChanged ? { 'binding.status': command().neq('verified') } : {};
    const { updated } = await collection('residents')
      .where({ _id: existing._id, ...guard })
      .update(changes);
    if (updated === 0 && nameChanged) throw new AppError('CONFLICT');
    resident = {
      ...existing,
      name: input.name,
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.birthYear ? { birthYear: input.birthYear } : {}),
      ...(moderation ? { moderation } : {}),
      updatedAt: now,
    };
  }

  if (nameChanged && existing && moderation?.state !== 'review') {
    // The held name is gone: its queue item would decide about a name no longer used.
    await collection('moderation_items').where({ _id: itemId, state: 'open' }).remove();
  }
  return buildMeView(resident);
}

export async function findHousehold(address: HouseholdAddress): Promise<HouseholdDoc | null> {
  const { data } = await collection('households')
    .where({ buildingNo: address.buildingNo, unitNo: address.unitNo, room: address.room })
    .limit(1)
    .get();
  return (data[0] as HouseholdDoc | undefined) ?? null;
}

export const NO_SUCH_ROOM = '没有找到这个房间，请核对楼栋、单元和房间号';

export async function requestBinding(
  resident: ResidentDoc,
  address: HouseholdAddress,
  now: Date,
): Promise<MeView['binding']> {
  if (resident.binding.status === 'verified') {
    throw new AppError('CONFLICT', '您的住址已认证。搬家或换房请联系楼栋党支部书记或社区工作人员');
  }
  const household = await findHousehold(address);
  if (!household) throw new AppError('NOT_FOUND', NO_SUCH_ROOM);
  const binding: ResidentDoc['binding'] = {
    status: 'pending',
    address: { buildingNo: household.buildingNo, unitNo: household.unitNo, room: household.room },
    householdId: household._id,
    requestedAt: now,
  };
  const _ = command();
  // Conditional: a decision that verified the binding meanwhile is never overwritten.
  const { updated } = await collection('residents')
    .where({ _id: resident._id, 'binding.status': _.neq('verified') })
    .update({ binding: _.set(binding), updatedAt: now });
  if (updated === 0) throw new AppError('CONFLICT', '您的住址刚刚已通过认证，请返回“我的”页面查看');
  return bindingView(binding);
}

export async function listBuildings(): Promise<BuildingOption[]> {
  const { data } = await collection('buildings').orderBy('no', 'asc').limit(100).get();
  return (data as BuildingDoc[]).map((building) => ({ no: building.no, name: building.name, units: building.units }));
}

export async function listRooms(buildingNo: number, unitNo: number): Promise<RoomOption[]> {
  const { data } = await collection('households')
    .where({ buildingNo, unitNo })
    .orderBy('floor', 'asc')
    .orderBy('room', 'asc')
    .limit(200)
    .get();
  return (data as HouseholdDoc[]).map((household) => ({ room: household.room, floor: household.floor }));
}
