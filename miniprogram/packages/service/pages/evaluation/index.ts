/**
 * 考核评比: a month per staff member and per service — done, within the time limit,
 * satisfaction, complaints — the month's unsatisfied ratings, and what is open past its
 * time limit now. Bank staff see their own row; community staff and the director all, and
 * export the month as a spreadsheet.
 */
import type { EvaluationRow, EvaluationView } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, errorMessage } from '../../../../services/api';
import { openSpreadsheet } from '../../../../services/files';
import { SERVICE_PAGES } from '../../lib/pages';

type Tab = 'staff' | 'service';

Component({
  behaviors: [elderBehavior, loadable<{ view: EvaluationView; rows: EvaluationRow[] }>()],
  data: {
    month: '',
    tab: 'staff' as Tab,
    view: null as EvaluationView | null,
    /** The rows of the tab shown. */
    rows: [] as EvaluationRow[],
    exporting: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ month: options.month ?? '' });
      void this.load();
    },
    async fetch() {
      const view = await call('service', 'evaluation', this.data.month ? { month: this.data.month } : {});
      return { view, month: view.month, rows: this.data.tab === 'staff' ? view.byStaff : view.byService };
    },
    onMonth(event: WechatMiniprogram.BaseEvent<Record<string, never>, { month: string }>) {
      this.setData({ month: event.currentTarget.dataset.month });
      void this.load();
    },
    onTab(event: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
      const tab = event.detail.value;
      const view = this.data.view;
      this.setData({ tab, rows: view ? (tab === 'staff' ? view.byStaff : view.byService) : [] });
    },
    onRecord(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: SERVICE_PAGES.record(event.currentTarget.dataset.id) });
    },
    async onExport() {
      if (this.data.exporting || !this.data.view) return;
      this.setData({ exporting: true });
      try {
        const file = await call('service', 'exportEvaluation', { month: this.data.view.month });
        await openSpreadsheet(file);
      } catch (error) {
        wx.showToast({ title: errorMessage(error), icon: 'none', duration: 3000 });
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
