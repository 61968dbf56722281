/**
 * Issue reports (报事 / 随手拍): a resident reports what is broken or unsafe with photos and
 * a place; the report is routed down the Party network (the building's branch secretary
 * and unit leader) or to community staff, handled through a status lifecycle with a
 * timeline, and closed by the reporter's confirmation and rating.
 */
import type { ImageView, ModerationState } from './content';

/**
 * submitted 已提交 → accepted 已受理 → in_progress 处理中 → resolved 已解决 → confirmed 已确认
 * (or closed 已关闭 when the reporter does not answer in time); rejected 已驳回 / duplicate
 * 重复 with a reason; withdrawn 已撤回 by the reporter before anyone accepted it.
 */
export type ReportStatus =
  | 'submitted'
  | 'accepted'
  | 'in_progress'
  | 'resolved'
  | 'confirmed'
  | 'closed'
  | 'rejected'
  | 'duplicate'
  | 'withdrawn';

/** Who is responsible for a report: a building's Party branch, community staff or a volunteer team. */
export type ReportAssignment =
  { kind: 'building'; buildingNo: number; unitNo?: number } | { kind: 'staff' } | { kind: 'team'; teamId: string };

/** Where a category goes by default; `building` means the branch of the building where it is. */
export type CategoryRoute = { kind: 'building' } | { kind: 'staff' } | { kind: 'team'; teamId: string };

export interface ReportCategory {
  /** Stable key, e.g. "sanitation". */
  id: string;
  /** e.g. "环境卫生". */
  label: string;
  /** Examples shown under the label, e.g. "楼道垃圾、积水、异味". */
  hint: string;
  route: CategoryRoute;
  /** Safety categories: an urgent report also reaches community staff at once. */
  safety: boolean;
  enabled: boolean;
}

/** A common spot residents choose from a list (e.g. "东门", "中心广场"). */
export interface ReportSpot {
  id: string;
  label: string;
  /** The building whose branch looks after the spot; absent: the whole community (staff). */
  buildingNo?: number;
  /** Where it is, so a reported current location can be matched to it. */
  latitude?: number;
  longitude?: number;
  enabled: boolean;
}

/** Staff-configured categories, routing and spots. */
export interface ReportConfig {
  categories: ReportCategory[];
  spots: ReportSpot[];
  /** For `saveConfig`: the version the editor started from. */
  version: number;
  updatedLabel?: string;
}

/** Where the problem is: in a building, at a common spot, or the reporter's current location. */
export type ReportPlace =
  | { kind: 'building'; buildingNo: number; unitNo?: number; floor?: number }
  | { kind: 'spot'; spotId: string }
  /** From wx.chooseLocation; matched to the nearest spot the server knows. */
  | { kind: 'point'; latitude: number; longitude: number; name?: string };

/** What a resident submits. */
export interface ReportDraft {
  categoryId: string;
  description: string;
  /** fileIDs uploaded to the caller's `report` folder (storage.prepareUpload), at most 3. */
  images: string[];
  /** Required unless `household`: a household matter is placed at the household itself. */
  place?: ReportPlace;
  urgent: boolean;
  /** A private household matter: seen only by the reporter and the people handling it. */
  household: boolean;
  /**
   * Reporting for someone else (the senior's household): a confirmed relative, or community
   * staff taking a call, who must say why in `proxyReason`.
   */
  forResidentId?: string;
  proxyReason?: string;
  /**
   * Names this submission (drawn once per tap): a retry of it, after a lost answer, finds
   * the report it filed instead of filing a second one or taking a second daily place.
   */
  requestId?: string;
}

/** One row of any report list. Never carries the reporter's identity. */
export interface ReportItem {
  id: string;
  /** e.g. "RP260301-K7QD": quoted on the phone. */
  no: string;
  categoryId: string;
  categoryLabel: string;
  /** The start of the description. */
  excerpt: string;
  /** e.g. "5号楼2单元 3层", "东门", "中心广场附近". */
  placeLabel: string;
  status: ReportStatus;
  statusLabel: string;
  urgent: boolean;
  household: boolean;
  /** Residents who said "我也遇到了". */
  metoo: number;
  createdAt: string;
  /** Asia/Shanghai wall clock, e.g. "2026-03-01 09:30". */
  createdLabel: string;
  updatedLabel: string;
  /** A photo the viewer may see, as a temporary URL. */
  thumbnail?: string;
  imageCount: number;
  /** The caller filed it (public and duplicate lists). */
  own: boolean;
}

export type TimelineKind =
  | 'submitted'
  | 'accepted'
  | 'started'
  | 'resolved'
  | 'confirmed'
  | 'closed'
  | 'rejected'
  | 'duplicate'
  | 'reopened'
  | 'withdrawn'
  | 'reassigned'
  | 'note';

