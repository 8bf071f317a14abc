import { describe, expect, it } from 'vitest';
import {
  evaluate,
  longestCommonRun,
  median,
  passageHit,
  percentile,
  quoteHit,
  scoreTokens,
  wordCount,
} from '../../src/core/eval/metrics.js';
import { formatReport } from '../../src/core/eval/format.js';
import { answered, item, notFound, quote, words } from './helpers.js';

describe('scoreTokens', () => {
  it('GIVEN footnote markers, curly quotes, capitals and punctuation THEN only lowercase words and numbers remain', () => {
    expect(scoreTokens('The “IOM’s” mandate<sup>12</sup> (1951)—renewed.³⁴ U.N.')).toEqual([
      'the', 'iom', 's', 'mandate', '1951', 'renewed', 'u', 'n',
    ]);
  });

  it('GIVEN letters outside ASCII THEN they stay inside their word', () => {
    expect(scoreTokens('François Crépeau, Überblick')).toEqual(['françois', 'crépeau', 'überblick']);
    expect(scoreTokens('Cre\u0301peau')).toEqual(['crépeau']);
  });

  it('GIVEN a marker glued between two words THEN the words stay apart', () => {
    expect(scoreTokens('law¹and order<sup>2.</sup>then')).toEqual(['law', 'and', 'order', 'then']);
  });

  it('GIVEN two token lists THEN longestCommonRun is the longest shared consecutive run', () => {
    expect(longestCommonRun(['a', 'b', 'c', 'x', 'a', 'b'], ['z', 'a', 'b', 'c', 'd'])).toBe(3);
    expect(longestCommonRun([], ['a'])).toBe(0);
  });
});

describe('passageHit', () => {
  const gold = words(10); // 10 tokens
  it('GIVEN a passage holding exactly 60% of the gold tokens as one run THEN it is a hit', () => {
    expect(passageHit(`Intro text. ${words(6)} and then something else.`, gold)).toBe(true);
  });
  it('GIVEN 50% as one run THEN it is not a hit', () => {
    expect(passageHit(`Intro ${words(5)} end`, gold)).toBe(false);
  });
  it('GIVEN 80% of the tokens split into two runs of 40% THEN it is not a hit (the run must be contiguous)', () => {
    expect(passageHit(`${words(4)} interruption ${words(4, 5)}`, gold)).toBe(false);
  });
  it('GIVEN a 5-token gold quote and a 3-token run (exactly 60%) THEN it is a hit', () => {
    expect(passageHit(`x ${words(3)} y`, words(5))).toBe(true);
    expect(passageHit(`x ${words(2)} y`, words(5))).toBe(false);
  });
});

describe('quoteHit', () => {
  it('GIVEN short texts THEN at least 5 shared tokens are needed even when that exceeds half', () => {
    const gold = words(8);
    expect(quoteHit(`Also ${words(5)} here`, gold)).toBe(true);
    expect(quoteHit(`Also ${words(4)} here`, gold)).toBe(false);
    // A 4-token quote wholly inside the gold still misses: below the floor of 5.
    expect(quoteHit(words(4), gold)).toBe(false);
  });

  it('GIVEN long texts THEN at least half of the shorter one is needed', () => {
    const gold = words(30);
    expect(quoteHit(`${words(15)} ${words(15, 100)}`, gold)).toBe(true);
    expect(quoteHit(`${words(14)} ${words(16, 100)}`, gold)).toBe(false);
  });

  it('GIVEN a quote shorter than the gold THEN half of the quote is what counts', () => {
    const gold = words(40);
    expect(quoteHit(`${words(6, 10)} ${words(6, 200)}`, gold)).toBe(true); // 6 of 12
    expect(quoteHit(`${words(5, 10)} ${words(7, 200)}`, gold)).toBe(false); // 5 of 12 < 6
  });
});

describe('median, percentile, wordCount', () => {
  it('GIVEN numbers THEN median averages the middle two and percentiles use nearest rank', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    const ms = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(percentile(ms, 50)).toBe(100);
    expect(percentile(ms, 95)).toBe(190);
    expect(percentile([7], 95)).toBe(7);
  });
  it('GIVEN a quote with dashes and markers THEN wordCount counts whitespace words with a letter or digit', () => {
    expect(wordCount('In 1951 — as PICMME — it began.')).toBe(6);
  });
});

