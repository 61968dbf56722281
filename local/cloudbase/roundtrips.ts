/**
 * Per-invocation accounting. The function runner sets TCB_SEQID=<invocationId>, and node-sdk
 * then sends `?seqId=<invocationId>-<eventId>` on every admin request, so the part before
 * the first '-' attributes a request to the invocation that made it. Besides the round
 * trips, the ledger records which invocations changed something (a committed database
 * write, a stored or deleted file, a sent subscribe message, a queued media check), so a
 * test can prove an action read-only. A request whose seqId carries `-fanout-` after the
 * invocation (`<invocationId>-fanout-<eventId>`, shared/cloud.ts asFanout) was made by a
 * push's fan-out: it counts for the invocation as any other, and is also counted apart, so
 * an action's own round trips can be told from its fan-out's.
 */
export function invocationOf(seqId: string | null | undefined): string | undefined {
  if (!seqId) return undefined;
  return seqId.split('-')[0] || seqId;
}

function isFanout(seqId: string | null | undefined): boolean {
  return seqId?.split('-')[1] === 'fanout';
}

export class RoundTrips {
  private readonly perInvocation = new Map<string, number>();
  private readonly fanoutPerInvocation = new Map<string, number>();
  private readonly writesBy = new Map<string, number[]>();
  private total = 0;

  /** Counts one request; `seqId` may be missing (tools, raw HTTP). Answers the request's ordinal in its invocation. */
  count(seqId: string | null | undefined): number {
    this.total++;
    const invocation = invocationOf(seqId);
    if (!invocation) return 0;
    const ordinal = (this.perInvocation.get(invocation) ?? 0) + 1;
    this.perInvocation.set(invocation, ordinal);
    if (isFanout(seqId)) this.fanoutPerInvocation.set(invocation, (this.fanoutPerInvocation.get(invocation) ?? 0) + 1);
    return ordinal;
  }

  of(invocationId: string): number {
    return this.perInvocation.get(invocationId) ?? 0;
  }

  /** Those of the invocation's round trips its fan-outs made (included in `of`). */
  fanoutOf(invocationId: string): number {
    return this.fanoutPerInvocation.get(invocationId) ?? 0;
  }

  /** Records that a request of this invocation (its `ordinal`-th round trip) changed state. */
  wrote(seqId: string | null | undefined, ordinal: number): void {
    const invocation = invocationOf(seqId);
    if (!invocation) return;
    const ordinals = this.writesBy.get(invocation) ?? [];
    if (!ordinals.includes(ordinal)) ordinals.push(ordinal);
    this.writesBy.set(invocation, ordinals);
  }

  /** Requests of this invocation that changed state (0: it only read). */
  writesOf(invocationId: string): number {
    return this.writesBy.get(invocationId)?.length ?? 0;
  }

  /** Which of this invocation's round trips (1-based, in arrival order) changed state. */
  writingRoundTrips(invocationId: string): number[] {
    return [...(this.writesBy.get(invocationId) ?? [])].sort((a, b) => a - b);
  }

  totalRequests(): number {
    return this.total;
  }
}
