/**
 * 公布答复 (staff): the committee's official answer — 采纳 (the topic then moves to 落实中),
 * 不予采纳 or 转交办理 — with its text. Everyone who took part is told. One call:
 * council.answer.
 */
import type { AnswerKind } from '../../../../../typings/domain/council';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, showApiError } from '../../../../services/api';

const KINDS: Array<{ value: AnswerKind; label: string; hint: string; icon: string }> = [
  { value: 'adopted', label: '采纳', hint: '议题进入“落实中”，之后在这里更新落实进展', icon: 'check-circle' },
  { value: 'not_adopted', label: '不予采纳', hint: '请写清楚原因', icon: 'close-circle' },
  { value: 'referred', label: '转交办理', hint: '写明转交给谁（例如物业公司、街道）以及怎么跟进', icon: 'jump' },
];

Component({
  behaviors: [elderBehavior],
  data: {
    id: '',
    kinds: KINDS,
    kind: '' as AnswerKind | '',
    text: '',
    error: '',
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
    },
    onKindTap(event: WechatMiniprogram.TouchEvent<object, object, { value: AnswerKind }>) {
      this.setData({ kind: event.currentTarget.dataset.value, error: '' });
    },
    onTextChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ text: event.detail.value, error: '' });
    },
    async onSubmit() {
      if (this.data.busy) return;
      const text = this.data.text.trim();
      const problem = !this.data.kind
        ? '请选择答复结果'
        : Array.from(text).length < 5
          ? '请写明答复内容（至少5个字）'
          : '';
      if (problem) {
        this.setData({ error: problem });
        return;
      }
      this.setData({ busy: true });
      try {
        const result = await call('council', 'answer', { id: this.data.id, kind: this.data.kind as AnswerKind, text });
        const told = result.notified ? `，已通知 ${result.notified.recipients} 人` : '';
        wx.showToast({ title: `答复已公布${told}`, icon: 'none', duration: 3000 });
        void wx.navigateBack();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
