import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LsaEmbeddings } from '../../src/providers/lsa-embeddings.js';
import {
  buildVectorStore,
  loadVectorStore,
  saveVectorStore,
  searchVectors,
  vectorStoreEf,
  type VectorStoreHandle,
} from '../../src/providers/vector-store.js';
import { syntheticCorpus } from './lsa-corpus.js';

const corpus = syntheticCorpus();
const embeddings = LsaEmbeddings.fit(
  corpus.map((c) => c.text),
  { dims: 8 },
);

let dir: string;
let items: { id: string; vector: number[] }[];
let loaded: VectorStoreHandle;

const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

/** Exact cosine ranking by brute force, the reference the HNSW search must reproduce. */
function exact(query: number[], k: number): { id: string; similarity: number }[] {
  return items
    .map((it) => ({ id: it.id, similarity: dot(it.vector, query) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quotebot-vectors-'));
  const vectors = await embeddings.embedDocuments(corpus.map((c) => c.text));
  items = vectors.map((vector, i) => ({ id: `${corpus[i]!.topic}-${i}`, vector }));
  const built = await buildVectorStore(embeddings, items);
  expect(built.size).toBe(30);
  await saveVectorStore(built, join(dir, 'store'));
  loaded = await loadVectorStore(join(dir, 'store'), embeddings);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('HNSW vector store', () => {
  it('GIVEN a saved and reloaded store THEN a search returns the exact nearest ids in order', async () => {
    const q = await embeddings.embedQuery('a vessel in the harbour');
    const hits = await searchVectors(loaded, q, 5);
    const reference = exact(q, 5);
    expect(hits.map((h) => h.id)).toEqual(reference.map((r) => r.id));
    hits.forEach((h, i) => expect(h.similarity).toBeCloseTo(reference[i]!.similarity, 4));
    expect(hits.every((h) => h.id.startsWith('sailing-'))).toBe(true);
  });

  it('GIVEN any query THEN similarities lie in [−1, 1] and decrease', async () => {
    const hits = await searchVectors(loaded, await embeddings.embedQuery('galaxy oven tide'), 30);
    for (const h of hits) {
      expect(h.similarity).toBeGreaterThanOrEqual(-1);
      expect(h.similarity).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.similarity).toBeLessThanOrEqual(hits[i - 1]!.similarity + 1e-6);
  });

  it('GIVEN a stored vector as the query THEN its own id comes first with similarity ≈ 1', async () => {
    const hits = await searchVectors(loaded, items[12]!.vector, 1);
    expect(hits[0]!.id).toBe(items[12]!.id);
    expect(hits[0]!.similarity).toBeCloseTo(1, 5);
  });

  it('GIVEN a loaded store THEN the HNSW search ef is raised to the default 200, or to the option', async () => {
    expect(vectorStoreEf(loaded)).toBe(200);
    const custom = await loadVectorStore(join(dir, 'store'), embeddings, { ef: 64 });
    expect(vectorStoreEf(custom)).toBe(64);
  });

  it('GIVEN k larger than the store THEN every item comes back without error', async () => {
    const hits = await searchVectors(loaded, await embeddings.embedQuery('comet'), 500);
    expect(hits).toHaveLength(30);
    expect(new Set(hits.map((h) => h.id)).size).toBe(30);
  });

  it('GIVEN an all-zero query THEN the search returns nothing (no semantic signal)', async () => {
    expect(await searchVectors(loaded, new Array(8).fill(0), 5)).toEqual([]);
  });

  it('GIVEN a query of the wrong length THEN the search throws BAD_INPUT', async () => {
    await expect(searchVectors(loaded, [1, 0, 0], 5)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('GIVEN zero vectors among the items THEN they are left out of the store', async () => {
    const zero = { id: 'empty', vector: new Array(8).fill(0) };
    const handle = await buildVectorStore(embeddings, [zero, ...items.slice(0, 3)]);
    expect(handle.size).toBe(3);
    const hits = await searchVectors(handle, items[0]!.vector, 10);
    expect(hits.map((h) => h.id)).not.toContain('empty');
  });

  it('GIVEN no usable vectors THEN an empty store saves, loads and searches to []', async () => {
    const empty = await buildVectorStore(embeddings, []);
    expect(empty.size).toBe(0);
    await saveVectorStore(empty, join(dir, 'empty'));
    const back = await loadVectorStore(join(dir, 'empty'), embeddings);
    expect(back.size).toBe(0);
    expect(await searchVectors(back, items[0]!.vector, 5)).toEqual([]);
  });

  it('GIVEN a directory without a store THEN loading throws INDEX_UNREADABLE with a hint', async () => {
    await expect(loadVectorStore(join(dir, 'missing'), embeddings)).rejects.toMatchObject({
      code: 'INDEX_UNREADABLE',
      hint: 'run npm run index',
    });
  });
});
