/**
 * What the 我的 page shows, derived from the server's MeView. Every status is a tag WITH
 * a word (and an icon), never a colour alone.
 */
import type { StatusTag } from '../../utils/status-tag';
import type { BindingStatus, LinkedPersonView, MeView, RoleKind } from '../../../typings/domain/community';

export type { StatusTag };

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

/** Where first use goes: the privacy agreement, then the profile, then the address. */
export const PRIVACY_PAGE = '/packages/me/pages/privacy/index';
export const PROFILE_PAGE = '/packages/me/pages/profile/index';
export const BINDING_PAGE = '/packages/me/pages/binding/index';
export const RELATIVE_ADD_PAGE = '/packages/me/pages/relative-add/index';
export const MESSAGES_PAGE = '/packages/me/pages/messages/index';

/** What someone who has not registered yet is told. */
export const REGISTER_GUIDE = '点“开始登记”，填写姓名和住址，楼栋党支部书记或社区工作人员审核后即可使用全部功能';

/** A button on a linked person's row. */
export interface LinkAction {
  /** What the page does: respond (accept / decline), withdraw one's request, or unbind. */
  kind: 'accept' | 'decline' | 'withdraw' | 'unbind';
  text: string;
  theme: 'primary' | 'default' | 'danger';
}

export interface PersonRow {
  linkId: string;
  name: string;
  /** One line under the name: building, phone of a requester, who confirmed. */
  description: string;
  tag: StatusTag;
  actions: LinkAction[];
}

/** An entry to the staff pages. */
export interface StaffEntry {
  key: string;
  title: string;
  description: string;
  icon: string;
  url: string;
  /** What waits there, once counted: e.g. "3件待受理" (empty while unknown or nothing waits). */
  waiting?: string;
}

/** A resident's own records, one tap from 我的. */
export interface Shortcut {
  key: string;
  title: string;
  icon: string;
  url: string;
}

export const SHORTCUTS: Shortcut[] = [
  { key: 'reports', title: '我的报事', icon: 'camera', url: '/packages/report/pages/mine/index' },
  { key: 'orders', title: '我的订单', icon: 'rice', url: '/packages/canteen/pages/orders/index' },
  { key: 'signups', title: '我的报名', icon: 'calendar-event', url: '/packages/activity/pages/mine/index' },
];

export interface MeScreen {
  registered: boolean;
  /** Where 开始登记 goes. */
  startUrl: string;
  name: string;
  /** Said under the name while the name waits for (or failed) review. */
  nameNote: string;
  phone: string;
  address: string;
  binding: StatusTag;
  /** One sentence under the address: the reject reason, or what happens next. */
  bindingNote: string;
  /** The address row opens the binding page unless the address is verified. */
  bindingUrl: string;
  roles: Array<{ key: string; label: string }>;
  seniors: PersonRow[];
  relatives: PersonRow[];
  unread: number;
  /** e.g. "3条未读" — the count in words, not only a red dot. */
  unreadText: string;
  staffEntries: StaffEntry[];
}

function bindingNote(binding: MeView['binding']): string {
  switch (binding.status) {
    case 'verified':
      return '';
    case 'pending':
      return '已提交，等待楼栋党支部书记或社区工作人员审核';
    case 'rejected':
      return binding.rejectReason
        ? `未通过原因：${binding.rejectReason}。点此修改后重新提交`
        : '未通过审核，点此修改后重新提交';
    case 'none':
      return '点此登记您家的楼栋、单元和房间';
  }
}

function nameNote(held: NonNullable<MeView['profile']>['nameHeld']): string {
  if (held === 'review') return '姓名正在审核，通过前其他居民看到的是“居民”';
  if (held === 'refused') return '姓名未通过审核，请点“修改个人信息”更换';
  return '';
}

/** Seniors I care for: I asked; I may withdraw a request or end the link. */
function seniorRow(person: LinkedPersonView): PersonRow {
  const pending = person.status === 'pending';
  const parts = [person.buildingLabel ?? ''];
  if (pending) parts.push('等待老人确认');
  else if (person.confirmedByStaff) parts.push('社区工作人员代为确认');
  return {
    linkId: person.linkId,
    name: person.name,
    description: parts.filter(Boolean).join(' · '),
    tag: LINK_TAGS[person.status],
    actions: [pending ? { kind: 'withdraw', text: '撤回申请', theme: 'default' } : unbindAction()],
  };
}

