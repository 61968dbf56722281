/**
 * The 议事 pages rendered with real tdesign components from real function data: the
 * pages' wx.cloud.callFunction reaches the built `council` (and `push`) functions on a
 * local cloud seeded with the demo community and its demo topics.
 */
import { DEMO } from '../../local/seed/community';
import { actAs, startLiveCloud, type LiveCloud } from '../helpers/live-cloud';
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf, type RootNode } from '../helpers/simulate';

let cloud: LiveCloud;
beforeAll(async () => {
  cloud = await startLiveCloud();
});
afterAll(() => cloud.close());

beforeEach(() => {
  resetWx();
  Object.assign((globalThis as unknown as { wx: object }).wx, {
    requestSubscribeMessage: jest.fn((options: { complete?: () => void }) => options.complete?.()),
  });
});

/** Waits until the page shows `text` (the functions run in worker threads). */
async function until(page: RootNode, text: string): Promise<void> {
  for (let i = 0; i < 150 && !allText(page).includes(text); i++) {
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await settle();
}

test('a resident sees the demo topics by stage, and those of a stage when choosing its tab', async () => {
  actAs(cloud, DEMO.resident);
  const page = renderPage('pages/council/index');
  page.instance.onShow();
  await until(page, '垃圾分类投放点集中到北门');
  const titles = textOf(page, IN_PAGE + '.council-card__title');
  expect(titles).toEqual(expect.arrayContaining(['5号楼南侧空地改建晾晒区', '小区路灯更换为LED节能灯']));
  expect(titles).not.toContain('3号楼门前划定临时停车位');
  expect(textOf(page, IN_PAGE + '.council-entries >>> .t-button')).toEqual(['提议题', '我的议题']);

  page.instance.onStageChange({ detail: { value: 'implementing' } });
  await until(page, '5号楼楼顶防水维修');
  expect(textOf(page, IN_PAGE + '.council-card__title')).toEqual(['5号楼楼顶防水维修']);
  expect(textOf(page, IN_PAGE + '.council-card__stage')).toEqual(['表决通过 · 答复：采纳 · 落实进展 2 条']);
});

test('a resident votes on the community vote through the vote page, and the topic says so', async () => {
  actAs(cloud, DEMO.resident);
  const vote = renderPage('packages/council/pages/vote/index');
  vote.instance.onLoad({ id: 't-demo-sorting' });
  await until(vote, '投票规则');
  expect(textOf(vote, IN_PAGE + '.vote-mine')).toEqual(['您家还没有投票']);
  await tap(vote, IN_PAGE + '.vote-option', 0);
  await tap(vote, IN_PAGE + '.app-actions >>> .t-button');
  await until(vote, '您已投：同意');
  expect(textOf(vote, IN_PAGE + '.vote-mine')).toEqual(['您已投：同意（截止前可以改）']);

  const detail = renderPage('packages/council/pages/detail/index');
  detail.instance.onLoad({ id: 't-demo-sorting' });
  detail.instance.onShow();
  await until(detail, '您已投');
  expect(allText(detail)).toContain('已投票 66 户，需 303 户以上结果才有效（范围内共 1008 户，30%）');
  expect(textOf(detail, IN_PAGE + '.detail-vote__mine')).toEqual(['您已投：同意（截止前可以改）']);
  // Secret ballot: the counts per option are not shown while the vote is open.
  expect(textOf(detail, IN_PAGE + '.detail-vote__row')).toEqual([]);
});

test('the building 5 secretary sees the agenda of building 5', async () => {
  actAs(cloud, DEMO.secretary);
  const page = renderPage('packages/council/pages/manage/index');
  page.instance.onShow();
  await until(page, '5号楼1单元楼道加装扶手');
  expect(textOf(page, IN_PAGE + '.council-card__title')).toEqual(['5号楼1单元楼道加装扶手']);
  expect(page.instance.data.tabs[0].text).toBe('待受理 1');
});
