/**
 * 演练与升级设置 for staff. A drill runs the whole chain for a chosen flat — every message
 * and screen says 演练 — and opens its alarm screen. The ladder's settings: how long each
 * ring waits for an answer (shorter for seniors living alone), which later rings are used,
 * and who the community secretary is.
 */
import type { DeviceKind, LadderConfig } from '../../../../../typings/domain/safety';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { PAGES } from '../../view';

type Config = LadderConfig & { staff: Array<{ id: string; name: string }> };

/** "5-1-102" → the drill's place, or null. */
export function parseFlat(text: string): { buildingNo: number; unitNo: number; room: string } | null {
  const match = /^(\d{1,3})-(\d{1,2})-([0-9A-Za-z-]{1,10})$/.exec(text.trim());
  return match ? { buildingNo: Number(match[1]), unitNo: Number(match[2]), room: match[3]! } : null;
}

Component({
  behaviors: [elderBehavior, loadable<{ config: Config; leaders: Array<{ value: string; label: string }> }>()],
  data: {
    flat: '',
    kind: 'gas' as DeviceKind,
    kindChoices: [
      { value: 'gas', label: '燃气报警' },
      { value: 'smoke', label: '烟感报警' },
    ],
    config: null as Config | null,
    leaders: [] as Array<{ value: string; label: string }>,
    formError: '',
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async fetch() {
      const config = await call('safety', 'config', {});
      return { config, leaders: config.staff.map((person) => ({ value: person.id, label: person.name })) };
    },
    onFlat(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ flat: event.detail.value, formError: '' });
    },
    onKind(event: WechatMiniprogram.CustomEvent<{ value: DeviceKind }>) {
      this.setData({ kind: event.detail.value });
    },
    async onStartDrill() {
      const place = parseFlat(this.data.flat);
      if (!place) return this.setData({ formError: '请按“楼-单元-房间”填写，例如 5-1-102' });
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const { id } = await call('safety', 'startDrill', { ...place, kind: this.data.kind });
        void wx.navigateTo({ url: `${PAGES.alarm}?id=${id}` });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onMinutes(event: WechatMiniprogram.CustomEvent<{ value: number }, object, { field: string }>) {
      this.setData({ [`config.${event.currentTarget.dataset.field}`]: Number(event.detail.value) });
    },
    onRing(event: WechatMiniprogram.CustomEvent<{ value: boolean }, object, { field: string }>) {
      this.setData({ [`config.${event.currentTarget.dataset.field}`]: event.detail.value });
    },
    onLeaders(event: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ 'config.leaderIds': event.detail.value });
    },
    async onSaveConfig() {
      const config = this.data.config;
      if (!config || this.data.busy) return;
      const { staff: _staff, ...input } = config;
      this.setData({ busy: true });
      try {
        const saved = await call('safety', 'saveConfig', input);
        this.setData({ config: { ...saved, staff: config.staff } });
        wx.showToast({ title: '设置已保存', icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
