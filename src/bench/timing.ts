/**
 * @module bench/timing
 * Small helpers shared by the benchmark sections: wall-clock timing and rounding for the report.
 */
import type { LatencySummary } from './stats.js';

/** Bytes in a megabyte as the report counts them (10⁶). */
export const MB = 1e6;

/** A value and the wall time (ms) it took to produce. */
export interface Timed<T> {
  ms: number;
  value: T;
}

/** Run `fn` and measure its wall time with `performance.now()`. */
export async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** `x` rounded to `digits` decimals; non-finite numbers pass through. */
export function round(x: number, digits = 3): number {
  return Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x;
}

/** A latency summary rounded for the report (4 decimals: sub-millisecond calls stay readable). */
export function roundSummary(s: LatencySummary): LatencySummary {
  return { n: s.n, p50: round(s.p50, 4), p95: round(s.p95, 4), min: round(s.min, 4), max: round(s.max, 4) };
}

/** A ratio rounded to 2 decimals, null staying null. */
export function roundRatio(r: number | null): number | null {
  return r === null ? null : round(r, 2);
}

/** Bytes as megabytes, 1 decimal. */
export const mb = (bytes: number): number => round(bytes / MB, 1);

/** The message of an unknown error, first line only. */
export function reasonOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
