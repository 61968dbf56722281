/**
 * 发布通知 / 修改通知 (branch secretaries and staff). The scope picker offers only what
 * notice.targets allows the caller; images and attachments upload straight to storage
 * (storage.prepareUpload + wx.cloud.uploadFile) and the server checks them again; an urgent
 * notice asks for confirmation, since it reminds every resident in scope at once.
 */
import type { NoticeTargets } from '../../../../../typings/domain/notice';
import type { PublishOutput } from '../../../../../typings/functions/notice';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, isApiError, showApiError } from '../../../../services/api';
import { uploadFiles } from '../../../../services/upload';
import { newRequestId } from '../../../../utils/request-id';
import {
  addDays,
  buildingOptions,
  emptyForm,
  extOf,
  FILES_MAX,
  formOf,
  scopeModes,
  scopeText,
  serverFieldErrors,
  shanghaiToday,
  toDraft,
  unitOptions,
  validate,
  type FieldErrors,
  type NoticeForm,
  type Option,
  type ScopeMode,
} from './form';

type State = 'loading' | 'error' | 'ready';

export const MINE_PAGE = '/packages/staff/pages/notice-mine/index';

interface Picked {
  path: string;
  name?: string;
}

function pageTitle(mode: 'create' | 'edit'): string {
  return mode === 'edit' ? '修改通知' : '发布通知';
}

