/**
 * The `notice` function: branch secretaries publish to their building (or units of it),
 * staff to the community or chosen buildings; residents read a feed for their household
 * (pinned first, newest next) in one query; opening a notice marks the household as
 * having read it (once, race-free); publishers see who has read it and who the urgent
 * push could not reach, and can export the unread households as a spreadsheet.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { NoticeDraft, NoticeScope } from '../../typings/domain/notice';
import type { PushSummary } from '../../typings/domain/push';
import type { PublishOutput } from '../../typings/functions/notice';
import { collection, command } from '../shared/cloud';
import type { StoredImage } from '../shared/content';
import type { BuildingDoc, ResidentDoc } from '../shared/docs';
import { buildingLabel } from '../shared/domain/labels';
import { AppError } from '../shared/errors';
import { requestIdInput } from '../shared/inputs';
import {
  assertNotBlocked,
  checkImagesAt,
  holdForReviewIn,
  reviewItemId,
  screenText,
  submitImages,
} from '../shared/moderation';
import { deadBefore } from '../shared/leases';
import { inTransaction, type Txn } from '../shared/transactions';
import { push, type Audience } from '../shared/push';
import { createFunction, defineAction } from '../shared/runtime';
import { insertOnce, insertOrFind, requestedId } from '../shared/unique';
import { acceptUploads, deleteFiles, temporaryUrls } from '../shared/storage';
import { shanghai } from '../shared/time';
import { noticeFiles, readId, type NoticeDoc, type NoticeReadDoc, type PushState } from './docs';
import { buildReceipts, EXPORT_WIDTHS, scopeHouseholds, unreadRows } from './receipts';
import {
  audienceKeys,
  canPublish,
  canTarget,
  expiryInstant,
  expiryProblem,
  FEED_SORT,
  excerpt,
  isExpired,
  isStaff,
  planImages,
  publisherLabel,
  publishRegion,
  reaches,
  readerKeys,
  receiptRegion,
  regionOfScope,
  type Region,
} from './rules';
import { detailView, itemView, myItemView } from './views';
import { exportSpreadsheet } from '../shared/exports';

const SCENE_FORUM = 3;
const MINE_PAGE_SIZE = 20;
const SWEEP_BATCH = 20;

// ---------------------------------------------------------------------------------------
// Input schemas
// ---------------------------------------------------------------------------------------

const unique = (values: readonly unknown[]) => new Set(values).size === values.length;
const noticeId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const buildingNo = z.number().int().min(1).max(99);
const unitNo = z.number().int().min(1).max(20);
const page = z.number().int().min(1).max(1000);

const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('community') }),
  z.strictObject({
    kind: z.literal('buildings'),
    buildingNos: z.array(buildingNo).min(1).max(99).refine(unique),
  }),
  z.strictObject({
    kind: z.literal('units'),
    buildingNo,
    unitNos: z.array(unitNo).min(1).max(20).refine(unique),
  }),
]);

const IMAGE_FILE = /^cloud:\/\/[^/]+\/.+\.(jpg|png|webp|gif)$/i;
const ATTACHMENT_FILE = /^cloud:\/\/[^/]+\/.+\.(pdf|docx|xlsx)$/i;

const draftFields = {
  scope: scopeSchema,
  title: z.string().trim().min(1).max(60),
  body: z.string().trim().min(1).max(5000),
  images: z.array(z.string().max(512).regex(IMAGE_FILE)).max(9).refine(unique),
  attachments: z
    .array(
      z.strictObject({
        fileID: z.string().max(512).regex(ATTACHMENT_FILE),
        name: z.string().trim().min(1).max(80),
      }),
    )
    .max(9)
    .refine((files) => unique(files.map((file) => file.fileID))),
  pinned: z.boolean(),
  urgent: z.boolean(),
  expiresOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
};

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

function newNoticeId(): string {
  return randomBytes(12).toString('hex');
}

async function loadNotice(id: string): Promise<NoticeDoc | undefined> {
  const { data } = await collection('notices').doc(id).get();
  return data[0] as NoticeDoc | undefined;
}

async function loadBuildings(): Promise<BuildingDoc[]> {
  const { data } = await collection('buildings').orderBy('no', 'asc').limit(100).get();
  return data as BuildingDoc[];
}

function expiry(expiresOn: string | undefined, now: Date): { expiresOn: string | null; expiresAt: Date | null } {
  if (!expiresOn) return { expiresOn: null, expiresAt: null };
  const problem = expiryProblem(expiresOn, now);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  return { expiresOn, expiresAt: expiryInstant(expiresOn) };
}

function attachmentExt(fileID: string): 'pdf' | 'docx' | 'xlsx' {
  return fileID.slice(fileID.lastIndexOf('.') + 1).toLowerCase() as 'pdf' | 'docx' | 'xlsx';
}

function audienceOf(scope: NoticeScope): Audience {
  switch (scope.kind) {
    case 'community':
      return { kind: 'community' };
    case 'buildings':
      return { kind: 'community', buildingNos: scope.buildingNos };
    case 'units':
      return { kind: 'building', buildingNo: scope.buildingNo, unitNos: scope.unitNos };
  }
}

/** The caller's household, when verified. */
function householdOf(resident: ResidentDoc | null): { id: string; keys: string[] } | undefined {
  const address = resident?.binding.status === 'verified' ? resident.binding.address : undefined;
  if (!resident?.householdId || !address) return undefined;
  return { id: resident.householdId, keys: readerKeys(address) };
}

