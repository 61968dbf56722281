/**
 * 首次启用 (a fresh environment): the first community staff member enters the one-time
 * code that only someone with access to the CloudBase console can read (database
 * collection `bootstrap`, or `npm run bootstrap -- code`). Opened from a mini-program code
 * of this page; works only while the community has no staff member.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, isApiError, showApiError } from '../../../../services/api';

type Step = 'loading' | 'needed' | 'not_needed' | 'appointed' | 'error';

Component({
  behaviors: [elderBehavior],
  data: {
    step: 'loading' as Step,
    code: '',
    codeError: '',
    saving: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ step: 'loading' });
      try {
        const { needed } = await call('community', 'firstStaffStatus', {});
        this.setData({ step: needed ? 'needed' : 'not_needed' });
      } catch (error) {
        this.setData({ step: 'error' });
        showApiError(error);
      }
    },
    onCode(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: event.detail.value, codeError: '' });
    },
    async onSubmit() {
      const code = this.data.code.trim();
      if (this.data.saving) return;
      if (code.length < 4) {
        this.setData({ codeError: '请填写控制台中的任命码' });
        return;
      }
      this.setData({ saving: true });
      try {
        await call('community', 'claimFirstStaff', { code });
        this.setData({ step: 'appointed' });
      } catch (error) {
        if (isApiError(error) && (error.code === 'INVALID_INPUT' || error.code === 'FORBIDDEN')) {
          this.setData({ codeError: error.message });
        } else if (isApiError(error) && error.code === 'CONFLICT') {
          this.setData({ step: 'not_needed' });
        } else {
          showApiError(error);
        }
      } finally {
        this.setData({ saving: false });
      }
    },
    onOpenStaff() {
      wx.navigateTo({ url: '/packages/staff/pages/register-import/index' });
    },
  },
});
