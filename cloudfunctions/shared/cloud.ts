/**
 * The CloudBase handles every function shares. The environment is the one the function
 * runs in (SYMBOL_CURRENT_ENV), so no env id is ever written in code.
 */
import tcb from '@cloudbase/node-sdk';
import type { CollectionName } from './collections';

let app: ReturnType<typeof tcb.init> | undefined;

export function cloudApp(): ReturnType<typeof tcb.init> {
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
