/**
 * 微型消防站 of one unit: the equipment with its expiry dates (the unit leader's own
 * extinguisher too), the inventory the unit leader or staff keep (count and expiry), and
 * the monthly inspection: every checklist item 正常 or 有问题 (with what is wrong) and at
 * least one photo, once a month.
 */
import type { EquipmentItem, StationView } from '../../../../../typings/domain/safety';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { choosePhotoPaths, uploadFiles } from '../../../../services/upload';

export const MAX_PHOTOS = 6;

interface Answer {
  key: string;
  label: string;
  ok: '' | 'ok' | 'problem';
  note: string;
}

const OK_CHOICES = [
  { value: 'ok', label: '正常' },
  { value: 'problem', label: '有问题' },
];

function stationData(station: StationView) {
  return {
    station,
    answers: station.checklist.map((item): Answer => ({ key: item.key, label: item.label, ok: '', note: '' })),
    drafts: station.items.map((item) => ({ id: item.id, count: String(item.count), expiresOn: item.expiresOn ?? '' })),
  };
}

/** The checklist as the server takes it, or what is missing in words. */
export function checklistInput(
  answers: readonly Answer[],
): Array<{ key: string; ok: boolean; note?: string }> | string {
  if (answers.some((answer) => !answer.ok)) return '请逐项选择“正常”或“有问题”';
  if (answers.some((answer) => answer.ok === 'problem' && !answer.note.trim())) return '有问题的项目请写明情况';
  return answers.map((answer) => ({
    key: answer.key,
    ok: answer.ok === 'ok',
    ...(answer.ok === 'problem' ? { note: answer.note.trim() } : {}),
  }));
}

Component({
  behaviors: [elderBehavior, loadable<ReturnType<typeof stationData>>()],
  data: {
    buildingNo: 0,
    unitNo: 0,
    station: null as StationView | null,
    answers: [] as Answer[],
    drafts: [] as Array<{ id: string; count: string; expiresOn: string }>,
    okChoices: OK_CHOICES,
    photos: [] as string[],
    editing: false,
    formError: '',
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ buildingNo: Number(options.b ?? 0), unitNo: Number(options.u ?? 0) });
      void this.load();
    },
    async fetch() {
      return stationData(
        await call('safety', 'station', { buildingNo: this.data.buildingNo, unitNo: this.data.unitNo }),
      );
    },
    onAnswer(event: WechatMiniprogram.CustomEvent<{ value: 'ok' | 'problem' }, object, { index: number }>) {
      this.setData({ [`answers[${event.currentTarget.dataset.index}].ok`]: event.detail.value, formError: '' });
    },
    onAnswerNote(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { index: number }>) {
      this.setData({ [`answers[${event.currentTarget.dataset.index}].note`]: event.detail.value });
    },
    async onAddPhotos() {
      try {
        const paths = await choosePhotoPaths(MAX_PHOTOS - this.data.photos.length);
        this.setData({ photos: [...this.data.photos, ...paths].slice(0, MAX_PHOTOS), formError: '' });
      } catch (error) {
        this.setData({ formError: (error as Error).message });
      }
    },
    onRemovePhoto(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      this.setData({ photos: this.data.photos.filter((_, index) => index !== event.currentTarget.dataset.index) });
    },
    async onSubmit() {
      const items = checklistInput(this.data.answers);
      if (typeof items === 'string') return this.setData({ formError: items });
      if (!this.data.photos.length) return this.setData({ formError: '请至少拍一张微型消防站的照片' });
      if (this.data.busy || !this.data.station) return;
      this.setData({ busy: true });
      try {
        const photos = await uploadFiles(
          'safety',
          this.data.photos.map((path) => ({ path })),
        );
        const station = await call('safety', 'inspect', { stationId: this.data.station.id, items, photos });
        this.setData({ state: 'ready', ...stationData(station), photos: [] });
        wx.showToast({ title: '检查已提交', icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onEdit() {
      this.setData({ editing: !this.data.editing });
    },
    onCountChange(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { index: number }>) {
      this.setData({ [`drafts[${event.currentTarget.dataset.index}].count`]: event.detail.value });
    },
    onExpiryChange(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { index: number }>) {
      this.setData({ [`drafts[${event.currentTarget.dataset.index}].expiresOn`]: event.detail.value });
    },
    async onSaveItems() {
      const station = this.data.station;
      if (!station || this.data.busy) return;
      const items: EquipmentItem[] = station.items.map((item, index) => {
        const draft = this.data.drafts[index]!;
        const { id, kind, label, at } = item;
        return {
          id,
          kind,
          label,
          at,
          count: Math.max(0, Math.min(99, Math.floor(Number(draft.count) || 0))),
          ...(draft.expiresOn ? { expiresOn: draft.expiresOn } : {}),
        };
      });
      this.setData({ busy: true });
      try {
        const saved = await call('safety', 'saveStation', { stationId: station.id, items, version: station.version });
        this.setData({ state: 'ready', ...stationData(saved), editing: false });
        wx.showToast({ title: '器材已更新', icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
