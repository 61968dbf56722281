/**
 * 活动 tab: upcoming activities (适合我: open to my building or my seniors' buildings; 全部),
 * each with its time, place, places left and my sign-up state in words; entries to 我的报名,
 * 志愿时长 and, for organisers, 组织活动. One call per view: activity.list.
 */
import { elderBehavior } from '../../behaviors/elder';
import { call, errorMessage, isApiError, showApiError } from '../../services/api';
import type { ActivityItem } from '../../../typings/domain/activity';
import { DETAIL_PAGE, suitsMe, toCard, type ActivityCard } from './view';
import { showTab } from '../../custom-tab-bar/tabs';

type State = 'loading' | 'error' | 'unregistered' | 'ready';
type Filter = 'forMe' | 'all';

export const MINE_PAGE = '/packages/activity/pages/mine/index';
export const HOURS_PAGE = '/packages/activity/pages/hours/index';
export const ORGANISE_PAGE = '/packages/activity/pages/organise/index';

let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    filter: 'forMe' as Filter,
    cards: [] as ActivityCard[],
    page: 1,
    hasMore: false,
    loadingMore: false,
    canOrganise: false,
  },
  methods: {
    onShow() {
      showTab(this, '/pages/activity/index');
      void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    onFilter(event: WechatMiniprogram.CustomEvent<{ value: Filter }>) {
      if (event.detail.value === this.data.filter) return;
      this.setData({ filter: event.detail.value, state: 'loading', cards: [] });
      void this.load();
    },
    cardsOf(items: ActivityItem[]): ActivityCard[] {
      return (this.data.filter === 'forMe' ? items.filter(suitsMe) : items).map((item) => toCard(item));
    },
    async load() {
      const request = ++latestRequest;
      try {
        const { items, hasMore, canOrganise } = await call('activity', 'list', { filter: this.data.filter });
        if (request !== latestRequest) return;
        this.setData({ state: 'ready', cards: this.cardsOf(items), hasMore, page: 1, canOrganise });
      } catch (error) {
        if (request !== latestRequest) return;
        // A first-time user is asked to register, the same way on every tab.
        if (isApiError(error) && error.code === 'NOT_REGISTERED') this.setData({ state: 'unregistered' });
        else if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    async onMore() {
      if (this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const page = this.data.page + 1;
        const { items, hasMore } = await call('activity', 'list', { filter: this.data.filter, page });
        this.setData({ cards: [...this.data.cards, ...this.cardsOf(items)], hasMore, page });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    onOpen(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `${DETAIL_PAGE}?id=${event.currentTarget.dataset.id}` });
    },
  },
});
