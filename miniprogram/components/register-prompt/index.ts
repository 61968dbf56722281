/**
 * The one "not registered yet / waiting for verification" state of every tab: what the tab
 * offers once registered, who verifies, and ONE call to action — 去登记 (to 我的, where
 * registration starts) or, while the household waits for verification, 查看审核进度.
 */
import { ME_TAB, registerPrompt, type RegisterStatus } from './view';

Component({
  properties: {
    /** What the tab offers once registered, e.g. "查看和参与议事". */
    what: { type: String, value: '使用全部功能' },
    status: { type: String, value: 'unregistered' },
  },
  data: { title: '', hint: '', action: '', url: '' },
  observers: {
    'what, status'(what: string, status: string) {
      this.setData(registerPrompt(status as RegisterStatus, what));
    },
  },
  lifetimes: {
    attached() {
      this.setData(registerPrompt(this.data.status as RegisterStatus, this.data.what));
    },
  },
  methods: {
    onAction() {
      const { url } = this.data;
      if (url === ME_TAB) void wx.switchTab({ url });
      else void wx.navigateTo({ url });
    },
  },
});
