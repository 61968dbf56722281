/**
 * 通知详情: the notice with its approved images (tap to enlarge) and attachments (opened
 * with wx.downloadFile + wx.openDocument). Opening it records that the household has read
 * it (the server does that in notice.detail). A "订阅通知提醒" control asks for one
 * subscribe-message credit at the resident's own tap and reports the answer. Publishers see
 * 查看已读情况 and 修改通知.
 */
import type { SubscribeAnswer } from '../../../../../typings/domain/content';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { recordAnswer } from '../../../../services/subscribe';
import { toDetailScreen, toSubscribeScreen, type DetailScreen, type SubscribeScreen } from './view';

type State = 'loading' | 'error' | 'ready';

export const RECEIPTS_PAGE = '/packages/staff/pages/notice-receipts/index';
export const EDITOR_PAGE = '/packages/staff/pages/notice-editor/index';
const ANSWERS: readonly SubscribeAnswer[] = ['accept', 'reject', 'ban', 'filter'];

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    id: '',
    notice: null as DetailScreen | null,
    subscribe: null as SubscribeScreen | null,
    opening: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const id = options.id ?? '';
      this.setData({ id });
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      const { id } = this.data;
      if (!id) {
        this.setData({ state: 'error', errorMessage: '没有找到这条通知' });
        return;
      }
      try {
        const [notice, templates] = await Promise.all([
          call('notice', 'detail', { id }),
          // The subscribe control is optional: the notice shows without it.
          call('push', 'templates', {}).catch(() => null),
        ]);
        this.setData({
          state: 'ready',
          notice: toDetailScreen(notice),
          subscribe: toSubscribeScreen(templates),
          errorMessage: '',
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onPreview(event: WechatMiniprogram.TouchEvent<object, object, { url: string }>) {
      const urls = (this.data.notice?.images ?? []).map((image) => image.url);
      void wx.previewImage({ urls, current: event.currentTarget.dataset.url });
    },
    onOpenAttachment(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const file = this.data.notice?.attachments[Number(event.currentTarget.dataset.index)];
      if (!file || this.data.opening) return;
      if (!file.url) {
        wx.showToast({ title: '附件暂时无法打开，请稍后再试', icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ opening: file.fileID });
      const done = () => this.setData({ opening: '' });
      const failed = () => {
        done();
        wx.showToast({ title: '附件打开失败，请稍后再试', icon: 'none', duration: 3000 });
      };
      wx.downloadFile({
        url: file.url,
        success: (download) => {
          if (download.statusCode !== 200) return failed();
          wx.openDocument({
            filePath: download.tempFilePath,
            fileType: file.ext as 'pdf' | 'docx' | 'xlsx',
            showMenu: true,
            success: done,
            fail: failed,
          });
        },
        fail: failed,
      });
    },
    /** Must run straight from the tap: WeChat only shows the request for a user's tap. */
    onSubscribe() {
      const templateId = this.data.subscribe?.templateId;
      if (!templateId) return;
      wx.requestSubscribeMessage({
        tmplIds: [templateId],
        success: (result) => {
          const answer = result[templateId] as SubscribeAnswer | undefined;
          if (answer && ANSWERS.includes(answer)) void this.recordAnswer(templateId, answer);
        },
        fail: () => {
          wx.showToast({
            title: '未能打开订阅，请在小程序设置中允许接收通知',
            icon: 'none',
            duration: 3000,
          });
        },
      });
    },
    async recordAnswer(templateId: string, answer: SubscribeAnswer) {
      try {
        const templates = await recordAnswer(templateId, answer);
        this.setData({ subscribe: toSubscribeScreen(templates) });
        wx.showToast({
          title: answer === 'accept' ? '订阅成功，紧急通知会提醒您' : '您没有订阅，可以随时再订阅',
          icon: 'none',
          duration: 3000,
        });
      } catch (error) {
        showApiError(error);
      }
    },
    onReceipts() {
      void wx.navigateTo({ url: `${RECEIPTS_PAGE}?id=${this.data.id}` });
    },
    onEdit() {
      void wx.navigateTo({ url: `${EDITOR_PAGE}?id=${this.data.id}` });
    },
  },
});
