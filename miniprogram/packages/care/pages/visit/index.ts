/**
 * 记录走访: made to take under a minute in elder mode — how (上门 / 电话), what happened
 * (three large choices in words and icons), an optional short note and photo, 保存. A
 * follow-up goes on with one more tap: to community staff as a task, or as a 报事 filed
 * for the person (report.submit, acting for them), linked to the visit. The family's
 * numbers and the last visits are below. The form's request id makes a retried save
 * record the visit once.
 */
import type { RecordVisitOutput, VisitFormView, VisitOutcome } from '../../../../../typings/domain/care';
import type { TemplateView } from '../../../../../typings/domain/push';
import type { ReportOptions } from '../../../../../typings/domain/report';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { ApiError, call, showApiError } from '../../../../services/api';
import { askThenProceed, loadTemplate } from '../../../../services/subscribe';
import { choosePhotoPaths, uploadFiles } from '../../../../services/upload';
import { callNumber, KIND_CHOICES, OUTCOME_CHOICES, PAGES } from '../../view';
import { draftProblem, emptyDraft, followUpReport, visitInput, type VisitDraft } from './form';
import { newRequestId } from '../../../../utils/request-id';

Component({
  behaviors: [elderBehavior, loadable<{ form: VisitFormView }>()],
  data: {
    subjectId: '',
    requestId: '',
    form: null as VisitFormView | null,
    draft: emptyDraft() as VisitDraft,
    kindChoices: KIND_CHOICES,
    outcomes: OUTCOME_CHOICES,
    problem: '',
    busy: false,
    template: null as TemplateView | null,
    saved: null as RecordVisitOutput | null,
    followUpText: '',
    categories: [] as Array<{ value: string; label: string }>,
    categoryId: '',
  },
  methods: {
    onLoad(query: { id?: string }) {
      this.setData({ subjectId: query.id ?? '', requestId: newRequestId() });
      void loadTemplate('care').then((template) => this.setData({ template }));
      void this.load();
    },
    async fetch() {
      if (!this.data.subjectId) throw new ApiError('NOT_FOUND', '请从“今日走访”选择要记录的居民');
      return { form: await call('care', 'visitForm', { subjectId: this.data.subjectId }) };
    },
    onKind(event: WechatMiniprogram.CustomEvent<{ value: VisitDraft['kind'] }>) {
      this.setData({ 'draft.kind': event.detail.value, problem: '' });
    },
    onOutcome(event: WechatMiniprogram.TouchEvent<object, object, { value: VisitOutcome }>) {
      this.setData({ 'draft.outcome': event.currentTarget.dataset.value, problem: '' });
    },
    onNote(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'draft.note': event.detail.value, problem: '' });
    },
    onCall(event: WechatMiniprogram.TouchEvent<object, object, { phone: string }>) {
      callNumber(event.currentTarget.dataset.phone);
    },
    async onPhoto() {
      if (this.data.busy) return;
      try {
        const [path] = await choosePhotoPaths(1);
        if (!path) return;
        this.setData({ busy: true });
        const [fileID] = await uploadFiles('care', [{ path }]);
        this.setData({ 'draft.photo': { fileID: fileID!, path } });
      } catch (error) {
        if (error instanceof Error && error.name !== 'ApiError') {
          wx.showToast({ title: error.message, icon: 'none', duration: 3000 });
        } else showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onRemovePhoto() {
      this.setData({ 'draft.photo': undefined });
    },
    /** From the tap: ask once for alert messages, then save. */
    onSave() {
      const problem = draftProblem(this.data.draft);
      if (problem) {
        this.setData({ problem });
        return;
      }
      if (this.data.busy) return;
      askThenProceed(this.data.template, () => void this.save());
    },
    async save() {
      this.setData({ busy: true });
      try {
        const saved = await call(
          'care',
          'recordVisit',
          visitInput(this.data.subjectId, this.data.requestId, this.data.draft),
        );
        this.setData({ saved, followUpText: this.data.draft.note.trim() });
        wx.showToast({
          title: saved.alertRaised ? '已记录，连续没找到人，已提醒亲属' : '走访已记录',
          icon: 'none',
          duration: 3000,
        });
        if (saved.visit.outcome === 'follow_up') void this.loadCategories();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    async loadCategories() {
      try {
        const options: ReportOptions = await call('report', 'options', {});
        const categories = options.categories.filter((c) => !c.safety).map((c) => ({ value: c.id, label: c.label }));
        this.setData({ categories, categoryId: categories[0]?.value ?? '' });
      } catch {
        this.setData({ categories: [] });
      }
    },
    onFollowUpText(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ followUpText: event.detail.value });
    },
    onCategory(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ categoryId: event.detail.value });
    },
    async onTask() {
      const saved = this.data.saved;
      if (!saved || this.data.busy) return;
      if (this.data.followUpText.trim().length < 2) {
        this.setData({ problem: '请写清楚需要工作人员做什么' });
        return;
      }
      this.setData({ busy: true, problem: '' });
      try {
        const visit = await call('care', 'followUpTask', {
          visitId: saved.visit.id,
          text: this.data.followUpText.trim(),
        });
        this.setData({ 'saved.visit': visit });
        wx.showToast({ title: '已交给社区工作人员', icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onReport() {
      const saved = this.data.saved;
      if (!saved || this.data.busy) return;
      if (this.data.followUpText.trim().length < 2 || !this.data.categoryId) {
        this.setData({ problem: '请选择报事类别，并写清楚是什么事' });
        return;
      }
      this.setData({ busy: true, problem: '' });
      try {
        const report = await call(
          'report',
          'submit',
          followUpReport(saved.visit.id, this.data.subjectId, this.data.categoryId, this.data.followUpText),
        );
        const visit = await call('care', 'linkReport', { visitId: saved.visit.id, reportId: report.id });
        this.setData({ 'saved.visit': visit });
        wx.showToast({ title: `已转报事 ${report.id}`, icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    /** Another visit of the same person: a fresh form and request id. */
    onDone() {
      this.setData({ saved: null, draft: emptyDraft(), requestId: newRequestId(), problem: '' });
      void this.load();
    },
    onArchive() {
      void wx.navigateTo({ url: `${PAGES.archive}?id=${this.data.subjectId}` });
    },
  },
});
