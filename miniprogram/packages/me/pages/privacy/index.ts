/**
 * First use, step 1: the privacy agreement. What we collect and who sees it, in plain
 * words; the full guide opens with wx.openPrivacyContract. WeChat's own agreement
 * (required since 2023-09 before phone, album or camera APIs work) is given by the
 * button with open-type="agreePrivacyAuthorization" when wx.getPrivacySetting says it is
 * still needed; otherwise the same button runs wx.requirePrivacyAuthorize, which resolves
 * at once. Either way user.agreePrivacy records the agreement, then the profile form opens.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, showApiError } from '../../../../services/api';

export const PROFILE_PAGE = '/packages/me/pages/profile/index';

/** The guide's name as WeChat reports it, e.g. "《长山花园小程序隐私保护指引》". */
const DEFAULT_GUIDE = '《隐私保护指引》';

function privacySetting(): Promise<{ needAuthorization: boolean; privacyContractName: string }> {
  return new Promise((resolve) => {
    if (typeof wx.getPrivacySetting !== 'function') {
      resolve({ needAuthorization: false, privacyContractName: DEFAULT_GUIDE });
      return;
    }
    wx.getPrivacySetting({
      success: (res) =>
        resolve({
          needAuthorization: res.needAuthorization,
          privacyContractName: res.privacyContractName || DEFAULT_GUIDE,
        }),
      // Cannot tell: offer WeChat's agreement button, which is harmless when not needed.
      fail: () => resolve({ needAuthorization: true, privacyContractName: DEFAULT_GUIDE }),
    });
  });
}

function requirePrivacyAuthorize(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof wx.requirePrivacyAuthorize !== 'function') {
      resolve(true);
      return;
    }
    wx.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) });
  });
}

Component({
  behaviors: [elderBehavior],
  data: {
    ready: false,
    /** WeChat still needs the agreement: the button carries open-type. */
    needAuthorization: true,
    guideName: DEFAULT_GUIDE,
    saving: false,
  },
  lifetimes: {
    attached() {
      void this.check();
    },
  },
  methods: {
    async check() {
      const setting = await privacySetting();
      this.setData({
        ready: true,
        needAuthorization: setting.needAuthorization,
        guideName: setting.privacyContractName,
      });
    },
    onOpenGuide() {
      if (typeof wx.openPrivacyContract === 'function') {
        wx.openPrivacyContract({
          fail: () => wx.showToast({ title: '暂时无法打开，请稍后再试', icon: 'none', duration: 3000 }),
        });
      }
    },
    /** The open-type button: WeChat recorded the agreement. */
    onAgreeAuthorization() {
      void this.record();
    },
    /** The plain button (no WeChat agreement pending). */
    async onAgreeTap() {
      if (this.data.needAuthorization) return; // the open-type button's event does it
      if (!(await requirePrivacyAuthorize())) {
        wx.showToast({ title: '需要同意隐私保护指引才能继续', icon: 'none', duration: 3000 });
        return;
      }
      await this.record();
    },
    async record() {
      if (this.data.saving) return;
      this.setData({ saving: true });
      try {
        await call('user', 'agreePrivacy', {});
        void wx.redirectTo({ url: PROFILE_PAGE });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ saving: false });
      }
    },
    onDecline() {
      wx.showToast({ title: '不同意也可以浏览首页和通知', icon: 'none', duration: 3000 });
      void wx.navigateBack({ delta: 1 });
    },
  },
});
