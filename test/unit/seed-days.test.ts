/**
 * The demo community is alive whatever day it is seeded: generated around the seed day
 * (Asia/Shanghai), the same for every instant of that day, with nothing dated after the
 * seed day began except what is meant to lie ahead, and every story of the demo in place:
 * this week's and next week's menus with orders, activities open, full with a waiting list
 * and finished with hours credited, a council topic in every stage with a vote under way,
 * reports at every step, recent notices (one urgent, one pinned) with receipts part-way.
 * Checked on fixed awkward instants: a year's last half hour, a leap day, the Sunday night
 * before a menu week, five past midnight (the previous day in UTC), Spring Festival eve.
 */
import { buildDemoCommunity } from '../../local/seed/community';
import { demoCalendar } from '../../local/seed/calendar';
import type { ActivityDoc } from '../../cloudfunctions/activity/docs';
import type { HoursDoc } from '../../cloudfunctions/shared/hours';
import type { MenuDoc, OrderDoc } from '../../cloudfunctions/canteen/docs';
import type { TopicDoc } from '../../cloudfunctions/council/docs';
import type { NoticeDoc, NoticeReadDoc } from '../../cloudfunctions/notice/docs';
import type { ReportDoc } from '../../cloudfunctions/report/docs';
import type { DeviceDoc, TaskDoc } from '../../cloudfunctions/safety/docs';
import { OFFLINE_AFTER_MS } from '../../cloudfunctions/safety/rules';
import type { BookingDoc, RecordDoc } from '../../cloudfunctions/service/docs';
import type { CallOutDoc, ShiftDoc } from '../../cloudfunctions/volunteer/docs';
import type { AccessLogDoc, CareEntryDoc, PairDoc, VisitDoc } from '../../cloudfunctions/care/docs';
import { dueState } from '../../cloudfunctions/care/rules';
import { DEMO_CARE } from '../../local/seed/care';
import { addDays, weekDates } from '../../cloudfunctions/shared/domain/canteen';

const INSTANTS = [
  '2026-11-26T10:00:00+08:00',
  '2027-12-31T23:30:00+08:00',
  '2028-02-29T12:00:00+08:00',
  '2027-03-07T22:00:00+08:00',
  '2027-06-15T00:05:00+08:00',
  '2027-02-05T20:00:00+08:00',
];

/** Dated fields that may lie after the seed day began: what is planned, not what happened. */
const AHEAD = new Set([
  'startAt',
  'endAt',
  'signupDeadline',
  'deadline',
  'cutoffAt',
  'expiresAt',
  'autoCloseAt',
  'dueAt',
  'nextDueAt',
]);

/** Every Date in a document, with the name of the field holding it. */
function datesIn(value: unknown, key = ''): Array<[string, Date]> {
  if (value instanceof Date) return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((item) => datesIn(item, key));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([name, item]) => datesIn(item, name));
  }
  return [];
}

