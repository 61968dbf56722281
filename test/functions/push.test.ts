/**
 * The push service through the real SDK on the stand-in: subscription credits from the
 * client's answers, routing to audiences of the Party network, credits spent only on a
 * successful send, in-app messages for everyone, the retry outbox.
 */
import { DEMO } from '../../local/seed/community';
import { SUBSCRIBE_TEMPLATES } from '../../local/config';
import type { TemplateView } from '../../typings/domain/push';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

const NOTICE_TPL = SUBSCRIBE_TEMPLATES.notice!.id;

async function ok<T>(promise: Promise<unknown>): Promise<T> {
  const result = (await promise) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

describe('subscription credits', () => {
  it('lists the configured templates with no credits at first', async () => {
    const templates = await ok<TemplateView[]>(
      cloud.call('push', { action: 'templates' }, { openid: DEMO.partyMember }),
    );
    expect(templates.map((t) => t.key)).toEqual([
      'notice',
      'report',
      'activity',
      'canteen',
      'council',
      'service',
      'safety',
      'care',
    ]);
    expect(templates.find((t) => t.key === 'notice')).toMatchObject({
      templateId: NOTICE_TPL,
      kind: 'once',
      credits: 0,
    });
  });

  it('adds one credit per accept, none for a reject, and flags long-term templates', async () => {
    const record = (answers: Record<string, string>) =>
      ok<TemplateView[]>(cloud.call('push', { action: 'recordSubscriptions', answers }, { openid: DEMO.unitLeader }));
    await record({ [NOTICE_TPL]: 'accept', [SUBSCRIBE_TEMPLATES.report!.id]: 'reject' });
    const templates = await record({
      [NOTICE_TPL]: 'accept',
      [SUBSCRIBE_TEMPLATES.council!.id]: 'accept',
      'unknown-tpl': 'accept',
    });
    expect(templates.find((t) => t.key === 'notice')?.credits).toBe(2);
    expect(templates.find((t) => t.key === 'report')?.credits).toBe(0);
    expect(templates.find((t) => t.key === 'council')).toMatchObject({ kind: 'long', longTermActive: true });
  });

  it('counts concurrent accepts exactly', async () => {
    await Promise.all(
      Array.from({ length: 10 }, () =>
        cloud.call(
          'push',
          { action: 'recordSubscriptions', answers: { [NOTICE_TPL]: 'accept' } },
          { openid: DEMO.canteen },
        ),
      ),
    );
    const templates = await ok<TemplateView[]>(cloud.call('push', { action: 'templates' }, { openid: DEMO.canteen }));
    expect(templates.find((t) => t.key === 'notice')?.credits).toBe(10);
  });

  it('refuses malformed answers and writes nothing', async () => {
    const before = await cloud.counts();
    for (const event of [
      { action: 'recordSubscriptions', answers: { [NOTICE_TPL]: 'yes' } },
      { action: 'recordSubscriptions', answers: 'accept' },
      { action: 'recordSubscriptions' },
      { action: 'inbox', page: -1 },
      { action: 'markRead', ids: [{ $ne: null }] },
    ]) {
      expect(await cloud.call('push', event, { openid: DEMO.resident })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(await cloud.counts()).toEqual(before);
  });

  it('requires a registered caller', async () => {
    expect(await cloud.call('push', { action: 'templates' }, { openid: 'o-stranger' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_REGISTERED' },
    });
  });
});

describe('the retry timer', () => {
  it('cannot be fired by a mini-program user', async () => {
    const result = await cloud.call('push', { Type: 'Timer', TriggerName: 'retryOutbox' }, { openid: DEMO.staff });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('runs from its trigger with nothing due', async () => {
    const outcome = await cloud.runner.fireTimer('push', 'retryOutbox');
    expect(outcome.result).toEqual({ ok: true, data: { resumed: 0, sent: 0, failed: 0, waiting: 0, skipped: 0 } });
  });
});
