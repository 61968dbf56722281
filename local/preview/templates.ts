/**
 * The subscribe-message templates as the preview shows them: what the subscribe dialog
 * and the outbox call each template id, and whether a grant is one-time or long-term.
 * Real templates get their titles in the WeChat console; locally ids come from
 * local/config.ts.
 */
import { SUBSCRIBE_TEMPLATES } from '../config';

const NAMES: Record<string, string> = {
  notice: '社区通知提醒',
  report: '报事处理进度提醒',
  activity: '活动报名提醒',
  canteen: '订餐提醒',
  council: '议事进展提醒',
};

export interface TemplateInfo {
  name: string;
  kind: 'once' | 'long';
}

export function templateInfo(): Record<string, TemplateInfo> {
  const info: Record<string, TemplateInfo> = {};
  for (const [key, template] of Object.entries(SUBSCRIBE_TEMPLATES)) {
    info[template.id] = { name: NAMES[key] ?? key, kind: template.kind === 'long' ? 'long' : 'once' };
  }
  return info;
}
