/** Loading the people an activity action is about, and telling them things. */
import type { PushSummary } from '../../typings/domain/push';
import { collection, command } from '../shared/cloud';
import { residentsByIds } from '../shared/people';
import type { RelativeLinkDoc, ResidentDoc } from '../shared/docs';
import { readAll } from '../shared/paging';
import { push } from '../shared/push';
import type { ActivityDoc, SignupDoc } from './docs';
import type { Viewer } from './views';

/** The caller and the seniors bound to them by a confirmed link (1–2 round trips). */
export async function loadViewer(self: ResidentDoc): Promise<Viewer> {
  const { data } = await collection('relative_links')
    .where({ relativeId: self._id, status: 'confirmed' })
    .limit(20)
    .get();
  const seniorIds = (data as RelativeLinkDoc[]).flatMap((link) => (link.seniorId ? [link.seniorId] : []));
  if (!seniorIds.length) return { self, seniors: [] };
  const seniors = await residentsByIds(seniorIds);
  return { self, seniors: seniorIds.flatMap((id) => (seniors.has(id) ? [seniors.get(id)!] : [])) };
}

export const EMPTY_SUMMARY: PushSummary = { recipients: 0, wechat: 0, inAppOnly: 0, queued: 0, failed: 0 };

export function detailPage(activityId: string): string {
  return `/packages/activity/pages/detail/index?id=${activityId}`;
}

/** Every sign-up of an activity in the given states, however many (in `_id` order). */
export function signupsOf(
  activityId: string,
  states: readonly SignupDoc['state'][],
): Promise<Pick<SignupDoc, '_id' | 'participantId' | 'bookerId'>[]> {
  return readAll<Pick<SignupDoc, '_id' | 'participantId' | 'bookerId'>>(
    'activity_signups',
    { activityId, state: command().in([...states]) },
    { fields: { participantId: true, bookerId: true } },
  );
}

/** The sign-ups that still hold or wait for a place. */
export const LIVE_STATES = ['confirmed', 'waiting', 'placing'] as const satisfies readonly SignupDoc['state'][];

/**
 * Tells the people of some sign-ups (each participant, and whoever signed them up) about
 * an activity. A failed push never undoes what caused it: it is logged. `key` names the
 * fan-out, so a timer finishing a cut-off run continues it instead of sending twice.
 */
export async function tellSignups(
  activity: Pick<ActivityDoc, '_id' | 'title'>,
  signups: readonly Pick<SignupDoc, 'participantId' | 'bookerId'>[],
  message: { title: string; body: string; note: string; kind: string; key?: string },
  now: Date,
): Promise<PushSummary> {
  const residentIds = [...new Set(signups.flatMap((signup) => [signup.participantId, signup.bookerId]))];
  if (!residentIds.length) return EMPTY_SUMMARY;
  try {
    return await push(
      { kind: 'residents', residentIds },
      {
        template: 'activity',
        title: message.title,
        body: message.body,
        note: message.note,
        page: detailPage(activity._id),
        source: { kind: `activity_${message.kind}`, id: activity._id },
        ...(message.key ? { key: message.key } : {}),
      },
      now,
    );
  } catch (error) {
    console.error('[activity] push failed; the action stands', error);
    return EMPTY_SUMMARY;
  }
}