function isAuthor(notice: NoticeDoc, resident: ResidentDoc): boolean {
  return notice.authorId === resident._id;
}

/** Puts a notice's text in the staff queue (again, when an earlier hold was decided), within `t`. */
function holdNoticeIn(
  t: Txn,
  notice: Pick<NoticeDoc, '_id' | 'title' | 'body' | 'authorId'>,
  label: number | undefined,
  now: Date,
) {
  return holdForReviewIn(
    t,
    { kind: 'notice', id: notice._id },
    { authorId: notice.authorId, excerpt: `${notice.title} ${notice.body}`, label, reason: 'review' },
    now,
  );
}

/** Deletes files an edit dropped, then takes them off the notice's list of files to delete. */
async function dropFiles(id: string, fileIDs: readonly string[]): Promise<void> {
  if (!fileIDs.length) return;
  await deleteFiles(fileIDs);
  await collection('notices')
    .doc(id)
    .update({ filesToDelete: command().pullAll([...fileIDs]) });
}

/** Sends the urgent push of a notice whose push state this invocation holds ('sending'). */
async function sendPush(notice: NoticeDoc, now: Date): Promise<PushSummary | undefined> {
  const ref = collection('notices').doc(notice._id);
  try {
    const summary = await push(
      audienceOf(notice.scope),
      {
        template: 'notice',
        title: notice.title,
        body: excerpt(notice.body, 100),
        note: `${notice.publisherLabel}紧急通知，请及时查看`,
        page: `/packages/notice/pages/detail/index?id=${notice._id}`,
        source: { kind: 'notice', id: notice._id },
        // One urgent push per notice: a sweep that finds it unfinished continues it.
        key: `notice:${notice._id}`,
      },
      now,
    );
    await ref.update({ push: command().set({ state: 'sent', summary, at: now }) });
    return summary;
  } catch (error) {
    console.error(`[notice] push of ${notice._id} failed`, error);
    await ref.update({ push: command().set({ state: 'failed', at: now }) });
    return undefined;
  }
}

/**
 * The answer to a publish (or an edit) retried after its answer was lost: the notice the first
 * try made or changed (never a second, never "changed meanwhile"), its urgent push continued
 * if that try was cut off while sending it.
 */
async function publishedBefore(notice: NoticeDoc, now: Date): Promise<PublishOutput> {
  const summary = notice.push.state === 'sending' ? await sendPush(notice, now) : notice.push.summary;
  return {
    id: notice._id,
    version: notice.version,
    held: notice.moderation.state === 'review',
    ...(summary ? { push: summary } : {}),
  };
}

/** Takes the push of a notice from `from` to 'sending'; false when another invocation has it. */
async function claimPush(id: string, from: PushState, now: Date): Promise<boolean> {
  const { updated } = await collection('notices')
    .where({ _id: id, 'push.state': from, state: 'published', 'moderation.state': 'pass' })
    .update({ 'push.state': 'sending', 'push.at': now });
  return updated === 1;
}

/** A push left in 'sending' this long was cut off before it was handed to the outbox. */
const STALE_SENDING_MS = 2 * 60_000;

