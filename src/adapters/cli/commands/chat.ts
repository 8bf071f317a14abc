/**
 * @module adapters/cli/commands/chat
 * `quotebot chat`: ask questions one after another. In a terminal: a `quotebot> ` prompt with
 * history and the commands /more, /cite N, /style, /help, /quit (or Ctrl-D). With piped input:
 * one question per line, each answer printed, no prompt, exit at end of input. A failed question
 * prints the user-facing message and the chat goes on.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Command } from 'commander';
import type { Config } from '../../../config.js';
import type { Logger } from '../../../core/logger.js';
import type { Answer, CitationStyle, Core, Quote } from '../../../core/types.js';
import { isInputProblem, MESSAGES, userMessageFor } from '../../shared/messages.js';
import type { CliCommand } from '../context.js';
import { colorEnabled, renderAnswer, renderCitation, terminalWidth } from '../render.js';
import { openProductionCore, parseK, parseStyle, STYLES } from './ask.js';

export const PROMPT = 'quotebot> ';
/** Quotes per question when `k` is not given (and the step of `/more`). @defaultValue 5 */
export const DEFAULT_K = 5;

export interface ChatOptions {
  core: Pick<Core, 'ask'>;
  input: NodeJS.ReadableStream;
  /** Answers and command output. */
  output: NodeJS.WritableStream;
  /** Interactive (prompt, history, hints) when true; line-by-line and quiet when false. */
  isTTY: boolean;
  /** Citation style of the answers; `/style` changes it. @defaultValue the core's configured style */
  style?: CitationStyle;
  /** Quotes per answer and the step of `/more`. @defaultValue {@link DEFAULT_K} */
  k?: number;
  /** Restrict every question to one document. */
  doc?: string;
  /** @defaultValue isTTY and the output takes colour */
  color?: boolean;
  /** @defaultValue the output's columns (80 when unknown), at most 100 */
  width?: number;
  /** Where the loading note goes. @defaultValue process.stderr */
  errors?: NodeJS.WritableStream;
  /** Causes of failed questions are logged here. */
  logger?: Logger;
}

/** The last question and every quote shown for it so far (numbered from 1 across `/more`). */
interface LastQuestion {
  question: string;
  offset: number;
  shown: Quote[];
  status: Answer['status'];
  more?: boolean;
}

const HELP = (style: string) =>
  [
    'Ask a question in plain words. Commands:',
    '  /more          the next quotes for the last question',
    '  /cite N        the full reference of quote N, ready to paste',
    `  /style NAME    citation style: ${STYLES.join(', ')} (now: ${style})`,
    '  /help          this help',
    '  /quit          leave (or Ctrl-D)',
  ].join('\n');

