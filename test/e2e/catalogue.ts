/**
 * Every page of app.json with the user who represents it and, for pages that show one
 * thing, the seeded demo's id of that thing. Resident pages are seen by the demo resident at
 * font 1.0 and by the demo senior at 1.4 (elder mode); work pages by a user of the role that
 * does that work, at both scales. Shared by the UI rules and the visual baselines.
 */
import { buildManifest } from '../../local/preview/build/manifest';
import { DEMO_ACTIVITIES } from '../../local/seed/activity';
import { DEMO_CARE } from '../../local/seed/care';
import { DEMO } from '../../local/seed/community';
import { DEMO_TOPICS } from '../../local/seed/council';
import { DEMO_REPORTS } from '../../local/seed/report';
import { DEMO_VOLUNTEER } from '../../local/seed/volunteer';

export type Font = '1' | '1.4';

export interface PageCase {
  route: string;
  /** Query of the page (without `as` / `font`). */
  query: string;
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
  [/^packages\/care\/pages\/(today|visit|alerts)\//, DEMO.partyMember],
  [/^packages\/care\/pages\/pairing\//, DEMO.secretary],
  [/^packages\/care\/pages\//, DEMO.staff],
];

/** The seeded thing a page shows. */
const QUERY: Record<string, string> = {
  'packages/notice/pages/detail/index': 'id=notice-demo-water',
  'packages/activity/pages/detail/index': `id=${DEMO_ACTIVITIES.health}`,
  'packages/activity/pages/edit/index': `id=${DEMO_ACTIVITIES.health}`,
  'packages/activity/pages/manage/index': `id=${DEMO_ACTIVITIES.health}`,
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
  'packages/service/pages/book/index': 'itemId=svc-bank-cash',
  'packages/service/pages/screen/index': 'window=bank',
  'packages/service/pages/desk/index': 'window=bank',
  'packages/volunteer/pages/team/index': 'teamId=team01',
  'packages/volunteer/pages/apply/index': 'teamId=team01',
  'packages/volunteer/pages/applications/index': `teamId=${DEMO_VOLUNTEER.snowTeam}`,
  'packages/volunteer/pages/roster/index': `teamId=${DEMO_VOLUNTEER.snowTeam}`,
  'packages/volunteer/pages/callout/index': `id=${DEMO_VOLUNTEER.snowCall}`,
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
      user: who === 'resident' ? (font === '1' ? DEMO.resident : DEMO.senior) : who,
      resident: who === 'resident',
    }));
  });
}

/** `route?query` of a case (for the hash). */
export function linkOf(entry: PageCase): string {
  return entry.query ? `${entry.route}?${entry.query}` : entry.route;
}
