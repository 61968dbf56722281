/**
 * 预约办理: at the community window or the 金融服务站 — for oneself, or as a bound relative
 * for a senior ("为谁预约") — which service (so the staff prepare), which day and half
 * hour (places left in words), and a note. One submission keeps one request id until the
 * server answers, so a retry after a network failure can never book twice.
 */
import type { BookingFormView, BookingView, WindowKey } from '../../../../../typings/domain/service';
import type { TemplateView } from '../../../../../typings/domain/push';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, isApiError, showApiError } from '../../../../services/api';
import { askThenProceed, loadTemplate } from '../../../../services/subscribe';
import { SERVICE_PAGES } from '../../lib/pages';
import { newRequestId } from '../../../../utils/request-id';

type State = 'loading' | 'error' | 'ready' | 'done';

export interface Choices {
  personId: string;
  itemId: string;
  date: string;
  slotId: string;
  note: string;
}

/** What the form starts with: the first person, the chosen item, the first day with a free place. */
export function initialChoices(form: BookingFormView, previous?: Partial<Choices>): Choices {
  const date =
    form.days.find((day) => day.date === previous?.date)?.date ??
    form.days.find((day) => day.slots.some((slot) => slot.bookable))?.date ??
    '';
  return {
    personId:
      form.people.find((p) => p.residentId === previous?.personId)?.residentId ?? form.people[0]?.residentId ?? '',
    itemId: form.item?.id ?? previous?.itemId ?? '',
    date,
    slotId: '',
    note: previous?.note ?? '',
  };
}

let template: TemplateView | null = null;
let requestId = '';

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    window: 'community' as WindowKey,
    form: null as BookingFormView | null,
    choices: null as Choices | null,
    slots: [] as BookingFormView['days'][number]['slots'],
    submitting: false,
    booked: null as BookingView | null,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ window: options.window === 'bank' ? 'bank' : 'community' });
      requestId = newRequestId();
      void loadTemplate('service').then((found) => (template = found));
      void this.load(options.itemId);
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load(this.data.choices?.itemId);
    },
    async load(itemId?: string) {
      try {
        const form = await call('service', 'bookingForm', { window: this.data.window, ...(itemId ? { itemId } : {}) });
        const choices = initialChoices(form, this.data.choices ?? (itemId ? { itemId } : undefined));
        this.setData({ state: 'ready', form, choices, slots: this.slotsOf(form, choices.date) });
      } catch (error) {
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    slotsOf(form: BookingFormView, date: string) {
      return form.days.find((day) => day.date === date)?.slots ?? [];
    },
    choose(patch: Partial<Choices>) {
      if (!this.data.choices || !this.data.form) return;
      const choices = { ...this.data.choices, ...patch };
      this.setData({ choices, slots: this.slotsOf(this.data.form, choices.date) });
    },
    onPerson(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.choose({ personId: event.detail.value });
    },
    onItem(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.choose({ itemId: event.detail.value });
    },
    onDay(event: WechatMiniprogram.BaseEvent<Record<string, never>, { date: string }>) {
      this.choose({ date: event.currentTarget.dataset.date, slotId: '' });
    },
    onSlot(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.choose({ slotId: event.detail.value });
    },
    onNote(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.choose({ note: event.detail.value });
    },
    /** The tap asks for the 办事预约与评价提醒 subscription first (WeChat requires a tap). */
    onSubmit() {
      const choices = this.data.choices;
      if (this.data.submitting || !choices?.personId || !choices.itemId || !choices.slotId) return;
      askThenProceed(template, () => void this.submit());
    },
    async submit() {
      const choices = this.data.choices;
      if (!choices) return;
      this.setData({ submitting: true });
      try {
        const self =
          this.data.form?.people.find((person) => person.residentId === choices.personId)?.relation === 'self';
        const booked = await call('service', 'book', {
          requestId,
          slotId: choices.slotId,
          itemId: choices.itemId,
          ...(self ? {} : { forId: choices.personId }),
          ...(choices.note.trim() ? { note: choices.note.trim() } : {}),
        });
        requestId = newRequestId();
        this.setData({ state: 'done', booked, submitting: false });
      } catch (error) {
        this.setData({ submitting: false });
        if (isApiError(error) && error.code === 'NETWORK') {
          showApiError(error);
          return;
        }
        requestId = newRequestId();
        wx.showModal({ title: '没有约上', content: errorMessage(error), showCancel: false, confirmText: '知道了' });
        if (isApiError(error) && error.code === 'CONFLICT') void this.load(choices.itemId);
      }
    },
    onMine() {
      void wx.redirectTo({ url: SERVICE_PAGES.mine });
    },
  },
});
