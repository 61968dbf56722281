/**
 * 安全: the caller's flat and the flats of the seniors they care for (gas alarm status in
 * words, the emergency note the family keeps), the alarms they may see, the 119 guidance,
 * and for unit leaders, secretaries and staff the entries to their pages. One call on show.
 */
import type { FlatSafetyView, SafetyHome } from '../../../../../typings/domain/safety';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { alarmCards, PAGES, type AlarmCard } from '../../view';

interface OfficerEntry {
  key: string;
  title: string;
  description: string;
  icon: string;
  url: string;
}

export function officerEntries(home: SafetyHome): OfficerEntry[] {
  const entries: OfficerEntry[] = [];
  if (home.officer.tasks) {
    entries.push({
      key: 'tasks',
      title: '维护任务与消防站检查',
      description: home.openTasks ? `${home.openTasks}项待处理` : '没有待处理的任务',
      icon: 'tools',
      url: PAGES.tasks,
    });
  }
  for (const station of home.stations) {
    entries.push({
      key: `station-${station.buildingNo}-${station.unitNo}`,
      title: station.label,
      description: '器材有效期、月度检查',
      icon: 'secured',
      url: `${PAGES.inspect}?b=${station.buildingNo}&u=${station.unitNo}`,
    });
  }
  if (home.officer.board) {
    entries.push({
      key: 'board',
      title: '值班看板',
      description: '正在处理的报警、设备状况',
      icon: 'dashboard',
      url: PAGES.board,
    });
    entries.push({
      key: 'figures',
      title: '月度统计',
      description: '报警次数、响应时间、误报率',
      icon: 'chart-bar',
      url: PAGES.figures,
    });
  }
  if (home.officer.manage) {
    entries.push(
      {
        key: 'devices',
        title: '设备登记',
        description: '燃气报警器、烟感，表格导入',
        icon: 'view-list',
        url: PAGES.devices,
      },
      { key: 'roster', title: '值班表', description: '白班、夜班值班人员', icon: 'calendar', url: PAGES.roster },
      {
        key: 'drill',
        title: '演练与升级设置',
        description: '发起演练、设置响应时限',
        icon: 'setting',
        url: PAGES.drill,
      },
    );
  }
  return entries;
}

function homeData(home: SafetyHome) {
  return {
    home,
    alarms: alarmCards(home.alarms),
    entries: officerEntries(home),
  };
}

Component({
  behaviors: [elderBehavior, loadable<ReturnType<typeof homeData>>()],
  data: {
    home: null as SafetyHome | null,
    alarms: [] as AlarmCard[],
    entries: [] as OfficerEntry[],
    editing: '',
    noteDraft: '',
    busy: false,
  },
  methods: {
    /** Every time the page shows (e.g. back from an alarm). */
    onShow() {
      void this.load();
    },
    async fetch() {
      return homeData(await call('safety', 'home', {}));
    },
    onCall119() {
      void wx.makePhoneCall({ phoneNumber: '119' });
    },
    onOpenAlarm(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.alarm}?id=${event.currentTarget.dataset.id}` });
    },
    onEditNote(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      const flat = this.data.home?.flats.find((candidate: FlatSafetyView) => candidate.householdId === id);
      this.setData({ editing: id, noteDraft: flat?.note ?? '' });
    },
    onNoteChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ noteDraft: event.detail.value });
    },
    onCancelNote() {
      this.setData({ editing: '' });
    },
    async onSaveNote() {
      const flat = this.data.home?.flats.find(
        (candidate: FlatSafetyView) => candidate.householdId === this.data.editing,
      );
      if (!flat || this.data.busy) return;
      this.setData({ busy: true });
      try {
        await call('safety', 'saveNote', {
          householdId: flat.householdId,
          note: this.data.noteDraft.trim(),
          version: flat.noteVersion,
        });
        this.setData({ editing: '' });
        wx.showToast({ title: '已保存，报警时会显示给前来帮忙的人', icon: 'none', duration: 3000 });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
