/**
 * 关爱计划 (branch secretary, staff): put a person on the care list with the consent
 * recorded (who agreed, how) and a reason, and the plan — carers from the building's
 * network, visit frequency, meal arrangement; the bound relatives are the emergency
 * contacts. An entry on the list can be changed (with its version) or ended with a reason.
 */
import type { CareEntryEditor } from '../../../../../typings/domain/care';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { ApiError, call, showApiError } from '../../../../services/api';
import {
  CATEGORY_CHOICES,
  CONSENT_BY_CHOICES,
  CONSENT_METHOD_CHOICES,
  FREQUENCY_CHOICES,
  MEAL_CHOICES,
} from '../../view';
import { draftOf, draftProblem, entryInput, type EntryDraft } from './form';

function editorData(editor: CareEntryEditor) {
  return {
    editor,
    draft: draftOf(editor),
    carerOptions: editor.candidates.map((candidate) => ({
      value: candidate.residentId,
      label: `${candidate.name}（${candidate.roleLabel}，已负责${candidate.load}人）`,
    })),
    problem: '',
  };
}

Component({
  behaviors: [elderBehavior, loadable<ReturnType<typeof editorData>>()],
  data: {
    subjectId: '',
    editor: null as CareEntryEditor | null,
    draft: null as EntryDraft | null,
    carerOptions: [] as Array<{ value: string; label: string }>,
    categoryChoices: CATEGORY_CHOICES,
    consentByChoices: CONSENT_BY_CHOICES,
    consentMethodChoices: CONSENT_METHOD_CHOICES,
    frequencyChoices: FREQUENCY_CHOICES,
    mealChoices: MEAL_CHOICES,
    problem: '',
    endReason: '',
    busy: false,
  },
  methods: {
    onLoad(query: { id?: string }) {
      this.setData({ subjectId: query.id ?? '' });
      void this.load();
    },
    async fetch() {
      if (!this.data.subjectId) throw new ApiError('NOT_FOUND', '请从关爱名单选择居民');
      return editorData(await call('care', 'entry', { subjectId: this.data.subjectId }));
    },
    /** One handler for every field: `data-field` names the draft field. */
    onField(event: WechatMiniprogram.CustomEvent<{ value: unknown }, object, { field: keyof EntryDraft }>) {
      const field = event.currentTarget.dataset.field;
      const value = field === 'frequencyDays' ? Number(event.detail.value) : event.detail.value;
      this.setData({ [`draft.${field}`]: value, problem: '' });
      if (field === 'consentBy' && value === 'self' && this.data.editor) {
        this.setData({ 'draft.consentName': this.data.editor.subject.name });
      }
    },
    onEndReason(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ endReason: event.detail.value });
    },
    async onSave() {
      const draft = this.data.draft;
      if (!draft || this.data.busy) return;
      const problem = draftProblem(draft);
      if (problem) {
        this.setData({ problem });
        return;
      }
      this.setData({ busy: true });
      try {
        const editor = await call('care', 'saveEntry', entryInput(this.data.subjectId, draft));
        this.setData(editorData(editor));
        wx.showToast({ title: '已保存，走访人会在“今日走访”看到', icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onEnd() {
      const entry = this.data.editor?.entry;
      if (!entry || this.data.busy) return;
      if (this.data.endReason.trim().length < 2) {
        this.setData({ problem: '请写明移出名单的原因' });
        return;
      }
      this.setData({ busy: true });
      try {
        const editor = await call('care', 'endEntry', {
          subjectId: this.data.subjectId,
          reason: this.data.endReason.trim(),
          version: entry.version,
        });
        this.setData({ ...editorData(editor), endReason: '' });
        wx.showToast({ title: '已移出关爱名单', icon: 'none' });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
