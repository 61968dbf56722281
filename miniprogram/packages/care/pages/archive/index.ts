/**
 * 居民档案: one's own archive (no `?id=`), or a bound senior's / an assigned person's
 * (`?id=`). Each field says who can see it; the person (or a relative acting for a senior
 * without WeChat) changes the values and who sees them, exports it, or asks for it to be
 * erased. The person and relatives see who read it (the access log). A reader other than
 * the person is logged by the server before the archive is shown. One call on load.
 */
import type { ArchiveField, ArchiveFieldView, ArchiveView } from '../../../../../typings/domain/care';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { exportFailed, openSpreadsheet } from '../../../../services/files';
import { archiveInput, FIELD_HINTS } from '../../view';

const VIEWER_LABELS: Record<ArchiveView['viewer'], string> = {
  self: '这是您自己的档案，只有您、您绑定的亲属和负责走访您的党员能看到您允许的内容。',
  relative: '您是亲属。您的查看会记录下来，本人可以看到。',
  carer: '您是负责走访的党员，只能看到本人允许走访党员看的内容。您的查看已记录，本人和亲属可以看到。',
};

type FieldRow = ArchiveFieldView & { hint: string };

function archiveData(view: ArchiveView) {
  return {
    view,
    fields: view.fields.map((field): FieldRow => ({ ...field, hint: FIELD_HINTS[field.key] })),
    viewerNote: VIEWER_LABELS[view.viewer],
    keptLabel: view.retention.kept.join('；'),
  };
}

Component({
  behaviors: [elderBehavior, loadable<ReturnType<typeof archiveData>>()],
  data: {
    residentId: '',
    view: null as ArchiveView | null,
    fields: [] as FieldRow[],
    viewerNote: '',
    keptLabel: '',
    editing: false,
    busy: false,
  },
  methods: {
    onLoad(query: { id?: string }) {
      this.setData({ residentId: query.id ?? '' });
      void this.load();
    },
    subject() {
      return this.data.residentId ? { residentId: this.data.residentId } : {};
    },
    async fetch() {
      return archiveData(await call('care', 'archive', this.subject()));
    },
    onEdit() {
      this.setData({ editing: true });
    },
    onCancel() {
      const view = this.data.view;
      if (view) this.setData({ editing: false, ...archiveData(view) });
    },
    indexOf(key: ArchiveField): number {
      return this.data.fields.findIndex((field) => field.key === key);
    },
    onValue(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { key: ArchiveField }>) {
      const index = this.indexOf(event.currentTarget.dataset.key);
      this.setData({ [`fields[${index}].value`]: event.detail.value });
    },
    onShare(
      event: WechatMiniprogram.CustomEvent<
        { value: boolean },
        object,
        { key: ArchiveField; who: 'relatives' | 'carers' }
      >,
    ) {
      const { key, who } = event.currentTarget.dataset;
      const index = this.indexOf(key);
      this.setData({ [`fields[${index}].share.${who}`]: event.detail.value });
    },
    async onSave() {
      const view = this.data.view;
      if (!view || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const saved = await call('care', 'saveArchive', {
          ...this.subject(),
          fields: archiveInput(this.data.fields),
          version: view.version,
        });
        this.setData({ editing: false, ...archiveData(saved) });
        wx.showToast({ title: '档案已保存', icon: 'none' });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onExport() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await openSpreadsheet(await call('care', 'exportArchive', this.subject()));
      } catch (error) {
        exportFailed(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onErase() {
      const view = this.data.view;
      if (!view || this.data.busy) return;
      wx.showModal({
        title: '删除档案？',
        content: `将删除：${view.retention.removed.join('、')}。会保留：${view.retention.kept.join('、')}。`,
        confirmText: '删除',
        success: ({ confirm }) => {
          if (confirm) void this.erase();
        },
      });
    },
    async erase() {
      this.setData({ busy: true });
      try {
        const { erasedLabel } = await call('care', 'eraseArchive', this.subject());
        wx.showToast({ title: erasedLabel, icon: 'none', duration: 3000 });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
