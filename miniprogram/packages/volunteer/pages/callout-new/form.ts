/** The 发起召集 form as data, and the draft it describes (pure: unit- and page-tested). */
import type { CallOutDraft } from '../../../../../typings/domain/volunteer';
import { addDays, dateKey } from '../../../../utils/dates';

export interface Choice {
  id: string;
  label: string;
  checked: boolean;
}

export interface CallOutForm {
  title: string;
  description: string;
  place: string;
  date: string;
  start: string;
  end: string;
  needed: number;
  hours: number;
  equipment: string;
  urgent: boolean;
  notifyDate: string;
  notifyTime: string;
  teams: Choice[];
  buildings: Choice[];
}

/** The draft the form describes, or the first thing missing (in words). */
export function draftOf(form: CallOutForm, requestId: string): { draft: CallOutDraft } | { problem: string } {
  if (form.title.trim().length < 2) return { problem: '请写明召集做什么' };
  if (!form.place.trim()) return { problem: '请写明集合地点' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date) || !/^\d{2}:\d{2}$/.test(form.start) || !/^\d{2}:\d{2}$/.test(form.end))
    return { problem: '请填写日期和时间' };
  const teamIds = form.teams.filter((t) => t.checked).map((t) => t.id);
  const planned = !form.urgent && form.notifyDate && form.notifyTime;
  return {
    draft: {
      requestId,
      title: form.title.trim(),
      description: form.description.trim() || form.title.trim(),
      place: form.place.trim(),
      startAt: `${form.date} ${form.start}`,
      endAt: `${form.date} ${form.end}`,
      needed: form.needed,
      teamIds,
      buildingNos: form.buildings.filter((b) => b.checked).map((b) => Number(b.id)),
      equipment: form.equipment
        .split(/[，,、\s]+/)
        .map((item) => item.trim())
        .filter(Boolean)
        .slice(0, 10),
      hours: form.hours,
      urgent: form.urgent,
      ...(planned ? { notifyAt: `${form.notifyDate} ${form.notifyTime}` } : {}),
    },
  };
}

/** Tomorrow on the community's calendar (Asia/Shanghai), "YYYY-MM-DD". */
export function tomorrow(now = new Date()): string {
  return addDays(dateKey(now), 1);
}
