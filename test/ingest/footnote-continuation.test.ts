import { describe, expect, it } from 'vitest';
import { parseConvertedText } from '../../src/core/ingest/converted-text.js';

/**
 * Two printed pages: page 1's body and notes, then page 2's body, the rest of a note cut at the end of page 1
 * (no marker), and page 2's own note. `cut` ends page 1's last note; `body2` is page 2's body; `rest` is the
 * line the converter placed at the top of page 2's footnote block.
 */
function twoPages(cut: string, body2: string, rest: string, afterRest: string[] = []) {
  const text = [
    '# IOM and the UN: A Paper',
    'Jane Roe and John Doe',
    '## I. Introduction',
    'The report is cited first.¹ Ration cards were issued to the refugees in the camp.²',
    '¹ First note (2016).',
    `² ${cut}`,
    body2,
    rest,
    ...afterRest,
    '³ Third note (2017).',
    'The last page cites a third note.³',
  ].join('\n\n');
  const doc = parseConvertedText(text, 'two-pages.txt');
  return {
    note2: doc.footnotes.find((f) => f.n === 2)!,
    body: doc.blocks.filter((b) => b.kind !== 'heading').map((b) => b.text),
    doc,
  };
}

const CUT = 'The Council raised the issue of nationals living in the camp, the result of';

describe('a footnote continued across a page break', () => {
  it('GIVEN a note cut at a page end WHEN the next page ends a sentence and the rest of the note starts lowercase THEN the rest and its citation line join the note', () => {
    const { note2, body } = twoPages(CUT, 'The statistics provisions are discussed next.', 'which was a substantial diminution of support for the camp.', [
      '<http://example.org/report.pdf> visited 22 February 2017.',
    ]);
    expect(note2.text.replace(/\s+/g, ' ')).toBe(
      `${CUT} which was a substantial diminution of support for the camp. <http://example.org/report.pdf> visited 22 February 2017.`,
    );
    expect(note2.spans.map((s) => s.line)).toEqual([11, 15, 17]);
    expect(body).toEqual([
      'The report is cited first. Ration cards were issued to the refugees in the camp.',
      'The statistics provisions are discussed next.',
      'The last page cites a third note.',
    ]);
  });

  it('GIVEN a note that stops on a function word WHEN the rest of it starts with a capital THEN it still joins the note', () => {
    const { note2, body } = twoPages(CUT, 'The statistics provisions are discussed next.', 'Dadaab, the largest camp, and its host community.');
    expect(note2.text).toBe(`${CUT} Dadaab, the largest camp, and its host community.`);
    expect(body).not.toContain('Dadaab, the largest camp, and its host community.');
  });

  it('GIVEN the page before the note block ends mid-sentence THEN the rest of the note joins it and the body continues after the block', () => {
    const { note2, body } = twoPages(CUT, 'The statistics provisions are discussed in the', 'which was a substantial diminution of support for the camp.');
    expect(note2.text).toBe(`${CUT} which was a substantial diminution of support for the camp.`);
    expect(body).toContain('The statistics provisions are discussed in the The last page cites a third note.');
  });

  it('GIVEN a finished note THEN a capitalised, reference-free paragraph before the next block stays body text', () => {
    const { note2, body } = twoPages('Second note (2016).', 'The statistics provisions are discussed next.', 'Dadaab is the largest camp of the region.');
    expect(note2.text).toBe('Second note (2016).');
    expect(body).toContain('Dadaab is the largest camp of the region.');
  });

  it('GIVEN a note cut mid-word THEN a capitalised paragraph before the next block stays body text', () => {
    const { note2, body } = twoPages('The Council raised the issue of bilat-', 'The statistics provisions are discussed next.', 'Most critically, the camp was closed.');
    expect(note2.text).toBe('The Council raised the issue of bilat-');
    expect(body).toContain('Most critically, the camp was closed.');
  });

  it('GIVEN a body lead-in ending with a colon THEN a lowercase quotation before the next block is a block quote, not the unfinished note', () => {
    const { note2, doc } = twoPages('The Council raised the issue of nationals living in the camp', 'The statute provides as follows:', 'to protect the rights of migrants in the camp.');
    expect(note2.text).toBe('The Council raised the issue of nationals living in the camp');
    expect(doc.blocks.find((b) => b.kind === 'block_quote')?.text).toBe('to protect the rights of migrants in the camp.');
  });
});
