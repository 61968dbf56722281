/**
 * 订餐: for whom (本人, or a senior the caller is a confirmed relative of — "为谁订餐"; staff
 * search the resident who phoned in), which dish, how many portions, 堂食 / 自取 / 送餐上门
 * (delivery only for eligible seniors), dietary needs and a note; the cut-off always on
 * top. One submission keeps one request id until the server answers, so a retry after a
 * network failure can never order twice.
 */
import type { DinerSearchHit, OrderFormView, OrderView, ServiceMode } from '../../../../../typings/domain/canteen';
import type { TemplateView } from '../../../../../typings/domain/push';
import { elderBehavior } from '../../../../behaviors/elder';
import { ORDERS_PAGE } from '../../../../pages/canteen/view';
import { call, errorMessage, isApiError, showApiError } from '../../../../services/api';
import { formScreen, initialChoices, type Choices, type FormScreen } from '../../lib/order-form';
import { askThenProceed, loadTemplate } from '../../../../services/subscribe';
import { newRequestId } from '../../../../utils/request-id';

type State = 'loading' | 'error' | 'ready' | 'done';

let template: TemplateView | null = null;
let form: OrderFormView | null = null;
let requestId = '';

/** The requirements echoed back after ordering, e.g. ["饮食要求：软烂、少盐", "备注：菜切碎一些"]. */
export function placedNeeds(order: Pick<OrderView, 'dietTags' | 'note'>): string[] {
  return [
    order.dietTags.length ? `饮食要求：${order.dietTags.map((tag) => tag.label).join('、')}` : '',
    order.note ? `备注：${order.note}` : '',
  ].filter(Boolean);
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    menuId: '',
    choices: null as Choices | null,
    screen: null as FormScreen | null,
    staffMode: false,
    query: '',
    hits: [] as DinerSearchHit[],
    searched: false,
    submitting: false,
    placed: null as OrderView | null,
    placedNeeds: [] as string[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ menuId: query.menuId ?? '' });
      requestId = newRequestId();
      void loadTemplate('canteen').then((found) => (template = found));
      void this.load(query.dinerId);
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load(this.data.choices?.dinerId);
    },
    async load(dinerId?: string) {
      try {
        const next = await call('canteen', 'orderForm', {
          menuId: this.data.menuId,
          ...(dinerId && this.data.staffMode ? { dinerId } : {}),
        });
        this.show(next, this.data.choices ?? undefined);
      } catch (error) {
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    show(next: OrderFormView, previous?: Partial<Choices>) {
      form = next;
      const choices = initialChoices(next, previous);
      this.setData({ state: 'ready', staffMode: next.staffMode, choices, screen: formScreen(next, choices) });
    },
    choose(patch: Partial<Choices>) {
      if (!form || !this.data.choices) return;
      const choices = { ...this.data.choices, ...patch };
      const diner = form.diners.find((d) => d.residentId === choices.dinerId);
      if (choices.mode === 'delivery' && !diner?.deliveryEligible) choices.mode = 'dine_in';
      this.setData({ choices, screen: formScreen(form, choices) });
    },
    onDiner(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.choose({ dinerId: event.detail.value });
    },
    onDish(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.choose({ dishId: event.detail.value });
    },
    /** 少一份 / 多一份: two big buttons rather than a small stepper (elder-friendly targets). */
    onPortionStep(event: WechatMiniprogram.BaseEvent<Record<string, never>, { by: string }>) {
      const current = this.data.choices?.portions ?? 1;
      const max = this.data.screen?.maxPortions ?? 1;
      this.choose({ portions: Math.min(max, Math.max(1, current + Number(event.currentTarget.dataset.by))) });
    },
    onMode(event: WechatMiniprogram.CustomEvent<{ value: ServiceMode }>) {
      this.choose({ mode: event.detail.value });
    },
    /** A chip of 饮食要求 (multi-select): toggles it, keeping the options' order. */
    onDietChip(event: WechatMiniprogram.BaseEvent<Record<string, never>, { value: string }>) {
      const value = event.currentTarget.dataset.value;
      const current = this.data.choices?.dietTags ?? [];
      const next = current.includes(value) ? current.filter((tag) => tag !== value) : [...current, value];
      const order = (this.data.screen?.dietTags ?? []).map((tag) => tag.value);
      this.choose({ dietTags: order.filter((tag) => next.includes(tag)) });
    },
    onNote(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.choose({ note: event.detail.value });
    },
    onReason(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.choose({ proxyReason: event.detail.value });
    },
    onQuery(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ query: event.detail.value });
    },
    async onSearch() {
      const query = this.data.query.trim();
      if (!query) return;
      try {
        const { hits } = await call('canteen', 'findDiners', { query });
        this.setData({ hits, searched: true });
      } catch (error) {
        showApiError(error);
      }
    },
    async onPick(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const dinerId = event.currentTarget.dataset.id;
      this.setData({ hits: [], searched: false, query: '' });
      await this.load(dinerId);
    },
    /** The tap itself asks for the 订餐与送餐通知 subscription first (WeChat requires a tap). */
    onSubmit() {
      if (this.data.submitting || !this.data.screen?.canSubmit) return;
      askThenProceed(template, () => void this.submit());
    },
    async submit() {
      const choices = this.data.choices;
      if (!choices || !form) return;
      this.setData({ submitting: true });
      try {
        const placed = await call('canteen', 'placeOrder', {
          requestId,
          menuId: this.data.menuId,
          dishId: choices.dishId,
          dinerId: choices.dinerId,
          portions: choices.portions,
          mode: choices.mode,
          dietTags: choices.dietTags as Array<'soft' | 'low_salt' | 'low_sugar'>,
          ...(choices.note.trim() ? { note: choices.note.trim() } : {}),
          ...(form.staffMode && choices.proxyReason.trim() ? { proxyReason: choices.proxyReason.trim() } : {}),
        });
        requestId = newRequestId();
        this.setData({ state: 'done', placed, placedNeeds: placedNeeds(placed), submitting: false });
      } catch (error) {
        this.setData({ submitting: false });
        // Without an answer the same request id is kept: pressing again is a safe retry.
        if (isApiError(error) && error.code === 'NETWORK') {
          showApiError(error);
          return;
        }
        requestId = newRequestId();
        wx.showModal({ title: '没有订上', content: errorMessage(error), showCancel: false, confirmText: '知道了' });
        if (isApiError(error) && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND'))
          void this.load(choices.dinerId);
      }
    },
    onMyOrders() {
      void wx.redirectTo({ url: ORDERS_PAGE });
    },
    onAnother() {
      requestId = newRequestId();
      this.setData({ state: 'loading', placed: null });
      void this.load(this.data.staffMode ? undefined : this.data.choices?.dinerId);
    },
  },
});