/** Run the chat until `/quit` or the end of input. Never rejects because a question failed. */
export async function runChat(options: ChatOptions): Promise<void> {
  const { core, isTTY } = options;
  const out = options.output as NodeJS.WritableStream & { columns?: number; isTTY?: boolean; hasColors?: () => boolean };
  const color = options.color ?? (isTTY && colorEnabled(out));
  const width = () => options.width ?? terminalWidth(out.columns);
  const k = options.k ?? DEFAULT_K;
  let style = options.style;
  let last: LastQuestion | undefined;
  let loadingNoted = false;

  const say = (text: string) => void out.write(text.endsWith('\n') ? text : text + '\n');
  const hint = (text: string) => isTTY && say(color ? `\u001b[2m${text}\u001b[22m` : text);

  async function ask(question: string, offset: number): Promise<Answer> {
    if (!loadingNoted) {
      loadingNoted = true;
      (options.errors ?? process.stderr).write(MESSAGES.loading + '\n');
    }
    return core.ask({ question, k, offset, ...(style ? { style } : {}), ...(options.doc ? { doc: options.doc } : {}) });
  }

  function show(answer: Answer, startIndex: number): void {
    // A blank line after each answer and citation keeps piped transcripts readable.
    say(renderAnswer(answer, { color, width: width(), startIndex }) + '\n');
    if (answer.status === 'answered' && answer.more) hint('Type /more for more passages, /cite N for a full reference.');
  }

  async function question(text: string): Promise<void> {
    const answer = await ask(text, 0);
    const shown = answer.status === 'answered' ? answer.quotes : answer.closest;
    last = { question: text, offset: 0, shown: [...shown], status: answer.status, more: answer.more };
    show(answer, 1);
  }

  async function more(): Promise<void> {
    if (!last) return say('Ask a question first.');
    if (last.status === 'not_found' || last.more === false) return say(MESSAGES.noMore);
    // the next page starts after what was shown, which may be fewer than k (weak passages held back)
    const offset = last.shown.length;
    const answer = await ask(last.question, offset);
    if (answer.status !== 'answered' || answer.quotes.length === 0) {
      last.more = false;
      return say(MESSAGES.noMore);
    }
    const startIndex = last.shown.length + 1;
    last.shown.push(...answer.quotes);
    last.offset = offset;
    last.more = answer.more;
    show(answer, startIndex);
  }

  function cite(arg: string): void {
    if (!last) return say('Ask a question first.');
    const n = /^\d+$/.test(arg) ? Number(arg) : NaN;
    const quote = last.shown[n - 1];
    if (!quote) {
      const count = last.shown.length;
      return say(count ? `Usage: /cite N, where N is a quote number from 1 to ${count}.` : 'The last answer has no quotes to cite.');
    }
    say(renderCitation(quote, { color }) + '\n');
    if (style && quote.citation.style !== style) hint(`(In ${quote.citation.style}: the new style applies from the next question.)`);
  }

  function setStyle(arg: string): void {
    if (!arg) return say(`Citation style: ${style ?? 'as configured'}. Use /style ${STYLES.join('|')}.`);
    style = parseStyle(arg);
    say(`Citation style set to ${style}.`);
  }

  /** Handle one line; true when the chat should end. */
  async function handle(line: string): Promise<boolean> {
    const text = line.trim();
    if (!text) return false;
    const command = /^\/(\S+)\s*(.*)$/.exec(text);
    try {
      if (!command) await question(text);
      else {
        const [, name, arg] = command;
        switch (name.toLowerCase()) {
          case 'quit':
          case 'exit':
          case 'q':
            return true;
          case 'more':
            await more();
            break;
          case 'cite':
            cite(arg.trim());
            break;
          case 'style':
            setStyle(arg.trim());
            break;
          case 'help':
          case '?':
            say(HELP(style ?? 'as configured'));
            break;
          default:
            say(`Unknown command /${name}. Type /help for the commands.`);
        }
      }
    } catch (e) {
      if (!isInputProblem(e)) options.logger?.error({ err: e }, 'chat: answering failed');
      say(userMessageFor(e));
    }
    return false;
  }

  const rl: Interface = isTTY
    ? createInterface({ input: options.input, output: out, prompt: PROMPT, terminal: true, historySize: 200, removeHistoryDuplicates: true })
    : createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
  if (isTTY) {
    // Ctrl-C clears a half-typed line, and leaves on an empty one.
    rl.on('SIGINT', () => (rl.line ? (rl.write('', { ctrl: true, name: 'u' }), rl.prompt()) : rl.close()));
    say('Ask a question about the corpus. Type /help for commands, /quit to leave.');
    rl.prompt();
  }
  try {
    for await (const line of rl) {
      if (await handle(line)) break;
      if (isTTY) rl.prompt();
    }
  } finally {
    rl.close();
    if (isTTY) say('');
  }
}

/** What `startChat` may set beyond the configuration: `quotebot chat`'s flags. */
export interface StartChatOptions {
  /** @defaultValue the configured citation style */
  style?: CitationStyle;
  k?: number;
  doc?: string;
}

/**
 * The chat on this process's terminal (stdin/stdout; interactive when both are a TTY), as `quotebot chat`
 * and `npm start` without chat-bot tokens run it. Opens the production core unless `core` is given.
 */
export async function startChat(config: Config, logger: Logger, core?: Pick<Core, 'ask'>, options: StartChatOptions = {}): Promise<void> {
  const chatCore = core ?? (await import('../../../compose.js')).openCore(config, logger);
  const isTTY = process.stdin.isTTY === true && process.stdout.isTTY === true;
  await runChat({
    core: chatCore,
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
    isTTY,
    style: options.style ?? config.citationStyle,
    ...(options.k ? { k: options.k } : {}),
    ...(options.doc?.trim() ? { doc: options.doc.trim() } : {}),
    color: isTTY && colorEnabled(process.stdout),
    logger,
  });
}

interface ChatFlags {
  k?: string;
  doc?: string;
  style?: string;
}

export const command = {
  register(program: Command, ctx) {
    program
      .command('chat')
      .description('ask questions one after another (interactive in a terminal; one question per line when piped)')
      .option('--k <n>', 'quotes per answer, and the step of /more (1-20; default 5)')
      .option('--doc <file>', 'search only this document (file name or path)')
      .option('--style <style>', `citation style: ${STYLES.join(', ')} (default from QUOTEBOT_CITATION_STYLE)`)
      .action(async (flags: ChatFlags) => {
        const k = parseK(flags.k);
        const style = parseStyle(flags.style);
        const core = await openProductionCore(ctx);
        await startChat(ctx.config(), ctx.logger(), core, {
          ...(style ? { style } : {}),
          ...(k ? { k } : {}),
          ...(flags.doc ? { doc: flags.doc } : {}),
        });
      });
  },
} satisfies CliCommand;
