/**
 * Staff acting for seniors on relative links: many seniors have no smartphone, so staff
 * confirm (or decline, or end) a link on their behalf after checking in person or by
 * phone, with the reason recorded on the link and in the audit log (ProxyRecord).
 */
import type { RelativeRequestView } from '../../typings/functions/community';
import { collection, command } from '../shared/cloud';
import { recordAuditIn } from '../shared/community-audit';
import type { RelativeLinkDoc, ResidentDoc } from '../shared/docs';
import { addressLabel } from '../shared/domain/labels';
import { actFor } from '../shared/proxy';
import { AppError } from '../shared/errors';
import { inTransaction } from '../shared/transactions';
import { sendTold, tellResidentsIn } from '../shared/notify';
import { declinedMessage, endLink, linkStep } from '../shared/relative-links';
import { publicName } from '../shared/domain/residents';

export const RELATIVE_PAGE_SIZE = 20;

export async function relativeQueue(page = 1): Promise<{ items: RelativeRequestView[]; hasMore: boolean }> {
  const { data } = await collection('relative_links')
    .where({ status: 'pending' })
    .orderBy('requestedAt', 'asc')
    .skip((page - 1) * RELATIVE_PAGE_SIZE)
    .limit(RELATIVE_PAGE_SIZE + 1)
    .get();
  const links = (data as RelativeLinkDoc[]).slice(0, RELATIVE_PAGE_SIZE);
  const ids = [...new Set(links.flatMap((link) => [link.relativeId, ...(link.seniorId ? [link.seniorId] : [])]))];
  const people = new Map<string, ResidentDoc>();
  if (ids.length) {
    const found = await collection('residents')
      .where({ _id: command().in(ids) })
      .limit(ids.length)
      .get();
    for (const person of found.data as ResidentDoc[]) people.set(person._id, person);
  }
  const items = links.map((link): RelativeRequestView => {
    const relative = people.get(link.relativeId);
    const senior = link.seniorId ? people.get(link.seniorId) : undefined;
    const typed = link.requested;
    return {
      linkId: link._id,
      relativeId: link.relativeId,
      relativeName: relative?.name ?? '（已注销）',
      ...(relative?.phone ? { relativePhone: relative.phone } : {}),
      requestedLabel: typed ? `${addressLabel(typed)} ${typed.name}` : '',
      ...(senior?.binding.address
        ? {
            senior: {
              residentId: senior._id,
              name: senior.name,
              addressLabel: addressLabel(senior.binding.address),
              hasWeChat: Boolean(senior.openid),
            },
          }
        : {}),
      requestedAt: link.requestedAt.toISOString(),
    };
  });
  return { items, hasMore: data.length > RELATIVE_PAGE_SIZE };
}

async function loadLink(linkId: string): Promise<RelativeLinkDoc> {
  const { data } = await collection('relative_links').doc(linkId).get();
  const link = data[0] as RelativeLinkDoc | undefined;
  if (!link) throw new AppError('NOT_FOUND', '没有找到这条绑定申请');
  return link;
}

export async function confirmForSenior(
  staff: ResidentDoc,
  linkId: string,
  reason: string,
  now: Date,
): Promise<{ linkId: string }> {
  const link = await loadLink(linkId);
  if (!link.seniorId) {
    throw new AppError('CONFLICT', '亲属填写的住址或姓名与登记的老人不符，请联系亲属核对后重新申请');
  }
  if (link.status !== 'pending') throw new AppError('CONFLICT', '这条申请已经处理过了');
  // Nobody confirms their own request, staff included: another member of staff must.
  if (link.relativeId === staff._id) throw new AppError('FORBIDDEN', '不能代老人确认自己提交的申请');
  const proxy = await actFor(staff, link.seniorId, now, reason);
  if (!proxy) throw new AppError('CONFLICT', '这是给您本人的申请，请在“我的”页面确认');
  const senior = (await collection('residents').doc(link.seniorId).get()).data[0] as ResidentDoc | undefined;
  // The confirmation, its audit record and the relative's message commit together (keyed by
  // the link's request: confirmed once); a death after the commit leaves the message to the timer.
  const told = await inTransaction(async (t) => {
    const fresh = (await t.collection('relative_links').doc(linkId).get()).data as RelativeLinkDoc | null;
    if (fresh?.status !== 'pending') throw new AppError('CONFLICT', '这条申请已经处理过了');
    await t
      .collection('relative_links')
      .doc(linkId)
      .update({ status: 'confirmed', confirmedAt: now, confirmedBy: staff._id, proxyReason: proxy.reason, proxy });
    await recordAuditIn(t, linkStep(link, 'relative_confirm'), {
      action: 'relative_confirm',
      actorId: staff._id,
      subjectId: link.relativeId,
      proxy,
      detail: '社区工作人员代老人确认',
      at: now,
    });
    return tellResidentsIn(
      t,
      [link.relativeId],
      {
        title: '亲属绑定成功',
        body: `社区工作人员已核实，代${senior ? publicName(senior) : '老人'}确认了您的亲属绑定申请。`,
        note: '社区已代老人确认绑定',
        source: { kind: 'relative_link', id: linkId },
        key: `relative_link:${linkStep(link, 'confirmed')}`,
      },
      now,
    );
  });
  await sendTold(told, now);
  return { linkId };
}

export async function unbindForSenior(
  staff: ResidentDoc,
  linkId: string,
  reason: string,
  now: Date,
): Promise<{ linkId: string }> {
  const link = await loadLink(linkId);
  // A request that matched nobody is declined for nobody: recorded as staff's own act.
  const proxy = link.seniorId ? await actFor(staff, link.seniorId, now, reason) : undefined;
  const pending = link.status === 'pending';
  const action = pending ? 'relative_decline' : 'relative_unbind';
  await endLink(
    link,
    {
      action,
      actorId: staff._id,
      subjectId: link.relativeId,
      ...(proxy ? { proxy } : {}),
      detail: `社区工作人员代老人${pending ? '拒绝申请' : '解除绑定'}：${reason}`,
      at: now,
    },
    {
      to: link.relativeId,
      message: pending
        ? declinedMessage(link)
        : {
            title: '亲属绑定已解除',
            body: `社区工作人员代老人解除了您的亲属绑定。原因：${reason}。如有疑问，请与社区联系。`,
            note: '社区已代老人解除绑定',
            source: { kind: 'relative_link', id: linkId },
            key: `relative_link:${linkStep(link, 'unbound')}`,
          },
    },
    now,
  );
  return { linkId };
}
