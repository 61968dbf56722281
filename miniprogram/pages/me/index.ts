/**
 * 我的: who I am, my household and its verification status, my roles, the seniors I care
 * for and my relatives (with their requests to answer), 我的消息 with the unread count,
 * and the staff pages my roles open. One call on show: user.login; the link actions
 * answer with the new MeView, so the page never calls twice for one tap.
 */
import type { MeView } from '../../../typings/domain/community';
import { elderBehavior } from '../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../services/api';
import {
  REGISTER_GUIDE,
  SHORTCUTS,
  confirmText,
  toScreen,
  withCounts,
  workCounts,
  type LinkAction,
  type MeScreen,
  type WorkCount,
} from './view';
import { dateKey } from '../../utils/dates';
import { showTab } from '../../custom-tab-bar/tabs';

type State = 'loading' | 'error' | 'ready';

/** Answers of an older request are dropped when a newer one has started. */
let latestRequest = 0;

interface PendingAction {
  kind: LinkAction['kind'];
  linkId: string;
}

const DONE: Record<LinkAction['kind'], string> = {
  accept: '已同意绑定',
  decline: '已拒绝',
  withdraw: '已撤回申请',
  unbind: '已解除绑定',
};

/** One read per kind of work, scoped by the server to the caller. */
async function countOf(kind: WorkCount): Promise<{ count: number; more?: boolean }> {
  switch (kind) {
    case 'reports': {
      const inbox = await call('report', 'inbox', { group: 'new' });
      return { count: inbox.counts.new };
    }
    case 'bindings': {
      const queue = await call('community', 'bindingQueue', {});
      return { count: queue.items.length, more: queue.hasMore };
    }
    case 'moderation': {
      const queue = await call('moderation', 'queue', { state: 'open' });
      return { count: queue.items.length, more: queue.hasMore };
    }
    case 'orders': {
      const week = await call('canteen', 'staffWeek', {});
      const today = week.days.find((day) => day.date === dateKey(new Date()));
      return { count: (today?.meals ?? []).reduce((sum, meal) => sum + (meal.menu?.ordered ?? 0), 0) };
    }
  }
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    screen: null as MeScreen | null,
    registerGuide: REGISTER_GUIDE,
    shortcuts: SHORTCUTS,
    dialog: { visible: false, title: '', content: '', confirm: '' },
    /** The action the open dialog asks about. */
    pending: null as PendingAction | null,
    busy: false,
  },
  methods: {
    /** Every time the tab shows: the first time with a spinner, later refreshing in place. */
    onShow() {
      showTab(this, '/pages/me/index');
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
        this.show(me);
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
    show(me: MeView) {
      this.setData({ state: 'ready', screen: toScreen(me), errorMessage: '' });
      if (me.registered) void this.loadCounts(me);
    },
    /** What waits on each work entry; a count that fails to load just stays unsaid. */
    async loadCounts(me: MeView) {
      const kinds = workCounts(me.roles);
      if (!kinds.length) return;
      const request = latestRequest;
      const counted = await Promise.all(kinds.map((kind) => countOf(kind).catch(() => undefined)));
      if (request !== latestRequest || !this.data.screen) return;
      const counts = Object.fromEntries(kinds.map((kind, i) => [kind, counted[i]]).filter(([, c]) => c));
      this.setData({ 'screen.staffEntries': withCounts(this.data.screen.staffEntries, counts) });
    },
    /** 开始登记: the privacy agreement first, unless it was given already. */
    onStart() {
      const url = this.data.screen?.startUrl;
      if (url) void wx.navigateTo({ url });
    },
    /** A button on a senior's or relative's row: ask first, act on 确认. */
    onLinkAction(event: WechatMiniprogram.TouchEvent) {
      const { kind, linkId, side } = event.currentTarget.dataset as {
        kind: LinkAction['kind'];
        linkId: string;
        side: 'senior' | 'relative';
      };
      const rows = side === 'senior' ? this.data.screen?.seniors : this.data.screen?.relatives;
      const row = rows?.find((item) => item.linkId === linkId);
      if (!row || this.data.busy) return;
      const text = confirmText(kind, row, side);
      this.setData({
        pending: { kind, linkId },
        dialog: { visible: true, title: text.title, content: text.content, confirm: text.confirm },
      });
    },
    onDialogCancel() {
      this.setData({ pending: null, 'dialog.visible': false });
    },
    async onDialogConfirm() {
      const pending = this.data.pending;
      this.setData({ pending: null, 'dialog.visible': false });
      if (!pending || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const me =
          pending.kind === 'accept' || pending.kind === 'decline'
            ? await call('user', 'respondRelativeLink', { linkId: pending.linkId, accept: pending.kind === 'accept' })
            : await call('user', 'unbindRelative', { linkId: pending.linkId });
        latestRequest++;
        this.show(me);
        wx.showToast({ title: DONE[pending.kind], icon: 'none', duration: 2000 });
      } catch (error) {
        showApiError(error);
        void this.load();
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
