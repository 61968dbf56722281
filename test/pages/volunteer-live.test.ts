/**
 * 志愿 through the real pages and the real `volunteer` function on a local cloud seeded with
 * the demo community, each call dated from the instant it was seeded around: the resident
 * applies to 环境美化 on the form, its leader accepts in 入队审核, sends a snow call on 发起召集;
 * the resident answers 我来, and the next morning checks in with the code the leader's page
 * shows; 我的志愿 has the hours, a certificate is issued and a stranger verifies it.
 */
import { DEMO } from '../../local/seed/community';
import { startLiveCloud, type LiveCloud } from '../helpers/live-cloud';
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf, wxMock, type RootNode } from '../helpers/simulate';

type SeededCloud = LiveCloud & { seededAt: Date };
let cloud: SeededCloud;
let today: string;
let tomorrow: string;

/** "YYYY-MM-DD" in Shanghai, `days` after `at`. */
const shanghaiDate = (at: Date, days: number) =>
  new Date(at.getTime() + days * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  cloud = (await startLiveCloud()) as SeededCloud;
  today = shanghaiDate(cloud.seededAt, 0);
  tomorrow = shanghaiDate(cloud.seededAt, 1);
});
afterAll(() => cloud.close());

const wxExtra = () => (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;
beforeEach(() => {
  resetWx();
  Object.assign(wxExtra(), {
    showModal: jest.fn(),
    navigateBack: jest.fn(),
    redirectTo: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    setNavigationBarTitle: jest.fn(),
    requestSubscribeMessage: jest.fn((options: { complete?: () => void }) => options.complete?.()),
  });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

/** The page's calls go to the function as `openid`, at the community instant `now`. */
function actAsAt(openid: string, now: Date): void {
  wxMock().cloud.callFunction = jest.fn(async ({ name, data }: { name: string; data?: unknown }) => ({
    errMsg: 'cloud.callFunction:ok',
    result: JSON.parse(JSON.stringify(await cloud.call(name, data ?? {}, { openid, now }))) as unknown,
    requestID: 'live',
  }));
}

async function until(page: RootNode, ready: () => boolean): Promise<void> {
  for (let i = 0; i < 150 && !ready(); i++) {
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await settle();
  if (!ready()) throw new Error(`the page never got there: ${allText(page).slice(0, 300)}`);
}

function field(page: RootNode, handler: string, name: string, value: unknown) {
  page.instance[handler]({ detail: { value }, currentTarget: { dataset: { field: name } } });
}

test('join → a snow call → 我来 → check-in by code → hours on my record → a certificate anyone verifies', async () => {
  const noon = new Date(`${today}T12:00:00+08:00`);
  const morning = new Date(`${tomorrow}T07:05:00+08:00`);

  // 1. The resident applies to team 01 on the form.
  actAsAt(DEMO.resident, noon);
  const team = renderPage('packages/volunteer/pages/team/index');
  team.instance.onLoad({ teamId: 'team01' });
  team.instance.onShow();
  await until(team, () => team.instance.data.state === 'ready');
  expect(allText(team)).toContain('环境美化志愿服务队');
  const apply = renderPage('packages/volunteer/pages/apply/index');
  apply.instance.onLoad({ teamId: 'team01' });
  apply.instance.onTime({ currentTarget: { dataset: { index: 4 } } });
  await tap(apply, IN_PAGE + '.apply-submit >>> .t-button');
  await until(apply, () => wxExtra().navigateBack!.mock.calls.length === 1);

  // 2. The leader accepts her in 入队审核.
  actAsAt(DEMO.teamLeader, noon);
  const queue = renderPage('packages/volunteer/pages/applications/index');
  queue.instance.onLoad({ teamId: 'team01' });
  await until(queue, () => queue.instance.data.state === 'ready');
  expect(allText(queue)).toContain('林晓燕');
  await tap(queue, IN_PAGE + '.applications-accept >>> .t-button');
  await until(queue, () => allText(queue).includes('没有待审核的申请'));

  // 3. ...and sends a snow call for tomorrow 07:00 to his team.
  const send = renderPage('packages/volunteer/pages/callout-new/index');
  send.instance.onLoad({ teamId: 'team01' });
  await until(send, () => send.instance.data.state === 'ready');
  field(send, 'onField', 'title', '以雪为令：清扫7号楼前积雪');
  field(send, 'onField', 'place', '7号楼门口');
  field(send, 'onField', 'date', tomorrow);
  await tap(send, IN_PAGE + '.new-submit >>> .t-button');
  await until(send, () => wxExtra().redirectTo!.mock.calls.length === 1);
  const url = (wxExtra().redirectTo!.mock.calls[0]![0] as { url: string }).url;
  const id = /id=([\w-]+)/.exec(url)![1]!;

  // 4. It is on her 志愿 home; she answers 我来.
  actAsAt(DEMO.resident, noon);
  const home = renderPage('packages/volunteer/pages/index/index');
  home.instance.onShow();
  await until(home, () => home.instance.data.state === 'ready');
  expect(textOf(home, IN_PAGE + '.home-callout .vt-card__title')).toContain('【紧急】以雪为令：清扫7号楼前积雪');
  const answer = renderPage('packages/volunteer/pages/callout/index');
  answer.instance.onLoad({ id });
  await until(answer, () => answer.instance.data.state === 'ready');
  await tap(answer, IN_PAGE + '.callout-yes >>> .t-button');
  await until(answer, () => textOf(answer, IN_PAGE + '.callout-mine')[0] === '您已报名，请按时到场');
  expect(textOf(answer, IN_PAGE + '.callout-fill')).toEqual(['1 / 10 人']);

  // 5. Next morning at the place: the leader's page shows the code; she types it.
  actAsAt(DEMO.teamLeader, morning);
  const lead = renderPage('packages/volunteer/pages/callout/index');
  lead.instance.onLoad({ id });
  await until(lead, () => lead.instance.data.state === 'ready');
  const code = textOf(lead, IN_PAGE + '.callout-code-shown')[0]!;
  expect(code).toMatch(/^\d{6}$/);
  actAsAt(DEMO.resident, morning);
  const at = renderPage('packages/volunteer/pages/callout/index');
  at.instance.onLoad({ id });
  await until(at, () => at.instance.data.state === 'ready');
  at.instance.onCode({ detail: { value: code } });
  await tap(at, IN_PAGE + '.callout-checkin-submit >>> .t-button');
  await until(at, () => textOf(at, IN_PAGE + '.t-tag__text').includes('已签到'));

  // 6. 我的志愿: the hours, and a certificate.
  const records = renderPage('packages/volunteer/pages/records/index');
  records.instance.onShow();
  await until(records, () => records.instance.data.state === 'ready');
  expect(textOf(records, IN_PAGE + '.records-hours')).toEqual(['2']);
  expect(allText(records)).toContain('召集 · 环境美化志愿服务队');
  await tap(records, IN_PAGE + '.records-issue >>> .t-button');
  await until(records, () => wxMock().navigateTo.mock.calls.length === 1);
  const certUrl = (wxMock().navigateTo.mock.calls[0]![0] as { url: string }).url;
  const certCode = /code=(\w+)/.exec(certUrl)![1]!;
  const cert = renderPage('packages/volunteer/pages/certificate/index');
  cert.instance.onLoad({ code: certCode });
  await until(cert, () => cert.instance.data.state === 'ready');
  expect(allText(cert)).toContain('姓名：林晓燕');
  expect(allText(cert)).toContain('累计志愿服务：2 小时（1 次）');

  // 7. A teacher who never used the app verifies it.
  actAsAt('o-school-teacher', morning);
  const verify = renderPage('packages/volunteer/pages/verify/index');
  verify.instance.onLoad({ code: certCode });
  await until(verify, () => allText(verify).includes('证明有效'));
  expect(allText(verify)).toContain('林晓燕');
});
