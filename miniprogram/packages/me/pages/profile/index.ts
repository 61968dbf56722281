/**
 * First use, step 2 (and 修改个人信息 later): name, mobile number and birth year. The name
 * is screened by WeChat on the server; a name held for review is kept and said so. After
 * a first registration the address form opens.
 */
import type { MeView } from '../../../../../typings/domain/community';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, isApiError, showApiError } from '../../../../services/api';
import { formOf, serverErrors, toInput, validate, type ProfileErrors, type ProfileForm } from './form';

export const BINDING_PAGE = '/packages/me/pages/binding/index';
export const PRIVACY_PAGE = '/packages/me/pages/privacy/index';

type State = 'loading' | 'error' | 'ready';

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    /** Editing an existing profile (not first use). */
    editing: false,
    /** A verified resident's name is changed by staff only. */
    nameLocked: false,
    phoneOnFile: '',
    form: formOf(null),
    errors: {} as ProfileErrors,
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
        if (!me.registered && !me.privacyAgreed) {
          void wx.redirectTo({ url: PRIVACY_PAGE });
          return;
        }
        this.setData({
          state: 'ready',
          editing: me.registered,
          nameLocked: me.binding.status === 'verified',
          phoneOnFile: me.profile?.phoneMasked ?? '',
          form: formOf(me),
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onRetry() {
      void this.load();
    },
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (event.currentTarget.dataset as { field: keyof ProfileForm }).field;
      this.setData({ [`form.${field}`]: event.detail.value, [`errors.${field}`]: '' });
    },
    async onSubmit() {
      if (this.data.saving) return;
      const errors = validate(this.data.form, new Date().getFullYear());
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      this.setData({ saving: true, errors: {} });
      try {
        const me: MeView = await call('user', 'register', toInput(this.data.form));
        if (me.profile?.nameHeld === 'review') {
          wx.showToast({ title: '已保存，姓名审核通过前其他人看到的是“居民”', icon: 'none', duration: 3000 });
        } else {
          wx.showToast({ title: '已保存', icon: 'success', duration: 1500 });
        }
        const needsAddress = me.binding.status === 'none' || me.binding.status === 'rejected';
        if (!this.data.editing && needsAddress) void wx.redirectTo({ url: BINDING_PAGE });
        else void wx.navigateBack({ delta: 1 });
      } catch (error) {
        if (isApiError(error) && error.code === 'INVALID_INPUT' && error.fields.length) {
          this.setData({ errors: serverErrors(error.fields) });
        } else {
          showApiError(error);
        }
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
