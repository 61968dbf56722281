/**
 * Actions of the `care` function (关爱). Care alerts are not an action: the function's
 * `signals` timer (every minute) reads the canteen's outcomes, the safety alarms and the
 * visits since its cursor and raises them, and its `daily` timer raises "no meal ordered"
 * and "visit overdue".
 */
import type {
  AlertAnswerKind,
  AlertView,
  ArchiveField,
  ArchiveView,
  CareCategory,
  CareConsent,
  CareEntryEditor,
  CareHome,
  CareListItem,
  CareRules,
  CareTaskView,
  FieldShare,
  HouseholdContactView,
  MealArrangement,
  OverviewView,
  PairingHousehold,
  PairingView,
  RecordVisitOutput,
  RulesView,
  TodayView,
  VisitFormView,
  VisitKind,
  VisitOutcome,
  VisitView,
} from '../domain/care';

export type ArchiveFieldsInput = Record<ArchiveField, { value: string; share: FieldShare }>;

export interface CareActions {
  // --- everyone -----------------------------------------------------------------------
  /** The 关爱 hub: the household's contacts, one's own care plan, bound seniors', carer and officer entries. */
  home: { input: Record<string, never>; output: CareHome };
  /** The households a Party member or unit leader is the paired contact of, with their phones. */
  myHouseholds: { input: Record<string, never>; output: { items: HouseholdContactView[] } };
  /**
   * A resident archive: the person's own (no residentId) or a bound senior's / an assigned
   * person's. Every read by someone other than the person is written to the access log first.
   */
  archive: { input: { residentId?: string }; output: ArchiveView };
  saveArchive: {
    input: { residentId?: string; fields: ArchiveFieldsInput; version: number };
    output: ArchiveView;
  };
  /** The archive as a spreadsheet for the person (or the relative acting for a senior without WeChat). */
  exportArchive: { input: { residentId?: string }; output: { fileID: string; url: string } };
  /** Deletion on request: by the person, a relative acting for a senior without WeChat, or staff with the reason. */
  eraseArchive: { input: { residentId?: string; reason?: string }; output: { erasedLabel: string } };
  /** Care alerts the caller may see: their circle's, their building's (secretary), all (staff). */
  alerts: {
    input: { status: 'open' | 'closed'; id?: string; page?: number };
    output: { items: AlertView[]; hasMore: boolean; unanswered: number };
  };
  answerAlert: { input: { id: string; kind: AlertAnswerKind; note?: string }; output: AlertView };
  /** The building's secretary or staff settle an alert, with what was done. */
  closeAlert: { input: { id: string; note: string }; output: AlertView };

  // --- carers --------------------------------------------------------------------------
  /** The carer's daily list: who is overdue, due today, later; open alerts of each. */
  today: { input: Record<string, never>; output: TodayView };
  visitForm: { input: { subjectId: string }; output: VisitFormView };
  /** Safe to retry: the same requestId records the visit once. */
  recordVisit: {
    input: {
      subjectId: string;
      requestId: string;
      kind: VisitKind;
      outcome: VisitOutcome;
      note?: string;
      photo?: string;
    };
    output: RecordVisitOutput;
  };
  /** A follow-up for community staff (one task per visit). */
  followUpTask: { input: { visitId: string; text: string }; output: VisitView };
  /** Links the 报事 the carer filed for the person (report.submit, acting for them) to the visit. */
  linkReport: { input: { visitId: string; reportId: string }; output: VisitView };

  // --- branch secretaries and staff ------------------------------------------------------
  pairing: { input: { buildingNo?: number }; output: PairingView };
  savePair: {
    input: { householdId: string; contactIds: string[]; version: number };
    output: PairingHousehold;
  };
  /** Pairs the unit's unpaired households with the Party members living in it (else its unit leader). */
  autoPair: { input: { buildingNo: number; unitNo: number }; output: { paired: number; view: PairingView } };
  careList: {
    input: { buildingNo?: number; status?: 'active' | 'ended' };
    output: { items: CareListItem[]; buildings: number[] };
  };
  findPeople: {
    input: { query: string; buildingNo?: number };
    output: { items: Array<{ residentId: string; name: string; addressLabel: string; onList: boolean }> };
  };
  entry: { input: { subjectId: string }; output: CareEntryEditor };
  saveEntry: {
    input: {
      subjectId: string;
      categories: CareCategory[];
      reason: string;
      consent: CareConsent;
      carerIds: string[];
      frequencyDays: number;
      meal: MealArrangement;
      version: number;
    };
    output: CareEntryEditor;
  };
  endEntry: { input: { subjectId: string; reason: string; version: number }; output: CareEntryEditor };
  overview: { input: { buildingNo?: number; month?: string }; output: OverviewView };
  /** Monthly visit figures per building and per carer, as a spreadsheet (no notes, no archive). */
  exportMonth: { input: { month: string }; output: { fileID: string; url: string } };
  tasks: { input: { status: 'open' | 'done' }; output: { items: CareTaskView[] } };
  completeTask: { input: { id: string; note?: string }; output: CareTaskView };
  rules: { input: Record<string, never>; output: RulesView };
  saveRules: { input: CareRules & { version: number }; output: RulesView };
}
