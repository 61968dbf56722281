/**
 * 登记老人 (staff): a senior without WeChat, registered on their behalf and verified at
 * once in their household, with the care flags that decide home delivery and home visits.
 * Relatives can then ask to be bound to them; staff confirm for them.
 */
import type { HouseholdAddress } from '../../../../../typings/domain/community';
import type { CareFlags } from '../../../../../typings/functions/community';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, isApiError, showApiError } from '../../../../services/api';

interface SeniorForm {
  name: string;
  birthYear: string;
  phone: string;
}

const EMPTY_FORM: SeniorForm = { name: '', birthYear: '', phone: '' };
const NO_CARE: CareFlags = { livesAlone: false, mobilityLimited: false, deliveryEligible: false };

Component({
  behaviors: [elderBehavior],
  data: {
    address: null as HouseholdAddress | null,
    form: { ...EMPTY_FORM },
    care: { ...NO_CARE },
    errors: {} as Partial<Record<keyof SeniorForm, string>>,
    saving: false,
    done: '',
    /** Bumped to re-create the address picker for the next senior. */
    round: 0,
  },
  methods: {
    onAddress(event: WechatMiniprogram.CustomEvent<{ address: HouseholdAddress | null }>) {
      this.setData({ address: event.detail.address });
    },
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (event.currentTarget.dataset as { field: keyof SeniorForm }).field;
      this.setData({ [`form.${field}`]: event.detail.value, [`errors.${field}`]: '' });
    },
    onCare(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const flag = (event.currentTarget.dataset as { flag: keyof CareFlags }).flag;
      this.setData({ [`care.${flag}`]: event.detail.value });
    },
    async onSubmit() {
      const { address, form, care, saving } = this.data;
      if (saving) return;
      if (!address) {
        wx.showToast({ title: '请先选择楼栋、单元和房间', icon: 'none', duration: 2500 });
        return;
      }
      const errors: Partial<Record<keyof SeniorForm, string>> = {};
      if (!form.name.trim()) errors.name = '请填写老人的姓名';
      if (!/^\d{4}$/.test(form.birthYear)) errors.birthYear = '请填写4位出生年份，例如 1940';
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      this.setData({ saving: true });
      try {
        const entry = await call('community', 'addSenior', {
          ...address,
          name: form.name.trim(),
          birthYear: Number(form.birthYear),
          ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
          care,
        });
        this.setData({ done: `${entry.name} · ${entry.addressLabel ?? ''}` });
      } catch (error) {
        if (isApiError(error) && error.code === 'INVALID_INPUT' && error.fields.length) {
          const tips: Record<string, string> = {
            name: '请填写老人的真实姓名（只用文字）',
            birthYear: '请填写4位出生年份，例如 1940',
            phone: '请填写11位手机号码，也可以不填',
          };
          this.setData({
            errors: Object.fromEntries(
              error.fields.filter((field) => tips[field]).map((field) => [field, tips[field]]),
            ),
          });
        } else {
          showApiError(error);
        }
      } finally {
        this.setData({ saving: false });
      }
    },
    onNext() {
      this.setData({
        done: '',
        address: null,
        form: { ...EMPTY_FORM },
        care: { ...NO_CARE },
        errors: {},
        round: this.data.round + 1,
      });
    },
    onBack() {
      void wx.navigateBack({ delta: 1 });
    },
  },
});
