/**
 * 我的报事: the caller's reports (and those they filed for a senior), 进行中 (still being
 * handled or waiting for their confirmation) and 已办结, newest first, 20 at a time.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { pagedList, type PageAnswer } from '../../../../behaviors/pagedList';
import { call } from '../../../../services/api';
import { itemRow, PAGES, type ItemRow } from '../../view';

type Tab = 'open' | 'done';

Component({
  behaviors: [elderBehavior, pagedList<ItemRow>()],
  data: {
    tab: 'open' as Tab,
  },
  methods: {
    /** Every time it shows (e.g. back from a report just confirmed). */
    onShow() {
      void this.loadPage(1);
    },
    onTabChange(event: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
      this.setData({ tab: event.detail.value, state: 'loading', rows: [] });
      void this.loadPage(1);
    },
    async fetchPage(page: number): Promise<PageAnswer<ItemRow>> {
      const { items, hasMore } = await call('report', 'mine', { open: this.data.tab === 'open', page });
      return { rows: items.map((item) => itemRow(item, true)), hasMore };
    },
    onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.detail}?id=${event.currentTarget.dataset.id}` });
    },
    onNew() {
      void wx.navigateTo({ url: PAGES.form });
    },
  },
});
