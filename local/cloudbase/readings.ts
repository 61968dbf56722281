/**
 * Behaviours of the real service that are uncertain (the documentation does not settle
 * them, and they have changed between versions). The stand-in can follow either reading,
 * so code can be tested under both and production cannot surprise it whichever it is.
 * The smoke checks (scripts/smoke/checks/conformance.ts) ask a live environment which
 * reading it follows.
 *
 * Defaults are what the SDK vendor's own test suite (run against the real service)
 * expects. For a whole test run, set them from the environment:
 *
 *   CS_STANDIN_UPDATED=matched|modified      CS_STANDIN_TXN_QUERIES=allowed|refused
 */

export interface Readings {
  /**
   * What `updated` counts: documents the condition `matched` (an update that changes
   * nothing still counts 1), or documents actually `modified` (MongoDB's nModified).
   */
  updated: 'matched' | 'modified';
  /**
   * WHERE reads (`get`, `count`) and `updateAndReturn` carrying a transactionId: `allowed`
   * (they run inside the transaction, on its snapshot), or `refused` with INVALID_PARAM
   * (only single-document operations in a transaction).
   */
  txnQueries: 'allowed' | 'refused';
}

export const DEFAULT_READINGS: Readings = { updated: 'matched', txnQueries: 'allowed' };

const CHOICES: { [K in keyof Readings]: { env: string; values: readonly Readings[K][] } } = {
  updated: { env: 'CS_STANDIN_UPDATED', values: ['matched', 'modified'] },
  txnQueries: { env: 'CS_STANDIN_TXN_QUERIES', values: ['allowed', 'refused'] },
};

function pick<K extends keyof Readings>(key: K, given: Readings[K] | undefined, env: NodeJS.ProcessEnv): Readings[K] {
  const { env: name, values } = CHOICES[key];
  const value = given ?? env[name];
  if (value === undefined || value === '') return DEFAULT_READINGS[key];
  if (!(values as readonly string[]).includes(value)) {
    throw new Error(`stand-in reading ${key} must be one of ${values.join(' | ')} (${name}), not ${value}`);
  }
  return value as Readings[K];
}

/** The readings in force: explicit options win, then the environment, then the defaults. */
export function resolveReadings(given: Partial<Readings> = {}, env: NodeJS.ProcessEnv = process.env): Readings {
  return { updated: pick('updated', given.updated, env), txnQueries: pick('txnQueries', given.txnQueries, env) };
}
