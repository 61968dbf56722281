/**
 * App entry. CloudBase is initialised without an `env`: the mini-program uses the
 * environment selected in WeChat DevTools (no environment id is kept in the code).
 */
App({
  onLaunch() {
    if (!wx.cloud) {
      console.error('[app] wx.cloud is unavailable: base library 2.2.3 or later is required');
      return;
    }
    wx.cloud.init({ traceUser: true });
  },
});
