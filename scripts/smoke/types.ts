/**
 * The real-environment smoke script asks, once, each question about CloudBase or WeChat
 * that the documentation does not settle, and prints what the environment it runs
 * against answers. In `npm test` the same checks run against the local stand-in, so they
 * cannot rot. Each module under `checks/` exports `CHECKS: SmokeCheck[]`.
 */
import type tcb from '@cloudbase/node-sdk';

export type CloudApp = ReturnType<typeof tcb.init>;

export interface SmokeContext {
  app: CloudApp;
  /** A collection created for this run (removed afterwards): checks write only here. */
  scratch: string;
  /** A unique prefix for anything else a check must create (files, documents). */
  runId: string;
  /**
   * What `app` was initialised with besides the environment (the API key against a real
   * one; nothing against the stand-in, which the process environment names), for a check
   * that makes an SDK instance of its own. `env`: absent for the current environment.
   */
  sdkOptions: { env?: string; secretId?: string; secretKey?: string };
}

export interface SmokeCheck {
  /** Short stable name, e.g. `aggregate-default-limit`. */
  name: string;
  /** The question, in one line. */
  question: string;
  /**
   * Asks it. `reading` names which of the known behaviours the service showed (e.g.
   * `matched` / `modified`), so a switchable stand-in reading can be compared to it.
   */
  run(ctx: SmokeContext): Promise<{ answer: string; reading?: string }>;
}
