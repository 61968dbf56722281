/**
 * Who sees what of a report. Three kinds of viewer: the owner (the reporter, or whoever
 * filed it for them), a handler (staff, the building's branch secretary, the unit leader,
 * the assigned team's leader, the assignee), and any other verified resident, who sees only
 * public reports (not a household matter, text passed moderation) WITHOUT the reporter's
 * identity. Every view is built field by field: private fields never leave by accident.
 */
import type { ImageView, ModerationState } from '../../typings/domain/content';
import type {
  ReassignTarget,
  ReportCapabilities,
  ReportDetail,
  ReportItem,
  TimelineEntry,
} from '../../typings/domain/report';
import type { ResidentDoc } from '../shared/docs';
import { addressLabel } from '../shared/domain/labels';
import {
  autoCloseLabel,
  eventsFrom,
  handlerPower,
  isOpen,
  MAX_REOPENS,
  MAX_TIMELINE,
  STATUS_LABELS,
  TIMELINE_TITLES,
  type HandlerPower,
  type ReportEvent,
} from '../shared/domain/report';
import { isPublic } from '../shared/content';
import { AppError } from '../shared/errors';
import { formatShanghai } from '../shared/time';
import type { ReportDoc, ReportImage, TimelineDoc } from './docs';

export interface Viewer {
  residentId: string;
  owner: boolean;
  power: HandlerPower;
  /** A verified resident (may see public reports and say 我也遇到了). */
  verified: boolean;
}

export function viewerOf(resident: ResidentDoc, doc: ReportDoc): Viewer {
  return {
    residentId: resident._id,
    owner: doc.ownerIds.includes(resident._id),
    power: handlerPower(resident.roles, resident._id, doc),
    verified: resident.binding.status === 'verified',
  };
}

/** Open to every verified resident: not a household matter, text passed, not withdrawn. */
export function isPublicReport(doc: ReportDoc): boolean {
  return !doc.household && isPublic(doc.moderation) && doc.status !== 'withdrawn';
}

/** The viewer, or NOT_FOUND (a private report's existence is not revealed either). */
export function assertCanSee(resident: ResidentDoc, doc: ReportDoc): Viewer {
  const viewer = viewerOf(resident, doc);
  if (viewer.owner || viewer.power || (viewer.verified && isPublicReport(doc))) return viewer;
  throw new AppError('NOT_FOUND', '报事不存在或已删除');
}

function kindOf(viewer: Viewer): ReportDetail['viewer'] {
  return viewer.power ? 'handler' : viewer.owner ? 'owner' : 'public';
}

/** Pending photos: only their uploader's side and handlers; risky ones: nobody. */
function imageVisible(image: ReportImage, viewer: Viewer): boolean {
  if (image.state === 'risky') return false;
  if (image.state === 'pass') return true;
  return Boolean(viewer.power) || (viewer.owner && image.part === 'report');
}

/** The fileIDs a viewer gets URLs for (collect before one temporaryUrls call). */
export function visibleFileIds(doc: ReportDoc, viewer: Viewer, onlyFirst = false): string[] {
  const visible = doc.images.filter((image) => image.part === 'report' && imageVisible(image, viewer));
  if (onlyFirst) return visible.slice(0, 1).map((image) => image.fileID);
  return doc.images.filter((image) => imageVisible(image, viewer)).map((image) => image.fileID);
}

function imageViews(
  doc: ReportDoc,
  indices: readonly number[],
  viewer: Viewer,
  urls: ReadonlyMap<string, string>,
): ImageView[] {
  return indices.flatMap((index) => {
    const image = doc.images[index];
    if (!image || !imageVisible(image, viewer)) return [];
    const url = urls.get(image.fileID);
    return [{ fileID: image.fileID, state: image.state, ...(url ? { url } : {}) }];
  });
}

function excerpt(text: string, chars = 40): string {
  const all = Array.from(text.replace(/\s+/g, ' ').trim());
  return all.length > chars ? `${all.slice(0, chars).join('')}…` : all.join('');
}

export function itemView(doc: ReportDoc, viewer: Viewer, urls: ReadonlyMap<string, string>): ReportItem {
  const visible = doc.images.filter((image) => image.part === 'report' && imageVisible(image, viewer));
  const thumbnail = visible.map((image) => urls.get(image.fileID)).find(Boolean);
  return {
    id: doc._id,
    no: doc._id,
    categoryId: doc.categoryId,
    categoryLabel: doc.categoryLabel,
    excerpt: excerpt(doc.body),
    placeLabel: doc.placeLabel,
    status: doc.status,
    statusLabel: STATUS_LABELS[doc.status],
    urgent: doc.urgent,
    household: doc.household,
    metoo: doc.metoo,
    createdAt: doc.createdAt.toISOString(),
    createdLabel: formatShanghai(doc.createdAt),
    updatedLabel: formatShanghai(doc.updatedAt),
    ...(thumbnail ? { thumbnail } : {}),
    imageCount: visible.length,
    own: viewer.owner,
  };
}

