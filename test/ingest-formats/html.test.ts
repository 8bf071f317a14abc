import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/core/ingest/html.js';
import { HTML, wordsTraceable } from './fixtures.js';

describe('HTML parser', () => {
  const doc = parseHtml(HTML, 'paper.html');

  it('GIVEN citation_title and an author meta THEN they are the title and authors', () => {
    expect(doc.meta).toMatchObject({ title: 'An HTML Paper', authors: ['Jane Doe'], format: 'html', file: 'paper.html' });
  });

  it('GIVEN h1–h3 THEN headings carry levels and open section paths', () => {
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level, b.section])).toEqual([
      ['An HTML Paper', 1, []],
      ['Part One', 2, ['An HTML Paper']],
      ['Detail', 3, ['An HTML Paper', 'Part One']],
    ]);
  });

  it('GIVEN scripts, styles, nav, header and footer chrome THEN none of it becomes text', () => {
    const all = doc.blocks.map((b) => b.text).join('\n');
    for (const chrome of ['never', 'color', 'Home', 'Site banner', 'Copyright']) expect(all).not.toContain(chrome);
  });

  it('GIVEN p, blockquote, li and table THEN blocks of each kind with entities decoded and whitespace joined', () => {
    expect(doc.blocks.filter((b) => b.kind !== 'heading').map((b) => [b.kind, b.paragraph, b.text])).toEqual([
      ['paragraph', 1, 'The opening paragraph & its wrapped line cites a note.'],
      ['block_quote', 2, 'A quoted sentence.'],
      ['list_item', 3, 'First item'],
      ['list_item', 4, 'Second item'],
      ['table', 5, 'Year\tEvent\n1951\tFounded'],
      ['paragraph', 6, 'A paragraph under the third level.'],
    ]);
  });

  it('GIVEN <sup> note markers and a footnotes section THEN markers are removed and notes are linked', () => {
    expect(doc.blocks.find((b) => b.paragraph === 1)!.footnotes).toEqual([1]);
    expect(doc.blocks.find((b) => b.paragraph === 3)!.footnotes).toEqual([2]);
    expect(doc.footnotes.map((f) => [f.n, f.text, f.citedBy, f.status])).toEqual([
      [1, 'The first note.', [1], 'ok'],
      [2, 'The second note.', [3], 'ok'],
    ]);
  });

  it('GIVEN a block THEN its spans point into the HTML source on the right lines', () => {
    const quote = doc.blocks.find((b) => b.kind === 'block_quote')!;
    const span = quote.spans[0]!;
    expect(HTML.slice(span.start, span.end)).toBe('A quoted sentence.');
    expect(HTML.split('\n')[span.line - 1]).toContain('A quoted sentence.');
  });

  it('GIVEN any block or footnote THEN its words can be found, in order, in the HTML its spans point at', () => {
    for (const unit of [...doc.blocks, ...doc.footnotes]) expect(wordsTraceable(unit.text, HTML, unit.spans), unit.text).toBe(true);
  });

  it('GIVEN no citation_title THEN <title> is used; GIVEN neither THEN the first h1', () => {
    expect(parseHtml('<title>Plain Title</title><h1>Heading</h1><p>Body text.</p>', 'a.html').meta.title).toBe('Plain Title');
    expect(parseHtml('<h1>Heading Only</h1><p>Body text.</p>', 'b.html').meta.title).toBe('Heading Only');
  });

  it('GIVEN pandoc-style note links and aside notes THEN they are recognised too', () => {
    const d = parseHtml(
      '<p>Text<a href="#fn1" class="footnote-ref" role="doc-noteref"><sup>1</sup></a> more.</p>' +
        '<aside id="footnote-2"><p>2. An aside note.</p></aside><p>Again<sup>2</sup>.</p>',
      'c.html',
    );
    expect(d.blocks.map((b) => [b.text, b.footnotes])).toEqual([['Text more.', [1]], ['Again.', [2]]]);
    expect(d.footnotes.map((f) => [f.n, f.text, f.status])).toEqual([[1, '', 'missing_body'], [2, 'An aside note.', 'ok']]);
  });
});

describe('HTML parser: MediaWiki-style references', () => {
  it('GIVEN cite_note ids and [n] markers THEN notes are recognised and back-links dropped', () => {
    const d = parseHtml(
      '<h1>Wiki Page</h1><p>Claim.<sup class="reference"><a href="#cite_note-1">[1]</a></sup></p>' +
        '<ol class="references"><li id="cite_note-1"><span><a href="#cite_ref-1">^</a></span> <span>A source, 2020.</span></li></ol>',
      'w.html',
    );
    expect(d.blocks.map((b) => [b.kind, b.text, b.footnotes])).toEqual([['heading', 'Wiki Page', []], ['paragraph', 'Claim.', [1]]]);
    expect(d.footnotes.map((f) => [f.n, f.text, f.citedBy])).toEqual([[1, 'A source, 2020.', [1]]]);
  });
});
