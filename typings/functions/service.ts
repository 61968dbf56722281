/** Actions of the `service` function: the handbook, appointments, take-a-number, records, ratings, evaluation. */
import type {
  BookingFormView,
  BookingView,
  Commitment,
  DateKey,
  DayView,
  EditorView,
  EvaluationView,
  ExportFile,
  ItemContent,
  ItemView,
  LifeEvent,
  MonthKey,
  RatingForm,
  RatingLevel,
  RecordView,
  RecordsView,
  RevisionView,
  ScreenView,
  SearchView,
  SlotInput,
  TicketView,
  WindowKey,
} from '../domain/service';

export interface BookInput {
  /** Chosen by the client once per submission: a retry with the same id returns the same booking. */
  requestId: string;
  slotId: string;
  itemId: string;
  /** Whom it is for; omitted = the caller. A bound relative may book for the senior. */
  forId?: string;
  note?: string;
}

export interface ServiceActions {
  // --- residents (the handbook needs no registration) ------------------------------------
  /** Words, pinyin or pinyin initials ("dbz" → 低保证), and/or a life event; nothing = the whole handbook. */
  search: { input: { query?: string; lifeEvent?: LifeEvent }; output: SearchView };
  item: { input: { id: string }; output: ItemView };
  bookingForm: { input: { window: WindowKey; itemId?: string }; output: BookingFormView };
  /** One place of a slot, taken atomically; one active booking per person, window and day. */
  book: { input: BookInput; output: BookingView };
  /** Before the slot starts: the person, whoever booked it, or a bound relative. */
  cancelBooking: { input: { bookingId: string }; output: BookingView };
  /** Bookings for the caller or made by the caller, and finished services waiting for a rating. */
  myBookings: {
    input: Record<string, never>;
    output: { upcoming: BookingView[]; past: BookingView[]; toRate: RecordView[] };
  };
  /** On arrival: the code of the window scanned (today's); `forId` for a senior one accompanies. */
  takeNumber: { input: { code: string; forId?: string }; output: TicketView };
  /** Today's tickets of the caller (and the seniors they care for), with the position in the queue. */
  myTickets: { input: Record<string, never>; output: { tickets: TicketView[] } };
  ratingForm: { input: { recordId: string }; output: { record: RecordView; form: RatingForm } };
  /** After a finished service: once, by the person served or a bound relative. */
  rate: {
    input: { recordId: string; level: RatingLevel; reasons: Commitment[]; comment?: string };
    output: RecordView;
  };

  // --- window staff (community staff; bank staff at the 金融服务站) ---------------------
  day: { input: { window: WindowKey; date?: DateKey }; output: DayView };
  /** Opens slots of a day or changes their capacity (never below what is booked). */
  saveSlots: { input: { window: WindowKey; date: DateKey; minutes: number; slots: SlotInput[] }; output: DayView };
  screen: { input: { window: WindowKey }; output: ScreenView };
  /** Calls the next waiting number to a counter. */
  callNext: { input: { window: WindowKey; counter: string }; output: ScreenView };
  /** A called number nobody answered: set aside (it may be called again later by taking a new number). */
  skipTicket: { input: { ticketId: string }; output: ScreenView };
  /**
   * A number issued at the counter for someone without a phone. `requestId` (one per issue at
   * the desk, kept across a retry) makes a retry after a lost answer give the same number to a
   * walk-in too; a registered resident has one active number a day anyway.
   */
  counterTicket: {
    input: { window: WindowKey; name: string; residentId?: string; itemId?: string; requestId: string };
    output: TicketView;
  };
  /** Starts the service record (the time-limit clock starts from the item's standard). */
  openRecord: {
    input: { itemId: string; ticketId?: string; bookingId?: string; personName?: string };
    output: RecordView;
  };
  /** 需补材料 (told at once, the clock stops), 已受理 again (the clock restarts), or 已办结. */
  updateRecord: {
    input: { recordId: string; status: 'received' | 'needs_materials' | 'done'; missing?: string[] };
    output: RecordView;
  };
  records: { input: { window?: WindowKey; filter: 'open' | 'today' }; output: RecordsView };
  record: { input: { recordId: string }; output: RecordView };
  /** A month's evaluation (default: this month). */
  evaluation: { input: { month?: MonthKey }; output: EvaluationView };
  exportEvaluation: { input: { month: MonthKey }; output: ExportFile };

  // --- the handbook's editing, with review ----------------------------------------------
  editor: { input: { id?: string }; output: EditorView };
  /** A proposed version (new item when `itemId` is absent); waits for another staff member's review. */
  propose: {
    input: { itemId?: string; baseVersion: number; content: ItemContent; note: string };
    output: RevisionView;
  };
  reviews: { input: Record<string, never>; output: { items: RevisionView[] } };
  review: {
    input: { revisionId: string; decision: 'approve' | 'reject'; comment?: string };
    output: RevisionView;
  };
}
