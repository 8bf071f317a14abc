/**
 * @module providers/vector-store
 * Approximate nearest-neighbour search over passage vectors, using LangChain's `HNSWLib` store
 * (over the native `hnswlib-node`). Both are loaded lazily, so commands that never search do not pay
 * for (or fail on) the native addon.
 *
 * HNSW (hierarchical navigable small-world graph) finds near neighbours by greedy walks through a layered
 * proximity graph; `ef` is the size of the candidate list kept during a search. LangChain leaves hnswlib's
 * default `ef` of 10, which misses true neighbours (measured top-10 agreement 82–86%), so
 * {@link loadVectorStore} raises it.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { QuotebotError } from '../core/errors.js';
import { isZeroVector } from './lsa-embeddings.js';

/** Distance space; for both, hnswlib's distance is `1 − similarity` (cosine normalises vectors first; use `ip` only for unit vectors). */
export type VectorSpace = 'cosine' | 'ip';

/** Defaults for {@link loadVectorStore}'s options. */
export const VECTOR_STORE_DEFAULTS = {
  /** HNSW search candidate-list size after load. @defaultValue 200 */
  ef: 200,
};

/** An opened vector store. Treat as opaque outside this module. */
export interface VectorStoreHandle {
  /** The underlying LangChain store (its `index` is the `HierarchicalNSW`). */
  readonly store: HNSWLib;
  /** Number of vectors stored. */
  readonly size: number;
  /** Vector length. */
  readonly dims: number;
}

/** One search hit: the item's id and its similarity to the query (cosine in [−1, 1], higher is closer). */
export interface VectorHit {
  id: string;
  similarity: number;
}

const HINT = 'run npm install (hnswlib-node builds a native addon)';

async function loadHnswLib(): Promise<typeof HNSWLib> {
  try {
    const { HNSWLib: cls } = await import('@langchain/community/vectorstores/hnswlib');
    await cls.imports(); // surfaces a missing or unbuilt hnswlib-node now, not at first add
    return cls;
  } catch (cause) {
    throw new QuotebotError('DEPENDENCY_MISSING', 'the HNSW vector store (hnswlib-node) could not be loaded', { hint: HINT, cause });
  }
}

/**
 * Build an in-memory store from precomputed vectors, each stored with `metadata: { id }`.
 * All-zero vectors (texts with no semantic signal, see {@link isZeroVector}) are left out: they have no
 * direction, so they would only come back as arbitrary neighbours. An empty store is valid.
 * @param embeddings used only to embed text queries through LangChain's API; pass the index's embedder.
 * @throws QuotebotError `BAD_INPUT` when vectors differ in length; `DEPENDENCY_MISSING` without hnswlib-node.
 */
export async function buildVectorStore(
  embeddings: EmbeddingsInterface,
  items: { id: string; vector: number[] }[],
  space: VectorSpace = 'cosine',
): Promise<VectorStoreHandle> {
  const HNSW = await loadHnswLib();
  const { Document } = await import('@langchain/core/documents');
  const dims = items[0]?.vector.length ?? (embeddings as { dims?: number }).dims;
  if (!dims) throw new QuotebotError('BAD_INPUT', 'cannot build an empty vector store without knowing the vector length');
  const bad = items.find((it) => it.vector.length !== dims);
  if (bad) throw new QuotebotError('BAD_INPUT', `vector for ${bad.id} has length ${bad.vector.length}, expected ${dims}`);
  const kept = items.filter((it) => !isZeroVector(it.vector));
  const store = new HNSW(embeddings, { space, numDimensions: dims });
  if (kept.length > 0) {
    await store.addVectors(
      kept.map((it) => it.vector),
      kept.map((it) => new Document({ pageContent: '', metadata: { id: it.id } })),
    );
  } else {
    // LangChain creates the native index on first add; create it now so an empty store saves and loads.
    const { HierarchicalNSW } = await HNSW.imports();
    const index = new HierarchicalNSW(space, dims);
    index.initIndex(1);
    store._index = index;
  }
  // a freshly built store is searched at once (first run), so it needs the same raised ef as a loaded one
  store.index.setEf(VECTOR_STORE_DEFAULTS.ef);
  return { store, size: kept.length, dims };
}

/** Write the store to `dir` (LangChain's layout: `hnswlib.index`, `args.json`, `docstore.json`). */
export async function saveVectorStore(handle: VectorStoreHandle, dir: string): Promise<void> {
  await handle.store.save(dir);
}

/**
 * Load a store saved by {@link saveVectorStore} and raise the HNSW search `ef` (see the module note).
 * @throws QuotebotError `INDEX_UNREADABLE` when `dir` holds no readable store; `DEPENDENCY_MISSING` without hnswlib-node.
 */
export async function loadVectorStore(
  dir: string,
  embeddings: EmbeddingsInterface,
  options: { ef?: number } = {},
): Promise<VectorStoreHandle> {
  const { ef } = { ...VECTOR_STORE_DEFAULTS, ...options };
  const HNSW = await loadHnswLib();
  let store: HNSWLib;
  try {
    await access(join(dir, 'hnswlib.index'));
    store = await HNSW.load(dir, embeddings);
  } catch (cause) {
    throw new QuotebotError('INDEX_UNREADABLE', `no readable vector store in ${dir}`, { hint: 'run npm run index', cause });
  }
  store.index.setEf(ef);
  return { store, size: store.index.getCurrentCount(), dims: store.index.getNumDimensions() };
}

/** The HNSW search `ef` currently in force (for diagnostics and tests). */
export function vectorStoreEf(handle: VectorStoreHandle): number {
  return handle.store.index.getEf();
}

/**
 * The `k` stored items nearest to `vector`, best first, with similarity = 1 − hnswlib distance.
 * `k` larger than the store is clamped; an all-zero query (no semantic signal) or an empty store gives `[]`.
 */
export async function searchVectors(handle: VectorStoreHandle, vector: number[], k: number): Promise<VectorHit[]> {
  if (vector.length !== handle.dims) {
    throw new QuotebotError('BAD_INPUT', `query vector has length ${vector.length}, the store holds ${handle.dims}`, {
      hint: 'the index was built with another embedder: run npm run index',
    });
  }
  const n = Math.min(Math.floor(k), handle.size);
  if (n <= 0 || isZeroVector(vector)) return [];
  const results = await handle.store.similaritySearchVectorWithScore(vector, n);
  return results.map(([doc, distance]) => ({
    id: String(doc.metadata.id),
    similarity: Math.max(-1, Math.min(1, 1 - distance)),
  }));
}
