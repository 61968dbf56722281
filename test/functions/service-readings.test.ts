/**
 * Code that once depended on how the stand-in happened to answer where the real service is
 * uncertain or different (local/cloudbase/readings.ts, README "The local stand-in and where
 * it differs"). `npm run test:readings` runs this file under the non-default readings too.
 */
import tcb from '@cloudbase/node-sdk';
import { DEMO } from '../../local/seed/community';
import { deleteFiles, DELETE_FILES_PER_CALL } from '../../cloudfunctions/shared/storage';
import type { BuildingDoc, ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { DirectoryEntry } from '../../typings/functions/community';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

it('runs on a stand-in with the readings of this run', () => {
  const { updated, txnQueries } = cloud.standIn.readings;
  expect(updated).toBe(process.env.CS_STANDIN_UPDATED || 'matched');
  expect(txnQueries).toBe(process.env.CS_STANDIN_TXN_QUERIES || 'allowed');
});

describe('a single-holder role whose slot already names the appointee', () => {
  it('is appointed: the slot claim that changes nothing is not taken for a lost race', async () => {
    const role = { kind: 'branch_secretary', buildingNo: 5 } as const;
    const call = (action: string, residentId: string) =>
      cloud.call('community', { action, residentId, role }, { openid: DEMO.staff }) as Promise<Result<DirectoryEntry>>;
    expect((await call('revokeRole', 'r-demo-secretary')).ok).toBe(true);
    // An earlier appointment of the same person claimed the slot, then died before it
    // wrote the resident's roles: the slot names them, their roles do not.
    const buildings = cloud.db().collection('buildings');
    const building = (await buildings.where({ no: 5 }).get()).data[0] as BuildingDoc;
    await buildings.doc(building._id).update({ secretaryId: 'r-demo-party-member' });

    const appointed = await call('assignRole', 'r-demo-party-member');
    expect(appointed).toMatchObject({ ok: true });
    const resident = (await cloud.db().collection('residents').doc('r-demo-party-member').get()).data[0] as ResidentDoc;
    expect(resident.roles).toContainEqual(role);
    expect(((await buildings.doc(building._id).get()).data[0] as BuildingDoc).secretaryId).toBe('r-demo-party-member');
    // The slot still guards the role: someone else is refused while it is held.
    const other = await call('assignRole', 'r-demo-unit-leader');
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('deleting files', () => {
  it(`deletes more than ${DELETE_FILES_PER_CALL} files, in calls the service accepts`, async () => {
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    const fileIDs = await Promise.all(
      Array.from(
        { length: 2 * DELETE_FILES_PER_CALL + 7 },
        async (_x, i) =>
          (await app.uploadFile({ cloudPath: `readings/${i}.txt`, fileContent: Buffer.from(String(i)) })).fileID,
      ),
    );
    await deleteFiles(fileIDs);
    for (let i = 0; i < fileIDs.length; i += DELETE_FILES_PER_CALL) {
      const { fileList } = await app.getTempFileURL({ fileList: fileIDs.slice(i, i + DELETE_FILES_PER_CALL) });
      expect(fileList.map((file) => file.code)).toEqual(fileList.map(() => 'STORAGE_FILE_NONEXIST'));
    }
  });
});
