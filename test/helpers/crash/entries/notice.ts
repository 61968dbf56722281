/**
 * Sweep entries of the notice function: a notice published held for review, an edit held
 * for review that drops a file, an urgent edit that pushes, a withdrawal (its files
 * deleted), a resident opening an urgent notice (the household's read receipt, the push's
 * in-app message read), and the unread export (a spreadsheet written to storage).
 */
import tcb from '@cloudbase/node-sdk';
import { DEMO, householdId } from '../../../../local/seed/community';
import { readId } from '../../../../cloudfunctions/notice/docs';
import { uploadFolder } from '../../../../cloudfunctions/shared/storage';
import type { NoticeDraft } from '../../../../typings/domain/notice';
import type { PublishOutput } from '../../../../typings/functions/notice';
import { noticesWhole, nothingLeftHalfway, pushedOnce } from '../invariants';
import { all, one } from '../read';
import { later, mustBeOk, okOrLocked, type Call, type SweepContext, type SweepEntry } from '../sweep';
import { SEEDED_AT } from '../world';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]);
const PDF = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n');
/** The demo resident's household (5-2-301) and the unit the test notices go to. */
const HOUSEHOLD = householdId(5, 2, '301');
const UNIT_2: NoticeDraft['scope'] = { kind: 'units', buildingNo: 5, unitNos: [2] };

export const notice = (as: string, action: string, input: Record<string, unknown>, now = SEEDED_AT): Call => ({
  fn: 'notice',
  event: { action, ...input },
  as,
  now,
});

let files = 0;
/** A file uploaded into the caller's notice folder, as the mini-program would. */
export async function uploadNoticeFile(openid: string, ext: 'jpg' | 'pdf'): Promise<string> {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const cloudPath = `${uploadFolder('notice', openid)}202611/sweep-${++files}.${ext}`;
  return (await app.uploadFile({ cloudPath, fileContent: ext === 'jpg' ? JPEG : PDF })).fileID;
}

let notices = 0;
export interface FreshNotice {
  id: string;
  draft: NoticeDraft;
  /** The image and the attachment it was published with (none for a bare notice). */
  files: string[];
}

/**
 * A notice of its own by building 5's secretary to unit 2, with an image and an attachment
 * (`bare`: text only).
 */
export async function freshNotice(
  ctx: SweepContext,
  overrides: Partial<NoticeDraft> = {},
  { bare = false } = {},
): Promise<FreshNotice> {
  const n = ++notices;
  const files = bare
    ? []
    : [await uploadNoticeFile(DEMO.secretary, 'jpg'), await uploadNoticeFile(DEMO.secretary, 'pdf')];
  const [image, attachment] = files;
  const draft: NoticeDraft = {
    scope: UNIT_2,
    title: `5号楼2单元电梯检修${n}`,
    body: '本周六上午电梯检修，请住户走楼梯，给您带来不便敬请谅解。',
    images: image ? [image] : [],
    attachments: attachment ? [{ fileID: attachment, name: '检修安排' }] : [],
    pinned: false,
    urgent: false,
    ...overrides,
  };
  const { id } = await ctx.ok<PublishOutput>(notice(DEMO.secretary, 'publish', { ...draft }));
  return { id, draft, files };
}

/** What the notice's steps did: every invariant of notices, pushes and marks. */
async function noticeWorld(ctx: SweepContext, fresh: FreshNotice): Promise<string[]> {
  return [
    ...(await noticesWhole(ctx.db(), [fresh.id], fresh.files)),
    ...(await pushedOnce(ctx.db(), { kind: 'notice', id: fresh.id })),
    ...(await nothingLeftHalfway(ctx.db())),
  ];
}

const WHILE_LIVE = later(SEEDED_AT, 3600_000);

