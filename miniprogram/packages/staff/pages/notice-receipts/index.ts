/**
 * 已读情况: how many households of the viewer's part of the scope have read a notice, the
 * unread ones by address with their residents (tap to call, to knock on the door), the
 * residents an urgent push could not reach, and an export of the unread list as an Excel
 * file opened with wx.downloadFile + wx.openDocument.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { toReceiptsScreen, type ReceiptsScreen } from './view';

type State = 'loading' | 'error' | 'ready';
type Tab = 'unread' | 'unreachable';

/** Households shown before 显示更多 (a community notice has a thousand). */
export const SHOWN_STEP = 50;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    id: '',
    screen: null as ReceiptsScreen | null,
    tab: 'unread' as Tab,
    tabs: [] as Array<{ value: Tab; label: string }>,
    shown: SHOWN_STEP,
    exporting: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ id: options.id ?? '' });
      void this.load();
    },
    async onPullDownRefresh() {
      try {
        await this.load();
      } finally {
        wx.stopPullDownRefresh();
      }
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
        const screen = toReceiptsScreen(await call('notice', 'receipts', { id }));
        const tabs: Array<{ value: Tab; label: string }> = [
          { value: 'unread', label: `未读住户（${screen.unreadCount}）` },
        ];
        if (screen.urgent) tabs.push({ value: 'unreachable', label: `未收到提醒（${screen.unreachable.length}）` });
        this.setData({ state: 'ready', screen, tabs, errorMessage: '' });
      } catch (error) {
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onTabChange(event: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
      this.setData({ tab: event.detail.value });
    },
    onShowMore() {
      this.setData({ shown: this.data.shown + SHOWN_STEP });
    },
    onCall(event: WechatMiniprogram.TouchEvent<object, object, { phone: string }>) {
      const phoneNumber = event.currentTarget.dataset.phone;
      if (phoneNumber) void wx.makePhoneCall({ phoneNumber });
    },
    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      try {
        const file = await call('notice', 'exportUnread', { id: this.data.id });
        await new Promise<void>((resolve, reject) => {
          wx.downloadFile({
            url: file.url,
            filePath: `${wx.env.USER_DATA_PATH}/${file.fileName}`,
            success: (download) => {
              if (download.statusCode !== 200) return reject(new Error(`HTTP ${download.statusCode}`));
              wx.openDocument({
                filePath: download.filePath || download.tempFilePath,
                fileType: 'xlsx',
                showMenu: true,
                success: () => resolve(),
                fail: reject,
              });
            },
            fail: reject,
          });
        });
      } catch (error) {
        if (error instanceof Error && error.name === 'ApiError') showApiError(error);
        else wx.showToast({ title: '表格打开失败，请稍后再试', icon: 'none', duration: 3000 });
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
