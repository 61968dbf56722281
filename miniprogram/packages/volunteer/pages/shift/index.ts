/**
 * 值班: one shift — who is on it, 到岗签到 (hours credited), the shift log, and a log entry
 * turned into a 报事 in one tap: the page files it through the report function's own
 * submit (routing, checks and limits stay there), then links it to the entry. Members on
 * the shift may ask a team mate to take it (the leader approves) or give it up before it
 * starts. volunteer.shift loads it.
 */
import type { LogPlace, ShiftDetail } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { newRequestId } from '../../../../utils/request-id';
import { PAGES } from '../../view';
import { LOG_CATEGORIES, reportDraftOf } from './report';

/** Who is on the shift, in words. */
function whoOf(shift: ShiftDetail): string {
  return shift.names.length ? shift.names.join('、') : '还没有人';
}

Component({
  behaviors: [elderBehavior, loadable<{ shift: ShiftDetail; who: string }>({ emptyOn: ['NOT_FOUND'] })],
  data: {
    id: '',
    shift: null as ShiftDetail | null,
    who: '',
    busy: false,
    text: '',
    /** One per log entry, kept across a failed send: a retry after a lost answer writes it once. */
    logRequestId: '',
    categoryId: 'facility',
    buildingNo: 1,
    unitNo: 0,
    categories: LOG_CATEGORIES,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ id: options.id ?? '' });
      void this.load();
    },
    async fetch() {
      const shift = await call('volunteer', 'shift', { shiftId: this.data.id });
      return { shift, who: whoOf(shift) };
    },
    async run(action: () => Promise<ShiftDetail | null>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const shift = await action();
        if (shift) this.setData({ state: 'ready', shift, who: whoOf(shift) });
        else await this.load();
        wx.showToast({ title: done, icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    onCheckIn() {
      void this.run(() => call('volunteer', 'checkInShift', { shiftId: this.data.id }), '已签到，值班时长已记录');
    },
    onText(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ text: event.detail.value });
    },
    onCategory(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ categoryId: event.detail.value });
    },
    onBuilding(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ buildingNo: Number(event.detail.value) });
    },
    onUnit(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ unitNo: Number(event.detail.value) });
    },
    logPlace(): LogPlace {
      return {
        kind: 'building',
        buildingNo: this.data.buildingNo,
        ...(this.data.unitNo ? { unitNo: this.data.unitNo } : {}),
      };
    },
    onAddLog() {
      const text = this.data.text.trim();
      if (!text) {
        wx.showToast({ title: '请写下看到的情况', icon: 'none', duration: 3000 });
        return;
      }
      const place = this.logPlace();
      const requestId = this.data.logRequestId || newRequestId();
      this.setData({ logRequestId: requestId });
      void this.run(async () => {
        const shift = await call('volunteer', 'addLog', {
          shiftId: this.data.id,
          requestId,
          text,
          categoryId: this.data.categoryId,
          place,
        });
        this.setData({ text: '', logRequestId: '' });
        return shift;
      }, '已记录');
    },
    onReport(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const entry = this.data.shift!.log[event.currentTarget.dataset.index]!;
      const place = entry.place ?? this.logPlace();
      void this.run(async () => {
        const report = await call('report', 'submit', reportDraftOf(this.data.id, entry, place));
        return call('volunteer', 'linkReport', { shiftId: this.data.id, entryId: entry.id, reportId: report.id });
      }, '已转为报事，已通知负责的人');
    },
    onOpenReport(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.reportDetail}?id=${event.currentTarget.dataset.id}` });
    },
    async onSwap() {
      const shift = this.data.shift;
      if (!shift) return;
      try {
        const team = await call('volunteer', 'team', { teamId: shift.teamId });
        const mates = team.members.filter((m) => !shift.names.includes(m.name));
        if (!mates.length) return;
        // wx.showActionSheet shows at most 6 names.
        const { tapIndex } = await wx.showActionSheet({ itemList: mates.slice(0, 6).map((m) => m.name) });
        const mate = mates[tapIndex]!;
        void this.run(async () => {
          await call('volunteer', 'requestSwap', { shiftId: this.data.id, toResidentId: mate.residentId });
          return null;
        }, `已申请换给${mate.name}，等待队长批准`);
      } catch (error) {
        // A dismissed sheet is not an error.
        if (error && typeof error === 'object' && 'code' in error) showApiError(error);
      }
    },
    onDrop() {
      wx.showModal({
        title: '不值这个班了',
        content: '确定不值这个班吗？名额会让给其他队员。',
        confirmText: '不值了',
        cancelText: '继续值班',
        success: (answer) => {
          if (answer.confirm)
            void this.run(async () => {
              await call('volunteer', 'dropShift', { shiftId: this.data.id });
              return null;
            }, '已取消这个班');
        },
      });
    },
  },
});
