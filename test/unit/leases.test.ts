/** The lease after which a timer may repair what an invocation left: longer than any function may run. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEAD_AFTER_MS, leftByTheDead } from '../../cloudfunctions/shared/leases';

const FUNCTIONS = join(__dirname, '..', '..', 'cloudfunctions');

describe('DEAD_AFTER_MS', () => {
  it('outlasts every function’s timeout (config.json; CloudBase’s default 3 s when none)', () => {
    const timeouts = readdirSync(FUNCTIONS)
      .filter((name) => existsSync(join(FUNCTIONS, name, 'config.json')))
      .map((name) => {
        const config = JSON.parse(readFileSync(join(FUNCTIONS, name, 'config.json'), 'utf8')) as { timeout?: number };
        return { name, ms: (config.timeout ?? 3) * 1000 };
      });
    expect(timeouts.length).toBeGreaterThanOrEqual(13);
    for (const { name, ms } of timeouts)
      expect({ name, outlasted: DEAD_AFTER_MS > ms }).toEqual({ name, outlasted: true });
  });

  it('tells a mark left by the dead from one still in hand', () => {
    const at = new Date('2026-11-26T02:00:00.000Z');
    expect(leftByTheDead(at, new Date(at.getTime() + DEAD_AFTER_MS - 1))).toBe(false);
    expect(leftByTheDead(at, new Date(at.getTime() + DEAD_AFTER_MS))).toBe(true);
    expect(leftByTheDead(undefined, at)).toBe(false);
  });
});
