/**
 * 议题详情: the whole life of a topic on one page — what was proposed, its timeline, the
 * vote (turnout while open, the counts once closed), the committee's answer, the
 * milestones of its implementation — and the discussion: "I support discussing this",
 * comments with a stance, replies one level deep, flagging. One call to load:
 * council.detail.
 */
import type { Stance } from '../../../../../typings/domain/council';
import type { TemplateView } from '../../../../../typings/domain/push';
import { elderBehavior } from '../../../../behaviors/elder';
import { COUNCIL_PAGES } from '../../../../pages/council/status';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { askThenProceed, loadTemplate } from '../../../../services/subscribe';
import { newRequestId } from '../../../../utils/request-id';
import { commentRow, detailScreen, FLAG_REASONS, type CommentRow, type DetailScreen } from '../../lib/view';

type State = 'loading' | 'error' | 'ready';

const STANCE_CHOICES: Array<{ value: Stance; label: string; icon: string }> = [
  { value: 'support', label: '支持', icon: 'thumb-up' },
  { value: 'neutral', label: '中立', icon: 'minus-circle' },
  { value: 'oppose', label: '反对', icon: 'thumb-down' },
];

let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    id: '',
    state: 'loading' as State,
    errorMessage: '',
    screen: null as DetailScreen | null,
    comments: [] as CommentRow[],
    commentsPage: 1,
    commentsHasMore: false,
    loadingMore: false,
    stances: STANCE_CHOICES,
    stance: '' as Stance | '',
    draft: '',
    replyTo: null as { id: string; author: string } | null,
    sending: false,
    /** The comment being written: one request id, sent again by a retry after a lost answer. */
    commentRequestId: '',
    supporting: false,
    template: null as TemplateView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      void loadTemplate('council').then((template) => this.setData({ template }));
    },
    /** Every show (also back from the vote page): refresh in place after the first load. */
    onShow() {
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      const request = ++latestRequest;
      if (!this.data.id) {
        this.setData({ state: 'error', errorMessage: '没有找到这个议题，请从议事列表进入' });
        return;
      }
      try {
        const detail = await call('council', 'detail', { id: this.data.id });
        if (request !== latestRequest) return;
        this.setData({
          state: 'ready',
          screen: detailScreen(detail),
          comments: detail.comments.map(commentRow),
          commentsPage: 1,
          commentsHasMore: detail.commentsHasMore,
        });
      } catch (error) {
        if (request !== latestRequest) return;
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },

    onSupport() {
      const screen = this.data.screen;
      if (!screen || this.data.supporting) return;
      if (screen.support.household && !screen.support.byMe) {
        wx.showToast({ title: '您家已有家人支持过了，每户算一次', icon: 'none', duration: 3000 });
        return;
      }
      const on = !screen.support.byMe;
      this.setData({ supporting: true });
      askThenProceed(on ? this.data.template : null, () => void this.sendSupport(on));
    },
    async sendSupport(on: boolean) {
      try {
        const result = await call('council', 'support', { id: this.data.id, on });
        wx.showToast({ title: on ? '已支持，感谢参与' : '已取消支持', icon: 'none', duration: 2000 });
        const screen = this.data.screen!;
        this.setData({
          screen: {
            ...screen,
            support: { household: result.household, byMe: result.byMe },
            supportLine: `${result.supportCount} 户支持讨论这个议题`,
            supportButton: result.byMe ? '已支持（点一下取消）' : result.household ? '家人已支持' : '我支持讨论',
          },
        });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ supporting: false });
      }
    },

    onStanceTap(event: WechatMiniprogram.TouchEvent<object, object, { value: Stance }>) {
      this.setData({ stance: event.currentTarget.dataset.value });
    },
    onDraftChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ draft: event.detail.value });
    },
    onReply(event: WechatMiniprogram.TouchEvent<object, object, { id: string; author: string }>) {
      const { id, author } = event.currentTarget.dataset;
      // Another comment to write: a submission of its own.
      this.setData({ replyTo: { id, author }, stance: '', commentRequestId: '' });
    },
    onCancelReply() {
      this.setData({ replyTo: null, commentRequestId: '' });
    },
    onSend() {
      if (this.data.sending) return;
      const body = this.data.draft.trim();
      if (!body) {
        wx.showToast({ title: '请先写下您的想法', icon: 'none', duration: 3000 });
        return;
      }
      if (!this.data.replyTo && !this.data.stance) {
        wx.showToast({ title: '请先选择您的立场：支持、中立或反对', icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ sending: true });
      askThenProceed(this.data.template, () => void this.sendComment(body));
    },
    async sendComment(body: string) {
      const { replyTo, stance } = this.data;
      const requestId = this.data.commentRequestId || newRequestId();
      this.setData({ commentRequestId: requestId });
      try {
        const result = await call('council', 'comment', {
          id: this.data.id,
          body,
          ...(replyTo ? { parentId: replyTo.id } : { stance: stance as Stance }),
          requestId,
        });
        wx.showToast({
          title: result.held ? '已提交，内容审核通过后其他居民才能看到' : '已发表',
          icon: 'none',
          duration: 3000,
        });
        this.setData({ draft: '', stance: '', replyTo: null, commentRequestId: '' });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ sending: false });
      }
    },
    async onMoreComments() {
      if (this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const page = this.data.commentsPage + 1;
        const result = await call('council', 'comments', { id: this.data.id, page });
        this.setData({
          comments: [...this.data.comments, ...result.items.map(commentRow)],
          commentsPage: page,
          commentsHasMore: result.hasMore,
        });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    onFlag(event: WechatMiniprogram.TouchEvent<object, object, { id: string; kind: 'topic' | 'comment' }>) {
      const { id, kind } = event.currentTarget.dataset;
      wx.showActionSheet({
        itemList: FLAG_REASONS,
        success: (result) => {
          const reason = FLAG_REASONS[result.tapIndex];
          if (!reason) return;
          call('moderation', 'flag', { kind, id, reason })
            .then((flagged) => {
              wx.showToast({
                title: flagged.hidden ? '已举报，内容已先行隐藏，等待工作人员处理' : '已举报，工作人员会尽快处理',
                icon: 'none',
                duration: 3000,
              });
              if (flagged.hidden) void this.load();
            })
            .catch(showApiError);
        },
      });
    },
    onVote() {
      void wx.navigateTo({ url: `${COUNCIL_PAGES.vote}?id=${this.data.id}` });
    },
    onManage() {
      void wx.navigateTo({ url: `${COUNCIL_PAGES.handle}?id=${this.data.id}` });
    },
    onOpenTopic(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${COUNCIL_PAGES.detail}?id=${event.currentTarget.dataset.id}` });
    },
    onPreview(event: WechatMiniprogram.TouchEvent<object, object, { url: string; urls: string[] }>) {
      const { url, urls } = event.currentTarget.dataset;
      void wx.previewImage({ current: url, urls });
    },
    onWithdraw() {
      wx.showModal({
        title: '撤回议题',
        content: '撤回后这个议题不再征集意见，也不能恢复。确定撤回吗？',
        confirmText: '撤回',
        cancelText: '不撤回',
        success: (result) => {
          if (!result.confirm) return;
          call('council', 'withdraw', { id: this.data.id })
            .then(() => {
              wx.showToast({ title: '已撤回', icon: 'none', duration: 2000 });
              return this.load();
            })
            .catch(showApiError);
        },
      });
    },
  },
});
