/**
 * The handbook (办事指南): search by words, pinyin or pinyin initials and by life event
 * (the query runs on keys computed when an item is written), one item's whole standard,
 * and editing with review — a staff member proposes a version, another approves it; the
 * approval applies it with a conditional update on the version it was written against,
 * so two approvals can never both land, and a retried approval finds its own history entry.
 */
import { randomBytes } from 'node:crypto';
import type {
  EditorView,
  ItemContent,
  LifeEvent,
  LifeEventOption,
  RevisionView,
  SearchView,
} from '../../typings/domain/service';
import { collection, command, database } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import {
  LIFE_EVENTS,
  LIFE_EVENT_ICONS,
  LIFE_EVENT_LABELS,
  WINDOWS,
  WINDOW_INFO,
  choices,
  contentChanges,
  matchItem,
  mayEdit,
  mayReview,
  phraseIndex,
  queryPattern,
  searchKeys,
  windowsOf,
} from '../shared/domain/service';
import { loadSyllabify } from '../shared/pinyin';
import { AppError } from '../shared/errors';
import { acceptUploads, temporaryUrls } from '../shared/storage';
import { ITEM_SUMMARY_FIELDS, type HistoryDoc, type ItemDoc, type RevisionDoc } from './docs';
import { requireItem } from './store';
import { historyView, itemSummary, itemView, revisionView } from './views';

/** The handbook is small (tens to a few hundred items): one query answers any search. */
const SEARCH_LIMIT = 200;

type Summary = Pick<ItemDoc, keyof typeof ITEM_SUMMARY_FIELDS | '_id'>;

async function lifeEventCounts(): Promise<Map<string, number>> {
  const $ = command().aggregate;
  const { data } = await collection('service_items')
    .aggregate()
    .project({ lifeEvents: true })
    .unwind('$lifeEvents')
    .group({ _id: '$lifeEvents', n: $.sum(1) })
    .limit(LIFE_EVENTS.length)
    .end();
  return new Map((data as Array<{ _id: string; n: number }>).map((row) => [row._id, row.n]));
}

export async function search(query: string | undefined, lifeEvent: LifeEvent | undefined): Promise<SearchView> {
  const pattern = query ? queryPattern(query) : '';
  const where: Record<string, unknown> = {};
  if (lifeEvent) where.lifeEvents = lifeEvent;
  if (pattern) where.searchKeys = database().RegExp({ regexp: pattern, options: 'i' });
  const [found, counts] = await Promise.all([
    collection('service_items')
      .where(where)
      .field(ITEM_SUMMARY_FIELDS)
      .orderBy('category', 'asc')
      .orderBy('_id', 'asc')
      .limit(SEARCH_LIMIT)
      .get()
      .then(({ data }) => data as Summary[]),
    lifeEventCounts(),
  ]);
  const ranked = found
    .map((item) => ({ item, match: matchItem(item, query ?? '') ?? { rank: 9 } }))
    .sort((a, b) => a.match.rank - b.match.rank);
  const lifeEvents: LifeEventOption[] = LIFE_EVENTS.map((key) => ({
    key,
    label: LIFE_EVENT_LABELS[key],
    icon: LIFE_EVENT_ICONS[key],
    countLabel: `${counts.get(key) ?? 0}项`,
  }));
  return {
    query: query ?? '',
    ...(lifeEvent ? { lifeEvent } : {}),
    items: ranked.map(({ item, match }) => itemSummary(item, match.matchedBy)),
    lifeEvents,
    windows: WINDOWS.map((key) => WINDOW_INFO[key]),
  };
}

function photosOf(content: Pick<ItemContent, 'materials'>): string[] {
  return content.materials.flatMap((material) => (material.photo ? [material.photo] : []));
}

export async function item(id: string) {
  const doc = await requireItem(id);
  const photos = photosOf(doc);
  return itemView(doc, photos.length ? await temporaryUrls(photos) : new Map());
}

// ---------------------------------------------------------------------------------------
// Editing with review
// ---------------------------------------------------------------------------------------

function contentOf(item: ItemDoc): ItemContent {
  return {
    title: item.title,
    aliases: item.aliases,
    category: item.category,
    summary: item.summary,
    lifeEvents: item.lifeEvents,
    window: item.window,
    clause: item.clause,
    eligibility: item.eligibility,
    materials: item.materials,
    steps: item.steps,
    timeLimit: item.timeLimit,
    fee: item.fee,
    place: item.place,
    hours: item.hours,
    post: item.post,
    bookable: item.bookable,
  };
}

