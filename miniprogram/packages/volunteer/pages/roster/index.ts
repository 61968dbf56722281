/**
 * 值班排班: a team's week of shifts (治安巡逻, 楼道保洁, 送餐) with who is on each; members
 * take a shift with room; the leader (and staff) put members on shifts, approve or decline
 * swaps, and add a weekly duty. volunteer.roster, then one call per action.
 */
import type { DutyKind, RosterWeek, ShiftView } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { newRequestId } from '../../../../utils/request-id';
import { PAGES } from '../../view';

export const KIND_CHOICES: Array<{ label: string; value: DutyKind }> = [
  { label: '治安巡逻', value: 'patrol' },
  { label: '楼道保洁', value: 'cleaning' },
  { label: '送餐', value: 'meals' },
];
export const WEEKDAY_CHOICES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'].map((label, i) => ({
  label,
  value: i + 1,
}));

type ShiftRow = ShiftView & { who: string };

export function shiftRow(shift: ShiftView): ShiftRow {
  return { ...shift, who: shift.names.length ? shift.names.join('、') : '还没有人' };
}

/** "YYYY-MM-DD" `days` after a date (calendar arithmetic at noon, safe across zones). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

Component({
  behaviors: [elderBehavior, loadable<{ roster: RosterWeek; shifts: ShiftRow[] }>()],
  data: {
    teamId: '',
    week: '',
    roster: null as RosterWeek | null,
    shifts: [] as ShiftRow[],
    busy: false,
    adding: false,
    /** One per new duty, kept across a failed save: a retry after a lost answer adds it once. */
    dutyRequestId: '',
    duty: { kind: 'patrol' as DutyKind, weekday: 5, start: '19:00', end: '21:00', place: '', slots: 2, hours: 2 },
    kindChoices: KIND_CHOICES,
    weekdayChoices: WEEKDAY_CHOICES,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ teamId: options.teamId ?? '' });
      void this.load();
    },
    async fetch() {
      const roster = await call('volunteer', 'roster', {
        teamId: this.data.teamId,
        ...(this.data.week ? { week: this.data.week } : {}),
      });
      return { roster, shifts: roster.shifts.map(shiftRow) };
    },
    show(roster: RosterWeek) {
      this.setData({ state: 'ready', roster, shifts: roster.shifts.map(shiftRow) });
    },
    onWeek(event: WechatMiniprogram.BaseEvent<Record<string, never>, { step: number }>) {
      const current = this.data.roster?.week;
      if (!current) return;
      this.setData({ week: addDays(current, 7 * Number(event.currentTarget.dataset.step)), state: 'loading' });
      void this.load();
    },
    async run(action: () => Promise<unknown>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const result = await action();
        if (result && typeof result === 'object' && 'shifts' in result) this.show(result as RosterWeek);
        else await this.load();
        wx.showToast({ title: done, icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onTake(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const shift = this.data.shifts[event.currentTarget.dataset.index]!;
      void this.run(
        () => call('volunteer', 'takeShift', { dutyId: shift.dutyId, date: shift.date }),
        '已认领，开始前会提醒您',
      );
    },
    onOpen(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.shift}?id=${event.currentTarget.dataset.id}` });
    },
    async onAssign(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const shift = this.data.shifts[event.currentTarget.dataset.index]!;
      const members = this.data.roster?.members ?? [];
      if (!members.length) return;
      // wx.showActionSheet shows at most 6 names.
      try {
        const { tapIndex } = await wx.showActionSheet({ itemList: members.slice(0, 6).map((m) => m.name) });
        const member = members[tapIndex]!;
        void this.run(
          () =>
            call('volunteer', 'assignShift', { dutyId: shift.dutyId, date: shift.date, residentId: member.residentId }),
          `已安排${member.name}`,
        );
      } catch {
        // dismissed
      }
    },
    onSwap(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; approve: boolean }>) {
      const { id, approve } = event.currentTarget.dataset;
      void this.run(
        () => call('volunteer', 'decideSwap', { swapId: id, approve: Boolean(approve) }),
        approve ? '已批准换班' : '已驳回',
      );
    },
    onAddDuty() {
      this.setData({ adding: !this.data.adding });
    },
    onDutyField(
      event: WechatMiniprogram.CustomEvent<{ value: string | number }, Record<string, never>, { field: string }>,
    ) {
      const field = event.currentTarget.dataset.field;
      const numeric = ['weekday', 'slots', 'hours'].includes(field);
      this.setData({ [`duty.${field}`]: numeric ? Number(event.detail.value) : event.detail.value });
    },
    onSaveDuty() {
      const duty = this.data.duty;
      if (!duty.place.trim()) {
        wx.showToast({ title: '请写明值班地点', icon: 'none', duration: 3000 });
        return;
      }
      const requestId = this.data.dutyRequestId || newRequestId();
      this.setData({ dutyRequestId: requestId });
      void this.run(async () => {
        await call('volunteer', 'createDuty', {
          ...duty,
          requestId,
          place: duty.place.trim(),
          teamId: this.data.teamId,
        });
        this.setData({ adding: false, dutyRequestId: '' });
        return null;
      }, '已添加每周值班');
    },
  },
});
