/**
 * The HTTP front: routes the admin endpoint, the COS endpoints and the tool endpoints, and
 * guarantees that whatever arrives (bad JSON, unknown action, a throw deep inside) gets an
 * answer and never takes the process down.
 *
 *   POST /admin                 TCB admin protocol (JSON, or multipart for wx.openApi)
 *   PUT|GET|HEAD /cos/<path>    object storage (uploads from getUploadMetadata URLs, downloads)
 *   GET  /__standin/health      liveness and a little state
 *   GET  /__standin/outbox      subscribe messages "sent"
 *   POST /__standin/subscriptions {openid, templateId, kind}   a user's accept
 *   POST /__standin/media/flush  deliver pending media-check verdicts now
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseMultipart, readBody } from './body';
import { runDatabaseAction, type DbContext } from './database/actions';
import { errorEnvelope, invalidParam, JSON_CONTENT_TYPE, newRequestId, StandInError } from './envelope';
import { invokeFunction, type Invoker } from './functions';
import { handleWxApi, handleWxOpenApi } from './openapi';
import type { Moderation } from './openapi/moderation';
import type { GrantKind, Subscriptions } from './openapi/subscribe';
import type { RoundTrips } from './roundtrips';
import { contentTypeOf, cosErrorXml, MAX_UPLOAD_BYTES, storageActions, type FileStore } from './storage';

const MAX_ADMIN_BODY = 20 * 1024 * 1024;

export interface ServerDeps {
  envId: string;
  db: DbContext;
  files: FileStore;
  moderation: Moderation;
  subscriptions: Subscriptions;
  roundTrips: RoundTrips;
  invoker?: Invoker;
  url(): string;
  /** Withhold the wording of database errors (see StandInOptions.withholdErrorWording). */
  withholdErrorWording?: boolean;
  /** Milliseconds to hold a request before handling it (StandIn.slowDown); 0 for none. */
  delayFor?(action: string, collectionName: unknown): number;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendCosError(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
  const xml = cosErrorXml(code, message, resource);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}

