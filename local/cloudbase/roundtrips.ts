/**
 * Round-trip accounting. The function runner sets TCB_SEQID=<invocationId>, and node-sdk
 * then sends `?seqId=<invocationId>-<eventId>` on every admin request, so the part before
 * the first '-' attributes a request to the invocation that made it.
 */
export class RoundTrips {
  private readonly perInvocation = new Map<string, number>();
  private total = 0;

  /** Counts one request; `seqId` may be missing (tools, raw HTTP). */
  count(seqId: string | null | undefined): void {
    this.total++;
    if (!seqId) return;
    const invocation = seqId.split('-')[0] ?? seqId;
    this.perInvocation.set(invocation, (this.perInvocation.get(invocation) ?? 0) + 1);
  }

  of(invocationId: string): number {
    return this.perInvocation.get(invocationId) ?? 0;
  }

  totalRequests(): number {
    return this.total;
  }
}
