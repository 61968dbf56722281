/**
 * A fresh environment (no demo data) brought up to a working community: the first staff
 * member appointed with the one-time code only console access can read, the community
 * register imported from a spreadsheet (dry run first; a register with bad rows reports
 * each line and creates nothing; importing twice creates nothing twice), from the staff
 * action and from the command line; then a resident joins, is verified, and reads a notice.
 */
import tcb from '@cloudbase/node-sdk';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FIRST_STAFF_CODE_ID } from '../../cloudfunctions/community/bootstrap';
import { registeredPersonIdOf } from '../../cloudfunctions/shared/register';
import { ROOT } from '../../local/cloud';
import { SAMPLE_HOUSEHOLDS, registerWorkbook, sampleRegister, sampleWithErrors } from '../../scripts/register/sample';
import type { RegisterSummary } from '../../typings/functions/community';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

jest.setTimeout(120_000);

const T0 = new Date('2026-11-26T02:00:00Z');
const FIRST = 'o-first-staff';
const NEIGHBOUR = 'o-new-neighbour';

let cloud: TestCloud;
let files: string;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: false });
  files = mkdtempSync(join(tmpdir(), 'cs-register-'));
  writeFileSync(join(files, 'sample.xlsx'), await registerWorkbook(sampleRegister()));
  writeFileSync(join(files, 'bad.xlsx'), await registerWorkbook(sampleWithErrors().sheets));
});
afterAll(() => cloud.close());

function call<T>(fn: string, event: Record<string, unknown>, openid: string): Promise<Result<T>> {
  return cloud.call<Result<T>>(fn, event, { openid, now: T0 });
}