/** A handler's name next to the role; residents other than the owner see the role only. */
function handlerLabel(role: string | undefined, name: string | undefined, viewer: Viewer): string {
  const shown = role ?? '处理人';
  return (viewer.owner || viewer.power) && name ? `${shown} ${name}` : shown;
}

function entryView(
  doc: ReportDoc,
  entry: TimelineDoc,
  viewer: Viewer,
  urls: ReadonlyMap<string, string>,
): TimelineEntry | null {
  if (entry.internal && !viewer.power) return null;
  let actorLabel: string;
  if (entry.by === 'system') actorLabel = '系统';
  else if (entry.by === 'owner') actorLabel = viewer.power && entry.actorName ? `报事人 ${entry.actorName}` : '报事人';
  else actorLabel = handlerLabel(entry.actorRole, entry.actorName, viewer);
  // What the reporter wrote (a reopen reason, a comment) is not for other residents.
  const text = entry.by === 'owner' && !viewer.owner && !viewer.power ? undefined : entry.text;
  return {
    id: entry.id,
    kind: entry.kind,
    title: TIMELINE_TITLES[entry.kind],
    ...(text ? { text } : {}),
    actorLabel,
    at: entry.at.toISOString(),
    atLabel: formatShanghai(entry.at),
    internal: entry.internal,
    images: imageViews(doc, entry.imageIdx ?? [], viewer, urls),
  };
}

function capabilities(doc: ReportDoc, viewer: Viewer, metooByMe: boolean): ReportCapabilities {
  const events = new Set<ReportEvent>(eventsFrom(doc.status, doc.reopenCount));
  const work = Boolean(viewer.power);
  const full = viewer.power === 'full';
  return {
    confirm: viewer.owner && events.has('confirm'),
    reopen: viewer.owner && events.has('reopen'),
    withdraw: viewer.owner && events.has('withdraw'),
    metoo: !viewer.owner && viewer.verified && !metooByMe && isOpen(doc.status) && isPublicReport(doc),
    accept: work && events.has('accept'),
    start: work && events.has('start'),
    resolve: work && events.has('resolve'),
    decline: full && events.has('reject'),
    reassign: full && events.has('reassign'),
    note: work && doc.timeline.length < MAX_TIMELINE,
  };
}

export function detailView(
  doc: ReportDoc,
  viewer: Viewer,
  urls: ReadonlyMap<string, string>,
  extras: { metooByMe?: boolean; reassignTargets?: ReassignTarget[] } = {},
): ReportDetail {
  const metooByMe = Boolean(extras.metooByMe);
  const insider = viewer.owner || Boolean(viewer.power);
  const reportIdx = doc.images.flatMap((image, index) => (image.part === 'report' ? [index] : []));
  const moderation: ModerationState = insider ? doc.moderation.state : 'pass';
  const proxy = doc.proxy;
  return {
    ...itemView(doc, viewer, urls),
    description: doc.body,
    images: imageViews(doc, reportIdx, viewer, urls),
    timeline: doc.timeline.flatMap((entry) => entryView(doc, entry, viewer, urls) ?? []),
    assignmentLabel: doc.assignmentLabel,
    ...(doc.assigneeRole ? { assigneeLabel: handlerLabel(doc.assigneeRole, doc.assigneeName, viewer) } : {}),
    ...(doc.resolution
      ? {
          resolution: {
            note: doc.resolution.note,
            atLabel: formatShanghai(doc.resolution.at),
            at: doc.resolution.at.toISOString(),
            images: imageViews(doc, doc.resolution.imageIdx, viewer, urls),
          },
        }
      : {}),
    ...(doc.decline
      ? {
          decline: {
            outcome: doc.decline.outcome,
            reason: doc.decline.reason,
            ...(doc.decline.duplicateOf
              ? { duplicateOfNo: doc.decline.duplicateOf, duplicateOfId: doc.decline.duplicateOf }
              : {}),
          },
        }
      : {}),
    ...(insider && doc.rating
      ? { rating: { stars: doc.rating.stars, ...(doc.rating.comment ? { comment: doc.rating.comment } : {}) } }
      : {}),
    ...(insider && doc.status === 'resolved' && doc.autoCloseAt
      ? { autoCloseLabel: autoCloseLabel(doc.autoCloseAt) }
      : {}),
    viewer: kindOf(viewer),
    can: capabilities(doc, viewer, metooByMe),
    metooByMe,
    reopensLeft: viewer.owner ? Math.max(0, MAX_REOPENS - doc.reopenCount) : 0,
    moderation,
    ...(viewer.power
      ? {
          reporter: {
            name: doc.reporter.name,
            ...(doc.reporter.phone ? { phone: doc.reporter.phone } : {}),
            ...(doc.reporter.address ? { address: addressLabel(doc.reporter.address) } : {}),
            ...(proxy ? { filedBy: `${proxy.actorName}代报${proxy.reason ? `（${proxy.reason}）` : ''}` } : {}),
          },
        }
      : {}),
    ...(viewer.power === 'full' && extras.reassignTargets ? { reassignTargets: extras.reassignTargets } : {}),
  };
}
