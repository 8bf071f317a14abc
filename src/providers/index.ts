/**
 * @module providers
 * Factories for the index's pluggable parts: the embedder (corpus-trained LSA by default) and the
 * vector backend (LangChain's HNSWLib over hnswlib-node). Heavy modules load lazily.
 */
import type { EmbedderFactory, IndexEmbedder, VectorBackend } from '../core/index/store.js';

/** The default, offline embedder: LSA fitted on the corpus's own passages at index time. */
export function lsaEmbedderFactory(options: { dims?: number } = {}): EmbedderFactory {
  return {
    kind: 'lsa',
    async fit(texts) {
      const { LsaEmbeddings } = await import('./lsa-embeddings.js');
      return LsaEmbeddings.fit(texts, { dims: options.dims ?? 256 });
    },
    save(embedder) {
      return (embedder as unknown as { toJSON(): unknown }).toJSON();
    },
    async restore(state) {
      const { LsaEmbeddings } = await import('./lsa-embeddings.js');
      return LsaEmbeddings.fromJSON(state as never);
    },
  };
}

/** HNSW vectors through LangChain's HNSWLib store, with a raised search `ef`. */
export function hnswVectorBackend(options: { ef?: number } = {}): VectorBackend {
  return {
    async build(embedder, items) {
      const { buildVectorStore } = await import('./vector-store.js');
      return buildVectorStore(embedder as never, items);
    },
    async save(handle, dir) {
      const { saveVectorStore } = await import('./vector-store.js');
      await saveVectorStore(handle as never, dir);
    },
    async load(dir, embedder) {
      const { loadVectorStore } = await import('./vector-store.js');
      return loadVectorStore(dir, embedder as never, { ef: options.ef ?? 200 });
    },
    async search(handle, vector, k) {
      const { searchVectors } = await import('./vector-store.js');
      return searchVectors(handle as never, vector, k);
    },
  };
}

export type { IndexEmbedder };