export interface TimelineEntry {
  id: string;
  kind: TimelineKind;
  /** e.g. "已受理", "内部备注". */
  title: string;
  text?: string;
  /** e.g. "5号楼党支部书记 吴国强", "报事人", "系统". */
  actorLabel: string;
  at: string;
  atLabel: string;
  /** Internal notes: handlers only. */
  internal: boolean;
  images: ImageView[];
}

/** What the caller may do with a report now. */
export interface ReportCapabilities {
  confirm: boolean;
  reopen: boolean;
  withdraw: boolean;
  metoo: boolean;
  accept: boolean;
  start: boolean;
  resolve: boolean;
  decline: boolean;
  reassign: boolean;
  note: boolean;
}

export interface ReassignTarget {
  key: string;
  /** e.g. "社区工作人员", "环境美化志愿服务队". */
  label: string;
  to: ReportAssignment;
}

export interface ReportDetail extends ReportItem {
  description: string;
  /** The reporter's photos the viewer may see (others: only those whose check passed). */
  images: ImageView[];
  timeline: TimelineEntry[];
  /** Who is responsible, e.g. "5号楼党支部", "社区工作人员", "环境美化志愿服务队". */
  assignmentLabel: string;
  /** Who accepted it, e.g. "5号楼党支部书记 吴国强". */
  assigneeLabel?: string;
  resolution?: {
    note: string;
    atLabel: string;
    /** ISO instant, for the pages' natural dates. */ at: string;
    images: ImageView[];
  };
  decline?: { outcome: 'rejected' | 'duplicate'; reason: string; duplicateOfNo?: string; duplicateOfId?: string };
  /** Owner and handlers. */
  rating?: { stars: number; comment?: string };
  /** Resolved reports: when it closes by itself, e.g. "3月9日 0:00 前未确认，将自动关闭". */
  autoCloseLabel?: string;
  /** How the caller relates to the report. */
  viewer: 'owner' | 'handler' | 'public';
  can: ReportCapabilities;
  metooByMe: boolean;
  reopensLeft: number;
  /** The text's moderation state (owner and handlers; others only ever see `pass`). */
  moderation: ModerationState;
  /** Handlers only: who reported, to call or visit them. */
  reporter?: { name: string; phone?: string; address?: string; filedBy?: string };
  /** Handlers who may reassign. */
  reassignTargets?: ReassignTarget[];
}

/** The report form's choices for the caller. */
export interface ReportOptions {
  categories: Array<Pick<ReportCategory, 'id' | 'label' | 'hint' | 'safety'>>;
  spots: Array<{ id: string; label: string }>;
  buildings: Array<{ no: number; units: number; floors: number }>;
  /** The caller's household, to prefill the place (verified households only). */
  home?: { buildingNo: number; unitNo: number; floor: number; label: string };
  /** Seniors the caller may report for (confirmed relative links). */
  forWhom: Array<{ residentId: string; name: string; buildingLabel?: string }>;
  /** False when the caller has neither a verified household nor a senior to report for. */
  canReport: boolean;
  /** Why not, in words. */
  cannotReportReason?: string;
  /** The caller handles reports: show the entry to the inbox. */
  canHandle: boolean;
  /** Handlers: reports waiting to be accepted. */
  waiting: number;
  isStaff: boolean;
  limits: { maxImages: number; maxDescription: number };
}

export type InboxGroup = 'new' | 'active' | 'resolved' | 'done';

export interface InboxItem extends ReportItem {
  assignmentLabel: string;
  assigneeLabel?: string;
}

/** Handling figures of one building × category (or a total). */
export interface StatsRow {
  key: string;
  /** e.g. "5号楼", "公共区域", "合计". */
  buildingLabel: string;
  categoryLabel: string;
  /** Open now (submitted, accepted or in progress), whenever reported. */
  open: number;
  /** Reported in the month. */
  reported: number;
  /** Of those, resolved (whether confirmed yet or not). */
  resolved: number;
  /** Median hours from report to acceptance; absent without accepted reports. */
  medianAcceptHours?: number;
  medianResolveHours?: number;
  /** The same medians in whole minutes (pages say "12分钟" under an hour). */
  medianAcceptMinutes?: number;
  medianResolveMinutes?: number;
  /** Mean rating 1–5 of the month's confirmed reports, one decimal. */
  satisfaction?: number;
  ratings: number;
}

export interface ReportStats {
  /** "YYYY-MM". */
  month: string;
  /** e.g. "2026年3月". */
  monthLabel: string;
  /** Per building, then per category inside it. */
  buildings: Array<StatsRow & { categories: StatsRow[] }>;
  /** Per category across the community. */
  categories: StatsRow[];
  total: StatsRow;
  /** Staff may look at any building; a secretary at their own. */
  scopeLabel: string;
}
