/**
 * @module adapters/shared/run-until-signal
 * Keep running bots until Ctrl-C (SIGINT) or SIGTERM, then stop them all. One place for the loop
 * `npm start`, `quotebot slack` and `quotebot discord` share.
 */

/** Resolves once every bot has been stopped after the first SIGINT/SIGTERM; a failing stop() does not block the others. */
export function runUntilSignal(running: { stop(): Promise<void> }[], onStopError?: (err: unknown) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void Promise.allSettled(running.map((r) => r.stop())).then((results) => {
        for (const r of results) if (r.status === 'rejected') onStopError?.(r.reason);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
