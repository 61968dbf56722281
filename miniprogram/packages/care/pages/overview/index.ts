/**
 * 关爱总览 (staff, branch secretary): per building who is on the care list, the overdue,
 * open alerts and this month's visits; a building's people with their last visit, the
 * carers' load, the follow-up tasks for staff (完成); the month's visit figures as a
 * spreadsheet (no notes, no archive). One call per building.
 */
import type { CareTaskView, OverviewView } from '../../../../../typings/domain/care';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { exportFailed, openSpreadsheet } from '../../../../services/files';
import { DUE_TAGS, type StatusTag } from '../../view';

type Person = OverviewView['people'][number] & { tag: StatusTag; categories: string; carerNames: string };

function overviewData(view: OverviewView) {
  return {
    view,
    people: view.people.map((person): Person => ({
      ...person,
      tag: DUE_TAGS[person.due],
      categories: person.categoryLabels.join('、'),
      carerNames: person.carers.join('、'),
    })),
    monthLabel: `${Number(view.month.slice(0, 4))}年${Number(view.month.slice(5, 7))}月`,
  };
}

Component({
  behaviors: [elderBehavior, loadable<ReturnType<typeof overviewData>>()],
  data: {
    buildingNo: 0,
    view: null as OverviewView | null,
    people: [] as Person[],
    monthLabel: '',
    busy: false,
  },
  methods: {
    onShow() {
      void this.load();
    },
    async fetch() {
      return overviewData(
        await call('care', 'overview', this.data.buildingNo ? { buildingNo: this.data.buildingNo } : {}),
      );
    },
    onBuilding(event: WechatMiniprogram.TouchEvent<object, object, { no: number }>) {
      this.setData({ buildingNo: event.currentTarget.dataset.no });
      void this.load();
    },
    async onExport() {
      const view = this.data.view;
      if (!view || this.data.busy) return;
      this.setData({ busy: true });
      try {
        await openSpreadsheet(await call('care', 'exportMonth', { month: view.month }));
      } catch (error) {
        exportFailed(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onCompleteTask(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const done: CareTaskView = await call('care', 'completeTask', { id: event.currentTarget.dataset.id });
        wx.showToast({ title: `${done.subjectName}的任务已完成`, icon: 'none' });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
