/**
 * 服务评价: after a finished service, 满意 / 基本满意 / 不满意, the window's commitments the
 * rating is about (一次告知 · 按时办结 · 礼貌热情: what went well, or what did not), and a
 * comment. 不满意 needs a reason; it reaches the community director. Once per service.
 */
import type { Commitment, RatingForm, RatingLevel, RecordView } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, errorMessage, showApiError } from '../../../../services/api';

/** What the reasons mean for the level chosen. */
export function reasonsTitle(level: RatingLevel | ''): string {
  if (level === 'satisfied') return '哪些方面做得好（可多选）';
  if (level === '') return '评价的方面（可多选）';
  return '哪些方面没做到（必选，可多选）';
}

/** The commitments as a chip grid (multi-select: check-tags, the choice also said by ✓). */
export function reasonChips(
  reasons: RatingForm['reasons'],
  chosen: readonly Commitment[],
): Array<{ key: Commitment; label: string; checked: boolean }> {
  return reasons.map((reason) => ({ key: reason.key, label: reason.label, checked: chosen.includes(reason.key) }));
}

Component({
  behaviors: [elderBehavior, loadable<{ record: RecordView; form: RatingForm }>({ emptyOn: ['NOT_FOUND'] })],
  data: {
    id: '',
    record: null as RecordView | null,
    form: null as RatingForm | null,
    level: '' as RatingLevel | '',
    reasons: [] as Commitment[],
    reasonChips: [] as ReturnType<typeof reasonChips>,
    comment: '',
    reasonsTitle: reasonsTitle(''),
    submitting: false,
    done: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ id: options.id ?? '' });
      void this.load();
    },
    async fetch() {
      const { record, form } = await call('service', 'ratingForm', { recordId: this.data.id });
      return { record, form, done: Boolean(record.rating), reasonChips: reasonChips(form.reasons, this.data.reasons) };
    },
    onLevel(event: WechatMiniprogram.CustomEvent<{ value: RatingLevel }>) {
      this.setData({ level: event.detail.value, reasonsTitle: reasonsTitle(event.detail.value) });
    },
    onReason(event: WechatMiniprogram.BaseEvent<Record<string, never>, { key: Commitment }>) {
      const key = event.currentTarget.dataset.key;
      const current = this.data.reasons;
      const reasons = current.includes(key) ? current.filter((k) => k !== key) : [...current, key];
      this.setData({ reasons, reasonChips: reasonChips(this.data.form?.reasons ?? [], reasons) });
    },
    onComment(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ comment: event.detail.value });
    },
    async onSubmit() {
      const { level, reasons, comment } = this.data;
      if (!level || this.data.submitting) return;
      if (level === 'unsatisfied' && !reasons.length) {
        wx.showToast({ title: '请选择哪些方面没做到', icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ submitting: true });
      try {
        const record = await call('service', 'rate', {
          recordId: this.data.id,
          level,
          reasons,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        });
        this.setData({ record, done: true });
      } catch (error) {
        showApiError(error);
        this.setData({ errorMessage: errorMessage(error) });
      } finally {
        this.setData({ submitting: false });
      }
    },
    onBack() {
      void wx.navigateBack();
    },
  },
});
