/**
 * Malformed requests sent as raw HTTP: each gets an error envelope (HTTP 200 +
 * {code, message, requestId}), nothing is written, and the server keeps serving.
 */
import { ENV_ID, rawAdmin, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ collections: { items: { indexes: [] } } });
});

afterAll(async () => {
  await h.stop();
});

async function count(): Promise<number> {
  const res = await rawAdmin(
    h.standIn,
    JSON.stringify({ action: 'database.calculateDocument', collectionName: 'items', queryType: 'WHERE' }),
  );
  return (res.data as { total: number }).total;
}

const cases: [string, string | Buffer, string, string][] = [
  ['bad JSON', '{"action": "database.insertDocument", ', 'application/json', 'INVALID_PARAM'],
  ['a JSON array', '[1,2]', 'application/json', 'INVALID_PARAM'],
  ['no action', JSON.stringify({ collectionName: 'items', data: ['{}'] }), 'application/json', 'INVALID_PARAM'],
  [
    'an unknown action',
    JSON.stringify({ action: 'database.dropEverything', collectionName: 'items' }),
    'application/json',
    'INVALID_PARAM',
  ],
  ['an unknown service', JSON.stringify({ action: 'ai.chat' }), 'application/json', 'INVALID_PARAM'],
  [
    'missing collectionName',
    JSON.stringify({ action: 'database.insertDocument', data: ['{"a":1}'] }),
    'application/json',
    'INVALID_PARAM',
  ],
  [
    'data not an array',
    JSON.stringify({ action: 'database.insertDocument', collectionName: 'items', data: '{"a":1}' }),
    'application/json',
    'INVALID_PARAM',
  ],
  [
    'bad EJSON in data',
    JSON.stringify({
      action: 'database.insertDocument',
      collectionName: 'items',
      data: ['{"a":1}', '{"b":{"$numberInt":"x"}}'],
    }),
    'application/json',
    'INVALID_PARAM',
  ],
  [
    'a document that is not an object',
    JSON.stringify({ action: 'database.insertDocument', collectionName: 'items', data: ['[1]'] }),
    'application/json',
    'INVALID_PARAM',
  ],
  [
    'bad EJSON query',
    JSON.stringify({
      action: 'database.modifyDocument',
      collectionName: 'items',
      queryType: 'WHERE',
      query: '{nope',
      data: '{"$set":{"a":1}}',
    }),
    'application/json',
    'INVALID_PARAM',
  ],
  [
    'a bad queryType',
    JSON.stringify({ action: 'database.removeDocument', collectionName: 'items', queryType: 'ALL' }),
    'application/json',
    'INVALID_PARAM',
  ],
  [
    'DOC without _id',
    JSON.stringify({
      action: 'database.modifyDocument',
      collectionName: 'items',
      queryType: 'DOC',
      query: '{}',
      data: '{"a":1}',
    }),
    'application/json',
    'INVALID_PARAM',
  ],
  [
    'an unknown update operator',
    JSON.stringify({
      action: 'database.modifyDocument',
      collectionName: 'items',
      queryType: 'WHERE',
      query: '{}',
      data: '{"$explode":{"a":1}}',
    }),
    'application/json',
    'DATABASE_REQUEST_FAILED',
  ],
  [
    'an unknown query operator',
    JSON.stringify({
      action: 'database.getDocument',
      collectionName: 'items',
      queryType: 'WHERE',
      query: '{"a":{"$nearSphere":{}}}',
    }),
    'application/json',
    'DATABASE_REQUEST_FAILED',
  ],
  [
    'a negative limit',
    JSON.stringify({ action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', limit: -1 }),
    'application/json',
    'INVALID_PARAM',
  ],
  [
    'a bad order',
    JSON.stringify({
      action: 'database.getDocument',
      collectionName: 'items',
      queryType: 'WHERE',
      order: '{"a":"up"}',
    }),
    'application/json',
    'INVALID_PARAM',
  ],
  [
    'bad stages',
    JSON.stringify({ action: 'database.aggregateDocuments', collectionName: 'items', stages: [{ stageKey: 'match' }] }),
    'application/json',
    'INVALID_PARAM',
  ],
  [
    'an unknown transaction',
    JSON.stringify({ action: 'database.commitTransaction', transactionId: 'txn-nope' }),
    'application/json',
    'DATABASE_TRANSACTION_FAIL',
  ],
  ['broken multipart', '--xx\r\nnot a part', 'multipart/form-data; boundary=xx', 'INVALID_PARAM'],
  [
    'an open API call without protobuf',
    `--b\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.openApi\r\n--b\r\nContent-Disposition: form-data; name="apiName"\r\n\r\nsecurity.msgSecCheck\r\n--b\r\nContent-Disposition: form-data; name="requestData"\r\n\r\n\u00ff\u00ff\u00ff\r\n--b--\r\n`,
    'multipart/form-data; boundary=b',
    'INVALID_PARAM',
  ],
  [
    'a function call without a name',
    JSON.stringify({ action: 'functions.invokeFunction', request_data: '{}' }),
    'application/json',
    'INVALID_PARAM',
  ],
  [
    'a bad cloud path',
    JSON.stringify({ action: 'storage.getUploadMetadata', path: '../etc/passwd', method: 'put' }),
    'application/json',
    'INVALID_PARAM',
  ],
];

it.each(cases)('%s -> error envelope, nothing written', async (_name, body, contentType, code) => {
  const before = await count();
  const res = await rawAdmin(h.standIn, body, contentType);
  expect(res.code).toBe(code);
  expect(typeof res.message).toBe('string');
  expect(typeof res.requestId).toBe('string');
  expect(res.data).toBeUndefined();
  expect(await count()).toBe(before);
});

it('still serves after all of that, and answers unknown paths and methods', async () => {
  const ok = await rawAdmin(
    h.standIn,
    JSON.stringify({ action: 'database.insertDocument', collectionName: 'items', data: ['{"a":{"$numberInt":"1"}}'] }),
  );
  expect((ok.data as { insertedIds: string[] }).insertedIds).toHaveLength(1);
  const base = h.standIn.url.replace(/\/admin$/, '');
  expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  const get = await fetch(`${h.standIn.url}?env=${ENV_ID}`);
  expect(((await get.json()) as { code: string }).code).toBe('INVALID_PARAM');
  const health = await fetch(`${base}/__standin/health`);
  expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
});
