/**
 * Photos a writer saved `pending` and died before asking WeChat about (issue 13): each
 * writer that saves its content before starting the checks is killed after each round trip
 * in turn until a death leaves content with a pending photo and no media_checks record.
 * The moderation reconcile timer then asks about it once its writer is certainly over, and
 * WeChat's verdict reaches the photo. Without that step the photo stays hidden for good.
 */
import tcb from '@cloudbase/node-sdk';
import { MODERATION_WORDS } from '../../local/config';
import { DEMO } from '../../local/seed/community';
import { FunctionInstanceDiedError } from '../../local/runner/runner';
import { IMAGE_SCENES, type StoredImage } from '../../cloudfunctions/shared/content';
import { DEAD_AFTER_MS } from '../../cloudfunctions/shared/leases';
import type { MediaCheckDoc } from '../../cloudfunctions/shared/media-checks';
import { uploadFolder } from '../../cloudfunctions/shared/storage';
import type { UploadDomain } from '../../typings/domain/content';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { council } from '../helpers/crash/entries/council';
import { implementingTopic } from '../helpers/crash/entries/council-agenda';
import { freshNotice } from '../helpers/crash/entries/notice';
import { freshReport, report } from '../helpers/crash/entries/report';
import { all } from '../helpers/crash/read';
import { later, sweepContext, type Call, type SweepContext } from '../helpers/crash/sweep';
import { at, dayKey, requestId, SEEDED_AT, wall } from '../helpers/crash/world';

let cloud: TestCloud;
let ctx: SweepContext;
beforeAll(async () => {
  // WeChat's verdicts come when a test flushes them, never on their own.
  cloud = await startTestCloud({
    seedAt: SEEDED_AT,
    standIn: {
      moderation: { mediaCheckEventFunction: 'moderation', ...MODERATION_WORDS, mediaVerdictDelayMs: 3_600_000 },
    },
  });
  ctx = sweepContext(cloud);
});
afterAll(() => cloud.close());

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]);
let photos = 0;
async function photo(kind: UploadDomain, openid: string): Promise<string> {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const cloudPath = `${uploadFolder(kind, openid)}202611/unchecked-${++photos}.jpg`;
  return (await app.uploadFile({ cloudPath, fileContent: JPEG })).fileID;
}

const COLLECTION = { notice: 'notices', topic: 'council_topics', report: 'reports', activity: 'activities' } as const;
type Kind = keyof typeof COLLECTION;

interface Content {
  _id: string;
  images: StoredImage[];
}

function checksOf(kind: Kind, id: string): Promise<MediaCheckDoc[]> {
  return all<MediaCheckDoc>(ctx.db(), 'media_checks', { 'target.kind': kind, 'target.id': id });
}

async function content(kind: Kind, id: string): Promise<Content> {
  const [doc] = await all<Content>(ctx.db(), COLLECTION[kind], { _id: id });
  if (!doc) throw new Error(`${kind} ${id} is missing`);
  return doc;
}

interface Attempt {
  call: Call;
  /** The content this attempt wrote, if it got that far. */
  written(): Promise<Content | undefined>;
}

/**
 * Kills fresh attempts after round trip N-1, N-2, … (N: a whole run's) until one leaves its
 * content saved with a pending photo and no check record: the state a death between the
 * two writes leaves. (Counting down, no attempt dies before its content is saved, so none
 * leaves a half-taken slot or quota behind for the next.) `done` clears what a finished
 * attempt left (e.g. an open proposal that would count against the next).
 */
async function orphanedBy(
  kind: Kind,
  attempt: (k: number) => Promise<Attempt>,
  done: (doc: Content) => Promise<void> = async () => {},
): Promise<{ id: string; at: Date }> {
  const probe = await attempt(0);
  const whole = await cloud.invoke(probe.call.fn, probe.call.event, { openid: probe.call.as!, now: probe.call.now });
  expect(whole.result).toMatchObject({ ok: true });
  await done((await probe.written())!);
  for (let k = whole.roundTrips - 1; k >= 1; k--) {
    const { call, written } = await attempt(k);
    const outcome = cloud.invoke(call.fn, call.event, { openid: call.as!, now: call.now, dieAfterRoundTrips: k });
    await expect(outcome).rejects.toBeInstanceOf(FunctionInstanceDiedError);
    const doc = await written();
    if (!doc) break;
    expect(doc.images.map((image) => image.state)).toContain('pending');
    if ((await checksOf(kind, doc._id)).length === 0) return { id: doc._id, at: call.now };
    await done(doc);
  }
  throw new Error(`${kind}: no death left content saved without its checks`);
}

function reconcile(now: Date) {
  return cloud.runner.fireTimer('moderation', 'reconcileMediaChecks', { now });
}

