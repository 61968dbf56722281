/**
 * Sweep entries of bringing up a community: the first staff member appointed with the
 * one-time code, and the community register imported. The code is never spent without
 * its appointment (nor the appointment made without its audit record); an import leaves
 * no person holding a post whose slot does not name them once the import is sent again.
 */
import tcb from '@cloudbase/node-sdk';
import { FIRST_STAFF_CODE_ID, type BootstrapCodeDoc } from '../../../../cloudfunctions/community/bootstrap';
import type { BuildingDoc, ResidentDoc, VolunteerTeamDoc } from '../../../../cloudfunctions/shared/docs';
import type { RegisterSheet } from '../../../../cloudfunctions/shared/domain/register';
import { buildingIdOf, teamIdOf } from '../../../../cloudfunctions/shared/register';
import { DEMO } from '../../../../local/seed/community';
import { registerWorkbook, sampleRegister } from '../../../../scripts/register/sample';
import { communityRecords } from '../invariants';
import { all, one } from '../read';
import { later, lockedForNow, mustBeOk, type SweepContext, type SweepEntry } from '../sweep';
import { answerText, at, dayKey, wall } from '../world';
import { community, freshResident } from './community';

const WHEN = at(wall(dayKey(3), '10:00'));

/** The sample register moved to buildings and team names of the step's own. */
function registerOf(index: number): RegisterSheet[] {
  const offset = 100 * (index + 1);
  const [rooms, party, teams] = sampleRegister();
  const moved = (row: string[], column: number) =>
    row.map((cell, i) => (i === column && /^\d+$/.test(cell) ? String(Number(cell) + offset) : cell));
  return [
    { name: rooms!.name, rows: rooms!.rows.map((row, i) => (i ? moved(row, 0) : row)) },
    { name: party!.name, rows: party!.rows.map((row, i) => (i ? moved(row, 1) : row)) },
    {
      name: teams!.name,
      rows: teams!.rows.map((row, i) => (i && row[0] ? [`${row[0]}${offset}`, ...row.slice(1)] : row)),
    },
  ];
}

/** Uploads the workbook into the caller's register folder, as the staff page does. */
async function uploaded(ctx: SweepContext, openid: string, file: Buffer): Promise<string> {
  const [slot] = await ctx.ok<Array<{ cloudPath: string }>>({
    fn: 'storage',
    event: { action: 'prepareUpload', domain: 'register', exts: ['xlsx'] },
    as: openid,
    now: WHEN,
  });
  // The SDK as the test process has it set up (startTestCloud points it at the stand-in).
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return (await app.uploadFile({ cloudPath: slot!.cloudPath, fileContent: file })).fileID;
}

/** Every post of the register's people is in its slot (the guard of later appointments), and only theirs. */
async function postsInSlots(ctx: SweepContext, buildingNos: number[], teamIds: string[]): Promise<string[]> {
  const db = ctx.db();
  const _ = db.command;
  const violations: string[] = [];
  const buildings = await all<BuildingDoc>(db, 'buildings', { _id: _.in(buildingNos.map(buildingIdOf)) });
  const teams = await all<VolunteerTeamDoc>(db, 'volunteer_teams', { _id: _.in(teamIds) });
  const holders = await all<ResidentDoc>(db, 'residents', {
    roles: _.elemMatch({ kind: _.in(['branch_secretary', 'unit_leader', 'team_leader']) }),
    'binding.address.buildingNo': _.in(buildingNos),
  });
  for (const person of holders)
    for (const role of person.roles) {
      const where = `${person._id} (${role.kind})`;
      if (role.kind === 'branch_secretary') {
        const building = buildings.find((b) => b.no === role.buildingNo);
        if (building?.secretaryId !== person._id)
          violations.push(`${where}: building slot names ${building?.secretaryId}`);
      }
      if (role.kind === 'unit_leader') {
        const building = buildings.find((b) => b.no === role.buildingNo);
        const slot = (building?.unitLeaderIds as Record<string, string> | undefined)?.[String(role.unitNo)];
        if (slot !== person._id) violations.push(`${where}: unit slot names ${slot}`);
      }
      if (role.kind === 'team_leader') {
        const team = teams.find((t) => t._id === role.teamId);
        if (team && team.leaderId !== person._id) violations.push(`${where}: team slot names ${team.leaderId}`);
      }
    }
  return violations;
}

export const communitySetupEntries: SweepEntry[] = [
  {
    key: 'community.importRegister',
    sample: 12,
    async arrange(ctx, index) {
      const sheets = registerOf(index);
      const fileID = await uploaded(ctx, DEMO.staff, await registerWorkbook(sheets));
      const buildingNos = [...new Set(sheets[0]!.rows.slice(1).map((row) => Number(row[0])))];
      const teamNames = sheets[2]!.rows.slice(1).map((row) => row[0]!);
      const teamIds = teamNames.map(teamIdOf);
      const importIt = community(DEMO.staff, 'importRegister', { fileID, apply: true }, WHEN);
      return {
        call: importIt,
        retryMay: mustBeOk,
        again: { ...importIt, now: later(WHEN, 60_000) },
        // (People the register lists are registered by it, not audited one by one as staff's seniors are.)
        check: () => postsInSlots(ctx, buildingNos, teamIds),
      };
    },
  },
  {
    // Last in its file: it takes every staff role away, to make a community that needs its first.
    key: 'community.claimFirstStaff',
    async arrange(ctx) {
      const db = ctx.db();
      const _ = db.command;
      for (const person of await all<ResidentDoc>(db, 'residents', { roles: _.elemMatch({ kind: 'staff' }) }))
        await db
          .collection('residents')
          .doc(person._id)
          .update({ roles: _.set(person.roles.filter((role) => role.kind !== 'staff')) });
      await db.collection('bootstrap').where({ _id: FIRST_STAFF_CODE_ID }).remove();
      const residentId = await freshResident(ctx, 'r-demo-resident');
      const openid = (await one<{ openid: string }>(db, 'residents', residentId))!.openid;
      await ctx.ok(community(openid, 'firstStaffStatus', {}, WHEN));
      const { code } = (await one<BootstrapCodeDoc>(db, 'bootstrap', FIRST_STAFF_CODE_ID))!;
      const claim = community(openid, 'claimFirstStaff', { code }, WHEN);
      const isStaff = async () =>
        Boolean((await one<ResidentDoc>(db, 'residents', residentId))?.roles.some((role) => role.kind === 'staff'));
      return {
        call: claim,
        retryMay: (result) => (lockedForNow(result) ? undefined : mustBeOk(result)),
        again: { ...claim, now: later(WHEN, 60_000) },
        againMay: (result) => (lockedForNow(result) ? undefined : result.ok ? undefined : answerText(result)),
        async check() {
          const staff = await isStaff();
          const used = (await one<BootstrapCodeDoc>(db, 'bootstrap', FIRST_STAFF_CODE_ID))?.usedBy;
          return [
            ...(Boolean(used) !== staff ? [`code used by ${used ?? 'nobody'}, ${residentId} staff: ${staff}`] : []),
            ...(await communityRecords(
              db,
              [residentId],
              [{ action: 'role_assign', subjectId: residentId, times: staff ? 1 : 0 }],
            )),
          ];
        },
        async done() {
          return (await isStaff()) ? [] : [`${residentId} is not staff`];
        },
      };
    },
  },
];
