/**
 * One service item: "what do I bring" on the first screen — every material with 原件 /
 * 复印件 and how many, 视情况 for the optional ones, a photo of what it looks like — then
 * the time limit, where and when, who is eligible, the steps, the fee, the responsible
 * post and the clause of the standard, and the item's versions. 预约办理 books a slot.
 */
import type { ItemHistoryEntry, ItemView } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { SERVICE_PAGES } from '../../lib/pages';

export type ItemScreen = Omit<ItemView, 'history'> & { history: Array<ItemHistoryEntry & { changesText: string }> };

export function itemScreen(item: ItemView): ItemScreen {
  return { ...item, history: item.history.map((entry) => ({ ...entry, changesText: entry.changes.join('、') })) };
}

Component({
  behaviors: [elderBehavior, loadable<{ item: ItemScreen }>({ emptyOn: ['NOT_FOUND'] })],
  data: {
    id: '',
    item: null as ItemScreen | null,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ id: options.id ?? '' });
      void this.load();
    },
    async fetch() {
      const item = await call('service', 'item', { id: this.data.id });
      wx.setNavigationBarTitle?.({ title: item.title });
      return { item: itemScreen(item) };
    },
    onPhoto(event: WechatMiniprogram.BaseEvent<Record<string, never>, { url: string }>) {
      const url = event.currentTarget.dataset.url;
      const urls = (this.data.item?.materials ?? []).flatMap((material) =>
        material.photoUrl ? [material.photoUrl] : [],
      );
      void wx.previewImage({ current: url, urls });
    },
    onBook() {
      const item = this.data.item;
      if (item) void wx.navigateTo({ url: SERVICE_PAGES.book(item.window, item.id) });
    },
  },
});