/** The timer asks once its writer is over, once only, and the verdict shows the photo. */
async function repaired(kind: Kind, id: string, writtenAt: Date, uploader?: string): Promise<void> {
  // While its writer may still be running, the photo is left to it.
  const early = await reconcile(later(writtenAt, DEAD_AFTER_MS - 1000));
  expect(early.result).toMatchObject({ ok: true, data: { unchecked: 0 } });
  expect(await checksOf(kind, id)).toEqual([]);

  const run = await reconcile(later(writtenAt, 10 * 60_000));
  expect(run.result).toMatchObject({ ok: true, data: { unchecked: 1 } });
  const again = await reconcile(later(writtenAt, 10 * 60_000 + 1000));
  expect(again.result).toMatchObject({ ok: true, data: { unchecked: 0 } });
  const doc = await content(kind, id);
  const pending = doc.images.findIndex((image) => image.state === 'pending');
  const requests = (await checksOf(kind, id)).filter((check) => check.state === 'waiting');
  expect(requests).toEqual([
    expect.objectContaining({ fileID: doc.images[pending]!.fileID, index: pending, attempt: 1, scene: 3 }),
  ]);
  // Asked as whoever uploaded the photo (mediaCheckAsync v2 takes the uploader's openid).
  if (uploader) expect(requests[0]!.openid).toBe(uploader);

  await cloud.standIn.flushMediaChecks();
  expect((await content(kind, id)).images[pending]!.state).toBe('pass');
}

/** A proposal the resident withdrew: it no longer counts against the open-proposal limit. */
async function withdrawn(topic: Content): Promise<void> {
  await ctx.ok(council(DEMO.resident, 'withdraw', { id: topic._id }, later(SEEDED_AT, 3600_000)));
}

describe('the reconcile timer when nothing is unchecked', () => {
  it('adds one query per content kind with photos', async () => {
    const run = await reconcile(later(SEEDED_AT, 5 * 60_000));
    expect(run.result).toMatchObject({ ok: true, data: { unchecked: 0 } });
    // The timer's own 4 (measured without this step) and one query per kind with photos.
    expect(run.roundTrips).toBe(4 + Object.keys(IMAGE_SCENES).length);
  });
});

describe('a photo whose writer died after saving the content', () => {
  it('notice.publish: is asked about and shown', async () => {
    const orphan = await orphanedBy('notice', async (k) => {
      const title = `5号楼2单元停水通知${k}`;
      const image = await photo('notice', DEMO.secretary);
      return {
        call: {
          fn: 'notice',
          as: DEMO.secretary,
          now: later(SEEDED_AT, k * 3600_000),
          event: {
            action: 'publish',
            scope: { kind: 'units', buildingNo: 5, unitNos: [2] },
            title,
            body: '周六上午停水检修，请提前储水。',
            images: [image],
            attachments: [],
            pinned: false,
            urgent: false,
            requestId: requestId('notice'),
          },
        },
        written: async () => (await all<Content>(ctx.db(), 'notices', { title }))[0],
      };
    });
    await repaired('notice', orphan.id, orphan.at);
  });

  it('notice.update: the added photo is asked about and shown', async () => {
    const orphan = await orphanedBy('notice', async (k) => {
      const fresh = await freshNotice(ctx, {}, { bare: true });
      const image = await photo('notice', DEMO.secretary);
      return {
        call: {
          fn: 'notice',
          as: DEMO.secretary,
          now: later(SEEDED_AT, 3600_000 + k * 60_000),
          event: { action: 'update', id: fresh.id, version: 1, ...fresh.draft, images: [image] },
        },
        async written() {
          const doc = await content('notice', fresh.id);
          return doc.images.some((each) => each.fileID === image) ? doc : undefined;
        },
      };
    });
    await repaired('notice', orphan.id, orphan.at);
  });

  it('council.propose: is asked about and shown', async () => {
    const orphan = await orphanedBy(
      'topic',
      async (k) => {
        const title = `楼下增设自行车棚第${k}号`;
        const image = await photo('topic', DEMO.resident);
        return {
          call: council(
            DEMO.resident,
            'propose',
            {
              title,
              body: '自行车停在楼道里不安全，也挡路，建议在楼下空地搭一个自行车棚。',
              category: 'facility',
              scope: { kind: 'buildings', buildingNos: [5] },
              images: [image],
              requestId: requestId('propose'),
            },
            later(SEEDED_AT, 3600_000 + k * 60_000),
          ),
          written: async () => (await all<Content>(ctx.db(), 'council_topics', { title }))[0],
        };
      },
      withdrawn,
    );
    await repaired('topic', orphan.id, orphan.at);
  });

  it('council.milestone: is asked about and shown', async () => {
    const orphan = await orphanedBy('topic', async (k) => {
      const id = await implementingTopic(ctx);
      const image = await photo('topic', DEMO.secretary);
      const title = `车棚已搭好第${k}号`;
      const input = { id, title, date: '2026-11-27', images: [image], done: false, requestId: requestId('milestone') };
      return {
        call: council(DEMO.secretary, 'milestone', input, later(SEEDED_AT, 3 * 3600_000 + k * 60_000)),
        async written() {
          const topic = await content('topic', id);
          return topic.images.some((each) => each.fileID === image) ? topic : undefined;
        },
      };
    });
    await repaired('topic', orphan.id, orphan.at, DEMO.secretary);
  });

  it('report.submit: is asked about and shown', async () => {
    const orphan = await orphanedBy('report', async (k) => {
      const body = `5号楼2单元门禁坏了，刷卡没反应（第${k}次）`;
      const image = await photo('report', DEMO.resident);
      // A day per attempt (the daily quota is per day).
      const filed = at(wall(dayKey(60 + k), '10:00'));
      return {
        call: report(
          DEMO.resident,
          'submit',
          {
            categoryId: 'facility',
            description: body,
            images: [image],
            place: { kind: 'building', buildingNo: 5, unitNo: 2, floor: 1 },
            urgent: false,
            household: false,
            requestId: requestId('report'),
          },
          filed,
        ),
        written: async () => (await all<Content>(ctx.db(), 'reports', { body }))[0],
      };
    });
    await repaired('report', orphan.id, orphan.at);
  });

  it('report.resolve: the handler’s photo is asked about and shown', async () => {
    const orphan = await orphanedBy('report', async (k) => {
      const fresh = await freshReport(ctx);
      const accepted = later(fresh.filed, 3600_000);
      await ctx.ok(report(DEMO.unitLeader, 'accept', { id: fresh.id }, accepted));
      const image = await photo('report', DEMO.unitLeader);
      return {
        call: report(
          DEMO.unitLeader,
          'resolve',
          { id: fresh.id, note: `已修好门禁（第${k}次）`, images: [image] },
          later(accepted, 3600_000),
        ),
        async written() {
          const doc = await content('report', fresh.id);
          return doc.images.some((each) => each.fileID === image) ? doc : undefined;
        },
      };
    });
    await repaired('report', orphan.id, orphan.at, DEMO.unitLeader);
  });

  it('activity (saved without its checks): is asked about and shown', async () => {
    // activity.create and update ask before they save, so no death leaves this; the timer still covers the kind.
    const image = await photo('activity', DEMO.secretary);
    const writtenAt = later(SEEDED_AT, 200 * 3600_000);
    await ctx
      .db()
      .collection('activities')
      .add({
        _id: 'activity-unchecked',
        title: '周末义诊',
        images: [{ fileID: image, state: 'pending' }],
        authorId: 'r-demo-secretary',
        moderation: { state: 'pass', flags: 0 },
        createdAt: writtenAt,
        updatedAt: writtenAt,
      });
    await repaired('activity', 'activity-unchecked', writtenAt);
  });
});

