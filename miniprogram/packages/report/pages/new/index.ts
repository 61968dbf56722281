/**
 * 我要报事: what kind of problem, a sentence, up to 3 photos (camera or album), where
 * (a building, a common spot, or the current location), urgent or not, a private
 * household matter or not. While the resident fills it in, open reports of the same kind
 * at the same place from the last 14 days are shown, so they can say 我也遇到了 instead.
 * On 提交 the app asks (from the tap, as WeChat requires) to send progress messages, then
 * calls report.submit and opens the new report.
 */
import type { TemplateView } from '../../../../../typings/domain/push';
import type { ReportItem, ReportOptions } from '../../../../../typings/domain/report';
import type { SubmitOutput } from '../../../../../typings/functions/report';
import { elderBehavior } from '../../../../behaviors/elder';
import { newRequestId } from '../../../../utils/request-id';
import { call, errorMessage, isApiError, showApiError } from '../../../../services/api';
import { askThenProceed, loadTemplate } from '../../../../services/subscribe';
import { choosePhotos, choosePoint, uploadPhotos } from '../../media';
import { itemRow, PAGES, type ItemRow } from '../../view';
import {
  buildingOptions,
  emptyForm,
  floorOptions,
  PLACE_MODES,
  placeOf,
  serverFieldErrors,
  toDraft,
  unitOptions,
  validate,
  whomOptions,
  type FieldErrors,
  type Option,
  type PlaceMode,
  type ReportForm,
} from './form';

type State = 'loading' | 'error' | 'blocked' | 'ready';

interface SimilarRow extends ItemRow {
  metooByMe: boolean;
  own: boolean;
}

let latestSimilar = 0;

