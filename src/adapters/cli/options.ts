/**
 * @module adapters/cli/options
 * Validation of numeric command-line options, one rule and one message for every command.
 */
import { QuotebotError } from '../../core/errors.js';

/** Parse a whole-number option (`--k 5`) within bounds, or throw BAD_INPUT naming the flag. */
export function wholeNumber(flag: string, raw: string | number, min: number, max: number, example = 5): number {
  const text = String(raw).trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new QuotebotError('BAD_INPUT', `${flag} must be a whole number from ${min} to ${max} (got "${raw}")`, {
      hint: `e.g. ${flag} ${example}`,
    });
  }
  return n;
}
