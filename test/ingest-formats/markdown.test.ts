import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/core/ingest/markdown.js';
import { MARKDOWN, wordsTraceable } from './fixtures.js';

describe('Markdown parser', () => {
  const doc = parseMarkdown(MARKDOWN, 'notes.md');
  const byText = (start: string) => doc.blocks.find((b) => b.text.startsWith(start))!;

  it('GIVEN YAML front matter THEN title, authors and other fields come from it', () => {
    expect(doc.meta.title).toBe('Notes on Markdown');
    expect(doc.meta.authors).toEqual(['Grace Hopper', 'Edsger Dijkstra']);
    expect(doc.meta.extra).toEqual({ year: '2021' });
    expect(doc.meta.format).toBe('markdown');
  });

  it('GIVEN ATX and setext headings THEN levels and section paths follow them', () => {
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level, b.section]);
    expect(headings).toEqual([
      ['Notes on Markdown', 1, []],
      ['Setext Section', 2, ['Notes on Markdown']],
      ['Deeper Level', 3, ['Notes on Markdown', 'Setext Section']],
    ]);
    expect(byText('Snake_case').section).toEqual(['Notes on Markdown', 'Setext Section', 'Deeper Level']);
  });

  it('GIVEN inline markup and a wrapped line THEN markup goes, wording stays, lines join with one space', () => {
    expect(byText('The first paragraph').text).toBe(
      'The first paragraph has bold, emphasis and code, and it wraps onto a second line with a link and a note.',
    );
    expect(byText('Snake_case').text).toBe('Snake_case_words and 5 * 3 stay as they are.');
  });

  it('GIVEN lists, a block quote and a pipe table THEN each becomes a block of its kind, numbered in order', () => {
    const kinds = doc.blocks.filter((b) => b.kind !== 'heading').map((b) => [b.kind, b.paragraph, b.text]);
    expect(kinds).toEqual([
      ['paragraph', 1, expect.any(String)],
      ['list_item', 2, 'an item with a note'],
      ['list_item', 3, 'another item'],
      ['list_item', 4, 'a numbered item'],
      ['block_quote', 5, 'A block quote that spans two lines.'],
      ['table', 6, 'Term\tMeaning\none\tfirst'],
      ['paragraph', 7, expect.any(String)],
    ]);
  });

  it('GIVEN [^n] references and definitions THEN markers are removed and footnotes link both ways', () => {
    const first = byText('The first paragraph');
    expect(first.footnotes).toEqual([1]);
    expect(first.refs?.[0]?.offset).toBe(first.text.length);
    expect(byText('an item').footnotes).toEqual([2]);
    expect(doc.footnotes.map((f) => [f.n, f.text, f.citedBy, f.status])).toEqual([
      [1, 'The first note.', [1], 'ok'],
      [2, 'The second note, continued on an indented line.', [2], 'ok'],
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it('GIVEN any block THEN its spans point at the source lines it came from', () => {
    const heading = doc.blocks.find((b) => b.text === 'Setext Section')!;
    const span = heading.spans[0]!;
    expect(MARKDOWN.slice(span.start, span.end)).toBe('Setext Section');
    expect(MARKDOWN.split('\n')[span.line - 1]).toBe('Setext Section');
    const quote = byText('A block quote');
    expect(quote.spans.map((s) => MARKDOWN.slice(s.start, s.end))).toEqual(['A block quote that', 'spans two lines.']);
  });

  it('GIVEN any block or footnote THEN its words can be found, in order, in the source its spans point at', () => {
    for (const unit of [...doc.blocks, ...doc.footnotes]) expect(wordsTraceable(unit.text, MARKDOWN, unit.spans), unit.text).toBe(true);
    expect(wordsTraceable('bold The first', MARKDOWN, doc.blocks[1]!.spans)).toBe(false);
  });

  it('GIVEN named footnote labels and a reference without a definition THEN labels get free numbers and the gap is reported', () => {
    const d = parseMarkdown('# T\n\nOne[^a] two[^2] three[^b] four[^9].\n\n[^a]: A.\n[^2]: Two.\n[^b]: B.\n', 'x.md');
    expect(d.blocks[1]!.footnotes).toEqual([1, 2, 3, 9]);
    expect(d.footnotes.map((f) => [f.n, f.status])).toEqual([[1, 'ok'], [2, 'ok'], [3, 'ok'], [9, 'missing_body']]);
    expect(d.warnings).toEqual(['x.md: footnote 9 is referenced but its text is missing']);
  });

  it('GIVEN plain text without front matter or H1 THEN the first line is the title and authors are empty', () => {
    const d = parseMarkdown('A plain title line\n\nA paragraph of plain text\nwrapped once.\n', 'p.txt', 'text');
    expect(d.meta).toMatchObject({ title: 'A plain title line', authors: [], format: 'text' });
    expect(d.blocks.map((b) => b.text)).toEqual(['A plain title line', 'A paragraph of plain text wrapped once.']);
  });
});

describe('Markdown parser edge cases', () => {
  it('GIVEN a "a | b" line underlined with --- THEN it is a setext heading, not a one-column table', () => {
    const d = parseMarkdown('Title | Subtitle\n---\n\nBody text here.\n', 't.md');
    expect(d.blocks.map((b) => [b.kind, b.text])).toEqual([['heading', 'Title | Subtitle'], ['paragraph', 'Body text here.']]);
  });

  it('GIVEN escapes, entities and inline HTML THEN only the markup is removed', () => {
    const d = parseMarkdown('A snake\\_case &quot;word&quot; with x<sup>2</sup> and <em>em</em> and **bold *nested* text**.\n', 'e.md');
    expect(d.blocks[0]!.text).toBe('A snake_case "word" with x and em and bold nested text.');
    expect(d.blocks[0]!.footnotes).toEqual([2]);
  });
});
