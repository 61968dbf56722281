/**
 * What the 关爱 pages show, derived from the server's views: statuses as words with icons
 * (never a colour alone), the visit choices, the archive's sharing switches.
 */
import type { StatusTag } from '../../utils/status-tag';
import type {
  AlertAnswerKind,
  AlertStatus,
  ArchiveField,
  ArchiveFieldView,
  CareCategory,
  ConsentMethod,
  DueState,
  MealArrangement,
  VisitKind,
  VisitOutcome,
} from '../../../typings/domain/care';
import type { ArchiveFieldsInput } from '../../../typings/functions/care';

export const PAGES = {
  index: '/packages/care/pages/index/index',
  today: '/packages/care/pages/today/index',
  visit: '/packages/care/pages/visit/index',
  alerts: '/packages/care/pages/alerts/index',
  archive: '/packages/care/pages/archive/index',
  households: '/packages/care/pages/households/index',
  pairing: '/packages/care/pages/pairing/index',
  list: '/packages/care/pages/list/index',
  entry: '/packages/care/pages/entry/index',
  overview: '/packages/care/pages/overview/index',
  rules: '/packages/care/pages/rules/index',
} as const;

export type { StatusTag };

export const DUE_TAGS: Record<DueState, StatusTag> = {
  overdue: { text: '已超期', theme: 'danger', icon: 'error-circle' },
  today: { text: '今天走访', theme: 'warning', icon: 'time' },
  later: { text: '按计划', theme: 'success', icon: 'check-circle' },
};

export const ALERT_TAGS: Record<AlertStatus, StatusTag> = {
  open: { text: '待响应', theme: 'danger', icon: 'error-circle' },
  answered: { text: '已有人响应', theme: 'warning', icon: 'time' },
  closed: { text: '已处理', theme: 'success', icon: 'check-circle' },
};

export const ANSWER_BUTTONS: Record<
  AlertAnswerKind,
  { text: string; icon: string; theme: 'primary' | 'default' | 'danger' }
> = {
  coming: { text: '我去看看', icon: 'map-navigation', theme: 'primary' },
  safe: { text: '已联系，平安', icon: 'check-circle', theme: 'default' },
  need_help: { text: '需要帮助', icon: 'help-circle', theme: 'danger' },
};

export const OUTCOME_CHOICES: Array<{ value: VisitOutcome; text: string; icon: string }> = [
  { value: 'done', text: '见到了，一切都好', icon: 'check-circle' },
  { value: 'nobody_home', text: '没人在家', icon: 'home' },
  { value: 'follow_up', text: '需要跟进', icon: 'flag' },
];

export const KIND_CHOICES: Array<{ value: VisitKind; label: string }> = [
  { value: 'visit', label: '上门走访' },
  { value: 'call', label: '电话问候' },
];

export const CATEGORY_CHOICES: Array<{ value: CareCategory; label: string }> = [
  { value: 'alone', label: '独居老人' },
  { value: 'disability', label: '残疾人' },
  { value: 'hardship', label: '困难家庭' },
  { value: 'other', label: '其他需要关爱' },
];

export const MEAL_CHOICES: Array<{ value: MealArrangement; label: string }> = [
  { value: 'none', label: '没有用餐安排' },
  { value: 'delivery', label: '食堂送餐上门' },
  { value: 'pickup', label: '到食堂取餐' },
];

export const FREQUENCY_CHOICES: Array<{ value: number; label: string }> = [
  { value: 3, label: '每3天' },
  { value: 7, label: '每周' },
  { value: 14, label: '每两周' },
  { value: 30, label: '每月' },
];

export const CONSENT_BY_CHOICES = [
  { value: 'self', label: '本人同意' },
  { value: 'guardian', label: '监护人同意' },
];

export const CONSENT_METHOD_CHOICES: Array<{ value: ConsentMethod; label: string }> = [
  { value: 'paper', label: '签字同意书' },
  { value: 'in_person', label: '当面口头同意' },
  { value: 'phone', label: '电话同意' },
];

/** Words that tell the carer what a field is for (placeholders of the archive form). */
export const FIELD_HINTS: Record<ArchiveField, string> = {
  conditions: '例如：高血压、糖尿病',
  mobility: '例如：上下楼要扶栏杆，出门用拐杖',
  medication: '例如：每天早饭后一片降压药',
  bloodType: '例如：A型',
  otherContact: '例如：邻居王阿姨 13800000000',
};

/** The archive form's input from the fields shown (every field, as the person sees them). */
export function archiveInput(fields: readonly ArchiveFieldView[]): ArchiveFieldsInput {
  return Object.fromEntries(
    fields.map((field) => [field.key, { value: field.value.trim(), share: { ...field.share } }]),
  ) as ArchiveFieldsInput;
}

export function callNumber(phone: string | undefined): void {
  if (phone) void wx.makePhoneCall({ phoneNumber: phone });
}
