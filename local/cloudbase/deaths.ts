/**
 * Instance deaths a test injects: "this invocation dies after its Nth round trip". The
 * stand-in serves the invocation's first N requests (database, storage, open API) and
 * never answers a later one; as soon as none of the first N is still being served, it
 * calls the death (the runner ends the invocation's thread, as a platform kills an
 * instance), and only then drops the held request. So nothing the function would do after
 * its Nth round trip reaches the service, and no code of it runs on an answer it never got.
 */
interface Rule {
  after: number;
  /** Requests admitted and not yet answered. */
  inFlight: number;
  /** A request past the last served one arrived: the death is due once `inFlight` is 0. */
  due: boolean;
  /** Settles once the instance is dead. */
  death?: Promise<void>;
  die: () => Promise<void> | void;
  /** Held requests, dropped once the instance is dead. */
  held: (() => void)[];
}

export class Deaths {
  private readonly rules = new Map<string, Rule>();

  /** Arms a death; returns the disarm (call it when the invocation ended by itself). */
  arm(invocationId: string, afterRoundTrips: number, die: () => Promise<void> | void): () => void {
    if (!Number.isInteger(afterRoundTrips) || afterRoundTrips < 0) {
      throw new Error(`dieAfter: a whole number of round trips, not ${afterRoundTrips}`);
    }
    const rule: Rule = { after: afterRoundTrips, inFlight: 0, due: false, die, held: [] };
    this.rules.set(invocationId, rule);
    const release = (): void => {
      if (this.rules.get(invocationId) === rule) this.rules.delete(invocationId);
      for (const drop of rule.held.splice(0)) drop();
    };
    // The invocation fails as soon as its thread is being ended; the rule stays until the
    // thread is gone, so a request its SDK resends on the dropped connection is held too.
    return () => {
      if (rule.death) void rule.death.then(release);
      else release();
    };
  }

  /**
   * A request of `invocationId` arrived as its `ordinal`-th round trip: true to serve it;
   * false to hold it (`drop` is called once the instance is dead).
   */
  admit(invocationId: string | undefined, ordinal: number, drop: () => void): boolean {
    const rule = invocationId ? this.rules.get(invocationId) : undefined;
    if (!rule) return true;
    if (!rule.due && ordinal <= rule.after) {
      rule.inFlight++;
      return true;
    }
    rule.due = true;
    if (rule.death) void rule.death.then(drop);
    else rule.held.push(drop);
    this.dieIfDue(rule);
    return false;
  }

  /** A served request of `invocationId` has been answered. */
  answered(invocationId: string | undefined): void {
    const rule = invocationId ? this.rules.get(invocationId) : undefined;
    if (!rule) return;
    rule.inFlight--;
    this.dieIfDue(rule);
  }

  private dieIfDue(rule: Rule): void {
    if (!rule.due || rule.death || rule.inFlight > 0) return;
    rule.death = Promise.resolve()
      .then(() => rule.die())
      .catch(() => undefined);
    void rule.death.then(() => {
      for (const drop of rule.held.splice(0)) drop();
    });
  }
}
