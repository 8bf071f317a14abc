/**
 * @module bench/latency
 * Question latency of several systems, interleaved question by question: each question is put to
 * every probe in turn, the order rotating from one question to the next, so a burst of load from
 * elsewhere on a shared machine hits every system alike and none always runs on caches another warmed.
 */
import { summarise, type LatencySummary } from './stats.js';
import { roundSummary, timed } from './timing.js';

/** One timed call per question. */
export interface Probe {
  /** Key of its summary in the result. */
  name: string;
  call(question: string): Promise<unknown>;
}

/** Options of {@link interleavedLatency}. */
export interface LatencyOptions {
  /** Times each question is put to each probe. */
  repeat: number;
  /** Progress lines (one per round). */
  say?: (message: string) => void;
}

/** The probes in the order they run for the `turn`-th question: rotated by `turn`. */
export function rotation<T>(items: readonly T[], turn: number): T[] {
  if (!items.length) return [];
  const k = turn % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * Put every question to every probe once untimed (warm-up: lazy loads, JIT, caches), then `repeat`
 * timed rounds, interleaved. Returns each probe's latency summary (ms), keyed by its name.
 */
export async function interleavedLatency(questions: readonly string[], probes: readonly Probe[], options: LatencyOptions): Promise<Record<string, LatencySummary>> {
  for (const q of questions) for (const p of probes) await p.call(q);
  const samples = new Map<string, number[]>(probes.map((p) => [p.name, []]));
  let turn = 0;
  for (let r = 0; r < options.repeat; r++) {
    options.say?.(`asking ${questions.length} questions, round ${r + 1}/${options.repeat}`);
    for (const q of questions) {
      for (const p of rotation(probes, turn++)) samples.get(p.name)!.push((await timed(() => p.call(q))).ms);
    }
  }
  return Object.fromEntries([...samples].map(([name, s]) => [name, roundSummary(summarise(s))]));
}
