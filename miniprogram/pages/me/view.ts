/**
 * What the 我的 page shows, derived from the server's MeView. Every status is a tag WITH
 * a word (and an icon), never a colour alone.
 */
import type { BindingStatus, LinkedPersonView, MeView } from '../../../typings/domain/community';

export interface StatusTag {
  text: string;
  theme: 'success' | 'warning' | 'danger' | 'default';
  icon: string;
}

export const BINDING_TAGS: Record<BindingStatus, StatusTag> = {
  verified: { text: '已认证', theme: 'success', icon: 'check-circle' },
  pending: { text: '待审核', theme: 'warning', icon: 'time' },
  rejected: { text: '未通过', theme: 'danger', icon: 'close-circle' },
  none: { text: '未登记', theme: 'default', icon: 'info-circle' },
};

export const LINK_TAGS: Record<LinkedPersonView['status'], StatusTag> = {
  confirmed: { text: '已确认', theme: 'success', icon: 'check-circle' },
  pending: { text: '待确认', theme: 'warning', icon: 'time' },
};

/** Who to ask while registration is not yet in the app. */
export const REGISTER_GUIDE = '请联系楼栋党支部书记或社区工作人员登记';

export interface PersonRow {
  id: string;
  name: string;
  building: string;
  tag: StatusTag;
}

export interface MeScreen {
  registered: boolean;
  name: string;
  phone: string;
  address: string;
  binding: StatusTag;
  /** One sentence under the address: the reject reason, or what happens next. */
  bindingNote: string;
  roles: Array<{ key: string; label: string }>;
  seniors: PersonRow[];
  relatives: PersonRow[];
}

function bindingNote(binding: MeView['binding']): string {
  switch (binding.status) {
    case 'verified':
      return '';
    case 'pending':
      return '已提交，等待社区工作人员审核';
    case 'rejected':
      return binding.rejectReason ? `未通过原因：${binding.rejectReason}` : `未通过审核，${REGISTER_GUIDE}`;
    case 'none':
      return `尚未登记住址，${REGISTER_GUIDE}`;
  }
}

function personRows(people: LinkedPersonView[]): PersonRow[] {
  return people.map((person) => ({
    id: person.residentId,
    name: person.name,
    building: person.buildingLabel ?? '',
    tag: LINK_TAGS[person.status],
  }));
}

export function toScreen(me: MeView): MeScreen {
  return {
    registered: me.registered,
    name: me.profile?.name ?? '',
    phone: me.profile?.phoneMasked ?? '',
    address: me.binding.addressLabel ?? (me.binding.status === 'none' ? '住址未登记' : '住址'),
    binding: BINDING_TAGS[me.binding.status],
    bindingNote: bindingNote(me.binding),
    roles: me.roles.map((role, index) => ({ key: `${role.kind}-${index}`, label: role.label })),
    seniors: personRows(me.seniors),
    relatives: personRows(me.relatives),
  };
}