describe('a reconcile run that died while asking', () => {
  it('leaves a claim a run after it takes over: the photo is asked about once', async () => {
    const image = await photo('activity', DEMO.secretary);
    const writtenAt = later(SEEDED_AT, 300 * 3600_000);
    await ctx
      .db()
      .collection('activities')
      .add({
        _id: 'activity-claimed',
        title: '周末义剪',
        images: [{ fileID: image, state: 'pending' }],
        authorId: 'r-demo-secretary',
        moderation: { state: 'pass', flags: 0 },
        createdAt: writtenAt,
        updatedAt: writtenAt,
      });
    const runAt = later(writtenAt, 10 * 60_000);
    let claimed: MediaCheckDoc[] = [];
    for (let k = 1; k <= 30 && !claimed.length; k++) {
      await expect(
        cloud.runner.fireTimer('moderation', 'reconcileMediaChecks', { now: runAt, dieAfterRoundTrips: k }),
      ).rejects.toBeInstanceOf(FunctionInstanceDiedError);
      claimed = await checksOf('activity', 'activity-claimed');
    }
    // The first death that left anything left the claim alone, before WeChat was asked.
    expect(claimed).toEqual([expect.objectContaining({ state: 'claimed', fileID: image })]);

    // While the dead run might still be running, its claim holds.
    const soon = await reconcile(later(runAt, DEAD_AFTER_MS - 1000));
    expect(soon.result).toMatchObject({ ok: true, data: { unchecked: 0 } });
    const after = await reconcile(later(runAt, DEAD_AFTER_MS));
    expect(after.result).toMatchObject({ ok: true, data: { unchecked: 1 } });
    const again = await reconcile(later(runAt, DEAD_AFTER_MS + 1000));
    expect(again.result).toMatchObject({ ok: true, data: { unchecked: 0 } });
    const checks = await checksOf('activity', 'activity-claimed');
    expect(checks.filter((check) => check.state === 'waiting')).toHaveLength(1);

    await cloud.standIn.flushMediaChecks();
    expect((await content('activity', 'activity-claimed')).images[0]!.state).toBe('pass');
  });
});
