/**
 * @module bench/stats
 * Order statistics for benchmark samples. Medians and percentiles, never means: on a shared, noisy
 * machine a few slow outliers (GC, another process) would move a mean but barely move a median.
 */

/**
 * The `q`-quantile (0 ≤ q ≤ 1) of `samples`, by linear interpolation between the two nearest ranks
 * (numpy's default). `NaN` for no samples. `samples` is not modified.
 */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The median of `samples` (`NaN` for none). */
export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** Latency summary of a list of durations in milliseconds. */
export interface LatencySummary {
  /** Number of timed calls. */
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

/** Summarise durations (ms) as p50 / p95 / min / max. */
export function summarise(samples: readonly number[]): LatencySummary {
  return {
    n: samples.length,
    p50: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    min: samples.length ? Math.min(...samples) : Number.NaN,
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/** `a / b`, or `null` when it is not a finite number (b = 0, missing samples). */
export function ratio(a: number, b: number): number | null {
  const r = a / b;
  return Number.isFinite(r) ? r : null;
}