Component({
  behaviors: [elderBehavior],
  data: {
    requestId: '',
    state: 'loading' as State,
    errorMessage: '',
    mode: 'create' as 'create' | 'edit',
    id: '',
    version: 0,
    targets: null as NoticeTargets | null,
    modes: [] as Array<Option<ScopeMode>>,
    buildingChoices: [] as Array<Option<number>>,
    unitChoices: [] as Array<Option<number>>,
    form: null as NoticeForm | null,
    errors: {} as FieldErrors,
    errorCount: 0,
    uploading: false,
    submitting: false,
    filesMax: FILES_MAX,
    today: shanghaiToday(),
    maxDay: addDays(shanghaiToday(), 366),
    pickerVisible: false,
    confirmVisible: false,
    confirmText: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const id = options.id ?? '';
      const mode = id ? 'edit' : 'create';
      this.setData({ id, mode });
      if (typeof wx.setNavigationBarTitle === 'function') void wx.setNavigationBarTitle({ title: pageTitle(mode) });
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      try {
        const { id } = this.data;
        const [targets, notice] = await Promise.all([
          call('notice', 'targets', {}),
          id ? call('notice', 'detail', { id }) : Promise.resolve(null),
        ]);
        if (!targets.buildings.length) {
          this.setData({ state: 'error', errorMessage: '您没有可以发布通知的楼栋' });
          return;
        }
        if (notice && !notice.canEdit) {
          this.setData({ state: 'error', errorMessage: '这条通知已撤回或未通过审核，不能再修改' });
          return;
        }
        const form = notice ? formOf(notice, targets) : emptyForm(targets);
        this.setData({
          state: 'ready',
          targets,
          version: notice?.version ?? 0,
          modes: scopeModes(targets),
          buildingChoices: buildingOptions(targets),
          unitChoices: unitOptions(targets, form.unitBuilding),
          form,
          errors: {},
          errorCount: 0,
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },

    /** Changes one form field and clears its error. */
    patch(changes: Partial<NoticeForm>, clears: Array<keyof FieldErrors> = []) {
      const errors = { ...this.data.errors };
      for (const key of clears) delete errors[key];
      this.setData({ form: { ...this.data.form!, ...changes }, errors, errorCount: Object.keys(errors).length });
    },
    onScopeModeChange(event: WechatMiniprogram.CustomEvent<{ value: ScopeMode }>) {
      this.patch({ scopeMode: event.detail.value }, ['scope']);
    },
    onBuildingsChange(event: WechatMiniprogram.CustomEvent<{ value: number[] }>) {
      this.patch({ buildingNos: event.detail.value.map(Number) }, ['scope']);
    },
    onUnitBuildingChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      const unitBuilding = Number(event.detail.value);
      this.setData({ unitChoices: unitOptions(this.data.targets!, unitBuilding) });
      this.patch({ unitBuilding, unitNos: [] }, ['scope']);
    },
    onUnitsChange(event: WechatMiniprogram.CustomEvent<{ value: number[] }>) {
      this.patch({ unitNos: event.detail.value.map(Number) }, ['scope']);
    },
    onTitleChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.patch({ title: event.detail.value }, ['title']);
    },
    onBodyChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.patch({ body: event.detail.value }, ['body']);
    },
    onPinnedChange(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.patch({ pinned: event.detail.value });
    },
    onUrgentChange(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.patch({ urgent: event.detail.value });
    },
    onPickExpiry() {
      this.setData({ pickerVisible: true });
    },
    onExpiryConfirm(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ pickerVisible: false });
      this.patch({ expiresOn: String(event.detail.value).slice(0, 10) }, ['expiresOn']);
    },
    onExpiryCancel() {
      this.setData({ pickerVisible: false });
    },
    onClearExpiry() {
      this.patch({ expiresOn: '' }, ['expiresOn']);
    },

    filesLeft(): number {
      const form = this.data.form!;
      return FILES_MAX - form.images.length - form.attachments.length;
    },
    async onAddImages() {
      const left = this.filesLeft();
      if (left <= 0) {
        wx.showToast({ title: `图片和附件合计最多${FILES_MAX}个`, icon: 'none', duration: 3000 });
        return;
      }
      let picked: Picked[];
      try {
        const result = await wx.chooseMedia({ count: left, mediaType: ['image'], sizeType: ['compressed'] });
        picked = result.tempFiles.map((file) => ({ path: file.tempFilePath }));
      } catch {
        return; // cancelled
      }
      await this.upload(picked, (fileIDs) => ({
        images: [
          ...this.data.form!.images,
          ...fileIDs.map((fileID, index) => ({ fileID, url: picked[index]!.path, pending: true })),
        ],
      }));
    },
    async onAddAttachments() {
      const left = this.filesLeft();
      if (left <= 0) {
        wx.showToast({ title: `图片和附件合计最多${FILES_MAX}个`, icon: 'none', duration: 3000 });
        return;
      }
      let picked: Picked[];
      try {
        const result = await wx.chooseMessageFile({ count: left, type: 'file', extension: ['pdf', 'docx', 'xlsx'] });
        picked = result.tempFiles.map((file) => ({ path: file.path, name: file.name }));
      } catch {
        return; // cancelled
      }
      await this.upload(picked, (fileIDs) => ({
        attachments: [
          ...this.data.form!.attachments,
          ...fileIDs.map((fileID, index) => ({
            fileID,
            name: picked[index]!.name ?? `附件${index + 1}`,
            ext: extOf(picked[index]!.name ?? picked[index]!.path),
          })),
        ],
      }));
    },
    async upload(picked: Picked[], changes: (fileIDs: string[]) => Partial<NoticeForm>) {
      if (!picked.length) return;
      this.setData({ uploading: true });
      try {
        const fileIDs = await uploadFiles('notice', picked);
        this.patch(changes(fileIDs), ['files']);
      } catch (error) {
        if (isApiError(error)) showApiError(error);
        else wx.showToast({ title: '上传失败，请检查网络后重试', icon: 'none', duration: 3000 });
      } finally {
        this.setData({ uploading: false });
      }
    },
    onRemoveImage(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const images = this.data.form!.images.filter((_, index) => index !== Number(event.currentTarget.dataset.index));
      this.patch({ images }, ['files']);
    },
    onRemoveAttachment(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      const attachments = this.data.form!.attachments.filter((_, i) => i !== index);
      this.patch({ attachments }, ['files']);
    },

    onSubmit() {
      if (this.data.submitting || this.data.uploading) return;
      const form = this.data.form!;
      const errors = validate(form);
      this.setData({ errors, errorCount: Object.keys(errors).length });
      if (Object.keys(errors).length) {
        wx.showToast({ title: '还有内容没填好，请看标红的提示', icon: 'none', duration: 3000 });
        return;
      }
      if (form.urgent) {
        this.setData({
          confirmVisible: true,
          confirmText: `紧急通知会立即提醒${scopeText(form)}的居民：订阅了提醒的收到微信消息，其他人在“消息”里看到。确定发布吗？`,
        });
        return;
      }
      void this.submit();
    },
    onConfirmUrgent() {
      this.setData({ confirmVisible: false });
      void this.submit();
    },
    onCancelUrgent() {
      this.setData({ confirmVisible: false });
    },
    async submit() {
      const draft = toDraft(this.data.form!);
      this.setData({ submitting: true });
      try {
        const { mode, id, version } = this.data;
        // One request id per notice being written or edited, kept across retries: a retry after
        // a lost answer gets what the first try did (never a second notice, never "changed meanwhile").
        const requestId = this.data.requestId || newRequestId();
        this.setData({ requestId });
        const result: PublishOutput =
          mode === 'edit'
            ? await call('notice', 'update', { ...draft, id, version, requestId })
            : await call('notice', 'publish', { ...draft, requestId });
        this.setData({ submitting: false, version: result.version });
        wx.showToast({ title: this.doneMessage(result), icon: 'none', duration: 3000 });
        if (mode === 'edit') void wx.navigateBack();
        else void wx.redirectTo({ url: MINE_PAGE });
      } catch (error) {
        this.setData({ submitting: false });
        if (isApiError(error) && (error.code === 'INVALID_INPUT' || error.code === 'CONTENT_RISKY')) {
          const errors =
            error.code === 'CONTENT_RISKY' ? { body: error.message } : serverFieldErrors(error.fields, error.message);
          this.setData({ errors, errorCount: Object.keys(errors).length });
        }
        showApiError(error);
      }
    },
    doneMessage(result: PublishOutput): string {
      const verb = this.data.mode === 'edit' ? '已保存' : '已发布';
      if (result.held) return `${verb}，内容需人工复核，通过后居民才能看到`;
      if (result.push) return `${verb}，已提醒${result.push.recipients}位居民`;
      return `通知${verb}`;
    },
  },
});
