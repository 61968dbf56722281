/**
 * What the bench measures. Each scenario calls one action as a given demo user, `runs`
 * times in sequence, or `concurrency` calls at once for race scenarios. Features add
 * their entries here.
 */
import { DEMO } from '../../local/seed/community';

export interface Scenario {
  name: string;
  fn: string;
  event: Record<string, unknown>;
  openid: string;
  runs: number;
}

export const SCENARIOS: Scenario[] = [
  { name: 'user.login (branch secretary)', fn: 'user', event: { action: 'login' }, openid: DEMO.secretary, runs: 40 },
  {
    name: 'user.login (relative of 2 seniors)',
    fn: 'user',
    event: { action: 'login' },
    openid: DEMO.relative,
    runs: 40,
  },
  { name: 'user.login (not registered)', fn: 'user', event: { action: 'login' }, openid: 'o-bench-new', runs: 40 },
];
