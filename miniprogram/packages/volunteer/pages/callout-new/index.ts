/**
 * 发起召集 (team leaders for their teams, staff for any): what, where, when, how many,
 * which teams and buildings, what to bring, the hours; urgent (pushed at once) or planned
 * (pushed at the time given). volunteer.callOutOptions, then .createCallOut with a request
 * id made once per tap, so a retried send never sends twice.
 */
import type { CallOutDraft, CallOutOptions } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, isApiError, showApiError } from '../../../../services/api';
import { newRequestId, PAGES } from '../../view';

interface Choice {
  id: string;
  label: string;
  checked: boolean;
}

export interface CallOutForm {
  title: string;
  description: string;
  place: string;
  date: string;
  start: string;
  end: string;
  needed: number;
  hours: number;
  equipment: string;
  urgent: boolean;
  notifyDate: string;
  notifyTime: string;
  teams: Choice[];
  buildings: Choice[];
}

/** The draft the form describes, or the first thing missing (in words). */
export function draftOf(form: CallOutForm, requestId: string): { draft: CallOutDraft } | { problem: string } {
  if (form.title.trim().length < 2) return { problem: '请写明召集做什么' };
  if (!form.place.trim()) return { problem: '请写明集合地点' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date) || !/^\d{2}:\d{2}$/.test(form.start) || !/^\d{2}:\d{2}$/.test(form.end))
    return { problem: '请填写日期和时间' };
  const teamIds = form.teams.filter((t) => t.checked).map((t) => t.id);
  const planned = !form.urgent && form.notifyDate && form.notifyTime;
  return {
    draft: {
      requestId,
      title: form.title.trim(),
      description: form.description.trim() || form.title.trim(),
      place: form.place.trim(),
      startAt: `${form.date} ${form.start}`,
      endAt: `${form.date} ${form.end}`,
      needed: form.needed,
      teamIds,
      buildingNos: form.buildings.filter((b) => b.checked).map((b) => Number(b.id)),
      equipment: form.equipment
        .split(/[，,、\s]+/)
        .map((item) => item.trim())
        .filter(Boolean)
        .slice(0, 10),
      hours: form.hours,
      urgent: form.urgent,
      ...(planned ? { notifyAt: `${form.notifyDate} ${form.notifyTime}` } : {}),
    },
  };
}

/** Tomorrow on the phone's calendar, "YYYY-MM-DD". */
export function tomorrow(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

Component({
  behaviors: [elderBehavior, loadable<{ options: CallOutOptions; form: CallOutForm }>()],
  data: {
    teamId: '',
    options: null as CallOutOptions | null,
    form: null as CallOutForm | null,
    formError: '',
    busy: false,
    requestId: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ teamId: options.teamId ?? '' });
      void this.load();
    },
    async fetch() {
      const options = await call('volunteer', 'callOutOptions', {});
      const preselect = this.data.teamId || (options.teams.length === 1 ? options.teams[0]!.teamId : '');
      const form: CallOutForm = {
        title: '',
        description: '',
        place: '',
        date: tomorrow(),
        start: '07:00',
        end: '09:00',
        needed: 10,
        hours: 2,
        equipment: '',
        urgent: true,
        notifyDate: '',
        notifyTime: '',
        teams: options.teams.map((t) => ({ id: t.teamId, label: t.name, checked: t.teamId === preselect })),
        buildings: options.buildings.map((no) => ({ id: String(no), label: `${no}号楼`, checked: false })),
      };
      return { options, form };
    },
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },
    onNumber(event: WechatMiniprogram.CustomEvent<{ value: number }, Record<string, never>, { field: string }>) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: Number(event.detail.value) });
    },
    onUrgent(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.urgent': event.detail.value });
    },
    onTeam(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = event.currentTarget.dataset.index;
      this.setData({ [`form.teams[${index}].checked`]: !this.data.form!.teams[index]!.checked, formError: '' });
    },
    onBuilding(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = event.currentTarget.dataset.index;
      this.setData({ [`form.buildings[${index}].checked`]: !this.data.form!.buildings[index]!.checked });
    },
    async onSubmit() {
      if (this.data.busy || !this.data.form) return;
      // One id per send: a retry after a lost answer reuses it and finds the same call-out.
      const requestId = this.data.requestId || newRequestId();
      const built = draftOf(this.data.form, requestId);
      if ('problem' in built) {
        this.setData({ formError: built.problem });
        return;
      }
      this.setData({ busy: true, requestId });
      try {
        const created = await call('volunteer', 'createCallOut', built.draft);
        wx.showToast({
          title: created.pushed ? `已发出，通知了${created.reached}人` : '已保存，到时会通知队员',
          icon: 'none',
          duration: 3000,
        });
        this.setData({ requestId: '' });
        void wx.redirectTo({ url: `${PAGES.callOut}?id=${created.id}` });
      } catch (error) {
        if (isApiError(error) && error.code === 'INVALID_INPUT') this.setData({ formError: error.message, requestId: '' });
        else showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
