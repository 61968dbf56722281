/** Actions of the `notice` function: publishing, the residents' feed, read receipts. */
import type { PushSummary } from '../domain/push';
import type {
  MyNoticeItem,
  NoticeDetail,
  NoticeDraft,
  NoticeItem,
  NoticeReceipts,
  NoticeTargets,
} from '../domain/notice';

export interface PublishOutput {
  id: string;
  version: number;
  /** The text waits for staff review: residents see it (and urgent pushes go) once approved. */
  held: boolean;
  /** Urgent notices whose text passed: how the push went. */
  push?: PushSummary;
}

export interface NoticeActions {
  /** Publishers: which community / buildings / units the caller may publish to. */
  targets: { input: Record<string, never>; output: NoticeTargets };
  /**
   * Branch secretaries (own building or units of it) and staff (anywhere). `requestId`: kept
   * by the editor across retries, so a retry after a lost answer gets the first notice back.
   */
  publish: { input: NoticeDraft & { requestId?: string }; output: PublishOutput };
  /**
   * The author or staff; `version` from the detail the editor started from. `requestId`: kept
   * by the editor across retries, so a retry of an edit that was applied is answered, not refused.
   */
  update: { input: NoticeDraft & { id: string; version: number; requestId?: string }; output: PublishOutput };
  /** The author or staff; the notice disappears and its files are deleted. */
  withdraw: { input: { id: string }; output: { id: string } };
  /**
   * The notices for the caller's household (community-wide ones only without a verified
   * household): pinned first, then newest; unexpired, approved, not withdrawn.
   */
  feed: {
    input: { page?: number; pageSize?: number };
    output: {
      items: NoticeItem[];
      hasMore: boolean;
      /** The caller may publish: show the entries to the publisher pages. */
      canPublish: boolean;
    };
  };
  /** One notice; opening it marks the caller's household as having read it. */
  detail: { input: { id: string }; output: NoticeDetail };
  /** Publishers: their own notices (staff: `all` of them) with read counts. */
  mine: {
    input: { page?: number; all?: boolean };
    output: {
      items: MyNoticeItem[];
      hasMore: boolean;
      /** Staff: may list everyone's notices (`all`). */
      canSeeAll: boolean;
    };
  };
  /** Read receipts for the part of the scope the caller looks after. */
  receipts: { input: { id: string }; output: NoticeReceipts };
  /** The unread households as a spreadsheet (xlsx) in the caller's export folder. */
  exportUnread: {
    input: { id: string };
    output: { fileID: string; url: string; fileName: string; rows: number };
  };
}
