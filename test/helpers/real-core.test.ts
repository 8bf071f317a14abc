/**
 * The verbatim check the real-core end-to-end tests rely on must be able to fail: corpus text passes
 * (with footnote markers and page breaks in between), altered text does not.
 */
import { describe, expect, it } from 'vitest';
import { isVerbatimInCorpus } from './real-core.js';

/** A gold quote of dev question q006 (test/eval/dev.jsonl); in the file a footnote marker follows it. */
const GOLD =
  'The IOM seconded consultants and staff to the Turkish government\'s then-new "migration management" bureau, while also recruiting Turkish "bordercrats" to work at IOM headquarters';

describe('isVerbatimInCorpus', () => {
  it('GIVEN a sentence of the corpus, with or without its punctuation THEN it is verbatim', () => {
    expect(isVerbatimInCorpus(GOLD)).toBe(true);
    expect(isVerbatimInCorpus(GOLD.replace(/["']/g, ''))).toBe(true);
  });

  it('GIVEN the same sentence with words changed, or text from nowhere THEN it is not', () => {
    expect(isVerbatimInCorpus(GOLD.replace('staff', 'penguins'))).toBe(false);
    expect(isVerbatimInCorpus(GOLD.replace('consultants', 'lawyers').replace('headquarters', 'embassies'))).toBe(false);
    expect(isVerbatimInCorpus('Amy Pope became IOM Director General on 1 October 2023, succeeding António Vitorino.')).toBe(false);
  });
});
