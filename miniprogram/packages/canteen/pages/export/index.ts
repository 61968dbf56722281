/**
 * 导出报表 (canteen and community staff): a day's orders, or a month's summary per senior with
 * every order, as a spreadsheet opened on the phone (and forwarded from its menu).
 */
import type { ExportFile } from '../../../../../typings/domain/canteen';
import { elderBehavior } from '../../../../behaviors/elder';
import { communityMonth, communityToday } from '../../../../pages/canteen/view';
import { call, showApiError } from '../../../../services/api';
import { openSpreadsheet } from '../../../../services/files';

Component({
  behaviors: [elderBehavior],
  data: {
    date: '',
    month: '',
    today: '',
    busy: '' as '' | 'day' | 'month',
    last: null as ExportFile | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const today = communityToday();
      this.setData({ date: query.date ?? today, month: query.month ?? communityMonth(), today });
    },
    onDate(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ date: event.detail.value });
    },
    onMonth(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ month: event.detail.value });
    },
    async run(kind: 'day' | 'month') {
      if (this.data.busy) return;
      this.setData({ busy: kind });
      try {
        const file =
          kind === 'day'
            ? await call('canteen', 'exportDay', { date: this.data.date })
            : await call('canteen', 'exportMonth', { month: this.data.month });
        this.setData({ last: file });
        if (!file.rows) {
          wx.showToast({ title: '没有订单，已导出空表', icon: 'none', duration: 2000 });
        }
        await openSpreadsheet(file).catch((error: unknown) => {
          console.warn('[canteen] cannot open the spreadsheet', error);
          wx.showToast({ title: '表格已生成，但无法打开，请稍后再试', icon: 'none', duration: 3000 });
        });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: '' });
      }
    },
    onExportDay() {
      void this.run('day');
    },
    onExportMonth() {
      void this.run('month');
    },
  },
});
