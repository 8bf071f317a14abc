/**
 * @module adapters/slack/action-values
 * What each button carries. Slack returns a button's `value` (≤ 2,000 characters) on click, so the
 * adapter stays stateless for ordinary answers; an oversized value (a very long question) is kept in a
 * bounded in-memory store and the button carries its key instead. A key that has expired (or a restart)
 * yields `undefined`, which listeners answer with `MESSAGES.expired`.
 */
import { randomUUID } from 'node:crypto';
import { BoundedCache } from '../shared/bounded-cache.js';

/** Action ids the listeners match. Cite buttons add `_<n>` because ids must differ within a message. */
export const ACTION = {
  more: 'quotebot_more',
  cite: 'quotebot_cite',
  helpful: 'quotebot_helpful',
  notHelpful: 'quotebot_not_helpful',
} as const;

/** Matches every Cite button's action id. */
export const CITE_ACTION = /^quotebot_cite(_\d+)?$/;

/** "More passages": ask the same question again, further along. */
export interface MoreValue {
  q: string;
  h?: string[];
  o: number;
  k: number;
}

/** "Cite": the quote and its full reference, ready to paste. */
export interface CiteValue {
  quote: string;
  full: string;
}

/** Helpful / Not helpful: what the feedback log records. */
export interface FeedbackValue {
  q: string;
  st: 'answered' | 'not_found';
  ids: string[];
}

export type ButtonValue = MoreValue | CiteValue | FeedbackValue;

/** Slack's limit on a button value. */
export const MAX_VALUE_CHARS = 2000;
const STORED = 'stored:';

/** Turns button payloads into `value` strings and back. */
export interface ValueCodec {
  encode(value: ButtonValue): string;
  decode<T extends ButtonValue>(raw: string | undefined): T | undefined;
}

/** Plain JSON (pure): what the renderer uses when no store is given, e.g. in fixture tests. */
export const jsonCodec: ValueCodec = {
  encode: (value) => JSON.stringify(value),
  decode: <T extends ButtonValue>(raw: string | undefined) => parse<T>(raw),
};

/**
 * JSON in the button when it fits, otherwise a key into a bounded store.
 * @param options.max - entries kept @defaultValue 2000
 * @param options.ttlMs - how long an oversized value stays clickable @defaultValue 24 h
 */
export function createValueCodec(options: { max?: number; ttlMs?: number } = {}): ValueCodec {
  const store = new BoundedCache<string, string>({ max: options.max ?? 2000, ttlMs: options.ttlMs ?? 24 * 3600_000 });
  return {
    encode(value) {
      const json = JSON.stringify(value);
      if (json.length <= MAX_VALUE_CHARS) return json;
      const key = randomUUID();
      store.set(key, json);
      return STORED + key;
    },
    decode<T extends ButtonValue>(raw: string | undefined) {
      if (raw?.startsWith(STORED)) return parse<T>(store.get(raw.slice(STORED.length)));
      return parse<T>(raw);
    },
  };
}

function parse<T>(raw: string | undefined): T | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}
