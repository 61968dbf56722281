/**
 * 我的: who I am, my household and its verification status, my roles, the seniors I care
 * for and my relatives. One call: user.login. Loading, error (with retry) and the
 * not-yet-registered state are all explicit.
 */
import { elderBehavior } from '../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../services/api';
import { REGISTER_GUIDE, toScreen, type MeScreen } from './view';

type State = 'loading' | 'error' | 'ready';

/** Answers of an older request are dropped when a newer one has started. */
let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    screen: null as MeScreen | null,
    registerGuide: REGISTER_GUIDE,
  },
  methods: {
    /** Every time the tab shows: the first time with a spinner, later refreshing in place. */
    onShow() {
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      const request = ++latestRequest;
      try {
        const me = await call('user', 'login', {});
        if (request !== latestRequest) return;
        this.setData({ state: 'ready', screen: toScreen(me), errorMessage: '' });
      } catch (error) {
        if (request !== latestRequest) return;
        if (this.data.state === 'ready') {
          // Keep what is on screen; say the refresh failed.
          showApiError(error);
        } else {
          this.setData({ state: 'error', errorMessage: errorMessage(error) });
        }
      }
    },
  },
});
