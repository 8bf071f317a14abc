/**
 * @module adapters/discord/answer-store
 * What the buttons under an answer need to act on it later: the request that produced it, where
 * "More passages" continues, and the quotes' references. In memory and bounded: after a restart or
 * eviction a button answers `MESSAGES.expired`.
 */
import { randomBytes } from 'node:crypto';
import type { AskRequest } from '../../core/types.js';
import { BoundedCache } from '../shared/bounded-cache.js';

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
  /** Most answers kept; the least recently used go first. @defaultValue 5000 */
  max?: number;
  /** How long an answer's buttons keep working after it was stored, ms. @defaultValue 24 hours */
  ttlMs?: number;
  now?: () => number;
}

/** A bounded, time-limited in-memory answer store (a {@link BoundedCache}). */
export function createAnswerStore(options: AnswerStoreOptions = {}): AnswerStore {
  const entries = new BoundedCache<string, StoredAnswer>({
    max: options.max ?? 5000,
    ttlMs: options.ttlMs ?? 24 * 60 * 60 * 1000,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    newKey: () => randomBytes(6).toString('base64url'),
    put: (key, value) => entries.set(key, value),
    get: (key) => entries.get(key),
    get size() {
      return entries.size;
    },
  };
}
