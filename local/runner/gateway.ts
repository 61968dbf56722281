/**
 * HTTP entry to the local functions, standing in for the mini-program's
 * wx.cloud.callFunction: `POST /__cloud/<function>` with the event as the JSON body runs
 * the function as the user named by the `x-wx-openid` header (or `?openid=`) and answers
 * with what `main` returned — exactly the `result` a mini-program would receive.
 * Also: `GET /__cloud/users` (the demo users) and `POST /__timers/<function>/<trigger>`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
