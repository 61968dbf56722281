/** A shift log entry as the 报事 (report) it becomes, and the categories offered for it. */
import type { LogEntryView, LogPlace } from '../../../../../typings/domain/volunteer';
import type { ReportDraft } from '../../../../../typings/domain/report';
import { requestIdFor } from '../../../../utils/request-id';

/** The 报事 categories an observation on a round usually is (the report function checks them). */
export const LOG_CATEGORIES = [
  { label: '公共设施', value: 'facility' },
  { label: '安全隐患', value: 'hazard' },
  { label: '环境卫生', value: 'sanitation' },
  { label: '其他', value: 'other' },
];

/** The 报事 a log entry becomes: its words, its kind, its place; one report per entry. */
export function reportDraftOf(shiftId: string, entry: LogEntryView, place: LogPlace): ReportDraft {
  return {
    requestId: requestIdFor('log', shiftId, entry.id),
    categoryId: entry.categoryId ?? 'other',
    description: entry.text,
    images: [],
    place,
    urgent: false,
    household: false,
  };
}
