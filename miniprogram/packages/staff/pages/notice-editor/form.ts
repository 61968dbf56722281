/**
 * The notice editor's form as plain data and rules: which scopes the caller may choose
 * (from notice.targets), validation messages in plain Chinese, and the draft sent to
 * notice.publish / notice.update.
 */
import type { NoticeDetail, NoticeDraft, NoticeScope, NoticeTargets } from '../../../../../typings/domain/notice';

export type ScopeMode = 'community' | 'buildings' | 'units';

export interface Option<T> {
  value: T;
  label: string;
}

export interface FormImage {
  fileID: string;
  /** A local temp path right after upload, or the server's temp URL. */
  url: string;
  /** Still being checked (only the author sees it until then). */
  pending: boolean;
}

export interface NoticeForm {
  scopeMode: ScopeMode;
  buildingNos: number[];
  unitBuilding: number;
  unitNos: number[];
  title: string;
  body: string;
  images: FormImage[];
  attachments: Array<{ fileID: string; name: string; ext: string }>;
  pinned: boolean;
  urgent: boolean;
  /** "YYYY-MM-DD" or "" for no expiry. */
  expiresOn: string;
}

export type FieldErrors = Partial<Record<'scope' | 'title' | 'body' | 'expiresOn' | 'files', string>>;

export const TITLE_MAX = 60;
export const BODY_MAX = 5000;
/** Images and attachments together (the storage limit of the notice domain). */
export const FILES_MAX = 9;

/** The scope choices the caller has: staff the community, buildings or units; a secretary their building or its units. */
export function scopeModes(targets: NoticeTargets): Array<Option<ScopeMode>> {
  const single = targets.buildings.length === 1 ? targets.buildings[0] : undefined;
  const modes: Array<Option<ScopeMode>> = [];
  if (targets.community) modes.push({ value: 'community', label: '全社区' });
  if (targets.buildings.length) {
    modes.push({ value: 'buildings', label: single ? `整栋${single.label}` : '指定楼栋' });
    modes.push({ value: 'units', label: single ? `${single.label}的指定单元` : '指定单元' });
  }
  return modes;
}

export function buildingOptions(targets: NoticeTargets): Array<Option<number>> {
  return targets.buildings.map((building) => ({ value: building.buildingNo, label: building.label }));
}

export function unitOptions(targets: NoticeTargets, buildingNo: number): Array<Option<number>> {
  const building = targets.buildings.find((item) => item.buildingNo === buildingNo);
  return (building?.units ?? []).map((unitNo) => ({ value: unitNo, label: `${unitNo}单元` }));
}

export function emptyForm(targets: NoticeTargets): NoticeForm {
  const first = targets.buildings[0]?.buildingNo ?? 0;
  const single = targets.buildings.length === 1;
  return {
    scopeMode: targets.community ? 'community' : 'buildings',
    buildingNos: single ? [first] : [],
    unitBuilding: first,
    unitNos: [],
    title: '',
    body: '',
    images: [],
    attachments: [],
    pinned: false,
    urgent: false,
    expiresOn: '',
  };
}

/** The form of a notice being edited. */
export function formOf(notice: NoticeDetail, targets: NoticeTargets): NoticeForm {
  const form = emptyForm(targets);
  const scope = notice.scope;
  return {
    ...form,
    scopeMode: scope.kind,
    buildingNos: scope.kind === 'buildings' ? [...scope.buildingNos] : form.buildingNos,
    unitBuilding: scope.kind === 'units' ? scope.buildingNo : form.unitBuilding,
    unitNos: scope.kind === 'units' ? [...scope.unitNos] : [],
    title: notice.title,
    body: notice.body,
    images: notice.images.flatMap((image) =>
      image.state === 'risky' ? [] : [{ fileID: image.fileID, url: image.url ?? '', pending: image.state !== 'pass' }],
    ),
    attachments: notice.attachments.map((file) => ({ fileID: file.fileID, name: file.name, ext: file.ext })),
    pinned: notice.pinned,
    urgent: notice.urgent,
    expiresOn: notice.expiresOn ?? '',
  };
}

export function scopeOf(form: NoticeForm): NoticeScope {
  switch (form.scopeMode) {
    case 'community':
      return { kind: 'community' };
    case 'buildings':
      return { kind: 'buildings', buildingNos: [...form.buildingNos].sort((a, b) => a - b) };
    case 'units':
      return { kind: 'units', buildingNo: form.unitBuilding, unitNos: [...form.unitNos].sort((a, b) => a - b) };
  }
}

/** "全社区" / "5号楼" / "5号楼 2、3单元": who the notice goes to, for the confirmation. */
export function scopeText(form: NoticeForm): string {
  const scope = scopeOf(form);
  if (scope.kind === 'community') return '全社区';
  if (scope.kind === 'buildings') return scope.buildingNos.map((no) => `${no}号楼`).join('、');
  return `${scope.buildingNo}号楼 ${scope.unitNos.join('、')}单元`;
}

export function validate(form: NoticeForm): FieldErrors {
  const errors: FieldErrors = {};
  if (form.scopeMode === 'buildings' && !form.buildingNos.length) errors.scope = '请至少选择一栋楼';
  if (form.scopeMode === 'units' && !form.unitNos.length) errors.scope = '请至少选择一个单元';
  const title = form.title.trim();
  if (!title) errors.title = '请填写通知标题';
  else if (Array.from(title).length > TITLE_MAX) errors.title = `标题不能超过${TITLE_MAX}个字`;
  const body = form.body.trim();
  if (!body) errors.body = '请填写通知内容';
  else if (Array.from(body).length > BODY_MAX) errors.body = `内容不能超过${BODY_MAX}个字`;
  if (form.images.length + form.attachments.length > FILES_MAX) errors.files = `图片和附件合计最多${FILES_MAX}个`;
  return errors;
}

export function toDraft(form: NoticeForm): NoticeDraft {
  return {
    scope: scopeOf(form),
    title: form.title.trim(),
    body: form.body.trim(),
    images: form.images.map((image) => image.fileID),
    attachments: form.attachments.map((file) => ({ fileID: file.fileID, name: file.name })),
    pinned: form.pinned,
    urgent: form.urgent,
    ...(form.expiresOn ? { expiresOn: form.expiresOn } : {}),
  };
}

/** The server's INVALID_INPUT field paths as messages on the form. */
export function serverFieldErrors(fields: readonly string[], message: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields) {
    const key = field.split('.')[0];
    if (key === 'title') errors.title = '标题填写有误，请检查';
    else if (key === 'body') errors.body = '内容填写有误，请检查';
    else if (key === 'scope') errors.scope = '发布范围有误，请重新选择';
    else if (key === 'expiresOn') errors.expiresOn = '有效期有误，请重新选择';
    else if (key === 'images' || key === 'attachments') errors.files = '图片或附件有误，请重新上传';
  }
  if (!Object.keys(errors).length && message.includes('有效期')) errors.expiresOn = message;
  return errors;
}

/** Today on the community's clock (UTC+8, whatever the phone's time zone). */
export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The file extension of a path or name, lower case, "jpeg" as "jpg". */
export function extOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return ext === 'jpeg' ? 'jpg' : ext;
}
