/** Percentiles over latency samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** What the stand-in counted for one invocation (InvocationResult's two counts). */
export interface Trips {
  roundTrips: number;
  /** Those of them its push fan-outs made (included in roundTrips). */
  fanoutRoundTrips?: number;
}

/** An invocation's round trips as the table shows them: the action's own, its fan-out's apart. */
export function tripsLabel({ roundTrips, fanoutRoundTrips = 0 }: Trips): string {
  return fanoutRoundTrips ? `${roundTrips - fanoutRoundTrips} + ${fanoutRoundTrips} fan-out` : String(roundTrips);
}

/** The distinct counts of many invocations, fewest first, e.g. `5/6` or `4 + 6 fan-out`. */
export function tripsLabels(samples: readonly Trips[]): string {
  const byLabel = new Map<string, number>();
  for (const sample of samples) byLabel.set(tripsLabel(sample), sample.roundTrips);
  return [...byLabel]
    .sort((a, b) => a[1] - b[1])
    .map(([label]) => label)
    .join('/');
}
