/**
 * functions.invokeFunction and round-trip accounting by TCB_SEQID.
 */
import tcb from '@cloudbase/node-sdk';
import { rejection, sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment({
  TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SOURCE,TCB_SEQID',
  TCB_ENV: 'local-env',
  TCB_SOURCE: 'wx_client',
  TCB_SEQID: 'inv0',
});

const calls: { name: string; event: unknown; meta: { source: string; callerSeqId?: string } }[] = [];
let h: Harness;
let app: ReturnType<typeof tcb.init>;

beforeAll(async () => {
  h = await startHarness({
    collections: { items: { indexes: [] } },
    invokeFunction: async (name, event, meta) => {
      calls.push({ name, event, meta });
      if (name === 'broken') throw new Error('boom');
      if (name === 'silent') return undefined;
      return { echoed: event };
    },
  });
  app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
});

afterAll(async () => {
  await h.stop();
});

it('hands callFunction to the invoker as a function-to-function call', async () => {
  process.env.TCB_SEQID = 'caller1';
  const res = await app.callFunction({ name: 'other', data: { x: 1 } });
  expect(res.result).toEqual({ echoed: { x: 1 } });
  expect(calls.at(-1)).toMatchObject({ name: 'other', event: { x: 1 }, meta: { source: 'wx_client,scf' } });
  expect(calls.at(-1)?.meta.callerSeqId).toMatch(/^caller1-/);
  const silent = await app.callFunction({ name: 'silent', data: undefined });
  expect(silent.result).toBeNull();
  expect(calls.at(-1)?.event).toEqual({});
});

it('reports a failing function as FUNCTIONS_EXECUTE_FAIL', async () => {
  const err = await rejection(app.callFunction({ name: 'broken', data: {} }));
  expect(err.code).toBe('FUNCTIONS_EXECUTE_FAIL');
  expect(String(err.message)).toContain('boom');
});

it('counts round trips per invocation id (the TCB_SEQID prefix of seqId)', async () => {
  const db = app.database();
  process.env.TCB_SEQID = 'invA';
  await db.collection('items').add({ a: 1 });
  await db.collection('items').where({ a: 1 }).get();
  await db.collection('items').count();
  process.env.TCB_SEQID = 'invB';
  await db.collection('items').count();
  await app.uploadFile({ cloudPath: 'rt.txt', fileContent: Buffer.from('x') });
  expect(h.standIn.roundTrips('invA')).toBe(3);
  // getUploadMetadata + the COS PUT
  expect(h.standIn.roundTrips('invB')).toBe(3);
  expect(h.standIn.roundTrips('nobody')).toBe(0);
  const total = h.standIn.totalRequests();
  await fetch(`${h.standIn.url.replace('/admin', '')}/__standin/health`);
  expect(h.standIn.totalRequests()).toBe(total);
});
