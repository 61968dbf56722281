/**
 * jest `setupFilesAfterEnv` of the pages project: after each test file, writes the largest
 * `setData` of every page it rendered to test-output/setdata/<file>.json, the record the
 * README's numbers refer to (the 256 KB limit itself is enforced at each call).
 */
import fs from 'node:fs';
import path from 'node:path';
import { largestSetData } from '../helpers/simulate';

afterAll(() => {
  if (!largestSetData.size) return;
  const dir = path.resolve(__dirname, '../../test-output/setdata');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.basename(expect.getState().testPath ?? 'unknown', '.test.ts');
  const record = Object.fromEntries([...largestSetData].sort((a, b) => b[1] - a[1]));
  fs.writeFileSync(path.join(dir, `${file}.json`), `${JSON.stringify(record, null, 2)}\n`);
});
