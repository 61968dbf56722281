/**
 * A programmable fake of WeChat content security: security.msgSecCheck (text, synchronous)
 * and security.mediaCheckAsync (images/audio, verdict pushed later as a `wxa_media_check`
 * message event). Verdicts come from configured word lists and a media marker so tests and
 * the demo can trigger each outcome on purpose.
 */
import { randomBytes } from 'node:crypto';

export interface ModerationOptions {
  /** `word` or `word:label`; content containing one is "risky" (default label 20001) */
  riskyWords?: string[];
  /** `word` or `word:label`; content containing one is "review" (default label 21000) */
  reviewWords?: string[];
  /** media whose URL or content contains this is risky (default 'RISKY') */
  riskyMediaMarker?: string;
  /** delay before a pending media verdict is pushed automatically (default 2000) */
  mediaVerdictDelayMs?: number;
  /** the function that receives wxa_media_check events */
  mediaCheckEventFunction?: string;
}

/** What WeChat answers: errcode 0 plus fields, or an error errcode/errmsg. */
export type WxAnswer = Record<string, unknown> & { errcode: number; errmsg: string };

interface Word {
  word: string;
  label: number;
}

function parseWords(list: string[] | undefined, defaultLabel: number): Word[] {
  return (list ?? [])
    .map((entry) => {
      const m = /^(.*):(\d+)$/.exec(entry);
      return m ? { word: m[1] ?? '', label: Number(m[2]) } : { word: entry, label: defaultLabel };
    })
    .filter((w) => w.word.length > 0);
}

export const MAX_TEXT_CHARS = 2500;
const SCENES = new Set([1, 2, 3, 4]);

export function traceId(): string {
  return `${randomBytes(4).toString('hex')}-${randomBytes(2).toString('hex')}-${randomBytes(6).toString('hex')}`;
}

export interface PendingMediaCheck {
  traceId: string;
  event: Record<string, unknown>;
  timer?: NodeJS.Timeout;
}

export interface MediaCheckHooks {
  /** reads the media (a URL of this server or a cloud:// id) if it is one of ours */
  readMedia(url: string): Buffer | undefined;
  deliver(functionName: string, event: Record<string, unknown>): Promise<unknown>;
  now(): Date;
  appId: string;
}

export class Moderation {
  private readonly risky: Word[];
  private readonly review: Word[];
  private readonly marker: string;
  private readonly delayMs: number;
  private readonly pending = new Map<string, PendingMediaCheck>();

  constructor(
    private readonly options: ModerationOptions,
    private readonly hooks: MediaCheckHooks,
  ) {
    this.risky = parseWords(options.riskyWords, 20001);
    this.review = parseWords(options.reviewWords, 21000);
    this.marker = options.riskyMediaMarker ?? 'RISKY';
    this.delayMs = options.mediaVerdictDelayMs ?? 2000;
  }

  private find(words: Word[], content: string): Word | undefined {
    const lower = content.toLowerCase();
    return words.find((w) => lower.includes(w.word.toLowerCase()));
  }

  /** security.msgSecCheck; version 2 needs openid and scene, version 1 only content. */
  msgSecCheck(params: Record<string, unknown>): WxAnswer {
    const content = params.content;
    if (typeof content !== 'string' || content.length === 0) {
      return { errcode: 47001, errmsg: 'data format error hint: content is required' };
    }
    if (Array.from(content).length > MAX_TEXT_CHARS) {
      return { errcode: 47001, errmsg: `data format error hint: content exceeds ${MAX_TEXT_CHARS} characters` };
    }
    const risky = this.find(this.risky, content);
    if (Number(params.version) !== 2) {
      return risky ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' };
    }
    if (typeof params.openid !== 'string' || params.openid.length === 0) {
      return { errcode: 40003, errmsg: 'invalid openid' };
    }
    if (!SCENES.has(Number(params.scene))) return { errcode: 47001, errmsg: 'data format error hint: invalid scene' };
    const review = risky ? undefined : this.find(this.review, content);
    const hit = risky ?? review;
    const suggest = risky ? 'risky' : review ? 'review' : 'pass';
    const label = hit?.label ?? 100;
    const detail: Record<string, unknown>[] = [
      { strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 },
    ];
    if (hit) detail.push({ strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword: hit.word });
    return { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail, trace_id: traceId() };
  }

  /** security.mediaCheckAsync: answers at once; the verdict is pushed later. */
  mediaCheckAsync(params: Record<string, unknown>, appid: string): WxAnswer {
    const url = params.media_url;
    const type = Number(params.media_type);
    if (typeof url !== 'string' || url.length === 0)
      return { errcode: 47001, errmsg: 'data format error hint: media_url is required' };
    if (type !== 1 && type !== 2) return { errcode: 47001, errmsg: 'data format error hint: invalid media_type' };
    const v2 = Number(params.version) === 2;
    if (v2 && (typeof params.openid !== 'string' || params.openid.length === 0))
      return { errcode: 40003, errmsg: 'invalid openid' };
    if (v2 && !SCENES.has(Number(params.scene)))
      return { errcode: 47001, errmsg: 'data format error hint: invalid scene' };

    // WeChat downloads the media; the stand-in can only read media it serves itself.
    const content = this.hooks.readMedia(url);
    const risky = url.includes(this.marker) || (content?.includes(this.marker) ?? false);
    const id = traceId();
    const suggest = risky ? 'risky' : 'pass';
    const label = risky ? 20002 : 100;
    const common = {
      ToUserName: 'gh_standin00000',
      FromUserName: typeof params.openid === 'string' ? params.openid : '',
      CreateTime: Math.floor(this.hooks.now().getTime() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: appid || this.hooks.appId,
      trace_id: id,
    };
    const event: Record<string, unknown> = v2
      ? {
          ...common,
          version: 2,
          detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: risky ? 90 : 0 }],
          errcode: 0,
          errmsg: 'ok',
          result: { suggest, label },
        }
      : { ...common, isrisky: risky ? 1 : 0, extra_info_json: '', status_code: 0 };
    const pending: PendingMediaCheck = { traceId: id, event };
    pending.timer = setTimeout(() => void this.deliver(id), this.delayMs);
    // unref is missing on the timers of some hosts (jsdom in page tests).
    pending.timer.unref?.();
    this.pending.set(id, pending);
    return { errcode: 0, errmsg: 'ok', trace_id: id };
  }

  private async deliver(id: string): Promise<boolean> {
    const pending = this.pending.get(id);
    if (!pending) return false;
    this.pending.delete(id);
    if (pending.timer) clearTimeout(pending.timer);
    const fn = this.options.mediaCheckEventFunction;
    if (!fn) return true;
    try {
      await this.hooks.deliver(fn, pending.event);
    } catch (err) {
      // WeChat does not care whether the receiving function succeeds; log for the developer.
      console.error(`[cloudbase stand-in] ${fn} failed on wxa_media_check ${id}:`, err);
    }
    return true;
  }

  /** Pushes every pending verdict now, in request order; returns how many. */
  async flush(): Promise<number> {
    let count = 0;
    for (const id of [...this.pending.keys()]) if (await this.deliver(id)) count++;
    return count;
  }

  pendingCount(): number {
    return this.pending.size;
  }

  /** Drops pending verdicts (reset/close). */
  clear(): void {
    for (const p of this.pending.values()) if (p.timer) clearTimeout(p.timer);
    this.pending.clear();
  }
}
