/**
 * 活动详情: everything about one activity, and for each person the caller may sign up
 * (themselves, a bound senior) their state in words with the one next step: 报名 (with
 * companions when allowed), 取消报名 / 退出候补, 签到码. Organisers get 管理报名与签到 and 编辑.
 * A sign-up keeps its request id until it succeeds, so a retry never signs up twice.
 */
import type { ActivityDetail, ParticipantOption } from '../../../../../typings/domain/activity';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, isApiError, showApiError } from '../../../../services/api';
import { askThenProceed, loadTemplate } from '../../../../services/subscribe';
import type { TemplateView } from '../../../../../typings/domain/push';
import { phaseTag, placesLabel, signupTag, type StatusTag } from '../../../../pages/activity/view';
import { newRequestId } from '../../../../utils/request-id';

type State = 'loading' | 'error' | 'ready';

interface PersonRow {
  residentId: string;
  name: string;
  self: boolean;
  tag: StatusTag | null;
  /** Why this person cannot sign up. */
  note: string;
  canSignUp: boolean;
  /** "我要报名", or "排队候补" when no place is left: the button says what it will do. */
  signUpText: string;
  canCancel: boolean;
  cancelText: string;
  signupId: string;
  hasTicket: boolean;
}

export interface DetailScreen {
  title: string;
  phase: StatusTag;
  timeLabel: string;
  place: string;
  organiserLabel: string;
  placesLabel: string;
  deadlineLabel: string;
  opensLabel: string;
  eligibilityLabel: string;
  hoursLabel: string;
  description: string;
  images: string[];
  maxCompanions: number;
  cancelNote: string;
  reviewNote: string;
  people: PersonRow[];
  canManage: boolean;
}

function signUpText(option: ParticipantOption, full: boolean): string {
  const verb = full ? '排队候补' : '报名';
  return option.self ? (full ? '排队候补' : '我要报名') : `为${option.name}${verb}`;
}

function personRow(option: ParticipantOption, open: boolean, full: boolean): PersonRow {
  const signup = option.signup && option.signup.state !== 'cancelled' ? option.signup : undefined;
  return {
    residentId: option.residentId,
    name: option.self ? `${option.name}（我）` : option.name,
    self: option.self,
    tag: signup ? signupTag(signup) : null,
    note: option.eligible ? '' : (option.reason ?? ''),
    canSignUp: open && option.eligible && !signup,
    signUpText: signUpText(option, full),
    canCancel: Boolean(signup?.canCancel),
    cancelText: signup?.state === 'waiting' ? '退出候补' : '取消报名',
    signupId: signup?.id ?? '',
    hasTicket: Boolean(signup?.hasTicket),
  };
}

export function toScreen(detail: ActivityDetail): DetailScreen {
  const open = detail.phase === 'open';
  return {
    title: detail.title,
    phase: phaseTag(detail.phase, detail.phaseLabel),
    timeLabel: detail.timeLabel,
    place: detail.place,
    organiserLabel: detail.organiserLabel,
    placesLabel: placesLabel(detail),
    deadlineLabel: detail.deadlineLabel,
    opensLabel: detail.phase === 'soon' ? detail.opensLabel : '',
    eligibilityLabel: detail.eligibilityLabel,
    hoursLabel: detail.volunteerHours ? `签到后记志愿服务 ${detail.volunteerHours} 小时` : '',
    description: detail.description,
    images: detail.images.flatMap((image) => (image.url ? [image.url] : [])),
    maxCompanions: detail.maxCompanions,
    cancelNote:
      detail.state === 'cancelled' ? `活动已取消${detail.cancelReason ? `：${detail.cancelReason}` : ''}` : '',
    reviewNote: detail.moderation === 'pass' ? '' : '活动内容正在审核，居民暂时看不到',
    people: detail.participants.map((option) => personRow(option, open, detail.places.left === 0)),
    canManage: detail.canManage,
  };
}

/** Request ids of sign-ups not yet answered, per participant: reused by a retry. */
const pending = new Map<string, string>();

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    id: '',
    screen: null as DetailScreen | null,
    companions: 0,
    busy: '',
    /** The reminder template, loaded with the detail so a quick tap still asks. */
    template: null as TemplateView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      void this.load();
    },
    onShow() {
      if (this.data.state === 'ready') void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading' });
      void this.load();
    },
    async load() {
      try {
        const [detail, template] = await Promise.all([
          call('activity', 'detail', { id: this.data.id }),
          this.data.template ? Promise.resolve(this.data.template) : loadTemplate('activity'),
        ]);
        this.setData({ state: 'ready', screen: toScreen(detail), template });
      } catch (error) {
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onCompanions(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ companions: Number(event.detail.value) || 0 });
    },
    /** Straight from the tap: asks for reminders while credits are short (WeChat allows it only here), then signs up. */
    onSignUp(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; self: boolean }>) {
      const { id: participantId, self } = event.currentTarget.dataset;
      if (this.data.busy) return;
      this.setData({ busy: participantId });
      askThenProceed(this.data.template, () => void this.signUp(participantId, self));
    },
    async signUp(participantId: string, self: boolean) {
      const requestId = pending.get(participantId) ?? newRequestId();
      pending.set(participantId, requestId);
      const input = {
        id: this.data.id,
        requestId,
        ...(self ? {} : { participantId }),
        ...(this.data.companions ? { companions: this.data.companions } : {}),
      };
      try {
        let result;
        try {
          result = await call('activity', 'signUp', input);
        } catch (error) {
          // The answer was lost on the way: the same request again cannot sign up twice.
          if (!isApiError(error) || error.code !== 'NETWORK') throw error;
          result = await call('activity', 'signUp', input);
        }
        pending.delete(participantId);
        wx.showToast({
          title: result.state === 'waiting' ? `名额已满，您是${result.stateLabel}` : result.stateLabel,
          icon: 'none',
          duration: 3000,
        });
        await this.load();
      } catch (error) {
        if (!isApiError(error) || error.code !== 'NETWORK') pending.delete(participantId);
        showApiError(error);
      } finally {
        this.setData({ busy: '' });
      }
    },
    async onCancel(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; text: string }>) {
      const { id: signupId, text } = event.currentTarget.dataset;
      const { confirm } = await wx.showModal({
        title: text,
        content: text === '退出候补' ? '确定退出候补名单吗？' : '确定取消报名吗？名额会让给候补的居民。',
        confirmText: text,
        cancelText: '再想想',
      });
      if (!confirm) return;
      this.setData({ busy: signupId });
      try {
        await call('activity', 'cancelSignup', { signupId });
        wx.showToast({ title: '已取消', icon: 'none', duration: 2000 });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: '' });
      }
    },
    onTicket(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `/packages/activity/pages/ticket/index?signupId=${event.currentTarget.dataset.id}` });
    },
    onManage() {
      void wx.navigateTo({ url: `/packages/activity/pages/manage/index?id=${this.data.id}` });
    },
    onEdit() {
      void wx.navigateTo({ url: `/packages/activity/pages/edit/index?id=${this.data.id}` });
    },
    onPreview(event: WechatMiniprogram.BaseEvent<Record<string, never>, { url: string }>) {
      void wx.previewImage({ current: event.currentTarget.dataset.url, urls: this.data.screen?.images ?? [] });
    },
  },
});
