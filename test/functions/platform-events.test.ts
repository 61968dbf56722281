/**
 * Platform events are authenticated by what only the platform produces. Over the local
 * gateway (a mini-program user with an openid, or an HTTP caller without one), a timer
 * event for any function and a wxa_media_check verdict (for a real or a made-up trace id)
 * are refused and change nothing; so is a timer event passed on by another function. The
 * real trigger still runs.
 */
import { createHash } from 'node:crypto';
import tcb from '@cloudbase/node-sdk';
import { COLLECTIONS, type CollectionName } from '../../cloudfunctions/shared/collections';
import { submitImages } from '../../cloudfunctions/shared/moderation';
import { uploadFolder } from '../../cloudfunctions/shared/storage';
import { startGateway, type Gateway } from '../../local/runner/gateway';
import { MODERATION_WORDS } from '../../local/config';
import { DEMO } from '../../local/seed/community';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
let gateway: Gateway;
let realTraceId: string;

beforeAll(async () => {
  // WeChat's verdict comes only when the test flushes it.
  cloud = await startTestCloud({
    standIn: {
      moderation: { mediaCheckEventFunction: 'moderation', ...MODERATION_WORDS, mediaVerdictDelayMs: 3_600_000 },
    },
  });
  gateway = await startGateway({ runner: cloud.runner });
  // Work every timer would find due, so a forged timer that ran would show.
  await cloud
    .db()
    .collection('push_outbox')
    .add({
      touser: DEMO.resident,
      recipientId: 'r-demo-resident',
      creditId: `${DEMO.resident}|notice`,
      long: false,
      templateId: 'TPL_NOTICE',
      page: '/pages/home/index',
      data: {},
      source: { kind: 'notice', id: 'n-forged' },
      attempts: 1,
      state: 'waiting',
      nextAttemptAt: new Date(Date.UTC(2000, 0, 1)),
      createdAt: new Date(Date.UTC(2000, 0, 1)),
    });
  // A real image check waiting for its verdict.
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  const { fileID } = await app.uploadFile({
    cloudPath: `${uploadFolder('notice', DEMO.secretary)}202611/forged.jpg`,
    fileContent: jpeg,
  });
  await submitImages(DEMO.secretary, { kind: 'notice', id: 'notice-forged' }, [fileID], cloud.seededAt);
  const { data } = await cloud.db().collection('media_checks').where({ 'target.id': 'notice-forged' }).get();
  realTraceId = (data[0] as { _id: string })._id;
});

afterAll(async () => {
  await gateway.close();
  await cloud.close();
});

/** A digest of every document of every collection: any write shows. */
async function fingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
    for (let offset = 0; ; offset += 1000) {
      const { data } = await cloud.db().collection(name).orderBy('_id', 'asc').skip(offset).limit(1000).get();
      hash.update(`${name}:${JSON.stringify(data)}`);
      if (data.length < 1000) break;
    }
  }
  return hash.digest('hex');
}

async function overGateway(fn: string, event: object, openid?: string): Promise<unknown> {
  const response = await fetch(`${gateway.url}/__cloud/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify(event),
  });
  return response.json();
}

const CALLERS: Array<[string, string | undefined]> = [
  ['an HTTP caller without an openid', undefined],
  ['a resident', DEMO.resident],
  ['a staff member', DEMO.staff],
];

function verdict(traceId: string) {
  return {
    ToUserName: 'gh_standin00000',
    FromUserName: DEMO.secretary,
    CreateTime: 1764000000,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wx00000000localdemo',
    trace_id: traceId,
    version: 2,
    result: { suggest: 'pass', label: 100 },
  };
}

describe('forged platform events change nothing', () => {
  it('refuses every function’s timer events and media verdicts from the gateway, with or without an openid', async () => {
    const before = await fingerprint();
    const timers = cloud.runner.timers();
    expect(timers.length).toBeGreaterThanOrEqual(6);
    for (const [, openid] of CALLERS) {
      for (const timer of timers) {
        for (const type of ['Timer', 'timer']) {
          const event = { Type: type, TriggerName: timer.name, Time: cloud.seededAt.toISOString() };
          expect(await overGateway(timer.fn, event, openid)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        }
      }
      for (const traceId of [realTraceId, 'made-up-trace']) {
        expect(await overGateway('moderation', verdict(traceId), openid)).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        });
      }
    }
    expect(await fingerprint()).toBe(before);
  });

  it('refuses a timer event handed on by another function (SOURCE wx_client,scf), or from DevTools', async () => {
    const before = await fingerprint();
    for (const source of ['wx_client,scf', 'wx_devtools', 'wx_http,scf']) {
      const answer = await cloud.call('push', { Type: 'Timer', TriggerName: 'retryOutbox' }, { source });
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const pushed = await cloud.call('moderation', verdict(realTraceId), { source, openid: DEMO.secretary });
      expect(pushed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await fingerprint()).toBe(before);
  });

  it('still runs the real trigger, and still takes WeChat’s real verdict', async () => {
    expect((await cloud.runner.fireTimer('push', 'retryOutbox')).result).toMatchObject({ ok: true });
    expect(await cloud.standIn.flushMediaChecks()).toBeGreaterThanOrEqual(1);
    const { data } = await cloud.db().collection('media_checks').doc(realTraceId).get();
    expect(data[0]).toMatchObject({ verdict: 'pass', applied: false });
  });
});
