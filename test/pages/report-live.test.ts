/**
 * The 报事 loop through the real pages and the real `report` function on a local cloud
 * seeded with the demo community: a resident reports with a photo on the form, the
 * building 5 secretary accepts and resolves on the handling page, the resident confirms
 * and rates on the detail page — and a neighbour never sees who reported it.
 */
import type * as Timers from 'node:timers';
import type Tcb from '@cloudbase/node-sdk';
import { DEMO } from '../../local/seed/community';
import { actAs, startLiveCloud, type LiveCloud } from '../helpers/live-cloud';
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf, type RootNode } from '../helpers/simulate';
import { installReportWx, type ReportWx } from './report-fixtures';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

let cloud: LiveCloud;
let wxx: ReportWx;
// The stand-in (in-process here) schedules media verdicts with Node timers (`unref`);
// jsdom's timers return numbers, so this file runs on Node's.
const jsdomTimers = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
beforeAll(async () => {
  const node = jest.requireActual<typeof Timers>('timers');
  Object.assign(globalThis, { setTimeout: node.setTimeout, clearTimeout: node.clearTimeout });
  cloud = await startLiveCloud();
});
afterAll(async () => {
  await cloud.close();
  Object.assign(globalThis, jsdomTimers);
});
beforeEach(() => {
  resetWx();
  wxx = installReportWx();
  // The photo really goes to the local storage, as wx.cloud.uploadFile would put it.
  wxx.uploadFile.mockImplementation(async ({ cloudPath }: { cloudPath: string }) => {
    const tcb = jest.requireActual<typeof Tcb>('@cloudbase/node-sdk');
    return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).uploadFile({ cloudPath, fileContent: JPEG });
  });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

/** Waits for the function (in a worker thread) to answer and the page to show it. */
async function until(page: RootNode, ready: () => boolean): Promise<void> {
  for (let i = 0; i < 150 && !ready(); i++) {
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await settle();
  if (!ready()) throw new Error(`the page never got there: ${allText(page).slice(0, 200)}`);
}

function change(page: RootNode, handler: string, value: unknown) {
  page.instance[handler]({ detail: { value }, currentTarget: { dataset: {} } });
}

test('report with a photo → secretary accepts → resolves → reporter confirms and rates', async () => {
  // 1. The resident reports on the form.
  actAs(cloud, DEMO.resident);
  const form = renderPage('packages/report/pages/new/index');
  form.instance.onLoad({});
  await until(form, () => form.instance.data.state === 'ready');
  change(form, 'onCategoryChange', 'facility');
  change(form, 'onDescriptionChange', '2单元3楼楼道灯不亮，晚上看不见台阶');
  change(form, 'onUnitChange', 2);
  change(form, 'onFloorChange', 3);
  await tap(form, IN_PAGE + '.form-add-photo');
  await until(form, () => form.instance.data.form.photos.length === 1);
  await tap(form, IN_PAGE + '.form-submit >>> .t-button');
  await until(form, () => wxx.redirectTo.mock.calls.length === 1);
  const url = (wxx.redirectTo.mock.calls[0]![0] as { url: string }).url;
  const id = /id=(RP[\w-]+)/.exec(url)![1]!;

  // 2. The building 5 secretary accepts, then resolves.
  actAs(cloud, DEMO.secretary);
  const handle = renderPage('packages/report/pages/handle/index');
  handle.instance.onLoad({ id });
  await until(handle, () => handle.instance.data.state === 'ready');
  expect(allText(handle)).toContain('林晓燕');
  expect(allText(handle)).toContain('5号楼2单元301');
  await tap(handle, IN_PAGE + '.handle-accept >>> .t-button');
  await until(handle, () => textOf(handle, IN_PAGE + '.rv-status >>> .t-tag__text')[0] === '已受理');
  await tap(handle, IN_PAGE + '.handle-resolve >>> .t-button');
  handle.instance.onTextChange({ detail: { value: '已更换灯泡' } });
  await tap(handle, IN_PAGE + '.handle-submit >>> .t-button');
  await until(handle, () => textOf(handle, IN_PAGE + '.rv-status >>> .t-tag__text')[0] === '已解决');

  // 3. The resident confirms and rates.
  actAs(cloud, DEMO.resident);
  const detail = renderPage('packages/report/pages/detail/index');
  detail.instance.onLoad({ id });
  await until(detail, () => detail.instance.data.state === 'ready');
  expect(textOf(detail, IN_PAGE + '.rv-status >>> .t-tag__text')).toEqual(['待您确认']);
  expect(allText(detail)).toContain('已更换灯泡');
  expect(allText(detail)).toMatch(/请在\d+月\d+日前确认/);
  await tap(detail, IN_PAGE + '.detail-open-confirm >>> .t-button');
  detail.instance.onRateChange({ detail: { value: 5 } });
  await tap(detail, IN_PAGE + '.detail-confirm-submit >>> .t-button');
  await until(detail, () => textOf(detail, IN_PAGE + '.rv-status >>> .t-tag__text')[0] === '已确认');
  expect(allText(detail)).toContain('报事人评价：5 星');
  expect(textOf(detail, IN_PAGE + '.rv-entry__title')).toEqual(['报事人已确认', '已解决', '已受理', '已提交']);

  // 4. A neighbour sees the report, never the reporter.
  actAs(cloud, DEMO.partyMember);
  const theirs = renderPage('packages/report/pages/detail/index');
  theirs.instance.onLoad({ id });
  await until(theirs, () => theirs.instance.data.state === 'ready');
  const text = allText(theirs);
  expect(text).toContain('楼道灯不亮');
  expect(text).not.toContain('林晓燕');
  expect(text).not.toContain('301');
  expect(text).not.toContain('报事人评价');
});
