/**
 * Relatives and seniors: a relative asks to be bound to a senior, the senior confirms or
 * declines, either side ends the link.
 *
 * No information leak: a request names a household and a name. Whether a verified
 * resident of that name lives there, the answer is the same, a request is stored either
 * way (matched to the senior, or to nobody), and the relative's 我的 shows it as they
 * typed it ("待确认") until the senior (or staff for them) confirms. So nobody can probe
 * who lives where. What remains: when the senior actively declines, the relative learns
 * the request reached someone — they had typed the right name and address already.
 */
import { createHash } from 'node:crypto';
import type { HouseholdAddress, MeView } from '../../typings/domain/community';
import { collection } from '../shared/cloud';
import { recordAuditIn } from '../shared/community-audit';
import type { RelativeLinkDoc, ResidentDoc } from '../shared/docs';
import { maskPhone } from '../shared/domain/privacy';
import { publicName } from '../shared/domain/residents';
import { AppError } from '../shared/errors';
import { inTransaction } from '../shared/transactions';
import { insertOnce } from '../shared/unique';
import { sendTold, tellResidents, tellResidentsIn, type AccountMessage } from '../shared/notify';
import { declinedMessage, endLink, linkStep } from '../shared/relative-links';
import { buildMeView } from './me';

/** Open requests one relative may have at a time (against pestering seniors). */
export const MAX_PENDING_REQUESTS = 5;

export const REQUEST_SUBMITTED =
  '申请已提交。如果填写的住址和姓名与老人登记的一致，老人在小程序里确认后即可绑定；老人没有智能手机的，可请社区工作人员核实后代为确认。';

export type RequestedSenior = HouseholdAddress & { name: string };

/**
 * One id per relative and typed request: the same request twice is refused by the
 * database itself (a duplicate id), matched or not.
 */