describe('evaluate', () => {
  const g1 = `Italy ${words(12)} reduced the maximum detention time.`;
  const g2 = `The footnote says ${words(10, 50)} in passing.`;
  const g3 = `A third gold ${words(9, 80)} passage here.`;
  const items = [
    item('a', 'fact', [g1, 'An alternative accepted passage that is never returned by anyone at all.']),
    item('b', 'fact', [g2]),
    item('c', 'footnote', [g3]),
    item('d', 'footnote', [g1]),
    item('u1', 'unanswerable', []),
    item('u2', 'unanswerable', []),
  ];
  const off = (n: number) => quote(`Unrelated ${words(8, 500 + n * 20)}.`);
  const answers = [
    // a: quote hit at 1, passage hit at 1.
    answered([quote(words(8), `Before. ${g1} After.`), off(1)], 100),
    // b: quote hit at 3 (first 5), passage hit at 3.
    answered([off(2), off(3), quote(g2.slice(0, 60), g2), off(4)], 300),
    // c: the hit is the 6th quote: no quote hit in 5, but passage hit at 6 (MRR 1/6).
    answered([off(5), off(6), off(7), off(8), off(9), quote(g3)], 200),
    // d: false abstention, though its closest passage would have been a hit.
    notFound([quote(g1)], 50),
    // u1: correct abstention; u2: answered anyway.
    notFound([], 20),
    answered([off(10)], 400),
  ];
  const report = evaluate(items, answers, new Map());

  it('GIVEN hits at known ranks THEN quote_hit@5, passage_hit@1/@5 and MRR@10 follow the README', () => {
    const o = report.overall;
    expect(o.answerable).toBe(4);
    expect(o.quoteHitAt5).toBe(2 / 4);
    expect(o.passageHitAt1).toBe(1 / 4);
    expect(o.passageHitAt5).toBe(2 / 4);
    expect(o.mrrAt10).toBeCloseTo((1 + 1 / 3 + 1 / 6 + 0) / 4, 10);
    expect(report.items.map((r) => [r.id, r.quoteHitRank, r.passageHitRank])).toEqual([
      ['a', 1, 1],
      ['b', 3, 3],
      ['c', null, 6],
      ['d', null, null],
      ['u1', null, null],
      ['u2', null, null],
    ]);
  });

  it('GIVEN abstentions THEN abstention and false abstention count not_found among unanswerable and answerable', () => {
    expect(report.overall.abstention).toBe(1 / 2);
    expect(report.overall.falseAbstention).toBe(1 / 4);
    expect(report.byKind.unanswerable!.abstention).toBe(1 / 2);
    expect(report.byKind.unanswerable!.quoteHitAt5).toBeNull();
    expect(report.byKind.fact!.abstention).toBeNull();
    expect(report.byKind.footnote!.falseAbstention).toBe(1 / 2);
  });

  it('GIVEN kinds THEN each kind has its own metrics and counts, in first-appearance order', () => {
    expect(Object.keys(report.byKind)).toEqual(['fact', 'footnote', 'unanswerable']);
    expect(report.byKind.fact).toMatchObject({ questions: 2, quoteHitAt5: 1, passageHitAt1: 0.5, latencyP50: 100, latencyP95: 300 });
    expect(report.byKind.footnote).toMatchObject({ questions: 2, quoteHitAt5: 0, mrrAt10: 1 / 12 });
  });

  it('GIVEN latencies and quotes THEN p50/p95 and median words come from Answer.ms and the shown quotes', () => {
    expect(report.overall.latencyP50).toBe(100);
    expect(report.overall.latencyP95).toBe(400);
    // Shown quotes only (not closest): 2 + 4 + 6 + 1 = 13 quotes; all but two have 9 words.
    expect(report.overall.medianQuoteWords).toBe(9);
  });

  it('GIVEN no source files THEN every quote and closest passage is reported unfaithful as source_missing', () => {
    expect(report.overall.quotesChecked).toBe(14);
    expect(report.overall.fidelity).toBe(0);
    expect(report.unfaithful.every((u) => u.reason === 'source_missing' && u.file === 'doc.txt')).toBe(true);
  });

  it('GIVEN the sources THEN fidelity checks quotes against the file named by the quote', () => {
    const source = [g1, g2, g3, ...Array.from({ length: 11 }, (_, n) => `Unrelated ${words(8, 500 + n * 20)}.`)].join('\n\n');
    const r = evaluate(items, answers, new Map([['doc.txt', source]]));
    expect(r.unfaithful).toEqual([]);
    expect(r.overall.fidelity).toBe(1);
  });

  it('GIVEN mismatched lists THEN evaluate refuses with BAD_INPUT', () => {
    expect(() => evaluate(items, answers.slice(1), new Map())).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('GIVEN a report THEN formatReport prints an aligned row per group with counts, and names misses', () => {
    const text = formatReport(report);
    const lines = text.split('\n');
    const header = lines[0]!;
    expect(header).toMatch(/^group\s+n\s+ans\s+quote@5\s+pass@1\s+pass@5\s+MRR@10\s+abstain\s+false-abst\s+fidelity\s+words\s+p50 ms\s+p95 ms$/);
    const row = (name: string) => lines.find((l) => l.startsWith(name + ' '))!;
    expect(row('overall').split(/\s+/)).toEqual(['overall', '6', '4', '0.50', '0.25', '0.50', '0.38', '0.50', '0.25', '0.00', '9', '100', '400']);
    expect(row('unanswerable').split(/\s+/)).toEqual(['unanswerable', '2', '0', '-', '-', '-', '-', '0.50', '-', '0.00', '9', '20', '400']);
    // Right-aligned columns end at the same offset on every table row.
    const tableRows = [header, row('overall'), row('fact'), row('footnote'), row('unanswerable')];
    expect(new Set(tableRows.map((l) => l.length)).size).toBe(1);
    expect(text).toContain('no quote hit in the first 5 (2): c d');
    expect(text).toContain('answered although unanswerable (1): u2');
    expect(text).toContain('UNFAITHFUL QUOTES (14)');
  });
});
