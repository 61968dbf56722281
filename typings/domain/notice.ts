/**
 * Notices (通知): published by a building's Party branch secretary to their building (or
 * chosen units of it), or by community staff to the whole community or chosen buildings;
 * read receipts are kept per household.
 */
import type { HouseholdAddress } from './community';
import type { ImageView, ModerationState } from './content';
import type { PushSummary } from './push';

/** Who a notice is for. A whole building is `buildings` with one number. */
export type NoticeScope =
  | { kind: 'community' }
  | { kind: 'buildings'; buildingNos: number[] }
  | { kind: 'units'; buildingNo: number; unitNos: number[] };

export type NoticeState = 'published' | 'withdrawn';

export type AttachmentExt = 'pdf' | 'docx' | 'xlsx';

export interface NoticeAttachment {
  fileID: string;
  /** The file name as the publisher chose it, e.g. "停水安排.pdf". */
  name: string;
  ext: AttachmentExt;
  /** A temporary download URL (detail only). */
  url?: string;
}

/** What a publisher writes; `publish` takes it, `update` takes it with the notice id. */
export interface NoticeDraft {
  scope: NoticeScope;
  title: string;
  body: string;
  /** fileIDs of images uploaded to the caller's `notice` folder (storage.prepareUpload). */
  images: string[];
  attachments: Array<{ fileID: string; name: string }>;
  pinned: boolean;
  /** Urgent notices are also pushed to every resident in scope. */
  urgent: boolean;
  /** Last day (Asia/Shanghai, "YYYY-MM-DD") the notice shows; omitted = no expiry. */
  expiresOn?: string;
}

/** One row of the notice feed (home page, the notice list). */
export interface NoticeItem {
  id: string;
  title: string;
  /** The start of the body, one or two lines. */
  excerpt: string;
  /** e.g. "全社区", "5号楼", "5号楼 2、3单元". */
  scopeLabel: string;
  /** e.g. "5号楼党支部", "社区居委会". */
  publisherLabel: string;
  pinned: boolean;
  urgent: boolean;
  publishedAt: string;
  /** Asia/Shanghai wall clock, e.g. "2026-11-26 09:00". */
  publishedLabel: string;
  /** e.g. "有效期至 2026-11-30"; absent without an expiry. */
  expiresLabel?: string;
  /** The caller's household has not opened it yet (always false without a household). */
  unread: boolean;
  /** Edited after publishing. */
  edited: boolean;
  imageCount: number;
  attachmentCount: number;
}

export interface NoticeDetail extends NoticeItem {
  body: string;
  scope: NoticeScope;
  /** Images the caller may see: to residents only those whose check passed, with a URL. */
  images: ImageView[];
  attachments: NoticeAttachment[];
  expiresOn?: string;
  expired: boolean;
  state: NoticeState;
  /** The text's moderation state; anything but `pass` is seen by the author and staff only. */
  moderation: ModerationState;
  /** For `update`: the version the editor started from. */
  version: number;
  /** The author or staff. */
  canEdit: boolean;
  /** Staff, the author, or the secretary / unit leader of a building or unit in scope. */
  canSeeReceipts: boolean;
}

/** One of the caller's own notices, with how far it reached. */
export interface MyNoticeItem extends NoticeItem {
  state: NoticeState;
  moderation: ModerationState;
  expired: boolean;
  /** Households in scope when published (or last edited). */
  householdCount: number;
  readCount: number;
  /** How the urgent push went; absent for non-urgent notices. */
  push?: { state: 'pending' | 'sent' | 'failed'; summary?: PushSummary };
  canEdit: boolean;
}

export interface ReceiptResident {
  residentId: string;
  name: string;
  /** Full number: the secretary calls it. Absent when none is on record. */
  phone?: string;
}

export interface ReceiptHousehold extends HouseholdAddress {
  householdId: string;
  /** e.g. "5号楼2单元301". */
  address: string;
  /** Verified residents of the household; empty when nobody has registered. */
  residents: ReceiptResident[];
}

/** Why a resident got the notice only in the app (or not yet): the secretary should call. */
export type UnreachableReason = 'not_subscribed' | 'no_wechat' | 'failed' | 'queued';

export interface UnreachableResident extends ReceiptResident {
  address: string;
  reason: UnreachableReason;
  /** Someone in the household has read the notice meanwhile. */
  householdRead: boolean;
}

/** Read receipts of a notice, limited to the part of its scope the viewer looks after. */
export interface NoticeReceipts {
  id: string;
  title: string;
  /** The households counted, e.g. "5号楼" or "5号楼 2单元" for a unit leader. */
  regionLabel: string;
  /** Households (rooms) in the region. */
  households: number;
  /** Of which with at least one verified resident. */
  registeredHouseholds: number;
  read: number;
  /** Unread households, by address. */
  unread: ReceiptHousehold[];
  /** Urgent notices: residents the WeChat reminder did not reach. */
  unreachable: UnreachableResident[];
  urgent: boolean;
}

/** What the caller may publish to, for the editor's scope picker. */
export interface NoticeTargets {
  community: boolean;
  buildings: Array<{ buildingNo: number; label: string; units: number[] }>;
  /** How the notice will be signed, e.g. "5号楼党支部". */
  publisherLabel: string;
}
