/**
 * The push service: routes a message down the Party network to its audience, writes an
 * in-app message for every recipient, and sends a WeChat subscribe message to those with
 * a credit for the template. Credits are a server-side ledger (WeChat offers no API to
 * read them): one-time credits are reserved atomically before a send, spent on success,
 * refunded on final failure; transient failures wait in an outbox for the retry timer.
 */
import type { Delivery, PushSummary, TemplateKey } from '../../typings/domain/push';
import { collection, command } from './cloud';
import type { ResidentDoc } from './docs';
import { classifySendError, MAX_SEND_ATTEMPTS, retryDelayMs, templateData } from './domain/push';
import { templateConfig, type TemplateConfig } from './push-config';
import { readAll } from './paging';
import { insertOnce } from './unique';
import { formatShanghai } from './time';
import { sendSubscribeMessage, wechatErrorCode } from './wechat';

/** Who receives a message, in the community's own terms. */
export type Audience =
  | { kind: 'residents'; residentIds: readonly string[] }
  /** Verified residents of a building, or of some of its units. */
  | { kind: 'building'; buildingNo: number; unitNos?: readonly number[] }
  /** Verified residents of several buildings, or the whole community (no buildingNos). */
  | { kind: 'community'; buildingNos?: readonly number[] }
  /** A building's branch secretary, and its unit leaders (of one unit, or all). */
  | { kind: 'buildingLeaders'; buildingNo: number; unitNo?: number }
  /** A senior's confirmed relatives. */
  | { kind: 'relativesOf'; seniorId: string }
  | { kind: 'staff' };

export interface PushMessage {
  template: TemplateKey;
  title: string;
  /** The in-app text; the subscribe message carries `note`. */
  body: string;
  note: string;
  /** The page the message opens. */
  page: string;
  /** What the message is about, so senders can list who could not be reached. */
  source: { kind: string; id: string };
}

export interface CreditDoc {
  _id: string;
  openid: string;
  template: TemplateKey;
  once: number;
  long: boolean;
}

export function creditId(openid: string, template: TemplateKey): string {
  return `${openid}|${template}`;
}

const PAGE_SIZE = 1000;
const SEND_CONCURRENCY = 8;

function findResidents(where: object): Promise<ResidentDoc[]> {
  return readAll<ResidentDoc>('residents', where);
}

export async function resolveAudience(audience: Audience): Promise<ResidentDoc[]> {
  const _ = command();
  switch (audience.kind) {
    case 'residents':
      return audience.residentIds.length ? findResidents({ _id: _.in([...audience.residentIds]) }) : [];
    case 'building':
      return findResidents({
        'binding.status': 'verified',
        'binding.address.buildingNo': audience.buildingNo,
        ...(audience.unitNos?.length ? { 'binding.address.unitNo': _.in([...audience.unitNos]) } : {}),
      });
    case 'community':
      return findResidents({
        'binding.status': 'verified',
        ...(audience.buildingNos?.length ? { 'binding.address.buildingNo': _.in([...audience.buildingNos]) } : {}),
      });
    case 'buildingLeaders':
      return findResidents(
        _.or([
          { roles: _.elemMatch({ kind: 'branch_secretary', buildingNo: audience.buildingNo }) },
          {
            roles: _.elemMatch({
              kind: 'unit_leader',
              buildingNo: audience.buildingNo,
              ...(audience.unitNo ? { unitNo: audience.unitNo } : {}),
            }),
          },
        ]),
      );
    case 'relativesOf': {
      const { data } = await collection('relative_links')
        .where({ seniorId: audience.seniorId, status: 'confirmed' })
        .limit(100)
        .get();
      const ids = (data as { relativeId: string }[]).map((link) => link.relativeId);
      return ids.length ? findResidents({ _id: _.in(ids) }) : [];
    }
    case 'staff':
      return findResidents({ roles: _.elemMatch({ kind: 'staff' }) });
  }
}

async function creditsFor(openids: string[], template: TemplateKey): Promise<Map<string, CreditDoc>> {
  const credits = new Map<string, CreditDoc>();
  for (let i = 0; i < openids.length; i += PAGE_SIZE) {
    const ids = openids.slice(i, i + PAGE_SIZE).map((openid) => creditId(openid, template));
    const { data } = await collection('push_credits')
      .where({ _id: command().in(ids) })
      .limit(PAGE_SIZE)
      .get();
    for (const credit of data as CreditDoc[]) credits.set(credit.openid, credit);
  }
  return credits;
}

/** Takes one one-time credit if there is one left; race-free (conditional update). */
async function reserveCredit(credit: CreditDoc): Promise<boolean> {
  if (credit.long) return true;
  const _ = command();
  const { updated } = await collection('push_credits')
    .where({ _id: credit._id, once: _.gt(0) })
    .update({ once: _.inc(-1) });
  return updated === 1;
}

async function refundCredit(credit: Pick<CreditDoc, '_id' | 'long'>): Promise<void> {
  if (!credit.long)
    await collection('push_credits')
      .doc(credit._id)
      .update({ once: command().inc(1) });
}

interface Attempt {
  delivery: Delivery;
}

