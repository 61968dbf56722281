/**
 * The preview server: serves the built preview (phone, panel, the app's templates, styles
 * and code), runs cloud calls through the function gateway (/__cloud/*, as the demo user
 * in x-wx-openid), forwards the stand-in's tool endpoints (/__standin/outbox,
 * /__standin/subscriptions), uploads to and reads from the stand-in's storage
 * (/__preview/upload, /__preview/temp-urls, /__preview/delete), serves package files
 * such as images (/__mp/*) and the community clock (/clock.js, the page's first script). In watch mode it rebuilds when miniprogram/ changes and tells
 * open browsers to reload (server-sent events on /__preview/events).
 *
 *   const preview = await startPreview({ cloud, port: 0, watch: true });
 *   console.log(preview.url);
 */
import { watch as watchFiles, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { LocalCloud } from '../cloud';
import { handleGatewayRequest, httpAccessAnswer } from '../runner/gateway';
import { communityNow } from '../clock';
import { demoRequest, flatGasDevice, intakeEvent } from '../safety-sim';
import type { SafetyEventType } from '../../typings/domain/safety';
import { buildPreview, type PreviewBuild } from './build';
import { clockScript } from './clock';
import { MINIPROGRAM_DIR } from './paths';
import { previewStorage } from './storage';
import { templateInfo } from './templates';

export interface PreviewOptions {
  cloud: LocalCloud;
  port?: number;
  host?: string;
  /** Rebuild on changes under miniprogram/ and reload open browsers. */
  watch?: boolean;
  /** The mini-program to preview (default: miniprogram/ of this repo). */
  root?: string;
  /** Log rebuilds (watch mode). */
  log?: (line: string) => void;
}

export interface Preview {
  url: string;
  port: number;
  current(): PreviewBuild;
  rebuild(): Promise<PreviewBuild>;
  close(): Promise<void>;
}

const MAX_UPLOAD = 10 * 1024 * 1024 + 1;

const STATIC_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Forwards a request to the stand-in unchanged (it answers CORS itself). */
function proxy(req: IncomingMessage, res: ServerResponse, target: string): void {
  const url = new URL(req.url ?? '/', target);
  const upstream = httpRequest(
    url,
    { method: req.method, headers: { 'content-type': req.headers['content-type'] ?? 'application/json' } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => sendJson(res, 502, { errMsg: `stand-in unreachable: ${error.message}` }));
  req.pipe(upstream);
}

/**
 * The demo vendor's button beside the phone: `{ flat: "5-1-102", type?: "alarm" }` becomes a
 * signed event through the `safety` function's HTTP access route, as `npm run alarm` sends it.
 */
async function demoAlarm(req: IncomingMessage, res: ServerResponse, cloud: LocalCloud): Promise<void> {
  let input: { flat?: unknown; type?: unknown };
  try {
    input = JSON.parse((await readBody(req, 4096)).toString('utf8') || '{}') as typeof input;
  } catch {
    return sendJson(res, 400, { errMsg: 'body is not JSON' });
  }
  const deviceId = flatGasDevice(String(input.flat ?? ''));
  if (!deviceId) return sendJson(res, 400, { errMsg: '房间格式应为 楼-单元-房间，例如 5-1-102' });
  const type = (typeof input.type === 'string' ? input.type : 'alarm') as SafetyEventType;
  const request = demoRequest({ deviceId, type, at: communityNow() });
  try {
    const outcome = await cloud.runner.invoke('safety', intakeEvent(request), { identity: { source: 'wx_http' } });
    const answer = httpAccessAnswer(outcome.result);
    return sendJson(res, answer.status, JSON.parse(answer.body.toString('utf8')) as unknown);
  } catch (error) {
    return sendJson(res, 502, { errMsg: (error as Error).message });
  }
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const { cloud } = options;
  const root = options.root ?? MINIPROGRAM_DIR;
  const storage = previewStorage(cloud);
  const config = `window.__mpPreviewConfig = ${JSON.stringify({ templates: templateInfo() })};\n`;
  let build = await buildPreview(null, root);
  if (build.error) throw new Error(`preview build failed: ${build.error}`);
  const clients = new Set<ServerResponse>();
  const status = () => ({ version: build.version, error: build.error, warnings: build.warnings, ms: build.ms });

  const rebuild = async () => {
    build = await buildPreview(build, root);
    const line = `data: ${JSON.stringify(status())}\n\n`;
    for (const client of clients) client.write(line);
    return build;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path.startsWith('/__cloud/') || path.startsWith('/__timers/') || path.startsWith('/__http/')) {
      const handled = await handleGatewayRequest(req, res, { runner: cloud.runner, demoUsers: cloud.demoUsers });
      if (!handled) sendJson(res, 404, { errMsg: `no route ${req.method} ${path}` });
      return;
    }
    if (path.startsWith('/__standin/')) return proxy(req, res, cloud.standIn.url);
    if (path === '/__preview/status') return sendJson(res, 200, status());
    if (req.method === 'POST' && path === '/__preview/alarm') return demoAlarm(req, res, cloud);
    if (path === '/__preview/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(`data: ${JSON.stringify(status())}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.method === 'POST' && path === '/__preview/upload') {
      const cloudPath = url.searchParams.get('cloudPath') ?? '';
      if (!cloudPath) return sendJson(res, 400, { errMsg: 'cloud.uploadFile:fail cloudPath is required' });
      try {
        const fileID = await storage.upload(cloudPath, await readBody(req, MAX_UPLOAD));
        return sendJson(res, 200, { fileID });
      } catch (error) {
        return sendJson(res, 500, { errMsg: `cloud.uploadFile:fail ${(error as Error).message}` });
      }
    }
    if (req.method === 'POST' && (path === '/__preview/temp-urls' || path === '/__preview/delete')) {
      try {
        const body = JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8') || '{}') as { fileList?: unknown };
        const ids = Array.isArray(body.fileList) ? body.fileList.map(String) : [];
        const fileList = path === '/__preview/delete' ? await storage.remove(ids) : await storage.tempUrls(ids);
        return sendJson(res, 200, { fileList });
      } catch (error) {
        return sendJson(res, 500, { errMsg: (error as Error).message });
      }
    }
    if (path.startsWith('/__mp/')) {
      const file = normalize(join(root, decodeURIComponent(path.slice('/__mp/'.length))));
      const type = STATIC_TYPES[extname(file).toLowerCase()];
      if (!file.startsWith(root + sep) || !type) return sendJson(res, 404, { errMsg: 'not found' });
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': type });
        res.end(body);
      } catch {
        sendJson(res, 404, { errMsg: `not found: ${path}` });
      }
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (path === '/clock.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(clockScript(cloud.now()));
      return;
    }
    if (path === '/config.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(config);
      return;
    }
    const asset = build.assets.get(path);
    if (asset && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : asset.body);
      return;
    }
    sendJson(res, 404, { errMsg: `no route ${req.method} ${path}` });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errMsg: String(error) });
      else res.end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;

  let watcher: FSWatcher | null = null;
  if (options.watch) {
    let timer: NodeJS.Timeout | null = null;
    watcher = watchFiles(root, { recursive: true }, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        void rebuild().then((result) => {
          options.log?.(
            result.error ? `preview rebuild failed: ${result.error}` : `preview rebuilt in ${result.ms} ms`,
          );
        });
      }, 150);
    });
  }

  return {
    url: `http://${host}:${port}/`,
    port,
    current: () => build,
    rebuild,
    async close() {
      watcher?.close();
      for (const client of clients) client.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
