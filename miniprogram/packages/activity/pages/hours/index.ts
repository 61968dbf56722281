/**
 * 志愿服务时长: my hours and activities per team; for a team leader, the team's totals per
 * volunteer by month; for staff, any team and the monthly spreadsheet (downloaded and
 * opened with wx.openDocument).
 */
import type { MyHours, TeamReport } from '../../../../../typings/domain/activity';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { recentMonths as monthsBack } from '../../../../utils/dates';

type State = 'loading' | 'error' | 'ready';

/** "YYYY-MM" of this month and the two before it, on the community's calendar. */
export function recentMonths(now = new Date(), count = 3): string[] {
  return monthsBack(now, count);
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    mine: null as MyHours | null,
    months: recentMonths(),
    month: recentMonths()[0]!,
    teamId: '',
    team: null as TeamReport | null,
    exporting: false,
  },
  methods: {
    onShow() {
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading' });
      void this.load();
    },
    async load() {
      try {
        const mine = await call('activity', 'myHours', {});
        this.setData({ state: 'ready', mine });
        if (mine.leads.length || mine.staff) await this.loadTeam();
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    async loadTeam() {
      try {
        const team = await call('activity', 'teamHours', {
          month: this.data.month,
          ...(this.data.teamId ? { teamId: this.data.teamId } : {}),
        });
        this.setData({ team, teamId: team.teamId });
      } catch (error) {
        showApiError(error);
      }
    },
    onMonth(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ month: event.detail.value });
      void this.loadTeam();
    },
    async onPickTeam() {
      const teams = this.data.team?.teams ?? [];
      if (teams.length < 2) return;
      // wx.showActionSheet shows at most 6 items: page through them.
      const names = teams.map((t) => t.teamName);
      try {
        const { tapIndex } = await wx.showActionSheet({ itemList: names.slice(0, 6) });
        this.setData({ teamId: teams[tapIndex]!.teamId });
        void this.loadTeam();
      } catch {
        // dismissed
      }
    },
    async onExport() {
      this.setData({ exporting: true });
      try {
        const file = await call('activity', 'exportHours', { month: this.data.month });
        const tempFilePath = await new Promise<string>((resolve, reject) =>
          wx.downloadFile({ url: file.url, success: (res) => resolve(res.tempFilePath), fail: reject }),
        );
        await wx.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
