/**
 * The rules of 关爱 as plain functions (no SDK): labels, when a visit is due, which signal
 * raises which alert under which key, what the alert says to do, the rules in plain words,
 * who may read which archive field, who may act on an archive, and how a unit's
 * households are paired by default. Handlers load the data; these decide.
 */
import type {
  AlertAnswerKind,
  AlertKind,
  AlertStatus,
  ArchiveField,
  ArchiveViewer,
  CareCategory,
  CareRules,
  ConsentBy,
  ConsentMethod,
  DueState,
  FieldShare,
  MealArrangement,
  VisitKind,
  VisitOutcome,
} from '../../typings/domain/care';
import type { Role } from '../../typings/domain/community';
import { dayjs, shanghai } from '../shared/time';

// ---------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------

export const CATEGORIES = ['alone', 'disability', 'hardship', 'other'] as const satisfies readonly CareCategory[];
export const CATEGORY_LABELS: Record<CareCategory, string> = {
  alone: '独居老人',
  disability: '残疾人',
  hardship: '困难家庭',
  other: '其他需要关爱',
};

export const MEALS = ['none', 'delivery', 'pickup'] as const satisfies readonly MealArrangement[];
export const MEAL_ARRANGEMENT_LABELS: Record<MealArrangement, string> = {
  none: '没有用餐安排',
  delivery: '食堂送餐上门',
  pickup: '到食堂取餐',
};

export const VISIT_KIND_LABELS: Record<VisitKind, string> = { visit: '上门走访', call: '电话问候' };
export const OUTCOME_LABELS: Record<VisitOutcome, string> = {
  done: '见到了，一切都好',
  nobody_home: '没人在家',
  follow_up: '需要跟进',
};
/** A phone call that nobody answered is "没人接", not "没人在家". */
export function outcomeLabel(kind: VisitKind, outcome: VisitOutcome): string {
  if (kind === 'call') {
    if (outcome === 'done') return '通了电话，一切都好';
    if (outcome === 'nobody_home') return '电话没人接';
  }
  return OUTCOME_LABELS[outcome];
}

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  meal: '送餐或取餐无人应答',
  alarm: '燃气烟感报警',
  no_delivery: '多日没有订餐',
  nobody_home: '多次走访没人在家',
  overdue: '走访超期',
};
export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  open: '待响应',
  answered: '已有人响应',
  closed: '已处理',
};
export const ANSWERS = ['coming', 'safe', 'need_help'] as const satisfies readonly AlertAnswerKind[];
export const ANSWER_LABELS: Record<AlertAnswerKind, string> = {
  coming: '我去看看',
  safe: '已联系，平安',
  need_help: '需要帮助',
};

export const CONSENT_BY_LABELS: Record<ConsentBy, string> = { self: '本人', guardian: '监护人' };
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  paper: '签字同意书',
  in_person: '当面口头同意',
  phone: '电话同意',
};

export const ARCHIVE_FIELDS = [
  'conditions',
  'mobility',
  'medication',
  'bloodType',
  'otherContact',
] as const satisfies readonly ArchiveField[];
export const FIELD_LABELS: Record<ArchiveField, string> = {
  conditions: '慢性病',
  mobility: '行动情况',
  medication: '用药提醒',
  bloodType: '血型',
  otherContact: '其他紧急联系人',
};
/** What a newly filled field is shared with until the person says otherwise: family only. */
export const DEFAULT_SHARE: FieldShare = { relatives: true, carers: false };

export const FREQUENCIES = [3, 7, 14, 30] as const;

export function frequencyLabel(days: number): string {
  if (days === 7) return '每周走访一次';
  if (days === 14) return '每两周走访一次';
  if (days === 30) return '每月走访一次';
  return `每${days}天走访一次`;
}

export function categoryLabels(categories: readonly CareCategory[]): string[] {
  return categories.map((category) => CATEGORY_LABELS[category]);
}

export function consentLabel(consent: { by: ConsentBy; name: string; method: ConsentMethod; at: Date }): string {
  return `${CONSENT_BY_LABELS[consent.by]}${consent.by === 'guardian' ? ` ${consent.name}` : ''} ${
    CONSENT_METHOD_LABELS[consent.method]
  }（${shanghai(consent.at).format('YYYY年M月D日')}）`;
}

export function visibleToLabel(share: FieldShare): string {
  const who = ['本人', ...(share.relatives ? ['亲属'] : []), ...(share.carers ? ['走访党员'] : [])];
  return who.length === 1 ? '仅本人可见' : `${who.join('、')}可见`;
}

