/**
 * 月度统计 per building (staff: the community; a branch secretary: their building): real
 * alarms and drills, the median time to the first answer and to someone on the spot, the
 * false-alarm share, and the causes.
 */
import type { SafetyFigures } from '../../../../../typings/domain/safety';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { monthKey } from '../../../../utils/dates';

/** This month on the community's calendar (the page's default). */
export function currentMonth(now = new Date()): string {
  return monthKey(now);
}

Component({
  behaviors: [elderBehavior, loadable<{ figures: SafetyFigures }>()],
  data: {
    month: currentMonth(),
    figures: null as SafetyFigures | null,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.month && /^\d{4}-\d{2}$/.test(options.month)) this.setData({ month: options.month });
      void this.load();
    },
    async fetch() {
      return { figures: await call('safety', 'figures', { month: this.data.month }) };
    },
    onMonth(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ month: event.detail.value, state: 'loading' });
      void this.load();
    },
  },
});
