/**
 * The domains' invariants, one function each, shared by the crash sweep, the known-defect
 * tests and the chaos run. Each reads the stand-in as an administrator and answers the
 * violations it found (empty: the invariant holds), scoped to the entities given.
 */
import type { ActivityDoc, SignupDoc } from '../../../cloudfunctions/activity/docs';
import type { MenuDoc, OrderDoc } from '../../../cloudfunctions/canteen/docs';
import type { BallotDoc, CommentDoc, SupportDoc, TopicDoc } from '../../../cloudfunctions/council/docs';
import { ballotId } from '../../../cloudfunctions/shared/domain/council';
import type { TestCloud } from '../cloud';
import { all, anyOf, one } from './read';

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
    ['activities', { reminder: 'sending' }, 'an activity reminder left sending'],
    ['activity_signups', { state: 'placing' }, 'a sign-up left placing'],
    ['canteen_orders', { followUp: _.exists(true) }, 'an order change never followed up'],
    ['canteen_menus', { cutoffSync: _.exists(true) }, "a menu's cut-off never reached its orders"],
    ['moderation_items', { followUp: _.exists(true) }, 'a decision never reached its content'],
  ];
  const violations: string[] = [];
  for (const [name, where, what] of checks) {
    for (const doc of await all<{ _id: string }>(db, name, where)) violations.push(`${name} ${doc._id}: ${what}`);
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
