/** The proposal form as plain functions: its state, checks in plain words, and the draft sent. */
import type { TopicCategory, TopicDraft } from '../../../../../typings/domain/council';
import type { Photo } from '../../lib/media';

export type ScopeMode = 'mine' | 'community' | 'several';

export interface ProposeForm {
  title: string;
  body: string;
  category: TopicCategory | '';
  scopeMode: ScopeMode;
  /** For `several`: the chosen buildings (the proposer's own is always among them). */
  buildingNos: number[];
  photos: Photo[];
}

export type FieldErrors = Partial<Record<'title' | 'body' | 'category' | 'scope', string>>;

export const TITLE_MIN = 4;
export const TITLE_MAX = 40;
export const BODY_MIN = 10;
export const BODY_MAX = 2000;
export const MAX_PHOTOS = 6;

export function emptyForm(myBuildingNo: number): ProposeForm {
  return { title: '', body: '', category: '', scopeMode: 'mine', buildingNos: [myBuildingNo], photos: [] };
}

export function validate(form: ProposeForm): FieldErrors {
  const errors: FieldErrors = {};
  const title = form.title.trim();
  const body = form.body.trim();
  if (Array.from(title).length < TITLE_MIN) errors.title = `标题至少写${TITLE_MIN}个字，说清楚是什么事`;
  else if (Array.from(title).length > TITLE_MAX) errors.title = `标题不超过${TITLE_MAX}个字`;
  if (Array.from(body).length < BODY_MIN) errors.body = `请至少写${BODY_MIN}个字，说说现在的情况和您的建议`;
  else if (Array.from(body).length > BODY_MAX) errors.body = `说明不超过${BODY_MAX}个字`;
  if (!form.category) errors.category = '请选择议题类别';
  if (form.scopeMode === 'several' && form.buildingNos.length < 2)
    errors.scope = '请再选至少一栋楼，或改为“只涉及本楼”';
  return errors;
}

export function toDraft(form: ProposeForm, myBuildingNo: number): TopicDraft {
  return {
    title: form.title.trim(),
    body: form.body.trim(),
    category: form.category as TopicCategory,
    scope:
      form.scopeMode === 'community'
        ? { kind: 'community' }
        : {
            kind: 'buildings',
            buildingNos: form.scopeMode === 'mine' ? [myBuildingNo] : [...form.buildingNos].sort((a, b) => a - b),
          },
    images: form.photos.map((photo) => photo.fileID),
  };
}

/** Toggles a building of a several-building scope; the proposer's own building stays. */
export function toggleBuilding(form: ProposeForm, buildingNo: number, myBuildingNo: number): number[] {
  if (buildingNo === myBuildingNo) return form.buildingNos;
  return form.buildingNos.includes(buildingNo)
    ? form.buildingNos.filter((no) => no !== buildingNo)
    : [...form.buildingNos, buildingNo];
}

/** Server field names (INVALID_INPUT `fields`) mapped to the form's. */
export function serverErrors(fields: readonly string[], message: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields) {
    if (field === 'title') errors.title = message;
    else if (field === 'body') errors.body = message;
    else if (field === 'category') errors.category = message;
    else if (field.startsWith('scope')) errors.scope = message;
  }
  return errors;
}
