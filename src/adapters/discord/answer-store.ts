/**
 * @module adapters/discord/answer-store
 * What the buttons under an answer need to act on it later: the request that produced it, where
 * "More passages" continues, and the quotes' references. In memory and bounded: after a restart or
 * eviction a button answers `MESSAGES.expired`.
 */
import { randomBytes } from 'node:crypto';
import type { AskRequest } from '../../core/types.js';

export interface StoredAnswer {
  request: AskRequest & { k: number; offset: number };
  /** Offset for "More passages": the request's offset plus the quotes actually shown. */
  nextOffset: number;
  status: 'answered' | 'not_found';
  quoteIds: string[];
  /** Full references of the shown quotes, in order. */
  citations: string[];
}

export interface AnswerStore {
  /** A fresh key (≤ 12 characters) for an answer about to be rendered. */
  newKey(): string;
  put(key: string, value: StoredAnswer): void;
  get(key: string): StoredAnswer | undefined;
  readonly size: number;
}

export interface AnswerStoreOptions {
  /** Most answers kept; the oldest go first. @defaultValue 5000 */
  max?: number;
  /** How long an answer's buttons keep working, ms. @defaultValue 24 hours */
  ttlMs?: number;
  now?: () => number;
}

/** A bounded, time-limited in-memory answer store (insertion-ordered Map as an LRU by age). */
export function createAnswerStore(options: AnswerStoreOptions = {}): AnswerStore {
  const max = options.max ?? 5000;
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: StoredAnswer; at: number }>();
  return {
    newKey: () => randomBytes(6).toString('base64url'),
    put(key, value) {
      entries.delete(key);
      entries.set(key, { value, at: now() });
      while (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
    get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (now() - hit.at > ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return hit.value;
    },
    get size() {
      return entries.size;
    },
  };
}
