import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFaithful, lettersAndDigits } from '../../src/core/eval/metrics.js';

const faithful = (quote: string, source: string) => isFaithful(quote, lettersAndDigits(source));

describe('isFaithful on hand-made sources', () => {
  it('GIVEN a verbatim quote with different spacing, case and punctuation THEN it is faithful (one piece)', () => {
    expect(faithful('the IOM was founded in 1951', 'Notes. The IOM was  founded, in 1951, as PICMME.')).toBe(true);
  });

  it('GIVEN a quote with a <sup> or superscript footnote marker removed THEN it is faithful', () => {
    const source = 'Chapter one.\n\nThe IOM<sup>12</sup> was founded in 1951 as PICMME, outside the UN.³⁴ It grew.';
    expect(faithful('The IOM was founded in 1951 as PICMME, outside the UN. It grew.', source)).toBe(true);
  });

  it('GIVEN a paragraph rejoined across a page break with a split hyphenated word THEN it is faithful', () => {
    const source = [
      'the government failed to consider its massive, overlooked mi-',
      '<sup>1.</sup> See Ministry of Manpower, Annual Report 2019, at 4.',
      'grant worker population living in dormitories.',
    ].join('\n\n');
    expect(faithful('its massive, overlooked migrant worker population living in dormitories', source)).toBe(true);
  });

  it('GIVEN a quote needing exactly 3 pieces THEN it is faithful, and one needing 4 THEN it is not', () => {
    const source = 'Alpha bravo charlie [1] delta echo foxtrot [2] golf hotel india [3] juliet kilo lima.';
    expect(faithful('Alpha bravo charlie delta echo foxtrot golf hotel india', source)).toBe(true);
    expect(faithful('Alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima', source)).toBe(false);
  });

  it('GIVEN pieces that occur only out of order THEN it is not faithful', () => {
    expect(faithful('golf hotel india alpha bravo charlie', 'alpha bravo charlie; golf hotel india')).toBe(false);
  });

  it('GIVEN a word the source does not have THEN it is not faithful', () => {
    expect(faithful('alpha bravo zulu charlie delta', 'alpha bravo charlie delta')).toBe(false);
  });

  it('GIVEN the longest prefix occurs only late while a shorter one allows a split THEN the exact search still finds it', () => {
    // Greedy longest-prefix matching takes "abc" at the end and fails; "ab" + "cdef" is a valid split.
    expect(faithful('abcdef', 'ab X cdef Y abc')).toBe(true);
    // Same trap with three pieces: "ab" + "cd" + "ef".
    expect(faithful('abcdef', 'ab X cd Y ef Z abc')).toBe(true);
  });

  it('GIVEN a quote with no letters or digits THEN it is not faithful (nothing to verify)', () => {
    expect(faithful('— … —', 'anything')).toBe(false);
  });
});

describe('isFaithful on a real corpus file', () => {
  const file = path.resolve(import.meta.dirname, '../../corpus/chuang-iom-and-new-global-migration-governance.txt');
  const source = readFileSync(file, 'utf8');
  const norm = lettersAndDigits(source);

  it('GIVEN the page-broken, footnoted opening of Chuang rejoined and cleaned THEN it is faithful', () => {
    // Line 11 ends "overlooked mi-"; the text resumes "grant worker population.<sup>2</sup> Migrant workers…" after the notes.
    expect(source).toContain('massive, overlooked mi-');
    expect(source).toContain('grant worker population.<sup>2</sup> Migrant workers represent');
    const quote = "the government's failure to consider the impact of COVID-19 on its massive, overlooked migrant worker population. Migrant workers represent thirty-eight percent of Singapore's total workforce";
    expect(isFaithful(quote, norm)).toBe(true);
  });

  it('GIVEN the same quote with one word changed THEN it is not faithful', () => {
    const quote = "the government's failure to consider the impact of COVID-19 on its massive, overlooked migrant worker population. Migrant workers represent forty-eight percent of Singapore's total workforce";
    expect(isFaithful(quote, norm)).toBe(false);
  });
});
