/**
 * @module adapters/cli/commands/ask
 * `quotebot ask "question" [--k 5] [--doc FILE] [--style oscola|bluebook|apa] [--json]` answers one
 * question; `quotebot ask --batch FILE.jsonl` answers one question per line and writes one JSON line
 * per input line, in order. Answers and JSON go to stdout; everything else to stderr.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { isQuotebotError, QuotebotError, type ErrorCode } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { Answer, AskRequest, CitationStyle, Core } from '../../../core/types.js';
import { MESSAGES } from '../../shared/messages.js';
import { wholeNumber } from '../options.js';
import { MAX_K } from '../../../core/types.js';
import type { RankingOverrides } from '../../../core/ranking-options.js';
import type { CliCommand, CliContext } from '../context.js';
import { colorEnabled, renderAnswer, terminalWidth } from '../render.js';

/** The citation styles a user may ask for. */
export const STYLES: readonly CitationStyle[] = ['oscola', 'bluebook', 'apa'];
/** Bounds of `--k`. */
export const K_MIN = 1;
export const K_MAX = MAX_K;

/** Parse `--k`: an integer from 1 to 20, or undefined when not given. */
export function parseK(raw: string | number | undefined): number | undefined {
  return raw === undefined ? undefined : wholeNumber('--k', raw, K_MIN, K_MAX);
}

/** Parse a citation style name (case-insensitive), or undefined when not given. */
export function parseStyle(raw: string | undefined): CitationStyle | undefined {
  if (raw === undefined) return undefined;
  const style = raw.trim().toLowerCase();
  if (!(STYLES as readonly string[]).includes(style)) {
    throw new QuotebotError('BAD_INPUT', `unknown citation style "${raw}"`, { hint: `use one of: ${STYLES.join(', ')}` });
  }
  return style as CitationStyle;
}

/** One line of a batch file, as understood. */
export type BatchLine =
  | { ok: true; id: string | number; question: string }
  | { ok: false; id: string | number | null; error: string };

