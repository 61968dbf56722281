/**
 * 办件 (staff): one service record — who, which item and clause, the standard's clock in
 * words (overdue flagged), and its steps: 需补材料 (tick every missing material at once:
 * 一次告知; the clock stops), 材料已补齐 (the clock restarts), 办结. Opened for a called
 * number (`?window&ticketId[&itemId]`): the service is chosen first when the number has none.
 */
import type { RecordView, WindowKey } from '../../../../../typings/domain/service';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';

type State = 'loading' | 'error' | 'choose' | 'ready';

/** The missing materials to send: the ticked ones, then the typed ones (split by 、，,). */
export function missingList(ticked: readonly string[], typed: string): string[] {
  const extra = typed
    .split(/[、，,；;\n]/)
    .map((name) => name.trim())
    .filter(Boolean);
  return [...new Set([...ticked, ...extra])];
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    record: null as RecordView | null,
    /** e.g. "一寸照片、户口簿". */
    missingText: '',
    ticketId: '',
    window: 'community' as WindowKey,
    items: [] as Array<{ id: string; title: string }>,
    itemId: '',
    /** Names of the item's materials, to tick the missing ones. */
    materials: [] as string[],
    ticked: [] as string[],
    typed: '',
    asking: false,
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({
        ticketId: options.ticketId ?? '',
        window: options.window === 'bank' ? 'bank' : 'community',
      });
      if (options.id) void this.show(options.id);
      else if (options.itemId) void this.open(options.itemId);
      else void this.chooseItem();
    },
    onRetry() {
      this.setData({ state: 'loading' });
      if (this.data.record) void this.show(this.data.record.id);
      else void this.chooseItem();
    },
    async show(recordId: string) {
      try {
        const record = await call('service', 'record', { recordId });
        this.setData({ state: 'ready', ...this.shown(record) });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    async chooseItem() {
      try {
        const day = await call('service', 'day', { window: this.data.window });
        this.setData({ state: 'choose', items: day.items });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    shown(record: RecordView) {
      return { record, missingText: record.missing.join('、') };
    },
    onItem(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ itemId: event.detail.value });
    },
    onOpen() {
      if (this.data.itemId) void this.open(this.data.itemId);
    },
    async open(itemId: string) {
      this.setData({ busy: true });
      try {
        const record = await call('service', 'openRecord', {
          itemId,
          ...(this.data.ticketId ? { ticketId: this.data.ticketId } : {}),
        });
        this.setData({ state: 'ready', ...this.shown(record) });
      } catch (error) {
        if (this.data.state === 'choose') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      } finally {
        this.setData({ busy: false });
      }
    },
    async onAskMore() {
      const record = this.data.record;
      if (!record) return;
      try {
        const item = await call('service', 'item', { id: record.item.id });
        this.setData({
          asking: true,
          materials: item.materials.map((material) => material.name),
          ticked: [],
          typed: '',
        });
      } catch (error) {
        showApiError(error);
      }
    },
    onTicked(event: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ ticked: event.detail.value });
    },
    onTyped(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ typed: event.detail.value });
    },
    onCancelAsk() {
      this.setData({ asking: false });
    },
    async update(status: 'received' | 'needs_materials' | 'done', missing?: string[]) {
      const record = this.data.record;
      if (!record || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const next = await call('service', 'updateRecord', {
          recordId: record.id,
          status,
          ...(missing ? { missing } : {}),
        });
        this.setData({ ...this.shown(next), asking: false });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onSendMissing() {
      const missing = missingList(this.data.ticked, this.data.typed);
      if (!missing.length) {
        wx.showToast({ title: '请勾选或填写需要补充的材料', icon: 'none', duration: 3000 });
        return;
      }
      void this.update('needs_materials', missing);
    },
    onComplete() {
      void this.update('received');
    },
    onDone() {
      void this.update('done');
    },
  },
});
