/**
 * 关爱提醒: the alerts the caller should act on — as a carer or bound relative of the
 * person, as the building's branch secretary (what nobody answered comes first), as staff.
 * Each says what happened and what to do, step by step, with the circle's numbers to call
 * and three answers (我去看看 / 已联系，平安 / 需要帮助); the secretary and staff close it
 * with what was done. A message opens its alert first (`?id=`).
 */
import type { AlertAnswerKind, AlertView } from '../../../../../typings/domain/care';
import type { TemplateView } from '../../../../../typings/domain/push';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { askThenProceed, loadTemplate } from '../../../../services/subscribe';
import { ALERT_TAGS, ANSWER_BUTTONS, callNumber, type StatusTag } from '../../view';

type Card = AlertView & {
  tag: StatusTag;
  buttons: Array<{ kind: AlertAnswerKind; text: string; icon: string; theme: string }>;
};

function cardOf(alert: AlertView): Card {
  return {
    ...alert,
    tag: ALERT_TAGS[alert.status],
    buttons: alert.can.answer.map((kind) => ({ kind, ...ANSWER_BUTTONS[kind] })),
  };
}

const STATUS_CHOICES = [
  { value: 'open', label: '待处理' },
  { value: 'closed', label: '已处理' },
];

Component({
  behaviors: [elderBehavior, loadable<{ cards: Card[]; unanswered: number }>()],
  data: {
    focus: '',
    status: 'open' as 'open' | 'closed',
    statusChoices: STATUS_CHOICES,
    cards: [] as Card[],
    unanswered: 0,
    closing: '',
    closeNote: '',
    busy: false,
    template: null as TemplateView | null,
  },
  methods: {
    onLoad(query: { id?: string }) {
      this.setData({ focus: query.id ? decodeURIComponent(query.id) : '' });
      void loadTemplate('care').then((template) => this.setData({ template }));
    },
    onShow() {
      void this.load();
    },
    async fetch() {
      const { items, unanswered } = await call('care', 'alerts', {
        status: this.data.status,
        ...(this.data.focus ? { id: this.data.focus } : {}),
      });
      return { cards: items.map(cardOf), unanswered };
    },
    onStatus(event: WechatMiniprogram.CustomEvent<{ value: 'open' | 'closed' }>) {
      this.setData({ status: event.detail.value, focus: '' });
      void this.load();
    },
    onCall(event: WechatMiniprogram.TouchEvent<object, object, { phone: string }>) {
      callNumber(event.currentTarget.dataset.phone);
    },
    /** From the tap: ask once for these messages, then answer. */
    onAnswer(event: WechatMiniprogram.TouchEvent<object, object, { id: string; kind: AlertAnswerKind }>) {
      const { id, kind } = event.currentTarget.dataset;
      if (this.data.busy) return;
      askThenProceed(this.data.template, () => void this.answer(id, kind));
    },
    async answer(id: string, kind: AlertAnswerKind) {
      this.setData({ busy: true });
      try {
        const updated = await call('care', 'answerAlert', { id, kind });
        this.replace(updated);
        wx.showToast({ title: `已告诉其他人：${ANSWER_BUTTONS[kind].text}`, icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    replace(alert: AlertView) {
      this.setData({ cards: this.data.cards.map((card) => (card.id === alert.id ? cardOf(alert) : card)) });
    },
    onStartClose(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      this.setData({ closing: event.currentTarget.dataset.id, closeNote: '' });
    },
    onCloseNote(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ closeNote: event.detail.value });
    },
    async onClose() {
      const note = this.data.closeNote.trim();
      if (!note || this.data.busy) {
        if (!note) wx.showToast({ title: '请写一句怎么处理的', icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ busy: true });
      try {
        const closed = await call('care', 'closeAlert', { id: this.data.closing, note });
        this.replace(closed);
        this.setData({ closing: '' });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
