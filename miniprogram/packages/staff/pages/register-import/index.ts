/**
 * 导入社区登记表 (staff): the register a community keeps (sheets 房屋, 党组织, 志愿服务队) from
 * an .xlsx sent in a WeChat chat. A dry run first says what would be created and every bad
 * row by sheet and line; only a register without bad rows can be imported, and importing
 * it again creates nothing twice.
 */
import type { RegisterSummary } from '../../../../../typings/functions/community';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, showApiError } from '../../../../services/api';
import { uploadFiles } from '../../../../services/upload';

type Step = 'idle' | 'checking' | 'checked' | 'importing' | 'done';

interface CountRow {
  label: string;
  text: string;
}

export function countRows(summary: RegisterSummary): CountRow[] {
  const row = (label: string, part: { total: number; new: number }) => ({
    label,
    text: `${part.total}（新增 ${part.new}）`,
  });
  return [
    row('楼栋', summary.buildings),
    row('房间', summary.households),
    row('登记居民', summary.people),
    row('志愿服务队', summary.teams),
    { label: '党组织职务与队长', text: String(summary.posts) },
  ];
}

export function errorLines(summary: RegisterSummary): string[] {
  return summary.errors.map((error) => `${error.sheet} 第${error.line}行：${error.message}`);
}

Component({
  behaviors: [elderBehavior],
  data: {
    step: 'idle' as Step,
    fileName: '',
    fileID: '',
    counts: [] as CountRow[],
    errors: [] as string[],
  },
  methods: {
    async onChoose() {
      if (this.data.step === 'checking' || this.data.step === 'importing') return;
      let file: { path: string; name: string } | undefined;
      try {
        const chosen = await wx.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
        file = chosen.tempFiles[0];
      } catch {
        return; // cancelled
      }
      if (!file) return;
      this.setData({ step: 'checking', fileName: file.name, counts: [], errors: [] });
      try {
        const [fileID] = await uploadFiles('register', [{ path: file.path, name: file.name }]);
        const summary = await call('community', 'importRegister', { fileID: fileID!, apply: false });
        this.setData({ step: 'checked', fileID: fileID!, counts: countRows(summary), errors: errorLines(summary) });
      } catch (error) {
        this.setData({ step: 'idle' });
        showApiError(error);
      }
    },
    async onImport() {
      const { step, fileID, errors } = this.data;
      if (step !== 'checked' || errors.length || !fileID) return;
      this.setData({ step: 'importing' });
      try {
        const summary = await call('community', 'importRegister', { fileID, apply: true });
        this.setData({ step: 'done', counts: countRows(summary), errors: errorLines(summary) });
      } catch (error) {
        this.setData({ step: 'checked' });
        showApiError(error);
      }
    },
  },
});
