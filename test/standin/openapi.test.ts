/**
 * The WeChat open API through the real wx-server-sdk (protobuf over wx.openApi): content
 * security (text, and media with the verdict pushed to a function) and subscribe messages;
 * plus node-sdk's JSON wx.api path and the tool endpoints.
 */
import tcb from '@cloudbase/node-sdk';
import cloud from 'wx-server-sdk';
import { rejection, sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment();

const TEMPLATE = 'TPL_ACTIVITY_REMINDER';
const events: { name: string; event: Record<string, unknown>; source: string; openid?: string; appid?: string }[] = [];
let h: Harness;
let base: string;

beforeAll(async () => {
  h = await startHarness({
    moderation: {
      riskyWords: ['badword', '赌博:20006'],
      reviewWords: ['maybe'],
      mediaCheckEventFunction: 'moderation',
      mediaVerdictDelayMs: 60_000,
    },
    subscribeTemplates: [TEMPLATE],
    invokeFunction: async (name, event, meta) => {
      events.push({
        name,
        event: event as Record<string, unknown>,
        source: meta.source,
        ...(meta.openid ? { openid: meta.openid } : {}),
        ...(meta.appid ? { appid: meta.appid } : {}),
      });
      return null;
    },
  });
  base = h.standIn.url.replace(/\/admin$/, '');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
});

afterAll(async () => {
  await h.stop();
});

beforeEach(() => {
  h.standIn.reset();
  events.length = 0;
});

const openid = 'o-test-user';
const check = (content: string) => cloud.openapi.security.msgSecCheck({ openid, scene: 2, version: 2, content });

describe('security.msgSecCheck', () => {
  it('passes ordinary text', async () => {
    const res = await check('周六上午社区义诊，欢迎参加');
    expect(res).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } });
    expect(typeof res.traceId).toBe('string');
  });

  it('flags review and risky words, with the configured label', async () => {
    expect((await check('maybe this')).result).toEqual({ suggest: 'review', label: 21000 });
    expect((await check('a BADWORD here')).result).toEqual({ suggest: 'risky', label: 20001 });
    const risky = await check('一起来赌博');
    expect(risky.result).toEqual({ suggest: 'risky', label: 20006 });
    expect(risky.detail).toEqual(
      expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '赌博' })]),
    );
  });

  it('rejects a missing openid and over-long content with WeChat error codes', async () => {
    const noOpenid = await rejection(cloud.openapi.security.msgSecCheck({ scene: 2, version: 2, content: 'x' }));
    expect(noOpenid.errCode).toBe(40003);
    const long = await rejection(check('长'.repeat(2501)));
    expect(long.errCode).toBe(47001);
    const noScene = await rejection(cloud.openapi.security.msgSecCheck({ openid, version: 2, content: 'x' }));
    expect(noScene.errCode).toBe(47001);
  });

  it('answers version 1 with errcode 87014 for risky content', async () => {
    expect((await cloud.openapi.security.msgSecCheck({ content: 'fine' })).errCode).toBe(0);
    expect((await rejection(cloud.openapi.security.msgSecCheck({ content: 'badword' }))).errCode).toBe(87014);
  });

  it('is also reachable through node-sdk callWxOpenApi (wx.api)', async () => {
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    const res = await app.callWxOpenApi({
      apiName: '/wxa/msg_sec_check',
      requestData: { content: 'badword', version: 2, scene: 1, openid },
    });
    expect(res.result).toMatchObject({ errcode: 0, result: { suggest: 'risky' } });
  });
});

