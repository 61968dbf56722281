/**
 * 办事指南: search the community's service handbook by words, pinyin or pinyin initials
 * ("dbz" finds 低保证), or browse by what happened in the family (a new baby, retiring…).
 * Each result says where it is done, how long it takes and how many things to bring; a tap
 * opens the item's "what do I bring" page. ONE call (service.search) per query. With
 * `?manage=1` (staff, from the window desk) a tap opens the item's editor instead.
 */
import type { LifeEvent, SearchView } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { SERVICE_PAGES } from '../../lib/pages';

Component({
  behaviors: [elderBehavior, loadable<{ view: SearchView }>()],
  data: {
    query: '',
    lifeEvent: '' as LifeEvent | '',
    view: null as SearchView | null,
    manage: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ manage: options.manage === '1', query: options.q ?? '' });
      void this.load();
    },
    async fetch() {
      const query = this.data.query.trim();
      const view = await call('service', 'search', {
        ...(query ? { query } : {}),
        ...(this.data.lifeEvent ? { lifeEvent: this.data.lifeEvent } : {}),
      });
      return { view };
    },
    onQuery(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ query: event.detail.value });
    },
    onSearch() {
      void this.load();
    },
    onClear() {
      this.setData({ query: '' });
      void this.load();
    },
    onLifeEvent(event: WechatMiniprogram.BaseEvent<Record<string, never>, { key: LifeEvent }>) {
      this.setData({ lifeEvent: event.currentTarget.dataset.key });
      void this.load();
    },
    onAllEvents() {
      this.setData({ lifeEvent: '', query: '' });
      void this.load();
    },
    onItem(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      void wx.navigateTo({ url: this.data.manage ? SERVICE_PAGES.editor(id) : SERVICE_PAGES.item(id) });
    },
    onNewItem() {
      void wx.navigateTo({ url: SERVICE_PAGES.editor() });
    },
    onMine() {
      void wx.navigateTo({ url: SERVICE_PAGES.mine });
    },
    onTicket() {
      void wx.navigateTo({ url: SERVICE_PAGES.ticket() });
    },
  },
});
