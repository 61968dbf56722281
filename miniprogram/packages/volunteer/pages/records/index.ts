/**
 * 我的志愿: my hours by team and by month (activities, call-outs and shifts: one ledger),
 * my shifts to come, my certificates and a new one (for students in the school's format),
 * and my choices: 党员亮身份 and the honour board. volunteer.myRecord and .myShifts.
 */
import type { ShiftView, VolunteerRecord } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { newRequestId } from '../../../../utils/request-id';
import { PAGES } from '../../view';

/** The whole months of the record, oldest first: what a certificate can cover. */
export function certificatePeriod(record: VolunteerRecord): { from: string; to: string } | null {
  const months = record.byMonth.map((m) => m.month).sort();
  return months.length ? { from: months[0]!, to: months[months.length - 1]! } : null;
}

Component({
  behaviors: [elderBehavior, loadable<{ record: VolunteerRecord; shifts: ShiftView[] }>()],
  data: {
    record: null as VolunteerRecord | null,
    shifts: [] as ShiftView[],
    busy: false,
    /** One per certificate asked for, kept across a failure: a retry after a lost answer issues it once. */
    certificateRequests: { general: '', student: '' },
  },
  methods: {
    onShow() {
      void this.load();
    },
    async fetch() {
      const [record, { items }] = await Promise.all([
        call('volunteer', 'myRecord', {}),
        call('volunteer', 'myShifts', {}),
      ]);
      return { record, shifts: items };
    },
    async setChoice(input: { partyBadge?: boolean; honour?: boolean }) {
      try {
        const profile = await call('volunteer', 'setProfile', input);
        this.setData({ 'record.profile': profile });
        wx.showToast({ title: '已保存', icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
      }
    },
    onBadge(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      void this.setChoice({ partyBadge: event.detail.value });
    },
    onHonour(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      void this.setChoice({ honour: event.detail.value });
    },
    async issue(kind: 'general' | 'student') {
      const period = this.data.record && certificatePeriod(this.data.record);
      if (!period || this.data.busy) return;
      const requestId = this.data.certificateRequests[kind] || newRequestId();
      this.setData({ busy: true, [`certificateRequests.${kind}`]: requestId });
      try {
        const certificate = await call('volunteer', 'issueCertificate', { ...period, kind, requestId });
        this.setData({ [`certificateRequests.${kind}`]: '' });
        void wx.navigateTo({ url: `${PAGES.certificate}?code=${certificate.code}` });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onIssue() {
      void this.issue('general');
    },
    onIssueStudent() {
      void this.issue('student');
    },
    onCertificate(event: WechatMiniprogram.BaseEvent<Record<string, never>, { code: string }>) {
      void wx.navigateTo({ url: `${PAGES.certificate}?code=${event.currentTarget.dataset.code}` });
    },
    onShift(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.shift}?id=${event.currentTarget.dataset.id}` });
    },
  },
});
