/**
 * 关爱: the household's contacts in the Party network with a one-tap call, one's own care
 * plan, the care of the seniors one is a bound relative of, and the entries to the daily
 * visits, the alerts, the archive and (for secretaries and staff) the care work. One call
 * on show: care.home.
 */
import type { CareHome } from '../../../../../typings/domain/care';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { callNumber, PAGES } from '../../view';

interface Entry {
  key: string;
  title: string;
  description: string;
  icon: string;
  url: string;
}

export function entriesOf(home: CareHome): Entry[] {
  const entries: Entry[] = [];
  if (home.householdLabel) {
    entries.push({
      key: 'archive',
      title: '我的档案',
      description: '健康信息由您决定给谁看，谁看过都有记录',
      icon: 'lock-on',
      url: PAGES.archive,
    });
  }
  entries.push({
    key: 'alerts',
    title: '关爱提醒',
    description: home.openAlerts ? `${home.openAlerts}条待响应` : '没有待响应的提醒',
    icon: 'notification',
    url: PAGES.alerts,
  });
  if (home.carer.people) {
    entries.push({
      key: 'today',
      title: '今日走访',
      description: `负责${home.carer.people}人${home.carer.due ? `，${home.carer.due}人该走访了` : ''}`,
      icon: 'calendar',
      url: PAGES.today,
    });
  }
  if (home.pairedHouseholds) {
    entries.push({
      key: 'households',
      title: '我联系的住户',
      description: `${home.pairedHouseholds}户，一键拨打电话`,
      icon: 'usergroup',
      url: PAGES.households,
    });
  }
  if (home.officer.manage) {
    entries.push(
      {
        key: 'pairing',
        title: '党员联系户',
        description: '为每户安排联系党员，查看未结对的住户',
        icon: 'link',
        url: PAGES.pairing,
      },
      {
        key: 'list',
        title: '关爱名单',
        description: '独居老人、残疾人、困难家庭和关爱计划',
        icon: 'heart',
        url: PAGES.list,
      },
    );
  }
  if (home.officer.overview) {
    entries.push({
      key: 'overview',
      title: '关爱总览',
      description: '各楼走访情况、待办任务、月度统计导出',
      icon: 'chart-bar',
      url: PAGES.overview,
    });
  }
  if (home.officer.manage) {
    entries.push({
      key: 'rules',
      title: '提醒规则',
      description: '什么情况会提醒走访党员和亲属',
      icon: 'setting',
      url: home.officer.rules ? `${PAGES.rules}?edit=1` : PAGES.rules,
    });
  }
  return entries;
}

function homeData(home: CareHome) {
  return { home, entries: entriesOf(home) };
}

Component({
  behaviors: [elderBehavior, loadable<ReturnType<typeof homeData>>()],
  data: {
    home: null as CareHome | null,
    entries: [] as Entry[],
  },
  methods: {
    onShow() {
      void this.load();
    },
    async fetch() {
      return homeData(await call('care', 'home', {}));
    },
    onCall(event: WechatMiniprogram.TouchEvent<object, object, { phone: string }>) {
      callNumber(event.currentTarget.dataset.phone);
    },
    onSeniorArchive(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.archive}?id=${event.currentTarget.dataset.id}` });
    },
    onSeniorAlerts() {
      void wx.navigateTo({ url: PAGES.alerts });
    },
  },
});
