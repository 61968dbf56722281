/**
 * First use, step 2 of 2 (and later, while the address is not verified): choose 楼栋 /
 * 单元 / 房间 and submit; the request then waits for the building's branch secretary or
 * staff ("待审核"). A rejected request shows its reason and may be sent again; a pending
 * one may be changed; a verified address is changed by staff only.
 */
import type { HouseholdAddress, MeView } from '../../../../../typings/domain/community';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';

export const PROFILE_PAGE = '/packages/me/pages/profile/index';

type State = 'loading' | 'error' | 'unregistered' | 'ready';

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    binding: { status: 'none' } as MeView['binding'],
    /** The form is open (always for none / rejected; on request for pending). */
    editing: false,
    address: null as HouseholdAddress | null,
    saving: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ state: 'loading', errorMessage: '' });
      try {
        const me = await call('user', 'login', {});
        if (!me.registered) {
          this.setData({ state: 'unregistered' });
          return;
        }
        this.showBinding(me.binding);
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    showBinding(binding: MeView['binding']) {
      const editing = binding.status === 'none' || binding.status === 'rejected';
      this.setData({ state: 'ready', binding, editing, address: null });
    },
    onRetry() {
      void this.load();
    },
    onProfile() {
      void wx.redirectTo({ url: PROFILE_PAGE });
    },
    onChange() {
      this.setData({ editing: true, address: null });
    },
    onAddress(event: WechatMiniprogram.CustomEvent<{ address: HouseholdAddress | null }>) {
      this.setData({ address: event.detail.address });
    },
    async onSubmit() {
      const address = this.data.address;
      if (!address || this.data.saving) {
        if (!address) wx.showToast({ title: '请先选择楼栋、单元和房间', icon: 'none', duration: 2500 });
        return;
      }
      this.setData({ saving: true });
      try {
        const binding = await call('user', 'requestBinding', address);
        this.showBinding(binding);
        wx.showToast({ title: '已提交，请等待审核', icon: 'none', duration: 2500 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ saving: false });
      }
    },
    onDone() {
      void wx.switchTab({ url: '/pages/me/index' });
    },
  },
});
