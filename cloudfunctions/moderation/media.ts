/** WeChat's asynchronous image verdict (wxa_media_check), matched to the image by trace id. */
import { collection } from '../shared/cloud';
import { contentCollection, type ContentRef } from '../shared/content';

interface MediaCheckDoc {
  _id: string;
  target: ContentRef;
  fileID: string;
  index: number;
  state: 'pending' | 'pass' | 'risky';
}

export async function applyMediaVerdict(event: Record<string, unknown>, now: Date): Promise<{ applied: boolean }> {
  const traceId = typeof event.trace_id === 'string' ? event.trace_id : '';
  const suggest = (event.result as { suggest?: string } | undefined)?.suggest;
  const { data } = await collection('media_checks').doc(traceId).get();
  const check = data[0] as MediaCheckDoc | undefined;
  const name = check && contentCollection(check.target.kind);
  if (!check || !name) {
    console.warn(`wxa_media_check for unknown trace id ${traceId}`);
    return { applied: false };
  }
  // Anything but an explicit pass keeps the image hidden.
  const state = suggest === 'pass' ? 'pass' : 'risky';
  await collection('media_checks')
    .doc(traceId)
    .update({ state, decidedAt: now, label: (event.result as { label?: number }).label });
  await collection(name)
    .doc(check.target.id)
    .update({ [`images.${check.index}.state`]: state });
  return { applied: true };
}
