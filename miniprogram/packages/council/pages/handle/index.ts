/**
 * 办理议题 (staff; the branch secretary of a single-building topic): what the topic needs
 * next, by its stage — accept onto the agenda, merge into another topic or decline with
 * a reason (shown to the proposer); open the vote; enter paper ballots; publish the answer
 * (staff); add milestones. Load: council.detail; each action is one call.
 */
import type { TopicDetail } from '../../../../../typings/domain/council';
import { deadlineLabel } from '../../../../utils/dates';
import { elderBehavior } from '../../../../behaviors/elder';
import { COUNCIL_PAGES, statusTag, type StatusTag } from '../../../../pages/council/status';
import { call, errorMessage, showApiError } from '../../../../services/api';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Mode = '' | 'accept' | 'decline' | 'merge';

interface HandleScreen {
  id: string;
  title: string;
  tag: StatusTag;
  where: string;
  proposer: string;
  summary: string;
  voteLine: string;
  status: TopicDetail['status'];
  canAnswer: boolean;
  answered: boolean;
}

function handleScreen(detail: TopicDetail): HandleScreen {
  return {
    id: detail.id,
    title: detail.title,
    tag: statusTag(detail.status, detail.statusLabel),
    where: `${detail.categoryLabel} · ${detail.scopeLabel}`,
    proposer: detail.proposer,
    summary: `${detail.supportCount} 户支持讨论 · 讨论 ${detail.commentCount} 条（支持 ${detail.stanceCounts.support}、中立 ${detail.stanceCounts.neutral}、反对 ${detail.stanceCounts.oppose}）`,
    voteLine: detail.vote
      ? detail.vote.result
        ? detail.vote.result.label
        : `投票中：已投 ${detail.vote.cast} 户，需 ${detail.vote.quorumNeeded} 户 · ${deadlineLabel(detail.vote.deadline, new Date())}`
      : '',
    status: detail.status,
    canAnswer: detail.can.answer,
    answered: Boolean(detail.answer),
  };
}

Component({
  behaviors: [elderBehavior],
  data: {
    id: '',
    state: 'loading' as State,
    errorMessage: '',
    screen: null as HandleScreen | null,
    mode: '' as Mode,
    note: '',
    reason: '',
    targets: [] as Array<{ id: string; title: string; label: string }>,
    targetId: '',
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
    },
    onShow() {
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      if (!this.data.id) {
        this.setData({ state: 'error', errorMessage: '没有找到这个议题，请从议事管理进入' });
        return;
      }
      try {
        const detail = await call('council', 'detail', { id: this.data.id });
        if (!detail.can.manage && !detail.can.answer) {
          this.setData({ state: 'forbidden', errorMessage: '这个议题由其他楼的党支部书记或社区工作人员办理' });
          return;
        }
        this.setData({ state: 'ready', screen: handleScreen(detail), mode: '' });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onMode(event: WechatMiniprogram.TouchEvent<object, object, { mode: Mode }>) {
      const mode = event.currentTarget.dataset.mode;
      this.setData({ mode });
      if (mode === 'merge') void this.loadTargets();
    },
    onNoteChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ note: event.detail.value });
    },
    onReasonChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: event.detail.value });
    },
    /** Topics this one may be merged into: proposals and topics under discussion the caller manages. */
    async loadTargets() {
      try {
        const [proposed, discussing] = await Promise.all([
          call('council', 'agenda', { stage: 'proposed' }),
          call('council', 'agenda', { stage: 'discussing' }),
        ]);
        const targets = [...discussing.items, ...proposed.items]
          .filter((item) => item.id !== this.data.id)
          .map((item) => ({ id: item.id, title: item.title, label: `${item.statusLabel} · ${item.scopeLabel}` }));
        this.setData({ targets, targetId: '' });
      } catch (error) {
        showApiError(error);
      }
    },
    onTargetTap(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      this.setData({ targetId: event.currentTarget.dataset.id });
    },
    async run(action: () => Promise<{ notified?: { recipients: number } }>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const result = await action();
        const told = result.notified ? `，已通知 ${result.notified.recipients} 人` : '';
        wx.showToast({ title: `${done}${told}`, icon: 'none', duration: 3000 });
        this.setData({ note: '', reason: '', targetId: '' });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onAccept() {
      const note = this.data.note.trim();
      void this.run(() => call('council', 'accept', { id: this.data.id, ...(note ? { note } : {}) }), '已列入议程');
    },
    onDecline() {
      const reason = this.data.reason.trim();
      if (reason.length < 2) {
        wx.showToast({ title: '请写明不予受理的原因，提议人会看到', icon: 'none', duration: 3000 });
        return;
      }
      void this.run(() => call('council', 'decline', { id: this.data.id, reason }), '已答复提议人');
    },
    onMerge() {
      const target = this.data.targets.find((each) => each.id === this.data.targetId);
      if (!target) {
        wx.showToast({ title: '请先选择要合并到的议题', icon: 'none', duration: 3000 });
        return;
      }
      wx.showModal({
        title: '合并议题',
        content: `把这个议题合并到《${target.title}》？合并后提议人和参与的居民会收到通知。`,
        confirmText: '合并',
        cancelText: '再想想',
        success: (result) => {
          if (result.confirm)
            void this.run(() => call('council', 'merge', { id: this.data.id, intoId: target.id }), '已合并');
        },
      });
    },
    onGo(event: WechatMiniprogram.TouchEvent<object, object, { page: keyof typeof COUNCIL_PAGES }>) {
      void wx.navigateTo({ url: `${COUNCIL_PAGES[event.currentTarget.dataset.page]}?id=${this.data.id}` });
    },
  },
});
