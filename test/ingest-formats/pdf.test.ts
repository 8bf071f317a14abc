import { beforeAll, describe, expect, it } from 'vitest';
import { parsePdf } from '../../src/core/ingest/pdf.js';
import type { ParsedDocument } from '../../src/core/types.js';
import { makePdf, PDF_PAGES } from './fixtures.js';

describe('PDF parser', () => {
  let doc: ParsedDocument;
  beforeAll(async () => {
    doc = await parsePdf(await makePdf(PDF_PAGES, { title: 'Testing Documents in Practice', author: 'Jane Doe and John Roe' }), 'paper.pdf');
  });
  const para = (n: number) => doc.blocks.find((b) => b.paragraph === n)!;

  it('GIVEN document info THEN title and authors come from it', () => {
    expect(doc.meta).toMatchObject({ title: 'Testing Documents in Practice', authors: ['Jane Doe', 'John Roe'], format: 'pdf' });
  });

  it('GIVEN a running head and page numbers on every page THEN neither appears in any block', () => {
    const all = [...doc.blocks.map((b) => b.text), ...doc.footnotes.map((f) => f.text)];
    expect(all.filter((t) => t.includes('Journal of Synthetic Tests'))).toEqual([]);
    expect(all.filter((t) => /^\d+$/.test(t))).toEqual([]);
  });

  it('GIVEN a paragraph cut at a page break mid-word THEN it is one block, de-hyphenated, on the page where it starts', () => {
    const intro = para(2);
    expect(intro.text).toBe(
      'The introduction begins with a statement that runs across several lines of the page so that the parser has ' +
        'to join the wrapped lines back together into one paragraph, and it keeps going past the bottom of the page, ' +
        'where the last word is hyphenated across the page break before it finally ends with a full stop here, as paragraphs do.',
    );
    expect(intro.page).toBe(1);
    expect(new Set(intro.spans.map((s) => s.line)).size).toBe(6);
  });

  it('GIVEN blocks on later pages THEN each knows its page and paragraph number', () => {
    expect(doc.blocks.filter((b) => b.kind !== 'heading').map((b) => [b.paragraph, b.page, b.text.slice(0, 20)])).toEqual([
      [1, 1, 'This opening paragra'],
      [2, 1, 'The introduction beg'],
      [3, 2, 'A second paragraph o'],
      [4, 2, 'The method section h'],
      [5, 3, 'The third page holds'],
    ]);
  });

  it('GIVEN numbered headings THEN they are headings and open sections', () => {
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.page]);
    expect(headings).toEqual([['Testing Documents in Practice', 1], ['1. Introduction', 1], ['2. Method', 2]]);
    expect(para(4).section).toEqual(['2. Method']);
  });

  it('GIVEN a footnote at the bottom of a page and its trailing-digit reference THEN the note is separated and linked', () => {
    expect(para(1).text).toBe(
      'This opening paragraph explains why the tests exist at all and what it is that they are meant to show about documents.',
    );
    expect(para(1).footnotes).toEqual([1]);
    expect(para(1).refs).toEqual([{ n: 1, offset: para(1).text.length, form: 'bare' }]);
    expect(doc.footnotes).toEqual([
      expect.objectContaining({ n: 1, text: 'Smith, A Book About Tests (2001) 45.', citedBy: [1], status: 'ok', page: 1 }),
    ]);
    expect(doc.blocks.some((b) => b.text.includes('Smith, A Book'))).toBe(false);
  });
});
