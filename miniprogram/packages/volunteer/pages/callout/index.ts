/**
 * 志愿召集: what, where, when, how many and what to bring; the count filling; my answer —
 * 我来 / 来不了 (a place while there is one, else the reserve) — and at the place, check-in
 * with the six digits the caller shows. The caller (a leader or staff) sees the code, who
 * answered what, ticks names for people without a phone, and may cancel. volunteer.callOut
 * loads it; every action answers the call-out as it now is.
 */
import type { CallOutDetail, CallOutPerson } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { loadTemplate, askThenProceed } from '../../../../services/subscribe';
import type { TemplateView } from '../../../../../typings/domain/push';
import { call, showApiError } from '../../../../services/api';
import { answerTag, callOutTag, type StatusTag } from '../../view';

type PersonRow = CallOutPerson & { tag: StatusTag; tickable: boolean; ticked: boolean };

export function personRows(detail: CallOutDetail): PersonRow[] {
  return (detail.people ?? []).map((person) => ({
    ...person,
    tag: answerTag(person.answer, person.position),
    tickable: person.answer === 'confirmed',
    ticked: false,
  }));
}

function detailData(detail: CallOutDetail) {
  return { detail, tag: callOutTag(detail), people: personRows(detail), equipment: detail.equipment.join('、') };
}

Component({
  behaviors: [elderBehavior, loadable<ReturnType<typeof detailData>>({ emptyOn: ['NOT_FOUND'] })],
  data: {
    id: '',
    detail: null as CallOutDetail | null,
    tag: null as StatusTag | null,
    people: [] as PersonRow[],
    equipment: '',
    code: '',
    busy: false,
    template: null as TemplateView | null,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ id: options.id ?? '' });
      void this.load();
      void loadTemplate('activity').then((template) => this.setData({ template }));
    },
    async fetch() {
      return detailData(await call('volunteer', 'callOut', { id: this.data.id }));
    },
    async run(action: () => Promise<CallOutDetail | null>, done: (detail: CallOutDetail | null) => string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const detail = await action();
        if (detail) this.setData({ state: 'ready', ...detailData(detail) });
        else await this.load();
        wx.showToast({ title: done(detail), icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onYes() {
      // Asked from the tap itself: a reminder or a promotion can reach them in WeChat.
      askThenProceed(this.data.template, () => {
        void this.run(
          () => call('volunteer', 'answer', { id: this.data.id, answer: 'yes' }),
          (detail) => detail?.mineLabel ?? '已回复',
        );
      });
    },
    onNo() {
      void this.run(
        () => call('volunteer', 'answer', { id: this.data.id, answer: 'no' }),
        () => '已告诉召集人您来不了',
      );
    },
    onCode(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: event.detail.value.replace(/\D/g, '').slice(0, 6) });
    },
    onCheckIn() {
      const code = this.data.code;
      if (!/^\d{6}$/.test(code)) {
        wx.showToast({ title: '请输入召集人给的6位签到码', icon: 'none', duration: 3000 });
        return;
      }
      void this.run(
        async () => {
          await call('volunteer', 'checkIn', { id: this.data.id, code });
          return null;
        },
        () => '签到成功，服务时长已记录',
      );
    },
    onTick(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = event.currentTarget.dataset.index;
      this.setData({ [`people[${index}].ticked`]: !this.data.people[index]!.ticked });
    },
    onMarkAttended() {
      const residentIds = this.data.people.filter((p) => p.ticked).map((p) => p.residentId);
      if (!residentIds.length) {
        wx.showToast({ title: '请先勾选到场的队员', icon: 'none', duration: 3000 });
        return;
      }
      void this.run(
        async () => {
          await call('volunteer', 'markAttended', { id: this.data.id, residentIds });
          return null;
        },
        () => `已为${residentIds.length}人签到`,
      );
    },
    onCancel() {
      wx.showModal({
        title: '取消召集',
        editable: true,
        placeholderText: '取消的原因，例如：雪停了',
        confirmText: '取消召集',
        cancelText: '不取消',
        success: (answer) => {
          const reason = (answer.content ?? '').trim();
          if (!answer.confirm) return;
          if (!reason) {
            wx.showToast({ title: '请写明原因', icon: 'none', duration: 3000 });
            return;
          }
          void this.run(
            () => call('volunteer', 'cancelCallOut', { id: this.data.id, reason }),
            () => '已取消，已通知报名的队员',
          );
        },
      });
    },
  },
});
