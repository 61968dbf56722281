/**
 * A relative asks to be bound to a senior: the senior's household and name. The answer is
 * the same whether or not the details match someone (the server never tells who lives
 * where); the request shows in 我的 as "待确认" until the senior, or staff for a senior
 * without a smartphone, confirms.
 */
import type { HouseholdAddress } from '../../../../../typings/domain/community';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, isApiError, showApiError } from '../../../../services/api';

Component({
  behaviors: [elderBehavior],
  data: {
    address: null as HouseholdAddress | null,
    seniorName: '',
    nameError: '',
    saving: false,
    /** The server's answer once submitted. */
    doneMessage: '',
  },
  methods: {
    onAddress(event: WechatMiniprogram.CustomEvent<{ address: HouseholdAddress | null }>) {
      this.setData({ address: event.detail.address });
    },
    onName(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ seniorName: event.detail.value, nameError: '' });
    },
    async onSubmit() {
      const { address, seniorName, saving } = this.data;
      if (saving) return;
      if (!address) {
        wx.showToast({ title: '请先选择老人家的楼栋、单元和房间', icon: 'none', duration: 2500 });
        return;
      }
      if (!seniorName.trim()) {
        this.setData({ nameError: '请填写老人的姓名' });
        return;
      }
      this.setData({ saving: true });
      try {
        const answer = await call('user', 'requestRelativeLink', { ...address, seniorName: seniorName.trim() });
        this.setData({ doneMessage: answer.message });
      } catch (error) {
        if (isApiError(error) && error.fields.includes('seniorName')) {
          this.setData({ nameError: '请填写老人的真实姓名（只用文字）' });
        } else {
          showApiError(error);
        }
      } finally {
        this.setData({ saving: false });
      }
    },
    onBack() {
      void wx.switchTab({ url: '/pages/me/index' });
    },
  },
});
