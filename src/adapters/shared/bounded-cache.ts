/**
 * @module adapters/shared/bounded-cache
 * A small LRU map with a time-to-live: the chat adapters' only long-lived memory (Slack: event ids already
 * handled, thread histories, oversized button values; Discord: answers behind buttons, thread histories),
 * so a busy workspace or server can never grow it without bound.
 */

export interface BoundedCacheOptions {
  /** Most entries kept; the least recently used goes first. */
  max: number;
  /** Entries older than this are treated as absent. */
  ttlMs: number;
  /** Clock (tests). @defaultValue Date.now */
  now?: () => number;
}

/** LRU + TTL map. `get` refreshes recency; expired entries are dropped lazily and on insert. */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, { value: V; at: number }>();
  private readonly max: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: BoundedCacheOptions) {
    this.max = Math.max(1, options.max);
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, { value, at: this.now() });
    while (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
  }
}
