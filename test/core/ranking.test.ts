/**
 * The ranking stages on deterministic fakes: options and their overrides, which documents a named author
 * points to, the relevance bar, the notes an answer carries, and abstention without a model verdict.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearingBar, figuresOf, mentionChecker } from '../../src/core/answer/build.js';
import { createCore, type QuotebotCore } from '../../src/core/core.js';
import { ensureIndex, type LoadedIndex } from '../../src/core/index/store.js';
import { silentLogger } from '../../src/core/logger.js';
import { DEFAULT_RANKING, parseRankingSettings, rankingOptions } from '../../src/core/ranking-options.js';
import type { Answer } from '../../src/core/types.js';
import { answerNotes } from '../../src/adapters/shared/messages.js';
import { minisearchLexical } from '../../src/providers/minisearch-lexical.js';
import { countingEmbedders, fixtureIndexOptions, fixtureProject, type FixtureProject } from './index-fixtures.js';

describe('ranking options', () => {
  it('GIVEN overrides THEN they merge over the defaults group by group, leaving the defaults untouched', () => {
    const r = rankingOptions({ fusion: { vector: 9 }, answering: { relevanceShare: 0 } });
    expect(r.fusion.vector).toBe(9);
    expect(r.fusion.lexical).toBe(DEFAULT_RANKING.fusion.lexical);
    expect(r.answering.relevanceShare).toBe(0);
    expect(DEFAULT_RANKING.fusion.vector).not.toBe(9);
  });

  it('GIVEN --set settings THEN group.name=number parses, and an unknown name or a non-number is refused by name', () => {
    expect(parseRankingSettings(['fusion.vector=1.2', 'evidence.threshold=-0.5'])).toEqual({ fusion: { vector: 1.2 }, evidence: { threshold: -0.5 } });
    expect(() => parseRankingSettings(['fusion.nope=1'])).toThrow(/fusion\.nope=1/);
    expect(() => parseRankingSettings(['nope.vector=1'])).toThrow(/nope\.vector/);
    expect(() => parseRankingSettings(['fusion.vector=high'])).toThrow(/fusion\.vector=high/);
  });
});

describe('the relevance bar', () => {
  const ranked = (...scores: number[]) => scores.map((score) => ({ score }) as Parameters<typeof clearingBar>[0][number]);
  it('GIVEN scores falling away THEN only those within the share of the best clear it, and never fewer than one', () => {
    expect(clearingBar(ranked(1, 0.9, 0.72, 0.5, 0.4), 0.7)).toBe(3);
    expect(clearingBar(ranked(1, 0.2), 0.7)).toBe(1);
    expect(clearingBar(ranked(1, 0.99, 0.98), 0.7)).toBe(3);
    expect(clearingBar(ranked(1, 0.2, 0.1), 0)).toBe(3);
    expect(clearingBar([], 0.7)).toBe(0);
  });
});

describe('what counts as mentioning a named thing', () => {
  const engine = { index: { acronyms: new Map([['gcm', 'Global Compact for Safe, Orderly and Regular Migration']]) } } as never;
  it('GIVEN an acronym the corpus defines THEN its expansion in any case counts, and a partial one does not', () => {
    expect(mentionChecker(engine, ['States adopted the global compact for safe, orderly and regular migration in 2018.'])('gcm')).toBe(true);
    expect(mentionChecker(engine, ['States adopted the global compact on refugees in 2018.'])('gcm')).toBe(false);
  });
  it('GIVEN a code of letters and a number THEN the numbered name it abbreviates counts ("C97" is "Convention 97")', () => {
    const has = mentionChecker(engine, ['Only 49 States ratified Convention 97, and 23 States Convention No. 143.']);
    expect(has('c97')).toBe(true);
    expect(has('c143')).toBe(true);
    expect(has('c189')).toBe(false);
    expect(has('r97')).toBe(false);
  });
});

describe('figures from different years', () => {
  const quote = (text: string, year: number | null) => ({ text, passage: text, document: { year } }) as never;
  const ranked = (n: number) => Array.from({ length: n }, () => ({ span: {} }) as never);
  const query = (question: string) => ({ question, own: question.toLowerCase().match(/\p{L}+/gu)!.map((w) => w.replace(/s$/, '')), weights: new Map(), text: question });

  it('GIVEN a "how many" question and quotes counting that thing in documents of different years THEN their years, newest first', () => {
    const quotes = [quote('So of the 166 member states of the IOM, 50 are bound.', 2017), quote('The agency was founded in 1951.', 2023), quote('IOM now has 174 member states.', 2023)];
    expect(figuresOf(query('how many member states does IOM have?'), ranked(3), quotes, 0)).toEqual({ figures: [{ n: 3, year: 2023 }, { n: 1, year: 2017 }] });
    expect(figuresOf(query('how many member states does IOM have?'), ranked(3), quotes, 5).figures?.map((f) => f.n)).toEqual([8, 6]);
  });

  it('GIVEN one year only, a number of something else, or a question not asking for a number THEN nothing', () => {
    const same = [quote('IOM has 166 member states.', 2017), quote('IOM had 151 member states.', 2017)];
    expect(figuresOf(query('how many member states does IOM have?'), ranked(2), same, 0)).toEqual({});
    const other = [quote('IOM has 166 member states.', 2017), quote('It runs 470 field offices.', 2023)];
    expect(figuresOf(query('how many member states does IOM have?'), ranked(2), other, 0)).toEqual({});
    const notNumber = [quote('IOM has 166 member states.', 2017), quote('IOM has 174 member states.', 2023)];
    expect(figuresOf(query('what are member states of IOM?'), ranked(2), notNumber, 0)).toEqual({});
  });
});

describe('answer notes', () => {
  const answer = (extra: Partial<Answer>): Answer => ({ question: 'q', status: 'answered', ms: 1, quotes: [{} as never, {} as never], closest: [], ...extra });
  it('GIVEN a partial answer THEN the note names what the corpus does not mention', () => {
    expect(answerNotes(answer({ uncovered: ['Manus'] }), '/more')[0]).toBe('The corpus does not mention Manus; these passages answer the rest of the question.');
    expect(answerNotes(answer({ uncovered: ['Qatar', 'Oman'] }), '/more')[0]).toMatch(/mention Qatar or Oman;/);
  });
  it('GIVEN weak passages held back THEN the note says how few answer closely and how to see more', () => {
    expect(answerNotes(answer({ held: 3 }), '"More passages"')).toEqual(['Only these 2 passages answer closely; "More passages" shows weaker matches.']);
    expect(answerNotes(answer({}), '/more')).toEqual([]);
    expect(answerNotes(answer({ figures: [{ n: 2, year: 2023 }, { n: 1, year: 2017 }] }), '/more')).toEqual([
      'The figures come from different years; newest first: 2023 (quote 2), 2017 (quote 1).',
    ]);
    expect(answerNotes({ ...answer({ held: 2 }), status: 'not_found' }, '/more')).toEqual([]);
  });
});

describe('the core over a small corpus', () => {
  let project: FixtureProject;
  let index: LoadedIndex;
  const core = (ranking = DEFAULT_RANKING): QuotebotCore => createCore({ loadIndex: async () => index, lexical: minisearchLexical, logger: silentLogger(), ranking });

  beforeAll(async () => {
    project = fixtureProject();
    writeFileSync(join(project.corpus, 'bees-bradley.md'), '# Hives\n\nA hive of bees swarms in spring when the colony outgrows its boxes.\n');
    writeFileSync(join(project.corpus, 'bees-two.md'), '# More hives\n\nA hive of bees swarms when a new queen hatches in the colony.\n');
    writeFileSync(
      join(project.corpus, 'catalog.yaml'),
      ['- file: bees-bradley.md', '  title: Hives', '  authors: [Ann Bradley]', '- file: bees-two.md', '  title: More hives', '  authors: [Tom Sherwood, Ann Bradley]', ''].join('\n'),
    );
    index = await ensureIndex(fixtureIndexOptions(project, countingEmbedders()));
  });
  afterAll(() => rmSync(project.dir, { recursive: true, force: true }));

  it('GIVEN a question naming one author of two documents THEN it points to her own document, and both names to the joint one', async () => {
    const e = await core().engine();
    const file = (i: number) => e.index.docs[i]!.meta.file;
    expect([...e.analyse('what does Bradley say about swarms?').docs!].map(file)).toEqual(['corpus/bees-bradley.md']);
    expect([...e.analyse('what do Sherwood and Bradley say about swarms?').docs!].map(file)).toEqual(['corpus/bees-two.md']);
    expect(e.analyse('what is said about swarms?').docs!.size).toBe(0);
  });

  it('GIVEN a strict relevance bar THEN the first page holds back weak quotes, says how many, and the next page starts after what was shown', async () => {
    const strict = core(rankingOptions({ answering: { relevanceShare: 0.99 }, evidence: { threshold: -Infinity } }));
    const first = await strict.ask({ question: 'when do bees swarm from the hive?', k: 4 });
    expect(first.status).toBe('answered');
    expect(first.quotes.length).toBeLessThan(4);
    expect(first.held).toBe(4 - first.quotes.length);
    expect(first.more).toBe(true);
    const next = await strict.ask({ question: 'when do bees swarm from the hive?', k: 4, offset: first.quotes.length });
    expect(next.held).toBeUndefined();
    expect(next.quotes.some((q) => first.quotes.some((f) => f.passageId === q.passageId))).toBe(false);
    const lenient = await core(rankingOptions({ answering: { relevanceShare: 0 }, evidence: { threshold: -Infinity } })).ask({ question: 'when do bees swarm from the hive?', k: 4 });
    expect(lenient.quotes).toHaveLength(4);
    expect(lenient.held).toBeUndefined();
  });

  it('GIVEN an embedder that fails for the question THEN answering rests on the lexical evidence: a covered question is answered, an unknown name is not', async () => {
    const failing = createCore({
      loadIndex: async () => ({ ...index, embedder: { ...index.embedder, embedQuery: async () => Promise.reject(new Error('connect ECONNREFUSED')) } }),
      lexical: minisearchLexical,
      logger: silentLogger(),
    });
    expect((await failing.ask({ question: 'how does a glacier move over its bed?' })).status).toBe('answered');
    expect((await failing.ask({ question: 'how does the Zambezi glacier move?' })).status).toBe('not_found');
  });
});
