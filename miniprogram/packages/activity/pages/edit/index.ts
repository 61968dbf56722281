/**
 * 发布 / 编辑活动 (organisers): title, description, photos, organiser, place, times (Asia/
 * Shanghai wall clock, "YYYY-MM-DD HH:mm"), places or unlimited, who may sign up, companions,
 * volunteer hours. The server checks everything again and answers in plain words.
 */
import type { ActivityDraft, OrganiserOption } from '../../../../../typings/domain/activity';
import { elderBehavior } from '../../../../behaviors/elder';
import { uploadFiles } from '../../../../services/upload';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { addDays, clockOf, dateKey } from '../../../../utils/dates';
import { newRequestId } from '../../../../utils/request-id';

type State = 'loading' | 'error' | 'ready';
type TimeField = 'startAt' | 'endAt' | 'signupOpensAt' | 'signupDeadline';

const pad = (n: number) => String(n).padStart(2, '0');
/**
 * One per editor session: a create retried after a lost answer sends the same id and the
 * server makes no second activity (a refused create made nothing, so the id may be reused).
 */
let createRequestId = newRequestId();

/**
 * A new activity: the day after tomorrow 9–11, sign-up from the next full hour until the
 * evening before — on the community's clock (Asia/Shanghai), whatever the phone's zone.
 */
export function blankDraft(now = new Date()): ActivityDraft {
  const today = dateKey(now);
  const day = (offset: number, hour: number) => `${addDays(today, offset)} ${pad(hour)}:00`;
  const nextHour = new Date(Math.floor(now.getTime() / 3600_000) * 3600_000 + 3600_000);
  return {
    title: '',
    description: '',
    images: [],
    organiser: { kind: 'committee' },
    place: '',
    startAt: day(2, 9),
    endAt: day(2, 11),
    signupOpensAt: `${dateKey(nextHour)} ${clockOf(nextHour)}`,
    signupDeadline: day(1, 18),
    capacity: 30,
    eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: false },
    maxCompanions: 0,
    volunteerHours: 0,
  };
}

export function organiserKey(option: Pick<OrganiserOption, 'organiser'>): string {
  const o = option.organiser;
  return o.kind === 'committee' ? 'committee' : o.kind === 'branch' ? `branch-${o.buildingNo}` : `team-${o.teamId}`;
}

const BUILDINGS = Array.from({ length: 12 }, (_, i) => ({ label: `${i + 1}号楼`, value: i + 1 }));

