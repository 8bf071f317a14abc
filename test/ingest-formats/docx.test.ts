import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocx, readCoreProperties } from '../../src/core/ingest/docx.js';
import type { ParsedDocument } from '../../src/core/types.js';
import { makeDocx } from './fixtures.js';

describe('DOCX parser', () => {
  let bytes: Uint8Array;
  let doc: ParsedDocument;
  beforeAll(async () => {
    bytes = await makeDocx();
    doc = await parseDocx(bytes, 'word.docx');
  });

  it('GIVEN core properties THEN title and authors come from them', () => {
    expect(readCoreProperties(bytes)).toEqual({ title: 'A Word Document About Notes', authors: ['Ada Lovelace', 'Alan Turing'] });
    expect(doc.meta).toMatchObject({ title: 'A Word Document About Notes', authors: ['Ada Lovelace', 'Alan Turing'], format: 'docx' });
  });

  it('GIVEN Heading 1 and Heading 2 styles THEN headings and section paths follow them', () => {
    expect(doc.blocks.map((b) => [b.kind, b.text, b.level ?? null, b.section, b.paragraph])).toEqual([
      ['heading', 'Introduction', 1, [], null],
      ['paragraph', 'The body cites a note here and goes on.', null, ['Introduction'], 1],
      ['heading', 'Scope', 2, ['Introduction'], null],
      ['paragraph', 'Bold start then the second note.', null, ['Introduction', 'Scope'], 2],
      ['heading', 'Conclusion', 1, [], null],
      ['paragraph', 'Nothing more to add.', null, ['Conclusion'], 3],
    ]);
  });

  it('GIVEN real Word footnotes THEN their markers are removed and their text is linked to the citing paragraph', () => {
    const first = doc.blocks.find((b) => b.paragraph === 1)!;
    expect(first.footnotes).toEqual([1]);
    expect(first.refs).toEqual([{ n: 1, offset: 'The body cites a note here'.length, form: 'sup' }]);
    expect(doc.footnotes.map((f) => [f.n, f.text, f.citedBy, f.status])).toEqual([
      [1, 'First note: see the annex.', [1], 'ok'],
      [2, 'Second note, with a comma.', [2], 'ok'],
    ]);
    expect(doc.warnings).toEqual([]);
  });
});