/** Relatives bound to me: a request waits for my answer; a link I may end. */
function relativeRow(person: LinkedPersonView): PersonRow {
  const pending = person.status === 'pending';
  const parts = [person.buildingLabel ?? ''];
  if (pending) parts.push(person.phoneMasked ? `手机 ${person.phoneMasked}` : '', '申请成为您的亲属');
  else if (person.confirmedByStaff) parts.push('社区工作人员代为确认');
  return {
    linkId: person.linkId,
    name: person.name,
    description: parts.filter(Boolean).join(' · '),
    tag: LINK_TAGS[person.status],
    actions: pending
      ? [
          { kind: 'accept', text: '同意', theme: 'primary' },
          { kind: 'decline', text: '拒绝', theme: 'default' },
        ]
      : [unbindAction()],
  };
}

function unbindAction(): LinkAction {
  return { kind: 'unbind', text: '解除绑定', theme: 'danger' };
}

const STAFF_PAGES: Record<string, Omit<StaffEntry, 'key'> & { roles: RoleKind[] }> = {
  reportInbox: {
    title: '报事处理',
    description: '受理、处理居民报事',
    icon: 'task',
    url: '/packages/report/pages/inbox/index',
    roles: ['staff', 'branch_secretary', 'unit_leader', 'team_leader'],
  },
  canteen: {
    title: '食堂管理',
    description: '菜单、今日订单、备餐与送餐',
    icon: 'rice',
    url: '/packages/canteen/pages/manage/index',
    roles: ['canteen_staff'],
  },
  bindings: {
    title: '住户认证审核',
    description: '审核居民登记的住址',
    icon: 'user-checked',
    url: '/packages/staff/pages/bindings/index',
    roles: ['staff', 'branch_secretary'],
  },
  directory: {
    title: '住户名册',
    description: '查找住户，一键拨打电话',
    icon: 'view-list',
    url: '/packages/staff/pages/directory/index',
    roles: ['staff', 'branch_secretary', 'unit_leader'],
  },
  relatives: {
    title: '亲属绑定代确认',
    description: '为没有智能手机的老人确认亲属',
    icon: 'usergroup',
    url: '/packages/staff/pages/relatives/index',
    roles: ['staff'],
  },
  seniorAdd: {
    title: '登记老人',
    description: '登记没有微信的老人',
    icon: 'user-add',
    url: '/packages/staff/pages/senior-add/index',
    roles: ['staff'],
  },
  moderation: {
    title: '内容审核',
    description: '处理被举报和待复核的内容',
    icon: 'secured',
    url: '/packages/staff/pages/moderation/index',
    roles: ['staff'],
  },
  reportStats: {
    title: '报事统计',
    description: '各楼栋报事数量、用时与满意度',
    icon: 'chart-bar',
    url: '/packages/report/pages/stats/index',
    roles: ['staff', 'branch_secretary'],
  },
  council: {
    title: '议事管理',
    description: '议题受理、投票与答复',
    icon: 'chat-poll',
    url: '/packages/council/pages/manage/index',
    roles: ['staff', 'branch_secretary'],
  },
  roles: {
    title: '身份任免',
    description: '党员、单元长、支部书记、工作人员等',
    icon: 'user-setting',
    url: '/packages/staff/pages/roles/index',
    roles: ['staff'],
  },
  service: {
    title: '服务窗口',
    description: '当天预约、叫号、办件、办事指南、考核评比',
    icon: 'service',
    url: '/packages/service/pages/desk/index',
    roles: ['staff', 'bank_staff', 'director'],
  },
  safety: {
    title: '安全管理',
    description: '报警看板、维护任务、消防站检查',
    icon: 'secured',
    url: '/packages/safety/pages/home/index',
    roles: ['staff', 'branch_secretary', 'unit_leader'],
  },
  care: {
    title: '关爱工作',
    description: '党员联系户、关爱名单、走访与提醒',
    icon: 'heart',
    url: '/packages/care/pages/index/index',
    roles: ['staff', 'branch_secretary'],
  },
  registerImport: {
    title: '导入社区登记表',
    description: '楼栋、房间、居民与党组织（Excel）',
    icon: 'file-excel',
    url: '/packages/staff/pages/register-import/index',
    roles: ['staff'],
  },
};

/** The staff pages the caller's roles open, in the order of daily use. */
export function staffEntries(roles: ReadonlyArray<{ kind: RoleKind }>): StaffEntry[] {
  const kinds = new Set(roles.map((role) => role.kind));
  return Object.entries(STAFF_PAGES)
    .filter(([, page]) => page.roles.some((kind) => kinds.has(kind)))
    .map(([key, { roles: _roles, ...entry }]) => ({ key, ...entry }));
}