describe('security.mediaCheckAsync', () => {
  it('answers with a trace id at once and pushes the verdict event on flush, as a message push', async () => {
    const res = await cloud.openapi.security.mediaCheckAsync({
      mediaUrl: 'https://example.invalid/a.jpg',
      mediaType: 2,
      version: 2,
      openid,
      scene: 2,
    });
    expect(res.errCode).toBe(0);
    expect(events).toHaveLength(0);
    expect(await h.standIn.flushMediaChecks()).toBe(1);
    expect(events).toHaveLength(1);
    const [{ name, event, source, openid: pushedOpenid, appid }] = events as [(typeof events)[0]];
    expect(name).toBe('moderation');
    // A message push runs as the event's user (getWXContext().OPENID = FromUserName), with
    // the undocumented SOURCE modelled as wx_unknown.
    expect(source).toBe('wx_unknown');
    expect(pushedOpenid).toBe(openid);
    expect(appid).toBe(event.appid);
    expect(event).toMatchObject({
      MsgType: 'event',
      Event: 'wxa_media_check',
      FromUserName: openid,
      trace_id: res.traceId,
      version: 2,
      errcode: 0,
      result: { suggest: 'pass', label: 100 },
    });
    expect(await h.standIn.flushMediaChecks()).toBe(0);
  });

  it('is risky when the URL or the stored file carries the marker', async () => {
    const byUrl = await cloud.openapi.security.mediaCheckAsync({
      mediaUrl: 'https://x.invalid/RISKY.jpg',
      mediaType: 2,
      version: 2,
      openid,
      scene: 1,
    });
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    const up = await app.uploadFile({ cloudPath: 'posts/p.jpg', fileContent: Buffer.from('....RISKY....') });
    const url = (await app.getTempFileURL({ fileList: [up.fileID] })).fileList[0]!.tempFileURL;
    const byContent = await cloud.openapi.security.mediaCheckAsync({
      mediaUrl: url,
      mediaType: 2,
      version: 2,
      openid,
      scene: 1,
    });
    const clean = await app.uploadFile({ cloudPath: 'posts/ok.jpg', fileContent: Buffer.from('fine') });
    const cleanUrl = (await app.getTempFileURL({ fileList: [clean.fileID] })).fileList[0]!.tempFileURL;
    const ok = await cloud.openapi.security.mediaCheckAsync({
      mediaUrl: cleanUrl,
      mediaType: 2,
      version: 2,
      openid,
      scene: 1,
    });
    // Through the tool endpoint this time.
    const flushed = (await (await fetch(`${base}/__standin/media/flush`, { method: 'POST' })).json()) as {
      delivered: number;
    };
    expect(flushed.delivered).toBe(3);
    const verdict = (trace: unknown) =>
      (events.find((e) => e.event.trace_id === trace)?.event.result as { suggest: string }).suggest;
    expect(verdict(byUrl.traceId)).toBe('risky');
    expect(verdict(byContent.traceId)).toBe('risky');
    expect(verdict(ok.traceId)).toBe('pass');
  });
});

describe('subscribeMessage.send', () => {
  const send = (touser: string, templateId = TEMPLATE, value = '垃圾分类讲座') =>
    cloud.openapi.subscribeMessage.send({
      touser,
      templateId,
      page: 'pages/activity/detail?id=1',
      miniprogramState: 'developer',
      data: { thing1: { value }, time2: { value: '2024-06-01 09:00' } },
    });

  it('sends with a grant, consuming a "once" grant, and records the message in the outbox', async () => {
    h.standIn.grantSubscription('o-a', TEMPLATE);
    expect((await send('o-a')).errCode).toBe(0);
    expect(h.standIn.outbox()).toEqual([
      {
        touser: 'o-a',
        templateId: TEMPLATE,
        page: 'pages/activity/detail?id=1',
        miniprogramState: 'developer',
        data: { thing1: { value: '垃圾分类讲座' }, time2: { value: '2024-06-01 09:00' } },
        sentAt: expect.any(String),
      },
    ]);
    const second = await rejection(send('o-a'));
    expect(second.errCode).toBe(43101);
  });

  it('does not consume a "long" grant; a user without a grant gets 43101', async () => {
    h.standIn.grantSubscription('o-long', TEMPLATE, 'long');
    await send('o-long');
    await send('o-long');
    expect(h.standIn.outbox()).toHaveLength(2);
    expect((await rejection(send('o-none'))).errCode).toBe(43101);
  });

  it('rejects an unknown template (40037) and data over the keyword limits (47003)', async () => {
    h.standIn.grantSubscription('o-b', TEMPLATE);
    expect((await rejection(send('o-b', 'TPL_UNKNOWN'))).errCode).toBe(40037);
    expect((await rejection(send('o-b', TEMPLATE, '这是一个超过二十个字的活动名称用来测试长度限制'))).errCode).toBe(
      47003,
    );
    // Failed sends do not use the grant up.
    expect((await send('o-b')).errCode).toBe(0);
  });

  it('takes grants and shows the outbox through the tool endpoints', async () => {
    const granted = await fetch(`${base}/__standin/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'o-http', templateId: TEMPLATE, kind: 'once' }),
    });
    expect(granted.status).toBe(200);
    await send('o-http');
    const outbox = (await (await fetch(`${base}/__standin/outbox`)).json()) as { touser: string }[];
    expect(outbox.map((m) => m.touser)).toEqual(['o-http']);
    const bad = await fetch(`${base}/__standin/subscriptions`, { method: 'POST', body: '{"openid":1}' });
    expect(bad.status).toBe(400);
  });
});

it('answers an API it does not implement with the platform error -604101', async () => {
  const err = await rejection(cloud.openapi.wxacode.getUnlimited({ scene: 'a=1' }));
  expect(err.errCode).toBe(-604101);
});
