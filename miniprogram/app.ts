/**
 * App entry. CloudBase is initialised with the environment of the running version
 * (miniprogram/config/cloud-envs.ts): develop uses the one selected in WeChat DevTools,
 * trial and release the ids configured for them.
 */
import { CLOUD_ENVS } from './config/cloud-envs';
import { cloudInitOptions } from './services/cloud-env';

App({
  onLaunch() {
    if (!wx.cloud) {
      console.error('[app] wx.cloud is unavailable: base library 2.2.3 or later is required');
      return;
    }
    const { envVersion } = wx.getAccountInfoSync().miniProgram;
    try {
      wx.cloud.init(cloudInitOptions(envVersion, CLOUD_ENVS));
    } catch (error) {
      console.error('[app]', error);
      wx.showModal({
        title: '无法连接社区服务',
        content: '小程序尚未配置云开发环境，请联系社区工作人员。',
        showCancel: false,
      });
    }
  },
});
