/**
 * 维护任务 of a unit leader (their unit), a branch secretary (their building) or staff
 * (everything): devices offline, low on battery, failing their self-test or tampered with,
 * extinguishers about to expire, and the monthly micro-fire-station inspection, which opens
 * the checklist. A device task is marked done here; a device coming back closes its own.
 */
import type { TaskView } from '../../../../../typings/domain/safety';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { PAGES } from '../../view';

type Status = 'open' | 'done';

export function stationLink(stationId: string): string | null {
  const match = /^station-(\d+)-(\d+)$/.exec(stationId);
  return match ? `${PAGES.inspect}?b=${match[1]}&u=${match[2]}` : null;
}

Component({
  behaviors: [elderBehavior, loadable<{ items: TaskView[]; hasMore: boolean; openCount: number }>()],
  data: {
    status: 'open' as Status,
    items: [] as TaskView[],
    hasMore: false,
    openCount: 0,
    busy: '',
  },
  methods: {
    /** Every time the page shows (e.g. back from an alarm). */
    onShow() {
      void this.load();
    },
    fetch() {
      return call('safety', 'tasks', { status: this.data.status });
    },
    onTab(event: WechatMiniprogram.CustomEvent<{ value: Status }>) {
      this.setData({ status: event.detail.value, items: [], state: 'loading' });
      void this.load();
    },
    onInspect(event: WechatMiniprogram.TouchEvent<object, object, { station: string }>) {
      const url = stationLink(event.currentTarget.dataset.station);
      if (url) void wx.navigateTo({ url });
    },
    async onDone(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      if (this.data.busy) return;
      this.setData({ busy: id });
      try {
        await call('safety', 'completeTask', { id });
        wx.showToast({ title: '已完成', icon: 'none', duration: 2000 });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: '' });
      }
    },
  },
});
