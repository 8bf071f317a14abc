/**
 * @module adapters/cli/progress
 * The embedding progress display: a bar on an interactive stderr, a log line otherwise.
 */
import cliProgress from 'cli-progress';
import type { BuildProgress } from '../../core/index/store.js';
import type { Logger } from '../../core/logger.js';

/** A BuildProgress writing to stderr (never stdout, which carries `--json` output). */
export function stderrProgress(logger: Logger): BuildProgress {
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(total, label) {
      if (process.stderr.isTTY) {
        bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: `${label} {bar} {value}/{total} sentences ({eta}s left)`, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      } else logger.info(`${label} ${total} sentences…`);
    },
    tick(n) {
      bar?.increment(n);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
