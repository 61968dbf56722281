/**
 * The domains' invariants, one function each, shared by the crash sweep, the known-defect
 * tests and the chaos run. Each reads the stand-in as an administrator and answers the
 * violations it found (empty: the invariant holds), scoped to the entities given.
 */
import type { ActivityDoc, SignupDoc } from '../../../cloudfunctions/activity/docs';
import type { MenuDoc, OrderDoc } from '../../../cloudfunctions/canteen/docs';
import type {
  BallotDoc,
  CommentDoc,
  SlotDoc as CouncilSlotDoc,
  SupportDoc,
  TopicDoc,
} from '../../../cloudfunctions/council/docs';
import { ballotId, OPEN_PROPOSAL_LIMIT } from '../../../cloudfunctions/shared/domain/council';
import { AUTO_HIDE_FLAGS } from '../../../cloudfunctions/moderation/queue';
import { creditId } from '../../../cloudfunctions/shared/push';
import type { TemplateKey } from '../../../typings/domain/push';
import { noticeFiles, type NoticeDoc } from '../../../cloudfunctions/notice/docs';
import type { ReportDoc, TimelineDoc } from '../../../cloudfunctions/report/docs';
import type { AlarmDoc, ConfigDoc as SafetyConfigDoc, DeviceDoc, TaskDoc } from '../../../cloudfunctions/safety/docs';
import { activeRings, DEFAULT_CONFIG as SAFETY_DEFAULTS, nextRing } from '../../../cloudfunctions/safety/rules';
import { dayKey as reportDayKey, transition, type ReportEvent } from '../../../cloudfunctions/shared/domain/report';
import type { HouseholdDoc, ResidentDoc } from '../../../cloudfunctions/shared/docs';
import type { TestCloud } from '../cloud';
import type { BookingDoc, QueueDoc, SlotDoc, TicketDoc } from '../../../cloudfunctions/service/docs';
import type { CallOutDoc, ShiftDoc } from '../../../cloudfunctions/volunteer/docs';
import type { HoursDoc } from '../../../cloudfunctions/shared/hours';
import { shiftHoursId } from '../../../cloudfunctions/shared/domain/hours';
import { all, anyOf, countBy, fileExists, one } from './read';

type Db = ReturnType<TestCloud['db']>;

// ---------------------------------------------------------------------------------------
// 食堂: portions left + live orders = capacity, for every dish of every menu.
// ---------------------------------------------------------------------------------------

export async function canteenPortions(db: Db, menuIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  const menus = await all<MenuDoc>(db, 'canteen_menus', { _id: anyOf(db, menuIds) });
  const orders = await all<OrderDoc>(db, 'canteen_orders', { menuId: anyOf(db, menuIds) });
  for (const menu of menus) {
    for (const dish of menu.dishes) {
      const live = orders
        .filter((order) => order.menuId === menu._id && order.dishId === dish.id && order.status !== 'cancelled')
        .reduce((sum, order) => sum + order.portions, 0);
      const left = menu.stock[dish.id] ?? 0;
      if (left + live !== dish.capacity) {
        violations.push(
          `menu ${menu._id} dish ${dish.name}: ${left} left + ${live} ordered ≠ capacity ${dish.capacity}`,
        );
      }
    }
    const active = orders.filter((order) => order.menuId === menu._id && order.status !== 'cancelled');
    const diners = new Set(active.map((order) => order.dinerId));
    if (diners.size !== active.length) violations.push(`menu ${menu._id}: a diner holds two live orders`);
  }
  return violations;
}

// ---------------------------------------------------------------------------------------
// 活动: places taken = confirmed sign-ups; waiting list = waiting sign-ups, in order.
// ---------------------------------------------------------------------------------------

const HOLDING = new Set(['confirmed', 'attended', 'no_show']);

export async function activityLedger(db: Db, activityIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  for (const id of activityIds) {
    const activity = await one<ActivityDoc>(db, 'activities', id);
    if (!activity) continue;
    const signups = await all<SignupDoc>(db, 'activity_signups', { activityId: id });
    const byId = new Map(signups.map((signup) => [signup._id, signup]));
    const where = `activity ${id}`;
    const holderIds = activity.holders.map((entry) => entry.id);
    const queueIds = activity.queue.map((entry) => entry.id);
    const taken = activity.holders.reduce((sum, entry) => sum + entry.n, 0);
    if (taken !== activity.taken) violations.push(`${where}: taken ${activity.taken} ≠ holders' places ${taken}`);
    if (activity.capacity !== null && activity.taken > activity.capacity)
      violations.push(`${where}: ${activity.taken} places taken of ${activity.capacity}`);
    if (activity.waitingCount !== queueIds.length)
      violations.push(`${where}: waitingCount ${activity.waitingCount} ≠ queue ${queueIds.length}`);
    if (new Set([...holderIds, ...queueIds]).size !== holderIds.length + queueIds.length)
      violations.push(`${where}: a sign-up is twice in the ledger`);
    for (const entry of activity.holders) {
      const signup = byId.get(entry.id);
      if (!signup) violations.push(`${where}: holder ${entry.id} has no sign-up`);
      else if (!HOLDING.has(signup.state)) violations.push(`${where}: holder ${entry.id} is ${signup.state}`);
      else if (entry.n !== 1 + signup.companions)
        violations.push(`${where}: holder ${entry.id} holds ${entry.n} places for ${1 + signup.companions} people`);
    }
    for (const signup of signups) {
      if (HOLDING.has(signup.state) && !holderIds.includes(signup._id))
        violations.push(`${where}: sign-up ${signup._id} is ${signup.state} without a place`);
      if (signup.state === 'waiting' && !queueIds.includes(signup._id))
        violations.push(`${where}: sign-up ${signup._id} is waiting outside the waiting list`);
      if (signup.state === 'placing') violations.push(`${where}: sign-up ${signup._id} is still being placed`);
    }
    for (const entry of activity.queue) {
      const signup = byId.get(entry.id);
      if (!signup || signup.state !== 'waiting')
        violations.push(`${where}: waiting entry ${entry.id} is ${signup?.state ?? 'missing'}`);
    }
    // In order: the waiting list follows the order the ledger numbered the sign-ups.
    const seqs = activity.queue.flatMap((entry) => {
      const seq = byId.get(entry.id)?.seq;
      return seq === undefined ? [] : [seq];
    });
    if (seqs.some((seq, i) => i > 0 && seq < seqs[i - 1]!)) violations.push(`${where}: waiting list out of order`);
    // First come first served: nobody waits while the place they need is free.
    const head = activity.queue[0];
    if (
      activity.state === 'published' &&
      activity.capacity !== null &&
      head &&
      activity.taken + head.n <= activity.capacity
    )
      violations.push(`${where}: ${activity.capacity - activity.taken} places free while ${head.id} waits`);
    const attended = signups.filter((signup) => signup.state === 'attended').length;
    if (activity.attended !== attended)
      violations.push(`${where}: attended counter ${activity.attended} ≠ ${attended} checked in`);
  }
  return violations;
}

