/**
 * @module adapters/shared/limiter
 * A cap on concurrent work (the chat adapters' `core.ask` calls), so memory stays flat under bursts.
 */

/** Runs `task` once a slot is free; resolves or rejects with the task's outcome. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Questions answered at once by a chat adapter unless configured otherwise. */
export const DEFAULT_CONCURRENCY = 8;

/** At most `n` tasks run at once; the others queue in arrival order. */
export function createLimiter(n: number): Limiter {
  let running = 0;
  const queue: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next waiter, so `running` never exceeds n.
    if (running >= n) await new Promise<void>((resolve) => queue.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const waiter = queue.shift();
      if (waiter) waiter();
      else running -= 1;
    }
  };
}