export function relativeLinkId(relativeId: string, requested: RequestedSenior): string {
  const key = [relativeId, requested.buildingNo, requested.unitNo, requested.room, requested.name].join('|');
  return `rl-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

async function findSenior(requested: RequestedSenior): Promise<ResidentDoc | undefined> {
  const { data } = await collection('residents')
    .where({
      'binding.status': 'verified',
      'binding.address.buildingNo': requested.buildingNo,
      'binding.address.unitNo': requested.unitNo,
      'binding.address.room': requested.room,
      name: requested.name,
    })
    .limit(2)
    .get();
  // Two verified people of one name in one household cannot be told apart: staff decide.
  return data.length === 1 ? (data[0] as ResidentDoc) : undefined;
}

export async function requestRelativeLink(
  relative: ResidentDoc,
  requested: RequestedSenior,
  now: Date,
): Promise<{ linkId: string; message: string }> {
  const [senior, { total: open }] = await Promise.all([
    findSenior(requested),
    collection('relative_links').where({ relativeId: relative._id, status: 'pending' }).count(),
  ]);
  if (open >= MAX_PENDING_REQUESTS) {
    throw new AppError('RATE_LIMITED', `您有${open}条申请在等待确认，请等确认后再提交新的申请`);
  }
  if (senior?._id === relative._id) throw new AppError('CONFLICT', '不能与自己绑定');
  if (senior) {
    // Already bound: the relative sees that link in 我的, so saying so tells them nothing new.
    const { total } = await collection('relative_links')
      .where({ seniorId: senior._id, relativeId: relative._id, status: 'confirmed' })
      .count();
    if (total > 0) throw new AppError('CONFLICT', '您已经与这位老人绑定了');
  }
  const linkId = relativeLinkId(relative._id, requested);
  const link: RelativeLinkDoc = {
    _id: linkId,
    ...(senior ? { seniorId: senior._id } : {}),
    relativeId: relative._id,
    status: 'pending',
    requested,
    requestedAt: now,
  };
  if (!(await insertOnce('relative_links', link))) {
    // The same request again: one that died before telling the senior tells now (keyed: once).
    const existing = await loadLink(linkId);
    if (existing?.status === 'pending' && existing.seniorId) await tellRequested(relative, existing, now);
    throw new AppError('CONFLICT', '您已经提交过这条申请，请在“我的”页面查看');
  }
  if (senior) await tellRequested(relative, link, now);
  return { linkId, message: REQUEST_SUBMITTED };
}

function tellRequested(relative: ResidentDoc, link: RelativeLinkDoc, now: Date): Promise<void> {
  const phone = relative.phone ? `（手机${maskPhone(relative.phone)}）` : '';
  return tellResidents(
    [link.seniorId!],
    {
      title: '亲属绑定申请',
      body: `${publicName(relative)}${phone}申请绑定为您的亲属，绑定后可以替您在老人食堂订餐。请在“我的”页面确认；不认识此人请点“拒绝”。`,
      note: `${publicName(relative)}申请绑定为您的亲属`,
      source: { kind: 'relative_link', id: link._id },
      key: `relative_link:${linkStep(link, 'requested')}`,
    },
    now,
  );
}

function confirmedMessage(senior: ResidentDoc, link: RelativeLinkDoc): AccountMessage & { key: string } {
  return {
    title: '亲属绑定成功',
    body: `${publicName(senior)}已确认您的亲属绑定申请，现在可以在“我的”页面看到这位老人。`,
    note: `${publicName(senior)}已确认绑定`,
    source: { kind: 'relative_link', id: link._id },
    key: `relative_link:${linkStep(link, 'confirmed')}`,
  };
}

async function loadLink(linkId: string): Promise<RelativeLinkDoc | undefined> {
  const { data } = await collection('relative_links').doc(linkId).get();
  return data[0] as RelativeLinkDoc | undefined;
}

export async function respondRelativeLink(
  senior: ResidentDoc,
  linkId: string,
  accept: boolean,
  now: Date,
): Promise<MeView> {
  const link = await loadLink(linkId);
  // Someone else's link is "not found": its existence is not the caller's business.
  if (!link || link.seniorId !== senior._id) throw new AppError('NOT_FOUND', '没有找到这条绑定申请');
  if (link.status !== 'pending') throw new AppError('CONFLICT', '这条申请已经处理过了');
  const action = accept ? 'relative_confirm' : 'relative_decline';
  // The answer, its audit record and the relative's message commit together (keyed by the
  // link's request: once); a death after the commit leaves the message to the outbox timer.
  const told = await inTransaction(async (t) => {
    const fresh = (await t.collection('relative_links').doc(linkId).get()).data as RelativeLinkDoc | null;
    if (fresh?.status !== 'pending' || fresh.seniorId !== senior._id)
      throw new AppError('CONFLICT', '这条申请已经处理过了');
    const doc = t.collection('relative_links').doc(linkId);
    if (accept) await doc.update({ status: 'confirmed', confirmedAt: now, confirmedBy: senior._id });
    else await doc.remove();
    await recordAuditIn(t, linkStep(link, action), {
      action,
      actorId: senior._id,
      subjectId: link.relativeId,
      at: now,
    });
    return tellResidentsIn(t, [link.relativeId], accept ? confirmedMessage(senior, link) : declinedMessage(link), now);
  });
  await sendTold(told, now);
  return buildMeView(senior);
}

export async function unbindRelative(caller: ResidentDoc, linkId: string, now: Date): Promise<MeView> {
  const link = await loadLink(linkId);
  const isSenior = link?.seniorId === caller._id;
  if (!link || (!isSenior && link.relativeId !== caller._id)) {
    throw new AppError('NOT_FOUND', '没有找到这条绑定');
  }
  const other = isSenior ? link.relativeId : link.seniorId;
  const pending = link.status === 'pending';
  const action = pending && isSenior ? 'relative_decline' : 'relative_unbind';
  // A withdrawn request needs no message; an ended link or a declined request does.
  const message: (AccountMessage & { key: string }) | undefined =
    !other || (pending && !isSenior)
      ? undefined
      : pending
        ? declinedMessage(link)
        : {
            title: '亲属绑定已解除',
            body: `${publicName(caller)}解除了与您的亲属绑定。如有疑问，请与对方或社区工作人员联系。`,
            note: `${publicName(caller)}解除了亲属绑定`,
            source: { kind: 'relative_link', id: linkId },
            key: `relative_link:${linkStep(link, 'unbound')}`,
          };
  await endLink(
    link,
    {
      action,
      actorId: caller._id,
      subjectId: other ?? caller._id,
      detail: pending ? (isSenior ? '老人拒绝申请' : '亲属撤回申请') : `${isSenior ? '老人' : '亲属'}解除绑定`,
      at: now,
    },
    message && { to: other!, message },
    now,
  );
  return buildMeView(caller);
}
