/**
 * Every page of app.json with the user who represents it and, for pages that show one
 * thing, the seeded demo's id of that thing. Resident pages are seen by the demo resident at
 * font 1.0 and by the demo senior at 1.4 (elder mode); work pages by a user of the role that
 * does that work, at both scales; a page whose seeded thing is one person's is seen by that
 * person at both scales (OWNER). Shared by the UI rules and the visual baselines.
 */
import { signupId } from '../../cloudfunctions/activity/signup';
import { shiftId } from '../../cloudfunctions/shared/domain/volunteer';
import { buildManifest } from '../../local/preview/build/manifest';
import { DEMO_ACTIVITIES } from '../../local/seed/activity';
import { demoCalendar, type DemoCalendar } from '../../local/seed/calendar';
import { DEMO_CARE } from '../../local/seed/care';
import { DEMO } from '../../local/seed/community';
import { DEMO_TOPICS } from '../../local/seed/council';
import { DEMO_REPORTS } from '../../local/seed/report';
import { comingServiceDays, DEMO_SERVICE } from '../../local/seed/service';
import { DEMO_DUTY_WEEKDAYS, DEMO_VOLUNTEER, demoShiftDate } from '../../local/seed/volunteer';

export type Font = '1' | '1.4';

export interface PageCase {
  route: string;
  /** Query of the page (without `as` / `font`); of the seed day's calendar when its ids are dated. */
  query: string | ((cal: DemoCalendar) => string);
  font: Font;
  user: string;
  /** A page residents use: its dates must be said naturally. */
  resident: boolean;
}

type Who = 'resident' | string;

