/**
 * The care-list entry form's state and rules, apart from the page: the draft from the
 * editor, what is missing (the consent above all), and what goes to care.saveEntry.
 */
import type { ActionInput } from '../../../../../typings/api';
import type {
  CareCategory,
  CareEntryEditor,
  ConsentBy,
  ConsentMethod,
  MealArrangement,
} from '../../../../../typings/domain/care';

export interface EntryDraft {
  categories: CareCategory[];
  reason: string;
  consentBy: ConsentBy;
  consentName: string;
  consentMethod: ConsentMethod;
  consentNote: string;
  /** The officer confirms the consent was given, as recorded. */
  consentGiven: boolean;
  carerIds: string[];
  frequencyDays: number;
  meal: MealArrangement;
  version: number;
}

export function draftOf(editor: CareEntryEditor): EntryDraft {
  const entry = editor.entry;
  if (entry && entry.status === 'active') {
    return {
      categories: [...entry.categories],
      reason: entry.reason,
      consentBy: entry.consent.by,
      consentName: entry.consent.name,
      consentMethod: entry.consent.method,
      consentNote: entry.consent.note ?? '',
      consentGiven: true,
      carerIds: [...entry.carerIds],
      frequencyDays: entry.frequencyDays,
      meal: entry.meal,
      version: entry.version,
    };
  }
  return {
    categories: editor.subject.livesAlone ? ['alone'] : [],
    reason: '',
    consentBy: 'self',
    consentName: editor.subject.name,
    consentMethod: 'paper',
    consentNote: '',
    consentGiven: false,
    carerIds: [],
    frequencyDays: 7,
    meal: 'none',
    version: entry?.version ?? 0,
  };
}

/** Why the draft cannot be saved yet, in words; empty when it can. */
export function draftProblem(draft: EntryDraft): string {
  if (!draft.categories.length) return '请选择关爱类别';
  if (draft.reason.trim().length < 2) return '请写明列入关爱名单的原因';
  if (!draft.consentName.trim()) return '请填写同意人姓名';
  if (!draft.consentGiven) return '请确认已取得本人或监护人的同意';
  if (!draft.carerIds.length) return '请至少安排一位走访人';
  return '';
}

export function entryInput(subjectId: string, draft: EntryDraft): ActionInput<'care', 'saveEntry'> {
  const note = draft.consentNote.trim();
  return {
    subjectId,
    categories: draft.categories,
    reason: draft.reason.trim(),
    consent: {
      by: draft.consentBy,
      name: draft.consentName.trim(),
      method: draft.consentMethod,
      ...(note ? { note } : {}),
    },
    carerIds: draft.carerIds,
    frequencyDays: draft.frequencyDays,
    meal: draft.meal,
    version: draft.version,
  };
}
