/**
 * 办件记录 (staff): the records still open at the caller's windows, soonest due first and
 * those past their time limit flagged in words, or today's. A tap opens the record.
 */
import type { RecordView } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { SERVICE_PAGES } from '../../lib/pages';

type Filter = 'open' | 'today';

Component({
  behaviors: [elderBehavior, loadable<{ items: RecordView[]; overdue: number }>()],
  data: {
    filter: 'open' as Filter,
    items: [] as RecordView[],
    overdue: 0,
  },
  methods: {
    onShow() {
      void this.load();
    },
    fetch() {
      return call('service', 'records', { filter: this.data.filter });
    },
    onFilter(event: WechatMiniprogram.CustomEvent<{ value: Filter }>) {
      this.setData({ filter: event.detail.value });
      void this.load();
    },
    onOpen(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: SERVICE_PAGES.record(event.currentTarget.dataset.id) });
    },
  },
});
