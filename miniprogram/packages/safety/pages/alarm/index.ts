/**
 * 报警: one alarm for whoever it paged — the flat's family, a relative far away, the unit
 * leader, the branch secretary, staff. While it is not closed the 119 guidance first, then where (address and the
 * unit's floor plan), who lives there (emergency notes), one-tap calls, the answers
 * (我去看看 / 已到场 / 已联系家人 / 误报: the first stops the ladder), the ladder's state and
 * the timeline; officers close it with the cause. While it is open the page refreshes
 * itself, so the elapsed time and the answers of others stay current.
 */
import type { AckKind, AlarmCause, AlarmDetail } from '../../../../../typings/domain/safety';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { askThenProceed, loadTemplate } from '../../../../services/subscribe';
import type { TemplateView } from '../../../../../typings/domain/push';
import { alarmScreen, CAUSE_CHOICES, type AlarmScreen } from '../../view';

/** Seconds between refreshes while the alarm is open. */
export const REFRESH_SECONDS = 10;

function screenData(detail: AlarmDetail) {
  return { screen: alarmScreen(detail) };
}

/** Each page instance's refresh timer. */
const refreshTimers = new WeakMap<object, ReturnType<typeof setInterval>>();

Component({
  behaviors: [elderBehavior, loadable<ReturnType<typeof screenData>>()],
  data: {
    id: '',
    screen: null as AlarmScreen | null,
    causes: CAUSE_CHOICES,
    cause: '' as AlarmCause | '',
    actions: '',
    formError: '',
    closing: false,
    busy: false,
    template: null as TemplateView | null,
  },
  methods: {
    onShow() {
      this.startRefresh();
    },
    onHide() {
      this.stopRefresh();
    },
    onUnload() {
      this.stopRefresh();
    },
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ id: options.id ?? '' });
      void this.load();
      void loadTemplate('safety').then((template) => this.setData({ template }));
    },
    async fetch() {
      return screenData(await call('safety', 'alarm', { id: this.data.id }));
    },
    startRefresh() {
      this.stopRefresh();
      const timer = setInterval(() => {
        if (this.data.screen && this.data.screen.detail.status !== 'closed' && !this.data.busy) void this.load();
      }, REFRESH_SECONDS * 1000);
      refreshTimers.set(this, timer);
    },
    stopRefresh() {
      const timer = refreshTimers.get(this);
      if (timer) clearInterval(timer);
      refreshTimers.delete(this);
    },
    onCall119() {
      void wx.makePhoneCall({ phoneNumber: '119' });
    },
    onCall(event: WechatMiniprogram.TouchEvent<object, object, { phone: string }>) {
      const phone = event.currentTarget.dataset.phone;
      if (phone) void wx.makePhoneCall({ phoneNumber: phone });
    },
    /** An answer; the first tap also asks (once) for long-term alarm messages. */
    onAck(event: WechatMiniprogram.TouchEvent<object, object, { kind: AckKind }>) {
      const kind = event.currentTarget.dataset.kind;
      if (this.data.busy) return;
      askThenProceed(this.data.template, () => void this.acknowledge(kind));
    },
    async acknowledge(kind: AckKind) {
      this.setData({ busy: true });
      try {
        const detail = await call('safety', 'acknowledge', { id: this.data.id, kind });
        this.setData({ state: 'ready', ...screenData(detail) });
        wx.showToast({ title: '已告诉大家，报警停止升级', icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onOpenClose() {
      this.setData({ closing: true, formError: '' });
    },
    onCancelClose() {
      this.setData({ closing: false, formError: '' });
    },
    onCauseChange(event: WechatMiniprogram.CustomEvent<{ value: AlarmCause }>) {
      this.setData({ cause: event.detail.value, formError: '' });
    },
    onActionsChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ actions: event.detail.value, formError: '' });
    },
    async onSubmitClose() {
      const { cause, id } = this.data;
      const actions = this.data.actions.trim();
      if (!cause) return this.setData({ formError: '请选择报警原因' });
      if (actions.length < 2) return this.setData({ formError: '请写下处置情况，例如“已关阀开窗”' });
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const detail = await call('safety', 'close', { id, cause, actions });
        this.setData({ state: 'ready', ...screenData(detail), closing: false });
        wx.showToast({ title: '报警已结束', icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
