/**
 * Resident and staff pages say dates naturally on the community's clock (今天 / 昨天 /
 * 周三 / 12月10日 20:00 截止), from the ISO instants of the views, never the server's raw
 * "YYYY-MM-DD HH:mm" labels; waiting work says how long it has waited.
 */
import { defaultForm } from '../../miniprogram/packages/council/pages/open-vote/form';
import { tomorrow } from '../../miniprogram/packages/volunteer/pages/callout-new/form';
import { recentMonths } from '../../miniprogram/packages/volunteer/view';
import { toNoticeRow } from '../../miniprogram/components/notice-feed/view';
import { voteBlock, detailScreen as topicScreen } from '../../miniprogram/packages/council/lib/view';
import { hoursLabel, itemRow } from '../../miniprogram/packages/report/view';
import { requestCard } from '../../miniprogram/packages/staff/pages/bindings/view';
import { IN_PAGE, renderPage, resetWx, settle, textOf } from '../helpers/simulate';
import { votingDetail } from './council-fixtures';
import { noticeItem } from './notice-fixtures';
import { usePageClock } from './page-clock';
import { inboxItem, installReportWx, routeCalls } from './report-fixtures';

// Saturday 5 December 2026, 10:00 in Shanghai (02:00 UTC).
const NOW = new Date('2026-12-05T02:00:00Z');
const RAW = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;

describe('natural dates in the page views', () => {
  test('a notice published this morning says 今天, one from last month its date', () => {
    const today = toNoticeRow(noticeItem({ publishedAt: '2026-12-05T01:00:00.000Z' }), NOW);
    expect(today.meta).toBe('5号楼党支部 · 今天 09:00');
    const older = toNoticeRow(noticeItem({ publishedAt: '2026-11-26T01:00:00.000Z' }), NOW);
    expect(older.meta).toBe('5号楼党支部 · 11月26日 09:00');
    expect(older.ariaLabel).not.toMatch(RAW);
  });

  test('a report waiting unaccepted says how long it waited; an accepted one does not', () => {
    const waiting = itemRow(inboxItem({ createdAt: '2026-11-25T01:30:00.000Z', status: 'submitted' }), false, NOW);
    expect(waiting.meta).toMatch(/^11月25日 09:30　编号 \S+　已等待 10天$/);
    const fresh = itemRow(inboxItem({ createdAt: '2026-12-05T01:50:00.000Z', status: 'submitted' }), false, NOW);
    expect(fresh.meta).toMatch(/^今天 09:50　编号 \S+$/);
    const accepted = itemRow(inboxItem({ createdAt: '2026-11-25T01:30:00.000Z', status: 'accepted' }), false, NOW);
    expect(accepted.meta).not.toContain('已等待');
  });

  test('a binding request says when it came and how long it has waited', () => {
    const card = requestCard(
      {
        residentId: 'r1',
        name: '林晓',
        address: { buildingNo: 5, unitNo: 2, room: '301' },
        addressLabel: '5号楼2单元301',
        status: 'pending',
        requestedAt: '2026-01-05T02:00:00.000Z',
        householdMembers: [],
      },
      NOW,
    );
    expect(card.details).toContain('1月5日提交，已等待 334天');
  });
});

describe('natural dates on rendered pages (fixed page clock)', () => {
  usePageClock(NOW);
  beforeEach(() => {
    resetWx();
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  test('the vote deadline and timeline read naturally', () => {
    const detail = votingDetail();
    // 2026-12-10T12:00Z is Thursday 20:00 in Shanghai, five days ahead.
    expect(voteBlock(detail.vote!, detail.myVote).deadlineLabel).toBe('周四 20:00 截止');
    const screen = topicScreen(detail);
    for (const row of screen.timeline) expect(row.atLabel).not.toMatch(RAW);
  });

  test('报事处理 rows show the natural time and the waiting time', async () => {
    installReportWx();
    routeCalls({
      'report.inbox': {
        items: [inboxItem({ createdAt: '2026-11-25T01:30:00.000Z', urgent: true })],
        hasMore: false,
        counts: { new: 1, active: 0, resolved: 0, done: 0 },
        canSeeAll: false,
      },
    });
    const page = renderPage('packages/report/pages/inbox/index');
    page.instance.onShow({});
    await settle();
    await settle();
    const metas = textOf(page, IN_PAGE + '.rp-row__meta');
    // (the simulator collapses the full-width spaces)
    expect(metas[0]).toMatch(/^11月25日 09:30\s编号 \S+\s已等待 10天$/);
    expect(metas.join(' ')).not.toMatch(RAW);
  });
});

describe('form defaults come from the community’s day, not the phone’s zone', () => {
  // 01:30 on 1 January 2027 in Shanghai is still 31 December 2026 in UTC (this process's zone).
  const EARLY = new Date('2026-12-31T17:30:00Z');
  test('a vote closes a week from the Shanghai day; a call-out is for the Shanghai tomorrow', () => {
    expect(defaultForm(EARLY).date).toBe('2027-01-08');
    expect(tomorrow(EARLY)).toBe('2027-01-02');
    expect(recentMonths(EARLY, 2)).toEqual(['2027-01', '2026-12']);
  });
});

describe('honest durations', () => {
  test('报事统计 says minutes under an hour instead of "0 小时"', () => {
    expect(hoursLabel(0, 1)).toBe('1分钟');
    expect(hoursLabel(0.4, 25)).toBe('25分钟');
    expect(hoursLabel(1.5, 90)).toBe('1.5 小时');
    expect(hoursLabel(undefined)).toBe('—');
  });
});
