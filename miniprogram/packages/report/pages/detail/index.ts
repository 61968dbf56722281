/**
 * 报事详情 for the reporter and other residents: the report (report-view) and what the
 * caller may do now — the reporter confirms a fix with a 1–5 rating, reopens it once with
 * a reason, or withdraws it before anyone accepted it; another resident says 我也遇到了.
 * Handlers are sent to the handling page. Every action answers the report as it now is.
 */
import type { ReportCapabilities, ReportDetail } from '../../../../../typings/domain/report';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { detailScreen, PAGES, type DetailScreen } from '../../view';

type Panel = '' | 'confirm' | 'reopen';

export const RATING_WORDS = ['很不满意', '不满意', '一般', '满意', '很满意'];

/** What the chosen stars mean, said in words under tdesign's rating (never the stars alone). */
export function ratingWord(stars: number): string {
  return stars ? `${stars}星 ${RATING_WORDS[stars - 1]}` : '点星星打分：5星最满意';
}

/** The page data one answer sets. */
function detailData(detail: ReportDetail) {
  return {
    screen: detailScreen(detail),
    can: detail.can,
    viewer: detail.viewer,
    metooByMe: detail.metooByMe,
    reopensLeft: detail.reopensLeft,
  };
}

Component({
  behaviors: [elderBehavior, loadable<ReturnType<typeof detailData>>()],
  data: {
    id: '',
    screen: null as DetailScreen | null,
    can: null as ReportCapabilities | null,
    viewer: 'public' as ReportDetail['viewer'],
    metooByMe: false,
    reopensLeft: 0,
    panel: '' as Panel,
    stars: 0,
    comment: '',
    reason: '',
    formError: '',
    busy: false,
    ratingWord: ratingWord(0),
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ id: options.id ?? '' });
      void this.load();
    },
    async fetch() {
      return detailData(await call('report', 'detail', { id: this.data.id }));
    },
    show(detail: ReportDetail) {
      this.setData({ state: 'ready', ...detailData(detail) });
    },

    onOpenPanel(event: WechatMiniprogram.TouchEvent<object, object, { panel: Panel }>) {
      this.setData({ panel: event.currentTarget.dataset.panel, formError: '' });
    },
    onClosePanel() {
      this.setData({ panel: '', formError: '' });
    },
    onRateChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      const stars = Number(event.detail.value);
      this.setData({ stars, ratingWord: ratingWord(stars), formError: '' });
    },
    onCommentChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ comment: event.detail.value });
    },
    onReasonChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: event.detail.value, formError: '' });
    },

    async run(action: () => Promise<ReportDetail>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        this.show(await action());
        this.setData({ panel: '', comment: '', reason: '', formError: '' });
        wx.showToast({ title: done, icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onConfirm() {
      const { stars, comment, id } = this.data;
      if (!stars) {
        this.setData({ formError: '请选择您满意不满意' });
        return;
      }
      const text = comment.trim();
      void this.run(() => call('report', 'confirm', { id, stars, ...(text ? { comment: text } : {}) }), '谢谢您的评价');
    },
    onReopen() {
      const reason = this.data.reason.trim();
      if (reason.length < 2) {
        this.setData({ formError: '请说一下还有什么问题' });
        return;
      }
      void this.run(() => call('report', 'reopen', { id: this.data.id, reason }), '已重新打开，处理人员会再来看');
    },
    onWithdraw() {
      wx.showModal({
        title: '撤回报事',
        content: '撤回后这条报事不再处理。确定撤回吗？',
        confirmText: '撤回',
        cancelText: '不撤回',
        success: (answer) => {
          if (answer.confirm) void this.run(() => call('report', 'withdraw', { id: this.data.id }), '已撤回');
        },
      });
    },
    async onMetoo() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const { metoo } = await call('report', 'metoo', { id: this.data.id });
        this.setData({
          metooByMe: true,
          can: { ...this.data.can!, metoo: false },
          screen: { ...this.data.screen!, metoo },
        });
        wx.showToast({ title: `已记录，共${metoo}人遇到同样的问题`, icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onHandle() {
      void wx.navigateTo({ url: `${PAGES.handle}?id=${this.data.id}` });
    },
    onNew() {
      void wx.navigateTo({ url: PAGES.form });
    },
  },
});