// ---------------------------------------------------------------------------------------
// 议事: support count = supports; running tallies, cast and paper = the ballots (one a
// household by their key, a changed choice counted once); a closed vote's result = its ballots.
// ---------------------------------------------------------------------------------------

export async function councilCounts(db: Db, topicIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  for (const id of topicIds) {
    const topic = await one<TopicDoc>(db, 'council_topics', id);
    if (!topic) continue;
    const where = `topic ${id}`;
    const supports = await all<SupportDoc>(db, 'council_supports', { topicId: id });
    if (topic.supportCount !== supports.length)
      violations.push(`${where}: supportCount ${topic.supportCount} ≠ ${supports.length} supports`);
    for (const support of supports)
      if (support._id !== ballotId(id, support.householdId))
        violations.push(`${where}: support ${support._id} not keyed by its household`);
    const shown = await all<CommentDoc>(db, 'council_comments', { topicId: id, 'moderation.state': 'pass' });
    if (topic.commentCount !== shown.length)
      violations.push(`${where}: commentCount ${topic.commentCount} ≠ ${shown.length} comments shown`);
    for (const stance of ['support', 'neutral', 'oppose'] as const) {
      const n = shown.filter((each) => !each.isReply && each.stance === stance).length;
      if (topic.stanceCounts[stance] !== n)
        violations.push(`${where}: ${stance} counted ${topic.stanceCounts[stance]} ≠ ${n} comments`);
    }
    for (const parent of shown.filter((each) => !each.isReply)) {
      const n = shown.filter((each) => each.isReply && each.parentId === parent._id).length;
      if (parent.replyCount !== n)
        violations.push(`${where}: comment ${parent._id} counts ${parent.replyCount} ≠ ${n} replies`);
    }
    if (!topic.vote) continue;
    const ballots = await all<BallotDoc>(db, 'council_ballots', { topicId: id });
    if (new Set(ballots.map((ballot) => ballot.householdId)).size !== ballots.length)
      violations.push(`${where}: a household holds two ballots`);
    const vote = topic.vote;
    if (vote.result) {
      if (vote.result.cast !== ballots.length)
        violations.push(`${where}: result counts ${vote.result.cast} ballots ≠ ${ballots.length}`);
      continue;
    }
    if (vote.cast !== ballots.length) violations.push(`${where}: cast ${vote.cast} ≠ ${ballots.length} ballots`);
    const paper = ballots.filter((ballot) => ballot.channel === 'paper').length;
    if (vote.paper !== paper) violations.push(`${where}: paper ${vote.paper} ≠ ${paper} paper ballots`);
    vote.options.forEach((option, index) => {
      const n = ballots.filter((ballot) => ballot.choice === index).length;
      if (vote.tallies[index] !== n) violations.push(`${where}: «${option}» tallied ${vote.tallies[index]} ≠ ${n}`);
    });
  }
  return violations;
}

/**
 * 议事 open-proposal slots: each proposer's slots are exactly their open proposals (征集中,
 * shown or in review), one each, within the limit: none held by a topic that left 征集中 or
 * was never written (the proposer would be refused a proposal for nothing).
 */
export async function councilSlots(db: Db, residentIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  for (const residentId of residentIds) {
    const slots = await all<CouncilSlotDoc>(db, 'council_slots', { residentId });
    const topics = await all<TopicDoc>(db, 'council_topics', { authorId: residentId, status: 'proposed' });
    const open = new Set(
      topics.filter((topic) => ['pass', 'review'].includes(topic.moderation.state)).map((topic) => topic._id),
    );
    const held = countBy(slots, (slot) => slot.topicId);
    for (const [topicId, n] of held) {
      if (!open.has(topicId)) violations.push(`${residentId}: slot held by ${topicId}, not an open proposal`);
      else if (n > 1) violations.push(`${residentId}: ${n} slots for ${topicId}`);
    }
    for (const topicId of open) if (!held.has(topicId)) violations.push(`${residentId}: ${topicId} holds no slot`);
    if (slots.length > OPEN_PROPOSAL_LIMIT) violations.push(`${residentId}: ${slots.length} slots taken`);
  }
  return violations;
}

