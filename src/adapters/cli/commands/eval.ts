/**
 * @module adapters/cli/commands/eval
 * `quotebot eval FILE.jsonl [--json] [--k 10] [--out answers.jsonl]`: asks every question of a question set
 * through the core, scores the answers (see core/eval/metrics) and prints the report on stdout.
 */
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { QuotebotError } from '../../../core/errors.js';
import { parseRankingSettings, type RankingOverrides } from '../../../core/ranking-options.js';
import { evaluate, parseEvalItems, type EvalItem, type EvalReport } from '../../../core/eval/metrics.js';
import { formatReport } from '../../../core/eval/format.js';
import type { Answer, Core } from '../../../core/types.js';
import { wholeNumber } from '../options.js';
import { MAX_K } from '../../../core/types.js';
import type { CliCommand } from '../context.js';
import { openProductionCore } from './ask.js';

export interface EvalOptions {
  /** Path of the JSONL question set. */
  file: string;
  /** Quotes asked for per question. @defaultValue 5 */
  k?: number;
  /** Where to write every answer, one JSON line per question in question order. */
  out?: string;
}

export interface EvalDeps {
  core: Core;
  /** Directory holding the source files named in gold and in quotes (`config.corpusDir`). */
  corpusDir: string;
  /** Called after each question (progress display); never given anything for stdout. */
  onProgress?: (done: number, total: number, id: string) => void;
}

/**
 * Ask every question in order, optionally save the answers, and score them. The core's document list is
 * fetched first, so the index loads (or builds) before the clock starts and latency measures answering only.
 */
export async function runEval(options: EvalOptions, deps: EvalDeps): Promise<{ report: EvalReport; answers: Answer[] }> {
  const items = parseEvalItems(await readInput(options.file), options.file);
  const k = options.k ?? 5;
  const sink = options.out ? await openOut(options.out) : undefined;
  const answers: Answer[] = [];
  await deps.core.documents();
  try {
    for (const item of items) {
      const answer = await deps.core.ask({ question: item.question, k });
      answers.push(answer);
      await sink?.write(JSON.stringify(answer) + '\n');
      deps.onProgress?.(answers.length, items.length, item.id);
    }
  } finally {
    await sink?.close();
  }
  const sources = await loadSources(deps.corpusDir, sourceNames(items, answers));
  return { report: evaluate(items, answers, sources), answers };
}

/** Parse `--k`: a whole number from 1 to MAX_K. */
export function parseK(value: string): number {
  return wholeNumber('--k', value, 1, MAX_K);
}

export const command = {
  register(program, ctx) {
    program
      .command('eval')
      .description('Ask every question of a JSONL question set and print retrieval and quoting metrics')
      .argument('<file>', 'question set, one JSON object per line (e.g. test/eval/dev.jsonl)')
      .option('--json', 'print the report as one JSON document')
      .option('--k <n>', 'quotes to ask for per question (MRR@10 reads 10 ranks; quote_hit@5 the first 5)', '10')
      .option('--out <file>', 'also write every answer to this JSONL file')
      .option('--set <group.name=value...>', 'override ranking weights for this run (see core/ranking-options), e.g. --set fusion.vector=1.2')
      .action(async (file: string, opts: { json?: boolean; k: string; out?: string; set?: string[] }) => {
        const k = parseK(opts.k);
        const config = ctx.config();
        const core = await openProductionCore(ctx, parseSettings(opts.set ?? []));
        const tty = process.stderr.isTTY === true;
        const { report } = await runEval(
          { file, k, out: opts.out },
          {
            core,
            corpusDir: config.corpusDir,
            onProgress: tty ? (done, total, id) => void process.stderr.write(`\r\x1b[2Keval ${done}/${total} ${id}`) : undefined,
          },
        );
        if (tty) process.stderr.write('\r\x1b[2K');
        ctx.out(opts.json ? JSON.stringify(report) : formatReport(report));
        if (opts.out) ctx.err(`answers written to ${opts.out}`);
      });
  },
} satisfies CliCommand;

function parseSettings(settings: string[]): RankingOverrides {
  try {
    return parseRankingSettings(settings);
  } catch (e) {
    throw new QuotebotError('BAD_INPUT', (e as Error).message, { hint: 'names are listed in src/core/ranking-options.ts' });
  }
}

async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new QuotebotError('BAD_INPUT', `cannot read question set ${file}: ${(e as Error).message}`, {
      hint: 'pass the path of a JSONL question set, e.g. test/eval/dev.jsonl',
      cause: e,
    });
  }
}

async function openOut(file: string): Promise<{ write(s: string): Promise<unknown>; close(): Promise<void> }> {
  try {
    return await open(file, 'w');
  } catch (e) {
    throw new QuotebotError('BAD_INPUT', `cannot write answers to ${file}: ${(e as Error).message}`, {
      hint: 'check that the directory of --out exists and is writable',
      cause: e,
    });
  }
}

/** File names (no directory) named in gold and in every quote or closest passage. */
function sourceNames(items: EvalItem[], answers: Answer[]): Set<string> {
  const names = new Set(items.flatMap((it) => it.gold.map((g) => path.basename(g.file))));
  for (const a of answers) for (const q of [...a.quotes, ...a.closest]) names.add(path.basename(q.document.file));
  return names;
}

/** Read each named file from the corpus directory; unreadable ones are left out (fidelity reports them). */
async function loadSources(dir: string, names: Set<string>): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  await Promise.all(
    [...names].map(async (name) => {
      const text = await readFile(path.join(dir, name), 'utf8').catch(() => undefined);
      if (text !== undefined) sources.set(name, text);
    }),
  );
  return sources;
}
