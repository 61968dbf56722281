/**
 * Demo notices, so 首页 shows what a building's day looks like: a community notice from
 * the residents' committee, building 5's pinned urgent water cut, a notice to two of its
 * units, and an older one, all from the last days before the seed day; some households of
 * building 5 have read them (receipts move). Fictional content.
 */
import type { NoticeScope } from '../../typings/domain/notice';
import { readId, type NoticeDoc, type NoticeReadDoc } from '../../cloudfunctions/notice/docs';
import { audienceKeys, publisherLabel } from '../../cloudfunctions/notice/rules';
import type { HouseholdDoc, ResidentDoc } from '../../cloudfunctions/shared/docs';
import { demoCalendar, type DemoCalendar } from './calendar';

interface DemoNotice {
  id: string;
  authorId: string;
  scope: NoticeScope;
  title: string;
  body: string;
  pinned?: boolean;
  urgent?: boolean;
  expiresOn?: string;
  publishedAt: Date;
}

/** The demo notices, dated back from the seed day. */
const demoNotices = (cal: DemoCalendar): DemoNotice[] => [
  {
    id: 'notice-demo-heating',
    authorId: 'r-demo-staff',
    scope: { kind: 'community' },
    title: '冬季供暖试运行通知',
    body: `本小区冬季供暖将于${cal.format(2, 'M月D日')}起试运行。如家中暖气不热或漏水，请在小程序“报事”中选择“公共设施”上报，或拨打社区服务窗口电话。`,
    publishedAt: cal.at(-2, '09:30'),
  },
  {
    id: 'notice-demo-water',
    authorId: 'r-demo-secretary',
    scope: { kind: 'buildings', buildingNos: [5] },
    title: '5号楼明日8:00至12:00停水检修',
    body: '因二次供水管道检修，5号楼明天上午8点至12点停水，请提前储水。行动不便的老人如需帮助，请联系单元长或支部书记。',
    pinned: true,
    urgent: true,
    expiresOn: cal.day(35),
    publishedAt: cal.at(-1, '16:00'),
  },
  {
    id: 'notice-demo-stairs',
    authorId: 'r-demo-secretary',
    scope: { kind: 'units', buildingNo: 5, unitNos: [1, 2] },
    title: '1、2单元楼道清理安排',
    body: '本周六上午9点，党员志愿者清理1、2单元楼道杂物。请各户提前把放在楼道里的物品收回家中，感谢配合。',
    publishedAt: cal.at(-3, '10:00'),
  },
  {
    id: 'notice-demo-antifraud',
    authorId: 'r-demo-staff',
    scope: { kind: 'community' },
    title: '提醒老年人防范电信诈骗',
    body: '近期有冒充社保、医保工作人员的电话诈骗。社区工作人员不会在电话里索要验证码或银行卡密码，遇到可疑电话请先挂断，再联系子女或社区。',
    publishedAt: cal.at(-8, '14:00'),
  },
];

export function buildNoticeDemo(
  residents: readonly ResidentDoc[],
  households: readonly HouseholdDoc[],
  now: Date,
): { notices: NoticeDoc[]; notice_reads: NoticeReadDoc[] } {
  const cal = demoCalendar(now);
  const byId = new Map(residents.map((resident) => [resident._id, resident]));
  const inScope = (scope: NoticeScope) =>
    households.filter((household) =>
      scope.kind === 'community'
        ? true
        : scope.kind === 'buildings'
          ? scope.buildingNos.includes(household.buildingNo)
          : household.buildingNo === scope.buildingNo && scope.unitNos.includes(household.unitNo),
    );
  const notices = demoNotices(cal).map((notice): NoticeDoc => {
    const expiresAt = notice.expiresOn ? cal.at(cal.offsetOf(notice.expiresOn) + 1, '00:00') : null;
    return {
      _id: notice.id,
      title: notice.title,
      body: notice.body,
      scope: notice.scope,
      audienceKeys: audienceKeys(notice.scope),
      householdCount: inScope(notice.scope).length,
      images: [],
      attachments: [],
      pinned: Boolean(notice.pinned),
      urgent: Boolean(notice.urgent),
      expiresOn: notice.expiresOn ?? null,
      expiresAt,
      state: 'published',
      moderation: { state: 'pass', flags: 0 },
      authorId: notice.authorId,
      publisherLabel: publisherLabel(byId.get(notice.authorId)?.roles ?? [], notice.scope),
      publishedAt: notice.publishedAt,
      updatedAt: notice.publishedAt,
      version: 1,
      push: { state: notice.urgent ? 'sent' : 'none' },
    };
  });
  // Some registered households of building 5 already read the water notice.
  const readers = residents
    .filter((resident) => resident.householdId?.startsWith('h05-') && resident._id !== 'r-demo-resident')
    .slice(0, 23);
  const notice_reads = readers.map((reader): NoticeReadDoc => ({
    _id: readId('notice-demo-water', reader.householdId!),
    noticeId: 'notice-demo-water',
    householdId: reader.householdId!,
    residentId: reader._id,
    readAt: cal.at(-1, '18:00'),
  }));
  return { notices, notice_reads };
}
