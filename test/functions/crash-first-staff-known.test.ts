/**
 * What the crash sweep found in the first staff member's appointment, shown by killing the
 * claim after each of its round trips: the one-time code was marked used before the
 * role was given, so a death between left the code spent and nobody staff — with no way
 * back but the console. Now the code, the role and its audit record commit together.
 */
import { FIRST_STAFF_CODE_ID } from '../../cloudfunctions/community/bootstrap';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import { FunctionInstanceDiedError } from '../../local/runner/runner';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { all, one } from '../helpers/crash/read';

const T0 = new Date('2026-11-26T02:00:00Z');
const FIRST = 'o-first-staff';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: false });
  for (const action of ['agreePrivacy', 'register'])
    await cloud.invoke(
      'user',
      { action, ...(action === 'register' ? { name: '高首任' } : {}) },
      { openid: FIRST, now: T0 },
    );
});
afterAll(() => cloud.close());

jest.setTimeout(120_000);

/** A community that needs its first staff member again, and the code the console shows. */
async function freshStart(): Promise<{ code: string; residentId: string }> {
  const db = cloud.db();
  const [me] = await all<ResidentDoc & { openid: string }>(db, 'residents', { openid: FIRST });
  await db
    .collection('residents')
    .doc(me!._id)
    .update({ roles: db.command.set([]) });
  await db.collection('bootstrap').where({ _id: FIRST_STAFF_CODE_ID }).remove();
  await db.collection('community_audit').where({ subjectId: me!._id }).remove();
  await cloud.invoke('community', { action: 'firstStaffStatus' }, { openid: FIRST, now: T0 });
  const code = (await one<{ code: string }>(db, 'bootstrap', FIRST_STAFF_CODE_ID))!.code;
  return { code, residentId: me!._id };
}

it('spends the code only with the appointment and its audit record (a claim cut off leaves it unused)', async () => {
  const probe = await freshStart();
  const whole = await cloud.invoke(
    'community',
    { action: 'claimFirstStaff', code: probe.code },
    { openid: FIRST, now: T0 },
  );
  expect(whole.result).toMatchObject({ ok: true });
  // Every death short of the end (reads too: a transaction's writes land at its commit).
  const trips = Array.from({ length: whole.roundTrips - 1 }, (_, i) => i + 1);
  expect(cloud.standIn.writingRoundTrips(whole.invocationId).length).toBeGreaterThan(0);
  for (const k of trips) {
    const { code, residentId } = await freshStart();
    await expect(
      cloud.invoke('community', { action: 'claimFirstStaff', code }, { openid: FIRST, now: T0, dieAfterRoundTrips: k }),
    ).rejects.toBeInstanceOf(FunctionInstanceDiedError);
    const db = cloud.db();
    const used = Boolean((await one<{ usedBy?: string }>(db, 'bootstrap', FIRST_STAFF_CODE_ID))?.usedBy);
    const staff = Boolean((await one<ResidentDoc>(db, 'residents', residentId))?.roles.some((r) => r.kind === 'staff'));
    const audits = await all(db, 'community_audit', { subjectId: residentId, action: 'role_assign' });
    expect([used, audits.length]).toEqual([staff, staff ? 1 : 0]);
  }
});