function similarRows(items: Array<ReportItem & { metooByMe: boolean }>): SimilarRow[] {
  return items.map((item) => ({ ...itemRow(item), metooByMe: item.metooByMe, own: item.own }));
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    options: null as ReportOptions | null,
    form: null as ReportForm | null,
    errors: {} as FieldErrors,
    errorCount: 0,
    whomChoices: [] as Array<Option<string>>,
    placeModes: PLACE_MODES,
    buildingChoices: [] as Array<Option<number>>,
    unitChoices: [] as Array<Option<number>>,
    floorChoices: [] as Array<Option<number>>,
    spotChoices: [] as Array<Option<string>>,
    similar: [] as SimilarRow[],
    /** The chosen category's examples, said once under the chips. */
    categoryHint: '',
    template: null as TemplateView | null,
    uploading: false,
    submitting: false,
    /** The submission's id, kept until it is answered: a retry after a lost answer files nothing twice. */
    requestId: '',
    maxImages: 3,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      try {
        const [options, template] = await Promise.all([call('report', 'options', {}), loadTemplate('report')]);
        if (!options.canReport) {
          this.setData({ state: 'blocked', options, errorMessage: options.cannotReportReason ?? '' });
          return;
        }
        const form = emptyForm(options);
        this.setData({
          state: 'ready',
          options,
          template,
          form,
          maxImages: options.limits.maxImages,
          whomChoices: whomOptions(options),
          buildingChoices: buildingOptions(options),
          unitChoices: unitOptions(options, form.buildingNo),
          floorChoices: floorOptions(options, form.buildingNo),
          spotChoices: options.spots.map((spot) => ({ label: spot.label, value: spot.id })),
          errors: {},
          errorCount: 0,
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },

    /** Changes fields, clears their errors, and refreshes the duplicate hint when it may change. */
    patch(changes: Partial<ReportForm>, clears: Array<keyof FieldErrors> = []) {
      const errors = { ...this.data.errors };
      for (const key of clears) delete errors[key];
      this.setData({ form: { ...this.data.form!, ...changes }, errors, errorCount: Object.keys(errors).length });
      const watched: Array<keyof ReportForm> = [
        'categoryId',
        'placeMode',
        'buildingNo',
        'spotId',
        'point',
        'household',
      ];
      if (watched.some((key) => key in changes)) void this.refreshSimilar();
    },
    onWhomChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.patch({ forWhom: String(event.detail.value) }, ['whom']);
    },
    onCategoryChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const categoryId = String(event.detail.value);
      const category = this.data.options!.categories.find((item) => item.id === categoryId);
      this.setData({ categoryHint: category?.hint ?? '' });
      this.patch({ categoryId }, ['category']);
    },
    /** A chip of the category grid (single choice: tapping the chosen one keeps it). */
    onCategoryChip(event: WechatMiniprogram.BaseEvent<Record<string, never>, { value: string }>) {
      this.onCategoryChange({ detail: { value: event.currentTarget.dataset.value } } as never);
    },
    onDescriptionChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.patch({ description: event.detail.value }, ['description']);
    },
    onPlaceModeChange(event: WechatMiniprogram.CustomEvent<{ value: PlaceMode }>) {
      this.patch({ placeMode: event.detail.value }, ['place']);
    },
    onBuildingChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      const buildingNo = Number(event.detail.value);
      const options = this.data.options!;
      this.setData({ unitChoices: unitOptions(options, buildingNo), floorChoices: floorOptions(options, buildingNo) });
      this.patch({ buildingNo, unitNo: 0, floor: 0 }, ['place']);
    },
    onUnitChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      const unitNo = Number(event.detail.value);
      this.patch({ unitNo, ...(unitNo ? {} : { floor: 0 }) }, ['place']);
    },
    onFloorChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.patch({ floor: Number(event.detail.value) }, ['place']);
    },
    /** A chip of the place grid (single choice: tapping the chosen one keeps it). */
    onPlaceChip(
      event: WechatMiniprogram.BaseEvent<
        Record<string, never>,
        { field: 'mode' | 'building' | 'unit' | 'floor' | 'spot'; value: number | string }
      >,
    ) {
      const { field, value } = event.currentTarget.dataset;
      const detail = { detail: { value } } as never;
      if (field === 'mode') this.onPlaceModeChange(detail);
      else if (field === 'building') this.onBuildingChange(detail);
      else if (field === 'unit') this.onUnitChange(detail);
      else if (field === 'floor') this.onFloorChange(detail);
      else this.onSpotChange(detail);
    },
    onSpotChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.patch({ spotId: String(event.detail.value) }, ['place']);
    },
    async onChooseLocation() {
      try {
        const point = await choosePoint();
        if (point) this.patch({ point }, ['place']);
      } catch (error) {
        wx.showToast({ title: (error as Error).message, icon: 'none', duration: 3000 });
      }
    },
    onUrgentChange(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.patch({ urgent: Boolean(event.detail.value) });
    },
    onHouseholdChange(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.patch({ household: Boolean(event.detail.value) }, ['place']);
    },

    async onAddPhotos() {
      const form = this.data.form!;
      const left = this.data.maxImages - form.photos.length;
      if (left <= 0) {
        wx.showToast({ title: `最多${this.data.maxImages}张照片`, icon: 'none', duration: 3000 });
        return;
      }
      let picked;
      try {
        picked = await choosePhotos(left);
      } catch (error) {
        wx.showToast({ title: (error as Error).message, icon: 'none', duration: 3000 });
        return;
      }
      if (!picked.length) return;
      this.setData({ uploading: true });
      try {
        const fileIDs = await uploadPhotos(picked);
        const photos = fileIDs.map((fileID, index) => ({ fileID, url: picked[index]!.path }));
        this.patch({ photos: [...this.data.form!.photos, ...photos] });
      } catch (error) {
        if (isApiError(error)) showApiError(error);
        else wx.showToast({ title: '照片上传失败，请检查网络后重试', icon: 'none', duration: 3000 });
      } finally {
        this.setData({ uploading: false });
      }
    },
    onRemovePhoto(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.patch({ photos: this.data.form!.photos.filter((_, i) => i !== index) });
    },

    /** The duplicate hint: silent when it fails, it is only a hint. */
    async refreshSimilar() {
      const form = this.data.form!;
      const place = placeOf(form);
      const request = ++latestSimilar;
      if (!form.categoryId || !place) {
        if (this.data.similar.length) this.setData({ similar: [] });
        return;
      }
      try {
        const { items } = await call('report', 'similar', { categoryId: form.categoryId, place });
        if (request === latestSimilar) this.setData({ similar: similarRows(items) });
      } catch (error) {
        console.warn('[report] similar failed', error);
      }
    },
    async onMetoo(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      try {
        const { metoo } = await call('report', 'metoo', { id });
        this.setData({
          similar: this.data.similar.map((row) => (row.id === id ? { ...row, metoo, metooByMe: true } : row)),
        });
        wx.showToast({ title: `已记录，共${metoo}人遇到同样的问题`, icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      }
    },
    onViewSimilar(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.detail}?id=${event.currentTarget.dataset.id}` });
    },
    onGo(event: WechatMiniprogram.TouchEvent<object, object, { url: string }>) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    /** Straight from the tap: asks to send progress messages (WeChat allows it only here), then submits. */
    onSubmit() {
      if (this.data.submitting || this.data.uploading) return;
      const errors = validate(this.data.form!, this.data.options!);
      this.setData({ errors, errorCount: Object.keys(errors).length });
      if (Object.keys(errors).length) {
        wx.showToast({ title: '还有内容没填好，请看标红的提示', icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ submitting: true });
      askThenProceed(this.data.template, () => void this.submit());
    },
    async submit() {
      const requestId = this.data.requestId || newRequestId();
      this.setData({ submitting: true, requestId });
      try {
        const result: SubmitOutput = await call('report', 'submit', toDraft(this.data.form!, requestId));
        this.setData({ submitting: false, requestId: '' });
        wx.showToast({
          title: result.held
            ? `已提交给${result.assignmentLabel}；内容需人工复核后其他居民才能看到`
            : `已提交，已通知${result.assignmentLabel}`,
          icon: 'none',
          duration: 3000,
        });
        void wx.redirectTo({ url: `${PAGES.detail}?id=${result.id}` });
      } catch (error) {
        this.setData({ submitting: false });
        if (isApiError(error) && (error.code === 'INVALID_INPUT' || error.code === 'CONTENT_RISKY')) {
          const errors =
            error.code === 'CONTENT_RISKY'
              ? { description: error.message }
              : serverFieldErrors(error.fields, error.message);
          this.setData({ errors, errorCount: Object.keys(errors).length });
        }
        showApiError(error);
      }
    },
  },
});
