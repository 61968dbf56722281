/**
 * 发起投票 (managers): the options (同意 / 反对 / 弃权, or custom), the deadline and the
 * quorum — the share of households in scope that must vote for the result to count. One
 * call: council.openVote; residents in scope are then told the vote has opened.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, showApiError } from '../../../../services/api';
import {
  defaultForm,
  formatDate,
  MAX_OPTIONS,
  QUORUM_CHOICES,
  toInput,
  validate,
  type OpenVoteForm,
  type OptionMode,
} from './form';

Component({
  behaviors: [elderBehavior],
  data: {
    id: '',
    form: defaultForm(new Date()),
    quorumChoices: QUORUM_CHOICES,
    maxOptions: MAX_OPTIONS,
    today: formatDate(new Date()),
    error: '',
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '', form: defaultForm(new Date()), today: formatDate(new Date()) });
    },
    patch(changes: Partial<OpenVoteForm>) {
      this.setData({ form: { ...this.data.form, ...changes }, error: '' });
    },
    onModeTap(event: WechatMiniprogram.TouchEvent<object, object, { mode: OptionMode }>) {
      this.patch({ mode: event.currentTarget.dataset.mode });
    },
    onOptionChange(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { index: number }>) {
      const options = [...this.data.form.options];
      options[Number(event.currentTarget.dataset.index)] = event.detail.value;
      this.patch({ options });
    },
    onAddOption() {
      if (this.data.form.options.length >= MAX_OPTIONS) return;
      this.patch({ options: [...this.data.form.options, ''] });
    },
    onRemoveOption(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.patch({ options: this.data.form.options.filter((_option, i) => i !== index) });
    },
    onDateChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.patch({ date: event.detail.value });
    },
    onTimeChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.patch({ time: event.detail.value });
    },
    onQuorumTap(event: WechatMiniprogram.TouchEvent<object, object, { value: number }>) {
      this.patch({ quorumPercent: Number(event.currentTarget.dataset.value) });
    },
    async onSubmit() {
      if (this.data.busy) return;
      const problem = validate(this.data.form);
      if (problem) {
        this.setData({ error: problem });
        wx.showToast({ title: problem, icon: 'none', duration: 3000 });
        return;
      }
      if (!this.data.id) {
        wx.showToast({ title: '没有找到这个议题，请从议事管理进入', icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ busy: true });
      try {
        const result = await call('council', 'openVote', toInput(this.data.id, this.data.form));
        const told = result.notified ? `，已通知 ${result.notified.recipients} 位居民` : '';
        wx.showToast({ title: `投票已开始${told}`, icon: 'none', duration: 3000 });
        void wx.navigateBack();
      } catch (error) {
        showApiError(error);
        this.setData({ error: (error as Error).message });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