/** Read one batch line: a JSON object with an `id` (string or number) and a non-empty `question`; other fields are ignored. */
export function parseBatchLine(raw: string): BatchLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return { ok: false, id: null, error: `not valid JSON: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: null, error: 'expected a JSON object with "id" and "question"' };
  }
  const { id, question } = value as { id?: unknown; question?: unknown };
  const validId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
  if (validId === null) return { ok: false, id: null, error: 'missing "id" (a string or a number)' };
  if (typeof question !== 'string' || !question.trim()) {
    return { ok: false, id: validId, error: 'missing "question" (a non-empty string)' };
  }
  return { ok: true, id: validId, question: question.trim() };
}

/** Failures that no later line can escape (the index or setup is broken): a batch stops on them. */
const FATAL: readonly ErrorCode[] = ['CONFIG_INVALID', 'NO_CORPUS', 'INDEX_UNREADABLE', 'INDEX_STALE', 'DEPENDENCY_MISSING'];

export interface BatchOptions {
  core: Pick<Core, 'ask'>;
  /** The file's lines, in order. */
  lines: AsyncIterable<string> | Iterable<string>;
  /** Receives each output line (one JSON document, no newline). */
  write(line: string): void;
  /** Applied to every question (`--k`, `--doc`, `--style`). */
  request?: Omit<AskRequest, 'question'>;
  logger?: Logger;
}

export interface BatchResult {
  /** Questions read (blank lines excluded). */
  total: number;
  /** Lines that produced `{ id, error }`. */
  failed: number;
}

/** The JSON line for an answer: the input's `id` first; the core's own answer id, if any, kept as `answerId`. */
function answerLine(id: string | number, answer: Answer): string {
  const { id: answerId, ...rest } = answer;
  return JSON.stringify({ id, ...(answerId !== undefined ? { answerId } : {}), ...rest });
}

/**
 * Answer every line of a batch in order. A bad line or a failed question yields `{ id, error }` and
 * the batch goes on; a setup failure (broken index or config) is rethrown, since every later line
 * would fail the same way.
 */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const result: BatchResult = { total: 0, failed: 0 };
  let lineNo = 0;
  for await (const raw of options.lines) {
    lineNo++;
    if (!raw.trim()) continue;
    result.total++;
    const line = parseBatchLine(raw);
    if (!line.ok) {
      result.failed++;
      options.write(JSON.stringify({ id: line.id, error: `line ${lineNo}: ${line.error}` }));
      continue;
    }
    try {
      const answer = await options.core.ask({ ...options.request, question: line.question });
      options.write(answerLine(line.id, answer));
    } catch (e) {
      if (isQuotebotError(e) && FATAL.includes(e.code)) throw e;
      result.failed++;
      options.logger?.warn({ err: e, id: line.id }, 'batch question failed');
      const message = e instanceof Error ? e.message : String(e);
      options.write(JSON.stringify({ id: line.id, error: message, ...(isQuotebotError(e) ? { code: e.code } : {}) }));
    }
  }
  return result;
}

/** Fail early, before the index loads, when the batch file cannot be read. */
async function checkReadable(file: string): Promise<void> {
  if (file === '-') return;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    throw new QuotebotError('BAD_INPUT', `cannot read batch file ${file}`, {
      hint: 'give a JSONL file with one {"id": …, "question": "…"} per line, or - for stdin',
    });
  }
}

/**
 * The lines of a file (or of stdin for `-`). Created only when they are about to be consumed:
 * readline emits lines as soon as the stream flows, and lines emitted before anyone iterates are lost.
 */
function readLines(file: string): AsyncIterable<string> {
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  return createInterface({ input, crlfDelay: Infinity });
}

/** The production core (loaded only when a command needs it, so `--help` never touches the index). */
export async function openProductionCore(ctx: CliContext, ranking?: RankingOverrides): Promise<Core> {
  const config = ctx.config();
  const { openCore } = await import('../../../compose.js');
  return openCore(config, ctx.logger(), undefined, ranking);
}

interface AskFlags {
  k?: string;
  doc?: string;
  style?: string;
  json?: boolean;
  batch?: string;
}

function requestFrom(flags: AskFlags): Omit<AskRequest, 'question'> {
  const k = parseK(flags.k);
  const style = parseStyle(flags.style);
  if (flags.doc !== undefined && !flags.doc.trim()) {
    throw new QuotebotError('BAD_INPUT', '--doc needs a file name', {
      hint: 'run `npx quotebot index --list` to see document names',
    });
  }
  return { ...(k ? { k } : {}), ...(style ? { style } : {}), ...(flags.doc ? { doc: flags.doc.trim() } : {}) };
}

/** Where `ask --batch` writes: JSON lines to `out`, notes to `err`. */
export interface BatchIo {
  out(text: string): void;
  err(text: string): void;
  logger?: Logger;
}

/**
 * `ask --batch FILE`: check the file, open the core, then answer every line. Returns the exit code:
 * 1 when any line failed, else 0.
 */
export async function askBatch(
  io: BatchIo,
  file: string,
  request: Omit<AskRequest, 'question'>,
  open: () => Promise<Pick<Core, 'ask'>>,
): Promise<number> {
  await checkReadable(file);
  const core = await open();
  io.err(MESSAGES.loading);
  const r = await runBatch({ core, lines: readLines(file), request, write: (line) => io.out(line), logger: io.logger });
  io.err(`Answered ${r.total - r.failed} of ${r.total} questions${r.failed ? `; ${r.failed} failed` : ''}.`);
  return r.failed ? 1 : 0;
}

async function askOne(ctx: CliContext, question: string, request: Omit<AskRequest, 'question'>, json: boolean): Promise<void> {
  const core = await openProductionCore(ctx);
  ctx.err(MESSAGES.loading);
  const answer = await core.ask({ ...request, question });
  if (json) return ctx.out(JSON.stringify(answer));
  const stdout = process.stdout;
  ctx.out(renderAnswer(answer, { color: colorEnabled(stdout), width: terminalWidth(stdout.isTTY ? stdout.columns : undefined) }));
}

export const command = {
  register(program: Command, ctx) {
    program
      .command('ask')
      .description('answer one question with verbatim quotes and citations, or a JSONL file of them with --batch')
      .argument('[question...]', 'the question (quote it in the shell)')
      .option('--k <n>', `how many quotes (${K_MIN}-${K_MAX}; default 5)`)
      .option('--doc <file>', 'search only this document (file name or path)')
      .option('--style <style>', `citation style: ${STYLES.join(', ')} (default from QUOTEBOT_CITATION_STYLE)`)
      .option('--json', 'print the answer as JSON on stdout')
      .option('--batch <file>', 'answer each {"id", "question"} line of a JSONL file (- for stdin); writes JSON lines')
      .action(async (words: string[], flags: AskFlags) => {
        const request = requestFrom(flags);
        const question = words.join(' ').trim();
        if (flags.batch !== undefined) {
          if (question) throw new QuotebotError('BAD_INPUT', 'give either a question or --batch FILE, not both');
          const io = { out: ctx.out, err: ctx.err, logger: ctx.logger() };
          if ((await askBatch(io, flags.batch, request, () => openProductionCore(ctx))) !== 0) process.exitCode = 1;
          return;
        }
        if (!question) {
          throw new QuotebotError('BAD_INPUT', 'ask needs a question', {
            hint: 'quotebot ask "your question in plain words"  (or --batch FILE.jsonl)',
          });
        }
        return askOne(ctx, question, request, Boolean(flags.json));
      });
  },
} satisfies CliCommand;
