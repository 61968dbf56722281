/**
 * A local stand-in for CloudBase (database, storage, callFunction) and the parts of the
 * WeChat open API the product uses, reached by the real, unmodified @cloudbase/node-sdk and
 * wx-server-sdk through TCB_CONTEXT_CNFG='{"URL":"<standIn.url>"}'. See README.md.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { idFirst, newDocId } from './database/actions';
import type { IndexSpec } from './database/indexes';
import { docKey, Store, type Change } from './database/store';
import { decodeObject, encode, isPlainObject } from './ejson';
import { StandInError } from './envelope';
import type { Invoker } from './functions';
import { Moderation, type ModerationOptions } from './openapi/moderation';
import { Subscriptions, type GrantKind, type SentMessage } from './openapi/subscribe';
import { resolveReadings, type Readings } from './readings';
import { Deaths } from './deaths';
import { RoundTrips } from './roundtrips';
import { createListener } from './server';
import { FileStore } from './storage';
import { TransactionManager } from './transactions';

export type { SentMessage, GrantKind, ModerationOptions, IndexSpec, Readings };

export interface CollectionDeclaration {
  readonly indexes: readonly {
    readonly name: string;
    readonly keys: Readonly<Record<string, 1 | -1>>;
    readonly unique?: boolean;
  }[];
}

export interface StandInOptions {
  /** SQLite file(s) and uploaded files live here; created if missing */
  dataDir: string;
  /** 0 = a free port (default) */
  port?: number;
  /** default 'local-env' */
  envId?: string;
  /** created (or their indexes re-declared) at start; other collections do not exist (strict mode) */
  collections?: Readonly<Record<string, CollectionDeclaration>>;
  /** runs functions.invokeFunction calls and delivers wxa_media_check events */
  invokeFunction?: Invoker;
  moderation?: ModerationOptions;
  /** template ids WeChat knows; others -> errcode 40037 */
  subscribeTemplates?: readonly string[];
  /** default 10000 */
  transactionTimeoutMs?: number;
  /** clock for serverDate, transaction expiry and event times (default: the real clock) */
  now?: () => Date;
  /** appid put into pushed events when the request names none (default 'wx00000000standin') */
  appId?: string;
  /**
   * Which reading of each uncertain service behaviour to follow (readings.ts); unset ones
   * come from CS_STANDIN_UPDATED / CS_STANDIN_TXN_QUERIES, then the defaults.
   */
  readings?: Partial<Readings>;
  /** SOURCE a WeChat message push runs with (default `wx_unknown`; see README, "message push") */
  messagePushSource?: string;
  /**
   * Answer database errors without their MongoDB wording (E11000 duplicate key ...): tests
   * use it to show code detects a duplicate without reading the message.
   */
  withholdErrorWording?: boolean;
}

/**
 * WeChat documents no SOURCE for a message push; getWXContext's catch-all for a WeChat
 * origin it does not name is `wx_unknown`. Functions must not depend on it.
 */
export const MESSAGE_PUSH_SOURCE = 'wx_unknown';

/**
 * The identity a message push runs with. WeChat's guide to receiving message pushes in a
 * cloud function replies to `cloud.getWXContext().OPENID`: the platform sets the caller's
 * OPENID to the event's user (FromUserName), with the mini-program's APPID.
 */
export function messagePushIdentity(
  event: Record<string, unknown>,
  source: string,
): { source: string; openid?: string; appid?: string } {
  const openid = typeof event.FromUserName === 'string' && event.FromUserName ? event.FromUserName : undefined;
  const appid = typeof event.appid === 'string' && event.appid ? event.appid : undefined;
  return { source, ...(openid ? { openid } : {}), ...(appid ? { appid } : {}) };
}

export interface StandIn {
  /** e.g. http://127.0.0.1:PORT/admin — the URL of TCB_CONTEXT_CNFG */
  url: string;
  port: number;
  envId: string;
  /** The readings of the uncertain behaviours this stand-in follows. */
  readings: Readings;
  close(): Promise<void>;
  /** admin requests (and uploads) made by one invocation, by TCB_SEQID */
  roundTrips(invocationId: string): number;
  /** Those of them made by the invocation's fan-outs (pushes through the outbox). */
  fanoutRoundTrips(invocationId: string): number;
  /**
   * Requests of one invocation that changed something: a committed database write, a file
   * stored or deleted, a subscribe message sent, a media check queued (0: it only read).
   */
  writes(invocationId: string): number;
  /** Which round trips of the invocation (1-based, in arrival order) changed something. */
  writingRoundTrips(invocationId: string): number[];
  /**
   * Injects an instance death (for the runner's fault injection): the invocation's first
   * `afterRoundTrips` requests are served, a later one is never answered, and `die` is
   * called once none of the served ones is still in flight (the runner ends the thread);
   * the held request is dropped after that. Returns the disarm.
   */
  dieAfter(invocationId: string, afterRoundTrips: number, die: () => Promise<void> | void): () => void;
  totalRequests(): number;
  outbox(): SentMessage[];
  grantSubscription(openid: string, templateId: string, kind?: GrantKind): void;
  /** Makes WeChat's next `times` subscribe sends to `openid` fail with `errcode` (transient outages). */
  failSubscribeSends(openid: string, errcode: number, times: number): void;
  /** delivers every pending mediaCheckAsync verdict now; returns how many */
  flushMediaChecks(): Promise<number>;
  /**
   * Holds matching admin requests for `ms` before handling them (a slow day of the
   * service), e.g. `{ action: 'database.insertDocument', collection: 'messages' }`, so a
   * test can make a function overrun; returns the undo.
   */
  slowDown(match: { action?: string; collection?: string }, ms: number): () => void;
  /** drops all documents (collections stay), files, outbox, grants, open transactions, pending checks */
  reset(): void;
  /** bulk insert bypassing HTTP (creates the collection if missing); docs may carry _id */
  seed(collection: string, docs: object[]): void;
}

