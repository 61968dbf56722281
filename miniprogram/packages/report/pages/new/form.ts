/** The report form's state, its checks in words, and the draft it sends. */
import type { ReportDraft, ReportOptions, ReportPlace } from '../../../../../typings/domain/report';

export type PlaceMode = 'building' | 'spot' | 'point';

export interface Option<T> {
  label: string;
  value: T;
}

export interface ReportForm {
  /** '' = the caller; otherwise the senior's resident id. */
  forWhom: string;
  categoryId: string;
  description: string;
  /** Uploaded fileIDs with the local path to show them. */
  photos: Array<{ fileID: string; url: string }>;
  placeMode: PlaceMode;
  buildingNo: number;
  /** 0: not chosen. */
  unitNo: number;
  floor: number;
  spotId: string;
  point: { latitude: number; longitude: number; name: string } | null;
  urgent: boolean;
  household: boolean;
}

export type FieldErrors = Partial<Record<'whom' | 'category' | 'description' | 'place', string>>;

export function emptyForm(options: ReportOptions): ReportForm {
  const home = options.home;
  const forWhom = home || options.isStaff || options.canHandle ? '' : (options.forWhom[0]?.residentId ?? '');
  return {
    forWhom,
    categoryId: '',
    description: '',
    photos: [],
    placeMode: 'building',
    buildingNo: home?.buildingNo ?? 0,
    unitNo: home?.unitNo ?? 0,
    floor: 0,
    spotId: '',
    point: null,
    urgent: false,
    household: false,
  };
}

export function whomOptions(options: ReportOptions): Array<Option<string>> {
  const self = options.home || options.isStaff || options.canHandle ? [{ label: '我自己', value: '' }] : [];
  return [
    ...self,
    ...options.forWhom.map((person) => ({
      label: `${person.name}${person.buildingLabel ? `（${person.buildingLabel}）` : ''}`,
      value: person.residentId,
    })),
  ];
}

export const PLACE_MODES: Array<Option<PlaceMode>> = [
  { label: '楼栋里', value: 'building' },
  { label: '公共地点', value: 'spot' },
  { label: '我现在的位置', value: 'point' },
];

export function buildingOptions(options: ReportOptions): Array<Option<number>> {
  return options.buildings.map((b) => ({ label: `${b.no}号楼`, value: b.no }));
}

export function unitOptions(options: ReportOptions, buildingNo: number): Array<Option<number>> {
  const units = options.buildings.find((b) => b.no === buildingNo)?.units ?? 0;
  return [
    { label: '单元不确定', value: 0 },
    ...Array.from({ length: units }, (_, i) => ({ label: `${i + 1}单元`, value: i + 1 })),
  ];
}

export function floorOptions(options: ReportOptions, buildingNo: number): Array<Option<number>> {
  const floors = options.buildings.find((b) => b.no === buildingNo)?.floors ?? 0;
  return [
    { label: '楼层不确定', value: 0 },
    ...Array.from({ length: floors }, (_, i) => ({ label: `${i + 1}层`, value: i + 1 })),
  ];
}

/** Where the problem is, when the form says enough (household matters have no place). */
export function placeOf(form: ReportForm): ReportPlace | undefined {
  if (form.household) return undefined;
  if (form.placeMode === 'building') {
    if (!form.buildingNo) return undefined;
    return {
      kind: 'building',
      buildingNo: form.buildingNo,
      ...(form.unitNo ? { unitNo: form.unitNo } : {}),
      ...(form.unitNo && form.floor ? { floor: form.floor } : {}),
    };
  }
  if (form.placeMode === 'spot') return form.spotId ? { kind: 'spot', spotId: form.spotId } : undefined;
  if (!form.point) return undefined;
  return {
    kind: 'point',
    latitude: form.point.latitude,
    longitude: form.point.longitude,
    ...(form.point.name ? { name: form.point.name } : {}),
  };
}

export function validate(form: ReportForm, options: ReportOptions): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.forWhom && !(options.home || options.isStaff || options.canHandle)) errors.whom = '请选择替谁报事';
  if (!form.categoryId) errors.category = '请选择是哪一类问题';
  const description = form.description.trim();
  if (description.length < 2) errors.description = '请写一句话说明是什么问题';
  else if (description.length > options.limits.maxDescription)
    errors.description = `说明最多${options.limits.maxDescription}个字`;
  if (!form.household && !placeOf(form)) {
    errors.place =
      form.placeMode === 'building'
        ? '请选择在几号楼'
        : form.placeMode === 'spot'
          ? '请选择是哪个地点'
          : '请点“选择位置”确定您现在的位置';
  }
  return errors;
}

/** The draft to send; `requestId` names this submission (a retry of it sends the same). */
export function toDraft(form: ReportForm, requestId: string): ReportDraft {
  const place = placeOf(form);
  return {
    categoryId: form.categoryId,
    description: form.description.trim(),
    images: form.photos.map((photo) => photo.fileID),
    ...(place ? { place } : {}),
    urgent: form.urgent,
    household: form.household,
    ...(form.forWhom ? { forResidentId: form.forWhom } : {}),
    requestId,
  };
}

/** The server's INVALID_INPUT field paths, as the form's fields. */
export function serverFieldErrors(fields: readonly string[], message: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields) {
    if (field.startsWith('description')) errors.description = message;
    else if (field.startsWith('place')) errors.place = message;
    else if (field.startsWith('categoryId')) errors.category = message;
  }
  return errors;
}
