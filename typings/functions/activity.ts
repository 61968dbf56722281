/** Actions of the `activity` function: publishing, sign-ups with a waiting list, check-in, volunteer hours. */
import type {
  ActivityDetail,
  ActivityDraft,
  ActivityItem,
  CheckInResult,
  MyHours,
  OrganisedItem,
  OrganiserOption,
  Roster,
  SignupView,
  TeamReport,
  Ticket,
} from '../domain/activity';
import type { PushSummary } from '../domain/push';

export interface SaveOutput {
  id: string;
  version: number;
  /** The text waits for staff review: residents see the activity once approved. */
  held: boolean;
  /** Waiting sign-ups that got a place because capacity grew. */
  promoted: number;
  /** Who was told about a changed time or place (update only). */
  notified?: PushSummary;
}

export interface ActivityActions {
  /** Residents: upcoming activities (`forMe`: open to the caller's or their seniors' buildings). */
  list: {
    input: { filter?: 'forMe' | 'all'; page?: number };
    output: { items: ActivityItem[]; hasMore: boolean; canOrganise: boolean };
  };
  detail: { input: { id: string }; output: ActivityDetail };
  /**
   * Signs up the caller, or a senior bound to them (`participantId`). `requestId` is made
   * once per tap by the client: a retry with it never makes a second sign-up.
   */
  signUp: {
    input: { id: string; requestId: string; participantId?: string; companions?: number };
    output: SignupView;
  };
  /** Before the deadline; a freed place goes to the first on the waiting list. */
  cancelSignup: { input: { signupId: string }; output: SignupView };
  /** The caller's sign-ups and those they made for seniors (`past`: ended ones). */
  mine: {
    input: { past?: boolean; page?: number };
    output: { items: Array<ActivityItem & { signup: SignupView }>; hasMore: boolean };
  };
  /** The check-in code and QR of a sign-up with a place. */
  ticket: { input: { signupId: string }; output: Ticket };

  /** Organisers: who the caller may publish as. */
  organisers: { input: Record<string, never>; output: { options: OrganiserOption[] } };
  /** `requestId`: one per editor session, so a retry after a lost answer makes no second activity. */
  create: { input: ActivityDraft & { requestId?: string }; output: SaveOutput };
  /** `version` from the detail the editor started from. */
  update: { input: ActivityDraft & { id: string; version: number }; output: SaveOutput };
  /** Everyone signed up or waiting is told. */
  cancel: { input: { id: string; reason: string }; output: { id: string; notified: PushSummary } };
  /** The activities the caller manages (staff: `all`). */
  organised: {
    input: { past?: boolean; all?: boolean; page?: number };
    output: { items: OrganisedItem[]; hasMore: boolean };
  };
  roster: { input: { id: string }; output: Roster };
  /** By the code a participant shows (scanned or typed), or by sign-up for people without a phone. */
  checkIn: {
    input: { id: string; code?: string; signupId?: string };
    output: CheckInResult;
  };

  /** Volunteers: the caller's hours, per team. */
  myHours: { input: Record<string, never>; output: MyHours };
  /** Team leaders (own team) and staff (any): totals per volunteer, for a month or all time. */
  teamHours: { input: { teamId?: string; month?: string }; output: TeamReport };
  /** Staff: a spreadsheet of volunteer hours for one month, one team or all. */
  exportHours: {
    input: { month: string; teamId?: string };
    output: { fileID: string; url: string; fileName: string; rows: number };
  };
}
