/**
 * 值班表: the next seven days, a day shift and a night shift each, with the staff on duty —
 * the first ring of every alarm pages them (with nobody rostered, every staff member).
 * Tap a shift to change who is on it.
 */
import type { RosterDay, Shift } from '../../../../../typings/domain/safety';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';

interface Editing {
  date: string;
  shift: Shift;
  staffIds: string[];
}

Component({
  behaviors: [elderBehavior, loadable<{ days: RosterDay[]; staff: Array<{ id: string; name: string }> }>()],
  data: {
    days: [] as RosterDay[],
    staff: [] as Array<{ id: string; name: string }>,
    options: [] as Array<{ value: string; label: string }>,
    editing: null as Editing | null,
    busy: false,
  },
  observers: {
    staff(staff: Array<{ id: string; name: string }>) {
      this.setData({ options: staff.map((person) => ({ value: person.id, label: person.name })) });
    },
  },
  methods: {
    onLoad() {
      void this.load();
    },
    fetch() {
      return call('safety', 'roster', {});
    },
    onEdit(event: WechatMiniprogram.TouchEvent<object, object, { date: string; shift: Shift }>) {
      const { date, shift } = event.currentTarget.dataset;
      const day = this.data.days.find((candidate) => candidate.date === date);
      const staffIds =
        day?.shifts.find((candidate) => candidate.shift === shift)?.staff.map((person) => person.id) ?? [];
      this.setData({ editing: { date, shift, staffIds } });
    },
    onPick(event: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ 'editing.staffIds': event.detail.value });
    },
    onCancel() {
      this.setData({ editing: null });
    },
    async onSave() {
      const editing = this.data.editing;
      if (!editing || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const day = await call('safety', 'saveShift', editing);
        this.setData({
          days: this.data.days.map((candidate) => (candidate.date === day.date ? day : candidate)),
          editing: null,
        });
        wx.showToast({ title: '值班表已更新', icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
