/**
 * 住户名册: staff see everyone, a branch secretary their building, a unit leader their
 * unit (the server decides). Search by name, room or phone digits; tap 拨打 to call
 * (wx.makePhoneCall). Staff also set care flags here and open 身份任免 for a person.
 */
import type { CareFlags } from '../../../../../typings/functions/community';
import type { RoleView } from '../../../../../typings/domain/community';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { personCard, type PersonCard } from './view';

type State = 'loading' | 'error' | 'ready';

export const ROLES_PAGE = '/packages/staff/pages/roles/index';

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    isStaff: false,
    query: '',
    includeUnbound: false,
    scopeLabel: '',
    items: [] as PersonCard[],
    page: 1,
    hasMore: false,
    loadingMore: false,
    /** The card whose care flags are open (staff). */
    caring: '',
    care: { livesAlone: false, mobilityLimited: false, deliveryEligible: false } as CareFlags,
    saving: false,
  },
  lifetimes: {
    attached() {
      void this.start();
    },
  },
  methods: {
    async start() {
      try {
        const me = await call('user', 'login', {});
        this.setData({ isStaff: me.roles.some((role: RoleView) => role.kind === 'staff') });
      } catch {
        // The directory itself says whether the caller may read it.
      }
      await this.search();
    },
    input() {
      const { query, includeUnbound, isStaff } = this.data;
      return {
        ...(query.trim() ? { query: query.trim() } : {}),
        ...(isStaff && includeUnbound ? { includeUnbound: true } : {}),
      };
    },
    async search() {
      this.setData({ state: 'loading', errorMessage: '', caring: '' });
      try {
        const result = await call('community', 'directory', this.input());
        const year = new Date().getFullYear();
        this.setData({
          state: 'ready',
          scopeLabel: result.scopeLabel,
          items: result.items.map((entry) => personCard(entry, year)),
          page: 1,
          hasMore: result.hasMore,
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onQuery(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ query: event.detail.value });
    },
    onSearch() {
      void this.search();
    },
    onClear() {
      this.setData({ query: '' });
      void this.search();
    },
    onUnbound(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ includeUnbound: event.detail.value });
      void this.search();
    },
    async onMore() {
      if (this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const page = this.data.page + 1;
        const result = await call('community', 'directory', { ...this.input(), page });
        const year = new Date().getFullYear();
        this.setData({
          items: [...this.data.items, ...result.items.map((entry) => personCard(entry, year))],
          page,
          hasMore: result.hasMore,
        });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    onCall(event: WechatMiniprogram.TouchEvent) {
      const phone = (event.currentTarget.dataset as { phone: string }).phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },
    onRoles(event: WechatMiniprogram.TouchEvent) {
      const { id, name } = event.currentTarget.dataset as { id: string; name: string };
      void wx.navigateTo({
        url: `${ROLES_PAGE}?residentId=${encodeURIComponent(id)}&name=${encodeURIComponent(name)}`,
      });
    },
    onCare(event: WechatMiniprogram.TouchEvent) {
      const id = (event.currentTarget.dataset as { id: string }).id;
      const card = this.data.items.find((item) => item.residentId === id);
      if (!card) return;
      this.setData({ caring: this.data.caring === id ? '' : id, care: { ...card.care } });
    },
    onCareFlag(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const flag = (event.currentTarget.dataset as { flag: keyof CareFlags }).flag;
      this.setData({ [`care.${flag}`]: event.detail.value });
    },
    async onCareSave() {
      const residentId = this.data.caring;
      if (!residentId || this.data.saving) return;
      this.setData({ saving: true });
      try {
        const entry = await call('community', 'setCare', { residentId, ...this.data.care });
        const index = this.data.items.findIndex((item) => item.residentId === residentId);
        this.setData({ [`items[${index}]`]: personCard(entry, new Date().getFullYear()), caring: '' });
        wx.showToast({ title: '已保存', icon: 'success', duration: 1500 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
