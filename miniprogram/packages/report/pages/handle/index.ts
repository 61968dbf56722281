/**
 * 处理报事 (branch secretary, unit leader, team leader, staff): the report with who
 * reported it (name, phone to call, address), and the next steps the server allows —
 * 受理, 开始处理 (a note for the reporter), 已解决 (a note and up to 3 photos), 驳回 or 重复
 * (with the reason), 转交 (to staff, a volunteer team or the building's branch) and
 * 内部备注 (never shown to the reporter). Each step answers the report as it now is.
 */
import type { ReassignTarget, ReportCapabilities, ReportDetail } from '../../../../../typings/domain/report';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable, type LoadState } from '../../../../behaviors/loadable';
import { call, isApiError, showApiError } from '../../../../services/api';
import { choosePhotos, uploadPhotos } from '../../media';
import { detailScreen, type DetailScreen } from '../../view';

type Panel = '' | 'start' | 'resolve' | 'decline' | 'reassign' | 'note';

const DONE: Record<Exclude<Panel, ''>, string> = {
  start: '已开始处理，已通知报事人',
  resolve: '已标记解决，已请报事人确认',
  decline: '已告知报事人原因',
  reassign: '已转交',
  note: '备注已保存',
};

/** The page data one answer sets. */
function handleData(detail: ReportDetail) {
  const targetList = detail.reassignTargets ?? [];
  return {
    screen: detailScreen(detail),
    can: detail.can,
    reporter: detail.reporter ?? null,
    targetList,
    targets: targetList.map((target) => ({ label: target.label, value: target.key })),
  };
}

/** What a load sets: the report, or the error state for a caller who does not handle it. */
type Loaded = ReturnType<typeof handleData> | { state: LoadState; errorMessage: string };

Component({
  behaviors: [elderBehavior, loadable<Loaded>()],
  data: {
    id: '',
    screen: null as DetailScreen | null,
    can: null as ReportCapabilities | null,
    reporter: null as ReportDetail['reporter'] | null,
    targets: [] as Array<{ label: string; value: string }>,
    targetList: [] as ReassignTarget[],
    panel: '' as Panel,
    text: '',
    outcome: 'rejected' as 'rejected' | 'duplicate',
    outcomes: [
      { label: '驳回（不属于处理范围等）', value: 'rejected' },
      { label: '与已有报事重复', value: 'duplicate' },
    ],
    duplicateOf: '',
    target: '',
    photos: [] as Array<{ fileID: string; url: string }>,
    uploading: false,
    formError: '',
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ id: options.id ?? '' });
      void this.load();
    },
    async fetch(): Promise<Loaded> {
      const detail = await call('report', 'detail', { id: this.data.id });
      if (detail.viewer !== 'handler') return { state: 'error', errorMessage: '您不负责处理这条报事' };
      return handleData(detail);
    },
    show(detail: ReportDetail) {
      this.setData({ state: 'ready', ...handleData(detail) });
    },

    onOpenPanel(event: WechatMiniprogram.TouchEvent<object, object, { panel: Panel }>) {
      this.setData({
        panel: event.currentTarget.dataset.panel,
        text: '',
        formError: '',
        photos: [],
        duplicateOf: '',
        target: '',
      });
    },
    onClosePanel() {
      this.setData({ panel: '', formError: '' });
    },
    onTextChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ text: event.detail.value, formError: '' });
    },
    onOutcomeChange(event: WechatMiniprogram.CustomEvent<{ value: 'rejected' | 'duplicate' }>) {
      this.setData({ outcome: event.detail.value, formError: '' });
    },
    onDuplicateChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ duplicateOf: event.detail.value.trim().toUpperCase() });
    },
    onTargetChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ target: String(event.detail.value), formError: '' });
    },
    async onAddPhotos() {
      let picked;
      try {
        picked = await choosePhotos(3 - this.data.photos.length);
      } catch (error) {
        wx.showToast({ title: (error as Error).message, icon: 'none', duration: 3000 });
        return;
      }
      if (!picked.length) return;
      this.setData({ uploading: true });
      try {
        const fileIDs = await uploadPhotos(picked);
        this.setData({
          photos: [...this.data.photos, ...fileIDs.map((fileID, i) => ({ fileID, url: picked[i]!.path }))],
        });
      } catch (error) {
        if (isApiError(error)) showApiError(error);
        else wx.showToast({ title: '照片上传失败，请检查网络后重试', icon: 'none', duration: 3000 });
      } finally {
        this.setData({ uploading: false });
      }
    },
    onRemovePhoto(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ photos: this.data.photos.filter((_, i) => i !== index) });
    },

    async run(action: () => Promise<ReportDetail>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        this.show(await action());
        this.setData({ panel: '', text: '', photos: [], formError: '' });
        wx.showToast({ title: done, icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onAccept() {
      void this.run(() => call('report', 'accept', { id: this.data.id }), '已受理，已通知报事人');
    },
    /** The open panel's 确定. */
    onSubmitPanel() {
      const { panel, id, outcome, duplicateOf, target, photos, uploading } = this.data;
      const text = this.data.text.trim();
      if (!panel || uploading) return;
      const need = (message: string) => this.setData({ formError: message });
      switch (panel) {
        case 'start':
          return void this.run(() => call('report', 'start', { id, ...(text ? { note: text } : {}) }), DONE.start);
        case 'resolve':
          if (!text) return need('请写一句处理结果，报事人会看到');
          return void this.run(
            () => call('report', 'resolve', { id, note: text, images: photos.map((photo) => photo.fileID) }),
            DONE.resolve,
          );
        case 'decline':
          if (text.length < 2) return need('请写明原因，报事人会看到');
          return void this.run(
            () =>
              call('report', 'decline', {
                id,
                outcome,
                reason: text,
                ...(outcome === 'duplicate' && duplicateOf ? { duplicateOf } : {}),
              }),
            DONE.decline,
          );
        case 'reassign': {
          const to = this.data.targetList.find((item) => item.key === target)?.to;
          if (!to) return need('请选择转交给谁');
          return void this.run(
            () => call('report', 'reassign', { id, to, ...(text ? { note: text } : {}) }),
            DONE.reassign,
          );
        }
        case 'note':
          if (!text) return need('请写备注内容');
          return void this.run(() => call('report', 'note', { id, text }), DONE.note);
      }
    },
    onCall() {
      const phone = this.data.reporter?.phone;
      if (phone) void wx.makePhoneCall({ phoneNumber: phone });
    },
  },
});
