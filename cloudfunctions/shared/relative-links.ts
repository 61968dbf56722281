/** Names for the steps of a relative link's life, shared by the user and community functions. */
import type { RelativeLinkDoc } from './docs';

/**
 * A step of one link's life, e.g. `relative_decline:<linkId>:<requested at>`: the key of its
 * audit record and message. A link's id is derived from what the relative typed, so the same
 * request made again after a decline has the same id; its request time tells the two apart.
 */
export function linkStep(link: Pick<RelativeLinkDoc, '_id' | 'requestedAt'>, step: string): string {
  return `${step}:${link._id}:${new Date(link.requestedAt).getTime()}`;
}