// ---------------------------------------------------------------------------------------
// 居民: one resident per WeChat user; a name held for review is in the review queue (else
// it would stay hidden for good, with nobody asked to decide it).
// ---------------------------------------------------------------------------------------

export async function residentsWhole(db: Db, openids: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  const residents = await all<{ _id: string; openid: string; moderation?: { state: string } }>(db, 'residents', {
    openid: anyOf(db, openids),
  });
  const per = new Map<string, number>();
  for (const resident of residents) per.set(resident.openid, (per.get(resident.openid) ?? 0) + 1);
  for (const [openid, n] of per) if (n > 1) violations.push(`${openid}: ${n} residents`);
  for (const resident of residents.filter((each) => each.moderation?.state === 'review')) {
    const item = await one<{ state: string }>(db, 'moderation_items', `profile_${resident._id}_review`);
    if (item?.state !== 'open') violations.push(`resident ${resident._id}: name held with no open review item`);
  }
  return violations;
}

// ---------------------------------------------------------------------------------------
// 审核: a decided item's decision reached its content and the audit log (once), nothing left
// to follow up.
// ---------------------------------------------------------------------------------------

const DECIDED_STATE: Record<string, string> = { approve: 'pass', hide: 'hidden', reject: 'rejected' };
const CONTENT: Record<string, string> = { profile: 'residents', topic: 'council_topics', comment: 'council_comments' };

export async function moderationDecided(db: Db, itemIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  const items = await all<{
    _id: string;
    state: string;
    decision?: string;
    followUp?: object;
    target: { kind: string; id: string };
  }>(db, 'moderation_items', { _id: anyOf(db, itemIds) });
  for (const item of items.filter((each) => each.state === 'closed')) {
    const where = `item ${item._id}`;
    if (item.followUp) violations.push(`${where}: decision never followed up`);
    const content = await one<{ moderation?: { state: string } }>(db, CONTENT[item.target.kind]!, item.target.id);
    const want = DECIDED_STATE[item.decision ?? ''];
    if (content?.moderation?.state !== want)
      violations.push(`${where}: decided ${item.decision}, the content is ${content?.moderation?.state ?? 'missing'}`);
    const logged = await all(db, 'moderation_audit', {
      'target.kind': item.target.kind,
      'target.id': item.target.id,
      action: item.decision,
    });
    if (logged.length !== 1) violations.push(`${where}: ${logged.length} audit entries for the decision`);
  }
  return violations;
}

/**
 * Flags counted once each: the content's flag count = its households' flags; content the
 * flags hid is in the staff queue, and its hiding is in the audit log once.
 */
const CONTENT_OF: Record<string, string> = { ...CONTENT, notice: 'notices' };

export async function flagsCounted(db: Db, refs: ReadonlyArray<{ kind: string; id: string }>): Promise<string[]> {
  const violations: string[] = [];
  for (const { kind, id } of refs) {
    const where = `${kind} ${id}`;
    const content = await one<{ moderation?: { state?: string; flags?: number } }>(db, CONTENT_OF[kind]!, id);
    const flags = await all(db, 'content_flags', { kind, targetId: id });
    const counted = content?.moderation?.flags ?? 0;
    if (counted !== flags.length) violations.push(`${where}: counts ${counted} flags, ${flags.length} flagged`);
    const hiddenByFlags = (
      await all<{ _id: string; action: string }>(db, 'moderation_audit', {
        'target.kind': kind,
        'target.id': id,
        action: 'auto_hide',
      })
    ).length;
    if (hiddenByFlags > 1) violations.push(`${where}: hidden by flags, audited ${hiddenByFlags} times`);
    if (content?.moderation?.state === 'hidden' && counted >= AUTO_HIDE_FLAGS) {
      const item = await one(db, 'moderation_items', `${kind}_${id}_flags`);
      if (!item) violations.push(`${where}: hidden with no review item`);
      if (hiddenByFlags !== 1) violations.push(`${where}: hidden, its hiding audited ${hiddenByFlags} times`);
    }
  }
  return violations;
}

// ---------------------------------------------------------------------------------------
// Pushes: every in-app message of a delivered push exists once; nothing is left half-sent.
// ---------------------------------------------------------------------------------------

interface MessageDoc {
  _id: string;
  recipientId: string;
  title: string;
  source: { kind: string; id: string };
  fanoutId?: string;
}

/**
 * The messages about `source`: none twice for a recipient (same title), every fan-out
 * fully written, no outbox entry left claimed by a dead sender; with `recipients`, each of
 * them has one (whose title contains `titled`, when given).
 */
