/**
 * 我的议题: the topics I proposed, each with where it stands (审核中, 征集中 … 已完成, or
 * why it was not put on the agenda), and how many more I may propose now. One call:
 * council.mine.
 */
import type { MyTopicItem } from '../../../../../typings/domain/council';
import { elderBehavior } from '../../../../behaviors/elder';
import { COUNCIL_PAGES, topicRow, type TopicRow } from '../../../../pages/council/status';
import { call, errorMessage, showApiError } from '../../../../services/api';

type State = 'loading' | 'error' | 'ready';

interface MineRow extends TopicRow {
  note: string;
}

function mineRow(item: MyTopicItem): MineRow {
  const note =
    item.moderation === 'review'
      ? '内容审核中，通过后其他居民才能看到'
      : item.moderation === 'hidden' || item.moderation === 'rejected'
        ? '内容未通过审核，其他居民看不到'
        : item.declineReason
          ? `未列入议程的原因：${item.declineReason}`
          : '';
  return { ...topicRow(item), note };
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    rows: [] as MineRow[],
    page: 1,
    hasMore: false,
    loadingMore: false,
    quota: '',
    canPropose: false,
  },
  methods: {
    onShow() {
      void this.load(1);
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load(1);
    },
    onMore() {
      if (this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      void this.load(this.data.page + 1).finally(() => this.setData({ loadingMore: false }));
    },
    async load(page: number) {
      try {
        const result = await call('council', 'mine', { page });
        const rows = result.items.map(mineRow);
        this.setData({
          state: 'ready',
          rows: page === 1 ? rows : [...this.data.rows, ...rows],
          page,
          hasMore: result.hasMore,
          canPropose: result.open < result.limit,
          quota:
            result.open < result.limit
              ? `您有 ${result.open} 个议题在等待受理，还可以再提 ${result.limit - result.open} 个`
              : `您已有 ${result.open} 个议题在等待受理，受理后才能再提新的`,
        });
      } catch (error) {
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${COUNCIL_PAGES.detail}?id=${event.currentTarget.dataset.id}` });
    },
    onPropose() {
      void wx.navigateTo({ url: COUNCIL_PAGES.propose });
    },
  },
});
