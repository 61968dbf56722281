/**
 * What the order form shows for the current choices: whom for, which dish, how many, how
 * served, and the total; pure, from the server's OrderFormView.
 */
import type { DinerOption, OrderFormView, ServiceMode } from '../../../../typings/domain/canteen';

export interface Choices {
  dinerId: string;
  dishId: string;
  portions: number;
  mode: ServiceMode;
  dietTags: string[];
  note: string;
  proxyReason: string;
}

export interface FormScreen {
  title: string;
  cutoffLabel: string;
  servingLabel: string;
  closedReason: string;
  diners: Array<{ value: string; label: string; content: string; disabled: boolean }>;
  dishes: Array<{ value: string; label: string; content: string; disabled: boolean }>;
  modes: Array<{ value: ServiceMode; label: string; disabled: boolean }>;
  /** Multi-select chips: `checked` as chosen. */
  dietTags: Array<{ value: string; label: string; checked: boolean }>;
  maxPortions: number;
  noteMax: number;
  /** Why 送餐上门 cannot be chosen for this diner, or "". */
  deliveryHint: string;
  /** "合计 12元（6元 × 2份，80岁及以上）". */
  totalLabel: string;
  /** The chosen diner already has this meal: say so instead of a submit button. */
  existingOrder: string;
  canSubmit: boolean;
  submitLabel: string;
}

function yuan(fen: number): string {
  const text = (fen / 100).toFixed(2).replace(/\.?0+$/, '');
  return `${text}元`;
}

function dinerLine(diner: DinerOption): string {
  const parts = [
    diner.relationLabel,
    diner.buildingLabel,
    `${diner.priceLabel}/份${diner.tierLabel ? `（${diner.tierLabel}）` : ''}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Sensible first choices: the first diner without an order, the first dish left, delivery for those eligible. */
export function initialChoices(form: OrderFormView, previous?: Partial<Choices>): Choices {
  const diner =
    form.diners.find((d) => d.residentId === previous?.dinerId) ??
    form.diners.find((d) => !d.existingOrder) ??
    form.diners[0];
  const dish =
    form.menu.dishes.find((d) => d.id === previous?.dishId && !d.soldOut) ?? form.menu.dishes.find((d) => !d.soldOut);
  const mode: ServiceMode =
    previous?.mode && (previous.mode !== 'delivery' || diner?.deliveryEligible)
      ? previous.mode
      : diner?.deliveryEligible
        ? 'delivery'
        : 'dine_in';
  return {
    dinerId: diner?.residentId ?? '',
    dishId: dish?.id ?? '',
    portions: Math.min(previous?.portions ?? 1, form.maxPortions),
    mode,
    dietTags: previous?.dietTags ?? [],
    note: previous?.note ?? '',
    proxyReason: previous?.proxyReason ?? (form.staffMode ? '老人来电订餐' : ''),
  };
}

export function formScreen(form: OrderFormView, choices: Choices): FormScreen {
  const diner = form.diners.find((d) => d.residentId === choices.dinerId);
  const eligible = diner?.deliveryEligible ?? false;
  const unit = diner?.priceFen ?? form.menu.priceFen;
  const existing = diner?.existingOrder?.summary ?? '';
  const dishLeft = form.menu.dishes.find((d) => d.id === choices.dishId);
  const canSubmit = Boolean(form.menu.orderable && diner && !existing && dishLeft && !dishLeft.soldOut);
  return {
    title: `${form.menu.dateLabel} ${form.menu.mealLabel}`,
    cutoffLabel: form.menu.cutoffLabel,
    servingLabel: `${form.menu.servingTime} 开餐`,
    closedReason: form.menu.closedReason ?? '',
    diners: form.diners.map((d) => ({
      value: d.residentId,
      label: d.name,
      content: d.existingOrder ? `${dinerLine(d)}；这一餐已订：${d.existingOrder.summary}` : dinerLine(d),
      disabled: false,
    })),
    dishes: form.menu.dishes.map((dish) => ({
      value: dish.id,
      label: dish.name,
      content: [
        dish.description,
        dish.tags.length ? `适合：${dish.tags.map((t) => t.label).join(' · ')}` : '',
        dish.allergens.length ? `含：${dish.allergens.map((a) => a.label).join('、')}` : '',
        dish.soldOut ? '已订完' : `余 ${dish.remaining} 份`,
      ]
        .filter(Boolean)
        .join('；'),
      disabled: dish.soldOut,
    })),
    modes: form.modes.map((mode) => ({
      value: mode.key,
      label: mode.label,
      disabled: mode.key === 'delivery' && !eligible,
    })),
    dietTags: form.dietTags.map((tag) => ({
      value: tag.key,
      label: tag.label,
      checked: choices.dietTags.includes(tag.key),
    })),
    maxPortions: form.maxPortions,
    noteMax: form.noteMax,
    deliveryHint: eligible ? '' : '送餐上门仅限社区登记的独居或行动不便老人',
    totalLabel: `合计 ${yuan(unit * choices.portions)}（${yuan(unit)} × ${choices.portions}份${diner?.tierLabel ? `，${diner.tierLabel}` : ''}），线下支付：到食堂或送餐时付款`,
    existingOrder: existing
      ? `${diner?.name ?? ''}这一餐已经订过了：${existing}。如需更改，请到「我的订单」先取消。`
      : '',
    canSubmit,
    submitLabel: diner ? `为${diner.name}订餐` : '订餐',
  };
}
