/**
 * The vendors' alarm intake through the HTTP access route, on the real SDK and the local
 * cloud: a signed alarm for the demo senior's flat reaches her relative, the unit leader,
 * the branch secretary and the staff on duty (in-app and WeChat outbox) within the one
 * invocation; with nobody answering, the ladder timer pages the next rings at later
 * instants; an answer stops it; replayed, unsigned, tampered, stale and malformed requests
 * change nothing; 200 alarms at once are each recorded once and routed.
 */
import { DEMO } from '../../local/seed/community';
import { DEMO_SAFETY, gasDeviceId, smokeDeviceId } from '../../local/seed/safety';
import { demoRequest, newEventId, signedRequest } from '../../local/safety-sim';
import { httpAccessEvent, startGateway } from '../../local/runner/gateway';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ok, safetyKit } from './safety-kit';

jest.setTimeout(180_000);

let cloud: TestCloud;
const { at, call, post, alarm, detail, recipientsOf, outboxTo } = safetyKit(() => cloud);

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

const SENIOR_RING_0 = ['r-05-1-103', 'r-demo-relative', 'r-demo-secretary', 'r-demo-senior', 'r-demo-staff'];

async function alarmDoc(id: string) {
  const { data } = await cloud.db().collection('safety_alarms').doc(id).get();
  return data[0] as {
    status: string;
    ladder: { ring: number; paged: Array<{ ring: number }>; nextAt: Date | null; unpushed: boolean };
  };
}

