/**
 * Subscribe-message templates from configuration: the SUBSCRIBE_TEMPLATES environment
 * variable of the function (JSON), so each environment uses its own template ids and
 * nothing is hard-coded.
 */
import { z } from 'zod';
import type { TemplateKey } from '../../typings/domain/push';

export const TEMPLATE_KEYS = [
  'notice',
  'report',
  'activity',
  'canteen',
  'council',
  'service',
  'safety',
  'care',
] as const satisfies readonly TemplateKey[];

/** What each template is for, as shown to residents when asking to subscribe. */
export const TEMPLATE_TITLES: Record<TemplateKey, string> = {
  notice: '楼栋通知提醒',
  report: '报事处理进度',
  activity: '活动报名与提醒',
  canteen: '订餐与送餐通知',
  council: '议事进展通知',
  service: '办事预约与评价提醒',
  safety: '燃气烟感报警',
  care: '关爱提醒',
};

const templateSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['once', 'long']),
  /** Keyword names of the template's fields, e.g. { title: 'thing1', time: 'time2', note: 'thing3' }. */
  fields: z.object({ title: z.string(), time: z.string(), note: z.string() }),
});

export type TemplateConfig = z.infer<typeof templateSchema>;

const configSchema = z.partialRecord(z.enum(TEMPLATE_KEYS), templateSchema);

export function templateConfig(): Partial<Record<TemplateKey, TemplateConfig>> {
  const raw = process.env.SUBSCRIBE_TEMPLATES;
  if (!raw) return {};
  const parsed = configSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`SUBSCRIBE_TEMPLATES is malformed: ${parsed.error.message}`);
  return parsed.data;
}

export function templateKeyOfId(templateId: string): TemplateKey | undefined {
  const config = templateConfig();
  return TEMPLATE_KEYS.find((key) => config[key]?.id === templateId);
}
