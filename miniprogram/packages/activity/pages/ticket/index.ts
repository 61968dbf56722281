/**
 * 签到码: the QR code the organiser scans, and the six digits they can type instead,
 * large enough to read aloud. The screen is made bright while it shows.
 */
import type { Ticket } from '../../../../../typings/domain/activity';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage } from '../../../../services/api';
import { signupTag, type StatusTag } from '../../../../pages/activity/view';

type State = 'loading' | 'error' | 'ready';

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
    onShow() {
      if (typeof wx.setScreenBrightness === 'function')
        void wx.setScreenBrightness({ value: 1 }).catch(() => undefined);
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
