/**
 * A programmable fake of WeChat subscribe messages. A user's "accept" in
 * wx.requestSubscribeMessage gives WeChat a grant (grantSubscription); subscribeMessage.send
 * consumes one "once" grant ("long" grants are not consumed) and records the message in an
 * outbox instead of delivering it. Grants and the outbox are kept in SQLite beside the
 * documents so a restarted stand-in (the browser preview) keeps them.
 */
import type Database from 'better-sqlite3';
import { isPlainObject } from '../ejson';
import type { WxAnswer } from './moderation';

export interface SentMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  lang?: string;
  /** ISO time, from the stand-in's clock */
  sentAt: string;
}

export type GrantKind = 'once' | 'long';

const STATES = new Set(['developer', 'trial', 'formal']);

/**
 * Per-keyword limits WeChat enforces on template data (by keyword type prefix). Violations
 * are errcode 47003, a classic production failure worth seeing locally.
 */
const LIMITS: [RegExp, number][] = [
  [/^thing\d+$/, 20],
  [/^phrase\d+$/, 5],
  [/^name\d+$/, 10],
  [/^character_string\d+$/, 32],
  [/^number\d+$/, 32],
  [/^letter\d+$/, 32],
  [/^symbol\d+$/, 5],
  [/^phone_number\d+$/, 17],
  [/^car_number\d+$/, 8],
];

function invalidData(data: unknown): string | undefined {
  if (!isPlainObject(data)) return 'data must be an object';
  for (const [key, entry] of Object.entries(data)) {
    if (!isPlainObject(entry) || typeof entry.value !== 'string') return `data.${key}.value must be a string`;
    const length = Array.from(entry.value).length;
    if (length === 0) return `data.${key}.value is empty`;
    const limit = LIMITS.find(([re]) => re.test(key))?.[1];
    if (limit !== undefined && length > limit) return `data.${key}.value exceeds limit ${limit}`;
  }
  return undefined;
}

export class Subscriptions {
  /**
   * Programmed outages: the next N sends to a user fail with this errcode (e.g. -1 "system
   * busy", 45009 rate limit) before any grant is touched, as WeChat's transient failures do.
   */
  private readonly outages = new Map<string, { errcode: number; remaining: number }>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly templates: Set<string>,
    private readonly now: () => Date,
  ) {
    sqlite.exec(`
      CREATE TABLE IF NOT EXISTS subscribe_grants (
        openid TEXT NOT NULL, template_id TEXT NOT NULL, kind TEXT NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (openid, template_id, kind));
      CREATE TABLE IF NOT EXISTS subscribe_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
    `);
  }

  /** Makes the next `times` sends to `openid` fail with `errcode`. */
  failNext(openid: string, errcode: number, times: number): void {
    if (times > 0) this.outages.set(openid, { errcode, remaining: times });
    else this.outages.delete(openid);
  }

  grant(openid: string, templateId: string, kind: GrantKind = 'once'): void {
    this.sqlite
      .prepare(
        `INSERT INTO subscribe_grants (openid, template_id, kind, count) VALUES (?, ?, ?, 1)
         ON CONFLICT (openid, template_id, kind) DO UPDATE SET count = count + 1`,
      )
      .run(openid, templateId, kind);
  }

  /** subscribeMessage.send; the grant check and the outbox write commit together. */
  send(params: Record<string, unknown>): WxAnswer {
    const { touser, template_id: templateId, page, data } = params;
    if (typeof touser !== 'string' || touser.length === 0) return { errcode: 40003, errmsg: 'invalid openid' };
    if (typeof templateId !== 'string' || !this.templates.has(templateId)) {
      return { errcode: 40037, errmsg: 'invalid template_id' };
    }
    const state = params.miniprogram_state;
    if (state !== undefined && (typeof state !== 'string' || !STATES.has(state))) {
      return { errcode: 47003, errmsg: 'argument invalid! miniprogram_state' };
    }
    if (page !== undefined && typeof page !== 'string') return { errcode: 47003, errmsg: 'argument invalid! page' };
    const bad = invalidData(data);
    if (bad) return { errcode: 47003, errmsg: `argument invalid! ${bad}` };
    const outage = this.outages.get(touser);
    if (outage) {
      if (--outage.remaining <= 0) this.outages.delete(touser);
      return { errcode: outage.errcode, errmsg: 'system error (programmed outage)' };
    }
    return this.sqlite.transaction((): WxAnswer => {
      const long = this.sqlite
        .prepare("SELECT count FROM subscribe_grants WHERE openid = ? AND template_id = ? AND kind = 'long'")
        .get(touser, templateId);
      if (!long) {
        const used = this.sqlite
          .prepare(
            "UPDATE subscribe_grants SET count = count - 1 WHERE openid = ? AND template_id = ? AND kind = 'once' AND count > 0",
          )
          .run(touser, templateId);
        if (used.changes === 0) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
      }
      const message: SentMessage = {
        touser,
        templateId,
        ...(typeof page === 'string' ? { page } : {}),
        data: data as SentMessage['data'],
        ...(typeof state === 'string' ? { miniprogramState: state } : {}),
        ...(typeof params.lang === 'string' ? { lang: params.lang } : {}),
        sentAt: this.now().toISOString(),
      };
      this.sqlite.prepare('INSERT INTO subscribe_outbox (body) VALUES (?)').run(JSON.stringify(message));
      return { errcode: 0, errmsg: 'ok', msgid: Date.now() * 1000 + Math.floor(Math.random() * 1000) };
    })();
  }

  outbox(): SentMessage[] {
    const rows = this.sqlite.prepare('SELECT body FROM subscribe_outbox ORDER BY seq').all() as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as SentMessage);
  }

  clear(): void {
    this.sqlite.exec('DELETE FROM subscribe_grants; DELETE FROM subscribe_outbox;');
  }
}
