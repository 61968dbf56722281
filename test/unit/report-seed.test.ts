/** The demo reports are real reports: every one reached its status through the state machine. */
import { buildDemoCommunity } from '../../local/seed/community';
import { DEMO_REPORTS } from '../../local/seed/report';
import type { ReportDoc } from '../../cloudfunctions/report/docs';
import { transition, type ReportEvent } from '../../cloudfunctions/shared/domain/report';
import type { ReportStatus, TimelineKind } from '../../typings/domain/report';

/** The instant the demo community is generated around in these tests. */
const NOW = new Date('2026-11-26T02:00:00.000Z');

const EVENT_OF: Partial<Record<TimelineKind, ReportEvent>> = {
  accepted: 'accept',
  started: 'start',
  resolved: 'resolve',
  confirmed: 'confirm',
  closed: 'close',
  rejected: 'reject',
  duplicate: 'duplicate',
  reopened: 'reopen',
  withdrawn: 'withdraw',
  reassigned: 'reassign',
};

const reports = buildDemoCommunity(NOW).data.reports as ReportDoc[];

it('seeds every demo report once, with unique ids', () => {
  expect(reports.map((r) => r._id).sort()).toEqual(Object.values(DEMO_REPORTS).sort());
});

it.each(reports.map((r) => [r._id, r] as const))('%s reached its status through legal steps', (_id, report) => {
  let status: ReportStatus = 'submitted';
  for (const entry of report.timeline.slice(1)) {
    const event = EVENT_OF[entry.kind];
    if (!event) continue;
    const step = transition(status, event);
    if (!step.ok) throw new Error(`${report._id}: ${entry.kind} from ${status}`);
    status = step.to;
  }
  expect(status).toBe(report.status);
});

it('keeps the household matter out of public scope and routes it to the household’s unit', () => {
  const noise = reports.find((r) => r._id === DEMO_REPORTS.noise)!;
  expect(noise).toMatchObject({
    household: true,
    placeLabel: '5号楼1单元 1层',
    handlerKeys: expect.arrayContaining(['b:5', 'u:5-1']),
  });
});
