/**
 * How every cloud function is put together: route the event by `action`, validate the
 * input with its zod schema, establish the caller from the platform context, check
 * access, run the handler, and answer `{ ok, data | error }`. Timer triggers are routed
 * by trigger name. Handlers never see the raw event.
 */
import type { z } from 'zod';
import type { ActionInput, ActionName, ActionOutput, FunctionName, Result } from '../../typings/api';
import type { RoleKind } from '../../typings/domain/community';
import { AppError, ERROR_MESSAGES } from './errors';
import { loadCaller, type Caller, type CallerNeeds } from './caller';
import { beginInvocation, Budget } from './budget';

/**
 * Who may call an action:
 * - `signedIn`: any WeChat user (first-use actions such as login);
 * - `registered`: has a resident profile;
 * - `verified`: registered and household binding verified;
 * - `{ roles }`: holds one of these roles (scoped checks stay in the handler);
 * - `system`: timers and other functions only, never the mini-program.
 */
export type Access = 'signedIn' | 'registered' | 'verified' | 'system' | { roles: readonly RoleKind[] };

export interface ActionContext {
  caller: Caller;
  /** The instant this invocation started; rules compare against it, not a fresh clock. */
  now: Date;
  /** What is left of this invocation's time limit: long jobs stop early and leave the rest to a timer. */
  budget: Budget;
}

export interface ActionSpec<I, O> {
  input: z.ZodType<I>;
  access: Access;
  /** What the handler needs about the caller besides the resident: read with it, in one round trip. */
  caller?: CallerNeeds;
  /**
   * Instead of `caller`, when a join names what the call is about (e.g. the topic voted
   * on): the needs for the validated input. The handler sees the joins only after the
   * access check.
   */
  callerFor?(input: I): CallerNeeds;
  run(input: I, ctx: ActionContext): Promise<O>;
}

export type ActionTable<F extends FunctionName> = {
  [A in ActionName<F>]: ActionSpec<ActionInput<F, A>, ActionOutput<F, A>>;
};

export type TimerHandler = (ctx: { now: Date; budget: Budget }) => Promise<unknown>;

/** A WeChat message-push event (e.g. wxa_media_check), delivered by the platform. */
export type EventHandler = (event: Record<string, unknown>, ctx: { now: Date }) => Promise<unknown>;

/**
 * A request through CloudBase's HTTP access service (the "integration request"; see
 * https://docs.cloudbase.net/service/access-cloud-function): headers lower-cased, the body
 * as the raw bytes the sender signed (base64 decoded when the platform encoded it).
 */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: Buffer;
}

/** The "integration response" the HTTP access service turns into the HTTP answer. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export type HttpHandler = (request: HttpRequest, ctx: { now: Date }) => Promise<HttpResponse>;

export interface FunctionHooks {
  /** By trigger name (config.json triggers). */
  timers?: Record<string, TimerHandler>;
  /** By the event's `Event` field; accepted only from the platform, never from a client. */
  events?: Record<string, EventHandler>;
  /** Requests through the HTTP access service (no user identity: the handler authenticates them). */
  http?: HttpHandler;
}

/** The event CloudBase delivers for a timer trigger (SCF documents `Type: "Timer"`; some tools write "timer"). */
interface TimerEvent {
  Type: string;
  TriggerName: string;
  Time?: string;
}

function isTimerEvent(event: unknown): event is TimerEvent {
  const type = (event as { Type?: unknown } | null)?.Type;
  return typeof event === 'object' && event !== null && typeof type === 'string' && type.toLowerCase() === 'timer';
}

function isMessagePush(event: unknown): event is Record<string, unknown> & { Event: string } {
  const candidate = event as { MsgType?: unknown; Event?: unknown } | null;
  return typeof candidate === 'object' && candidate?.MsgType === 'event' && typeof candidate.Event === 'string';
}

/** The integration request: { path, httpMethod, headers, queryStringParameters, body, isBase64Encoded }. */
interface HttpAccessEvent {
  path: string;
  httpMethod: string;
  headers?: Record<string, unknown>;
  queryStringParameters?: Record<string, unknown> | null;
  body?: unknown;
  isBase64Encoded?: unknown;
}

function isHttpAccessEvent(event: unknown): event is HttpAccessEvent {
  const candidate = event as Partial<HttpAccessEvent> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.httpMethod === 'string' &&
    typeof candidate.path === 'string'
  );
}

function stringRecord(value: unknown, lowerKeys: boolean): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, entry]) => [
      lowerKeys ? key.toLowerCase() : key,
      String(entry),
    ]),
  );
}

function httpRequestOf(event: HttpAccessEvent): HttpRequest {
  const raw = typeof event.body === 'string' ? event.body : '';
  const base64 = event.isBase64Encoded === true || event.isBase64Encoded === 'true';
  return {
    method: event.httpMethod.toUpperCase(),
    path: event.path,
    headers: stringRecord(event.headers, true),
    query: stringRecord(event.queryStringParameters, false),
    body: Buffer.from(raw, base64 ? 'base64' : 'utf8'),
  };
}

export function httpAnswer(statusCode: number, body: unknown): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/**
 * SOURCE values a mini-program or an HTTP caller produces (getWXContext): any of them in
 * the call chain means the event did not come from the platform.
 */
const CLIENT_SOURCES = new Set(['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_crawler', 'wx_http']);

function fromClient(source: string): boolean {
  return source.split(',').some((part) => CLIENT_SOURCES.has(part.trim()));
}

/**
 * A timer event counts only with the trigger's own markers: SOURCE `wx_trigger` (the
 * platform sets it; no caller can) and no user. Anything else is a forgery.
 */