interface Prepared {
  expiresOn: string | null;
  expiresAt: Date | null;
  verdict: { state: 'pass' | 'review'; label?: number };
  publisherLabel: string;
  /** Households in scope; absent when the scope did not change (update). */
  householdCount?: number;
}

/**
 * Checks shared by publish and update: who may target what, expiry, that the scope exists
 * (and how many households it has), and the text, screened in one check.
 */
async function prepare(
  draft: NoticeDraft,
  resident: ResidentDoc,
  openid: string,
  now: Date,
  options: { countScope: boolean },
): Promise<Prepared> {
  assertNotBlocked(resident, now);
  if (!canTarget(resident.roles, draft.scope)) {
    throw new AppError('FORBIDDEN', isStaff(resident.roles) ? undefined : '只能向您负责的楼栋发布通知');
  }
  const { expiresOn, expiresAt } = expiry(draft.expiresOn, now);
  const householdCount = options.countScope ? await scopeHouseholds(draft.scope) : undefined;
  const text = [draft.title, draft.body, ...draft.attachments.map((file) => file.name)].join('\n');
  const verdict = await screenText(openid, SCENE_FORUM, [text]);
  return {
    expiresOn,
    expiresAt,
    verdict,
    publisherLabel: publisherLabel(resident.roles, draft.scope),
    ...(householdCount === undefined ? {} : { householdCount }),
  };
}

function feedLookup(householdId: string) {
  const _ = command();
  const $ = _.aggregate;
  return {
    from: 'notice_reads',
    let: { noticeId: '$_id' },
    pipeline: $.pipeline()
      .match(_.expr($.and([$.eq(['$noticeId', '$$noticeId']), $.eq(['$householdId', householdId])])))
      .project({ _id: 1 })
      .done(),
    as: 'reads',
  };
}

/** Records that a household has read a notice; a second read (or a racing one) changes nothing. */
async function markRead(noticeId: string, householdId: string, residentId: string, now: Date): Promise<boolean> {
  return insertOnce('notice_reads', {
    _id: readId(noticeId, householdId),
    noticeId,
    householdId,
    residentId,
    readAt: now,
  } satisfies NoticeReadDoc);
}

async function readCounts(ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const _ = command();
  const { data } = await collection('notice_reads')
    .aggregate()
    .match({ noticeId: _.in([...ids]) })
    .group({ _id: '$noticeId', count: _.aggregate.sum(1) })
    // One row a notice: without a limit an aggregate answers only 20.
    .limit(ids.length)
    .end();
  return new Map((data as Array<{ _id: string; count: number }>).map((row) => [row._id, row.count]));
}

function receiptRegionFor(notice: NoticeDoc, resident: ResidentDoc): Region | null {
  return receiptRegion(resident.roles, notice.scope, isAuthor(notice, resident) || isStaff(resident.roles));
}

async function receiptsFor(id: string, resident: ResidentDoc) {
  const notice = await loadNotice(id);
  if (!notice) throw new AppError('NOT_FOUND');
  const region = receiptRegionFor(notice, resident);
  if (!region) throw new AppError('FORBIDDEN', '您只能查看自己负责楼栋的已读情况');
  return { notice, receipts: await buildReceipts(notice, region) };
}

// ---------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------

const PUBLISHERS = { roles: ['branch_secretary', 'staff'] } as const;
const RECEIPT_VIEWERS = { roles: ['branch_secretary', 'unit_leader', 'staff'] } as const;

