/** Views of the push function's documents. */
import type { MessageView, TemplateKey, TemplateView } from '../../typings/domain/push';
import { collection, command } from '../shared/cloud';
import { creditId, type CreditDoc } from '../shared/push';
import { TEMPLATE_KEYS, TEMPLATE_TITLES, templateConfig } from '../shared/push-config';

export interface MessageDoc {
  _id: string;
  recipientId: string;
  title: string;
  body: string;
  page?: string;
  delivery: MessageView['delivery'];
  read: boolean;
  createdAt: Date;
}

export function messageView(doc: MessageDoc): MessageView {
  return {
    id: doc._id,
    title: doc.title,
    body: doc.body,
    ...(doc.page ? { page: doc.page } : {}),
    createdAt: doc.createdAt.toISOString(),
    read: doc.read,
    delivery: doc.delivery,
  };
}

export async function templateViews(openid: string): Promise<TemplateView[]> {
  const config = templateConfig();
  const keys = TEMPLATE_KEYS.filter((key) => config[key]);
  const { data } = await collection('push_credits')
    .where({ _id: command().in(keys.map((key) => creditId(openid, key))) })
    .get();
  const credits = new Map((data as CreditDoc[]).map((credit) => [credit.template, credit]));
  return keys.map((key: TemplateKey) => {
    const template = config[key]!;
    const credit = credits.get(key);
    return {
      key,
      templateId: template.id,
      kind: template.kind,
      title: TEMPLATE_TITLES[key],
      credits: credit?.once ?? 0,
      longTermActive: Boolean(credit?.long),
    };
  });
}
