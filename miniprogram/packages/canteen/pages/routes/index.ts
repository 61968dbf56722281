/**
 * 送餐分工 (canteen staff): who delivers each building's meals — canteen staff or a
 * volunteer. Only the assigned deliverer sees that building's names, rooms and phones.
 */
import type { RouteView } from '../../../../../typings/domain/canteen';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';

type State = 'loading' | 'error' | 'ready';

const NOBODY = '（不指派）';

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    routes: null as RouteView | null,
    names: [] as string[],
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    show(routes: RouteView) {
      this.setData({
        state: 'ready',
        routes,
        names: [NOBODY, ...routes.candidates.map((c) => `${c.name}（${c.roleLabel}）`)],
      });
    },
    async load() {
      try {
        this.show(await call('canteen', 'routes', {}));
      } catch (error) {
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    async onPick(event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { building: number }>) {
      const routes = this.data.routes;
      if (!routes) return;
      const index = Number(event.detail.value);
      const delivererId = index === 0 ? null : (routes.candidates[index - 1]?.residentId ?? null);
      try {
        this.show(
          await call('canteen', 'assignRoute', {
            buildingNo: Number(event.currentTarget.dataset.building),
            delivererId,
          }),
        );
        wx.showToast({ title: '已保存', icon: 'none', duration: 1500 });
      } catch (error) {
        showApiError(error);
      }
    },
  },
});
