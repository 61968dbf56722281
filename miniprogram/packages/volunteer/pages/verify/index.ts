/**
 * 证明查验 (anyone in WeChat, e.g. a school's teacher): type the code on a certificate, or
 * scan its QR, and see whether the community issued it, for whom, which period and how many
 * hours — and the hours on record for that period now. volunteer.verify.
 */
import type { VerifyResult } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, showApiError } from '../../../../services/api';

Component({
  behaviors: [elderBehavior],
  data: { code: '', result: null as VerifyResult | null, checked: '', busy: false },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.code) {
        this.setData({ code: options.code });
        void this.check();
      }
    },
    onCode(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: event.detail.value, result: null });
    },
    async check() {
      const code = this.data.code.trim();
      if (!code) {
        wx.showToast({ title: '请输入证明上的验证码', icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ busy: true });
      try {
        this.setData({ result: await call('volunteer', 'verify', { code }), checked: code });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onCheck() {
      void this.check();
    },
    async onScan() {
      try {
        const { result } = await wx.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
        this.setData({ code: result });
        await this.check();
      } catch {
        // cancelled
      }
    },
  },
});
