/**
 * The escalation ladder. A ring is first CLAIMED with a conditional update (its people and
 * the time of the next ring written with it), then paged, then marked delivered; a ring
 * whose invocation died between claim and delivery is found by the timer (`unpushed`,
 * claimed a while ago) and paged again: at least once, never silently lost. The first
 * answer clears `nextAt`, so a claim racing with it finds nothing to claim.
 */
import type { PushSummary } from '../../typings/domain/push';
import { readAll } from '../shared/paging';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import type { AlarmDoc, ConfigDoc } from './docs';
import { pageRing } from './notify';
import { loadConfig, staffMembers } from './store';
import { MAX_TIMELINE, nextEscalationAt, nextRing, RING_LABELS, STUCK_AFTER_MS } from './rules';

/** Who a ring after the first pages: new people only, except the last ring (always told). */
export async function ringAudience(alarm: AlarmDoc, ring: number, config: ConfigDoc): Promise<string[]> {
  const _ = command();
  let ids: string[] = [];
  if (ring === 1) {
    const members = await readAll<ResidentDoc>(
      'residents',
      {
        'binding.status': 'verified',
        'binding.address.buildingNo': alarm.buildingNo,
        'binding.address.unitNo': alarm.unitNo,
        roles: _.elemMatch({ kind: 'party_member' }),
      },
      { fields: { _id: true } },
    );
    ids = members.map((member) => member._id);
  } else if (ring === 2) {
    ids = (await staffMembers()).map((staff) => staff._id);
  } else if (ring === 3) {
    return [...new Set(config.leaderIds)];
  }
  const paged = new Set(alarm.viewerIds);
  return [...new Set(ids)].filter((id) => !paged.has(id));
}

function ringEntry(ring: number, summary: PushSummary, now: Date) {
  const who = ring === 0 ? RING_LABELS[0] : `升级到第${ring + 1}级：${RING_LABELS[ring]}`;
  const how = summary.wechat ? `，微信提醒${summary.wechat}人` : '';
  return { id: `ring-${ring}`, at: now, text: `${who}（${summary.recipients}人${how}）` };
}

/** Pages a claimed ring and marks it delivered. */
export async function deliverRing(alarm: AlarmDoc, ring: number, ids: readonly string[], now: Date) {
  const summary = await pageRing(alarm, ring, ids, now);
  const _ = command();
  await collection('safety_alarms')
    .where({ _id: alarm._id, 'ladder.ring': ring, 'ladder.unpushed': true })
    .update({
      'ladder.unpushed': false,
      'ladder.pendingIds': [],
      'ladder.paged': _.push([{ ring, at: now, count: summary.recipients }]),
      ...(alarm.timeline.length < MAX_TIMELINE ? { timeline: _.push([ringEntry(ring, summary, now)]) } : {}),
    });
  return summary;
}

/** Claims the next ring of an unanswered alarm; null when it was answered or claimed meanwhile. */
async function claimNext(
  alarm: AlarmDoc,
  config: ConfigDoc,
  now: Date,
): Promise<{ ring: number; ids: string[] } | null> {
  const _ = command();
  const ring = nextRing(config, alarm.ladder.ring);
  const current = { _id: alarm._id, status: 'open', 'ladder.ring': alarm.ladder.ring, 'ladder.unpushed': false };
  if (ring === null) {
    await collection('safety_alarms').where(current).update({ 'ladder.nextAt': null });
    return null;
  }
  const ids = await ringAudience(alarm, ring, config);
  const { updated } = await collection('safety_alarms')
    .where({ ...current, 'ladder.nextAt': _.lte(now) })
    .update({
      'ladder.ring': ring,
      'ladder.nextAt': nextEscalationAt(config, ring, alarm.seniorAlone, now),
      'ladder.unpushed': true,
      'ladder.pendingIds': ids,
      'ladder.claimedAt': now,
      ...(ids.length ? { viewerIds: _.addToSet({ $each: ids }) } : {}),
    });
  return updated === 1 ? { ring, ids } : null;
}

/**
 * The timer's work: rings claimed by invocations that died are paged again, then every
 * unanswered alarm whose time is up climbs one ring (seniors living alone first).
 */
export async function runLadder(now: Date): Promise<{ escalated: number; repaired: number }> {
  const _ = command();
  const [stuck, due, config] = await Promise.all([
    readAll<AlarmDoc>('safety_alarms', {
      'ladder.unpushed': true,
      'ladder.claimedAt': _.lte(new Date(now.getTime() - STUCK_AFTER_MS)),
    }),
    collection('safety_alarms')
      .where({ status: 'open', 'ladder.nextAt': _.lte(now) })
      .orderBy('ladder.nextAt', 'asc')
      .limit(100)
      .get(),
    loadConfig(),
  ]);
  let repaired = 0;
  for (const alarm of stuck) {
    await deliverRing(alarm, alarm.ladder.ring, alarm.ladder.pendingIds, now);
    repaired++;
  }
  const alarms = (due.data as AlarmDoc[]).sort((a, b) => Number(b.seniorAlone) - Number(a.seniorAlone));
  let escalated = 0;
  for (const alarm of alarms) {
    if (alarm.ladder.unpushed) continue;
    const claimed = await claimNext(alarm, config, now);
    if (!claimed) continue;
    await deliverRing(
      { ...alarm, viewerIds: [...alarm.viewerIds, ...claimed.ids], ladder: { ...alarm.ladder, ring: claimed.ring } },
      claimed.ring,
      claimed.ids,
      now,
    );
    escalated++;
  }
  return { escalated, repaired };
}
