/**
 * @module bench/memory
 * Peak resident memory while some work runs. A timer samples `process.memoryUsage().rss`, but timers
 * cannot fire while synchronous code holds the event loop (fitting the LSA model is one long
 * synchronous step), so callers should also call {@link RssSampler.sample} at their own checkpoints
 * and read `process.resourceUsage().maxRSS`, the kernel's high-water mark for the whole process.
 */

/** A running RSS sampler; see {@link startRssSampler}. */
export interface RssSampler {
  /** Take one sample now (e.g. from a progress callback between batches). */
  sample(): void;
  /** Stop the timer, take a last sample and return what was seen. */
  stop(): RssPeak;
}

/** What a sampler saw, in bytes. */
export interface RssPeak {
  /** RSS when sampling started. */
  startBytes: number;
  /** Highest RSS sampled. */
  peakBytes: number;
  /** Number of samples taken (timer and manual). */
  samples: number;
}

/**
 * Start sampling RSS every `intervalMs` (the timer is unref'd, so it never keeps the process alive).
 * @param read where RSS comes from (tests pass a fake). @defaultValue `process.memoryUsage().rss`
 */
export function startRssSampler(intervalMs = 20, read: () => number = () => process.memoryUsage().rss): RssSampler {
  const startBytes = read();
  let peakBytes = startBytes;
  let samples = 1;
  const sample = () => {
    const rss = read();
    samples++;
    if (rss > peakBytes) peakBytes = rss;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      return { startBytes, peakBytes, samples };
    },
  };
}

/** The process's maximum resident set size so far, in bytes (`resourceUsage().maxRSS` is in KiB). */
export function maxRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
