/** A binding request as a card in the verification queue. */
import type { BindingRequestView } from '../../../../../typings/functions/community';

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

function dateLabel(iso: string): string {
  const at = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  return `${at.getUTCMonth() + 1}月${at.getUTCDate()}日`;
}

export function requestCard(view: BindingRequestView): RequestCard {
  return {
    residentId: view.residentId,
    name: view.name,
    nameNote: view.nameHeld === 'review' ? '姓名审核中' : view.nameHeld === 'refused' ? '姓名未通过审核' : '',
    addressLabel: view.addressLabel,
    phone: view.phone ?? '',
    details: [view.birthYear ? `${view.birthYear}年出生` : '', `${dateLabel(view.requestedAt)}提交`]
      .filter(Boolean)
      .join(' · '),
    members: view.householdMembers.length
      ? `同户已认证：${view.householdMembers.join('、')}`
      : '这户还没有已认证的住户',
  };
}
