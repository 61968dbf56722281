/** Helpers the 报事 function tests share: calls that must succeed, photos, subscriptions. */
import tcb from '@cloudbase/node-sdk';
import { SUBSCRIBE_TEMPLATES } from '../../local/config';
import type { UploadSlot } from '../../typings/domain/content';
import type { ReportDraft } from '../../typings/domain/report';
import type { SubmitOutput } from '../../typings/functions/report';
import type { Result } from '../../typings/result';
import type { TestCloud } from '../helpers/cloud';

export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
export const REPORT_TPL = SUBSCRIBE_TEMPLATES.report!.id;

export async function ok<T>(promise: Promise<unknown>): Promise<T> {
  const result = (await promise) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

export function reportKit(cloud: () => TestCloud) {
  const call = (openid: string | undefined, event: Record<string, unknown>, now?: Date) =>
    cloud().call('report', event, { ...(openid ? { openid } : {}), ...(now ? { now } : {}) });

  /** Uploads a photo into the caller's own report folder; `risky` makes the media check refuse it. */
  async function photo(openid: string, risky = false): Promise<string> {
    const [slot] = await ok<UploadSlot[]>(
      cloud().call('storage', { action: 'prepareUpload', domain: 'report', exts: ['jpg'] }, { openid }),
    );
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    const content = risky ? Buffer.concat([JPEG, Buffer.from('RISKY')]) : JPEG;
    return (await app.uploadFile({ cloudPath: slot!.cloudPath, fileContent: content })).fileID;
  }

  const draft = (overrides: Partial<ReportDraft> = {}): ReportDraft => ({
    categoryId: 'facility',
    description: '2单元3楼楼道灯不亮，晚上上下楼看不见',
    images: [],
    place: { kind: 'building', buildingNo: 5, unitNo: 2, floor: 3 },
    urgent: false,
    household: false,
    ...overrides,
  });

  async function submit(openid: string, overrides: Partial<ReportDraft> = {}, now?: Date): Promise<SubmitOutput> {
    return ok<SubmitOutput>(call(openid, { action: 'submit', ...draft(overrides) }, now));
  }

  /** What the client does after wx.requestSubscribeMessage accepted the report template. */
  async function subscribe(openid: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      cloud().standIn.grantSubscription(openid, REPORT_TPL, 'once');
      await ok(
        cloud().call('push', { action: 'recordSubscriptions', answers: { [REPORT_TPL]: 'accept' } }, { openid }),
      );
    }
  }

  /** In-app messages about a report, by recipient resident id. */
  async function recipientsOf(reportId: string): Promise<string[]> {
    const { data } = await cloud()
      .db()
      .collection('messages')
      .where({ 'source.kind': 'report', 'source.id': reportId })
      .limit(1000)
      .get();
    return (data as { recipientId: string }[]).map((m) => m.recipientId).sort();
  }

  return { call, photo, draft, submit, subscribe, recipientsOf };
}
