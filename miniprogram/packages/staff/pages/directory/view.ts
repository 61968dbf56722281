/** A person in the household directory as a card: every mark in words. */
import type { CareFlags, DirectoryEntry } from '../../../../../typings/functions/community';

export interface PersonCard {
  residentId: string;
  name: string;
  nameNote: string;
  addressLabel: string;
  phone: string;
  details: string;
  roles: string[];
  /** Words, e.g. ["独居", "行动不便"]. */
  marks: string[];
  care: CareFlags;
}

export const CARE_LABELS: Record<keyof CareFlags, string> = {
  livesAlone: '独居',
  mobilityLimited: '行动不便',
  deliveryEligible: '可送餐上门',
};

const STATUS_WORDS = { none: '未登记住址', pending: '住址待审核', rejected: '住址未通过', verified: '' };

export function personCard(entry: DirectoryEntry, thisYear: number): PersonCard {
  const marks = (Object.keys(CARE_LABELS) as Array<keyof CareFlags>)
    .filter((key) => entry.care[key])
    .map((key) => CARE_LABELS[key]);
  if (!entry.hasWeChat) marks.push('未使用微信');
  return {
    residentId: entry.residentId,
    name: entry.name,
    nameNote: entry.nameHeld ? '姓名审核中' : '',
    addressLabel: entry.addressLabel ?? STATUS_WORDS.none,
    phone: entry.phone ?? '',
    details: [entry.birthYear ? `${thisYear - entry.birthYear}岁` : '', STATUS_WORDS[entry.bindingStatus]]
      .filter(Boolean)
      .join(' · '),
    roles: entry.roles.map((role) => role.label),
    marks,
    care: entry.care,
  };
}
