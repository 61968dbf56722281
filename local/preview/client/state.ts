/**
 * What the person driving the preview chose: the demo user, the WeChat font scale and the
 * privacy agreement, remembered in localStorage; plus an activity log of what the wx shim
 * did on the app's behalf (subscribe answers, calls, scans), shown beside the phone.
 */
import { win } from './dom';

export interface DemoUser {
  openid: string;
  label: string;
  name: string;
}

export interface LogEntry {
  at: Date;
  kind: string;
  text: string;
}

type Topic = 'user' | 'font' | 'log' | 'privacy' | 'users';

const listeners = new Map<Topic, Set<() => void>>();

export function on(topic: Topic, listener: () => void): void {
  if (!listeners.has(topic)) listeners.set(topic, new Set());
  listeners.get(topic)!.add(listener);
}

function emit(topic: Topic): void {
  for (const listener of listeners.get(topic) ?? []) listener();
}

const KEY_USER = 'preview:openid';
const KEY_FONT = 'preview:fontScale';

export const state = {
  users: [] as DemoUser[],
  openid: win.localStorage.getItem(KEY_USER) ?? '',
  fontScale: Number(win.localStorage.getItem(KEY_FONT) ?? '1') || 1,
  log: [] as LogEntry[],
};

export function setUsers(users: DemoUser[]): void {
  state.users = users;
  if (!state.openid && users[0]) state.openid = users[0].openid;
  emit('users');
}

export function setUser(openid: string): void {
  if (openid === state.openid) return;
  state.openid = openid;
  win.localStorage.setItem(KEY_USER, openid);
  emit('user');
}

export function setFontScale(scale: number): void {
  if (scale === state.fontScale) return;
  state.fontScale = scale;
  win.localStorage.setItem(KEY_FONT, String(scale));
  emit('font');
}

export function currentUser(): DemoUser | undefined {
  return state.users.find((user) => user.openid === state.openid);
}

export function userLabel(openid: string): string {
  const user = state.users.find((u) => u.openid === openid);
  return user ? `${user.name}（${user.label}）` : openid;
}

export function log(kind: string, text: string): void {
  state.log.unshift({ at: new Date(), kind, text });
  state.log.length = Math.min(state.log.length, 100);
  emit('log');
}

export function privacyChanged(): void {
  emit('privacy');
}
