import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQuotebotError } from '../../src/core/errors.js';
import { LsaEmbeddings, isZeroVector, lsaTerms, type LsaFitOptions } from '../../src/providers/lsa-embeddings.js';
import { syntheticCorpus } from './lsa-corpus.js';

const corpus = syntheticCorpus();
const texts = corpus.map((c) => c.text);

const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: number[]): number => Math.sqrt(dot(a, a));

/** Topics of the `n` texts most similar to `query`, best first. */
async function topTopics(model: LsaEmbeddings, query: string, n: number): Promise<string[]> {
  const docs = await model.embedDocuments(texts);
  const q = await model.embedQuery(query);
  return docs
    .map((d, i) => ({ s: dot(d, q), topic: corpus[i]!.topic }))
    .sort((a, b) => b.s - a.s)
    .slice(0, n)
    .map((r) => r.topic);
}

/** Mean precision@10 of two-word topic queries (words from opposite halves of the topic's list). */
async function precisionAt10(options: LsaFitOptions): Promise<number> {
  const model = LsaEmbeddings.fit(texts, options);
  const queries: Record<string, string[]> = {
    sailing: ['vessel', 'harbour', 'captain', 'crew', 'anchor', 'sail', 'tide', 'wave', 'deck', 'mast'],
    baking: ['loaf', 'oven', 'flour', 'dough', 'knead', 'butter', 'yeast', 'crust', 'baker', 'sugar'],
    astronomy: ['observatory', 'star', 'planet', 'orbit', 'galaxy', 'comet', 'nebula', 'astronomer', 'eclipse', 'moon'],
  };
  let sum = 0;
  let n = 0;
  for (const [topic, words] of Object.entries(queries)) {
    for (let i = 0; i < words.length; i++) {
      const top = await topTopics(model, `${words[i]} ${words[(i + 5) % words.length]}`, 10);
      sum += top.filter((t) => t === topic).length / 10;
      n++;
    }
  }
  return sum / n;
}