/** "12月5日 09:30", with the year when it is not this year. */
export function atLabel(at: Date, now: Date): string {
  const when = shanghai(at);
  return when.format(when.year() === shanghai(now).year() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm');
}

export function dayLabel(at: Date, now: Date): string {
  const when = shanghai(at);
  const days = shanghai(now).startOf('day').diff(when.startOf('day'), 'day');
  if (days === 0) return '今天';
  if (days === 1) return '昨天';
  if (days > 1 && days < 7) return `${days}天前`;
  return when.format(when.year() === shanghai(now).year() ? 'M月D日' : 'YYYY年M月D日');
}

// ---------------------------------------------------------------------------------------
// When a visit is due
// ---------------------------------------------------------------------------------------

/**
 * The next visit is due `frequencyDays` after one that reached the person (or a call that
 * did); after "nobody home" the carer tries again the next day.
 */
export function nextDueAt(from: Date, outcome: VisitOutcome | null, frequencyDays: number): Date {
  const days = outcome === 'nobody_home' ? 1 : frequencyDays;
  return shanghai(from).add(days, 'day').endOf('day').toDate();
}

export function dueState(due: Date, now: Date): DueState {
  const today = shanghai(now).startOf('day');
  const day = shanghai(due).startOf('day');
  if (day.isBefore(today)) return 'overdue';
  if (day.isSame(today)) return 'today';
  return 'later';
}

export function dueLabel(due: Date, now: Date): string {
  const state = dueState(due, now);
  if (state === 'overdue') {
    const days = shanghai(now).startOf('day').diff(shanghai(due).startOf('day'), 'day');
    return `已超期${days}天`;
  }
  if (state === 'today') return '今天该走访了';
  return `${shanghai(due).format('M月D日')}前走访`;
}

// ---------------------------------------------------------------------------------------
// Alerts: one key per signal, so a signal read twice raises one alert
// ---------------------------------------------------------------------------------------

export const alertIds = {
  meal: (orderId: string) => `meal:${orderId}`,
  alarm: (alarmId: string, subjectId: string) => `alarm:${alarmId}:${subjectId}`,
  noDelivery: (subjectId: string, since: string) => `nodelivery:${subjectId}:${since}`,
  nobodyHome: (visitId: string) => `nobody:${visitId}`,
  overdue: (subjectId: string, dueDate: string) => `overdue:${subjectId}:${dueDate}`,
};

export const DEFAULT_RULES: CareRules = {
  meal: { enabled: true },
  alarm: { enabled: true },
  noDelivery: { enabled: true, days: 3 },
  nobodyHome: { enabled: true, times: 2 },
  overdue: { enabled: true, escalateDays: 3 },
};

/** The rules as residents and officers read them. */
export function ruleSentences(rules: CareRules): Array<{ key: keyof CareRules; text: string; enabled: boolean }> {
  return [
    {
      key: 'meal',
      enabled: rules.meal.enabled,
      text: '食堂送餐上门时没人应答，或到了时间没有来取餐：马上提醒走访党员和亲属，请他们打电话或上门看看。',
    },
    {
      key: 'alarm',
      enabled: rules.alarm.enabled,
      text: '家里的燃气或烟感报警器报警：除了安全报警的通知，也提醒走访党员和亲属确认老人平安。',
    },
    {
      key: 'noDelivery',
      enabled: rules.noDelivery.enabled,
      text: `有送餐安排的人连续${rules.noDelivery.days}天没有订餐：提醒走访党员和亲属问问是否身体不适、是否需要帮忙订餐。`,
    },
    {
      key: 'nobodyHome',
      enabled: rules.nobodyHome.enabled,
      text: `连续${rules.nobodyHome.times}次上门或打电话都没找到人：提醒走访党员和亲属，确认是否外出或住院。`,
    },
    {
      key: 'overdue',
      enabled: rules.overdue.enabled,
      text: `到了该走访的日子还没有走访：先提醒走访党员；超过${rules.overdue.escalateDays}天仍未走访，再提醒楼栋党支部书记。`,
    },
  ];
}

/** What to do, step by step, for each kind of alert. */
export function alertTodo(kind: AlertKind): string[] {
  switch (kind) {
    case 'meal':
      return [
        '先给老人打电话。',
        '打不通就上门看看，或请单元长、邻居去敲门。',
        '确认平安后点“已联系，平安”；情况不好请点“需要帮助”并拨打120。',
      ];
    case 'alarm':
      return [
        '先确认老人是否安全：打电话或上门。',
        '报警处理请看“安全”页面，闻到燃气味不要开灯、不要打电话，先开窗。',
        '确认平安后点“已联系，平安”。',
      ];
    case 'no_delivery':
      return ['打电话问问老人是否身体不适、是否需要帮忙订餐。', '问清楚后点“已联系，平安”，或点“需要帮助”。'];
    case 'nobody_home':
      return ['打电话确认老人是否外出、住院或去了子女家。', '联系不上请联系亲属，必要时请社区工作人员上门。'];
    case 'overdue':
      return ['请尽快上门走访，或先打个电话问候。', '走访后在“今日走访”里记录，提醒会自动结束。'];
  }
}

/**
 * Whether the latest `times` visits (newest first) all found nobody: only then a "nobody
 * home" streak raises an alert, and only once (at the visit that completed it).
 */
export function nobodyHomeStreak(visitsNewestFirst: ReadonlyArray<{ outcome: VisitOutcome }>, times: number): boolean {
  if (visitsNewestFirst.length < times) return false;
  const streak = visitsNewestFirst.slice(0, times).every((visit) => visit.outcome === 'nobody_home');
  // Exactly `times` in a row: a third "nobody home" after an alert does not alert again.
  const longer = visitsNewestFirst[times]?.outcome === 'nobody_home';
  return streak && !longer;
}

export function dateKeyOf(at: Date): string {
  return shanghai(at).format('YYYY-MM-DD');
}

export function monthKeyOf(at: Date): string {
  return shanghai(at).format('YYYY-MM');
}

/**
 * "No meal ordered for N days" by someone with a standing delivery arrangement: counted
 * from the last meal date ordered, or from when the arrangement began when none was. The
 * key of the gap (its start) is returned when it has lasted `days` full days, else null.
 */
export function noDeliveryGap(
  lastMealDate: string | undefined,
  arrangedSince: Date,
  days: number,
  now: Date,
): string | null {
  const start = lastMealDate ?? dateKeyOf(arrangedSince);
  const today = dayjs.tz(dateKeyOf(now), 'Asia/Shanghai');
  const gap = today.diff(dayjs.tz(start, 'Asia/Shanghai'), 'day');
  return gap > days ? start : null;
}

// ---------------------------------------------------------------------------------------
// Who
// ---------------------------------------------------------------------------------------

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'staff');
}

