/**
 * 议事管理 (staff; branch secretaries for their building): the agenda queue by stage —
 * proposals to accept, merge or decline; topics under discussion; votes (for paper
 * ballots); closed votes awaiting the answer; adopted topics to follow through — with a
 * count per stage. One call: council.agenda.
 */
import type { AgendaItem, AgendaStage } from '../../../../../typings/domain/council';
import { elderBehavior } from '../../../../behaviors/elder';
import { pagedList, type PageAnswer } from '../../../../behaviors/pagedList';
import { AGENDA_TABS, COUNCIL_PAGES, topicRow, type TopicRow } from '../../../../pages/council/status';
import { call } from '../../../../services/api';

interface AgendaRow extends TopicRow {
  proposer: string;
  nextStep: string;
}

function agendaRow(item: AgendaItem): AgendaRow {
  return { ...topicRow(item), proposer: item.proposer, nextStep: item.nextStep };
}

Component({
  // A failed reload shows the error state even over a list already shown.
  behaviors: [elderBehavior, pagedList<AgendaRow>({ keepListOnReloadError: false })],
  data: {
    stage: 'proposed' as AgendaStage,
    tabs: AGENDA_TABS.map((tab) => ({ ...tab, text: tab.label })),
  },
  methods: {
    onShow() {
      void this.loadPage(1);
    },
    onStageChange(event: WechatMiniprogram.CustomEvent<{ value: AgendaStage }>) {
      this.setData({ stage: event.detail.value, state: 'loading' });
      void this.loadPage(1);
    },
    async fetchPage(page: number): Promise<PageAnswer<AgendaRow>> {
      const result = await call('council', 'agenda', { stage: this.data.stage, page });
      return {
        rows: result.items.map(agendaRow),
        hasMore: result.hasMore,
        tabs: AGENDA_TABS.map((tab) => ({ ...tab, text: `${tab.label} ${result.counts[tab.value]}` })),
      };
    },
    onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${COUNCIL_PAGES.handle}?id=${event.currentTarget.dataset.id}` });
    },
  },
});
