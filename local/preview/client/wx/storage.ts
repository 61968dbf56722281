/**
 * wx storage on localStorage. WeChat keeps storage per user of a device, so each demo user
 * gets a namespace of their own: switching user is like handing the phone to someone else.
 * Values keep their type (stored as JSON).
 */
import { win } from '../dom';
import { state } from '../state';
import { asyncApi, fail } from './api';

function prefix(): string {
  return `mp:${state.openid || 'anonymous'}:`;
}

function keys(): string[] {
  const all: string[] = [];
  for (let i = 0; i < win.localStorage.length; i += 1) {
    const key = win.localStorage.key(i);
    if (key?.startsWith(prefix())) all.push(key.slice(prefix().length));
  }
  return all;
}

function checkKey(name: string, key: unknown): string {
  if (typeof key !== 'string' || !key) throw fail(name, 'parameter error: key must be a non-empty string');
  return key;
}

export function setStorageSync(key: string, data: unknown): void {
  checkKey('setStorageSync', key);
  win.localStorage.setItem(prefix() + key, JSON.stringify({ v: data === undefined ? null : data }));
}

export function getStorageSync(key: string): unknown {
  checkKey('getStorageSync', key);
  const raw = win.localStorage.getItem(prefix() + key);
  if (raw === null) return '';
  try {
    return (JSON.parse(raw) as { v: unknown }).v;
  } catch {
    return '';
  }
}

export function removeStorageSync(key: string): void {
  checkKey('removeStorageSync', key);
  win.localStorage.removeItem(prefix() + key);
}

export function clearStorageSync(): void {
  for (const key of keys()) win.localStorage.removeItem(prefix() + key);
}

export function getStorageInfoSync(): { keys: string[]; currentSize: number; limitSize: number } {
  const all = keys();
  const size = all.reduce((total, key) => total + (win.localStorage.getItem(prefix() + key)?.length ?? 0), 0);
  return { keys: all, currentSize: Math.ceil(size / 1024), limitSize: 10240 };
}

export const storageApis = {
  setStorageSync,
  getStorageSync,
  removeStorageSync,
  clearStorageSync,
  getStorageInfoSync,
  setStorage: asyncApi('setStorage', (o) => {
    setStorageSync(checkKey('setStorage', o.key), o.data);
    return {};
  }),
  getStorage: asyncApi('getStorage', (o) => {
    const key = checkKey('getStorage', o.key);
    if (win.localStorage.getItem(prefix() + key) === null) throw fail('getStorage', 'data not found');
    return { data: getStorageSync(key) };
  }),
  removeStorage: asyncApi('removeStorage', (o) => {
    removeStorageSync(checkKey('removeStorage', o.key));
    return {};
  }),
  clearStorage: asyncApi('clearStorage', () => {
    clearStorageSync();
    return {};
  }),
  getStorageInfo: asyncApi('getStorageInfo', () => ({ ...getStorageInfoSync() })),
};