async function deliver(
  recipient: ResidentDoc & { openid: string },
  credit: CreditDoc,
  template: TemplateConfig,
  message: PushMessage,
  now: Date,
): Promise<Attempt> {
  if (!(await reserveCredit(credit))) return { delivery: 'in_app' };
  const data = templateData(template.fields, { title: message.title, time: formatShanghai(now), note: message.note });
  try {
    await sendSubscribeMessage({ touser: recipient.openid, templateId: template.id, page: message.page, data });
    return { delivery: 'wechat' };
  } catch (error) {
    const failure = classifySendError(wechatErrorCode(error));
    if (failure === 'no_subscription') {
      // WeChat holds no credit: our ledger was ahead of it. Trust WeChat.
      if (!credit.long) await collection('push_credits').doc(credit._id).update({ once: 0 });
      return { delivery: 'in_app' };
    }
    if (failure === 'permanent') {
      await refundCredit(credit);
      return { delivery: 'failed' };
    }
    // Transient: the reserved credit stays reserved until the retry succeeds or gives up.
    await collection('push_outbox').add({
      touser: recipient.openid,
      recipientId: recipient._id,
      creditId: credit._id,
      long: credit.long,
      templateId: template.id,
      page: message.page,
      data,
      source: message.source,
      attempts: 1,
      state: 'waiting',
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(1)),
      createdAt: now,
    });
    return { delivery: 'queued' };
  }
}

async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return results;
}

/** Sends a message to an audience; every recipient also gets it in the in-app list. */
export async function push(audience: Audience, message: PushMessage, now: Date): Promise<PushSummary> {
  const recipients = await resolveAudience(audience);
  const summary: PushSummary = { recipients: recipients.length, wechat: 0, inAppOnly: 0, queued: 0, failed: 0 };
  if (!recipients.length) return summary;
  const template = templateConfig()[message.template];
  const withOpenid = recipients.filter((r): r is ResidentDoc & { openid: string } => Boolean(r.openid));
  const credits = template
    ? await creditsFor(
        withOpenid.map((r) => r.openid),
        message.template,
      )
    : new Map();
  const deliveries = new Map<string, Delivery>();
  await inBatches(withOpenid, SEND_CONCURRENCY, async (recipient) => {
    const credit = credits.get(recipient.openid);
    const attempt =
      template && credit ? await deliver(recipient, credit, template, message, now) : { delivery: 'in_app' as const };
    deliveries.set(recipient._id, attempt.delivery);
  });
  const docs = recipients.map((recipient) => {
    const delivery = deliveries.get(recipient._id) ?? 'in_app';
    if (delivery === 'wechat') summary.wechat++;
    else if (delivery === 'queued') summary.queued++;
    else if (delivery === 'failed') summary.failed++;
    else summary.inAppOnly++;
    return {
      recipientId: recipient._id,
      title: message.title,
      body: message.body,
      page: message.page,
      source: message.source,
      delivery,
      read: false,
      createdAt: now,
    };
  });
  for (let i = 0; i < docs.length; i += PAGE_SIZE) await collection('messages').add(docs.slice(i, i + PAGE_SIZE));
  return summary;
}

interface OutboxDoc {
  _id: string;
  touser: string;
  recipientId: string;
  creditId: string;
  long: boolean;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  source: { kind: string; id: string };
  attempts: number;
}

/** The retry timer: sends what is due; gives up after MAX_SEND_ATTEMPTS, refunding the credit. */
export async function retryOutbox(now: Date): Promise<{ sent: number; failed: number; waiting: number }> {
  const _ = command();
  const { data } = await collection('push_outbox')
    .where({ state: 'waiting', nextAttemptAt: _.lte(now) })
    .limit(100)
    .get();
  const outcome = { sent: 0, failed: 0, waiting: 0 };
  for (const item of data as OutboxDoc[]) {
    const setDelivery = (delivery: Delivery) =>
      collection('messages')
        .where({ recipientId: item.recipientId, 'source.kind': item.source.kind, 'source.id': item.source.id })
        .update({ delivery });
    try {
      await sendSubscribeMessage({
        touser: item.touser,
        templateId: item.templateId,
        page: item.page,
        data: item.data,
      });
      await collection('push_outbox')
        .doc(item._id)
        .update({ state: 'sent', attempts: item.attempts + 1, sentAt: now });
      await setDelivery('wechat');
      outcome.sent++;
    } catch (error) {
      const attempts = item.attempts + 1;
      const failure = classifySendError(wechatErrorCode(error));
      if (failure !== 'transient' || attempts >= MAX_SEND_ATTEMPTS) {
        if (failure !== 'no_subscription') await refundCredit({ _id: item.creditId, long: item.long });
        await collection('push_outbox')
          .doc(item._id)
          .update({ state: 'failed', attempts, lastError: String(wechatErrorCode(error) ?? 'network') });
        await setDelivery(failure === 'no_subscription' ? 'in_app' : 'failed');
        outcome.failed++;
      } else {
        await collection('push_outbox')
          .doc(item._id)
          .update({ attempts, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) });
        outcome.waiting++;
      }
    }
  }
  return outcome;
}

/** Adds the credits a user's answers to wx.requestSubscribeMessage give. */
export async function recordSubscriptions(
  openid: string,
  answers: ReadonlyArray<{ template: TemplateKey; answer: string }>,
): Promise<void> {
  const config = templateConfig();
  for (const { template, answer } of answers) {
    const kind = config[template]?.kind;
    if (!kind) continue;
    const id = creditId(openid, template);
    if (kind === 'long') {
      await collection('push_credits')
        .doc(id)
        .set({ openid, template, once: 0, long: answer === 'accept' });
      continue;
    }
    if (answer !== 'accept') continue;
    const { updated } = await collection('push_credits')
      .doc(id)
      .update({ once: command().inc(1) });
    if (updated === 0 && !(await insertOnce('push_credits', { _id: id, openid, template, once: 1, long: false }))) {
      // Another accept created it meanwhile: count this one on top.
      await collection('push_credits')
        .doc(id)
        .update({ once: command().inc(1) });
    }
  }
}
