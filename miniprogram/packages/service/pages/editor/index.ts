/**
 * 编辑办事指南 (staff): the standard of an item (or a new one) as a form — lists one entry a
 * line, every material with 原件 / 复印件, 视情况 and a photo of what it looks like — and
 * what changed. 提交审核 sends a proposal; another staff member or the director approves
 * it and it becomes the next version. One proposal waits per item at a time.
 */
import type { EditorView, RevisionView } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { choosePhotoPaths, uploadFiles } from '../../../../services/upload';
import { emptyMaterial, formProblem, toContent, toForm, type ItemForm } from '../../lib/item-form';

Component({
  behaviors: [elderBehavior, loadable<{ view: EditorView; form: ItemForm; problem: string }>()],
  data: {
    id: '',
    view: null as EditorView | null,
    form: null as ItemForm | null,
    problem: '',
    submitting: false,
    sent: null as RevisionView | null,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ id: options.id ?? '' });
      void this.load();
    },
    async fetch() {
      const view = await call('service', 'editor', this.data.id ? { id: this.data.id } : {});
      const form = toForm(view.content, view.photoUrls);
      return { view, form, problem: formProblem(form) };
    },
    set(path: string, value: unknown) {
      this.setData({ [`form.${path}`]: value });
      if (this.data.form) this.setData({ problem: formProblem(this.data.form) });
    },
    onField(event: WechatMiniprogram.CustomEvent<{ value: unknown }, Record<string, never>, { field: string }>) {
      this.set(event.currentTarget.dataset.field, event.detail.value);
    },
    onFlag(event: WechatMiniprogram.CustomEvent<{ value: string[] }, Record<string, never>, { index: number }>) {
      const index = event.currentTarget.dataset.index;
      this.set(`materials[${index}].original`, event.detail.value.includes('original'));
      this.set(`materials[${index}].optional`, event.detail.value.includes('optional'));
    },
    onBookable(event: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.set('bookable', event.detail.value.includes('bookable'));
    },
    onAddMaterial() {
      this.set('materials', [...(this.data.form?.materials ?? []), emptyMaterial()]);
    },
    onRemoveMaterial(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.set(
        'materials',
        (this.data.form?.materials ?? []).filter((_row, at) => at !== index),
      );
    },
    async onPhoto(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      try {
        const [path] = await choosePhotoPaths(1);
        if (!path) return;
        const [fileID] = await uploadFiles('service', [{ path }]);
        this.set(`materials[${index}].photo`, fileID);
        this.set(`materials[${index}].photoUrl`, path);
      } catch (error) {
        wx.showToast({
          title: error instanceof Error ? error.message : errorMessage(error),
          icon: 'none',
          duration: 3000,
        });
      }
    },
    async onSubmit() {
      const { form, view } = this.data;
      if (!form || !view || this.data.submitting || this.data.problem) return;
      this.setData({ submitting: true });
      try {
        const sent = await call('service', 'propose', {
          ...(view.itemId ? { itemId: view.itemId } : {}),
          baseVersion: view.version,
          content: toContent(form),
          note: form.note.trim(),
        });
        this.setData({ sent });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ submitting: false });
      }
    },
    onBack() {
      void wx.navigateBack();
    },
  },
});