describe.each(INSTANTS)('the demo seeded at %s', (iso) => {
  const now = new Date(iso);
  const cal = demoCalendar(now);
  const { data } = buildDemoCommunity(now);

  it('is the same for every instant of its Shanghai day', () => {
    const json = JSON.stringify(data);
    expect(JSON.stringify(buildDemoCommunity(cal.at(0, '00:00')).data)).toBe(json);
    expect(JSON.stringify(buildDemoCommunity(new Date(cal.at(1, '00:00').getTime() - 1)).data)).toBe(json);
    expect(JSON.stringify(buildDemoCommunity(cal.at(1, '00:00')).data)).not.toBe(json);
  });

  it('dates nothing after the seed day began, except what lies ahead', () => {
    const dayBegan = cal.at(0, '00:00').getTime();
    const late = Object.entries(data).flatMap(([collection, docs]) =>
      (docs as object[]).flatMap((doc) =>
        datesIn(doc)
          .filter(([key, at]) => !AHEAD.has(key) && at.getTime() >= dayBegan)
          .map(([key, at]) => `${collection}.${key} ${at.toISOString()}`),
      ),
    );
    expect(late).toEqual([]);
  });

  it('has this week’s and next week’s menus, with orders in both and for today', () => {
    const menus = data.canteen_menus as MenuDoc[];
    const orders = data.canteen_orders as OrderDoc[];
    for (const week of [0, 1]) {
      for (const date of weekDates(cal.weekStart(week))) {
        expect(menus.filter((menu) => menu.date === date && menu.state === 'published')).toHaveLength(2);
      }
      const end = addDays(cal.weekStart(week), 6);
      expect(orders.some((order) => order.date >= cal.weekStart(week) && order.date <= end)).toBe(true);
    }
    expect(orders.filter((order) => order.date === cal.today).length).toBeGreaterThan(10);
    // Served meals have their outcome; today's and later ones are still placed.
    expect(orders.filter((order) => order.date < cal.today).every((order) => order.status !== 'placed')).toBe(true);
    expect(orders.filter((order) => order.date >= cal.today).every((order) => order.status === 'placed')).toBe(true);
  });

  it('has activities open for sign-up, one full with a waiting list, one finished with hours credited', () => {
    const activities = data.activities as ActivityDoc[];
    const open = activities.filter((a) => a.signupOpensAt <= now && now < a.signupDeadline && a.state === 'published');
    expect(open.length).toBeGreaterThanOrEqual(4);
    expect(open.some((a) => a.capacity !== null && a.taken >= a.capacity && a.waitingCount > 0)).toBe(true);
    const finished = activities.filter((a) => a.endAt < now && a.attendance === 'closed');
    expect(finished).toHaveLength(1);
    const hours = data.volunteer_hours as HoursDoc[];
    expect(hours.length).toBeGreaterThan(0);
    // One ledger: the activity's hours and the volunteer call-outs' and shifts', all earned before today.
    const fromActivities = hours.filter((h) => (h.source ?? 'activity') === 'activity');
    expect(fromActivities.length).toBeGreaterThan(0);
    expect(fromActivities.every((h) => h.activityId === finished[0]!._id)).toBe(true);
    expect(hours.every((h) => h.date < cal.today && h.at < now)).toBe(true);
  });

  it('has a council topic in every stage, a vote under way and one being implemented', () => {
    const topics = data.council_topics as TopicDoc[];
    expect(new Set(topics.map((t) => t.status))).toEqual(
      new Set(['proposed', 'discussing', 'voting', 'decided', 'implementing', 'completed', 'declined']),
    );
    const voting = topics.find((t) => t.status === 'voting')!;
    expect(voting.vote!.openedAt < now && now < voting.vote!.deadline).toBe(true);
    expect(voting.vote!.cast).toBeGreaterThan(0);
    expect(topics.find((t) => t.status === 'implementing')!.milestones.length).toBeGreaterThan(0);
  });

  it('has reports at every step of their life, all from the last two weeks and a bit', () => {
    const reports = data.reports as ReportDoc[];
    expect(new Set(reports.map((r) => r.status))).toEqual(
      new Set(['submitted', 'accepted', 'in_progress', 'resolved', 'confirmed', 'rejected', 'duplicate']),
    );
    expect(reports.every((r) => r.createdAt >= cal.at(-16, '00:00'))).toBe(true);
    const resolved = reports.filter((r) => r.status === 'resolved');
    expect(resolved.every((r) => r.autoCloseAt! > now)).toBe(true);
  });

  it('has every alarm device reporting until the day ends, and its problem devices with open tasks', () => {
    const devices = data.safety_devices as DeviceDoc[];
    const dayEnds = cal.at(1, '00:00').getTime();
    const healthy = devices.filter((d) => !d.issues.includes('offline'));
    expect(healthy.every((d) => dayEnds - d.lastHeartbeatAt!.getTime() < OFFLINE_AFTER_MS)).toBe(true);
    const tasks = data.safety_tasks as TaskDoc[];
    expect(tasks.length).toBe(devices.filter((d) => d.issues.length > 0).length);
  });

  it('has a snow call open for tomorrow and duty shifts this week and next', () => {
    const calls = data.volunteer_callouts as CallOutDoc[];
    const open = calls.filter((c) => c.state === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]!.startAt > now && open[0]!.confirmedCount > 0 && open[0]!.confirmedCount < open[0]!.needed).toBe(
      true,
    );
    const shifts = data.volunteer_shifts as ShiftDoc[];
    for (const week of [0, 1]) {
      const end = addDays(cal.weekStart(week), 6);
      expect(shifts.some((s) => s.date >= cal.weekStart(week) && s.date <= end)).toBe(true);
    }
    expect(shifts.filter((s) => s.date < cal.today).every((s) => s.reminder === 'sent')).toBe(true);
  });

  it('has service slots ahead with bookings, past visits served and rated, one case overdue', () => {
    const bookings = data.service_bookings as BookingDoc[];
    expect(bookings.some((b) => b.date > cal.today && b.status === 'booked')).toBe(true);
    const records = data.service_records as RecordDoc[];
    expect(records.some((r) => r.status === 'done' && r.rating)).toBe(true);
    expect(records.filter((r) => r.status === 'done').every((r) => r.finishedAt! < now)).toBe(true);
    expect(records.some((r) => r.status === 'received' && r.dueAt < now)).toBe(true);
  });

  it('has the demo senior cared for, visited this week, her archive read; a carer overdue; a unit to pair', () => {
    const entries = data.care_list as CareEntryDoc[];
    const senior = entries.find((e) => e._id === DEMO_CARE.senior)!;
    expect(senior.plan.carerIds).toContain(DEMO_CARE.carer);
    expect(dueState(senior.nextDueAt, now)).toBe('later');
    const qian = entries.find((e) => e._id === DEMO_CARE.seniorNoPhone)!;
    expect(dueState(qian.nextDueAt, now)).toBe('overdue');
    const visits = data.care_visits as VisitDoc[];
    expect(visits.every((v) => v.at < cal.at(0, '00:00') && v.date < cal.today)).toBe(true);
    expect(visits.some((v) => v.subjectId === DEMO_CARE.senior && v.at >= cal.at(-6, '00:00'))).toBe(true);
    const log = data.care_access_log as AccessLogDoc[];
    expect(log.filter((l) => l.subjectId === DEMO_CARE.senior).map((l) => l.role)).toEqual(['carer', 'relative']);
    const pairs = data.care_pairs as PairDoc[];
    expect(pairs.some((p) => p.buildingNo === 5 && p.unitNo === DEMO_CARE.unpairedUnit)).toBe(false);
    expect(pairs.find((p) => p._id === DEMO_CARE.seniorHousehold)!.contactIds).toEqual([DEMO_CARE.carer]);
  });

  it('has notices from the last two weeks, one urgent, one pinned, read part-way', () => {
    const notices = data.notices as NoticeDoc[];
    expect(notices.every((n) => n.publishedAt >= cal.at(-14, '00:00') && n.publishedAt < now)).toBe(true);
    expect(notices.some((n) => n.urgent)).toBe(true);
    expect(notices.some((n) => n.pinned)).toBe(true);
    expect(notices.every((n) => n.expiresAt === null || n.expiresAt > now)).toBe(true);
    const reads = data.notice_reads as NoticeReadDoc[];
    const read = notices.find((n) => n._id === reads[0]!.noticeId)!;
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThan(read.householdCount);
  });
});

