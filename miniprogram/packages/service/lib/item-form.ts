/**
 * The handbook editor's form: lists are edited as text (one entry a line; aliases split by
 * 、), numbers as text, and turned back into the standard's content on submit.
 */
import type { ItemContent, LifeEvent, Material, WindowKey } from '../../../../typings/domain/service';

export interface MaterialRow {
  name: string;
  copies: string;
  original: boolean;
  optional: boolean;
  note: string;
  photo: string;
  photoUrl: string;
}

export interface ItemForm {
  title: string;
  aliases: string;
  category: string;
  summary: string;
  lifeEvents: LifeEvent[];
  window: WindowKey;
  clause: string;
  eligibility: string;
  materials: MaterialRow[];
  steps: string;
  limitKind: 'minutes' | 'workdays';
  limitValue: string;
  fee: string;
  place: string;
  hours: string;
  post: string;
  bookable: boolean;
  note: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function toForm(content: ItemContent, photoUrls: Record<string, string> = {}): ItemForm {
  return {
    title: content.title,
    aliases: content.aliases.join('、'),
    category: content.category,
    summary: content.summary,
    lifeEvents: [...content.lifeEvents],
    window: content.window,
    clause: content.clause,
    eligibility: content.eligibility.join('\n'),
    materials: content.materials.map((material) => ({
      name: material.name,
      copies: String(material.copies),
      original: material.original,
      optional: material.optional,
      note: material.note ?? '',
      photo: material.photo ?? '',
      photoUrl: (material.photo && photoUrls[material.photo]) || '',
    })),
    steps: content.steps.join('\n'),
    limitKind: content.timeLimit.kind,
    limitValue: String(content.timeLimit.value),
    fee: content.fee,
    place: content.place,
    hours: content.hours,
    post: content.post,
    bookable: content.bookable,
    note: '',
  };
}

export function emptyMaterial(): MaterialRow {
  return { name: '', copies: '0', original: true, optional: false, note: '', photo: '', photoUrl: '' };
}

export function toContent(form: ItemForm): ItemContent {
  const materials: Material[] = form.materials
    .filter((row) => row.name.trim())
    .map((row) => ({
      name: row.name.trim(),
      copies: Math.max(0, Math.min(10, Number.parseInt(row.copies, 10) || 0)),
      original: row.original,
      optional: row.optional,
      ...(row.note.trim() ? { note: row.note.trim() } : {}),
      ...(row.photo ? { photo: row.photo } : {}),
    }));
  return {
    title: form.title.trim(),
    aliases: form.aliases
      .split(/[、，,\s]+/)
      .map((alias) => alias.trim())
      .filter(Boolean),
    category: form.category.trim(),
    summary: form.summary.trim(),
    lifeEvents: form.lifeEvents,
    window: form.window,
    clause: form.clause.trim().toUpperCase(),
    eligibility: lines(form.eligibility),
    materials,
    steps: lines(form.steps),
    timeLimit: { kind: form.limitKind, value: Number.parseInt(form.limitValue, 10) || 0 },
    fee: form.fee.trim(),
    place: form.place.trim(),
    hours: form.hours.trim(),
    post: form.post.trim(),
    bookable: form.bookable,
  };
}

/** Why the form cannot be sent yet, in words; empty when it can. */
export function formProblem(form: ItemForm): string {
  const content = toContent(form);
  if (!content.title) return '请填写事项名称';
  if (!content.category) return '请填写类别';
  if (!content.summary) return '请填写简介';
  if (!content.clause) return '请填写标准条款编号';
  if (!content.eligibility.length) return '请填写办理对象与条件';
  if (!content.steps.length) return '请填写办理流程';
  if (!content.timeLimit.value) return '请填写办结时限';
  if (!content.post) return '请填写责任岗位';
  if (form.note.trim().length < 2) return '请写明这次改了什么';
  return '';
}
