/**
 * @module adapters/cli/commands/bench
 * `quotebot bench [--json] [--repeat N] [--questions FILE]`: parsing throughput, index build time and
 * memory, and question latency of quotebot against the naive hybrid recipe, in one process. Results on
 * stdout (a table, or one JSON object with `--json`); progress on stderr.
 */
import { wholeNumber } from '../options.js';
import type { CliCommand } from '../context.js';

/** Parse `--repeat`: a whole number from 1 to 100. */
export function parseRepeat(value: string): number {
  return wholeNumber('--repeat', value, 1, 100);
}

export const command = {
  register(program, ctx) {
    program
      .command('bench')
      .description('benchmark parsing, index building and question latency against a naive hybrid baseline')
      .option('--json', 'print every figure as one JSON object')
      .option('--repeat <n>', 'times each question is asked of each system (and the corpus parsed)', '5')
      .option('--questions <file>', 'JSONL question set', 'test/eval/dev.jsonl')
      .action(async (opts: { json?: boolean; repeat: string; questions: string }) => {
        const repeat = parseRepeat(opts.repeat);
        const [{ runBench }, { formatBenchReport }] = await Promise.all([import('../../../bench/run.js'), import('../../../bench/format.js')]);
        const report = await runBench(
          { repeat, questionsFile: opts.questions },
          { config: ctx.config(), logger: ctx.logger(), progress: (m) => ctx.err(`bench: ${m}`) },
        );
        ctx.out(opts.json ? JSON.stringify(report) : formatBenchReport(report));
      });
  },
} satisfies CliCommand;
