/**
 * 报事统计 (staff: the whole community; a branch secretary: their building): for a month,
 * per building and category — open now, reported, resolved, median hours to accept and
 * to resolve, satisfaction — and the month as a spreadsheet to download.
 */
import type { ReportStats, StatsRow } from '../../../../../typings/domain/report';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { hoursLabel, monthLabel, shanghaiMonth, shiftMonth } from '../../view';

type State = 'loading' | 'error' | 'ready';

export interface StatsLine {
  key: string;
  label: string;
  open: number;
  reported: number;
  resolved: number;
  accept: string;
  resolve: string;
  satisfaction: string;
}

function line(row: StatsRow, label: string): StatsLine {
  return {
    key: row.key,
    label,
    open: row.open,
    reported: row.reported,
    resolved: row.resolved,
    accept: hoursLabel(row.medianAcceptHours, row.medianAcceptMinutes),
    resolve: hoursLabel(row.medianResolveHours, row.medianResolveMinutes),
    satisfaction: row.satisfaction === undefined ? '暂无评价' : `${row.satisfaction} 分（${row.ratings}人评价）`,
  };
}

export function statsScreen(stats: ReportStats) {
  return {
    total: line(stats.total, '合计'),
    buildings: stats.buildings.map((building) => ({
      ...line(building, building.buildingLabel),
      categories: building.categories.map((cell) => line(cell, cell.categoryLabel)),
    })),
    categories: stats.categories.map((row) => line(row, row.categoryLabel)),
    scope: stats.scopeLabel,
  };
}

let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    month: shanghaiMonth(),
    monthText: monthLabel(shanghaiMonth()),
    isCurrent: true,
    screen: null as ReturnType<typeof statsScreen> | null,
    opened: [] as string[],
    exporting: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    onPrev() {
      this.go(shiftMonth(this.data.month, -1));
    },
    onNext() {
      if (!this.data.isCurrent) this.go(shiftMonth(this.data.month, 1));
    },
    go(month: string) {
      this.setData({ month, monthText: monthLabel(month), isCurrent: month >= shanghaiMonth(), state: 'loading' });
      void this.load();
    },
    async load() {
      const request = ++latestRequest;
      try {
        const stats = await call('report', 'stats', { month: this.data.month });
        if (request === latestRequest) this.setData({ state: 'ready', screen: statsScreen(stats) });
      } catch (error) {
        if (request === latestRequest) this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onCollapse(event: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ opened: event.detail.value });
    },
    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      try {
        const file = await call('report', 'exportStats', { month: this.data.month });
        wx.downloadFile({
          url: file.url,
          success: (download) => {
            if (download.statusCode !== 200) return this.exportFailed();
            wx.openDocument({
              filePath: download.tempFilePath,
              fileType: 'xlsx',
              showMenu: true,
              fail: () => this.exportFailed(),
            });
          },
          fail: () => this.exportFailed(),
          complete: () => this.setData({ exporting: false }),
        });
      } catch (error) {
        this.setData({ exporting: false });
        showApiError(error);
      }
    },
    exportFailed() {
      wx.showToast({ title: '表格打开失败，请稍后再试', icon: 'none', duration: 3000 });
    },
  },
});
