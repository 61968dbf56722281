/**
 * Local values for what a real environment configures. Subscribe-message templates are
 * set per environment as the functions' SUBSCRIBE_TEMPLATES environment variable in the
 * CloudBase console (ids from the mini-program's 订阅消息 settings, with the keyword
 * names of each chosen template); locally they are fake ids the stand-in knows.
 */
import type { TemplateConfig } from '../cloudfunctions/shared/push-config';

export const SUBSCRIBE_TEMPLATES: Record<string, TemplateConfig> = {
  notice: { id: 'local-tpl-notice', kind: 'once', fields: { title: 'thing1', time: 'time2', note: 'thing3' } },
  report: { id: 'local-tpl-report', kind: 'once', fields: { title: 'thing1', time: 'time2', note: 'thing3' } },
  activity: { id: 'local-tpl-activity', kind: 'once', fields: { title: 'thing1', time: 'time2', note: 'thing3' } },
  canteen: { id: 'local-tpl-canteen', kind: 'once', fields: { title: 'thing1', time: 'time2', note: 'thing3' } },
  council: { id: 'local-tpl-council', kind: 'long', fields: { title: 'thing1', time: 'time2', note: 'thing3' } },
  service: { id: 'local-tpl-service', kind: 'once', fields: { title: 'thing1', time: 'time2', note: 'thing3' } },
  safety: { id: 'local-tpl-safety', kind: 'long', fields: { title: 'thing1', time: 'time2', note: 'thing3' } },
  care: { id: 'local-tpl-care', kind: 'long', fields: { title: 'thing1', time: 'time2', note: 'thing3' } },
};

/** Words the stand-in's content security treats as risky or for review (demo and tests). */
export const MODERATION_WORDS = {
  riskyWords: ['违禁词:20001', '赌博:20006', '刷单返利:20008', '骂人话:20003'],
  reviewWords: ['加微信:10001', '待复核'],
};

/**
 * The alarm vendors' platforms the `safety` function accepts (its SAFETY_VENDORS variable):
 * the HMAC-SHA256 secret each signs its requests with, and the adapter reading its payload.
 * `demo` is the documented local vendor (`npm run alarm`, the preview's alarm button).
 */
export const SAFETY_VENDORS = {
  demo: { secret: 'cs-demo-vendor-secret', adapter: 'demo' },
  anxin: { secret: 'cs-anxin-local-secret', adapter: 'anxin' },
} as const;

/** The environment variables every local function gets, as the console would set them. */
export function functionEnvironment(): Record<string, string> {
  return {
    SUBSCRIBE_TEMPLATES: JSON.stringify(SUBSCRIBE_TEMPLATES),
    MINIPROGRAM_STATE: 'developer',
    SAFETY_VENDORS: JSON.stringify(SAFETY_VENDORS),
  };
}
