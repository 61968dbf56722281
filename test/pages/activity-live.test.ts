/**
 * 活动详情 rendered from live function data: two residents tap 我要报名 for the last place
 * (one gets it, one is put on the waiting list), the first cancels, and the second's page
 * then shows the place they were promoted to, with the promotion in their 我的消息.
 */
import { DEMO } from '../../local/seed/community';
import { actAs, startLiveCloud, type LiveCloud } from '../helpers/live-cloud';
import { cal } from '../helpers/clock';
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf, wxMock } from '../helpers/simulate';

let cloud: LiveCloud;
beforeAll(async () => {
  cloud = await startLiveCloud();
});
afterAll(() => cloud.close());

beforeEach(() => {
  resetWx();
  Object.assign((globalThis as unknown as { wx: Record<string, unknown> }).wx, {
    showModal: jest.fn(async () => ({ confirm: true })),
    requestSubscribeMessage: jest.fn((options: { complete?: () => void }) => options.complete?.()),
  });
});

async function until(page: ReturnType<typeof renderPage>, done: () => boolean) {
  for (let i = 0; i < 150 && !done(); i++) {
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await settle();
}

async function openDetailAs(openid: string, id: string) {
  actAs(cloud, openid);
  const page = renderPage('packages/activity/pages/detail/index');
  page.instance.onLoad({ id });
  await until(page, () => page.instance.data.state !== 'loading');
  return page;
}

test('sign up, get waitlisted, another cancels, the waiting one is promoted and told', async () => {
  const created = (await cloud.call(
    'activity',
    {
      action: 'create',
      title: '社区书法体验课',
      description: '老师现场教写福字。',
      images: [],
      organiser: { kind: 'committee' },
      place: '党群服务中心',
      // Three days after the seed day (the functions run on the community clock from there).
      startAt: cal.wall(3, '10:00'),
      endAt: cal.wall(3, '12:00'),
      signupOpensAt: cal.wall(-1, '10:00'),
      signupDeadline: cal.wall(2, '10:00'),
      capacity: 1,
      eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: false },
      maxCompanions: 0,
      volunteerHours: 0,
    },
    { openid: DEMO.staff },
  )) as { ok: boolean; data: { id: string } };
  expect(created.ok).toBe(true);
  const id = created.data.id;

  const first = await openDetailAs(DEMO.resident, id);
  expect(allText(first)).toContain('社区书法体验课');
  expect(allText(first)).toContain('剩余 1 个名额（共1）');
  await tap(first, IN_PAGE + '.detail-person__actions >>> .t-button');
  await until(first, () => textOf(first, IN_PAGE + '.detail-person >>> .t-tag__text').length > 0);
  expect(textOf(first, IN_PAGE + '.detail-person >>> .t-tag__text')).toEqual(['报名成功']);

  const second = await openDetailAs(DEMO.partyMember, id);
  expect(allText(second)).toContain('名额已满，可排队候补');
  await tap(second, IN_PAGE + '.detail-person__actions >>> .t-button');
  await until(second, () => textOf(second, IN_PAGE + '.detail-person >>> .t-tag__text').length > 0);
  expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '名额已满，您是候补第 1 位' }));
  expect(textOf(second, IN_PAGE + '.detail-person >>> .t-tag__text')).toEqual(['候补第 1 位']);

  // The first cancels from their own page.
  const again = await openDetailAs(DEMO.resident, id);
  expect(textOf(again, IN_PAGE + '.detail-person__actions >>> .t-button')).toEqual(['出示签到码', '取消报名']);
  await tap(again, IN_PAGE + '.detail-person__actions >>> .t-button', 1);
  await until(again, () => textOf(again, IN_PAGE + '.detail-person >>> .t-tag__text').length === 0);

  const promoted = await openDetailAs(DEMO.partyMember, id);
  expect(textOf(promoted, IN_PAGE + '.detail-person >>> .t-tag__text')).toEqual(['报名成功']);
  const inbox = (await cloud.call('push', { action: 'inbox' }, { openid: DEMO.partyMember })) as {
    data: { items: Array<{ title: string }> };
  };
  expect(inbox.data.items[0]!.title).toBe('候补成功：社区书法体验课');
});
