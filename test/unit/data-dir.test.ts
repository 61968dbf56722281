/**
 * npm start's data dir keeps the demo alive (local/data-dir.ts): a demo seeded within a
 * week stays; an older one (or one of unknown age) is moved aside, never deleted, and a
 * fresh one is seeded, with one line saying where the old one went; CS_KEEP_DATA keeps it
 * and says how to reseed; npm run reset deletes.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markSeeded, prepareDataDir, seedDayOf } from '../../local/data-dir';

const SEEDED = new Date('2027-12-31T23:30:00+08:00');
const days = (n: number) => new Date(SEEDED.getTime() + n * 24 * 3600_000);

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cs-data-dir-'));
  dir = join(root, '.data');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A data dir as npm start leaves it: a database, a file a user uploaded, the marker. */
function seededDir(marker = true): void {
  mkdirSync(join(dir, 'files'), { recursive: true });
  writeFileSync(join(dir, 'cloudbase.sqlite'), 'db');
  writeFileSync(join(dir, 'files', 'upload'), 'a user’s photo');
  if (marker) markSeeded(dir, SEEDED);
}

it('seeds an empty place', () => {
  expect(prepareDataDir(dir, SEEDED, { reset: false, keep: false })).toEqual({ fresh: true });
  expect(seedDayOf(dir)).toBeUndefined();
});

it('records the seed day in Shanghai and keeps a demo up to a week old', () => {
  seededDir();
  expect(seedDayOf(dir)).toBe('2027-12-31');
  expect(prepareDataDir(dir, days(7), { reset: false, keep: false })).toEqual({ fresh: false });
  expect(readFileSync(join(dir, 'files', 'upload'), 'utf8')).toBe('a user’s photo');
});

it('moves an older demo aside, whole, and asks for a fresh one, saying where the old one is', () => {
  seededDir();
  const prepared = prepareDataDir(dir, days(8), { reset: false, keep: false });
  expect(prepared.fresh).toBe(true);
  const aside = `${dir}.seeded-2027-12-31`;
  expect(prepared.notice).toContain(aside);
  expect(prepared.notice).toContain('2028-01-08');
  expect(existsSync(dir)).toBe(false);
  expect(readFileSync(join(aside, 'files', 'upload'), 'utf8')).toBe('a user’s photo');
  // A second old demo of the same day does not overwrite the first.
  seededDir();
  expect(prepareDataDir(dir, days(30), { reset: false, keep: false }).notice).toContain(`${aside}-2`);
  expect(readdirSync(root).sort()).toEqual(['.data.seeded-2027-12-31', '.data.seeded-2027-12-31-2']);
});

it('treats a demo seeded for a day more than a week ahead (another CS_NOW) as old too', () => {
  seededDir();
  expect(prepareDataDir(dir, days(-9), { reset: false, keep: false }).fresh).toBe(true);
});

it('moves aside a data dir without a record of its seed day', () => {
  seededDir(false);
  const prepared = prepareDataDir(dir, SEEDED, { reset: false, keep: false });
  expect(prepared).toMatchObject({ fresh: true, notice: expect.stringContaining(`${dir}.seeded-earlier`) });
});

it('keeps an old demo when asked, and says how to reseed', () => {
  seededDir();
  const prepared = prepareDataDir(dir, days(20), { reset: false, keep: true });
  expect(prepared).toEqual({ fresh: false, notice: expect.stringContaining('npm run reset') });
  expect(existsSync(join(dir, 'cloudbase.sqlite'))).toBe(true);
});

it('deletes the dir on reset', () => {
  seededDir();
  expect(prepareDataDir(dir, days(1), { reset: true, keep: false })).toEqual({ fresh: true });
  expect(existsSync(dir)).toBe(false);
  expect(readdirSync(root)).toEqual([]);
});
