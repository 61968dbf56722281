/**
 * 本楼报事: what neighbours reported about the common areas of the caller's building (or
 * the community's common spots), with its status and how many also ran into it. Never who
 * reported it; household matters never show here.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { pagedList, type PageAnswer } from '../../../../behaviors/pagedList';
import { call } from '../../../../services/api';
import { itemRow, PAGES, type ItemRow } from '../../view';

type Scope = 'building' | 'community';
type PublicRow = ItemRow & { own: boolean };

Component({
  behaviors: [elderBehavior, pagedList<PublicRow>()],
  data: {
    scope: 'building' as Scope,
    scopeLabel: '',
  },
  methods: {
    onShow() {
      void this.loadPage(1);
    },
    onTabChange(event: WechatMiniprogram.CustomEvent<{ value: Scope }>) {
      this.setData({ scope: event.detail.value, state: 'loading', rows: [] });
      void this.loadPage(1);
    },
    async fetchPage(page: number): Promise<PageAnswer<PublicRow>> {
      const { items, hasMore, scopeLabel } = await call('report', 'publicList', { scope: this.data.scope, page });
      const rows = items.map((item) => ({ ...itemRow(item, item.own), own: item.own }));
      return { rows, hasMore, scopeLabel };
    },
    onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.detail}?id=${event.currentTarget.dataset.id}` });
    },
    onNew() {
      void wx.navigateTo({ url: PAGES.form });
    },
  },
});
