/**
 * 报名与签到 (organisers): the sign-up list in sign-up order, the waiting list with
 * positions, attendance; check-in by scanning the participant's QR (wx.scanCode), by the
 * six digits typed, or from the list for people without a phone; cancelling the activity
 * (everyone signed up is told).
 */
import type { Roster, RosterRow } from '../../../../../typings/domain/activity';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import type { StatusTag } from '../../../../pages/activity/view';

type State = 'loading' | 'error' | 'ready';
type Tab = 'confirmed' | 'waiting';

const ROW_TAGS: Record<RosterRow['state'], Omit<StatusTag, 'text'>> = {
  placing: { theme: 'default', icon: 'loading' },
  confirmed: { theme: 'primary', icon: 'user' },
  waiting: { theme: 'warning', icon: 'time' },
  cancelled: { theme: 'default', icon: 'close-circle' },
  attended: { theme: 'success', icon: 'check-circle' },
  no_show: { theme: 'danger', icon: 'error-circle' },
};

export interface RosterLine extends RosterRow {
  tag: StatusTag;
  detail: string;
  canCheckIn: boolean;
}

export function rosterLine(row: RosterRow, checkInOpen: boolean): RosterLine {
  const parts = [row.buildingLabel];
  if (row.companions) parts.push(`同行${row.companions}人`);
  if (row.bookedBy) parts.push(row.bookedBy);
  if (row.checkedInLabel) parts.push(row.checkedInLabel);
  if (row.phone) parts.push(`电话 ${row.phone}`);
  return {
    ...row,
    tag: { text: row.stateLabel, ...ROW_TAGS[row.state] },
    detail: parts.join(' · '),
    canCheckIn: checkInOpen && (row.state === 'confirmed' || row.state === 'no_show'),
  };
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    id: '',
    tab: 'confirmed' as Tab,
    roster: null as Roster | null,
    confirmed: [] as RosterLine[],
    waiting: [] as RosterLine[],
    /** The rows of the tab on screen. */
    shown: [] as RosterLine[],
    code: '',
    busy: false,
    lastResult: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading' });
      void this.load();
    },
    async load() {
      try {
        const roster = await call('activity', 'roster', { id: this.data.id });
        const confirmed = roster.confirmed.map((row) => rosterLine(row, roster.checkInOpen));
        const waiting = roster.waiting.map((row) => rosterLine(row, false));
        this.setData({
          state: 'ready',
          roster,
          confirmed,
          waiting,
          shown: this.data.tab === 'confirmed' ? confirmed : waiting,
        });
      } catch (error) {
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onTab(event: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
      const tab = event.detail.value;
      this.setData({ tab, shown: tab === 'confirmed' ? this.data.confirmed : this.data.waiting });
    },
    onCode(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: event.detail.value });
    },
    async checkIn(input: { code?: string; signupId?: string }) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const result = await call('activity', 'checkIn', { id: this.data.id, ...input });
        const hours = result.hoursCredited ? `，记志愿时长${result.hoursCredited}小时` : '';
        const companions = result.companions ? `（同行${result.companions}人）` : '';
        const text = result.already ? `${result.name}已签到过` : `${result.name}${companions}签到成功${hours}`;
        this.setData({ lastResult: text, code: '' });
        wx.showToast({ title: text, icon: 'none', duration: 3000 });
        await this.load();
      } catch (error) {
        this.setData({ lastResult: errorMessage(error) });
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onScan() {
      try {
        const { result } = await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
        await this.checkIn({ code: result });
      } catch (error) {
        // Closing the scanner is not an error worth a message.
        if (error && typeof error === 'object' && 'errMsg' in error) return;
        showApiError(error);
      }
    },
    async onTypedCode() {
      const code = this.data.code.trim();
      if (!/^\d{6}$/.test(code)) {
        wx.showToast({ title: '请输入6位数字签到码', icon: 'none', duration: 3000 });
        return;
      }
      await this.checkIn({ code });
    },
    async onRowCheckIn(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; name: string }>) {
      const { id, name } = event.currentTarget.dataset;
      const { confirm } = await wx.showModal({
        title: '确认签到',
        content: `为${name}登记签到？`,
        confirmText: '签到',
      });
      if (confirm) await this.checkIn({ signupId: id });
    },
    async onCancelActivity() {
      const answer = (await wx.showModal({
        title: '取消活动',
        content: '',
        editable: true,
        placeholderText: '请填写取消原因，会通知所有报名的居民',
        confirmText: '取消活动',
        cancelText: '不取消',
      })) as WechatMiniprogram.ShowModalSuccessCallbackResult & { content?: string };
      const reason = (answer.content ?? '').trim();
      if (!answer.confirm) return;
      if (!reason) {
        wx.showToast({ title: '请填写取消原因', icon: 'none', duration: 3000 });
        return;
      }
      try {
        const { notified } = await call('activity', 'cancel', { id: this.data.id, reason });
        wx.showToast({ title: `活动已取消，已通知${notified.recipients}人`, icon: 'none', duration: 3000 });
        await this.load();
      } catch (error) {
        showApiError(error);
      }
    },
  },
});
