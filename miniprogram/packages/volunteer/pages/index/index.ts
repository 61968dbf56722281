/**
 * 志愿服务 (home): the call-outs that reach me, with my answer in words, and the 14 teams
 * with their members and hours; entries to my record, the honour board and 证明查验; for
 * leaders and staff, 发起召集. One call: volunteer.home.
 */
import type { TeamCard } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { callOutCard, MEMBERSHIP_LABELS, PAGES, type CallOutCard } from '../../view';

interface TeamRow extends TeamCard {
  mineLabel: string;
  figures: string;
}

export function teamRow(team: TeamCard): TeamRow {
  return {
    ...team,
    mineLabel: MEMBERSHIP_LABELS[team.mine],
    figures: `${team.memberCount} 名队员 · 累计 ${team.hoursTotal} 小时`,
  };
}

interface HomeData {
  callOuts: CallOutCard[];
  teams: TeamRow[];
  canCall: boolean;
  [key: string]: unknown;
}

Component({
  behaviors: [elderBehavior, loadable<HomeData>()],
  data: { callOuts: [] as CallOutCard[], teams: [] as TeamRow[], canCall: false, pages: PAGES },
  methods: {
    onShow() {
      void this.load();
    },
    async fetch(): Promise<HomeData> {
      const home = await call('volunteer', 'home', {});
      return {
        callOuts: home.callOuts.map(callOutCard),
        // My teams first, then the rest in their order.
        teams: [...home.teams.filter((t) => t.mine !== 'none'), ...home.teams.filter((t) => t.mine === 'none')].map(
          teamRow,
        ),
        canCall: home.staff || home.leads.length > 0,
      };
    },
    onCallOut(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.callOut}?id=${event.currentTarget.dataset.id}` });
    },
    onTeam(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.team}?teamId=${event.currentTarget.dataset.id}` });
    },
    onNewCallOut() {
      void wx.navigateTo({ url: PAGES.callOutNew });
    },
  },
});
