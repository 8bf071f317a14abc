/**
 * @module core/errors
 * Errors carry a machine-readable code, a message and a hint for humans.
 */

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'NO_CORPUS'
  | 'INDEX_UNREADABLE'
  | 'INDEX_STALE'
  | 'BAD_INPUT'
  | 'QUESTION_EMPTY'
  | 'QUESTION_TOO_LONG'
  | 'PROVIDER_UNAVAILABLE'
  | 'DEPENDENCY_MISSING'
  | 'NOT_FOUND'
  | 'INTERNAL';

export class QuotebotError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'QuotebotError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** True when `e` is a QuotebotError (optionally with the given code). */
export function isQuotebotError(e: unknown, code?: ErrorCode): e is QuotebotError {
  return e instanceof QuotebotError && (code === undefined || e.code === code);
}
