/**
 * Asking for a subscribe-message template the way WeChat requires: straight from a
 * resident's tap, before the action, and only while the server's credit ledger says a
 * message could not reach them otherwise. Whatever they answer, the action goes ahead;
 * every message also lands in 我的消息.
 */
import type { SubscribeAnswer } from '../../typings/domain/content';
import type { TemplateKey, TemplateView } from '../../typings/domain/push';
import { newRequestId } from '../utils/request-id';
import { call, isApiError } from './api';

/** Ask again below this many one-time credits. */
const CREDITS_WANTED = 2;

/** The template with the caller's credits; null when unavailable (the action still works). */
export async function loadTemplate(key: TemplateKey): Promise<TemplateView | null> {
  try {
    const templates = await call('push', 'templates', {});
    return templates.find((template) => template.key === key) ?? null;
  } catch (error) {
    console.warn(`[subscribe] templates unavailable for ${key}`, error);
    return null;
  }
}

export function wantsSubscription(template: TemplateView | null): template is TemplateView {
  if (!template || typeof wx.requestSubscribeMessage !== 'function') return false;
  return template.kind === 'long' ? !template.longTermActive : template.credits < CREDITS_WANTED;
}

/**
 * Records one answer of the subscribe dialog and answers the templates with the credits
 * now held. The answer's request id is drawn once and sent again when the first send got
 * no reply (it may have been counted): the server counts the credit once.
 */
export async function recordAnswer(templateId: string, answer: SubscribeAnswer): Promise<TemplateView[]> {
  const requestId = newRequestId();
  const send = () => call('push', 'recordSubscriptions', { answers: { [templateId]: answer }, requestId });
  try {
    return await send();
  } catch (error) {
    if (!isApiError(error) || error.code !== 'NETWORK') throw error;
    return send();
  }
}

/**
 * Call from the tap handler itself (nothing awaited before it, or WeChat refuses to show
 * the dialog). `proceed` runs once the dialog closes, or at once when there is nothing to ask.
 */
export function askThenProceed(template: TemplateView | null, proceed: () => void): void {
  if (!wantsSubscription(template)) {
    proceed();
    return;
  }
  wx.requestSubscribeMessage({
    tmplIds: [template.templateId],
    success: (result) => {
      const answer = (result as unknown as Record<string, string>)[template.templateId] as SubscribeAnswer | undefined;
      if (!answer) return;
      recordAnswer(template.templateId, answer).catch((error: unknown) =>
        console.warn('[subscribe] recordSubscriptions failed', error),
      );
    },
    complete: () => proceed(),
  });
}
