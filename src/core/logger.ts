/**
 * @module core/logger
 * Structured logs to stderr only, so `--json` output on stdout stays clean.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** A pino logger writing to stderr (fd 2). */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that discards everything (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
