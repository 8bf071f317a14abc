/**
 * @module adapters/cli
 * The `quotebot` command line: one file per command, one error boundary.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { loadConfig, type Config } from '../../config.js';
import { isQuotebotError } from '../../core/errors.js';
import { createLogger, type Logger } from '../../core/logger.js';
import type { CliCommand, CliContext } from './context.js';

/** Command modules, loaded eagerly but each importing its heavy dependencies lazily inside its action. */
const COMMANDS: Array<() => Promise<{ command: CliCommand }>> = [
  () => import('./commands/parse.js'),
  () => import('./commands/index-command.js'),
  () => import('./commands/start.js'),
  () => import('./commands/slack.js'),
  () => import('./commands/report.js'),
  () => import('./commands/discord.js'),
  () => import('./commands/eval.js'),
  () => import('./commands/ask.js'),
  () => import('./commands/chat.js'),
  () => import('./commands/bench.js'),
  () => import('./commands/doctor.js'),
];

function createContext(): CliContext {
  let config: Config | undefined;
  let logger: Logger | undefined;
  return {
    config: () => (config ??= loadConfig()),
    logger: () => (logger ??= createLogger(config?.logLevel ?? loadConfig().logLevel)),
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  };
}

/** Print an error as one clear line plus a hint, and return the exit code. */
export function reportError(e: unknown, err: (t: string) => void, debug = false): number {
  if (isQuotebotError(e)) {
    err(`quotebot: ${e.message}`);
    if (e.hint) err(`hint: ${e.hint}`);
    return 1;
  }
  if (e instanceof CommanderError) return e.exitCode || 1;
  const message = e instanceof Error ? e.message : String(e);
  err(`quotebot: unexpected error: ${message}`);
  err('hint: re-run with LOG_LEVEL=debug for details, and report it if it persists');
  if (debug && e instanceof Error && e.stack) err(e.stack);
  return 1;
}

/** The version in package.json. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Entry point used by bin/quotebot.js. */
export async function main(argv: string[]): Promise<void> {
  const ctx = createContext();
  const program = new Command('quotebot')
    .description('Answers questions with verbatim quotes and exact citations from your documents.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpCommand('help [command]', 'show help for a command')
    .showHelpAfterError('(run quotebot --help for usage)')
    .exitOverride();
  for (const load of COMMANDS) (await load()).command.register(program, ctx);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError && (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')) return;
    let debug = false;
    try {
      debug = ctx.config().logLevel === 'debug';
    } catch {
      // an invalid configuration is itself the error being reported
    }
    process.exitCode = reportError(e, ctx.err, debug);
  }
}
