/**
 * @module adapters/cli/context
 * What every CLI command receives: lazily built config, logger and core, so a command that
 * needs none of them (e.g. `parse`) never loads the index or a chat SDK.
 */
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import type { Logger } from '../../core/logger.js';

export interface CliContext {
  /** Validated configuration (env over .env). */
  config(): Config;
  logger(): Logger;
  /** Standard output writer (JSON and answers only). */
  out(text: string): void;
  /** Standard error writer (messages for humans). */
  err(text: string): void;
}

/** One CLI command: registers itself on the program. One file per command. */
export interface CliCommand {
  register(program: Command, ctx: CliContext): void;
}
