/** Actions of the `volunteer` function: teams and membership, call-outs 召集, duty rosters, hours and certificates. */
import type {
  ApplicationView,
  CallOutAnswer,
  CallOutCreated,
  CallOutDetail,
  CallOutDraft,
  CallOutItem,
  CallOutOptions,
  CertificateView,
  DutyDraft,
  HonourBoard,
  LogPlace,
  RosterWeek,
  ShiftDetail,
  ShiftView,
  StudentDetails,
  TeamCard,
  TeamDetail,
  VerifyResult,
  VolunteerProfileInput,
  VolunteerProfileView,
  VolunteerRecord,
} from '../domain/volunteer';

export interface VolunteerActions {
  /** 志愿 home: every team with its totals, the open call-outs that reach the caller, what they lead. */
  home: {
    input: Record<string, never>;
    output: { teams: TeamCard[]; callOuts: CallOutItem[]; leads: string[]; staff: boolean };
  };
  /** One team: purpose, leader, members (badges of those who opted in), figures, the caller's standing. */
  team: { input: { teamId: string }; output: TeamDetail };
  /** Verified residents: asks to join (skills, availability, student details). */
  apply: {
    input: VolunteerProfileInput & { teamId: string; note?: string };
    output: ApplicationView;
  };
  withdraw: { input: { teamId: string }; output: ApplicationView };
  /** The team's leader and staff: pending applications. */
  applications: { input: { teamId: string }; output: { items: ApplicationView[] } };
  /** Accepting makes the applicant a member (the `volunteer` role of the team). */
  decide: {
    input: { applicationId: string; accept: boolean; reason?: string };
    output: ApplicationView;
  };
  /** A member leaves (a leader is replaced by staff first). */
  leave: { input: { teamId: string }; output: { teamId: string; memberCount: number } };
  /** 党员亮身份, the honour board, and what the volunteer says about themselves. */
  setProfile: {
    input: {
      partyBadge?: boolean;
      honour?: boolean;
      skills?: string[];
      availability?: string[];
      student?: StudentDetails | null;
    };
    output: VolunteerProfileView;
  };

  /** Leaders and staff: who they may call out. */
  callOutOptions: { input: Record<string, never>; output: CallOutOptions };
  /** Leaders (their teams) and staff: sends a call; urgent ones are pushed at once. */
  createCallOut: { input: CallOutDraft; output: CallOutCreated };
  callOut: { input: { id: string }; output: CallOutDetail };
  /** 我来 / 来不了: a place while there is one, else the reserve list; 来不了 frees the place for the reserve. */
  answer: { input: { id: string; answer: 'yes' | 'no' }; output: CallOutDetail };
  /** A confirmed member at the place, with the six digits the caller shows. */
  checkIn: { input: { id: string; code: string }; output: { answer: CallOutAnswer; hoursCredited: number } };
  /** The caller ticks names (people without a phone at hand). */
  markAttended: {
    input: { id: string; residentIds: string[] };
    output: { attended: number; credited: number };
  };
  cancelCallOut: { input: { id: string; reason: string }; output: CallOutDetail };

  /** A team's week of shifts (members and managers). */
  roster: { input: { teamId: string; week?: string }; output: RosterWeek };
  /** The caller's shifts from today on. */
  myShifts: { input: Record<string, never>; output: { items: ShiftView[] } };
  /** A weekly duty; `requestId` is drawn once per form: a retry after a lost answer makes no second duty. */
  createDuty: { input: DutyDraft & { requestId: string }; output: { dutyId: string } };
  /** Stops a weekly duty from the coming weeks on (shifts already taken stay). */
  endDuty: { input: { dutyId: string }; output: { dutyId: string } };
  /** A member takes a shift while there is room. */
  takeShift: { input: { dutyId: string; date: string }; output: ShiftView };
  /** A leader or staff puts a member on a shift. */
  assignShift: { input: { dutyId: string; date: string; residentId: string }; output: ShiftView };
  /** Off a shift before it starts (members themselves; leaders for anyone). */
  dropShift: { input: { shiftId: string; residentId?: string }; output: ShiftView };
  /** A member on a shift asks a team mate to take it (optionally for one of theirs); the leader approves. */
  requestSwap: {
    input: { shiftId: string; toResidentId: string; toShiftId?: string };
    output: { swapId: string };
  };
  decideSwap: { input: { swapId: string; approve: boolean }; output: RosterWeek };
  shift: { input: { shiftId: string }; output: ShiftDetail };
  /** On a shift: at the post (hours credited). */
  checkInShift: { input: { shiftId: string }; output: ShiftDetail };
  /**
   * The shift log: an observation, with where and what kind, ready to become a 报事.
   * `requestId` is drawn once per entry: a retry after a lost answer writes it once.
   */
  addLog: {
    input: { shiftId: string; requestId: string; text: string; categoryId?: string; place?: LogPlace };
    output: ShiftDetail;
  };
  /** After report.submit: links the 报事 the caller filed from their log entry. */
  linkReport: { input: { shiftId: string; entryId: string; reportId: string }; output: ShiftDetail };

  /** The caller's hours by team and month, certificates and profile. */
  myRecord: { input: Record<string, never>; output: VolunteerRecord };
  /**
   * A certificate of hours for whole months ("YYYY-MM"); `student` in the school format.
   * `requestId` is drawn once per tap: a retry after a lost answer gets the same certificate.
   */
  issueCertificate: {
    input: { requestId: string; from: string; to: string; kind: 'general' | 'student' };
    output: CertificateView;
  };
  /** One of the caller's certificates, to show or save again. */
  certificate: { input: { code: string }; output: CertificateView };
  /** Anyone with the code: is it genuine, and what does it say. */
  verify: { input: { code: string }; output: VerifyResult };
  /** Monthly team figures and the opt-in honour board. */
  board: { input: { month?: string }; output: HonourBoard };
}
