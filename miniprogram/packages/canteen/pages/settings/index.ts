/**
 * 默认设置 (canteen staff): what a new menu starts from — the price per portion, price tiers
 * (by age, or for seniors eligible for delivery), the cut-off and serving time of each
 * meal, and how many portions one order may hold. Menus already made keep their own.
 */
import type { CanteenSettings, PriceTier } from '../../../../../typings/domain/canteen';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';

type State = 'loading' | 'error' | 'ready';

interface TierRow {
  label: string;
  priceText: string;
  kind: 'age' | 'deliveryEligible';
  minAgeText: string;
}

function tierRows(tiers: PriceTier[]): TierRow[] {
  return tiers.map((tier) => ({
    label: tier.label,
    priceText: String(tier.priceFen / 100),
    kind: tier.rule.kind,
    minAgeText: tier.rule.kind === 'age' ? String(tier.rule.minAge) : '',
  }));
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    settings: null as CanteenSettings | null,
    priceText: '',
    tiers: [] as TierRow[],
    saving: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      try {
        const { settings } = await call('canteen', 'staffWeek', {});
        this.setData({
          state: 'ready',
          settings,
          priceText: String(settings.priceFen / 100),
          tiers: tierRows(settings.tiers),
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    patch(patch: Partial<CanteenSettings>) {
      this.setData({ settings: { ...this.data.settings!, ...patch } });
    },
    onPrice(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ priceText: event.detail.value });
    },
    onMaxPortions(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.patch({ maxPortions: Number(event.detail.value) || 1 });
    },
    onCutoffDays(
      event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { meal: 'lunch' | 'dinner' }>,
    ) {
      const meal = event.currentTarget.dataset.meal;
      const cutoffs = this.data.settings!.cutoffs;
      this.patch({ cutoffs: { ...cutoffs, [meal]: { ...cutoffs[meal], daysBefore: Number(event.detail.value) } } });
    },
    onCutoffTime(
      event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { meal: 'lunch' | 'dinner' }>,
    ) {
      const meal = event.currentTarget.dataset.meal;
      const cutoffs = this.data.settings!.cutoffs;
      this.patch({ cutoffs: { ...cutoffs, [meal]: { ...cutoffs[meal], time: event.detail.value } } });
    },
    onServing(
      event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { meal: 'lunch' | 'dinner' }>,
    ) {
      this.patch({
        serving: { ...this.data.settings!.serving, [event.currentTarget.dataset.meal]: event.detail.value },
      });
    },
    onTierField(
      event: WechatMiniprogram.CustomEvent<
        { value: string },
        Record<string, never>,
        { index: number; field: keyof TierRow }
      >,
    ) {
      const { index, field } = event.currentTarget.dataset;
      this.setData({
        tiers: this.data.tiers.map((row, i) => (i === Number(index) ? { ...row, [field]: event.detail.value } : row)),
      });
    },
    onAddAgeTier() {
      this.setData({
        tiers: [...this.data.tiers, { label: '80岁及以上', priceText: '6', kind: 'age', minAgeText: '80' }],
      });
    },
    onAddDeliveryTier() {
      this.setData({
        tiers: [...this.data.tiers, { label: '送餐老人', priceText: '7', kind: 'deliveryEligible', minAgeText: '' }],
      });
    },
    onRemoveTier(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ tiers: this.data.tiers.filter((_, i) => i !== index) });
    },
    async onSave() {
      const settings = this.data.settings;
      if (!settings || this.data.saving) return;
      const priceFen = Math.round(Number(this.data.priceText) * 100);
      const tiers: PriceTier[] = [];
      for (const row of this.data.tiers) {
        const tierPrice = Math.round(Number(row.priceText) * 100);
        const minAge = Number(row.minAgeText);
        if (!row.label.trim() || !Number.isFinite(tierPrice) || (row.kind === 'age' && !Number.isInteger(minAge))) {
          wx.showToast({ title: '请把价格档填写完整', icon: 'none', duration: 2500 });
          return;
        }
        tiers.push({
          label: row.label.trim(),
          priceFen: tierPrice,
          rule: row.kind === 'age' ? { kind: 'age', minAge } : { kind: 'deliveryEligible' },
        });
      }
      if (!Number.isFinite(priceFen) || this.data.priceText.trim() === '') {
        wx.showToast({ title: '请填写每份价格', icon: 'none', duration: 2500 });
        return;
      }
      this.setData({ saving: true });
      try {
        const saved = await call('canteen', 'saveSettings', { ...settings, priceFen, tiers });
        this.setData({ settings: saved, tiers: tierRows(saved.tiers) });
        wx.showToast({ title: '已保存，新建菜单时生效', icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
