/** Actions of the `council` function (议事): proposals, discussion, votes, answers, follow-through. */
import type {
  AgendaItem,
  AgendaStage,
  AnswerKind,
  BuildingChoice,
  CommentView,
  ManageResult,
  MilestoneView,
  MyTopicItem,
  MyVoteView,
  PaperRollHousehold,
  Stance,
  TopicCategory,
  TopicDetail,
  TopicDraft,
  TopicItem,
  TopicStage,
} from '../domain/council';

export interface CouncilActions {
  /**
   * Public topics (approved by moderation), newest stage first. `stage` picks a tab,
   * `myBuilding` keeps topics that concern the caller's building, `category` one category.
   */
  list: {
    input: { stage?: TopicStage; myBuilding?: boolean; category?: TopicCategory; page?: number };
    output: {
      items: TopicItem[];
      hasMore: boolean;
      /** The caller may propose (verified household). */
      canPropose: boolean;
      /** The caller may open the agenda queue (staff, branch secretaries). */
      canManage: boolean;
      /** e.g. "5号楼" — the caller's building, for the filter's label. */
      myBuildingLabel?: string;
    };
  };
  /** One topic with its whole timeline, vote, answer, milestones and first comments. */
  detail: { input: { id: string }; output: TopicDetail };
  /** More top-level comments (with their replies), oldest first. */
  comments: {
    input: { id: string; page: number };
    output: { items: CommentView[]; hasMore: boolean };
  };
  /** What the proposal form offers the caller: their building, the buildings, categories, slots left. */
  proposeForm: {
    input: Record<string, never>;
    output: {
      myBuildingNo: number;
      myBuildingLabel: string;
      buildings: BuildingChoice[];
      categories: Array<{ value: TopicCategory; label: string }>;
      /** Open proposals the caller has, and the limit. */
      open: number;
      limit: number;
    };
  };
  /** A verified resident proposes a topic; it is screened before anyone else sees it. */
  propose: {
    /**
     * `requestId`: drawn once per proposal form and sent again by a retry, which then
     * answers the topic already proposed instead of a second.
     */
    input: TopicDraft & { requestId?: string };
    output: {
      id: string;
      /** The text waits for staff review: others see it once approved. */
      held: boolean;
      /** Open proposals the caller now has, and the limit. */
      open: number;
      limit: number;
    };
  };
  /** The proposer withdraws a proposal not yet on the agenda. */
  withdraw: { input: { id: string }; output: ManageResult };
  /** "I support discussing this", one per household; `on: false` takes it back. */
  support: {
    input: { id: string; on: boolean };
    output: { supportCount: number; household: boolean; byMe: boolean };
  };
  /**
   * A comment with a stance (top level) or a reply to a top-level comment (no stance).
   * Residents in scope, and the topic's managers (who reply as officials).
   */
  comment: {
    /**
     * `requestId`: drawn once per editor session (miniprogram/utils/request-id.ts) and sent
     * again by a retry, which then answers the comment already posted instead of a second.
     */
    input: { id: string; body: string; stance?: Stance; parentId?: string; requestId?: string };
    output: { comment: CommentView; held: boolean };
  };
  /**
   * The caller's household votes (or the resident who cast it changes it) until the
   * deadline. A second member of a household that has voted is refused.
   */
  vote: {
    input: { id: string; choice: number };
    output: { myVote: MyVoteView; cast: number };
  };
  /** The caller's own proposals, newest first, with how many are open. */
  mine: {
    input: { page?: number };
    output: { items: MyTopicItem[]; hasMore: boolean; open: number; limit: number };
  };
  /** Managers: topics of their jurisdiction at a stage of the agenda. */
  agenda: {
    input: { stage: AgendaStage; page?: number };
    output: { items: AgendaItem[]; hasMore: boolean; counts: Record<AgendaStage, number> };
  };
  /** Managers: put a proposal on the agenda (讨论中). */
  accept: { input: { id: string; note?: string }; output: ManageResult };
  /** Managers: decline a proposal; the reason is shown to the proposer. */
  decline: { input: { id: string; reason: string }; output: ManageResult };
  /** Managers: merge a proposal into an existing topic (征集中 or 讨论中). */
  merge: { input: { id: string; intoId: string }; output: ManageResult };
  /**
   * Managers: open the vote. `options` omitted = 同意 / 反对 / 弃权. `deadline` is the
   * community's wall clock, "YYYY-MM-DD HH:mm"; `quorumPercent` the share of households
   * in scope that must vote.
   */
  openVote: {
    input: { id: string; options?: string[]; deadline: string; quorumPercent: number };
    output: ManageResult;
  };
  /**
   * Managers: the households of a unit in scope, for entering paper ballots. Without a
   * building / unit: the first building the caller may enter ballots for, unit 1.
   */
  paperRoll: {
    input: { id: string; buildingNo?: number; unitNo?: number };
    output: {
      buildingNo: number;
      unitNo: number;
      /** Buildings in scope the caller may enter paper ballots for. */
      buildings: BuildingChoice[];
      /** Unit numbers of the chosen building. */
      units: number[];
      households: PaperRollHousehold[];
      cast: number;
      electorate: number;
      options: string[];
    };
  };
  /** Managers: enter (or correct) the paper ballot of a household without WeChat. */
  paperVote: {
    input: { id: string; householdId: string; choice: number };
    output: { cast: number; paper: number };
  };
  /** Staff: the committee's official answer. Adopted topics move to 落实中. */
  answer: { input: { id: string; kind: AnswerKind; text: string }; output: ManageResult };
  /**
   * Managers: an implementation milestone of an adopted topic, with photos (fileIDs in
   * the caller's `topic` folder). `done` completes the topic (已完成).
   */
  milestone: {
    /** `requestId`: as for `propose`, one per milestone form, kept across a retry. */
    input: {
      id: string;
      title: string;
      note?: string;
      date: string;
      images: string[];
      done: boolean;
      requestId?: string;
    };
    output: ManageResult & { milestone: MilestoneView };
  };
}
