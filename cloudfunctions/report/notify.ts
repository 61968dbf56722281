/**
 * Who hears about a report, through the one push service (template `report`, credits
 * spent per recipient, an in-app message for everyone): the people responsible when it
 * arrives or is handed over, community staff for an urgent safety report, the owners on
 * every change they should know about. A failed push never undoes the change itself.
 */
import type { PushSummary } from '../../typings/domain/push';
import type { ReportAssignment } from '../../typings/domain/report';
import { collection, command } from '../shared/cloud';
import { push, type Audience } from '../shared/push';
import type { ReportDoc } from './docs';

export const handlePage = (id: string) => `/packages/report/pages/handle/index?id=${id}`;
export const detailPage = (id: string) => `/packages/report/pages/detail/index?id=${id}`;

const NOBODY: PushSummary = { recipients: 0, wechat: 0, inAppOnly: 0, queued: 0, failed: 0 };

/** The people an assignment reaches: a unit's leader with the secretary, a building's secretary, staff, a team's leader. */
async function audienceOf(assignment: ReportAssignment): Promise<Audience> {
  switch (assignment.kind) {
    case 'building': {
      if (assignment.unitNo)
        return { kind: 'buildingLeaders', buildingNo: assignment.buildingNo, unitNo: assignment.unitNo };
      // No unit: the secretary alone (unit leaders of other units do not handle it).
      const { data } = await collection('residents')
        .where({ roles: command().elemMatch({ kind: 'branch_secretary', buildingNo: assignment.buildingNo }) })
        .field({ _id: true })
        .limit(10)
        .get();
      const ids = (data as { _id: string }[]).map((r) => r._id);
      return ids.length ? { kind: 'residents', residentIds: ids } : { kind: 'staff' };
    }
    case 'staff':
      return { kind: 'staff' };
    case 'team': {
      const { data } = await collection('volunteer_teams').doc(assignment.teamId).get();
      const leaderId = (data[0] as { leaderId?: string } | undefined)?.leaderId;
      return leaderId ? { kind: 'residents', residentIds: [leaderId] } : { kind: 'staff' };
    }
  }
}

async function safely(what: string, send: () => Promise<PushSummary>): Promise<PushSummary> {
  try {
    return await send();
  } catch (error) {
    console.error(`[report] ${what}: push failed; the change stands`, error);
    return NOBODY;
  }
}

function summaryOf(doc: ReportDoc): string {
  return `${doc.placeLabel}：${Array.from(doc.body).slice(0, 40).join('')}`;
}

/**
 * A new (or handed-over, or reopened) report reaches the people responsible; `key` names the
 * push, so a retry that sends it again continues it rather than telling anyone twice.
 */
export function tellHandlers(doc: ReportDoc, title: string, now: Date, key?: string): Promise<PushSummary> {
  return safely('handlers', async () =>
    push(
      await audienceOf(doc.assignment),
      {
        template: 'report',
        title,
        body: summaryOf(doc),
        note: doc.placeLabel,
        page: handlePage(doc._id),
        source: { kind: 'report', id: doc._id },
        ...(key ? { key } : {}),
      },
      now,
    ),
  );
}

/** An urgent safety report: community staff at once, whoever it is routed to. */
export function alertStaff(doc: ReportDoc, now: Date, key?: string): Promise<PushSummary> {
  return safely('staff alert', () =>
    push(
      { kind: 'staff' },
      {
        template: 'report',
        title: `紧急报事：${doc.categoryLabel}`,
        body: `${summaryOf(doc)}（已派给${doc.assignmentLabel}）`,
        note: doc.placeLabel,
        page: handlePage(doc._id),
        source: { kind: 'report', id: doc._id },
        ...(key ? { key } : {}),
      },
      now,
    ),
  );
}

/** The owners hear of a change (spending their `report` credits). */
export function tellOwners(doc: ReportDoc, title: string, text: string, now: Date): Promise<PushSummary> {
  return safely('owners', () =>
    push(
      { kind: 'residents', residentIds: doc.ownerIds },
      {
        template: 'report',
        title,
        body: `您报的“${doc.categoryLabel}”（${doc.placeLabel}）：${text}`,
        note: text,
        page: detailPage(doc._id),
        source: { kind: 'report', id: doc._id },
      },
      now,
    ),
  );
}

/** One handler (the assignee) hears what the reporter did. */
export function tellResident(residentId: string, doc: ReportDoc, title: string, text: string, now: Date) {
  return safely('assignee', () =>
    push(
      { kind: 'residents', residentIds: [residentId] },
      {
        template: 'report',
        title,
        body: `${doc.placeLabel}的“${doc.categoryLabel}”：${text}`,
        note: text,
        page: handlePage(doc._id),
        source: { kind: 'report', id: doc._id },
      },
      now,
    ),
  );
}
