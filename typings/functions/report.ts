/** Actions of the `report` function: reporting issues, handling them, and the figures. */
import type { PushSummary } from '../domain/push';
import type {
  InboxGroup,
  InboxItem,
  ReportAssignment,
  ReportCategory,
  ReportConfig,
  ReportDetail,
  ReportDraft,
  ReportItem,
  ReportOptions,
  ReportPlace,
  ReportSpot,
  ReportStats,
} from '../domain/report';

export interface SubmitOutput {
  id: string;
  no: string;
  /** Who it went to, e.g. "5号楼党支部". */
  assignmentLabel: string;
  /** The text waits for staff review before other residents see it (handlers see it at once). */
  held: boolean;
  /** How the message to the people responsible went. */
  push: PushSummary;
}

export interface ReportActions {
  /** The report form's choices: categories, spots, buildings, the caller's home, seniors to report for. */
  options: { input: Record<string, never>; output: ReportOptions };
  /**
   * The duplicate hint: open, public reports of the same category at the same building (or
   * spot) from the last 14 days, newest first.
   */
  similar: {
    input: { categoryId: string; place: ReportPlace };
    output: { items: Array<ReportItem & { metooByMe: boolean }> };
  };
  /** Files a report; it is routed and the people responsible are pushed at once. */
  submit: { input: ReportDraft; output: SubmitOutput };
  /** "我也遇到了" on someone else's open, public report: once per resident. */
  metoo: { input: { id: string }; output: { metoo: number } };
  /** The caller's reports (and those they filed for a senior), newest first. */
  mine: {
    input: { open?: boolean; page?: number };
    output: { items: ReportItem[]; hasMore: boolean };
  };
  /** Public reports of the caller's building (or community-wide spots), newest first. No names. */
  publicList: {
    input: { scope: 'building' | 'community'; page?: number };
    output: { items: ReportItem[]; hasMore: boolean; scopeLabel: string };
  };
  /** One report, as the caller may see it. */
  detail: { input: { id: string }; output: ReportDetail };
  /** The reporter: it is fixed; rates 1–5 with an optional comment. */
  confirm: { input: { id: string; stars: number; comment?: string }; output: ReportDetail };
  /** The reporter, once: not fixed after all (or the decision is wrong). */
  reopen: { input: { id: string; reason: string }; output: ReportDetail };
  /** The reporter, before anyone accepted it. */
  withdraw: { input: { id: string }; output: ReportDetail };

  /** Handlers: reports by status group; staff may look at all or one building. */
  inbox: {
    input: { group: InboxGroup; scope?: 'mine' | 'all'; buildingNo?: number; page?: number };
    output: {
      items: InboxItem[];
      hasMore: boolean;
      counts: Record<InboxGroup, number>;
      /** Staff: may switch to all reports and filter by building. */
      canSeeAll: boolean;
    };
  };
  /** Handlers: takes it on; the caller becomes the assignee. */
  accept: { input: { id: string }; output: ReportDetail };
  /** The assignee's team starts work (optional note for the reporter). */
  start: { input: { id: string; note?: string }; output: ReportDetail };
  /** Fixed: a note for the reporter and up to 3 photos (caller's `report` folder). */
  resolve: { input: { id: string; note: string; images: string[] }; output: ReportDetail };
  /** Branch secretaries and staff: rejected or a duplicate, with the reason. */
  decline: {
    input: { id: string; outcome: 'rejected' | 'duplicate'; reason: string; duplicateOf?: string };
    output: ReportDetail;
  };
  /** Branch secretaries and staff: hands it to staff, a volunteer team or a building's branch. */
  reassign: { input: { id: string; to: ReportAssignment; note?: string }; output: ReportDetail };
  /** Handlers: an internal note the reporter never sees. */
  note: { input: { id: string; text: string }; output: ReportDetail };

  /** Staff (any building) and branch secretaries (their own): a month's figures. */
  stats: { input: { month: string; buildingNo?: number }; output: ReportStats };
  /** The month's figures as a spreadsheet (xlsx) in the caller's export folder. */
  exportStats: {
    input: { month: string };
    output: { fileID: string; url: string; fileName: string; rows: number };
  };
  /** Staff: categories, routing and spots, with the volunteer teams to route to. */
  config: {
    input: Record<string, never>;
    output: ReportConfig & { teams: Array<{ id: string; name: string }>; buildings: number[] };
  };
  /** Staff: saves categories, routing and spots; `version` from the config the editor started from. */
  saveConfig: {
    input: { categories: ReportCategory[]; spots: ReportSpot[]; version: number };
    output: ReportConfig;
  };
}
