import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/core/text/sentences.js';

const split = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('sentence splitting', () => {
  it('GIVEN ordinary prose THEN it splits after full stops, question marks and closing quotes', () => {
    expect(split('IOM grew. Did it change? "Yes," she said. "It did." Then it joined.')).toEqual([
      'IOM grew.',
      'Did it change?',
      '"Yes," she said.',
      '"It did."',
      'Then it joined.',
    ]);
  });
  it('GIVEN legal abbreviations and initialisms THEN it does not split inside them', () => {
    expect(split('See G.A. Res. 73/195 and Id. at 4. The U.N. system, e.g. the ILO, et al. agree. Janie A. Chuang wrote it.')).toEqual([
      'See G.A. Res. 73/195 and Id. at 4.',
      'The U.N. system, e.g. the ILO, et al. agree.',
      'Janie A. Chuang wrote it.',
    ]);
  });
  it('GIVEN any text THEN the sentences tile it: offsets are increasing and point at the text', () => {
    const t = 'One. Two three.  Four five six? Seven';
    const s = splitSentences(t);
    for (let i = 1; i < s.length; i++) expect(s[i]!.start).toBeGreaterThanOrEqual(s[i - 1]!.end);
    expect(s.map((x) => t.slice(x.start, x.end))).toEqual(['One.', 'Two three.', 'Four five six?', 'Seven']);
  });
});
