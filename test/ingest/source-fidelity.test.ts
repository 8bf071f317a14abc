import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestDirectory } from '../../src/core/ingest/index.js';
import { passagesOf, type Passage } from '../../src/core/index/passages.js';
import type { ParsedDocument, SourceSpan } from '../../src/core/types.js';
import { lineTable, unexplainedRemovals } from '../helpers/source-alignment.js';

const CORPUS = 'corpus';

/** The source lines of each passage, in the order the parser joined them. */
function spansOf(doc: ParsedDocument, passages: Passage[]): Map<string, SourceSpan[]> {
  const body = doc.blocks.filter((b) => b.kind !== 'heading' && b.text.trim());
  const notes = doc.footnotes.filter((f) => f.text.trim() && f.status !== 'missing_body');
  const sources = [...body.map((b) => b.spans), ...notes.map((f) => f.spans)];
  expect(sources.length, doc.meta.file).toBe(passages.length);
  return new Map(passages.map((p, i) => [p.id, sources[i]!]));
}

describe('GIVEN the unaligned-removal checker on small sources', () => {
  const check = (source: string, text: string, refs: { n: number; form: string }[] = [], kind: 'body' | 'footnote' = 'body', note?: number) =>
    unexplainedRemovals(source, lineTable(source), [1], { text, kind, refs, ...(note !== undefined ? { note } : {}) });

  it('WHEN markup and superscript markers are removed THEN nothing is reported', () => {
    expect(check('The IOM<sup>12</sup> was *founded* in 1951.³⁴ It grew &amp; grew.', 'The IOM was founded in 1951. It grew & grew.')).toEqual([]);
  });
  it('WHEN the day of a date is removed THEN it is reported even if the parser called it a reference', () => {
    expect(check('On 25 July 2016, IOM joined.', 'On July 2016, IOM joined.', [{ n: 25, form: 'bare' }])).toHaveLength(1);
  });
  it('WHEN a bare number the passage records as a reference is removed THEN nothing is reported', () => {
    expect(check('worldwide. 49 Held in 2006.', 'worldwide. Held in 2006.', [{ n: 49, form: 'bare' }])).toEqual([]);
  });
  it('WHEN a bare number the passage does not record is removed THEN it is reported', () => {
    expect(check('only 49 States ratified.', 'only States ratified.')).toHaveLength(1);
  });
  it('WHEN a word inside a line is removed THEN it is reported', () => {
    expect(check('the camp was closed quickly.', 'the camp was quickly.')).toHaveLength(1);
  });
  it("WHEN a footnote line loses the note's own number at its start THEN nothing is reported", () => {
    expect(check('- 33. Int\'l Labour Organization.', "Int'l Labour Organization.", [], 'footnote', 33)).toEqual([]);
  });
});

describe('GIVEN every passage the index builds from the shipped corpus', () => {
  const files: { file: string; source: string; doc: ParsedDocument; passages: Passage[] }[] = [];
  beforeAll(async () => {
    const ingested = await ingestDirectory(CORPUS);
    ingested.docs.forEach((doc, i) => {
      const source = readFileSync(doc.meta.file.startsWith(CORPUS) ? doc.meta.file : join(CORPUS, doc.meta.file), 'utf8');
      files.push({ file: doc.meta.file, source, doc, passages: passagesOf(doc, i) });
    });
  });

  it('THEN everything a passage leaves out of its source lines is markup, a confirmed footnote marker or page-break material', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const { file, source, doc, passages } of files) {
      const lines = lineTable(source);
      const spans = spansOf(doc, passages);
      for (const p of passages) {
        const lineNos = spans.get(p.id)!.map((s) => s.line);
        const passage = { text: p.text, kind: p.kind, refs: p.refs, ...(p.note !== undefined ? { note: p.note } : {}) };
        for (const problem of unexplainedRemovals(source, lines, lineNos, passage)) problems.push(`${file} ${p.id}: ${problem}`);
        checked++;
      }
    }
    expect(files).toHaveLength(5);
    expect(checked).toBeGreaterThan(1000);
    expect(problems).toEqual([]);
  });
});