/** 报名对象 as a chip grid (multi-select: check-tags, the choice also said by ✓). */
export function buildingChips(selected: readonly number[]): Array<{ value: number; label: string; checked: boolean }> {
  return BUILDINGS.map((b) => ({ ...b, checked: selected.includes(b.value) }));
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    id: '',
    version: 0,
    draft: blankDraft(),
    options: [] as Array<OrganiserOption & { key: string }>,
    organiserKey: '',
    buildingChips: buildingChips([]),
    unlimited: false,
    minAge: '',
    maxAge: '',
    imageUrls: [] as string[],
    picker: '' as TimeField | '',
    pickerValue: '',
    saving: false,
  },
  observers: {
    'draft.eligibility.buildingNos'(buildingNos: number[] | undefined) {
      this.setData({ buildingChips: buildingChips(buildingNos ?? []) });
    },
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      createRequestId = newRequestId();
      this.setData({ id: query.id ?? '' });
      if (query.id) wx.setNavigationBarTitle({ title: '编辑活动' });
      try {
        const [{ options }, detail] = await Promise.all([
          call('activity', 'organisers', {}),
          query.id ? call('activity', 'detail', { id: query.id }) : Promise.resolve(null),
        ]);
        const keyed = options.map((option) => ({ ...option, key: organiserKey(option) }));
        const draft = detail?.draft ?? { ...blankDraft(), organiser: options[0]?.organiser ?? { kind: 'committee' } };
        this.setData({
          state: 'ready',
          options: keyed,
          draft,
          version: detail?.version ?? 0,
          organiserKey: organiserKey({ organiser: draft.organiser }),
          unlimited: draft.capacity === null,
          minAge: draft.eligibility.minAge === undefined ? '' : String(draft.eligibility.minAge),
          maxAge: draft.eligibility.maxAge === undefined ? '' : String(draft.eligibility.maxAge),
          imageUrls: detail?.images.flatMap((image) => (image.url ? [image.url] : [])) ?? [],
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>) {
      this.setData({ [`draft.${event.currentTarget.dataset.field}`]: event.detail.value });
    },
    onAge(event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>) {
      this.setData({ [event.currentTarget.dataset.field]: event.detail.value });
    },
    onOrganiser(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const option = this.data.options.find((o) => o.key === event.detail.value);
      if (option) this.setData({ organiserKey: option.key, 'draft.organiser': option.organiser });
    },
    onBuildingChip(event: WechatMiniprogram.BaseEvent<Record<string, never>, { value: number }>) {
      const value = Number(event.currentTarget.dataset.value);
      const current = this.data.draft.eligibility.buildingNos;
      const next = current.includes(value)
        ? current.filter((no) => no !== value)
        : [...current, value].sort((a, b) => a - b);
      this.setData({ 'draft.eligibility.buildingNos': next });
    },
    onSwitch(event: WechatMiniprogram.CustomEvent<{ value: boolean }, Record<string, never>, { field: string }>) {
      const field = event.currentTarget.dataset.field;
      if (field === 'unlimited') {
        this.setData({ unlimited: event.detail.value, 'draft.capacity': event.detail.value ? null : 30 });
      } else this.setData({ [`draft.eligibility.${field}`]: event.detail.value });
    },
    onStepper(event: WechatMiniprogram.CustomEvent<{ value: number }, Record<string, never>, { field: string }>) {
      this.setData({ [`draft.${event.currentTarget.dataset.field}`]: Number(event.detail.value) });
    },
    onPickTime(event: WechatMiniprogram.BaseEvent<Record<string, never>, { field: TimeField }>) {
      const field = event.currentTarget.dataset.field;
      this.setData({ picker: field, pickerValue: this.data.draft[field] });
    },
    onTimeConfirm(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      if (this.data.picker) this.setData({ [`draft.${this.data.picker}`]: event.detail.value, picker: '' });
    },
    onTimeCancel() {
      this.setData({ picker: '' });
    },
    async onAddImages() {
      const room = 6 - this.data.draft.images.length;
      if (room <= 0) return;
      try {
        const { tempFiles } = await wx.chooseMedia({ count: room, mediaType: ['image'], sizeType: ['compressed'] });
        const fileIDs = await uploadFiles(
          'activity',
          tempFiles.map((file) => ({ path: file.tempFilePath })),
        );
        this.setData({
          'draft.images': [...this.data.draft.images, ...fileIDs],
          imageUrls: [...this.data.imageUrls, ...tempFiles.map((file) => file.tempFilePath)],
        });
      } catch (error) {
        if (error && typeof error === 'object' && 'errMsg' in error) return; // picker closed
        showApiError(error);
      }
    },
    onRemoveImage(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({
        'draft.images': this.data.draft.images.filter((_, i) => i !== index),
        imageUrls: this.data.imageUrls.filter((_, i) => i !== index),
      });
    },
    /** The draft as the server takes it. */
    collect(): ActivityDraft {
      const { draft, minAge, maxAge } = this.data;
      const age = (text: string) => (text.trim() === '' ? undefined : Number(text));
      const eligibility = {
        buildingNos: draft.eligibility.buildingNos,
        partyMembersOnly: draft.eligibility.partyMembersOnly,
        volunteersOnly: draft.eligibility.volunteersOnly,
        ...(age(minAge) !== undefined ? { minAge: age(minAge) } : {}),
        ...(age(maxAge) !== undefined ? { maxAge: age(maxAge) } : {}),
      };
      return { ...draft, title: draft.title.trim(), place: draft.place.trim(), eligibility };
    },
    async onSave() {
      const draft = this.collect();
      if (!draft.title || !draft.place || !draft.description.trim()) {
        wx.showToast({ title: '请填写标题、地点和活动介绍', icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ saving: true });
      try {
        const saved = this.data.id
          ? await call('activity', 'update', { ...draft, id: this.data.id, version: this.data.version })
          : await call('activity', 'create', { ...draft, requestId: createRequestId });
        const note = saved.held ? '已提交，内容审核通过后居民可见' : this.data.id ? '已保存' : '已发布';
        wx.showToast({
          title: saved.promoted ? `${note}，${saved.promoted}位候补已递补` : note,
          icon: 'none',
          duration: 3000,
        });
        void wx.navigateBack();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
