import { describe, expect, it } from 'vitest';
import { analysePassage, answerShape, selectSpan } from '../../src/core/answer/select.js';
import { entityWords, quotedPhrases, tokenize } from '../../src/core/text/tokenize.js';
import type { QueryTerms } from '../../src/core/retrieve/search.js';

/** A query of the question's own terms, each weighted 1, with a flat idf. */
function query(question: string): QueryTerms {
  const own = tokenize(question);
  return { weights: new Map(own.map((t) => [t, 1])), own, text: question, question };
}
const idf = () => 1;

describe('question analysis', () => {
  it('GIVEN chat fillers, contractions and U.N.-style acronyms THEN only topic words remain, stemmed and spelled alike', () => {
    expect(tokenize("roughly what fraction of the U.N.'s reports even bring up IOM?")).toEqual(['fraction', 'un', 'report', 'bring', 'iom']);
    expect(tokenize('the organisation organizes programmes')).toEqual(tokenize('the organization organizes programs'));
    expect(tokenize("didn't they actually say")).toEqual([]);
  });

  it('GIVEN a question THEN its named things and quoted phrases are found', () => {
    expect(entityWords('when did IOM join the United Nations in Geneva?')).toEqual(['IOM', 'United', 'Nations', 'Geneva']);
    expect(quotedPhrases('find "the interests of migrants" please')).toEqual([' the interests of migrants ']);
  });

  it('GIVEN how the question asks THEN the shape of its answer (a number, a year, a place, a definition)', () => {
    expect(answerShape('roughly what fraction of reports mention IOM?')?.test('27.8%')).toBe(true);
    expect(answerShape('how many states signed?')?.test('one hundred and fifty-two')).toBe(true);
    expect(answerShape('when did IOM join the UN?')?.test('in 2016')).toBe(true);
    expect(answerShape('where is ICMPD headquartered?')?.test('based in Vienna')).toBe(true);
    expect(answerShape('what does GCM stand for?')?.test('Global Compact for Migration (GCM)')).toBe(true);
    expect(answerShape('why did the ILO lose out?')).toBeNull();
  });
});

describe('choosing the sentences to quote', () => {
  const passage =
    'The agency grew quickly after the war. ' +
    'It opened offices in many countries during the 1990s. ' +
    'In 2016 the agency joined the United Nations system as a related organization. ' +
    'Critics said little about the change at the time. ' +
    'Later reports questioned what the new status meant for migrants.';

  it('GIVEN a question THEN the quote holds the answering sentence, whole, as an exact slice of the passage', () => {
    const span = selectSpan(passage, query('when did the agency join the United Nations?'), idf);
    const text = passage.slice(span.start, span.end);
    expect(text).toContain('In 2016 the agency joined the United Nations system as a related organization.');
    expect(text).toMatch(/^[A-Z]/);
    expect(text).toMatch(/\.$/);
    expect(span.coverage).toBeGreaterThan(0.5);
    expect(text.split(/\s+/).length).toBeLessThanOrEqual(60);
  });

  it('GIVEN a date question THEN the sentence with a year beats one that only shares words', () => {
    const text = 'The agency and its members debated membership for years. The agency became a member in 2016.';
    const span = selectSpan(text, query('when did the agency become a member?'), idf);
    expect(text.slice(...(span.core ?? [span.start, span.end]))).toBe('The agency became a member in 2016.');
  });

  it('GIVEN breaks in the passage (removed markers, page joins) THEN a quote never spans more than two of them', () => {
    const breaks = [20, 60, 100, 140, 200];
    const span = selectSpan(passage, query('what did critics and later reports say about the agency joining?'), idf, { breaks });
    expect(breaks.filter((b) => b > span.start && b < span.end).length).toBeLessThanOrEqual(2);
  });
});

describe('sentence choice with the index vectors', () => {
  // three orthogonal directions stand for three topics; the index's unit i is sentences i and i+1 together
  const e = (i: number) => [0, 1, 2].map((k) => (k === i ? 1 : 0));
  const text = 'Bees make honey in summer. Colonies swarm in spring. Keepers record each swarm in a book. Winter is quiet.';

  it('GIVEN pair vectors where the two pairs around one sentence are closest THEN that sentence, not a neighbour in one of them, is the answer', () => {
    // units (1,2) and (2,3) are close to the question; sentences 1 and 3 are each in one of them, sentence 2 in both
    const stored = [e(0), e(1), e(1), e(2)];
    const analysis = analysePassage(text, undefined, stored);
    expect(analysis.pairs).toBe(true);
    const span = selectSpan(text, { ...query('what happens then?'), vector: e(1) }, idf, { analysis, queryVector: e(1), weights: { similarity: 1, shape: 0, softWords: 6, maxWords: 90 } });
    expect(text.slice(...span.core!)).toBe('Keepers record each swarm in a book.');
  });

  it('GIVEN vectors of another length than the sentences (an older index) THEN they are not used', () => {
    expect(analysePassage(text, undefined, [e(0)]).vectors).toBeNull();
  });
});
