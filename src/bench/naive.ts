/**
 * @module bench/naive
 * The baseline quotebot is measured against: the "naive hybrid" recipe of most RAG tutorials.
 * Each file's raw text (footnotes, page furniture and all) is cut into 1,000-character chunks with
 * 200 characters of overlap by LangChain's `RecursiveCharacterTextSplitter`; chunks are searched by
 * BM25 (minisearch with its defaults: `fields: ['text']`, default tokenizer) and by vectors from the
 * same embedder quotebot's index uses (by default LSA + GloVe SIF, fitted on the chunks) in HNSWLib; the two
 * ranked lists are fused by reciprocal rank fusion (k = 60) and the top 5 chunks returned.
 *
 * It deliberately reuses quotebot's embedder and vector store, so a latency difference measures the
 * pipeline (passages, query analysis, reranking, quote selection), not a different model.
 */
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import MiniSearch from 'minisearch';
import type { EmbedderFactory, IndexEmbedder } from '../core/index/store.js';
import { lsaEmbedderFactory } from '../providers/index.js';
import { buildVectorStore, searchVectors, type VectorStoreHandle } from '../providers/vector-store.js';

/** Options of the naive recipe; each merges over {@link NAIVE_DEFAULTS}. */
export interface NaiveOptions {
  /** Characters per chunk. @defaultValue 1000 */
  chunkSize?: number;
  /** Characters shared by consecutive chunks. @defaultValue 200 */
  chunkOverlap?: number;
  /** Hits taken from each list (BM25, vectors) before fusion. @defaultValue 20 */
  candidates?: number;
  /** The RRF constant `k` in `1 / (k + rank)`. @defaultValue 60 */
  rrfK?: number;
  /** Chunks returned. @defaultValue 5 */
  top?: number;
  /** HNSW search `ef`, the same as quotebot's loaded index. @defaultValue 200 */
  ef?: number;
}

/** Defaults for {@link NaiveOptions}. */
export const NAIVE_DEFAULTS: Required<NaiveOptions> = {
  chunkSize: 1000,
  chunkOverlap: 200,
  candidates: 20,
  rrfK: 60,
  top: 5,
  ef: 200,
};

/** One chunk of a file's raw text. */
export interface Chunk {
  /** `<file>#<n>`, n counting from 0 within the file. */
  id: string;
  file: string;
  text: string;
}

/** One fused hit: its RRF score and its 1-based rank in each list it appeared in. */
export interface NaiveHit {
  chunk: Chunk;
  score: number;
  lexicalRank: number | null;
  vectorRank: number | null;
}

/** A built naive index. */
export interface NaiveRecipe {
  chunks: Chunk[];
  embedder: IndexEmbedder;
  /** The top chunks for a question, best first. */
  query(question: string): Promise<NaiveHit[]>;
}

/** Split each file's text into overlapping chunks with LangChain's recursive splitter. */
export async function chunkFiles(files: readonly { file: string; text: string }[], options: NaiveOptions = {}): Promise<Chunk[]> {
  const o = { ...NAIVE_DEFAULTS, ...options };
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: o.chunkSize, chunkOverlap: o.chunkOverlap });
  const chunks: Chunk[] = [];
  for (const { file, text } of files) {
    const parts = await splitter.splitText(text);
    parts.forEach((part, n) => chunks.push({ id: `${file}#${n}`, file, text: part }));
  }
  return chunks;
}

/**
 * Reciprocal rank fusion: each id scores `Σ 1 / (k + rank)` over the lists it appears in (rank from 1),
 * and the best `top` are returned, ties broken by first appearance. Ids repeated within one list count
 * at their best rank only.
 */
export function reciprocalRankFusion(lists: readonly (readonly string[])[], k = 60, top = 5): { id: string; score: number; ranks: (number | null)[] }[] {
  const fused = new Map<string, { id: string; score: number; ranks: (number | null)[]; order: number }>();
  lists.forEach((list, l) => {
    const seen = new Set<string>();
    list.forEach((id, i) => {
      if (seen.has(id)) return;
      seen.add(id);
      let entry = fused.get(id);
      if (!entry) {
        entry = { id, score: 0, ranks: lists.map(() => null), order: fused.size };
        fused.set(id, entry);
      }
      entry.score += 1 / (k + i + 1);
      entry.ranks[l] = i + 1;
    });
  });
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, Math.max(0, top))
    .map(({ id, score, ranks }) => ({ id, score, ranks }));
}

/** Chunk, index (BM25 and HNSW) and return the naive recipe's query function. */
export async function buildNaiveRecipe(
  files: readonly { file: string; text: string }[],
  options: NaiveOptions = {},
  /** The embedder of quotebot's index, fitted here on the chunks. @defaultValue the default offline embedder */
  embedders: EmbedderFactory = lsaEmbedderFactory(),
): Promise<NaiveRecipe> {
  const o = { ...NAIVE_DEFAULTS, ...options };
  const chunks = await chunkFiles(files, o);
  const byId = new Map(chunks.map((c) => [c.id, c]));

  const bm25 = new MiniSearch<Chunk>({ fields: ['text'] });
  bm25.addAll(chunks);

  const embedder = await embedders.fit(chunks.map((c) => c.text));
  const vectors = await embedder.embedDocuments(chunks.map((c) => c.text));
  const store: VectorStoreHandle = await buildVectorStore(embedder as never, chunks.map((c, i) => ({ id: c.id, vector: vectors[i]! })));
  if (store.size > 0) store.store.index.setEf(o.ef);

  async function query(question: string): Promise<NaiveHit[]> {
    const lexical = bm25.search(question).slice(0, o.candidates).map((r) => String(r.id));
    const vector = (await searchVectors(store, await embedder.embedQuery(question), o.candidates)).map((h) => h.id);
    return reciprocalRankFusion([lexical, vector], o.rrfK, o.top).map((f) => ({
      chunk: byId.get(f.id)!,
      score: f.score,
      lexicalRank: f.ranks[0] ?? null,
      vectorRank: f.ranks[1] ?? null,
    }));
  }

  return { chunks, embedder, query };
}
