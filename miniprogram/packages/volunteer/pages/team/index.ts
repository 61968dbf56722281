/**
 * 服务队: what the team does, its leader, members (the 党员 badge for those who show it) and
 * this month's figures; the caller applies, withdraws or leaves; the leader (and staff)
 * open 入队审核, 排班 and 发起召集. One call: volunteer.team.
 */
import type { MemberView, TeamDetail } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { MEMBERSHIP_LABELS, PAGES } from '../../view';

interface MemberRow extends MemberView {
  note: string;
}

export function memberRow(member: MemberView): MemberRow {
  const parts = [member.leader ? '队长' : '', member.buildingLabel, ...(member.availability ?? [])].filter(Boolean);
  return { ...member, note: parts.join(' · ') };
}

interface TeamData {
  team: TeamDetail | null;
  members: MemberRow[];
  mineLabel: string;
  [key: string]: unknown;
}

Component({
  behaviors: [elderBehavior, loadable<TeamData>({ emptyOn: ['NOT_FOUND'] })],
  data: { teamId: '', team: null as TeamDetail | null, members: [] as MemberRow[], mineLabel: '', busy: false },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ teamId: options.teamId ?? '' });
    },
    onShow() {
      void this.load();
    },
    async fetch(): Promise<TeamData> {
      const team = await call('volunteer', 'team', { teamId: this.data.teamId });
      if (typeof wx.setNavigationBarTitle === 'function') wx.setNavigationBarTitle({ title: team.name });
      return { team, members: team.members.map(memberRow), mineLabel: MEMBERSHIP_LABELS[team.mine] };
    },
    onApply() {
      void wx.navigateTo({ url: `${PAGES.apply}?teamId=${this.data.teamId}` });
    },
    onApplications() {
      void wx.navigateTo({ url: `${PAGES.applications}?teamId=${this.data.teamId}` });
    },
    onRoster() {
      void wx.navigateTo({ url: `${PAGES.roster}?teamId=${this.data.teamId}` });
    },
    onCallOut() {
      void wx.navigateTo({ url: `${PAGES.callOutNew}?teamId=${this.data.teamId}` });
    },
    async run(action: () => Promise<unknown>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await action();
        wx.showToast({ title: done, icon: 'none', duration: 3000 });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onWithdraw() {
      void this.run(() => call('volunteer', 'withdraw', { teamId: this.data.teamId }), '已撤回申请');
    },
    onLeave() {
      wx.showModal({
        title: '退出服务队',
        content: `确定退出${this.data.team?.name ?? '服务队'}吗？之后的值班会让给其他队员。`,
        confirmText: '退出',
        cancelText: '不退出',
        success: (answer) => {
          if (answer.confirm) void this.run(() => call('volunteer', 'leave', { teamId: this.data.teamId }), '已退出');
        },
      });
    },
  },
});
