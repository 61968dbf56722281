/**
 * 送餐名单 (canteen staff; a volunteer for the buildings assigned to them): home deliveries
 * grouped by building and unit with name, room and phone (tap to call), dish, dietary
 * needs and note; 已送达 / 无人应答 after the cut-off. A delivered meal tells the bound
 * relatives; 无人应答 alerts them and the building's branch secretary. Canteen staff also
 * see 自取 / 堂食 orders to mark 已取餐 / 未取餐.
 */
import type { DeliveryListView, DeliveryRow, OrderOutcome } from '../../../../../typings/domain/canteen';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { mealFromQuery, type MealKey } from '../../lib/meal';

type Tab = 'delivery' | 'counter';

Component({
  behaviors: [
    elderBehavior,
    loadable<{ list: DeliveryListView | null }>({ emptyOn: ['NOT_FOUND'], empty: { list: null } }),
  ],
  data: {
    date: '',
    meal: 'lunch' as MealKey,
    tab: 'delivery' as Tab,
    list: null as DeliveryListView | null,
    marking: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData(mealFromQuery(query));
      void this.load();
    },
    async fetch() {
      return { list: await call('canteen', 'deliveryList', { menuId: `${this.data.date}_${this.data.meal}` }) };
    },
    onMeal(event: WechatMiniprogram.CustomEvent<{ value: MealKey }>) {
      this.setData({ meal: event.detail.value, state: 'loading' });
      void this.load();
    },
    onTab(event: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
      this.setData({ tab: event.detail.value });
    },
    onCall(event: WechatMiniprogram.BaseEvent<Record<string, never>, { phone: string }>) {
      const phone = event.currentTarget.dataset.phone;
      if (phone) void wx.makePhoneCall({ phoneNumber: phone });
    },
    findRow(orderId: string): DeliveryRow | undefined {
      const list = this.data.list;
      if (!list) return undefined;
      return [...list.groups.flatMap((g) => g.units.flatMap((u) => u.rows)), ...list.counter].find(
        (row) => row.orderId === orderId,
      );
    },
    onMark(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; outcome: OrderOutcome }>) {
      const { id, outcome } = event.currentTarget.dataset;
      const row = this.findRow(id);
      if (!row || this.data.marking) return;
      if (outcome === 'not_collected') {
        wx.showModal({
          title: row.mode === 'delivery' ? '确认无人应答？' : '确认未取餐？',
          content: `${row.dinerName}（${row.addressLabel}）。将提醒老人的亲属和楼栋党支部书记尽快联系老人。`,
          confirmText: '确认',
          cancelText: '再等等',
          success: (answer) => {
            if (answer.confirm) void this.mark(id, outcome);
          },
        });
        return;
      }
      if (row.paid) {
        void this.mark(id, outcome);
        return;
      }
      wx.showModal({
        title: '是否当面收款？',
        content: `${row.dinerName} ${row.amountLabel}（线下支付）`,
        confirmText: '已收款',
        cancelText: '未收款',
        success: (answer) => void this.mark(id, outcome, answer.confirm),
      });
    },
    async mark(orderId: string, outcome: OrderOutcome, paid?: boolean) {
      this.setData({ marking: orderId });
      try {
        const { row } = await call('canteen', 'markOutcome', {
          orderId,
          outcome,
          ...(paid === undefined ? {} : { paid }),
        });
        wx.showToast({ title: `${row.dinerName}：${row.badge.text}`, icon: 'none', duration: 2000 });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ marking: '' });
      }
    },
  },
});
