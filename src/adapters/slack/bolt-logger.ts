/**
 * @module adapters/slack/bolt-logger
 * Bolt, the Web API client and the Socket Mode client log through this, so their lines join quotebot's
 * structured log on stderr instead of a console logger of their own.
 */
import type { Logger as SlackLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

/** Wrap a pino logger in the interface `@slack/logger` expects. */
export function toBoltLogger(logger: Logger, name = 'slack'): SlackLogger {
  let child = logger.child({ component: name });
  const join = (msg: unknown[]): string => msg.map((m) => (typeof m === 'string' ? m : safeJson(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => child.debug(join(msg)),
    info: (...msg: unknown[]) => child.info(join(msg)),
    warn: (...msg: unknown[]) => child.warn(join(msg)),
    error: (...msg: unknown[]) => child.error(join(msg)),
    // quotebot's LOG_LEVEL governs; Bolt asking for another level is ignored on purpose.
    setLevel: (_level: LogLevel) => undefined,
    getLevel: () => toSlackLevel(logger.level),
    setName: (n: string) => {
      child = logger.child({ component: n });
    },
  };
}

function toSlackLevel(level: string): LogLevel {
  const map: Record<string, string> = { trace: 'debug', debug: 'debug', info: 'info', warn: 'warn', error: 'error', fatal: 'error', silent: 'error' };
  return (map[level] ?? 'info') as LogLevel;
}

function safeJson(v: unknown): string {
  if (v instanceof Error) return v.stack ?? v.message;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
