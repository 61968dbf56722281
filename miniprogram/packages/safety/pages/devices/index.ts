/**
 * 设备登记 for staff: the gas alarms and stairwell smoke detectors of a building (filter by
 * unit or problem), one added or corrected with a form, many imported from a spreadsheet
 * (xlsx or csv, from a chat: 类型, 厂商, 设备编号, 楼栋, 单元, 楼层, 房间, 安装日期), and the
 * devices that reported without being registered.
 */
import type { DeviceIssue, DeviceKind, DeviceView } from '../../../../../typings/domain/safety';
import type { ImportOutcome, UnknownDeviceView } from '../../../../../typings/functions/safety';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';
import { uploadFiles } from '../../../../services/upload';

const ISSUE_CHOICES: Array<{ value: DeviceIssue | ''; label: string }> = [
  { value: '', label: '全部' },
  { value: 'offline', label: '离线' },
  { value: 'low_battery', label: '电量低' },
  { value: 'self_test', label: '自检未通过' },
  { value: 'tamper', label: '被拆动' },
];

const KIND_CHOICES = [
  { value: 'gas', label: '燃气报警器（每户）' },
  { value: 'smoke', label: '烟感探测器（楼道）' },
];

interface Draft {
  kind: DeviceKind;
  vendor: string;
  deviceId: string;
  buildingNo: string;
  unitNo: string;
  floor: string;
  room: string;
}

const EMPTY_DRAFT: Draft = {
  kind: 'gas',
  vendor: 'demo',
  deviceId: '',
  buildingNo: '',
  unitNo: '',
  floor: '',
  room: '',
};

/** The form as the server takes it, or what is wrong in words. */
export function deviceInput(draft: Draft) {
  const numbers = [draft.buildingNo, draft.unitNo, draft.floor].map((value) => Number(value));
  if (!draft.deviceId.trim()) return '请填写设备编号';
  if (numbers.some((n) => !Number.isInteger(n) || n < 1)) return '楼栋、单元、楼层请填数字';
  if (draft.kind === 'gas' && !draft.room.trim()) return '燃气报警器请填写房间号';
  return {
    kind: draft.kind,
    vendor: draft.vendor.trim(),
    deviceId: draft.deviceId.trim(),
    place: {
      buildingNo: numbers[0]!,
      unitNo: numbers[1]!,
      floor: numbers[2]!,
      ...(draft.kind === 'gas' ? { room: draft.room.trim() } : {}),
    },
  };
}

Component({
  behaviors: [
    elderBehavior,
    loadable<{ items: DeviceView[]; hasMore: boolean; total: number; unknown: UnknownDeviceView[] }>(),
  ],
  data: {
    buildingNo: 5,
    issue: '' as DeviceIssue | '',
    issueChoices: ISSUE_CHOICES,
    kindChoices: KIND_CHOICES,
    items: [] as DeviceView[],
    total: 0,
    hasMore: false,
    unknown: [] as UnknownDeviceView[],
    adding: false,
    draft: { ...EMPTY_DRAFT },
    formError: '',
    imported: null as ImportOutcome | null,
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async fetch() {
      const [page, unknown] = await Promise.all([
        call('safety', 'devices', {
          buildingNo: this.data.buildingNo,
          ...(this.data.issue ? { issue: this.data.issue } : {}),
        }),
        call('safety', 'unknownDevices', {}),
      ]);
      return { ...page, unknown: unknown.items };
    },
    onBuilding(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const buildingNo = Number(event.detail.value);
      if (Number.isInteger(buildingNo) && buildingNo > 0) {
        this.setData({ buildingNo });
        void this.load();
      }
    },
    onIssue(event: WechatMiniprogram.CustomEvent<{ value: DeviceIssue | '' }>) {
      this.setData({ issue: event.detail.value });
      void this.load();
    },
    onToggleAdd() {
      this.setData({ adding: !this.data.adding, formError: '', draft: { ...EMPTY_DRAFT } });
    },
    onDraft(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: keyof Draft }>) {
      this.setData({ [`draft.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },
    async onSave() {
      const input = deviceInput(this.data.draft);
      if (typeof input === 'string') return this.setData({ formError: input });
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const saved = await call('safety', 'saveDevice', input);
        wx.showToast({ title: `已登记 ${saved.placeLabel}`, icon: 'none', duration: 2000 });
        this.setData({ adding: false, draft: { ...EMPTY_DRAFT } });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onImport() {
      if (this.data.busy) return;
      let file: { path: string; name: string } | undefined;
      try {
        const chosen = await wx.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
        file = chosen.tempFiles[0] && { path: chosen.tempFiles[0].path, name: chosen.tempFiles[0].name };
      } catch {
        return;
      }
      if (!file) return;
      this.setData({ busy: true, imported: null });
      try {
        const [fileID] = await uploadFiles('safety', [file]);
        const imported = await call('safety', 'importDevices', { fileID: fileID! });
        this.setData({ imported });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
