/** A binding request as a card in the verification queue. */
import type { BindingRequestView } from '../../../../../typings/functions/community';
import { durationLabel, naturalDay } from '../../../../utils/dates';

export interface RequestCard {
  residentId: string;
  name: string;
  /** "姓名审核中" while the name waits for content review. */
  nameNote: string;
  addressLabel: string;
  phone: string;
  details: string;
  members: string;
}

export const REJECT_REASONS = ['房间号与实际不符', '不是这户的居民', '信息不完整，请补充后重新提交'];

/** "12月1日提交" with how long it has waited once that is more than a day ("已等待 11天"). */
function submittedLabel(iso: string, now: Date): string {
  const waited = now.getTime() - Date.parse(iso);
  const day = `${naturalDay(iso, now)}提交`;
  return waited >= 86_400_000 ? `${day}，已等待 ${durationLabel(waited)}` : day;
}

export function requestCard(view: BindingRequestView, now: Date = new Date()): RequestCard {
  return {
    residentId: view.residentId,
    name: view.name,
    nameNote: view.nameHeld === 'review' ? '姓名审核中' : view.nameHeld === 'refused' ? '姓名未通过审核' : '',
    addressLabel: view.addressLabel,
    phone: view.phone ?? '',
    details: [view.birthYear ? `${view.birthYear}年出生` : '', submittedLabel(view.requestedAt, now)]
      .filter(Boolean)
      .join(' · '),
    members: view.householdMembers.length
      ? `同户已认证：${view.householdMembers.join('、')}`
      : '这户还没有已认证的住户',
  };
}