export const noticeEntries: SweepEntry[] = [
  {
    // A notice whose text holds a review word: stored held, with its review item.
    key: 'notice.publish#held',
    async arrange(ctx) {
      const title = `5号楼2单元电梯检修${++notices}`;
      const image = await uploadNoticeFile(DEMO.secretary, 'jpg');
      const draft = { scope: UNIT_2, title, body: '检修详情加微信咨询。', images: [image], attachments: [] };
      const published = async () =>
        (await all<{ _id: string }>(ctx.db(), 'notices', { title })).map((each) => each._id);
      return {
        call: notice(DEMO.secretary, 'publish', { ...draft, pinned: false, urgent: true }, WHILE_LIVE),
        // The draft carries no request id: a retry would publish a second notice (see pushes.ts).
        retry: false,
        async check() {
          const ids = await published();
          return [...(await noticesWhole(ctx.db(), ids)), ...(await nothingLeftHalfway(ctx.db()))];
        },
      };
    },
  },
  {
    // The new text holds a review word: the edit is held (and must be queued), the
    // attachment it drops must leave storage.
    key: 'notice.update',
    async arrange(ctx) {
      const fresh = await freshNotice(ctx);
      const body = '检修详情加微信咨询。';
      const edit = notice(
        DEMO.secretary,
        'update',
        { id: fresh.id, version: 1, ...fresh.draft, body, attachments: [], requestId: `sweep-edit-${fresh.id}` },
        WHILE_LIVE,
      );
      return {
        call: edit,
        // The editor's request id: a retry of an edit that was applied is answered, not refused as stale.
        retryMay: okOrLocked,
        check: () => noticeWorld(ctx, fresh),
        async done() {
          const stored = await one<{ body: string; version: number }>(ctx.db(), 'notices', fresh.id);
          return stored?.body === body && stored.version === 2 ? [] : ['the edit is not there'];
        },
      };
    },
  },
  {
    // An urgent edit that passes: the push is claimed with the edit and sent after it.
    key: 'notice.update#urgent',
    async arrange(ctx) {
      const fresh = await freshNotice(ctx);
      const edit = notice(
        DEMO.secretary,
        'update',
        { id: fresh.id, version: 1, ...fresh.draft, urgent: true, images: [], requestId: `sweep-urgent-${fresh.id}` },
        WHILE_LIVE,
      );
      return {
        call: edit,
        retryMay: okOrLocked,
        check: () => noticeWorld(ctx, fresh),
        async done() {
          const stored = await one<{ urgent: boolean; push: { state: string } }>(ctx.db(), 'notices', fresh.id);
          return stored?.urgent && stored.push.state === 'sent' ? [] : [`push ${stored?.push.state}`];
        },
      };
    },
    sample: 10,
  },
  {
    key: 'notice.withdraw',
    async arrange(ctx) {
      const fresh = await freshNotice(ctx);
      return {
        call: notice(DEMO.secretary, 'withdraw', { id: fresh.id }, WHILE_LIVE),
        check: () => noticeWorld(ctx, fresh),
        async done() {
          const stored = await one<{ state: string }>(ctx.db(), 'notices', fresh.id);
          return stored?.state === 'withdrawn' ? [] : ['still published'];
        },
      };
    },
  },
  {
    // Opening an urgent notice: the household's read receipt, and the push's message read.
    key: 'notice.detail',
    async arrange(ctx) {
      const fresh = await freshNotice(ctx, { urgent: true }, { bare: true });
      const open = notice(DEMO.resident, 'detail', { id: fresh.id }, WHILE_LIVE);
      const receipts = () => all(ctx.db(), 'notice_reads', { noticeId: fresh.id, householdId: HOUSEHOLD });
      return {
        call: open,
        retryMay: mustBeOk,
        again: { ...open, now: later(WHILE_LIVE, 60_000) },
        async check() {
          const reads = await receipts();
          return [
            ...(await noticeWorld(ctx, fresh)),
            ...(reads.length > 1 ? [`${reads.length} receipts for one household`] : []),
            ...reads.flatMap((read) =>
              read._id === readId(fresh.id, HOUSEHOLD) ? [] : [`receipt ${read._id} not keyed by the household`],
            ),
          ];
        },
        async done() {
          const unread = await all(ctx.db(), 'messages', {
            recipientId: 'r-demo-resident',
            'source.kind': 'notice',
            'source.id': fresh.id,
            read: false,
          });
          return [
            ...((await receipts()).length === 1 ? [] : ['no receipt']),
            ...(unread.length ? ['the message still unread'] : []),
          ];
        },
      };
    },
  },
  {
    // A spreadsheet in the caller's export folder; nothing else is written.
    key: 'notice.exportUnread',
    sample: 4,
    async arrange(ctx) {
      const fresh = await freshNotice(ctx, {}, { bare: true });
      return {
        call: notice(DEMO.secretary, 'exportUnread', { id: fresh.id }, WHILE_LIVE),
        retryMay: mustBeOk,
        async check() {
          const reads = await all(ctx.db(), 'notice_reads', { noticeId: fresh.id });
          return [
            ...(await noticeWorld(ctx, fresh)),
            ...(reads.length ? [`an export wrote ${reads.length} receipts`] : []),
          ];
        },
      };
    },
  },
];
