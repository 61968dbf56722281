/**
 * 签到码: the QR code the organiser scans, and the six digits they can type instead,
 * large enough to read aloud. The screen is made bright while it shows, and given back
 * its own brightness when the page hides (the setting outlives the page otherwise).
 */
import type { Ticket } from '../../../../../typings/domain/activity';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage } from '../../../../services/api';
import { signupTag, type StatusTag } from '../../../../pages/activity/view';

type State = 'loading' | 'error' | 'ready';

/** The brightness before the ticket showed; undefined when it could not be read. */
let previousBrightness: number | undefined;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    signupId: '',
    ticket: null as Ticket | null,
    /** "482 913": grouped for reading aloud. */
    codeText: '',
    tag: null as StatusTag | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ signupId: query.signupId ?? '' });
      void this.load();
    },
    async onShow() {
      if (typeof wx.setScreenBrightness !== 'function') return;
      try {
        previousBrightness = (await wx.getScreenBrightness()).value;
      } catch {
        previousBrightness = undefined;
      }
      void wx.setScreenBrightness({ value: 1 }).catch(() => undefined);
    },
    onHide() {
      this.restoreBrightness();
    },
    onUnload() {
      this.restoreBrightness();
    },
    restoreBrightness() {
      if (previousBrightness === undefined || typeof wx.setScreenBrightness !== 'function') return;
      void wx.setScreenBrightness({ value: previousBrightness }).catch(() => undefined);
      previousBrightness = undefined;
    },
    async load() {
      try {
        const ticket = await call('activity', 'ticket', { signupId: this.data.signupId });
        this.setData({
          state: 'ready',
          ticket,
          codeText: `${ticket.code.slice(0, 3)} ${ticket.code.slice(3)}`,
          tag: signupTag(ticket),
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onRetry() {
      this.setData({ state: 'loading' });
      void this.load();
    },
  },
});
