/**
 * 议事管理 (staff; branch secretaries for their building): the agenda queue by stage —
 * proposals to accept, merge or decline; topics under discussion; votes (for paper
 * ballots); closed votes awaiting the answer; adopted topics to follow through — with a
 * count per stage. One call: council.agenda.
 */
import type { AgendaItem, AgendaStage } from '../../../../../typings/domain/council';
import { elderBehavior } from '../../../../behaviors/elder';
import { AGENDA_TABS, COUNCIL_PAGES, topicRow, type TopicRow } from '../../../../pages/council/status';
import { call, errorMessage, showApiError } from '../../../../services/api';

type State = 'loading' | 'error' | 'ready';

interface AgendaRow extends TopicRow {
  proposer: string;
  nextStep: string;
}

function agendaRow(item: AgendaItem): AgendaRow {
  return { ...topicRow(item), proposer: item.proposer, nextStep: item.nextStep };
}

let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    stage: 'proposed' as AgendaStage,
    tabs: AGENDA_TABS.map((tab) => ({ ...tab, text: tab.label })),
    rows: [] as AgendaRow[],
    page: 1,
    hasMore: false,
    loadingMore: false,
  },
  methods: {
    onShow() {
      void this.load(1);
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load(1);
    },
    onStageChange(event: WechatMiniprogram.CustomEvent<{ value: AgendaStage }>) {
      this.setData({ stage: event.detail.value, state: 'loading' });
      void this.load(1);
    },
    onMore() {
      if (this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      void this.load(this.data.page + 1).finally(() => this.setData({ loadingMore: false }));
    },
    async load(page: number) {
      const request = ++latestRequest;
      try {
        const result = await call('council', 'agenda', { stage: this.data.stage, page });
        if (request !== latestRequest) return;
        const rows = result.items.map(agendaRow);
        this.setData({
          state: 'ready',
          rows: page === 1 ? rows : [...this.data.rows, ...rows],
          page,
          hasMore: result.hasMore,
          tabs: AGENDA_TABS.map((tab) => ({ ...tab, text: `${tab.label} ${result.counts[tab.value]}` })),
        });
      } catch (error) {
        if (request !== latestRequest) return;
        if (this.data.state === 'ready' && page > 1) showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${COUNCIL_PAGES.handle}?id=${event.currentTarget.dataset.id}` });
    },
  },
});
