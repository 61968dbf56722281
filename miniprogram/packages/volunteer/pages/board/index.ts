/**
 * 光荣榜: the month's hours of every team, and the most active volunteers of those who chose
 * to appear (我的志愿 → 上光荣榜). volunteer.board.
 */
import type { HonourBoard } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { recentMonths } from '../../view';

Component({
  behaviors: [elderBehavior, loadable<{ board: HonourBoard }>()],
  data: {
    months: recentMonths(new Date(), 3),
    month: recentMonths(new Date(), 1)[0]!,
    board: null as HonourBoard | null,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async fetch() {
      return { board: await call('volunteer', 'board', { month: this.data.month }) };
    },
    onMonth(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ month: event.detail.value, state: 'loading' });
      void this.load();
    },
  },
});