function blankContent(window: ItemContent['window']): ItemContent {
  return {
    title: '',
    aliases: [],
    category: '',
    summary: '',
    lifeEvents: [],
    window,
    clause: '',
    eligibility: [],
    materials: [],
    steps: [],
    timeLimit: { kind: 'workdays', value: 5 },
    fee: '免费',
    place: WINDOW_INFO[window].place,
    hours: WINDOW_INFO[window].hours,
    post: '',
    bookable: true,
  };
}

async function pendingOf(itemId: string): Promise<RevisionDoc | undefined> {
  const { data } = await collection('service_revisions').where({ pendingKey: itemId }).limit(1).get();
  return data[0] as RevisionDoc | undefined;
}

export async function editor(me: ResidentDoc, id: string | undefined): Promise<EditorView> {
  const windows = windowsOf(me.roles);
  const lists = {
    lifeEvents: choices(LIFE_EVENTS, LIFE_EVENT_LABELS),
    windows: windows.map((key) => ({ key, label: WINDOW_INFO[key].label })),
  };
  if (!id) {
    return { version: 0, content: blankContent(windows[0] ?? 'community'), ...lists, history: [], photoUrls: {} };
  }
  const [doc, pending] = await Promise.all([requireItem(id), pendingOf(id)]);
  if (!mayEdit(me.roles, doc.window)) throw new AppError('FORBIDDEN', '这个事项不归您所在的窗口编辑');
  const photos = [...photosOf(doc), ...(pending ? photosOf(pending.content) : [])];
  const urls = photos.length ? await temporaryUrls(photos) : new Map<string, string>();
  return {
    itemId: doc._id,
    version: doc.version,
    content: contentOf(doc),
    ...(pending ? { pending: revisionView(pending, mayReview(me.roles, me._id, pending.authorId), doc.title) } : {}),
    ...lists,
    history: historyView(doc),
    photoUrls: Object.fromEntries(urls),
  };
}

export async function propose(
  me: ResidentDoc,
  openid: string,
  input: { itemId?: string; baseVersion: number; content: ItemContent; note: string },
  now: Date,
): Promise<RevisionView> {
  const { content } = input;
  if (!mayEdit(me.roles, content.window)) throw new AppError('FORBIDDEN', '您不能编辑这个窗口的事项');
  let current: ItemDoc | undefined;
  if (input.itemId) {
    current = await requireItem(input.itemId);
    if (!mayEdit(me.roles, current.window)) throw new AppError('FORBIDDEN', '这个事项不归您所在的窗口编辑');
    if (current.version !== input.baseVersion) {
      throw new AppError('CONFLICT', `这个事项已更新到第${current.version}版，请刷新后在新版本上修改`);
    }
  } else if (input.baseVersion !== 0) {
    throw new AppError('INVALID_INPUT', '新增事项的版本应为0');
  }
  const changes = contentChanges(current ? contentOf(current) : undefined, content);
  if (!changes.length) throw new AppError('INVALID_INPUT', '没有任何修改');
  // Photos already in the published version were accepted then; new ones must be the caller's uploads.
  const known = new Set(current ? photosOf(current) : []);
  const fresh = photosOf(content).filter((photo) => !known.has(photo));
  if (fresh.length) await acceptUploads('service', openid, fresh);
  const itemId = input.itemId ?? `svc-${randomBytes(5).toString('hex')}`;
  const revision: RevisionDoc = {
    _id: `rev-${randomBytes(8).toString('hex')}`,
    itemId,
    baseVersion: input.baseVersion,
    content,
    note: input.note,
    changes,
    authorId: me._id,
    authorName: me.name,
    state: 'pending',
    pendingKey: itemId,
    createdAt: now,
  };
  try {
    await collection('service_revisions').add(revision);
  } catch (error) {
    const waiting = await pendingOf(itemId);
    if (waiting) throw new AppError('CONFLICT', `这个事项已有${waiting.authorName}提交的修订稿在等待审核`);
    throw error;
  }
  return revisionView(revision, false, current?.title);
}

export async function reviews(me: ResidentDoc) {
  const { data } = await collection('service_revisions')
    .where({ state: 'pending' })
    .orderBy('createdAt', 'asc')
    .limit(100)
    .get();
  return {
    items: (data as RevisionDoc[]).map((revision) =>
      revisionView(revision, mayReview(me.roles, me._id, revision.authorId)),
    ),
  };
}

