/**
 * 内容审核 (community staff) with the real tdesign components: the queue says why each
 * item is there in words, a decision asks first and can ban the author, a decision taken
 * by someone else meanwhile reloads, and the log lists every decision.
 */
import { route } from './route';
import type { AuditEntryView, ModerationItemView } from '../../typings/functions/moderation';
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, wxMock } from '../helpers/simulate';

const wxExtra = () => (globalThis as unknown as { wx: Record<string, unknown> }).wx;

function item(id: string, overrides: Partial<ModerationItemView> = {}): ModerationItemView {
  return {
    id,
    kind: 'comment',
    targetId: `t-${id}`,
    reason: 'review',
    excerpt: '二手家具便宜出，加微信详聊',
    authorName: '冯雨桐',
    authorId: 'r-demo-pending',
    flags: 0,
    label: 10001,
    createdAt: '2026-11-26T02:00:00.000Z',
    state: 'open',
    ...overrides,
  };
}

async function settled(page: ReturnType<typeof renderPage>) {
  for (let i = 0; i < 3; i++) await settle();
  return page;
}

let confirm = true;
beforeEach(() => {
  resetWx();
  confirm = true;
  Object.assign(wxExtra(), {
    showModal: jest.fn((options: { success?: (answer: { confirm: boolean }) => void }) =>
      options.success?.({ confirm }),
    ),
  });
});

test('says why each item is held, in words', async () => {
  route({
    'moderation.queue': () => ({
      ok: true,
      data: {
        items: [item('a'), item('b', { kind: 'profile', reason: 'flags', flags: 3, label: undefined })],
        hasMore: false,
      },
    }),
  });
  const page = await settled(renderPage('packages/staff/pages/moderation/index'));
  const text = allText(page);
  expect(text).toContain('议事评论');
  expect(text).toContain('内容安全检查要求复核（疑似广告）');
  expect(text).toContain('居民姓名');
  expect(text).toContain('3户居民举报，已自动隐藏');
  expect(text).toContain('作者：冯雨桐');
});

test('hides an item after asking, with the ban chosen, and drops it from the queue', async () => {
  const callFunction = route({
    'moderation.queue': () => ({ ok: true, data: { items: [item('a')], hasMore: false } }),
    'moderation.decide': (data) => ({
      ok: true,
      data: { ...item(String(data.itemId)), state: 'closed', decision: data.decision },
    }),
  });
  const page = await settled(renderPage('packages/staff/pages/moderation/index'));
  const bans = page.querySelectorAll(IN_PAGE + '.moderation-blocks >>> .t-tag');
  expect(bans.map((ban) => ban.dom?.textContent?.trim())).toEqual(['不禁止', '禁止3天', '禁止7天', '禁止30天']);
  await tap(page, IN_PAGE + '.moderation-blocks >>> .t-tag', 2);
  await tap(page, IN_PAGE + '.moderation-hide >>> .t-button');
  await settled(page);
  expect(wxExtra().showModal).toHaveBeenCalledWith(
    expect.objectContaining({ title: '确认隐藏？', content: '作者将被禁止发布7天' }),
  );
  expect(callFunction).toHaveBeenCalledWith({
    name: 'moderation',
    data: { action: 'decide', itemId: 'a', decision: 'hide', blockDays: 7 },
  });
  expect(allText(page)).toContain('暂无需要处理的内容');
});

test('does nothing when the staff member cancels', async () => {
  confirm = false;
  const callFunction = route({
    'moderation.queue': () => ({ ok: true, data: { items: [item('a')], hasMore: false } }),
  });
  const page = await settled(renderPage('packages/staff/pages/moderation/index'));
  await tap(page, IN_PAGE + '.moderation-approve >>> .t-button');
  await settled(page);
  expect(callFunction).toHaveBeenCalledTimes(1);
  expect(allText(page)).toContain('加微信详聊');
});

test('reloads when another staff member decided first', async () => {
  let queueCalls = 0;
  route({
    'moderation.queue': () => ({ ok: true, data: { items: queueCalls++ === 0 ? [item('a')] : [], hasMore: false } }),
    'moderation.decide': () => ({ ok: false, error: { code: 'CONFLICT', message: '该内容已由其他工作人员处理' } }),
  });
  const page = await settled(renderPage('packages/staff/pages/moderation/index'));
  await tap(page, IN_PAGE + '.moderation-reject >>> .t-button');
  await settled(page);
  expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该内容已由其他工作人员处理' }));
  expect(queueCalls).toBe(2);
});

test('shows an error with a retry when the queue cannot load', async () => {
  route({ 'moderation.queue': () => ({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } }) });
  const page = await settled(renderPage('packages/staff/pages/moderation/index'));
  expect(allText(page)).toContain('您没有权限进行此操作');
  expect(allText(page)).toContain('重新加载');
});

test('the log lists decisions with who and why', async () => {
  const entry: AuditEntryView = {
    id: 'l1',
    action: 'block',
    kind: 'comment',
    targetId: 't-a',
    actorName: '何静怡',
    note: '禁止发布7天',
    at: '2026-11-26T03:00:00.000Z',
  };
  route({
    'moderation.queue': () => ({ ok: true, data: { items: [], hasMore: false } }),
    'moderation.audit': () => ({ ok: true, data: { items: [entry], hasMore: false } }),
  });
  const page = await settled(renderPage('packages/staff/pages/moderation/index'));
  page.instance.onTab({ detail: { value: 'audit' } } as never);
  await settled(page);
  const text = allText(page);
  expect(text).toContain('禁止发布 · 议事评论');
  expect(text).toContain('何静怡');
});
