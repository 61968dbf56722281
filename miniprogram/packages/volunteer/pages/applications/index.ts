/**
 * 入队审核 (the team leader and staff): who asked to join, what they can do and when, the
 * student's school; accept, or decline with a reason. volunteer.applications, .decide.
 */
import type { ApplicationView } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';

export function applicationLines(item: ApplicationView): string[] {
  return [
    `${item.buildingLabel}${item.partyMember ? ' · 党员' : ''}`,
    item.skills.length ? `擅长：${item.skills.join('、')}` : '',
    `方便时间：${item.availability.join('、')}`,
    item.student
      ? `学生：${item.student.school}${item.student.major ? ` ${item.student.major}` : ''}${item.student.grade ? ` ${item.student.grade}` : ''}`
      : '',
    item.phone ? `电话：${item.phone}` : '',
    item.note ? `留言：${item.note}` : '',
    item.appliedLabel,
  ].filter(Boolean);
}

type Row = ApplicationView & { lines: string[] };

Component({
  behaviors: [elderBehavior, loadable<{ items: Row[] }>()],
  data: { teamId: '', items: [] as Row[], busy: false },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ teamId: options.teamId ?? '' });
      void this.load();
    },
    async fetch() {
      const { items } = await call('volunteer', 'applications', { teamId: this.data.teamId });
      return { items: items.map((item) => ({ ...item, lines: applicationLines(item) })) };
    },
    async decide(applicationId: string, accept: boolean, reason?: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const decided = await call('volunteer', 'decide', { applicationId, accept, ...(reason ? { reason } : {}) });
        wx.showToast({ title: accept ? `${decided.name}已加入` : '已告知申请人', icon: 'none', duration: 3000 });
        this.setData({ items: this.data.items.filter((item) => item.id !== applicationId) });
      } catch (error) {
        showApiError(error);
        await this.load();
      } finally {
        this.setData({ busy: false });
      }
    },
    onAccept(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void this.decide(event.currentTarget.dataset.id, true);
    },
    onDecline(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      wx.showModal({
        title: '不通过的原因',
        editable: true,
        placeholderText: '例如：本队暂不招募新队员',
        confirmText: '不通过',
        success: (answer) => {
          const reason = (answer.content ?? '').trim();
          if (answer.confirm && reason) void this.decide(id, false, reason);
          else if (answer.confirm) wx.showToast({ title: '请写明原因', icon: 'none', duration: 3000 });
        },
      });
    },
  },
});