async function requireRevision(id: string): Promise<RevisionDoc> {
  const { data } = await collection('service_revisions').doc(id).get();
  const revision = data[0] as RevisionDoc | undefined;
  if (!revision) throw new AppError('NOT_FOUND', '没有找到这份修订稿');
  return revision;
}

/** Writes the approved version; true when it is (now or already) the item's. */
async function applyRevision(revision: RevisionDoc, me: ResidentDoc, now: Date): Promise<boolean> {
  const _ = command();
  const index = phraseIndex(revision.content, await loadSyllabify());
  const entry: HistoryDoc = {
    version: revision.baseVersion + 1,
    at: now,
    note: revision.note,
    changes: revision.changes,
    revisionId: revision._id,
    authorId: revision.authorId,
    reviewerId: me._id,
  };
  const { content } = revision;
  const fields = {
    ...content,
    aliases: _.set(content.aliases),
    lifeEvents: _.set(content.lifeEvents),
    eligibility: _.set(content.eligibility),
    materials: _.set(content.materials),
    steps: _.set(content.steps),
    timeLimit: _.set(content.timeLimit),
    index: _.set(index),
    searchKeys: _.set(searchKeys(index, content.category)),
  };
  if (revision.baseVersion === 0) {
    const doc: ItemDoc = {
      _id: revision.itemId,
      ...content,
      version: 1,
      history: [entry],
      index,
      searchKeys: searchKeys(index, content.category),
      updatedAt: now,
    };
    try {
      await collection('service_items').add(doc);
      return true;
    } catch {
      const { data } = await collection('service_items').doc(revision.itemId).get();
      return Boolean((data[0] as ItemDoc | undefined)?.history.some((h) => h.revisionId === revision._id));
    }
  }
  const { updated } = await collection('service_items')
    .where({ _id: revision.itemId, version: revision.baseVersion })
    .update({ ...fields, version: revision.baseVersion + 1, updatedAt: now, history: _.push([entry]) });
  if (updated === 1) return true;
  const { data } = await collection('service_items').doc(revision.itemId).get();
  return Boolean((data[0] as ItemDoc | undefined)?.history.some((h) => h.revisionId === revision._id));
}

export async function review(
  me: ResidentDoc,
  input: { revisionId: string; decision: 'approve' | 'reject'; comment?: string },
  now: Date,
): Promise<RevisionView> {
  const revision = await requireRevision(input.revisionId);
  if (revision.authorId === me._id) throw new AppError('FORBIDDEN', '不能审核自己提交的修订稿，请由其他工作人员审核');
  if (!mayReview(me.roles, me._id, revision.authorId)) throw new AppError('FORBIDDEN');
  if (revision.state !== 'pending')
    throw new AppError('CONFLICT', `这份修订稿${revision.state === 'approved' ? '已通过' : '已退回'}`);
  const decided = {
    pendingKey: `x|${revision._id}`,
    decidedAt: now,
    reviewerId: me._id,
    reviewerName: me.name,
    ...(input.comment ? { reviewComment: input.comment } : {}),
  };
  if (input.decision === 'reject') {
    const { updated } = await collection('service_revisions')
      .where({ _id: revision._id, state: 'pending' })
      .update({ state: 'rejected', ...decided });
    if (updated !== 1) throw new AppError('CONFLICT', '这份修订稿刚刚已由其他工作人员处理');
    return revisionView({ ...revision, state: 'rejected', ...decided }, false);
  }
  // The item first: a crash before the revision is marked leaves a pending revision whose
  // retry finds its own history entry and only marks it.
  if (!(await applyRevision(revision, me, now))) {
    await collection('service_revisions')
      .where({ _id: revision._id, state: 'pending' })
      .update({
        state: 'rejected',
        ...decided,
        reviewComment: '事项在此期间已更新，这份修订稿已过时，请在新版本上重新修改',
      });
    throw new AppError('CONFLICT', '事项在此期间已更新，这份修订稿已过时，请在新版本上重新修改');
  }
  await collection('service_revisions')
    .where({ _id: revision._id, state: 'pending' })
    .update({ state: 'approved', ...decided });
  return revisionView({ ...revision, state: 'approved', ...decided }, false);
}