describe('LsaEmbeddings on a three-topic synthetic corpus', () => {
  const model = LsaEmbeddings.fit(texts, { dims: 8 });

  it('GIVEN a small corpus THEN dims is capped by the rank available and the id records it', () => {
    expect(model.dims).toBe(8);
    expect(model.id).toMatch(/^lsa-v1-d8-[0-9a-f]{12}$/);
    const big = LsaEmbeddings.fit(texts, { dims: 256 });
    expect(big.dims).toBeLessThanOrEqual(30);
    expect(big.dims).toBeGreaterThan(3);
    expect((big.embedText('ship harbour')).length).toBe(big.dims);
  });

  it('GIVEN a question about a topic THEN that topic’s texts rank first', async () => {
    expect(await topTopics(model, 'a vessel in the harbour', 7)).toEqual(Array(7).fill('sailing'));
    expect(await topTopics(model, 'how do you knead dough', 7)).toEqual(Array(7).fill('baking'));
    expect(await topTopics(model, 'which telescope sees the galaxy', 7)).toEqual(Array(7).fill('astronomy'));
  });

  it('GIVEN a query word THEN texts using only its co-occurring synonym still score high', async () => {
    // Texts 7 and 8 of "sailing" say "ship" but never "vessel".
    const q = await model.embedQuery('vessel');
    const shipOnly = await model.embedQuery(corpus[7]!.text);
    const baking = await model.embedQuery(corpus[17]!.text);
    expect(corpus[7]!.text).not.toContain('vessel');
    expect(dot(q, shipOnly)).toBeGreaterThan(0.5);
    expect(dot(q, shipOnly)).toBeGreaterThan(dot(q, baking) + 0.4);
  });

  it('GIVEN synonyms that co-occur THEN similarTerms puts them nearest', () => {
    expect(model.similarTerms('vessel', 3)).toContain('ship');
    expect(model.similarTerms('loaf', 3)).toContain('bread');
    expect(model.similarTerms('observatory', 3)).toContain('telescop');
    // Surface words are analysed like a query; the term itself and bigrams repeating it are excluded.
    const near = model.similarTerms('vessels', 5);
    expect(near).toContain('ship');
    expect(near.every((t) => !t.split(' ').includes('vessel'))).toBe(true);
    expect(model.similarTerms('zeppelin', 5)).toEqual([]);
  });

  it('GIVEN two fits of the same corpus THEN the vectors and ids are identical', async () => {
    const again = LsaEmbeddings.fit(texts, { dims: 8 });
    expect(again.id).toBe(model.id);
    expect(await again.embedDocuments(texts)).toEqual(await model.embedDocuments(texts));
    const otherSeed = LsaEmbeddings.fit(texts, { dims: 8, seed: 7 });
    expect(otherSeed.dims).toBe(8);
  });

  it('GIVEN a model saved to JSON THEN the reloaded model gives identical embeddings', async () => {
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    const loaded = LsaEmbeddings.fromJSON(json);
    expect(loaded.id).toBe(model.id);
    expect(loaded.dims).toBe(model.dims);
    expect(await loaded.embedDocuments([...texts, 'a vessel in the harbour'])).toEqual(await model.embedDocuments([...texts, 'a vessel in the harbour']));
    expect(loaded.similarTerms('vessel', 3)).toEqual(model.similarTerms('vessel', 3));
  });

  it('GIVEN a corrupt model THEN fromJSON throws INDEX_UNREADABLE', () => {
    const data = model.toJSON();
    expect(() => LsaEmbeddings.fromJSON({ ...data, dims: data.dims + 1 })).toThrow(expect.objectContaining({ code: 'INDEX_UNREADABLE' }));
  });

  it('GIVEN a text with no known word THEN the embedding is all zeros (no NaN)', async () => {
    const v = await model.embedQuery('zeppelin quixotic');
    expect(v).toHaveLength(model.dims);
    expect(isZeroVector(v)).toBe(true);
    expect(v.every((x) => Object.is(x, 0))).toBe(true);
    expect(isZeroVector(await model.embedQuery(''))).toBe(true);
    expect(isZeroVector(await model.embedQuery('ship'))).toBe(false);
  });

  it('GIVEN any text with a known word THEN the embedding has unit length', async () => {
    for (const v of await model.embedDocuments([...texts, 'comet', 'the butter'])) expect(norm(v)).toBeCloseTo(1, 6);
  });

  it('GIVEN the two fold-in scalings THEN q·V retrieves at least as well as q·V·Σ⁻¹ (the documented default)', async () => {
    const plain = await precisionAt10({ dims: 16, foldIn: 'v' });
    const inverse = await precisionAt10({ dims: 16, foldIn: 'v-sigma-inv' });
    expect(plain).toBeGreaterThan(0.95);
    expect(plain).toBeGreaterThan(inverse);
  });

  it('GIVEN texts with no term shared by two passages THEN fit throws BAD_INPUT', () => {
    try {
      LsaEmbeddings.fit(['alpha beta', 'gamma delta']);
      expect.unreachable();
    } catch (e) {
      expect(isQuotebotError(e, 'BAD_INPUT')).toBe(true);
    }
  });

  it('GIVEN a phrase THEN lsaTerms adds adjacent-token bigrams to the stemmed words', () => {
    // the same analyser as the lexical index (American spelling, then Porter stems), plus the bigram
    expect(lsaTerms('a related organisation')).toEqual(['relat', 'organ', 'relat organ']);
  });
});

describe('LsaEmbeddings on the shipped corpus', () => {
  it('GIVEN the corpus paragraphs THEN fit and embedding 1,000 passages finish with unit vectors', async () => {
    const dir = join(import.meta.dirname, '../../corpus');
    const paragraphs = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split(/\n\s*\n/))
      .map((p) => p.trim())
      .filter((p) => p.length > 200);
    expect(paragraphs.length).toBeGreaterThan(300);
    const model = LsaEmbeddings.fit(paragraphs);
    expect(model.dims).toBe(256);
    const passages = Array.from({ length: 1000 }, (_, i) => paragraphs[i % paragraphs.length]!);
    const vectors = await model.embedDocuments(passages);
    expect(vectors).toHaveLength(1000);
    for (const v of vectors) {
      expect(v).toHaveLength(256);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    const reloaded = LsaEmbeddings.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(await reloaded.embedQuery(paragraphs[0]!)).toEqual(vectors[0]);
  });
});
