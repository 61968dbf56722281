/**
 * 发起召集 (team leaders for their teams, staff for any): what, where, when, how many,
 * which teams and buildings, what to bring, the hours; urgent (pushed at once) or planned
 * (pushed at the time given). volunteer.callOutOptions, then .createCallOut with a request
 * id made once per tap, so a retried send never sends twice.
 */
import type { CallOutOptions } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, isApiError, showApiError } from '../../../../services/api';
import { PAGES } from '../../view';
import { draftOf, tomorrow, type CallOutForm } from './form';
import { newRequestId } from '../../../../utils/request-id';

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
        if (isApiError(error) && error.code === 'INVALID_INPUT')
          this.setData({ formError: error.message, requestId: '' });
        else showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