describe('a signed alarm for the demo senior’s flat', () => {
  let alarmId = '';
  const t0 = () => at(60);

  it('is answered 200 after the first ring was paged, in one invocation', async () => {
    const answer = await alarm(DEMO_SAFETY.seniorGas, t0());
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ duplicate: false, outcome: 'alarm_opened' });
    alarmId = String(answer.body.data!.alarmId);
    expect(answer.roundTrips).toBeGreaterThan(5);
    // In-app: the senior, her bound relative, the 5-1 unit leader, the building 5 secretary, the duty staff.
    expect(await recipientsOf(alarmId)).toEqual(SENIOR_RING_0);
    // WeChat (long-term subscriptions): everyone of them with WeChat; the 5-1 unit leader has none.
    expect(outboxTo(alarmId)).toEqual([DEMO.relative, DEMO.secretary, DEMO.senior, DEMO.staff].sort());
    const doc = await alarmDoc(alarmId);
    expect(doc).toMatchObject({ status: 'open', ladder: { ring: 0, unpushed: false } });
    expect(doc.ladder.paged).toHaveLength(1);
  });

  it('shows the relative where, who lives there, the notes, calls and 119 guidance', async () => {
    const screen = await detail(DEMO.relative, alarmId, at(60.2));
    expect(screen).toMatchObject({
      viewer: 'relative',
      placeLabel: '5号楼1单元102',
      seniorAlone: true,
      plan: { floor: 1, position: 2, floors: 7, roomsPerFloor: 3 },
      status: 'open',
    });
    expect(screen.notes).toEqual(['独居老人', '有高血压，备用钥匙在401吴书记家']);
    const roles = screen.contacts.map((contact) => contact.roleLabel);
    expect(roles).toEqual(expect.arrayContaining(['本户住户', '单元长', '楼栋党支部书记', '值班工作人员']));
    // The unit leader has no WeChat: the screen says to phone him.
    expect(screen.contacts.find((c) => c.roleLabel === '单元长')).toMatchObject({ name: '崔明', noWechat: true });
    expect(screen.guidance.join('')).toContain('119');
    expect(screen.can.ack).toEqual(['coming', 'arrived', 'false_alarm', 'family_contacted']);
    expect(screen.can.close).toBe(false);
  });

  it('is private to its circle', async () => {
    for (const stranger of [DEMO.resident, DEMO.otherSecretary, DEMO.partyMember, DEMO.canteen, DEMO.unitLeader]) {
      expect(await call(stranger, { action: 'alarm', id: alarmId }, at(61))).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('climbs the ladder on the timer while nobody answers', async () => {
    // A senior living alone: the next ring after one minute (not before).
    expect((await cloud.runner.fireTimer('safety', 'ladder', { now: at(60.9) })).result).toMatchObject({
      ok: true,
      data: { escalated: 0 },
    });
    expect((await alarmDoc(alarmId)).ladder.ring).toBe(0);
    await cloud.runner.fireTimer('safety', 'ladder', { now: at(61.1) });
    const afterParty = await recipientsOf(alarmId);
    // The unit's Party members who were not paged yet.
    expect(afterParty).toEqual(expect.arrayContaining(['r-05-1-101', 'r-05-1-402']));
    expect((await alarmDoc(alarmId)).ladder.ring).toBe(1);
    // Now in the circle: a Party member of 5-1 may open it.
    expect(await detail('o-05-1-101', alarmId, at(61.2))).toMatchObject({ viewer: 'ladder' });
    await cloud.runner.fireTimer('safety', 'ladder', { now: at(62.2) });
    await cloud.runner.fireTimer('safety', 'ladder', { now: at(63.3) });
    const doc = await alarmDoc(alarmId);
    expect(doc.ladder.paged.map((p) => p.ring)).toEqual([0, 1, 2, 3]);
    expect(doc.ladder.nextAt).toBeNull();
    // The community secretary (demo: the staff member) got the last ring's escalation too.
    const toStaff = cloud.standIn.outbox().filter((m) => m.touser === DEMO.staff && m.page?.includes(alarmId));
    expect(toStaff.length).toBeGreaterThanOrEqual(2);
  });

  it('stops at the first answer, which the people paged hear about', async () => {
    const screen = await ok<{ status: string; acks: unknown[] }>(
      call(DEMO.relative, { action: 'acknowledge', id: alarmId, kind: 'family_contacted' }, at(64)),
    );
    expect(screen).toMatchObject({ status: 'handling' });
    // A double tap changes nothing.
    await ok(call(DEMO.relative, { action: 'acknowledge', id: alarmId, kind: 'family_contacted' }, at(64.1)));
    expect((await alarmDoc(alarmId)) as unknown as { acks: unknown[] }).toMatchObject({ acks: [expect.anything()] });
  });
});

describe('an answer in time', () => {
  it('keeps the ladder at the first ring (5-2: the demo unit leader gets WeChat)', async () => {
    const answer = await alarm(DEMO_SAFETY.residentGas, at(120));
    const alarmId = String(answer.body.data!.alarmId);
    expect(outboxTo(alarmId)).toEqual([DEMO.secretary, DEMO.staff, DEMO.unitLeader]);
    // The resident never subscribed: in-app only (and the alarm is on the staff board).
    expect(await recipientsOf(alarmId)).toContain('r-demo-resident');
    await ok(call(DEMO.unitLeader, { action: 'acknowledge', id: alarmId, kind: 'coming' }, at(121)));
    const before = await recipientsOf(alarmId);
    await cloud.runner.fireTimer('safety', 'ladder', { now: at(130) });
    const doc = await alarmDoc(alarmId);
    expect(doc.status).toBe('handling');
    expect(doc.ladder.paged).toHaveLength(1);
    // The only new messages are the "someone answered" ones, to the same people.
    expect([...new Set(await recipientsOf(alarmId))]).toEqual([...new Set(before)]);
  });
});

describe('a stairwell smoke detector', () => {
  it('pages the unit leader, the secretary and the staff on duty, with the floor on the plan', async () => {
    const answer = await alarm(smokeDeviceId(5, 2, 3), at(150));
    expect(answer.body.data).toMatchObject({ outcome: 'alarm_opened' });
    const alarmId = String(answer.body.data!.alarmId);
    expect(await recipientsOf(alarmId)).toEqual(['r-demo-secretary', 'r-demo-staff', 'r-demo-unit-leader']);
    const screen = await detail(DEMO.unitLeader, alarmId, at(150.5));
    expect(screen).toMatchObject({ kind: 'smoke', placeLabel: '5号楼2单元3层楼道', notes: [], plan: { floor: 3 } });
    expect(screen.plan.position).toBeUndefined();
    expect(screen.guidance[0]).toContain('119');
  });
});

describe('requests that change nothing', () => {
  it('refuses unsigned, tampered, foreign-signed, stale and replayed requests', async () => {
    const now = at(200);
    const signed = demoRequest({ deviceId: gasDeviceId(6, 2, '301'), at: now, eventId: newEventId() });
    const first = await post(signed, now);
    expect(first.status).toBe(200);
    const before = await cloud.counts();
    const outbox = cloud.standIn.outbox().length;

    const unsigned = { headers: { 'content-type': 'application/json', 'x-vendor': 'demo' }, body: signed.body };
    expect((await post(unsigned, now)).status).toBe(401);
    const tampered = { headers: signed.headers, body: signed.body.replace('6-2-301', '6-2-302') };
    expect(await post(tampered, now)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    const otherVendor = { headers: { ...signed.headers, 'x-vendor': 'anxin' }, body: signed.body };
    expect((await post(otherVendor, now)).status).toBe(401);
    const unknownVendor = { headers: { ...signed.headers, 'x-vendor': 'nobody' }, body: signed.body };
    expect((await post(unknownVendor, now)).status).toBe(401);
    // Correctly signed but replayed later than the window: refused by its own timestamp.
    const stale = demoRequest({ deviceId: gasDeviceId(6, 2, '302'), at: at(150), eventId: newEventId() });
    expect(await post(stale, now)).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    // The same request again (a replay within the window, or the vendor's retry): a duplicate.
    expect(await post(signed, at(201))).toMatchObject({ status: 200, body: { data: { duplicate: true } } });

    expect(await cloud.counts()).toEqual(before);
    expect(cloud.standIn.outbox().length).toBe(outbox);
  });

  it('answers malformed payloads with a code, writing nothing', async () => {
    const now = at(210);
    const before = await cloud.counts();
    const bodies = [
      'not json',
      '[]',
      JSON.stringify({ eventId: 'e1', deviceId: 'GA-05-1-102', type: 'explode', at: now.toISOString() }),
      JSON.stringify({ eventId: 'e2', deviceId: 'GA 05', type: 'alarm', at: now.toISOString() }),
      JSON.stringify({ eventId: 'e3', deviceId: 'GA-05-1-102', type: 'alarm', at: 'yesterday' }),
      JSON.stringify({ eventId: 'e4', deviceId: 'GA-05-1-102', type: 'alarm', at: now.toISOString(), extra: 1 }),
      JSON.stringify({ eventId: { $ne: null }, deviceId: 'GA-05-1-102', type: 'alarm', at: now.toISOString() }),
    ];
    for (const body of bodies) {
      const answer = await post(signedRequest('demo', body), now);
      expect(answer.status).toBe(400);
      expect(['BAD_REQUEST', 'INVALID_INPUT']).toContain(answer.body.error?.code);
    }
    // Wrong route and method.
    const good = demoRequest({ deviceId: DEMO_SAFETY.seniorGas, at: now });
    expect((await post(good, now, '/safety/other')).status).toBe(404);
    const get = httpAccessEvent({ method: 'GET', path: '/safety/alarm', headers: good.headers, body: Buffer.from('') });
    expect((await cloud.invoke('safety', get, { now })).result).toMatchObject({ statusCode: 405 });
    expect(await cloud.counts()).toEqual(before);
  });

  it('refuses a mini-program call shaped like an HTTP request', async () => {
    const before = await cloud.counts();
    const request = demoRequest({ deviceId: gasDeviceId(6, 3, '101'), at: at(220) });
    const event = httpAccessEvent({
      method: 'POST',
      path: '/safety/alarm',
      headers: request.headers,
      body: Buffer.from(request.body),
    });
    const result = (await cloud.call('safety', event, { openid: DEMO.resident, now: at(220) })) as {
      statusCode: number;
    };
    expect(result.statusCode).toBe(403);
    expect(await cloud.counts()).toEqual(before);
  });

  it('records an unknown device for staff instead of failing', async () => {
    const now = at(230);
    const answer = await alarm('GA-99-9-999', now);
    expect(answer).toMatchObject({ status: 200, body: { data: { outcome: 'unknown_device' } } });
    await alarm('GA-99-9-999', at(231));
    const list = await ok<{ items: Array<{ deviceId: string; events: number }> }>(
      call(DEMO.staff, { action: 'unknownDevices' }, at(232)),
    );
    expect(list.items).toEqual([expect.objectContaining({ deviceId: 'GA-99-9-999', events: 2 })]);
  });

  it('reads the second vendor’s payload with its own adapter', async () => {
    const now = at(240);
    const body = JSON.stringify({
      msg_id: newEventId(),
      imei: DEMO_SAFETY.anxinImei,
      code: 1,
      ts: Math.floor(now.getTime() / 1000),
    });
    const answer = await post(signedRequest('anxin', body), now);
    expect(answer).toMatchObject({ status: 200, body: { data: { outcome: 'alarm_opened' } } });
    const screen = await detail(DEMO.staff, String(answer.body.data!.alarmId), now);
    expect(screen.placeLabel).toBe('3号楼1单元201');
  });
});

describe('the local HTTP access route (/__http/<function>/...)', () => {
  it('answers with the function’s integration response: status, headers, body', async () => {
    const gateway = await startGateway({ runner: cloud.runner });
    try {
      const unsigned = await fetch(`${gateway.url}/__http/safety/alarm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-vendor': 'demo' },
        body: '{}',
      });
      expect(unsigned.status).toBe(401);
      expect(unsigned.headers.get('content-type')).toContain('application/json');
      expect(await unsigned.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      const malformed = signedRequest('demo', '{"eventId":"x"}');
      const bad = await fetch(`${gateway.url}/__http/safety/alarm`, {
        method: 'POST',
        headers: malformed.headers,
        body: malformed.body,
      });
      expect(bad.status).toBe(400);
      expect((await fetch(`${gateway.url}/__http/nosuch/alarm`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await gateway.close();
    }
  });
});

describe('200 alarms at once', () => {
  it('records every one once and routes each', async () => {
    const now = at(300);
    const flats: string[] = [];
    for (let b = 1; b <= 12 && flats.length < 200; b++) {
      if (b === 5 || b === 3) continue;
      for (let u = 1; u <= 4; u++)
        for (let f = 1; f <= 7; f++) for (let r = 1; r <= 3; r++) flats.push(gasDeviceId(b, u, `${f}0${r}`));
    }
    const devices = flats.slice(0, 200);
    const requests = devices.map((deviceId) => demoRequest({ deviceId, at: now, eventId: newEventId() }));
    const before = await cloud.counts();
    // Every request once, and 20 of them a second time in the same burst (vendor retries).
    const answers = await Promise.all([...requests, ...requests.slice(0, 20)].map((request) => post(request, now)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const after = await cloud.counts();
    expect(after.safety_alarms - before.safety_alarms).toBe(200);
    expect(after.safety_events - before.safety_events).toBe(200);
    const ids = new Set(answers.map((answer) => String(answer.body.data!.alarmId)));
    expect(ids.size).toBe(200);
    const { data } = await cloud.db().collection('safety_alarms').where({ openedAt: now }).limit(1000).get();
    const opened = data as Array<{ ladder: { paged: unknown[]; unpushed: boolean } }>;
    expect(opened).toHaveLength(200);
    expect(opened.every((doc) => doc.ladder.paged.length === 1 && !doc.ladder.unpushed)).toBe(true);
  });
});