describe('the demo calendar', () => {
  it('counts Shanghai days, across a year end, a leap day and the UTC date line', () => {
    const yearEnd = demoCalendar(new Date('2027-12-31T23:30:00+08:00'));
    expect([yearEnd.today, yearEnd.day(1), yearEnd.month(1), yearEnd.weekday(0)]).toEqual([
      '2027-12-31',
      '2028-01-01',
      '2028-01',
      '周五',
    ]);
    const leap = demoCalendar(new Date('2028-02-28T09:00:00+08:00'));
    expect([leap.day(1), leap.day(2), leap.format(1, 'M月D日')]).toEqual(['2028-02-29', '2028-03-01', '2月29日']);
    // 00:05 in Shanghai is still the day before in UTC: the community's day counts.
    const early = demoCalendar(new Date('2027-06-15T00:05:00+08:00'));
    expect(early.today).toBe('2027-06-15');
    expect(early.at(0, '00:05').toISOString()).toBe('2027-06-14T16:05:00.000Z');
    expect(early.offsetOf('2027-06-01')).toBe(-14);
  });

  it('finds a far year with a given year’s calendar, at least three years after the seed day', () => {
    expect(demoCalendar(new Date('2026-12-04T10:00:00+08:00')).yearLike(2030)).toBe(2030);
    // 2031 starts on a Wednesday, 2030 on a Tuesday: the next year like 2030 is 2041.
    expect(demoCalendar(new Date('2028-02-29T12:00:00+08:00')).yearLike(2030)).toBe(2041);
    expect(demoCalendar(new Date('2027-12-31T23:30:00+08:00')).yearLike(2028)).toBe(2056);
  });

  it('starts community weeks on Monday, also seen from a Sunday night', () => {
    const sunday = demoCalendar(new Date('2027-03-07T22:00:00+08:00'));
    expect([sunday.weekStart(), sunday.weekStart(1), sunday.weekStart(-1)]).toEqual([
      '2027-03-01',
      '2027-03-08',
      '2027-02-22',
    ]);
    const monday = demoCalendar(new Date('2027-03-08T00:05:00+08:00'));
    expect(monday.weekStart()).toBe('2027-03-08');
  });
});
