/**
 * The CloudBase handles every function shares. The environment is the one the function
 * runs in (SYMBOL_CURRENT_ENV), so no env id is ever written in code.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import tcb from '@cloudbase/node-sdk';
import type { CollectionName } from './collections';

let app: ReturnType<typeof tcb.init> | undefined;
/** The app whose requests are tagged as the current invocation's fan-out (see asFanout). */
let fanoutApp: { tag: string; app: ReturnType<typeof tcb.init> } | undefined;

const fanoutScope = new AsyncLocalStorage<true>();

/**
 * Runs a push's fan-out. The SDK requests made inside carry `<TCB_SEQID>-fanout` as the
 * start of their seqId (the SDK's `context.eventID`), so the platform's logs, and the
 * local stand-in's count, tell the fan-out's round trips from the action's own. Nothing
 * else changes: same environment, same credentials, same invocation.
 */
export function asFanout<T>(work: () => Promise<T>): Promise<T> {
  return fanoutScope.run(true, work);
}

/** The SDK `context.eventID` a fan-out's requests carry, from the invocation's TCB_SEQID (the smoke script asks the platform about it). */
export function fanoutEventId(seq: string): string {
  return `${seq}-fanout`;
}

/** The seqId prefix of requests made inside asFanout, when the platform gives a TCB_SEQID. */
export function fanoutTag(): string | undefined {
  const seq = process.env.TCB_SEQID;
  return fanoutScope.getStore() && seq ? fanoutEventId(seq) : undefined;
}

export function cloudApp(): ReturnType<typeof tcb.init> {
  const tag = fanoutTag();
  if (tag) {
    if (fanoutApp?.tag !== tag) {
      fanoutApp = { tag, app: tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, context: { eventID: tag } }) };
    }
    return fanoutApp.app;
  }
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return app;
}

export function database() {
  return cloudApp().database();
}

export function collection(name: CollectionName) {
  return database().collection(name);
}

/** The query/update operators (`_.inc`, `_.in`, ...). */
export function command() {
  return database().command;
}
