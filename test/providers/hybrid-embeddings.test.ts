import { describe, expect, it } from 'vitest';
import { HybridEmbeddings } from '../../src/providers/hybrid-embeddings.js';
import { offlineEmbedderFactory } from '../../src/providers/index.js';
import { LsaEmbeddings } from '../../src/providers/lsa-embeddings.js';
import { SifEmbeddings } from '../../src/providers/sif-embeddings.js';
import { WordVectors } from '../../src/providers/word-vectors.js';
import { syntheticCorpus } from './lsa-corpus.js';

const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

/** Word vectors in 4 dimensions: one direction per topic, one for filler, so related words are near. */
function toyVectors(): WordVectors {
  const axes: Record<string, number> = {
    ship: 0, vessel: 0, boat: 0, harbour: 0, sail: 0,
    bread: 1, loaf: 1, oven: 1, flour: 1, baker: 1,
    star: 2, planet: 2, telescope: 2, orbit: 2, moon: 2,
    the: 3, a: 3, of: 3, and: 3, people: 3,
  };
  const words = Object.keys(axes);
  const data = new Float32Array(words.length * 4);
  words.forEach((w, i) => {
    data[i * 4 + axes[w]!] = 0.9;
    data[i * 4 + ((axes[w]! + 1) % 4)] = Math.sqrt(1 - 0.81);
  });
  return new WordVectors('toy', 4, words, data);
}

const texts = [
  'the ship and the harbour of the people',
  'a vessel with a sail of the people',
  'the bread and the oven of the people',
  'a loaf of flour and the baker',
  'the star and the planet of the people',
  'a telescope and the moon in orbit',
];

describe('SIF sentence embeddings', () => {
  it('brings texts with related but different words together', async () => {
    const sif = SifEmbeddings.fit(texts, toyVectors());
    const docs = await sif.embedDocuments(texts);
    const q = await sif.embedQuery('boat');
    const ranked = docs.map((d, i) => ({ i, s: dot(d, q) })).sort((a, b) => b.s - a.s);
    expect(ranked.slice(0, 2).map((r) => r.i).sort()).toEqual([0, 1]);
    for (const d of docs) expect(Math.hypot(...d)).toBeCloseTo(1, 6);
  });

  it('gives frequent words little weight, and unknown text a zero vector', () => {
    const sif = SifEmbeddings.fit(texts, toyVectors());
    // "the people" is in almost every text: a text of it alone still embeds, but "loaf" dominates a mix
    const mix = sif.embedText('the the the people loaf');
    expect(dot(mix, sif.embedText('loaf'))).toBeGreaterThan(0.8);
    expect(dot(mix, sif.embedText('loaf'))).toBeGreaterThan(dot(mix, sif.embedText('the people')));
    expect(sif.embedText('zzz qqq').every((x) => x === 0)).toBe(true);
  });

  it('round-trips through JSON with the same id and (within quantisation) the same vectors', () => {
    const sif = SifEmbeddings.fit(texts, toyVectors());
    const back = SifEmbeddings.fromJSON(JSON.parse(JSON.stringify(sif.toJSON())));
    expect(back.id).toBe(sif.id);
    expect(dot(back.embedText(texts[3]!), sif.embedText(texts[3]!))).toBeGreaterThan(0.999);
    expect(() => SifEmbeddings.fromJSON({ format: 'x' } as never)).toThrowError(/known format/);
  });
});

describe('the hybrid (default offline) embedder', () => {
  const corpus = syntheticCorpus().map((c) => c.text);
  const lsa = LsaEmbeddings.fit(corpus, { dims: 8 });
  const sif = SifEmbeddings.fit(corpus, toyVectors());

  it('scores a pair as (1 − β)·cos_LSA + β·cos_SIF', () => {
    const h = new HybridEmbeddings(lsa, sif, 0.3);
    expect(h.dims).toBe(lsa.dims + sif.dims);
    const [a, b] = [corpus[0]!, corpus[15]!];
    const expected = 0.7 * dot(lsa.embedText(a), lsa.embedText(b)) + 0.3 * dot(sif.embedText(a), sif.embedText(b));
    expect(dot(h.embedText(a), h.embedText(b))).toBeCloseTo(expected, 6);
    expect(() => new HybridEmbeddings(lsa, sif, 1.5)).toThrowError(/0\.\.1/);
  });

  it('is LSA alone, with LSA’s id, when there are no word vectors', () => {
    const h = new HybridEmbeddings(lsa, null);
    expect(h.id).toBe(lsa.id);
    expect(h.embedText(corpus[2]!)).toEqual(lsa.embedText(corpus[2]!));
  });

  it('the factory falls back to LSA when the word vectors are not installed, and says so', async () => {
    const warnings: string[] = [];
    const logger = { warn: (_: unknown, msg: string) => warnings.push(msg), info() {}, debug() {}, error() {} };
    const factory = offlineEmbedderFactory({ logger: logger as never, wordVectors: () => null });
    const fitted = (await factory.fit(corpus)) as HybridEmbeddings;
    expect(fitted.sif).toBeNull();
    expect(warnings.join('\n')).toMatch(/word vectors not installed/);
    const restored = (await factory.restore(JSON.parse(JSON.stringify(factory.save(fitted))))) as HybridEmbeddings;
    expect(restored.id).toBe(fitted.id);
    await expect(factory.restore({ format: 'lsa-v1' })).rejects.toThrowError(/not in a known format/);
  });

  it('the factory joins the installed GloVe vectors, and restores bit-identical query vectors', async () => {
    const factory = offlineEmbedderFactory({ generalWords: 2000 });
    const fitted = (await factory.fit(corpus)) as HybridEmbeddings;
    expect(fitted.sif).not.toBeNull();
    expect(fitted.dims).toBe(fitted.lsa.dims + 100);
    const restored = (await factory.restore(JSON.parse(JSON.stringify(factory.save(fitted))))) as HybridEmbeddings;
    expect(restored.id).toBe(fitted.id);
    // the word vectors are quantised before fitting, so the saved model embeds exactly as the fitted one did
    for (const t of ['a vessel in the harbour', corpus[4]!]) {
      const [x, y] = [restored.embedText(t), fitted.embedText(t)];
      x.forEach((v, i) => expect(v).toBeCloseTo(y[i]!, 6));
    }
  });
});
