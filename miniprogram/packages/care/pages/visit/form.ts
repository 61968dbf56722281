/**
 * The visit form's state and rules, apart from the page: what the carer picked, what is
 * missing, what goes to care.recordVisit, and what a follow-up 报事 says.
 */
import type { VisitKind, VisitOutcome } from '../../../../../typings/domain/care';
import type { ActionInput } from '../../../../../typings/api';
import { requestIdFor } from '../../../../utils/request-id';

export interface VisitDraft {
  kind: VisitKind;
  outcome: VisitOutcome | '';
  note: string;
  photo?: { fileID: string; path: string };
}

export function emptyDraft(): VisitDraft {
  return { kind: 'visit', outcome: '', note: '' };
}

/** Why the draft cannot be saved yet, in words; empty when it can. */
export function draftProblem(draft: VisitDraft): string {
  if (!draft.outcome) return '请选择走访情况';
  if (draft.outcome === 'follow_up' && !draft.note.trim()) return '需要跟进时，请简单写一下是什么事';
  return '';
}

export function visitInput(
  subjectId: string,
  requestId: string,
  draft: VisitDraft,
): ActionInput<'care', 'recordVisit'> {
  const note = draft.note.trim();
  return {
    subjectId,
    requestId,
    kind: draft.kind,
    outcome: draft.outcome as VisitOutcome,
    ...(note ? { note } : {}),
    ...(draft.photo && draft.kind === 'visit' ? { photo: draft.photo.fileID } : {}),
  };
}

/**
 * The 报事 a follow-up files for the person: a household matter, filed by the carer for
 * them; one report per visit.
 */
export function followUpReport(
  visitId: string,
  subjectId: string,
  categoryId: string,
  text: string,
): ActionInput<'report', 'submit'> {
  return {
    requestId: requestIdFor('followup', visitId),
    categoryId,
    description: text.trim(),
    images: [],
    urgent: false,
    household: true,
    forResidentId: subjectId,
    proxyReason: '关爱走访跟进',
  };
}
