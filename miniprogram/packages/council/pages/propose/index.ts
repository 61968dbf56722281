/**
 * 提议题: what the matter is, a few sentences, its category, whom it concerns (my
 * building, several buildings, the whole community) and up to six photos. On 提交 the app
 * asks (from the tap, as WeChat requires) to send 议事进展通知, then calls
 * council.propose and opens the new topic. Loading: council.proposeForm.
 */
import type { TopicCategory } from '../../../../../typings/domain/council';
import type { TemplateView } from '../../../../../typings/domain/push';
import type { CouncilActions } from '../../../../../typings/functions/council';
import { elderBehavior } from '../../../../behaviors/elder';
import { COUNCIL_PAGES } from '../../../../pages/council/status';
import { call, errorMessage, isApiError, showApiError } from '../../../../services/api';
import { addPhotos } from '../../lib/media';
import { askThenProceed, loadTemplate } from '../../../../services/subscribe';
import { newRequestId } from '../../../../utils/request-id';
import {
  emptyForm,
  MAX_PHOTOS,
  serverErrors,
  toDraft,
  toggleBuilding,
  validate,
  type FieldErrors,
  type ProposeForm,
  type ScopeMode,
} from './form';

type State = 'loading' | 'error' | 'full' | 'ready';
type FormInfo = CouncilActions['proposeForm']['output'];

interface BuildingChip {
  no: number;
  label: string;
  on: boolean;
  mine: boolean;
}

function buildingChips(info: FormInfo, form: ProposeForm): BuildingChip[] {
  return info.buildings.map((building) => ({
    ...building,
    on: form.buildingNos.includes(building.no),
    mine: building.no === info.myBuildingNo,
  }));
}

const SCOPE_MODES: Array<{ value: ScopeMode; label: string }> = [
  { value: 'mine', label: '只涉及本楼' },
  { value: 'several', label: '涉及几栋楼' },
  { value: 'community', label: '涉及全社区' },
];

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    info: null as FormInfo | null,
    form: null as ProposeForm | null,
    errors: {} as FieldErrors,
    scopeModes: SCOPE_MODES,
    maxPhotos: MAX_PHOTOS,
    template: null as TemplateView | null,
    uploading: false,
    submitting: false,
    buildingChips: [] as BuildingChip[],
    /** One per form, kept across a retry: a lost answer's retry answers the topic proposed. */
    requestId: '',
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
        const [info, template] = await Promise.all([call('council', 'proposeForm', {}), loadTemplate('council')]);
        const form = emptyForm(info.myBuildingNo);
        this.setData({
          state: info.open >= info.limit ? 'full' : 'ready',
          info,
          template,
          form,
          buildingChips: buildingChips(info, form),
          errors: {},
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    patch(changes: Partial<ProposeForm>, clear?: keyof FieldErrors) {
      const errors = { ...this.data.errors };
      if (clear) delete errors[clear];
      const form = { ...this.data.form!, ...changes };
      this.setData({
        form,
        errors,
        ...(changes.buildingNos ? { buildingChips: buildingChips(this.data.info!, form) } : {}),
      });
    },
    onTitleChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.patch({ title: event.detail.value }, 'title');
    },
    onBodyChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.patch({ body: event.detail.value }, 'body');
    },
    onCategoryTap(event: WechatMiniprogram.TouchEvent<object, object, { value: TopicCategory }>) {
      this.patch({ category: event.currentTarget.dataset.value }, 'category');
    },
    onScopeTap(event: WechatMiniprogram.TouchEvent<object, object, { value: ScopeMode }>) {
      this.patch({ scopeMode: event.currentTarget.dataset.value }, 'scope');
    },
    onBuildingTap(event: WechatMiniprogram.TouchEvent<object, object, { no: number }>) {
      const info = this.data.info!;
      const form = this.data.form!;
      this.patch(
        { buildingNos: toggleBuilding(form, Number(event.currentTarget.dataset.no), info.myBuildingNo) },
        'scope',
      );
    },
    async onAddPhotos() {
      const left = MAX_PHOTOS - this.data.form!.photos.length;
      if (left <= 0) {
        wx.showToast({ title: `最多${MAX_PHOTOS}张照片`, icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ uploading: true });
      try {
        const photos = await addPhotos(left);
        if (photos.length) this.patch({ photos: [...this.data.form!.photos, ...photos] });
      } catch (error) {
        if (isApiError(error)) showApiError(error);
        else
          wx.showToast({ title: (error as Error).message || '照片上传失败，请稍后再试', icon: 'none', duration: 3000 });
      } finally {
        this.setData({ uploading: false });
      }
    },
    onRemovePhoto(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.patch({ photos: this.data.form!.photos.filter((_photo, i) => i !== index) });
    },
    /** Straight from the tap: asks for 议事进展通知 (WeChat allows it only here), then submits. */
    onSubmit() {
      if (this.data.submitting || this.data.uploading) return;
      const errors = validate(this.data.form!);
      this.setData({ errors });
      if (Object.keys(errors).length) {
        wx.showToast({ title: '还有内容没填好，请看红字提示', icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ submitting: true });
      askThenProceed(this.data.template, () => void this.submit());
    },
    async submit() {
      try {
        const requestId = this.data.requestId || newRequestId();
        this.setData({ requestId });
        const result = await call('council', 'propose', {
          ...toDraft(this.data.form!, this.data.info!.myBuildingNo),
          requestId,
        });
        wx.showToast({
          title: result.held ? '已提交，内容审核通过后其他居民才能看到' : '已提交，邻居们现在就能看到并支持',
          icon: 'none',
          duration: 3000,
        });
        void wx.redirectTo({ url: `${COUNCIL_PAGES.detail}?id=${result.id}` });
      } catch (error) {
        if (isApiError(error) && (error.code === 'INVALID_INPUT' || error.code === 'CONTENT_RISKY')) {
          this.setData({
            errors:
              error.code === 'CONTENT_RISKY' ? { body: error.message } : serverErrors(error.fields, error.message),
          });
        }
        showApiError(error);
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
