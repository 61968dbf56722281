/**
 * 议事 tab: the council's topics by stage (征集中 … 已完成), filtered by my building and
 * by category, with the entries to propose a topic, my topics and — for staff and branch
 * secretaries — the agenda. One call: council.list (again on every show, so a vote cast
 * or a topic decided elsewhere shows when the resident comes back).
 */
import type { TopicCategory, TopicStage } from '../../../typings/domain/council';
import { elderBehavior } from '../../behaviors/elder';
import { call, errorMessage, isApiError, showApiError } from '../../services/api';
import { CATEGORY_CHIPS, COUNCIL_PAGES, STAGE_TABS, topicRow, type TopicRow } from './status';
import { showTab } from '../../custom-tab-bar/tabs';

type State = 'loading' | 'error' | 'unregistered' | 'ready';

let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    tabs: STAGE_TABS,
    categories: CATEGORY_CHIPS,
    stage: '' as TopicStage | '',
    category: '' as TopicCategory | '',
    myBuilding: false,
    myBuildingLabel: '',
    rows: [] as TopicRow[],
    page: 1,
    hasMore: false,
    loadingMore: false,
    canPropose: false,
    canManage: false,
    emptyText: '',
  },
  methods: {
    onShow() {
      showTab(this, '/pages/council/index');
      void this.load(1);
    },
    onPullDownRefresh() {
      void this.load(1).finally(() => wx.stopPullDownRefresh());
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load(1);
    },
    onStageChange(event: WechatMiniprogram.CustomEvent<{ value: TopicStage | '' }>) {
      this.setData({ stage: event.detail.value, state: 'loading' });
      void this.load(1);
    },
    onMyBuildingTap() {
      this.setData({ myBuilding: !this.data.myBuilding, state: 'loading' });
      void this.load(1);
    },
    onCategoryTap(event: WechatMiniprogram.TouchEvent<object, object, { value: TopicCategory | '' }>) {
      this.setData({ category: event.currentTarget.dataset.value, state: 'loading' });
      void this.load(1);
    },
    onMore() {
      if (this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      void this.load(this.data.page + 1).finally(() => this.setData({ loadingMore: false }));
    },
    onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${COUNCIL_PAGES.detail}?id=${event.currentTarget.dataset.id}` });
    },
    onPropose() {
      void wx.navigateTo({ url: COUNCIL_PAGES.propose });
    },
    onMine() {
      void wx.navigateTo({ url: COUNCIL_PAGES.mine });
    },
    onManage() {
      void wx.navigateTo({ url: COUNCIL_PAGES.manage });
    },
    async load(page: number) {
      const request = ++latestRequest;
      const { stage, category, myBuilding } = this.data;
      try {
        const result = await call('council', 'list', {
          ...(stage ? { stage } : {}),
          ...(category ? { category } : {}),
          ...(myBuilding ? { myBuilding } : {}),
          page,
        });
        if (request !== latestRequest) return;
        const rows = result.items.map(topicRow);
        const tab = STAGE_TABS.find((each) => each.value === stage)!;
        this.setData({
          state: 'ready',
          rows: page === 1 ? rows : [...this.data.rows, ...rows],
          page,
          hasMore: result.hasMore,
          canPropose: result.canPropose,
          canManage: result.canManage,
          myBuildingLabel: result.myBuildingLabel ?? '',
          emptyText: stage ? `暂时没有“${tab.label}”的议题` : '暂时没有议题。有想和邻居们商量的事，可以提一个议题。',
        });
      } catch (error) {
        if (request !== latestRequest) return;
        if (isApiError(error) && error.code === 'NOT_REGISTERED') {
          this.setData({ state: 'unregistered' });
        } else if (this.data.state === 'ready' && page > 1) {
          showApiError(error);
        } else {
          this.setData({ state: 'error', errorMessage: errorMessage(error) });
        }
      }
    },
  },
});