export function toScreen(me: MeView): MeScreen {
  const verified = me.binding.status === 'verified';
  return {
    registered: me.registered,
    startUrl: me.privacyAgreed ? PROFILE_PAGE : PRIVACY_PAGE,
    name: me.profile?.name ?? '',
    nameNote: nameNote(me.profile?.nameHeld),
    phone: me.profile?.phoneMasked ?? '',
    address: me.binding.addressLabel ?? (me.binding.status === 'none' ? '住址未登记' : '住址'),
    binding: BINDING_TAGS[me.binding.status],
    bindingNote: bindingNote(me.binding),
    bindingUrl: verified ? '' : BINDING_PAGE,
    roles: me.roles.map((role, index) => ({ key: `${role.kind}-${index}`, label: role.label })),
    seniors: me.seniors.map(seniorRow),
    relatives: me.relatives.map(relativeRow),
    unread: me.unreadMessages,
    unreadText: me.unreadMessages > 0 ? `${me.unreadMessages}条未读` : '',
    staffEntries: staffEntries(me.roles),
  };
}

/** What the confirmation dialog asks before a link action. */
export function confirmText(
  action: LinkAction['kind'],
  row: Pick<PersonRow, 'name' | 'description'>,
  mine: 'senior' | 'relative',
): { title: string; content: string; confirm: string } {
  switch (action) {
    case 'accept':
      return {
        title: `确认${row.name}是您的亲属？`,
        content: `${row.description}。同意后，对方可以在“我的”看到您，并能替您在老人食堂订餐。不认识此人请点“取消”后选“拒绝”。`,
        confirm: '同意绑定',
      };
    case 'decline':
      return { title: `拒绝${row.name}的申请？`, content: '拒绝后对方会收到通知，但看不到原因。', confirm: '拒绝' };
    case 'withdraw':
      return { title: `撤回绑定${row.name}的申请？`, content: '撤回后可以重新提交。', confirm: '撤回申请' };
    case 'unbind':
      return mine === 'senior'
        ? {
            title: `解除与${row.name}的绑定？`,
            content: '解除后您将不能再替这位老人订餐，对方会收到通知。',
            confirm: '解除绑定',
          }
        : {
            title: `解除与${row.name}的绑定？`,
            content: '解除后对方将不能再替您订餐，对方会收到通知。',
            confirm: '解除绑定',
          };
  }
}

/**
 * What waits for the caller, counted by the lists' own read actions (each scoped by the
 * server to what the caller may handle): at most three calls, one per kind of work.
 */
export type WorkCount = 'reports' | 'bindings' | 'moderation' | 'orders';

const COUNT_ROLES: Record<WorkCount, RoleKind[]> = {
  reports: ['staff', 'branch_secretary', 'unit_leader', 'team_leader'],
  bindings: ['staff', 'branch_secretary'],
  moderation: ['staff'],
  orders: ['canteen_staff'],
};

/** The counts the caller's roles call for. */
export function workCounts(roles: ReadonlyArray<{ kind: RoleKind }>): WorkCount[] {
  const kinds = new Set(roles.map((role) => role.kind));
  return (Object.keys(COUNT_ROLES) as WorkCount[]).filter((count) => COUNT_ROLES[count].some((k) => kinds.has(k)));
}

/** Which entry each count belongs to, and how it reads. */
const COUNT_ENTRY: Record<WorkCount, { entry: string; label: (n: string) => string }> = {
  reports: { entry: 'reportInbox', label: (n) => `${n}件待受理` },
  bindings: { entry: 'bindings', label: (n) => `${n}户待审核` },
  moderation: { entry: 'moderation', label: (n) => `${n}条待审核` },
  orders: { entry: 'canteen', label: (n) => `今日订单 ${n}份` },
};

/** A count as shown: "20+" when the first page was full. */
export function countText(count: number, more = false): string {
  return more ? `${count}+` : String(count);
}

/** The entries with their waiting counts (zero waiting work says nothing; today's orders always). */
export function withCounts(
  entries: readonly StaffEntry[],
  counts: Partial<Record<WorkCount, { count: number; more?: boolean }>>,
): StaffEntry[] {
  return entries.map((entry) => {
    const kind = (Object.keys(COUNT_ENTRY) as WorkCount[]).find((k) => COUNT_ENTRY[k].entry === entry.key);
    const counted = kind ? counts[kind] : undefined;
    if (!kind || !counted || (counted.count === 0 && kind !== 'orders')) return { ...entry, waiting: '' };
    return { ...entry, waiting: COUNT_ENTRY[kind].label(countText(counted.count, counted.more)) };
  });
}