function isTriggerCall(caller: Caller): boolean {
  return caller.source === 'wx_trigger' && !caller.openid;
}

/**
 * A WeChat message push carries the user it is about as OPENID and an undocumented
 * SOURCE, so neither proves who sent it. What does: no mini-program or HTTP caller in the
 * chain, and (in each handler) content only the platform has, such as a trace id this app
 * requested.
 */
function isPlatformPush(caller: Caller): boolean {
  return !fromClient(caller.source);
}

function failure(code: AppError['code'], message?: string, fields?: string[]): Result<never> {
  return {
    ok: false,
    error: { code, message: message ?? ERROR_MESSAGES[code], ...(fields?.length ? { fields } : {}) },
  };
}

/** What an action name may look like to be named back to the caller. */
const ECHOABLE_ACTION = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * The message for an action the function does not have. The name comes from the client:
 * it is named back only when it looks like an action name (letters, digits, `_`, at most
 * 40), so no markup, no 100 KB string and no "undefined" ever lands in a message.
 */
export function unknownActionMessage(action: unknown): string {
  return typeof action === 'string' && ECHOABLE_ACTION.test(action) ? `未知操作：${action}` : '未知操作';
}

function checkAccess(access: Access, caller: Caller): void {
  if (access === 'system') {
    if (!caller.isSystem) throw new AppError('FORBIDDEN');
    return;
  }
  if (!caller.openid) throw new AppError('UNAUTHENTICATED');
  if (access === 'signedIn') return;
  const resident = caller.resident;
  if (!resident) throw new AppError('NOT_REGISTERED');
  if (access === 'registered') return;
  if (access === 'verified') {
    if (resident.binding.status !== 'verified') throw new AppError('NOT_VERIFIED');
    return;
  }
  if (!resident.roles.some((role) => access.roles.includes(role.kind))) throw new AppError('FORBIDDEN');
}

/**
 * An HTTP access request: always answered with an integration response, a failure with a
 * 5xx (never a 200 the sender would take for "stored").
 */
async function serveHttp(name: string, handler: HttpHandler, event: HttpAccessEvent, now: Date) {
  try {
    // The HTTP access service carries no user: a mini-program call shaped like one (it
    // would carry the caller's OPENID) is refused before the handler sees it.
    const caller = await loadCaller({ withResident: false });
    if (caller.openid) return httpAnswer(403, failure('FORBIDDEN'));
    return await handler(httpRequestOf(event), { now });
  } catch (error) {
    console.error(`[${name}] unexpected failure (http)`, error);
    return httpAnswer(500, failure('INTERNAL'));
  }
}

/** Builds the `main` a deployed function exports. */
export function createFunction<F extends FunctionName>(name: F, actions: ActionTable<F>, hooks: FunctionHooks = {}) {
  const timers = hooks.timers ?? {};
  const events = hooks.events ?? {};
  const table = actions as Record<string, ActionSpec<unknown, unknown>>;
  return async function main(
    event: unknown,
    context?: { time_limit_in_ms?: unknown },
  ): Promise<Result<unknown> | HttpResponse> {
    const now = new Date();
    const budget = Budget.fromContext(context);
    beginInvocation(budget);
    if (hooks.http && isHttpAccessEvent(event)) return serveHttp(name, hooks.http, event, now);
    try {
      if (isTimerEvent(event)) {
        const caller = await loadCaller({ withResident: false });
        if (!isTriggerCall(caller)) return failure('FORBIDDEN');
        const timer = Object.hasOwn(timers, event.TriggerName) ? timers[event.TriggerName] : undefined;
        return timer ? { ok: true, data: await timer({ now, budget }) } : failure('BAD_REQUEST');
      }
      if (isMessagePush(event)) {
        const caller = await loadCaller({ withResident: false });
        if (!isPlatformPush(caller)) return failure('FORBIDDEN');
        // WeChat documents no identity for a message push: the log shows what it carried.
        console.log(
          `[${name}] message push ${event.Event}: SOURCE "${caller.source}", ${caller.openid ? 'with' : 'without'} OPENID`,
        );
        const handler = Object.hasOwn(events, event.Event) ? events[event.Event] : undefined;
        return handler ? { ok: true, data: await handler(event, { now }) } : failure('BAD_REQUEST');
      }
      if (typeof event !== 'object' || event === null || Array.isArray(event)) return failure('BAD_REQUEST');
      const { action, userInfo: _platformUserInfo, ...rawInput } = event as Record<string, unknown>;
      if (typeof action !== 'string' || !Object.hasOwn(table, action)) {
        return failure('BAD_REQUEST', unknownActionMessage(action));
      }
      const spec = table[action]!;
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
        return failure('INVALID_INPUT', undefined, fields);
      }
      const caller = await loadCaller({
        withResident: spec.access !== 'signedIn' && spec.access !== 'system',
        ...(spec.callerFor ? { needs: spec.callerFor(parsed.data) } : spec.caller ? { needs: spec.caller } : {}),
      });
      checkAccess(spec.access, caller);
      return { ok: true, data: await spec.run(parsed.data, { caller, now, budget }) };
    } catch (error) {
      if (error instanceof AppError) return failure(error.code, error.message);
      console.error(`[${name}] unexpected failure`, error);
      return failure('INTERNAL');
    }
  };
}

/** Declares one action; exists so TypeScript infers the input type from the schema. */
export function defineAction<I, O>(spec: ActionSpec<I, O>): ActionSpec<I, O> {
  return spec;
}
