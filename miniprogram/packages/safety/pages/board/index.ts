/**
 * 值班看板 for staff (a branch secretary sees their building): the open alarms — seniors
 * living alone first — with the time since they went off, who answered and the ladder's
 * state; device health per building and unit in words; unknown devices, open tasks and who
 * is on duty. It refreshes itself while shown.
 */
import type { BoardView } from '../../../../../typings/domain/safety';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { alarmCards, PAGES, type AlarmCard } from '../../view';

export const BOARD_REFRESH_SECONDS = 10;

const timers = new WeakMap<object, ReturnType<typeof setInterval>>();

function stopRefresh(page: object): void {
  const timer = timers.get(page);
  if (timer !== undefined) clearInterval(timer);
  timers.delete(page);
}

function boardData(board: BoardView) {
  return {
    board,
    alarms: alarmCards(board.alarms),
    dutyLabel: board.onDuty.length ? board.onDuty.join('、') : '未排班（报警通知全体工作人员）',
  };
}

Component({
  behaviors: [elderBehavior, loadable<ReturnType<typeof boardData>>()],
  data: {
    board: null as BoardView | null,
    alarms: [] as AlarmCard[],
    dutyLabel: '',
    pages: PAGES,
  },
  methods: {
    onShow() {
      void this.load();
      stopRefresh(this);
      const timer = setInterval(() => void this.load(), BOARD_REFRESH_SECONDS * 1000);
      timers.set(this, timer);
    },
    onHide() {
      stopRefresh(this);
    },
    onUnload() {
      stopRefresh(this);
    },
    async fetch() {
      return boardData(await call('safety', 'board', {}));
    },
    onOpenAlarm(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.alarm}?id=${event.currentTarget.dataset.id}` });
    },
  },
});
