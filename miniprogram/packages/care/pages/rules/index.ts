/**
 * 提醒规则: what raises a care alert, in plain words, each rule on or off. Staff change
 * them (`?edit=1` from the hub): a switch per rule and the days / times it counts; the
 * sentences follow the numbers. One call on load.
 */
import type { CareRules, RulesView } from '../../../../../typings/domain/care';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';

type RuleKey = keyof CareRules;

Component({
  behaviors: [elderBehavior, loadable<{ view: RulesView; rules: CareRules }>()],
  data: {
    canEdit: false,
    view: null as RulesView | null,
    rules: null as CareRules | null,
    busy: false,
  },
  methods: {
    onLoad(query: { edit?: string }) {
      this.setData({ canEdit: query.edit === '1' });
      void this.load();
    },
    async fetch() {
      const view = await call('care', 'rules', {});
      return { view, rules: view.rules };
    },
    onEnabled(event: WechatMiniprogram.CustomEvent<{ value: boolean }, object, { key: RuleKey }>) {
      this.setData({ [`rules.${event.currentTarget.dataset.key}.enabled`]: event.detail.value });
    },
    onNumber(event: WechatMiniprogram.CustomEvent<{ value: number }, object, { path: string }>) {
      this.setData({ [`rules.${event.currentTarget.dataset.path}`]: Number(event.detail.value) });
    },
    async onSave() {
      const { view, rules } = this.data;
      if (!view || !rules || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const saved = await call('care', 'saveRules', { ...rules, version: view.version });
        this.setData({ view: saved, rules: saved.rules });
        wx.showToast({ title: '规则已保存', icon: 'none' });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