export const main = createFunction(
  'notice',
  {
    targets: defineAction({
      input: z.strictObject({}),
      access: PUBLISHERS,
      async run(_input, { caller }) {
        const roles = caller.resident!.roles;
        const region = publishRegion(roles);
        const buildings = await loadBuildings();
        const allowed =
          region === 'community' ? buildings : buildings.filter((b) => region.some((part) => part.buildingNo === b.no));
        const first = allowed[0];
        return {
          community: region === 'community',
          buildings: allowed.map((building) => ({
            buildingNo: building.no,
            label: buildingLabel(building.no),
            units: Array.from({ length: building.units }, (_, index) => index + 1),
          })),
          publisherLabel: first
            ? publisherLabel(
                roles,
                region === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingNos: [first.no] },
              )
            : '',
        };
      },
    }),

    publish: defineAction({
      input: z.strictObject({ ...draftFields, requestId: requestIdInput.optional() }),
      access: PUBLISHERS,
      async run({ requestId, ...draft }, { caller, now }): Promise<PublishOutput> {
        const resident = caller.resident!;
        const openid = caller.openid!;
        const prepared = await prepare(draft, resident, openid, now, { countScope: true });
        await acceptUploads('notice', openid, [...draft.images, ...draft.attachments.map((file) => file.fileID)]);
        const held = prepared.verdict.state === 'review';
        const pushState: PushState = !draft.urgent ? 'none' : held ? 'pending' : 'sending';
        const doc: NoticeDoc = {
          // From the editor's request id: a retry after a lost answer names the same notice.
          _id: requestId ? requestedId('n', resident._id, requestId) : newNoticeId(),
          title: draft.title,
          body: draft.body,
          scope: draft.scope,
          audienceKeys: audienceKeys(draft.scope),
          householdCount: prepared.householdCount ?? 0,
          images: draft.images.map((fileID): StoredImage => ({ fileID, state: 'pending' })),
          attachments: draft.attachments.map((file) => ({ ...file, ext: attachmentExt(file.fileID) })),
          pinned: draft.pinned,
          urgent: draft.urgent,
          expiresOn: prepared.expiresOn,
          expiresAt: prepared.expiresAt,
          state: 'published',
          moderation: {
            state: prepared.verdict.state,
            flags: 0,
            ...(prepared.verdict.label ? { label: prepared.verdict.label } : {}),
          },
          authorId: resident._id,
          publisherLabel: prepared.publisherLabel,
          publishedAt: now,
          updatedAt: now,
          version: 1,
          push: { state: pushState, ...(pushState === 'sending' ? { at: now } : {}) },
        };
        // The notice exists before its images are submitted, so no verdict can arrive for a
        // document that is not there yet; a held one commits with its review item.
        let before: NoticeDoc | undefined;
        if (held) {
          const { _id, ...fields } = doc;
          before = await inTransaction(async (t) => {
            const ref = t.collection('notices').doc(_id);
            const existing = (await ref.get()).data as NoticeDoc | null;
            if (existing) return { ...existing, _id };
            await ref.set(fields);
            await holdNoticeIn(t, doc, prepared.verdict.label, now);
            return undefined;
          });
        } else {
          const outcome = await insertOrFind('notices', doc);
          if (!outcome.created) before = outcome.existing;
        }
        if (before) return publishedBefore(before, now);
        try {
          await submitImages(openid, { kind: 'notice', id: doc._id }, draft.images, now);
        } catch (error) {
          await collection('notices').doc(doc._id).remove();
          if (held)
            await collection('moderation_items')
              .doc(reviewItemId({ kind: 'notice', id: doc._id }, 'review'))
              .remove();
          throw error;
        }
        const summary = pushState === 'sending' ? await sendPush(doc, now) : undefined;
        return { id: doc._id, version: doc.version, held, ...(summary ? { push: summary } : {}) };
      },
    }),

    update: defineAction({
      input: z.strictObject({
        ...draftFields,
        id: noticeId,
        version: z.number().int().min(1),
        requestId: requestIdInput.optional(),
      }),
      access: PUBLISHERS,
      async run({ id, version, requestId, ...draft }, { caller, now }): Promise<PublishOutput> {
        const resident = caller.resident!;
        const openid = caller.openid!;
        const notice = await loadNotice(id);
        if (!notice) throw new AppError('NOT_FOUND');
        if (!isAuthor(notice, resident) && !isStaff(resident.roles)) {
          throw new AppError('FORBIDDEN', '只能修改自己发布的通知');
        }
        if (notice.state === 'withdrawn') throw new AppError('CONFLICT', '通知已撤回，不能再修改');
        if (notice.moderation.state === 'rejected') throw new AppError('CONFLICT', '通知未通过审核，请重新发布');
        // This very edit, applied by a try whose answer was lost: answered, not refused.
        if (requestId && notice.editRequest === requestId && notice.version === version + 1) {
          return publishedBefore(notice, now);
        }
        if (notice.version !== version) throw new AppError('CONFLICT', '通知已被修改，请刷新后再编辑');
        const rescoped = JSON.stringify(regionOfScope(notice.scope)) !== JSON.stringify(regionOfScope(draft.scope));
        const prepared = await prepare(draft, resident, openid, now, { countScope: rescoped });
        const before = noticeFiles(notice);
        const newFiles = [...draft.images, ...draft.attachments.map((file) => file.fileID)].filter(
          (fileID) => !before.includes(fileID),
        );
        // Files already on the notice may sit in the author's folder; only new ones must be the caller's.
        await acceptUploads('notice', openid, newFiles);
        const { images, check } = planImages(notice.images, draft.images);
        const householdCount = prepared.householdCount ?? notice.householdCount;
        // Content staff hid stays with staff: an edit goes back to review.
        const moderationState = notice.moderation.state === 'hidden' ? 'review' : prepared.verdict.state;
        const held = moderationState === 'review';
        let pushState = notice.push.state;
        if (draft.urgent && pushState === 'none') pushState = held ? 'pending' : 'sending';
        if (draft.urgent && pushState === 'pending' && !held) pushState = 'sending';
        if (!draft.urgent && pushState === 'pending') pushState = 'none';
        const _ = command();
        const kept = new Set([...draft.images, ...draft.attachments.map((file) => file.fileID)]);
        const removed = before.filter((fileID) => !kept.has(fileID));
        const changes = {
          title: draft.title,
          body: draft.body,
          scope: _.set(draft.scope),
          audienceKeys: _.set(audienceKeys(draft.scope)),
          householdCount,
          images: _.set(images),
          attachments: _.set(draft.attachments.map((file) => ({ ...file, ext: attachmentExt(file.fileID) }))),
          pinned: draft.pinned,
          urgent: draft.urgent,
          expiresOn: prepared.expiresOn,
          expiresAt: prepared.expiresAt,
          'moderation.state': moderationState,
          ...(prepared.verdict.label ? { 'moderation.label': prepared.verdict.label } : {}),
          publisherLabel: prepared.publisherLabel,
          updatedAt: now,
          editedAt: now,
          version: version + 1,
          ...(requestId ? { editRequest: requestId } : { editRequest: _.remove() }),
          'push.state': pushState,
          ...(pushState === 'sending' && notice.push.state !== 'sending' ? { 'push.at': now } : {}),
          // Files the edit dropped, deleted below; the sweep timer deletes them if this dies first.
          ...(removed.length ? { filesToDelete: _.push(removed) } : {}),
        };
        // The edit and, when held, its review item commit together: a held edit is never
        // left with nobody asked to decide it.
        await inTransaction(async (t) => {
          const ref = t.collection('notices').doc(id);
          const fresh = (await ref.get()).data as NoticeDoc | null;
          if (fresh?.version !== version || fresh.state !== 'published') {
            throw new AppError('CONFLICT', '通知已被修改或撤回，请刷新后再试');
          }
          await ref.update(changes);
          if (held)
            await holdNoticeIn(t, { ...notice, title: draft.title, body: draft.body }, prepared.verdict.label, now);
        });
        await checkImagesAt(openid, { kind: 'notice', id }, check, now);
        await dropFiles(id, removed);
        const updatedDoc: NoticeDoc = {
          ...notice,
          title: draft.title,
          body: draft.body,
          scope: draft.scope,
          publisherLabel: prepared.publisherLabel,
          push: { state: pushState },
        };
        const summary = pushState === 'sending' ? await sendPush(updatedDoc, now) : undefined;
        return { id, version: version + 1, held, ...(summary ? { push: summary } : {}) };
      },
    }),

    withdraw: defineAction({
      input: z.strictObject({ id: noticeId }),
      access: PUBLISHERS,
      async run({ id }, { caller, now }) {
        const resident = caller.resident!;
        const notice = await loadNotice(id);
        if (!notice) throw new AppError('NOT_FOUND');
        if (!isAuthor(notice, resident) && !isStaff(resident.roles)) {
          throw new AppError('FORBIDDEN', '只能撤回自己发布的通知');
        }
        const { updated } = await collection('notices')
          .where({ _id: id, state: 'published' })
          .update({
            state: 'withdrawn',
            withdrawnAt: now,
            withdrawnBy: resident._id,
            updatedAt: now,
            ...(notice.push.state === 'pending' ? { 'push.state': 'none' } : {}),
          });
        if (updated !== 1) throw new AppError('CONFLICT', '通知已撤回');
        // Withdrawn first, files next, the mark last: a death in between leaves the files to
        // the sweep timer (within its 5 minutes), never in storage for good.
        await deleteFiles(noticeFiles(notice));
        await collection('notices').doc(id).update({ filesDeleted: true });
        return { id };
      },
    }),

    feed: defineAction({
      input: z.strictObject({ page: page.optional(), pageSize: z.number().int().min(1).max(20).optional() }),
      access: 'registered',
      async run({ page = 1, pageSize = 10 }, { caller, now }) {
        const resident = caller.resident!;
        const household = householdOf(resident);
        const _ = command();
        let query = collection('notices')
          .aggregate()
          .match({
            audienceKeys: _.in(household?.keys ?? readerKeys(undefined)),
            state: 'published',
            'moderation.state': 'pass',
            expiresAt: _.or(_.eq(null), _.gt(now)),
          })
          .sort(FEED_SORT)
          .skip((page - 1) * pageSize)
          .limit(pageSize + 1);
        if (household) query = query.lookup(feedLookup(household.id));
        const { data } = await query.end();
        const docs = data as Array<NoticeDoc & { reads?: unknown[] }>;
        return {
          items: docs.slice(0, pageSize).map((doc) => itemView(doc, Boolean(household) && !doc.reads?.length)),
          hasMore: docs.length > pageSize,
          canPublish: canPublish(resident.roles),
        };
      },
    }),

    detail: defineAction({
      input: z.strictObject({ id: noticeId }),
      access: 'registered',
      async run({ id }, { caller, now }) {
        const resident = caller.resident!;
        const household = householdOf(resident);
        let notice: (NoticeDoc & { reads?: unknown[] }) | undefined;
        if (household) {
          const { data } = await collection('notices')
            .aggregate()
            .match({ _id: id })
            .lookup(feedLookup(household.id))
            .end();
          notice = data[0] as typeof notice;
        } else {
          notice = await loadNotice(id);
        }
        if (!notice) throw new AppError('NOT_FOUND');
        const staff = isStaff(resident.roles);
        const author = isAuthor(notice, resident);
        const privileged = author || staff;
        const inAudience = reaches(notice.audienceKeys, household?.keys ?? readerKeys(undefined));
        const canSeeReceipts = receiptRegionFor(notice, resident) !== null;
        const live = notice.state === 'published' && notice.moderation.state === 'pass';
        if (!privileged && !(live && (inAudience || canSeeReceipts))) {
          throw new AppError('NOT_FOUND', inAudience && notice.state === 'withdrawn' ? '该通知已撤回' : undefined);
        }
        const unread = Boolean(household && inAudience && !notice.reads?.length);
        const tasks: Promise<unknown>[] = [];
        if (unread && live) tasks.push(markRead(id, household!.id, resident._id, now));
        if (notice.push.state === 'sent') {
          // The in-app message of the push is read too.
          tasks.push(
            collection('messages')
              .where({ recipientId: resident._id, 'source.kind': 'notice', 'source.id': id, read: false })
              .update({ read: true }),
          );
        }
        const showImages = notice.images.filter((image) =>
          privileged ? image.state !== 'risky' : image.state === 'pass',
        );
        const files = [...showImages.map((image) => image.fileID), ...notice.attachments.map((file) => file.fileID)];
        const [urls] = await Promise.all([
          notice.state === 'published' ? temporaryUrls(files, 2 * 3600) : Promise.resolve(new Map<string, string>()),
          ...tasks,
        ]);
        return detailView(notice, {
          unread,
          privileged,
          canEdit: privileged && notice.state === 'published' && notice.moderation.state !== 'rejected',
          canSeeReceipts,
          urls,
          now,
        });
      },
    }),

    mine: defineAction({
      input: z.strictObject({ page: page.optional(), all: z.boolean().optional() }),
      access: PUBLISHERS,
      async run({ page = 1, all = false }, { caller, now }) {
        const resident = caller.resident!;
        const staff = isStaff(resident.roles);
        if (all && !staff) throw new AppError('FORBIDDEN', '只有社区工作人员可以查看全部通知');
        const { data } = await collection('notices')
          .where(all ? {} : { authorId: resident._id })
          .orderBy('publishedAt', 'desc')
          .skip((page - 1) * MINE_PAGE_SIZE)
          .limit(MINE_PAGE_SIZE + 1)
          .get();
        const docs = (data as NoticeDoc[]).slice(0, MINE_PAGE_SIZE);
        const counts = await readCounts(docs.map((doc) => doc._id));
        return {
          items: docs.map((doc) =>
            myItemView(
              doc,
              counts.get(doc._id) ?? 0,
              doc.state === 'published' && doc.moderation.state !== 'rejected' && (staff || isAuthor(doc, resident)),
              now,
            ),
          ),
          hasMore: data.length > MINE_PAGE_SIZE,
          canSeeAll: staff,
        };
      },
    }),

    receipts: defineAction({
      input: z.strictObject({ id: noticeId }),
      access: RECEIPT_VIEWERS,
      async run({ id }, { caller }) {
        return (await receiptsFor(id, caller.resident!)).receipts;
      },
    }),

    exportUnread: defineAction({
      input: z.strictObject({ id: noticeId }),
      access: RECEIPT_VIEWERS,
      async run({ id }, { caller, now }) {
        const openid = caller.openid!;
        const { notice, receipts } = await receiptsFor(id, caller.resident!);
        const rows = unreadRows(receipts);
        const stamp = shanghai(now);
        const { fileID, url } = await exportSpreadsheet(
          openid,
          `notice-${notice._id}-unread`,
          [{ name: '未读住户', rows, widths: EXPORT_WIDTHS }],
          now,
        );
        const title = Array.from(notice.title.replace(/[\\/:*?"<>|\s]+/g, ''))
          .slice(0, 20)
          .join('');
        return {
          fileID,
          url,
          fileName: `未读住户-${title}-${stamp.format('YYYYMMDD-HHmm')}.xlsx`,
          rows: rows.length - 1,
        };
      },
    }),
  },
  {
    timers: {
      /**
       * Every few minutes: sends the pushes of urgent notices staff have approved since (and
       * continues those a dead sender left), and deletes the files of notices staff rejected,
       * of withdrawals whose function died before deleting them, and that an edit dropped
       * (images and attachments).
       */
      async sweep({ now }) {
        const _ = command();
        const { data: approved } = await collection('notices')
          .where({ 'push.state': 'pending', state: 'published', 'moderation.state': 'pass' })
          .limit(SWEEP_BATCH)
          .get();
        let pushed = 0;
        for (const notice of approved as NoticeDoc[]) {
          if (isExpired(notice.expiresAt, now)) continue;
          if (!(await claimPush(notice._id, 'pending', now))) continue;
          if (await sendPush(notice, now)) pushed++;
        }
        // Pushes whose sender was cut off before handing them to the outbox: continued
        // under the same fan-out, so nobody is sent twice.
        const { data: stalled } = await collection('notices')
          .where({
            'push.state': 'sending',
            'push.at': _.lt(new Date(now.getTime() - STALE_SENDING_MS)),
            state: 'published',
            'moderation.state': 'pass',
          })
          .limit(SWEEP_BATCH)
          .get();
        for (const notice of stalled as NoticeDoc[]) if (await sendPush(notice, now)) pushed++;
        // Files of notices withdrawn or rejected, and files an edit dropped, whose deleter
        // died (or never ran, for a rejection): deleted, then marked.
        const { data: gone } = await collection('notices')
          .where(
            _.and([_.or([{ 'moderation.state': 'rejected' }, { state: 'withdrawn' }]), { filesDeleted: _.neq(true) }]),
          )
          .limit(SWEEP_BATCH)
          .get();
        for (const notice of gone as NoticeDoc[]) {
          await deleteFiles(noticeFiles(notice));
          await collection('notices').doc(notice._id).update({ filesDeleted: true });
        }
        const { data: dropped } = await collection('notices')
          .where({ 'filesToDelete.0': _.exists(true), updatedAt: _.lte(deadBefore(now)) })
          .limit(SWEEP_BATCH)
          .get();
        for (const notice of dropped as NoticeDoc[]) await dropFiles(notice._id, notice.filesToDelete ?? []);
        return { pushed, filesDeleted: gone.length + dropped.length };
      },
    },
  },
);
