/** Views of notices sent to the mini-program: built field by field from the stored documents. */
import type { ImageView } from '../../typings/domain/content';
import type { MyNoticeItem, NoticeAttachment, NoticeDetail, NoticeItem } from '../../typings/domain/notice';
import { visibleImages } from '../shared/content';
import { formatShanghai } from '../shared/time';
import type { NoticeDoc } from './docs';
import { excerpt, isExpired, scopeLabel } from './rules';

export function itemView(doc: NoticeDoc, unread: boolean): NoticeItem {
  return {
    id: doc._id,
    title: doc.title,
    excerpt: excerpt(doc.body),
    scopeLabel: scopeLabel(doc.scope),
    publisherLabel: doc.publisherLabel,
    pinned: doc.pinned,
    urgent: doc.urgent,
    publishedAt: doc.publishedAt.toISOString(),
    publishedLabel: formatShanghai(doc.publishedAt),
    ...(doc.expiresOn ? { expiresLabel: `有效期至 ${doc.expiresOn}` } : {}),
    unread,
    edited: Boolean(doc.editedAt),
    imageCount: doc.images.filter((image) => image.state === 'pass').length,
    attachmentCount: doc.attachments.length,
  };
}

export function imageViews(doc: NoticeDoc, privileged: boolean, urls: ReadonlyMap<string, string>): ImageView[] {
  return visibleImages(doc.images, privileged).map((image) => {
    const url = urls.get(image.fileID);
    return { fileID: image.fileID, state: image.state, ...(url ? { url } : {}) };
  });
}

export function attachmentViews(doc: NoticeDoc, urls: ReadonlyMap<string, string>): NoticeAttachment[] {
  return doc.attachments.map((file) => {
    const url = urls.get(file.fileID);
    return { fileID: file.fileID, name: file.name, ext: file.ext, ...(url ? { url } : {}) };
  });
}

export function detailView(
  doc: NoticeDoc,
  options: {
    unread: boolean;
    privileged: boolean;
    canEdit: boolean;
    canSeeReceipts: boolean;
    urls: ReadonlyMap<string, string>;
    now: Date;
  },
): NoticeDetail {
  return {
    ...itemView(doc, options.unread),
    body: doc.body,
    scope: doc.scope,
    images: imageViews(doc, options.privileged, options.urls),
    attachments: attachmentViews(doc, options.urls),
    ...(doc.expiresOn ? { expiresOn: doc.expiresOn } : {}),
    expired: isExpired(doc.expiresAt, options.now),
    state: doc.state,
    moderation: doc.moderation.state,
    version: doc.version,
    canEdit: options.canEdit,
    canSeeReceipts: options.canSeeReceipts,
  };
}

export function myItemView(doc: NoticeDoc, readCount: number, canEdit: boolean, now: Date): MyNoticeItem {
  const push = doc.push.state;
  return {
    ...itemView(doc, false),
    state: doc.state,
    moderation: doc.moderation.state,
    expired: isExpired(doc.expiresAt, now),
    householdCount: doc.householdCount,
    readCount,
    ...(push === 'none'
      ? {}
      : {
          push: {
            state: push === 'sending' ? 'pending' : push,
            ...(doc.push.summary ? { summary: doc.push.summary } : {}),
          },
        }),
    canEdit,
  };
}