/** The admin request's parameters, from JSON or multipart. */
function parseParams(bytes: Buffer, contentType: string): Record<string, unknown> {
  if (/^multipart\/form-data/i.test(contentType)) {
    const parts = parseMultipart(bytes, contentType);
    if (!parts) throw invalidParam('malformed multipart body');
    const params: Record<string, unknown> = {};
    for (const [name, part] of parts) params[name] = name === 'requestData' ? part.data : part.data.toString('utf8');
    return params;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalidParam('request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw invalidParam('request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

async function handleAdmin(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const requestId = newRequestId();
  const seqId = url.searchParams.get('seqId') ?? undefined;
  deps.roundTrips.count(seqId);
  const body = await readBody(req, MAX_ADMIN_BODY);
  try {
    if (req.method !== 'POST') throw invalidParam('the admin endpoint takes POST');
    if (body.tooLarge) throw invalidParam('request body too large');
    const env = url.searchParams.get('env');
    if (env !== null && env !== deps.envId) throw new StandInError('INVALID_ENV', `env not exist: ${env}`);
    const params = parseParams(body.bytes, req.headers['content-type'] ?? '');
    const action = params.action;
    if (typeof action !== 'string' || action.length === 0) throw invalidParam('action is required');
    const delay = deps.delayFor?.(action, params.collectionName) ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

    if (action === 'wx.openApi') {
      const requestData = Buffer.isBuffer(params.requestData) ? params.requestData : undefined;
      const reply = handleWxOpenApi(params.apiName, requestData, deps);
      // Anything but exactly JSON_CONTENT_TYPE: node-sdk hands the bytes to wx-server-sdk.
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': reply.length });
      res.end(reply);
      return;
    }
    let reply: Record<string, unknown>;
    if (action.startsWith('database.')) reply = runDatabaseAction(action, params, deps.db);
    else if (action.startsWith('storage.')) {
      const handler = storageActions(deps.files, seqId)[action];
      if (!handler) throw invalidParam(`unknown action: ${action}`);
      reply = handler(params);
    } else if (action === 'functions.invokeFunction') reply = await invokeFunction(params, deps.invoker, seqId);
    else if (action === 'wx.api') reply = handleWxApi(params.apiName, params.requestData, deps);
    else throw invalidParam(`unknown action: ${action}`);
    sendJson(res, 200, { requestId, ...reply });
  } catch (err) {
    sendJson(res, 200, errorEnvelope(err, requestId, deps.withholdErrorWording));
  }
}

async function handleCos(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const raw = url.pathname.slice('/cos/'.length);
  if (req.method === 'PUT') {
    deps.roundTrips.count(url.searchParams.get('sid'));
    const body = await readBody(req, MAX_UPLOAD_BYTES);
    let path: string;
    try {
      path = deps.files.checkPath(decodeURIComponent(raw));
    } catch {
      sendCosError(res, 400, 'InvalidURI', 'Could not parse the specified URI.', url.pathname);
      return;
    }
    if (body.tooLarge) {
      sendCosError(
        res,
        400,
        'EntityTooLarge',
        `Your proposed upload exceeds the maximum allowed object size (${MAX_UPLOAD_BYTES} bytes).`,
        path,
      );
      return;
    }
    deps.files.write(path, body.bytes);
    res.writeHead(200, { etag: `"${body.bytes.length.toString(16)}"`, 'content-length': 0 });
    res.end();
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    deps.roundTrips.count(null);
    await readBody(req, 0);
    const path = deps.files.resolveUrlPath(raw);
    const content = path ? deps.files.read(path) : undefined;
    if (!path || !content) {
      sendCosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', url.pathname);
      return;
    }
    res.writeHead(200, { 'content-type': contentTypeOf(path), 'content-length': content.length });
    res.end(req.method === 'HEAD' ? undefined : content);
    return;
  }
  await readBody(req, 0);
  sendCosError(
    res,
    405,
    'MethodNotAllowed',
    'The specified method is not allowed against this resource.',
    url.pathname,
  );
}

async function handleTools(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const body = await readBody(req, 1024 * 1024);
  const route = `${req.method ?? ''} ${url.pathname}`;
  switch (route) {
    case 'GET /__standin/health':
      return sendJson(res, 200, {
        ok: true,
        envId: deps.envId,
        url: deps.url(),
        collections: deps.db.store.collectionNames(),
        openTransactions: deps.db.txns.openCount(),
        pendingMediaChecks: deps.moderation.pendingCount(),
      });
    case 'GET /__standin/outbox':
      return sendJson(res, 200, deps.subscriptions.outbox());
    case 'POST /__standin/subscriptions': {
      let input: { openid?: unknown; templateId?: unknown; kind?: unknown } = {};
      try {
        input = JSON.parse(body.bytes.toString('utf8') || '{}') as typeof input;
      } catch {
        return sendJson(res, 400, { error: 'body must be JSON {openid, templateId, kind}' });
      }
      const kind = input.kind ?? 'once';
      if (
        typeof input.openid !== 'string' ||
        !input.openid ||
        typeof input.templateId !== 'string' ||
        !input.templateId ||
        (kind !== 'once' && kind !== 'long')
      ) {
        return sendJson(res, 400, { error: 'need {openid: string, templateId: string, kind?: "once"|"long"}' });
      }
      deps.subscriptions.grant(input.openid, input.templateId, kind);
      return sendJson(res, 200, { ok: true });
    }
    case 'POST /__standin/media/flush':
      return sendJson(res, 200, { delivered: await deps.moderation.flush() });
    default:
      return sendJson(res, 404, { error: `no route ${route}` });
  }
}

/** The request listener; every failure path ends in an answer. */
export function createListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    const run = async (): Promise<void> => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, PUT, HEAD',
          'access-control-allow-headers': '*',
        });
        res.end();
        return;
      }
      if (url.pathname === '/admin' || url.pathname === '/admin/') return handleAdmin(deps, req, res, url);
      if (url.pathname.startsWith('/cos/')) return handleCos(deps, req, res, url);
      if (url.pathname.startsWith('/__standin/')) return handleTools(deps, req, res, url);
      await readBody(req, 0);
      sendJson(res, 404, { code: 'INVALID_PARAM', message: `no route ${url.pathname}`, requestId: newRequestId() });
    };
    run().catch((err: unknown) => {
      // Last resort (e.g. a disk error in a COS write): answer if we still can.
      if (!res.headersSent) sendJson(res, 500, errorEnvelope(err, newRequestId()));
      else res.destroy();
    });
  };
}

export type { GrantKind };