async function ok<T>(fn: string, event: Record<string, unknown>, openid: string): Promise<T> {
  const result = await call<T>(fn, event, openid);
  if (!result.ok) throw new Error(`${String(event.action)}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function signUp(openid: string, name: string, phone: string): Promise<void> {
  await ok('user', { action: 'agreePrivacy' }, openid);
  await ok('user', { action: 'register', name, phone }, openid);
}

/** Uploads a register as the caller would from the staff page; returns its fileID. */
async function upload(openid: string, file: 'sample.xlsx' | 'bad.xlsx'): Promise<string> {
  const [slot] = await ok<{ cloudPath: string }[]>(
    'storage',
    { action: 'prepareUpload', domain: 'register', exts: ['xlsx'] },
    openid,
  );
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return (await app.uploadFile({ cloudPath: slot!.cloudPath, fileContent: readFileSync(join(files, file)) })).fileID;
}

/** What someone with console access reads: the code in the bootstrap collection. */
async function consoleCode(): Promise<string> {
  const { data } = await cloud.db().collection('bootstrap').doc(FIRST_STAFF_CODE_ID).get();
  return (data[0] as { code: string }).code;
}

const bootstrapCli = (...args: string[]) =>
  promisify(execFile)('npx', ['tsx', 'scripts/bootstrap.ts', ...args, '--standin', cloud.standIn.url], {
    cwd: ROOT,
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

describe('the first staff member', () => {
  it('is needed in an empty environment, and the answer never carries the code', async () => {
    await signUp(FIRST, '社区主任', '17600009001');
    const status = await call<{ needed: boolean }>('community', { action: 'firstStaffStatus' }, FIRST);
    expect(status).toEqual({ ok: true, data: { needed: true } });
    expect(JSON.stringify(status)).not.toContain(await consoleCode());
  });

  it('refuses a wrong code and changes nothing else; takes the console’s code once', async () => {
    const before = await cloud.counts();
    expect(await call('community', { action: 'claimFirstStaff', code: 'WRONGCODE2' }, FIRST)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await cloud.counts()).toEqual(before);
    // The command line reads the same code with administrator access.
    const cli = await bootstrapCli('code');
    const code = await consoleCode();
    expect(cli.stdout).toContain(code);
    await expect(ok('community', { action: 'claimFirstStaff', code: code.toLowerCase() }, FIRST)).resolves.toEqual({
      appointed: true,
    });
    expect(await call('community', { action: 'firstStaffStatus' }, FIRST)).toEqual({
      ok: true,
      data: { needed: false },
    });
    await signUp('o-latecomer', '晚来者', '17600009002');
    expect(await call('community', { action: 'claimFirstStaff', code }, 'o-latecomer')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});

describe('the community register', () => {
  it('refuses the import to anyone but staff, and malformed input, writing nothing', async () => {
    const before = await cloud.counts();
    expect(
      await call('community', { action: 'importRegister', fileID: 'cloud://x/y.xlsx', apply: true }, 'o-latecomer'),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const event of [
      { action: 'importRegister', apply: true },
      { action: 'importRegister', fileID: 'http://example.com/a.xlsx', apply: true },
      { action: 'importRegister', fileID: 'cloud://x/y.xlsx', apply: 'yes' },
    ]) {
      expect(await call('community', event, FIRST)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await cloud.counts()).toEqual(before);
  });

  it('reports every bad line of a register with errors, and creates nothing, from the page and the command line', async () => {
    const before = await cloud.counts();
    const fileID = await upload(FIRST, 'bad.xlsx');
    const { badLines } = sampleWithErrors();
    for (const apply of [false, true]) {
      const summary = await ok<RegisterSummary>('community', { action: 'importRegister', fileID, apply }, FIRST);
      expect(summary.applied).toBe(false);
      const reported: Record<string, number[]> = {};
      for (const error of summary.errors) (reported[error.sheet] ??= []).push(error.line);
      expect(reported).toEqual(badLines);
    }
    const cli = await bootstrapCli('import', join(files, 'bad.xlsx'), '--apply');
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`房屋 第${badLines['房屋']![0]}行`);
    expect(cli.stdout).toContain('未导入任何数据');
    const after = await cloud.counts();
    // Only the uploaded file's own record, none of the register.
    expect({ ...after }).toEqual({ ...before });
  });

  it('dry-runs, then imports the sample register once, however often it is imported', async () => {
    const fileID = await upload(FIRST, 'sample.xlsx');
    const dry = await ok<RegisterSummary>('community', { action: 'importRegister', fileID, apply: false }, FIRST);
    expect(dry).toMatchObject({
      applied: false,
      errors: [],
      buildings: { total: 4, new: 4 },
      households: { total: SAMPLE_HOUSEHOLDS, new: SAMPLE_HOUSEHOLDS },
      teams: { total: 3, new: 3 },
    });
    expect((await cloud.counts()).households).toBe(0);
    const applied = await ok<RegisterSummary>('community', { action: 'importRegister', fileID, apply: true }, FIRST);
    expect(applied.applied).toBe(true);
    const counts = await cloud.counts();
    expect(counts).toMatchObject({ buildings: 4, households: SAMPLE_HOUSEHOLDS, volunteer_teams: 3 });
    expect(counts.residents).toBe(2 + dry.people.total);
    const again = await ok<RegisterSummary>('community', { action: 'importRegister', fileID, apply: true }, FIRST);
    expect(again).toMatchObject({
      buildings: { new: 0 },
      households: { new: 0 },
      people: { new: 0 },
      teams: { new: 0 },
    });
    const cli = await bootstrapCli('import', join(files, 'sample.xlsx'), '--apply');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`房间 ${SAMPLE_HOUSEHOLDS}（新增 0）`);
    expect(await cloud.counts()).toEqual(counts);
  });

  it('gives the Party posts to the people the register names', async () => {
    const [rooms] = sampleRegister();
    const secretaryRow = rooms!.rows.find((row) => row[0] === '1' && row[3])!;
    const id = registeredPersonIdOf(
      { buildingNo: 1, unitNo: Number(secretaryRow[1]), room: secretaryRow[2]! },
      secretaryRow[3]!,
    );
    const { data } = await cloud.db().collection('residents').doc(id).get();
    expect((data[0] as { roles: unknown[] }).roles).toEqual(
      expect.arrayContaining([{ kind: 'branch_secretary', buildingNo: 1 }, { kind: 'party_member' }]),
    );
    const building = (await cloud.db().collection('buildings').doc('b01').get()).data[0] as { secretaryId?: string };
    expect(building.secretaryId).toBe(id);
  });
});

describe('a working community', () => {
  it('lets a new resident join a room of the register, be verified by staff and read the staff’s notice', async () => {
    await signUp(NEIGHBOUR, '新邻居', '17600009003');
    expect((await ok<{ no: number }[]>('user', { action: 'listBuildings' }, NEIGHBOUR)).map((b) => b.no)).toEqual([
      1, 2, 3, 4,
    ]);
    await ok('user', { action: 'requestBinding', buildingNo: 2, unitNo: 1, room: '302' }, NEIGHBOUR);
    const queue = await ok<{ items: { residentId: string }[] }>('community', { action: 'bindingQueue' }, FIRST);
    const request = queue.items[0]!;
    await ok('community', { action: 'decideBinding', residentId: request.residentId, decision: 'verify' }, FIRST);
    const { id } = await ok<{ id: string }>(
      'notice',
      {
        action: 'publish',
        scope: { kind: 'buildings', buildingNos: [2] },
        title: '2号楼电梯年检',
        body: '周五上午电梯年检，请走楼梯。',
        images: [],
        attachments: [],
        pinned: false,
        urgent: false,
      },
      FIRST,
    );
    const feed = await ok<{ items: { id: string }[] }>('notice', { action: 'feed' }, NEIGHBOUR);
    expect(feed.items.map((item) => item.id)).toContain(id);
  });
});