export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  const envId = options.envId ?? 'local-env';
  const now = options.now ?? ((): Date => new Date());
  const readings = resolveReadings(options.readings);
  mkdirSync(options.dataDir, { recursive: true });

  const store = new Store(join(options.dataDir, 'cloudbase.sqlite'));
  const closeOnError = (err: unknown): never => {
    store.close();
    throw err;
  };
  try {
    for (const [name, decl] of Object.entries(options.collections ?? {})) {
      store.ensureCollection(
        name,
        decl.indexes.map((i) => ({ name: i.name, keys: { ...i.keys }, ...(i.unique ? { unique: true } : {}) })),
      );
    }
  } catch (err) {
    closeOnError(err);
  }
  const txns = new TransactionManager(store, options.transactionTimeoutMs ?? 10_000, now);
  let baseUrl = '';
  const files = new FileStore(options.dataDir, envId, () => baseUrl);
  const invoker = options.invokeFunction;
  const moderation = new Moderation(options.moderation ?? {}, {
    readMedia: (ref) => files.readByReference(ref),
    deliver: async (fn, event) => {
      if (!invoker) throw new Error('no invokeFunction configured');
      return invoker(fn, event, messagePushIdentity(event, options.messagePushSource ?? MESSAGE_PUSH_SOURCE));
    },
    now,
    appId: options.appId ?? 'wx00000000standin',
  });
  const subscriptions = new Subscriptions(store.sqlite, new Set(options.subscribeTemplates ?? []), now);
  const roundTrips = new RoundTrips();
  const deaths = new Deaths();
  const slowRules = new Set<{ action?: string; collection?: string; ms: number }>();
  const delayFor = (action: string, collectionName: unknown): number => {
    let ms = 0;
    for (const rule of slowRules) {
      if (
        (rule.action === undefined || rule.action === action) &&
        (rule.collection === undefined || rule.collection === collectionName)
      )
        ms = Math.max(ms, rule.ms);
    }
    return ms;
  };

  const server: Server = createServer(
    createListener({
      envId,
      db: { store, txns, now, readings },
      files,
      moderation,
      subscriptions,
      roundTrips,
      deaths,
      ...(invoker ? { invoker } : {}),
      url: () => `${baseUrl}/admin`,
      withholdErrorWording: options.withholdErrorWording ?? false,
      delayFor,
    }),
  );
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(closeOnError);
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  let closed = false;
  return {
    url: `${baseUrl}/admin`,
    port,
    envId,
    readings,
    async close() {
      if (closed) return;
      closed = true;
      moderation.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
    roundTrips: (id) => roundTrips.of(id),
    fanoutRoundTrips: (id) => roundTrips.fanoutOf(id),
    writes: (id) => roundTrips.writesOf(id),
    writingRoundTrips: (id) => roundTrips.writingRoundTrips(id),
    dieAfter: (id, afterRoundTrips, die) => deaths.arm(id, afterRoundTrips, die),
    totalRequests: () => roundTrips.totalRequests(),
    outbox: () => subscriptions.outbox(),
    grantSubscription: (openid, templateId, kind = 'once') => subscriptions.grant(openid, templateId, kind),
    failSubscribeSends: (openid, errcode, times) => subscriptions.failNext(openid, errcode, times),
    flushMediaChecks: () => moderation.flush(),
    slowDown(match, ms) {
      const rule = { ...match, ms };
      slowRules.add(rule);
      return () => slowRules.delete(rule);
    },
    reset() {
      txns.clear();
      store.clearDocuments();
      files.clear();
      subscriptions.clear();
      moderation.clear();
    },
    seed(collection, docs) {
      if (!store.hasCollection(collection)) store.ensureCollection(collection, []);
      const changes = new Map<string, Change>();
      docs.forEach((input, i) => {
        if (!isPlainObject(input))
          throw new StandInError('INVALID_PARAM', `seed ${collection}[${i}] is not a plain object`);
        // Through EJSON, so the cache holds exactly what the disk holds (no undefined, etc.).
        const doc = decodeObject(encode(input), `seed ${collection}[${i}]`, now);
        if (doc._id === undefined || doc._id === null) doc._id = newDocId(now());
        const key = docKey(doc._id);
        if (changes.has(key) || store.get(collection, key)) {
          throw new StandInError(
            'DATABASE_REQUEST_FAILED',
            `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`,
          );
        }
        changes.set(key, { collection, key, doc: idFirst(doc) });
      });
      store.apply([...changes.values()]);
    },
  };
}