/** Role pages: route prefix → user. Anything not listed is a resident page. */
const WORK: Array<[RegExp, string]> = [
  [/^packages\/activity\/pages\/(organise|edit|manage)\//, DEMO.secretary],
  [/^packages\/council\/pages\/(manage|handle|open-vote|paper|answer|milestone)\//, DEMO.secretary],
  [/^packages\/report\/pages\/(inbox|handle|stats|settings)\//, DEMO.secretary],
  [/^packages\/canteen\/pages\/statement\//, DEMO.relative],
  [/^packages\/canteen\/pages\/(manage|menu-editor|kitchen|delivery|export|routes|settings)\//, DEMO.canteen],
  [/^packages\/staff\//, DEMO.staff],
  [/^packages\/service\/pages\/(desk|screen|record|records|slots|editor|reviews|evaluation)\//, DEMO.bank],
  [/^packages\/volunteer\/pages\/(applications|callout|callout-new|roster|shift|verify)\//, DEMO.teamLeader],
  [/^packages\/safety\/pages\/(tasks|inspect|board|devices|roster|figures|drill)\//, DEMO.staff],
  [/^packages\/care\/pages\/index\//, DEMO.relative],
  // The archive is private to the person, relatives and their carer: the carer represents it.
  [/^packages\/care\/pages\/(today|visit|alerts|archive)\//, DEMO.partyMember],
  [/^packages\/care\/pages\/pairing\//, DEMO.secretary],
  [/^packages\/care\/pages\//, DEMO.staff],
];

/**
 * Pages whose seeded thing belongs to one person, seen by that person at both scales (the
 * resident/senior pair has none of it). Seeding one for each demo user instead would change
 * the lists, counts and baselines of the pages that show them (活动, 我的报名, 我的预约 …).
 */
const OWNER: Record<string, string> = {
  // The demo relative signed 钱长海 up for the party: the ticket is the relative's to show.
  'packages/activity/pages/ticket/index': DEMO.relative,
  // 林晓燕's (the demo resident's) finished, unrated service.
  'packages/service/pages/rate/index': DEMO.resident,
  // An alarm is private to its household, relatives and the duty: the seeded alarms ring in
  // flats of neither demo resident; the duty staff member answered them.
  'packages/safety/pages/alarm/index': DEMO.staff,
};

/** The seeded thing a page shows. */
const QUERY: Record<string, PageCase['query']> = {
  'packages/notice/pages/detail/index': 'id=notice-demo-water',
  'packages/activity/pages/detail/index': `id=${DEMO_ACTIVITIES.health}`,
  'packages/activity/pages/edit/index': `id=${DEMO_ACTIVITIES.health}`,
  // Only the organiser manages: the secretary organised building 5's stairwell clean-up.
  'packages/activity/pages/manage/index': `id=${DEMO_ACTIVITIES.stairs}`,
  'packages/council/pages/detail/index': `id=${DEMO_TOPICS.drying}`,
  'packages/council/pages/vote/index': `id=${DEMO_TOPICS.sorting}`,
  'packages/council/pages/handle/index': `id=${DEMO_TOPICS.charging}`,
  'packages/council/pages/open-vote/index': `id=${DEMO_TOPICS.drying}`,
  'packages/council/pages/paper/index': `id=${DEMO_TOPICS.sorting}`,
  'packages/council/pages/answer/index': `id=${DEMO_TOPICS.charging}`,
  'packages/council/pages/milestone/index': `id=${DEMO_TOPICS.roof}`,
  'packages/report/pages/detail/index': `id=${DEMO_REPORTS.leak}`,
  'packages/report/pages/handle/index': `id=${DEMO_REPORTS.stairLight}`,
  'packages/care/pages/archive/index': `id=${DEMO_CARE.senior}`,
  'packages/care/pages/entry/index': `id=${DEMO_CARE.senior}`,
  'packages/care/pages/alerts/index': '',
  'packages/service/pages/item/index': 'id=svc-bank-cash',
  'packages/service/pages/book/index': 'window=bank&itemId=svc-bank-cash',
  'packages/service/pages/screen/index': 'window=bank',
  'packages/service/pages/desk/index': 'window=bank',
  'packages/volunteer/pages/team/index': 'teamId=team01',
  'packages/volunteer/pages/apply/index': 'teamId=team01',
  // The team leader's own team (the demo team leader leads team 01).
  'packages/volunteer/pages/applications/index': 'teamId=team01',
  'packages/volunteer/pages/roster/index': 'teamId=team01',
  'packages/volunteer/pages/callout/index': `id=${DEMO_VOLUNTEER.snowCall}`,
  // This week's stairwell cleaning of team 01, the team leader's own team (and shift).
  'packages/volunteer/pages/shift/index': (cal) =>
    `id=${shiftId(DEMO_VOLUNTEER.cleaning, demoShiftDate(cal, DEMO_DUTY_WEEKDAYS[DEMO_VOLUNTEER.cleaning], 0))}`,
  'packages/activity/pages/ticket/index': `signupId=${signupId(DEMO_ACTIVITIES.party, DEMO_CARE.seniorNoPhone)}`,
  'packages/care/pages/visit/index': `id=${DEMO_CARE.senior}`,
  'packages/safety/pages/alarm/index': 'id=AL-DEMO-01',
  'packages/service/pages/rate/index': `id=${DEMO_SERVICE.unratedRecord}`,
  // The first seeded service, at the 金融服务站 (the bank user's window).
  'packages/service/pages/record/index': 'id=rec-seed-1',
  'packages/service/pages/editor/index': 'id=svc-bank-cash',
  // The first coming service day: the bank's slots hold the demo's bookings, one of them full.
  'packages/service/pages/slots/index': (cal) => `window=bank&date=${comingServiceDays(cal.today)[0]}`,
};

function userOf(route: string): Who {
  return WORK.find(([pattern]) => pattern.test(route))?.[1] ?? 'resident';
}

/** Every page of app.json × font 1.0 and 1.4, in app.json's order. */
export function pageCases(): PageCase[] {
  return buildManifest().pages.flatMap(({ route }) => {
    const who = userOf(route);
    return (['1', '1.4'] as const).map((font) => ({
      route,
      query: QUERY[route] ?? '',
      font,
      user: OWNER[route] ?? (who === 'resident' ? (font === '1' ? DEMO.resident : DEMO.senior) : who),
      resident: who === 'resident',
    }));
  });
}

/** `route?query` of a case (for the hash), its dated ids of the demo seeded at `seededAt`. */
export function linkOf(entry: PageCase, seededAt: Date): string {
  const query = typeof entry.query === 'function' ? entry.query(demoCalendar(seededAt)) : entry.query;
  return query ? `${entry.route}?${query}` : entry.route;
}
