/**
 * wx.requestSubscribeMessage: WeChat's dialog listing the templates, each with its own
 * switch, "总是保持以上选择，不再询问", and 取消 / 允许. The answer is
 * `{ [templateId]: 'accept' | 'reject' }`. Each accept is granted on the stand-in
 * (POST /__standin/subscriptions, one-time or long-term as the template is), so a function's
 * later subscribeMessage.send reaches the outbox beside the phone. "Always" answers are
 * remembered per user and template, and later requests skip the dialog as in WeChat.
 */
import { h, win, type El } from '../dom';
import { previewConfig } from '../manifest';
import { log, state } from '../state';
import { showDialog } from '../ui/overlay';
import { asyncApi, fail } from './api';

type Answer = 'accept' | 'reject';

function alwaysKey(templateId: string): string {
  return `preview:subscribe:${state.openid}:${templateId}`;
}

async function grant(templateId: string): Promise<void> {
  const response = await fetch('/__standin/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      openid: state.openid,
      templateId,
      kind: previewConfig().templates[templateId]?.kind ?? 'once',
    }),
  });
  if (!response.ok) throw new Error(`the stand-in refused the grant: ${await response.text()}`);
}

function templateName(id: string): string {
  return previewConfig().templates[id]?.name ?? id;
}

async function ask(ids: string[]): Promise<{ answers: Record<string, Answer>; always: boolean }> {
  const switches: Record<string, El> = {};
  const rows = ids.map((id) => {
    const box = h('input', { type: 'checkbox', class: 'pv-subscribe__switch', 'data-template': id });
    box.checked = true;
    switches[id] = box;
    return h('label', { class: 'pv-subscribe__row' }, [h('span', { text: templateName(id) }), box]);
  });
  const always = h('input', { type: 'checkbox', 'data-testid': 'subscribe-always' });
  const content = h('div', { class: 'pv-subscribe' }, [
    h('div', { class: 'pv-subscribe__hint', text: '同意接收以下消息' }),
    ...rows,
    h('label', { class: 'pv-subscribe__always' }, [always, h('span', { text: '总是保持以上选择，不再询问' })]),
  ]);
  const index = await showDialog({
    testId: 'wx-subscribe',
    title: '长山花园 申请发送订阅消息',
    content,
    buttons: [{ text: '取消' }, { text: '允许', color: '#07c160', primary: true }],
  });
  const answers: Record<string, Answer> = {};
  for (const id of ids) answers[id] = index === 1 && switches[id]!.checked ? 'accept' : 'reject';
  return { answers, always: index === 1 && always.checked };
}

export const subscribeApis = {
  requestSubscribeMessage: asyncApi('requestSubscribeMessage', async (o) => {
    const ids = Array.isArray(o.tmplIds) ? o.tmplIds.map(String).filter(Boolean) : [];
    if (!ids.length) throw fail('requestSubscribeMessage', 'Templates is empty', { errCode: 10001 });
    if (ids.length > 3) throw fail('requestSubscribeMessage', 'Templates count out of max bounds', { errCode: 20003 });
    const remembered = ids.map((id) => win.localStorage.getItem(alwaysKey(id)) as Answer | null);
    let answers: Record<string, Answer>;
    if (remembered.every((answer) => answer === 'accept' || answer === 'reject')) {
      answers = Object.fromEntries(ids.map((id, i) => [id, remembered[i]!]));
    } else {
      const result = await ask(ids);
      answers = result.answers;
      if (result.always) for (const id of ids) win.localStorage.setItem(alwaysKey(id), answers[id]!);
    }
    for (const id of ids) {
      if (answers[id] === 'accept') await grant(id);
      log('subscribe', `${templateName(id)}：${answers[id] === 'accept' ? '允许' : '拒绝'}`);
    }
    return answers;
  }),
};
