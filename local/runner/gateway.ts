/**
 * HTTP entry to the local functions, standing in for the mini-program's
 * wx.cloud.callFunction: `POST /__cloud/<function>` with the event as the JSON body runs
 * the function as the user named by the `x-wx-openid` header (or `?openid=`) and answers
 * with what `main` returned — exactly the `result` a mini-program would receive.
 * Also: `GET /__cloud/users` (the demo users), `POST /__timers/<function>/<trigger>`, and
 * CloudBase's HTTP access service: `<any method> /__http/<function>/<path>` runs the
 * function with the integration request (trigger path `/<function>`) and answers what its
 * integration response says (see httpAccessEvent / httpAccessAnswer).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { FunctionExecuteError, type FunctionRunner } from './runner';

export interface DemoUser {
  openid: string;
  /** e.g. "居民（5号楼）". */
  label: string;
  name: string;
}

export interface GatewayOptions {
  runner: FunctionRunner;
  demoUsers?: DemoUser[];
  port?: number;
  host?: string;
}

export interface Gateway {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

/**
 * The integration request CloudBase's HTTP access service hands a function
 * (https://docs.cloudbase.net/service/access-cloud-function): path, httpMethod, headers,
 * queryStringParameters, requestContext, body, isBase64Encoded. Text bodies arrive as
 * text, anything else base64-encoded.
 */
export function httpAccessEvent(input: {
  method: string;
  path: string;
  headers: Record<string, string>;
  query?: Record<string, string>;
  body: Buffer;
  envId?: string;
  requestId?: string;
}): Record<string, unknown> {
  const text = input.body.length === 0 || TEXT_TYPES.test(input.headers['content-type'] ?? '');
  return {
    path: input.path,
    httpMethod: input.method.toUpperCase(),
    headers: input.headers,
    queryStringParameters: input.query ?? {},
    requestContext: {
      requestId: input.requestId ?? randomBytes(16).toString('hex'),
      envId: input.envId ?? 'local',
      appId: 0,
      uin: 0,
    },
    body: text ? input.body.toString('utf8') : input.body.toString('base64'),
    isBase64Encoded: !text,
  };
}

/** What the HTTP access service answers for a function's return value. */
export function httpAccessAnswer(result: unknown): { status: number; headers: Record<string, string>; body: Buffer } {
  const integration = result as { statusCode?: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown };
  if (typeof result === 'object' && result !== null && typeof integration.statusCode === 'number') {
    const headers = Object.fromEntries(
      Object.entries((integration.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
    const raw = typeof integration.body === 'string' ? integration.body : JSON.stringify(integration.body ?? '');
    return {
      status: integration.statusCode,
      headers,
      body: Buffer.from(raw, integration.isBase64Encoded === true ? 'base64' : 'utf8'),
    };
  }
  if (typeof result === 'string' || typeof result === 'number') {
    return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(String(result)) };
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(result ?? null)),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Handles one gateway request; exported so another server (the preview) can mount it. */
export async function handleGatewayRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: Pick<GatewayOptions, 'runner' | 'demoUsers'>,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === '__cloud' && parts[1] === 'users' && req.method === 'GET') {
    send(res, 200, options.demoUsers ?? []);
    return true;
  }
  if (parts[0] === '__cloud' && parts.length === 2 && req.method === 'POST') {
    const fn = parts[1]!;
    if (!options.runner.functionNames().includes(fn)) {
      send(res, 404, { errCode: -501000, errMsg: `cloud.callFunction:fail function not found: ${fn}` });
      return true;
    }
    let event: unknown;
    try {
      const raw = await readBody(req);
      event = raw.trim() ? JSON.parse(raw) : {};
    } catch {
      send(res, 400, { errCode: -1, errMsg: 'cloud.callFunction:fail request body is not JSON' });
      return true;
    }
    const openid = String(req.headers['x-wx-openid'] ?? url.searchParams.get('openid') ?? '');
    try {
      const outcome = await options.runner.invoke(fn, event, {
        identity: openid ? { openid, source: 'wx_client' } : { source: 'wx_http' },
      });
      send(res, 200, outcome.result, {
        'x-invocation-id': outcome.invocationId,
        'x-round-trips': String(outcome.roundTrips),
      });
    } catch (error) {
      const message = error instanceof FunctionExecuteError ? error.message : String(error);
      const errCode = error instanceof FunctionExecuteError ? error.errCode : -504002;
      send(res, 502, { errCode, errMsg: `cloud.callFunction:fail ${message}` });
    }
    return true;
  }
  if (parts[0] === '__http' && parts.length >= 2) {
    const fn = parts[1]!;
    if (!options.runner.functionNames().includes(fn)) {
      send(res, 404, { errMsg: `no HTTP access route for ${fn}` });
      return true;
    }
    let body: Buffer;
    try {
      body = await readRaw(req);
    } catch {
      send(res, 413, { errMsg: 'body too large' });
      return true;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).flatMap(([key, value]) =>
        value === undefined ? [] : [[key, Array.isArray(value) ? value.join(',') : value]],
      ),
    );
    const event = httpAccessEvent({
      method: req.method ?? 'GET',
      path: `/${parts.slice(1).map(encodeURIComponent).join('/')}`,
      headers,
      query: Object.fromEntries(url.searchParams),
      body,
    });
    try {
      const outcome = await options.runner.invoke(fn, event, { identity: { source: 'wx_http' } });
      const answer = httpAccessAnswer(outcome.result);
      res.writeHead(answer.status, { ...answer.headers, 'x-round-trips': String(outcome.roundTrips) });
      res.end(answer.body);
    } catch (error) {
      const message = error instanceof FunctionExecuteError ? error.message : String(error);
      send(res, 502, { errCode: 'FUNCTIONS_EXECUTE_FAIL', errMsg: message });
    }
    return true;
  }
  if (parts[0] === '__timers' && parts.length === 3 && req.method === 'POST') {
    try {
      const outcome = await options.runner.fireTimer(parts[1]!, parts[2]!);
      send(res, 200, outcome.result);
    } catch (error) {
      send(res, 502, { errMsg: String(error) });
    }
    return true;
  }
  return false;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const server = createServer((req, res) => {
    handleGatewayRequest(req, res, options)
      .then((handled) => {
        if (!handled) send(res, 404, { errMsg: 'not found' });
      })
      .catch((error: unknown) => send(res, 500, { errMsg: String(error) }));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
