/**
 * The fan-out's seqId tag: a push's requests come from a second SDK instance initialised with
 * `context.eventID = <TCB_SEQID>-fanout` (node-sdk in cloudfunctions/shared/cloud.ts asFanout,
 * wx-server-sdk's undocumented `createNewInstance` in shared/wechat.ts), so the stand-in
 * counts them apart (local/cloudbase/roundtrips.ts). The seqId is a tracing field the
 * service is expected to take whatever it says; this asks it: the same database calls and
 * subscribe-message send, from an instance tagged as a fan-out and from an untagged one,
 * must answer alike.
 */
import tcb from '@cloudbase/node-sdk';
import type WxServerSdkModule from 'wx-server-sdk';
import { fanoutEventId } from '../../../cloudfunctions/shared/cloud';
import type { SmokeCheck, SmokeContext } from '../types';

type WxServerSdk = typeof WxServerSdkModule;
type SubscribeSend = (params: object) => Promise<unknown>;

/** What a call answered: `ok`, an error code, or a WeChat errcode. */
async function outcomeOf(call: () => unknown): Promise<string> {
  try {
    const result = (await call()) as { code?: unknown; errCode?: unknown; errcode?: unknown } | undefined;
    // wx-server-sdk (throwOnCode off) answers an error instead of throwing it.
    if (typeof result?.code === 'string' && result.code) return result.code;
    const errcode = result?.errCode ?? result?.errcode;
    if (typeof errcode === 'number' && errcode !== 0) return `errcode ${errcode}`;
    return 'ok';
  } catch (error) {
    const { code, errCode } = (error ?? {}) as { code?: unknown; errCode?: unknown };
    if (typeof errCode === 'number') return `errcode ${errCode}`;
    return String(code ?? (error as Error | undefined)?.message ?? error);
  }
}

/** node-sdk: a document added and read back. */
async function throughNodeSdk(ctx: SmokeContext, id: string, eventID?: string): Promise<string> {
  const app = tcb.init({
    ...ctx.sdkOptions,
    env: ctx.sdkOptions.env ?? tcb.SYMBOL_CURRENT_ENV,
    ...(eventID ? { context: { eventID } } : {}),
  });
  const docs = app.database().collection(ctx.scratch);
  const add = await outcomeOf(() => docs.add({ _id: id, n: 1 }));
  const get = await outcomeOf(() => docs.where({ _id: id }).get());
  return `node-sdk add ${add}, get ${get}`;
}

/**
 * wx-server-sdk through `createNewInstance`, as shared/wechat.ts makes it: a read, and a
 * subscribe message to an openid and a template that do not exist (WeChat refuses it with
 * an errcode when the request reaches it; nobody is sent anything).
 */
async function throughWxServerSdk(ctx: SmokeContext, id: string, eventID?: string): Promise<string> {
  const { default: cloud } = await import('wx-server-sdk');
  const create = (cloud as unknown as { createNewInstance?: (config: object) => WxServerSdk }).createNewInstance;
  if (typeof create !== 'function') return 'wx-server-sdk has no createNewInstance';
  const instance = create({
    ...ctx.sdkOptions,
    env: ctx.sdkOptions.env ?? cloud.DYNAMIC_CURRENT_ENV,
    ...(eventID ? { context: { eventID } } : {}),
  });
  const get = await outcomeOf(() => instance.database().collection(ctx.scratch).where({ _id: id }).get());
  const openapi = instance.openapi as unknown as { subscribeMessage: { send: SubscribeSend } };
  const send = await outcomeOf(() =>
    openapi.subscribeMessage.send({
      touser: `${ctx.runId}-nobody`,
      templateId: `${ctx.runId}-no-template`,
      page: 'pages/index/index',
      data: {},
    }),
  );
  return `wx-server-sdk get ${get}, subscribeMessage.send ${send}`;
}

export const CHECKS: SmokeCheck[] = [
  {
    name: 'fanout-seqid',
    question:
      'Do database calls and subscribeMessage.send from an SDK instance tagged as a fan-out (context.eventID = <seq>-fanout) answer as from an untagged one?',
    async run(ctx) {
      const eventID = fanoutEventId(ctx.runId);
      const tagged = [
        await throughNodeSdk(ctx, `${ctx.runId}-tagged`, eventID),
        await throughWxServerSdk(ctx, `${ctx.runId}-tagged`, eventID),
      ].join('; ');
      const plain = [
        await throughNodeSdk(ctx, `${ctx.runId}-plain`),
        await throughWxServerSdk(ctx, `${ctx.runId}-plain`),
      ].join('; ');
      const reachedWeChat = /send errcode \d+/.test(plain);
      return {
        answer:
          `tagged (${eventID}): ${tagged} | untagged: ${plain}` +
          (reachedWeChat
            ? ''
            : ' | the send did not reach WeChat from here (outside a function): a deployed function’s fan-out log answers that part'),
        reading: tagged === plain ? 'same' : 'differs',
      };
    },
  },
];
