/** The open-vote form as plain functions: defaults, checks in plain words, the input sent. */
import { addDays, dateKey } from '../../../../utils/dates';

export type OptionMode = 'approval' | 'custom';

export interface OpenVoteForm {
  mode: OptionMode;
  options: string[];
  /** "YYYY-MM-DD" and "HH:mm", the community's wall clock. */
  date: string;
  time: string;
  quorumPercent: number;
}

export const QUORUM_CHOICES = [10, 20, 30, 50, 66];
export const MAX_OPTIONS = 6;

/** The community's (Asia/Shanghai) date of an instant, "YYYY-MM-DD", whatever the phone's zone. */
export function formatDate(date: Date): string {
  return dateKey(date);
}

/** A week from today (community time) at 20:00; 30% quorum; 同意 / 反对 / 弃权. */
export function defaultForm(now: Date): OpenVoteForm {
  return { mode: 'approval', options: ['', ''], date: addDays(dateKey(now), 7), time: '20:00', quorumPercent: 30 };
}

export function validate(form: OpenVoteForm): string | undefined {
  if (form.mode === 'custom') {
    const options = form.options.map((option) => option.trim()).filter(Boolean);
    if (options.length < 2) return '请至少填写两个选项';
    if (new Set(options).size !== options.length) return '选项不能重复';
    if (options.some((option) => Array.from(option).length > 20)) return '每个选项不超过20个字';
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date) || !/^\d{2}:\d{2}$/.test(form.time)) return '请选择截止日期和时间';
  return undefined;
}

export function toInput(id: string, form: OpenVoteForm) {
  return {
    id,
    deadline: `${form.date} ${form.time}`,
    quorumPercent: form.quorumPercent,
    ...(form.mode === 'custom' ? { options: form.options.map((option) => option.trim()).filter(Boolean) } : {}),
  };
}