export function secretaryOf(roles: readonly Role[]): number[] {
  return roles.flatMap((role) => (role.kind === 'branch_secretary' ? [role.buildingNo] : []));
}

/** Staff manage everywhere; a branch secretary their building. */
export function managesBuilding(roles: readonly Role[], buildingNo: number): boolean {
  return isStaff(roles) || secretaryOf(roles).includes(buildingNo);
}

/** Who may be someone's paired contact or carer: a Party member, unit leader or secretary. */
export function isNetworkMember(roles: readonly Role[]): boolean {
  return roles.some((role) => ['party_member', 'unit_leader', 'branch_secretary'].includes(role.kind));
}

/**
 * Which archive fields a viewer reads: the person all; a bound relative and an assigned
 * carer only the fields the person shared with them.
 */
export function fieldVisible(viewer: ArchiveViewer, share: FieldShare): boolean {
  if (viewer === 'self') return true;
  return viewer === 'relative' ? share.relatives : share.carers;
}

/**
 * Who reads an archive, from the facts about the reader (first that holds): the person,
 * a confirmed relative, an assigned carer of an active care plan; anyone else nobody.
 * Staff and secretaries manage the care list but read no archive unless assigned.
 */
export function archiveViewer(facts: { self: boolean; relative: boolean; carer: boolean }): ArchiveViewer | null {
  if (facts.self) return 'self';
  if (facts.relative) return 'relative';
  if (facts.carer) return 'carer';
  return null;
}

/**
 * Changing, exporting and erasing an archive is the person's; a bound relative does it
 * for a senior without WeChat (who cannot), recorded as acting for them. Staff erase on
 * the person's documented request, with the reason.
 */
export function archiveActor(
  viewer: ArchiveViewer | null,
  subjectHasWechat: boolean,
  staff: boolean,
  action: 'edit' | 'export' | 'erase',
): 'self' | 'proxy' | 'staff' | null {
  if (viewer === 'self') return 'self';
  if (viewer === 'relative' && !subjectHasWechat) return 'proxy';
  if (action === 'erase' && staff) return 'staff';
  return null;
}

/** What deleting an archive removes, and what is kept and why (plain words on the page). */
export const RETENTION = {
  removed: ['慢性病、行动情况、用药提醒、血型等健康信息', '其他紧急联系人', '每项信息的共享设置'],
  kept: [
    '档案查阅记录：谁在什么时候查看、导出、修改、删除过您的档案，保留给您和亲属查询，也是社区依法处理个人信息的记录。',
    '关爱名单上的同意记录和走访记录：属于社区的工作记录，按社区档案管理规定保存；您可以随时申请退出关爱名单。',
    '住户信息和亲属绑定：不在档案里，在“我的”中管理。',
  ],
};

// ---------------------------------------------------------------------------------------
// Pairing (党员联系户)
// ---------------------------------------------------------------------------------------

/**
 * The default pairing of a unit: each unpaired household gets the Party member of the unit
 * with the fewest households so far (spreading them evenly, a member never paired with
 * their own household), or the unit leader when the unit has no other Party member.
 */
export function autoPairing(
  unpaired: ReadonlyArray<{ householdId: string }>,
  members: ReadonlyArray<{ residentId: string; householdId?: string; load: number }>,
  leaderId: string | undefined,
): Map<string, string> {
  const load = new Map(members.map((member) => [member.residentId, member.load]));
  const plan = new Map<string, string>();
  for (const household of unpaired) {
    const candidates = members.filter((member) => member.householdId !== household.householdId);
    const best = [...candidates].sort(
      (a, b) => load.get(a.residentId)! - load.get(b.residentId)! || a.residentId.localeCompare(b.residentId),
    )[0];
    const chosen = best?.residentId ?? leaderId;
    if (!chosen) continue;
    plan.set(household.householdId, chosen);
    if (best) load.set(best.residentId, load.get(best.residentId)! + 1);
  }
  return plan;
}
