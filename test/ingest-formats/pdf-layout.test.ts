import { describe, expect, it } from 'vitest';
import { pdfLayout } from '../../src/core/ingest/pdf-layout.js';

const text = (lines: { text: string }[]) => lines.map((l) => l.text);

describe('PDF page heuristics', () => {
  it('GIVEN running heads whose page numbers differ and bare page numbers THEN both are removed', () => {
    const pages = [
      'Review of Tests 3\nA body line on the first page that is long enough to be body text.\niii',
      '4 Review of Tests\nA body line on the second page that is long enough to be body text.\n- 4 -',
      'Review of Tests 5\nA body line on the third page that is long enough to be body text.\nPage 5 of 9',
    ];
    const { body } = pdfLayout(pages);
    expect(text(body)).toEqual([
      'A body line on the first page that is long enough to be body text.',
      'A body line on the second page that is long enough to be body text.',
      'A body line on the third page that is long enough to be body text.',
    ]);
    expect(body.map((l) => l.page)).toEqual([1, 2, 3]);
  });

  it('GIVEN a line that repeats on fewer than half the pages THEN it is kept', () => {
    const pages = ['Only Once Here\nBody one.', 'Other top\nBody two.', 'Third top\nBody three.'];
    expect(text(pdfLayout(pages).body)).toContain('Only Once Here');
  });

  it('GIVEN notes at page bottoms with glued and superscript references THEN notes continue the sequence across pages', () => {
    const pages = [
      'Text that cites a source,1 and then another one.²\n1 First note,\nwrapped over two lines.\n2 Second note.',
      'More text that cites the third source.3 It also says 1999 and 4 things.\n3. Third note.',
    ];
    const { body, notes, warnings } = pdfLayout(pages);
    expect(text(body)).toEqual(['Text that cites a source, and then another one.', 'More text that cites the third source. It also says 1999 and 4 things.']);
    expect(body[0]!.refs).toEqual([
      { n: 1, offset: 'Text that cites a source,'.length, form: 'bare' },
      { n: 2, offset: 'Text that cites a source, and then another one.'.length, form: 'unicode' },
    ]);
    expect(notes.map((n) => [n.n, n.page, n.lines.map((l) => l.text)])).toEqual([
      [1, 1, ['First note,', 'wrapped over two lines.']],
      [2, 1, ['Second note.']],
      [3, 2, ['Third note.']],
    ]);
    expect(warnings).toEqual([]);
  });

  it('GIVEN a numbered line that nothing above cites THEN it stays in the body', () => {
    const { body, notes } = pdfLayout(['Some body text without any marker at all.\n1 This is a numbered line, not a note.']);
    expect(notes).toEqual([]);
    expect(body).toHaveLength(2);
  });

  it('GIVEN a skipped note number THEN the gap is reported', () => {
    const { notes, warnings } = pdfLayout(['Cites one.1\n1 Note one.', 'Cites three.3\n3 Note three.']);
    expect(notes.map((n) => n.n)).toEqual([1, 3]);
    expect(warnings).toEqual(['footnote 2 not found at the page bottoms']);
  });

  it('GIVEN short lines after a paragraph end THEN numbered and Title Case lines become headings with levels', () => {
    const pages = [
      [
        'Introduction to the Problem',
        'A long line of body text that fills most of the width of the printed page here.',
        'It ends here.',
        '2.1 A Numbered Subsection',
        'More body text that fills most of the width of the printed page as before, too.',
        'and a wrapped Line That Looks Like Title Case',
        'continues the same paragraph without a break.',
      ].join('\n'),
    ];
    const { body } = pdfLayout(pages);
    expect(body.filter((l) => l.heading).map((l) => [l.text, l.heading])).toEqual([
      ['Introduction to the Problem', 1],
      ['2.1 A Numbered Subsection', 2],
    ]);
    expect(body.find((l) => l.text === 'It ends here.')!.endsParagraph).toBe(true);
  });
});
