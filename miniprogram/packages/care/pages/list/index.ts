/**
 * 关爱名单 (branch secretary, staff): who is on the care list of the building(s), why, the
 * recorded consent, carers, plan, last visit and open alerts; ended entries on their own
 * tab. 查找居民 finds someone to add (care.findPeople); a row opens the entry with its
 * consent form. One call per tab.
 */
import type { CareListItem } from '../../../../../typings/domain/care';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { DUE_TAGS, PAGES, type StatusTag } from '../../view';

type Row = CareListItem & { tag: StatusTag; categories: string; carerNames: string };
type Found = { residentId: string; name: string; addressLabel: string; onList: boolean };

export function rowOf(item: CareListItem): Row {
  return {
    ...item,
    tag: item.status === 'ended' ? { text: '已移出', theme: 'default', icon: 'close-circle' } : DUE_TAGS[item.due],
    categories: item.categoryLabels.join('、'),
    carerNames: item.carers.map((carer) => carer.name).join('、'),
  };
}

const STATUS_CHOICES = [
  { value: 'active', label: '在名单上' },
  { value: 'ended', label: '已移出' },
];

Component({
  behaviors: [elderBehavior, loadable<{ rows: Row[]; buildings: number[] }>()],
  data: {
    status: 'active' as 'active' | 'ended',
    statusChoices: STATUS_CHOICES,
    rows: [] as Row[],
    buildings: [] as number[],
    query: '',
    found: null as Found[] | null,
    busy: false,
  },
  methods: {
    onShow() {
      void this.load();
    },
    async fetch() {
      const { items, buildings } = await call('care', 'careList', { status: this.data.status });
      return { rows: items.map(rowOf), buildings };
    },
    onStatus(event: WechatMiniprogram.CustomEvent<{ value: 'active' | 'ended' }>) {
      this.setData({ status: event.detail.value });
      void this.load();
    },
    onQuery(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ query: event.detail.value });
    },
    async onSearch() {
      const query = this.data.query.trim();
      if (!query || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const { items } = await call('care', 'findPeople', { query });
        this.setData({ found: items });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.entry}?id=${event.currentTarget.dataset.id}` });
    },
  },
});
