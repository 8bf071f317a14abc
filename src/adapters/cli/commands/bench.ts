/**
 * @module adapters/cli/commands/bench
 * `quotebot bench [--json] [--repeat N] [--questions FILE] [--no-fetch]`: the default model's fetch, and
 * for the model and for LSA a full index build, an update after one changed file, start-up and question
 * latency, plus the naive hybrid recipe with the same model, in one process. Results on stdout (a table,
 * or one JSON object with `--json`); progress and logs on stderr. `EMBEDDINGS=lsa` skips every model section.
 */
import { wholeNumber } from '../options.js';
import type { CliCommand } from '../context.js';

/** Parse `--repeat`: a whole number from 1 to 100. */
export function parseRepeat(value: string): number {
  return wholeNumber('--repeat', value, 1, 100);
}

/** The `bench` command. */
export const command = {
  register(program, ctx) {
    program
      .command('bench')
      .description('benchmark the model fetch, index build, update, start-up and question latency (model vs LSA vs a naive hybrid baseline)')
      .option('--json', 'print every figure as one JSON object')
      .option('--repeat <n>', 'times each question is asked of each system (and the corpus parsed, each index started)', '5')
      .option('--questions <file>', 'JSONL question set', 'test/eval/dev.jsonl')
      .option('--no-fetch', 'skip timing a fetch of the model into an empty cache (it downloads ~105 MB)')
      .action(async (opts: { json?: boolean; repeat: string; questions: string; fetch: boolean }) => {
        const repeat = parseRepeat(opts.repeat);
        const [{ runBench }, { formatBenchReport }] = await Promise.all([import('../../../bench/run.js'), import('../../../bench/format.js')]);
        const report = await runBench(
          { repeat, questionsFile: opts.questions, fetch: opts.fetch },
          { config: ctx.config(), logger: ctx.logger(), progress: (m) => ctx.err(`bench: ${m}`) },
        );
        ctx.out(opts.json ? JSON.stringify(report) : formatBenchReport(report));
      });
  },
} satisfies CliCommand;