export async function pushedOnce(
  db: Db,
  source: { kind: string; id: string },
  recipients: readonly string[] = [],
  titled?: string,
): Promise<string[]> {
  const violations: string[] = [];
  const where = `${source.kind}:${source.id}`;
  const messages = await all<MessageDoc>(db, 'messages', { 'source.kind': source.kind, 'source.id': source.id });
  const seen = new Map<string, number>();
  for (const message of messages) {
    const key = `${message.recipientId} «${message.title}»`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  for (const [key, count] of seen) if (count > 1) violations.push(`${where}: ${count}× the message ${key}`);
  for (const recipient of recipients) {
    const has = messages.some((m) => m.recipientId === recipient && (titled === undefined || m.title.includes(titled)));
    if (!has) violations.push(`${where}: ${recipient} never got ${titled ? `«…${titled}…»` : 'a message'}`);
  }
  const fanouts = [...new Set(messages.flatMap((m) => (m.fanoutId ? [m.fanoutId] : [])))];
  if (fanouts.length) {
    const open = await all<{ _id: string; state: string }>(db, 'push_fanouts', {
      _id: anyOf(db, fanouts),
      state: 'expanding',
    });
    for (const fanout of open) violations.push(`${where}: fan-out ${fanout._id} never finished`);
  }
  const claimed = await all<{ _id: string }>(db, 'push_outbox', {
    'source.kind': source.kind,
    'source.id': source.id,
    state: 'sending',
  });
  for (const entry of claimed) violations.push(`${where}: outbox entry ${entry._id} left sending`);
  return violations;
}

/**
 * A person's one-time credits for a template: one for each answer counted, every answer
 * counted at most once (its request id kept with the count), and only answers the person
 * gave (`requestIds`).
 */
export async function creditsCounted(
  db: Db,
  openid: string,
  template: TemplateKey,
  requestIds: readonly string[],
): Promise<string[]> {
  const credit = await one<{ once: number; requests?: string[] }>(db, 'push_credits', creditId(openid, template));
  if (!credit) return [];
  const where = `credits of ${openid} for ${template}`;
  const counted = credit.requests ?? [];
  const violations: string[] = [];
  if (credit.once !== counted.length) violations.push(`${where}: ${credit.once} for ${counted.length} answers`);
  if (new Set(counted).size !== counted.length) violations.push(`${where}: an answer counted twice`);
  for (const id of counted) if (!requestIds.includes(id)) violations.push(`${where}: counts an answer ${id} not given`);
  return violations;
}

// ---------------------------------------------------------------------------------------
// Nothing left half-way, anywhere: the marks every writer sets while it works, checked
// over the whole store once the world's timers ran (past every lease).
// ---------------------------------------------------------------------------------------

/** Marks that must not outlive the timers: a half-done write still visible somewhere. */
export async function nothingLeftHalfway(db: Db): Promise<string[]> {
  const _ = db.command;
  const checks: Array<[string, object, string]> = [
    ['push_fanouts', { state: 'expanding' }, 'a fan-out never finished'],
    ['push_outbox', { state: 'sending' }, 'an outbox entry left sending'],
    ['notices', { 'push.state': 'sending' }, 'an urgent notice left sending'],
    ['notices', { state: 'withdrawn', filesDeleted: _.neq(true) }, 'a withdrawn notice kept its files'],
    ['notices', { 'filesToDelete.0': _.exists(true) }, "an edit's dropped files never deleted"],
    ['activities', { reminder: 'sending' }, 'an activity reminder left sending'],
    ['activity_signups', { state: 'placing' }, 'a sign-up left placing'],
    ['activities', { unsettled: _.exists(true) }, 'a ledger change never settled'],
    ['canteen_orders', { followUp: _.exists(true) }, 'an order change never followed up'],
    ['service_bookings', { followUp: _.exists(true) }, 'a cancelled booking never followed up'],
    ['service_records', { complaintPending: _.exists(true) }, 'an unsatisfied rating never reached the director'],
    ['volunteer_applications', { tellPending: _.exists(true) }, 'a decided applicant never told'],
    ['canteen_menus', { cutoffSync: _.exists(true) }, "a menu's cut-off never reached its orders"],
    ['moderation_items', { followUp: _.exists(true) }, 'a decision never reached its content'],
    ['care_alerts', { 'push.state': 'sending' }, 'a care alert left sending'],
    ['council_topics', { 'tells.0': _.exists(true) }, 'a step of a topic never pushed'],
  ];
  const violations: string[] = [];
  for (const [name, where, what] of checks) {
    for (const doc of await all<{ _id: string }>(db, name, where)) violations.push(`${name} ${doc._id}: ${what}`);
  }
  return violations;
}

/**
 * Notices: a held notice (text in review) is in the staff queue; a withdrawn or rejected
 * one has its files gone from storage; a live one keeps its own files, and of `uploaded`
 * (the files its steps ever gave it) none it dropped is left in storage; no push is left
 * sending.
 */
export async function noticesWhole(
  db: Db,
  noticeIds: readonly string[],
  uploaded: readonly string[] = [],
): Promise<string[]> {
  const violations = await noticePushFinal(db, noticeIds);
  const notices = await all<NoticeDoc>(db, 'notices', { _id: anyOf(db, noticeIds) });
  for (const notice of notices) {
    const where = `notice ${notice._id}`;
    if (notice.moderation.state === 'review') {
      const item = await one<{ state: string }>(db, 'moderation_items', `notice_${notice._id}_review`);
      if (item?.state !== 'open') violations.push(`${where}: held with no open review item`);
    }
    const own = noticeFiles(notice);
    const gone = notice.state === 'withdrawn' || notice.moderation.state === 'rejected';
    if (gone && !notice.filesDeleted) violations.push(`${where}: ${notice.state}, files never deleted`);
    if (notice.filesToDelete?.length) violations.push(`${where}: dropped files never deleted`);
    for (const fileID of new Set([...own, ...uploaded])) {
      const wanted = !gone && own.includes(fileID);
      if ((await fileExists(fileID)) !== wanted)
        violations.push(`${where}: file ${fileID} ${wanted ? 'lost' : 'left in storage'}`);
    }
  }
  return violations;
}

/** Every notice given ends in a final push state (none, pending review, sent, failed). */
export async function noticePushFinal(db: Db, noticeIds: readonly string[]): Promise<string[]> {
  const notices = await all<{ _id: string; push: { state: string } }>(db, 'notices', { _id: anyOf(db, noticeIds) });
  return notices
    .filter((notice) => notice.push.state === 'sending')
    .map((notice) => `notice ${notice._id}: push left sending`);
}

// ---------------------------------------------------------------------------------------
// 关爱: an entry's last visit is its latest visit; every alert's messages out once, none
// left unsent; a follow-up task and its visit point at each other; every change of an
// archive by someone other than the person is in its access log.
// ---------------------------------------------------------------------------------------

interface CareVisit {
  _id: string;
  subjectId: string;
  at: Date;
  followUp?: { kind: string; id: string };
}

export async function careVisits(db: Db, subjectIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  for (const subjectId of subjectIds) {
    const entry = await one<{ lastVisit?: { id: string; at: Date } }>(db, 'care_list', subjectId);
    const visits = await all<CareVisit>(db, 'care_visits', { subjectId });
    const latest = visits.reduce<CareVisit | undefined>(
      (best, visit) => (!best || new Date(visit.at) > new Date(best.at) ? visit : best),
      undefined,
    );
    if (!entry || !latest) continue;
    if (!entry.lastVisit || new Date(entry.lastVisit.at).getTime() < new Date(latest.at).getTime()) {
      violations.push(
        `care entry ${subjectId}: last visit ${entry.lastVisit?.id ?? 'none'} is not the latest, ${latest._id}`,
      );
    }
  }
  return violations;
}

/**
 * The alerts `where` selects: none left claimed, each sent (unless `pendingOk`: raised by an
 * action, its message waits for the signals timer), its messages once (to `recipients`).
 */
export async function careAlertsSent(
  db: Db,
  where: object,
  recipients: readonly string[] = [],
  pendingOk = false,
): Promise<string[]> {
  const violations: string[] = [];
  const alerts = await all<{ _id: string; push: { state: string } }>(db, 'care_alerts', where);
  for (const alert of alerts) {
    const fine = alert.push.state === 'sent' || (pendingOk && alert.push.state === 'pending');
    if (!fine) violations.push(`care alert ${alert._id}: push left ${alert.push.state}`);
    violations.push(...(await pushedOnce(db, { kind: 'care_alert', id: alert._id }, recipients)));
  }
  return violations;
}

/** Follow-up tasks of these visits: each linked from its visit, each told to staff once. */
export async function careTasks(db: Db, visitIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  const tasks = await all<{ _id: string; visitId: string }>(db, 'care_tasks', { visitId: anyOf(db, visitIds) });
  const visits = await all<CareVisit>(db, 'care_visits', { _id: anyOf(db, visitIds) });
  for (const task of tasks) {
    const visit = visits.find((each) => each._id === task.visitId);
    if (visit?.followUp?.id !== task._id) violations.push(`care task ${task._id}: its visit does not point at it`);
    violations.push(...(await pushedOnce(db, { kind: 'care_task', id: task._id }, [], '走访跟进')));
    const told = await all<{ _id: string }>(db, 'messages', { 'source.kind': 'care_task', 'source.id': task._id });
    if (!told.length) violations.push(`care task ${task._id}: staff never told`);
  }
  for (const visit of visits) {
    if (visit.followUp?.kind === 'task' && !tasks.some((task) => task._id === visit.followUp!.id)) {
      violations.push(`care visit ${visit._id}: follow-up task ${visit.followUp.id} missing`);
    }
  }
  return violations;
}

/** An archive changed by someone other than the person: its change is in the log. */
export async function careArchiveLogged(db: Db, subjectId: string): Promise<string[]> {
  const archive = await one<{ updatedBy: string; updatedAt: Date; version: number }>(db, 'care_archives', subjectId);
  if (!archive || archive.updatedBy === subjectId) return [];
  const log = await all<{ _id: string; readerId: string; action: string; at: Date }>(db, 'care_access_log', {
    subjectId,
    readerId: archive.updatedBy,
  });
  const logged = log.some(
    (entry) =>
      ['edit', 'erase'].includes(entry.action) &&
      new Date(entry.at).getTime() === new Date(archive.updatedAt).getTime(),
  );
  return logged
    ? []
    : [`care archive ${subjectId}: version ${archive.version} changed by ${archive.updatedBy} unlogged`];
}

// ---------------------------------------------------------------------------------------
// 报事: every status change has its timeline entry once and the status is where the
// entries lead; counters (me-too, the daily quota) match the documents they count.
// ---------------------------------------------------------------------------------------

/** The event each status-changing timeline entry records (notes change nothing). */
const REPORT_EVENTS: Partial<Record<TimelineDoc['kind'], ReportEvent>> = {
  accepted: 'accept',
  started: 'start',
  resolved: 'resolve',
  confirmed: 'confirm',
  closed: 'close',
  rejected: 'reject',
  duplicate: 'duplicate',
  reopened: 'reopen',
  withdrawn: 'withdraw',
  reassigned: 'reassign',
};

export async function reportLedger(db: Db, reportIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  const reports = await all<ReportDoc>(db, 'reports', { _id: anyOf(db, reportIds) });
  const metoos = await all<{ _id: string; reportId: string }>(db, 'report_metoos', { reportId: anyOf(db, reportIds) });
  const metooCounts = countBy(metoos, (m) => m.reportId);
  for (const report of reports) {
    const where = `report ${report._id}`;
    const ids = report.timeline.map((entry) => entry.id);
    if (new Set(ids).size !== ids.length) violations.push(`${where}: a timeline entry is there twice`);
    const [first, ...rest] = report.timeline;
    if (first?.kind !== 'submitted') violations.push(`${where}: the timeline does not start with the submission`);
    if (rest.some((entry) => entry.kind === 'submitted')) violations.push(`${where}: submitted twice in its timeline`);
    // Replay the timeline through the state machine: it must lead to the stored status, one
    // version step for each change (a change written without its entry, or twice, shows here).
    let status: ReportDoc['status'] = 'submitted';
    let reopens = 0;
    let changes = 1;
    for (const entry of rest) {
      const event = REPORT_EVENTS[entry.kind];
      if (!event) continue;
      const step = transition(status, event, reopens);
      if (!step.ok) {
        violations.push(`${where}: timeline step ${entry.kind} from ${status} is not allowed`);
        break;
      }
      status = step.to;
      if (event === 'reopen') reopens++;
      changes++;
    }
    if (status !== report.status) violations.push(`${where}: status ${report.status}, its timeline says ${status}`);
    if (changes !== report.version) violations.push(`${where}: version ${report.version} after ${changes} changes`);
    if (reopens !== report.reopenCount) violations.push(`${where}: reopenCount ${report.reopenCount} ≠ ${reopens}`);
    const counted = metooCounts.get(report._id) ?? 0;
    if (report.metoo !== counted) violations.push(`${where}: me-too ${report.metoo} ≠ ${counted} residents`);
  }
  return violations;
}

/**
 * The daily quota of the person who files: its count is the reports they filed that day
 * (Shanghai day), so a submission that died never costs a place and none is free.
 */
export async function reportQuota(db: Db, residentId: string, day: Date): Promise<string[]> {
  const key = reportDayKey(day);
  const quota = await one<{ count: number }>(db, 'report_quotas', `${residentId}|${key}`);
  const filed = (await all<ReportDoc>(db, 'reports', { ownerIds: residentId })).filter(
    (report) => report.timeline[0]?.actorId === residentId && reportDayKey(report.createdAt) === key,
  ).length;
  const count = quota?.count ?? 0;
  return count === filed ? [] : [`${residentId} on ${key}: quota counts ${count}, filed ${filed}`];
}

// ---------------------------------------------------------------------------------------
// 社区: a decision is made once and what it decided holds (a verified resident belongs to
// the household of their address); every change of households, roles and relatives is in
// the audit record once; no person is half-registered.
// ---------------------------------------------------------------------------------------

export const BINDING_AUDITS = ['binding_verify', 'binding_reject'];

/**
 * For the residents given (fresh ones, each touched by one step): the binding and its
 * household agree, a senior staff registered is complete, registered once (by name and
 * room) and audited once; and each of `audited` is in the record exactly `times` times
 * (once for a change made, never for one not made, never twice).
 */
export async function communityRecords(
  db: Db,
  residentIds: readonly string[],
  audited: ReadonlyArray<{ action: string | string[]; subjectId: string; times: number }> = [],
): Promise<string[]> {
  const violations: string[] = [];
  const residents = await all<ResidentDoc>(db, 'residents', { _id: anyOf(db, residentIds) });
  const audits = await all<{ _id: string; action: string; subjectId: string }>(db, 'community_audit', {
    subjectId: anyOf(db, [...residentIds, ...audited.map((a) => a.subjectId)]),
  });
  const auditCount = (action: string | string[], subjectId: string) =>
    audits.filter((a) => a.subjectId === subjectId && [action].flat().includes(a.action)).length;
  for (const resident of residents) {
    const where = `resident ${resident._id}`;
    const { binding } = resident;
    if (binding.status === 'verified') {
      const householdId = binding.householdId ?? resident.householdId;
      const household = householdId ? await one<HouseholdDoc>(db, 'households', householdId) : undefined;
      if (!household) violations.push(`${where}: verified without a household`);
      else if (
        binding.address &&
        (household.buildingNo !== binding.address.buildingNo ||
          household.unitNo !== binding.address.unitNo ||
          household.room !== binding.address.room)
      )
        violations.push(`${where}: verified for ${JSON.stringify(binding.address)}, in household ${household._id}`);
    }
    if (resident.registeredBy) {
      if (binding.status !== 'verified' || !resident.householdId)
        violations.push(`${where}: a senior registered half-way`);
      const namesakes = await all<ResidentDoc>(db, 'residents', {
        name: resident.name,
        'binding.address.buildingNo': binding.address?.buildingNo,
        'binding.address.unitNo': binding.address?.unitNo,
        'binding.address.room': binding.address?.room,
      });
      if (namesakes.length > 1) violations.push(`${where}: registered ${namesakes.length} times`);
      const added = auditCount('senior_add', resident._id);
      if (added !== 1) violations.push(`${where}: registered, ${added} times audited`);
    }
  }
  for (const { action, subjectId, times } of audited) {
    const n = auditCount(action, subjectId);
    if (n !== times) violations.push(`${subjectId}: ${[action].flat().join('/')} audited ${n} times, not ${times}`);
  }
  return violations;
}

// ---------------------------------------------------------------------------------------
// 安全: every alarm is in a state the ladder continues from; no ring is lost or paged twice.
// ---------------------------------------------------------------------------------------

/**
 * After the world's timers (past STUCK_AFTER_MS): no ring is left claimed and unpaged;
 * every ring up to the one claimed was paged, once; an unanswered open alarm has its next
 * ring due (unless it is at the top); an answered or closed one rings no more; a closed one
 * says why.
 */
export async function safetyLadder(db: Db, alarmIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  const stored = await one<Partial<SafetyConfigDoc>>(db, 'safety_config', 'current');
  const config = { ...SAFETY_DEFAULTS, ...stored };
  const alarms = await all<AlarmDoc>(db, 'safety_alarms', { _id: anyOf(db, alarmIds) });
  for (const alarm of alarms) {
    const where = `alarm ${alarm._id}`;
    const { ladder } = alarm;
    const ids = alarm.timeline.map((entry) => entry.id);
    if (new Set(ids).size !== ids.length) violations.push(`${where}: a timeline entry is there twice`);
    for (const [ring, n] of countBy(ladder.paged, (p) => String(p.ring))) {
      if (n > 1) violations.push(`${where}: ring ${ring} paged ${n} times`);
    }
    if (ladder.unpushed) violations.push(`${where}: ring ${ladder.ring} claimed, never paged`);
    const due = activeRings(config).filter((ring) => ring <= ladder.ring - (ladder.unpushed ? 1 : 0));
    for (const ring of due) {
      if (!ladder.paged.some((p) => p.ring === ring)) violations.push(`${where}: ring ${ring} never paged`);
    }
    const answered = alarm.acks.length > 0 || alarm.status !== 'open';
    if (answered && ladder.nextAt !== null) violations.push(`${where}: ${alarm.status}, yet rings on`);
    if (!answered && ladder.nextAt === null && nextRing(config, ladder.ring) !== null)
      violations.push(`${where}: unanswered, the ladder stopped at ring ${ladder.ring}`);
    if (alarm.status === 'closed' && (!alarm.closing || !alarm.closedAt))
      violations.push(`${where}: closed without why`);
    if ((alarm.status === 'closed') !== alarm.openKey.startsWith('closed|'))
      violations.push(`${where}: ${alarm.status} with the key ${alarm.openKey}`);
  }
  return violations;
}

/**
 * Safety tasks: a device-problem task done means the device no longer shows the problem
 * (it would report again as a new task); a station inspected this month has no open
 * inspection task for the month.
 */
export async function safetyTasks(db: Db, taskIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  const tasks = await all<TaskDoc>(db, 'safety_tasks', { _id: anyOf(db, taskIds) });
  for (const task of tasks) {
    const where = `task ${task._id}`;
    if (task.status === 'done' && task.deviceKey) {
      const device = await one<DeviceDoc>(db, 'safety_devices', task.deviceKey);
      if (device?.issues.includes(task.kind as DeviceDoc['issues'][number]))
        violations.push(`${where}: done, its device still shows ${task.kind}`);
    }
    if (task.status === 'open' && task.kind === 'inspection' && task.stationId && task.month) {
      const inspection = await one(db, 'safety_inspections', `${task.stationId}|${task.month}`);
      if (inspection) violations.push(`${where}: the station was inspected, the task is open`);
    }
  }
  return violations;
}

// ---------------------------------------------------------------------------------------
// 服务窗口: a slot's places left + live bookings = capacity, its request keys = those
// bookings'; a day's queue numbers unique and in order; a booking whose person holds the
// day's number is marked arrived.
// ---------------------------------------------------------------------------------------

const HOLDS_A_PLACE = new Set(['booked', 'arrived', 'served', 'no_show']);

export async function serviceSlots(db: Db, slotIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  const slots = await all<SlotDoc>(db, 'service_slots', { _id: anyOf(db, slotIds) });
  const bookings = await all<BookingDoc>(db, 'service_bookings', { slotId: anyOf(db, slotIds) });
  for (const slot of slots) {
    const live = bookings.filter((booking) => booking.slotId === slot._id && HOLDS_A_PLACE.has(booking.status));
    if (slot.left + live.length !== slot.capacity)
      violations.push(`slot ${slot._id}: ${slot.left} left + ${live.length} booked ≠ capacity ${slot.capacity}`);
    if (slot.left < 0) violations.push(`slot ${slot._id}: ${slot.left} places left`);
    const keys = new Set(slot.bookingKeys);
    for (const booking of live)
      if (!keys.has(booking.requestKey)) violations.push(`slot ${slot._id}: booking ${booking._id} holds no key`);
    const people = countBy(live, (booking) => booking.activeKey);
    for (const [key, count] of people)
      if (count > 1) violations.push(`slot ${slot._id}: ${count} live bookings ${key}`);
  }
  return violations;
}

export async function serviceQueue(db: Db, queueIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  const queues = await all<QueueDoc>(db, 'service_queues', { _id: anyOf(db, queueIds) });
  const tickets = await all<TicketDoc>(db, 'service_tickets', { queueId: anyOf(db, queueIds) });
  for (const queue of queues) {
    const mine = tickets.filter((ticket) => ticket.queueId === queue._id).sort((a, b) => a.number - b.number);
    const numbers = countBy(mine, (ticket) => String(ticket.number));
    for (const [number, count] of numbers)
      if (count > 1) violations.push(`queue ${queue._id}: number ${number} ×${count}`);
    for (const ticket of mine) {
      if (ticket.number < 1 || ticket.number > queue.issued)
        violations.push(`queue ${queue._id}: number ${ticket.number} beyond the ${queue.issued} issued`);
      if (ticket._id !== `${queue._id}_${ticket.number}`)
        violations.push(`ticket ${ticket._id} is number ${ticket.number}`);
    }
    if (mine.some((ticket, i) => i > 0 && new Date(ticket.takenAt) < new Date(mine[i - 1]!.takenAt)))
      violations.push(`queue ${queue._id}: numbers out of order`);
    const active = mine.filter((ticket) => !ticket.activeKey.startsWith('x|'));
    for (const [key, count] of countBy(active, (ticket) => ticket.activeKey))
      if (count > 1) violations.push(`queue ${queue._id}: ${count} active numbers for ${key}`);
    const linked = mine.flatMap((ticket) => (ticket.bookingId ? [ticket.bookingId] : []));
    if (linked.length) {
      const booked = await all<BookingDoc>(db, 'service_bookings', { _id: anyOf(db, linked), status: 'booked' });
      for (const booking of booked) violations.push(`booking ${booking._id} has its number but is not arrived`);
    }
  }
  return violations;
}

// ---------------------------------------------------------------------------------------
// 志愿服务: a shift's takers ≤ its places and its counter = takers; hours credited once per
// attendance (a record for each attended member, none for anyone else).
// ---------------------------------------------------------------------------------------

export async function volunteerShifts(db: Db, shiftIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  const shifts = await all<ShiftDoc>(db, 'volunteer_shifts', { _id: anyOf(db, shiftIds) });
  const hours = await all<HoursDoc>(db, 'volunteer_hours', { shiftId: anyOf(db, shiftIds) });
  for (const shift of shifts) {
    const where = `shift ${shift._id}`;
    if (shift.assignedCount !== shift.assignees.length)
      violations.push(`${where}: counter ${shift.assignedCount} ≠ ${shift.assignees.length} on it`);
    if (shift.assignees.length > shift.slots)
      violations.push(`${where}: ${shift.assignees.length} on ${shift.slots} places`);
    if (new Set(shift.assignees).size !== shift.assignees.length) violations.push(`${where}: someone on it twice`);
    if (new Set(shift.attendedIds).size !== shift.attendedIds.length)
      violations.push(`${where}: someone attended twice`);
    const credited = hours.filter((record) => record.shiftId === shift._id);
    for (const record of credited) {
      if (!shift.attendedIds.includes(record.residentId))
        violations.push(`${where}: hours for ${record.residentId}, who did not attend`);
      if (record._id !== shiftHoursId(shift._id, record.residentId))
        violations.push(`${where}: hours record ${record._id} not keyed by the attendance`);
    }
    if (shift.hours > 0)
      for (const id of shift.attendedIds)
        if (!credited.some((record) => record.residentId === id)) violations.push(`${where}: ${id} attended, no hours`);
  }
  return violations;
}

/**
 * A call-out's answers counted once: the counters are the lists' lengths, nobody on two
 * lists or twice on one, no more confirmed than needed, nobody waits on the reserve while a
 * place is free, only confirmed members attended; hours only for those who attended (and,
 * once settled, for every one of them).
 */
export async function volunteerCallOuts(db: Db, callOutIds: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  const docs = await all<CallOutDoc>(db, 'volunteer_callouts', { _id: anyOf(db, callOutIds) });
  const hours = await all<HoursDoc>(db, 'volunteer_hours', { callOutId: anyOf(db, callOutIds) });
  for (const doc of docs) {
    const where = `call-out ${doc._id}`;
    const confirmed = doc.confirmed.map((entry) => entry.id);
    const reserve = doc.reserve.map((entry) => entry.id);
    if (doc.confirmedCount !== confirmed.length)
      violations.push(`${where}: confirmedCount ${doc.confirmedCount} ≠ ${confirmed.length} confirmed`);
    if (doc.reserveCount !== reserve.length)
      violations.push(`${where}: reserveCount ${doc.reserveCount} ≠ ${reserve.length} on the reserve`);
    if (confirmed.length > doc.needed)
      violations.push(`${where}: ${confirmed.length} confirmed of ${doc.needed} needed`);
    const listed = [...confirmed, ...reserve];
    if (new Set(listed).size !== listed.length) violations.push(`${where}: an answer counted twice`);
    for (const id of doc.declinedIds)
      if (listed.includes(id)) violations.push(`${where}: ${id} declined and still listed`);
    if (doc.state === 'open' && reserve.length && confirmed.length < doc.needed)
      violations.push(`${where}: a place free while ${reserve[0]} waits on the reserve`);
    for (const id of doc.attendedIds)
      if (!confirmed.includes(id)) violations.push(`${where}: ${id} attended without a place`);
    const credited = hours.filter((record) => record.callOutId === doc._id);
    for (const record of credited)
      if (!doc.attendedIds.includes(record.residentId))
        violations.push(`${where}: hours for ${record.residentId}, who did not attend`);
    for (const [residentId, count] of countBy(credited, (record) => record.residentId))
      if (count > 1) violations.push(`${where}: ${count} hours records for ${residentId}`);
    if (doc.settled && doc.hours > 0)
      for (const id of doc.attendedIds)
        if (!credited.some((record) => record.residentId === id)) violations.push(`${where}: ${id} attended, no hours`);
  }
  return violations;
}
