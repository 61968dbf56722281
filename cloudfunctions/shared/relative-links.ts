/** Names for the steps of a relative link's life, shared by the user and community functions. */
import { recordAuditIn } from './community-audit';
import type { CommunityAuditDoc, RelativeLinkDoc } from './docs';
import { AppError } from './errors';
import { sendTold, tellResidentsIn, type AccountMessage } from './notify';
import { inTransaction } from './transactions';

/**
 * A step of one link's life, e.g. `relative_decline:<linkId>:<requested at>`: the key of its
 * audit record and message. A link's id is derived from what the relative typed, so the same
 * request made again after a decline has the same id; its request time tells the two apart.
 */
export function linkStep(link: Pick<RelativeLinkDoc, '_id' | 'requestedAt'>, step: string): string {
  return `${step}:${link._id}:${new Date(link.requestedAt).getTime()}`;
}

/**
 * Ends a link (a decline, a withdrawal, an unbinding, by either side or by staff): the link
 * goes, its audit record (keyed by the link's request: once) and the message to `tell` come
 * in one transaction, still as read; a death after it leaves the message to the outbox timer.
 */
export async function endLink(
  link: RelativeLinkDoc,
  audit: Omit<CommunityAuditDoc, '_id'>,
  tell: { to: string; message: AccountMessage & { key: string } } | undefined,
  now: Date,
): Promise<void> {
  const told = await inTransaction(async (t) => {
    const fresh = (await t.collection('relative_links').doc(link._id).get()).data as RelativeLinkDoc | null;
    if (fresh?.status !== link.status) throw new AppError('CONFLICT', '这条绑定已经变化，请刷新后再试');
    await t.collection('relative_links').doc(link._id).remove();
    await recordAuditIn(t, linkStep(link, audit.action), audit);
    return tell && tellResidentsIn(t, [tell.to], tell.message, now);
  });
  await sendTold(told, now);
}

/** Told to a relative whose request was declined (by the senior, or staff for them). */
export function declinedMessage(link: Pick<RelativeLinkDoc, '_id' | 'requestedAt'>): AccountMessage & { key: string } {
  return {
    title: '亲属绑定申请未获同意',
    body: '您的亲属绑定申请未获同意。如有疑问，请与老人或社区工作人员联系。',
    note: '亲属绑定申请未获同意',
    source: { kind: 'relative_link', id: link._id },
    key: `relative_link:${linkStep(link, 'declined')}`,
  };
}
