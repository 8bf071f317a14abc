import { describe, expect, it } from 'vitest';
import { DocumentBuilder } from '../../src/core/ingest/document-builder.js';

const meta = { file: 'x.txt', format: 'text' as const, title: 'T', authors: [] };
const at = (line: number) => [{ line, start: 0, end: 1 }];

describe('DocumentBuilder', () => {
  it('GIVEN a block cites one note twice THEN the note is listed once among its footnotes', () => {
    const b = new DocumentBuilder('x.txt');
    b.block({ kind: 'paragraph', text: 'a b', spans: at(1), refs: [{ n: 1, offset: 1, form: 'sup' }, { n: 1, offset: 3, form: 'sup' }] });
    b.footnote({ n: 1, text: 'note', spans: at(2) });
    expect(b.build(meta).blocks[0]!.footnotes).toEqual([1]);
  });

  it('GIVEN an unnumbered table between paragraphs THEN only the paragraphs are numbered, and a block quote keeps its lead-in', () => {
    const b = new DocumentBuilder('x.txt');
    const lead = b.block({ kind: 'paragraph', text: 'As the report put it:', spans: at(1) });
    expect(b.block({ kind: 'table', text: 'a\tb', spans: at(2), numbered: false })).toBeNull();
    b.block({ kind: 'block_quote', text: 'A quotation.', spans: at(3), leadIn: lead!, joins: [4] });
    const doc = b.build(meta);
    expect(doc.blocks.map((x) => x.paragraph)).toEqual([1, null, 2]);
    expect(doc.blocks[2]).toMatchObject({ leadIn: 1, joins: [4] });
  });

  it('GIVEN contiguous numbering and summary warnings THEN a gap is a missing body and lost references are counted once', () => {
    const b = new DocumentBuilder('x.txt');
    b.block({ kind: 'paragraph', text: 'cites 1', spans: at(1), refs: [{ n: 1, offset: 7, form: 'sup' }] });
    for (const n of [1, 3, 4]) b.footnote({ n, text: `note ${n}`, spans: at(10 + n) });
    const doc = b.build(meta, { contiguousNotes: true, summaryWarnings: true });
    expect(doc.footnotes.map((f) => [f.n, f.status])).toEqual([
      [1, 'ok'],
      [2, 'missing_body'],
      [3, 'ref_lost'],
      [4, 'ref_lost'],
    ]);
    expect(doc.warnings).toEqual([
      'x.txt: footnote bodies missing from the source for note(s) 2',
      'x.txt: 2 footnote(s) have no surviving reference in the body (markers lost in conversion)',
    ]);
  });

  it('GIVEN notes cited from outside the blocks and an orphan fragment THEN neither is lost, and the orphan is kept apart', () => {
    const b = new DocumentBuilder('x.txt');
    b.footnote({ n: '*', text: 'Professor of Law.', spans: at(1) });
    b.footnote({ n: 1, text: 'Affiliation.', spans: at(2), joins: [3] });
    b.footnote({ n: '*', text: 'a fragment', spans: at(3), orphan: true });
    b.citedOutsideBlocks(['*', 1]);
    const doc = b.build(meta);
    expect(doc.footnotes.map((f) => [f.n, f.status, f.text])).toEqual([
      ['*', 'ok', 'Professor of Law.'],
      ['*', 'orphan_fragment', 'a fragment'],
      [1, 'ok', 'Affiliation.'],
    ]);
    expect(doc.footnotes[2]!.joins).toEqual([3]);
    expect(doc.warnings).toEqual([]);
  });
});
