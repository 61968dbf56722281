/**
 * 投票: the options as large choices, the household rule in plain words (one vote per
 * household, whoever votes first; changeable until the deadline by the one who voted;
 * secret, only counts are published), and what the household has done so far. Load:
 * council.detail; vote: council.vote (after asking, from the tap, for 议事进展通知).
 */
import type { MyVoteView } from '../../../../../typings/domain/council';
import { deadlineLabel } from '../../../../utils/dates';
import type { TemplateView } from '../../../../../typings/domain/push';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { askThenProceed, loadTemplate } from '../../../../services/subscribe';
import { HOUSEHOLD_RULE, myVoteLine } from '../../lib/view';

type State = 'loading' | 'error' | 'ready';

interface VoteScreen {
  title: string;
  quorumNeeded: number;
  deadlineLabel: string;
  turnout: string;
  options: string[];
  myVote: MyVoteView | null;
  myLine: string;
  canVote: boolean;
  closed: boolean;
}

function turnoutLine(cast: number, needed: number): string {
  return `已投票 ${cast} 户，需 ${needed} 户以上结果才有效`;
}

Component({
  behaviors: [elderBehavior],
  data: {
    id: '',
    state: 'loading' as State,
    errorMessage: '',
    screen: null as VoteScreen | null,
    rules: HOUSEHOLD_RULE,
    choice: -1,
    sending: false,
    template: null as TemplateView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      if (!this.data.id) {
        this.setData({ state: 'error', errorMessage: '没有找到这个议题，请从议事列表进入' });
        return;
      }
      try {
        const [detail, template] = await Promise.all([
          call('council', 'detail', { id: this.data.id }),
          loadTemplate('council'),
        ]);
        if (!detail.vote) {
          this.setData({ state: 'error', errorMessage: '这个议题还没有开始投票' });
          return;
        }
        const myVote = detail.myVote ?? null;
        this.setData({
          state: 'ready',
          template,
          choice: myVote?.choice ?? -1,
          screen: {
            title: detail.title,
            quorumNeeded: detail.vote.quorumNeeded,
            deadlineLabel: deadlineLabel(detail.vote.deadline, new Date()),
            turnout: turnoutLine(detail.vote.cast, detail.vote.quorumNeeded),
            options: detail.vote.options,
            myVote,
            myLine: myVoteLine(myVote ?? undefined, detail.vote.options),
            canVote: Boolean(myVote?.canVote),
            closed: detail.vote.closed,
          },
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onChoose(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      if (!this.data.screen?.canVote) return;
      this.setData({ choice: Number(event.currentTarget.dataset.index) });
    },
    /** Straight from the tap: asks for 议事进展通知 (the result is pushed), then votes. */
    onSubmit() {
      if (this.data.sending) return;
      if (this.data.choice < 0) {
        wx.showToast({ title: '请先选一个选项', icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ sending: true });
      askThenProceed(this.data.template, () => void this.send());
    },
    async send() {
      const screen = this.data.screen!;
      try {
        const result = await call('council', 'vote', { id: this.data.id, choice: this.data.choice });
        wx.showToast({ title: `已投：${screen.options[this.data.choice]}`, icon: 'none', duration: 3000 });
        this.setData({
          // The count the server answered with, the caller's household included.
          screen: {
            ...screen,
            myVote: result.myVote,
            myLine: myVoteLine(result.myVote, screen.options),
            turnout: turnoutLine(result.cast, screen.quorumNeeded),
          },
        });
      } catch (error) {
        showApiError(error);
        void this.load();
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});
