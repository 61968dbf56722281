/**
 * 食堂管理 (canteen staff): the week's menus, drafts included — each meal with its state in
 * words, dishes, portions ordered of those offered and its cut-off; 复制上周菜单 makes drafts
 * of last week's, 发布本周菜单 publishes the drafts; a tap opens the menu editor. Entries to
 * 今日统计, 送餐名单, 导出报表, 送餐分工 and 默认设置.
 */
import type { StaffWeekView } from '../../../../../typings/domain/canteen';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';

type State = 'loading' | 'error' | 'ready';

export const EDITOR_PAGE = '/packages/canteen/pages/menu-editor/index';

let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    weekStart: '',
    week: null as StaffWeekView | null,
    busy: false,
  },
  methods: {
    onShow() {
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      const request = ++latestRequest;
      try {
        const week = await call('canteen', 'staffWeek', this.data.weekStart ? { weekStart: this.data.weekStart } : {});
        if (request !== latestRequest) return;
        this.setData({ state: 'ready', week, weekStart: week.weekStart });
      } catch (error) {
        if (request !== latestRequest) return;
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onWeek(event: WechatMiniprogram.BaseEvent<Record<string, never>, { week: string }>) {
      this.setData({ weekStart: event.currentTarget.dataset.week, state: 'loading' });
      void this.load();
    },
    onEdit(event: WechatMiniprogram.BaseEvent<Record<string, never>, { date: string; meal: string }>) {
      const { date, meal } = event.currentTarget.dataset;
      void wx.navigateTo({ url: `${EDITOR_PAGE}?date=${date}&meal=${meal}` });
    },
    async onCopy() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const { created, skipped, week } = await call('canteen', 'copyWeek', { toWeekStart: this.data.weekStart });
        this.setData({ week });
        wx.showToast({
          title: created
            ? `已复制${created}餐为草稿${skipped ? `，${skipped}餐已有菜单未覆盖` : ''}`
            : '这一周的菜单都已经有了',
          icon: 'none',
          duration: 3000,
        });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onPublish() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const { published, late, week } = await call('canteen', 'publishWeek', { weekStart: this.data.weekStart });
        this.setData({ week });
        wx.showToast({
          title: published ? `已发布${published}餐${late ? `，其中${late}餐已过截止时间` : ''}` : '没有待发布的草稿',
          icon: 'none',
          duration: 3000,
        });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
