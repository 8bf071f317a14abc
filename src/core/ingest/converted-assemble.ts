/**
 * @module core/ingest/converted-assemble
 * Turns a converted text's page reading (units and notes as source lines) into the document model through
 * the DocumentBuilder: cleans and joins each unit's lines, keeps the offsets where the text is not
 * contiguous in the source, infers lost (bare) references, and finishes notes and warnings.
 */
import type { DocumentMeta, FootnoteRef, ParsedDocument, SourceSpan } from '../types.js';
import { applyBareReferences } from './bare-refs.js';
import { cleanLine, joinParts, plainText, removedOffsets } from './clean.js';
import type { NoteLines, PageReading, Unit } from './converted-pages.js';
import { DocumentBuilder, type BlockInput, type FootnoteInput } from './document-builder.js';
import type { FrontMatter, Line } from './front-matter.js';

export function assembleConverted(file: string, source: string, front: FrontMatter, reading: PageReading, warnings: string[]): ParsedDocument {
  const builder = new DocumentBuilder(file);
  for (const w of [...warnings, ...reading.warnings]) builder.warn(w);
  const inputs = new Map<Unit, BlockInput>();
  for (const item of reading.items) if ('unit' in item) inputs.set(item.unit, unitInput(item.unit, source));
  applyBareReferences([...inputs.values()], highestNote(reading.notes), front.refsOnAuthorLine);
  emitItems(builder, reading, inputs);
  if (front.authorNote) builder.footnote({ n: '*', text: plainText(front.authorNote.raw), spans: [span(front.authorNote)], page: null });
  for (const note of reading.notes) builder.footnote(noteInput(note, source));
  // the author line carries the author note's marker and any affiliation notes' numbers
  builder.citedOutsideBlocks(['*', ...front.refsOnAuthorLine]);
  return builder.build(metaOf(file, front), { contiguousNotes: true, summaryWarnings: true });
}

function emitItems(builder: DocumentBuilder, reading: PageReading, inputs: Map<Unit, BlockInput>): void {
  const paragraphs = new Map<Unit, number | null>();
  for (const item of reading.items) {
    if ('heading' in item) {
      builder.heading(item.heading.text, item.heading.level, [span(item.line)]);
      continue;
    }
    const input = inputs.get(item.unit)!;
    const leadIn = item.unit.leadIn ? paragraphs.get(item.unit.leadIn) : null;
    if (leadIn) input.leadIn = leadIn;
    paragraphs.set(item.unit, builder.block(input));
  }
}

function span(l: Line): SourceSpan {
  return { line: l.no, start: l.start, end: l.end };
}

function highestNote(notes: NoteLines[]): number {
  const numbers = notes.map((f) => f.n).filter((n): n is number => typeof n === 'number');
  return numbers.length ? Math.max(...numbers) : 0;
}

/** A unit's text: each line cleaned, page-cut halves joined; references and join offsets recorded. */
function unitInput(u: Unit, source: string): BlockInput {
  const spans = u.parts.map((p) => span(p.line));
  const section = u.section ? { section: u.section } : {};
  if (u.kind === 'table') {
    const rows = u.parts.filter((p) => !/^\s*\(continued\)\s*$/i.test(p.raw));
    return { kind: 'table', text: rows.map((p) => cleanLine(p.raw).text.trim()).join('\n').trim(), spans, numbered: false, ...section };
  }
  let text = '';
  const refs: FootnoteRef[] = [];
  const joins: number[] = [];
  for (const p of u.parts) {
    const c = cleanLine(p.raw.trim());
    const joined = text ? joinParts(text, c.text, source) : c.text;
    const shift = joined.length - c.text.length;
    if (text) joins.push(shift);
    for (const r of c.refs) refs.push({ ...r, offset: r.offset + shift });
    text = joined;
  }
  return { kind: u.kind, text: text.trim(), spans, refs, joins, ...section };
}

/**
 * A note's text, and its breaks: where each part starts, and where cleaning dropped the source's letters
 * inside a part (its marker, an HTML entity), since a quote may not silently span them.
 */
function noteInput(note: NoteLines, source: string): FootnoteInput {
  let text = '';
  const joins: number[] = [];
  let lastLine = -1;
  for (const p of note.parts) {
    const c = cleanLine(p.raw.replace(/^\s*-\s+(?=\p{Lu})/u, '').trim()).text.trim();
    if (!c) continue;
    const before = text;
    if (!text) text = c;
    else if (p.join === 'page' || p.join === 'space') text = joinParts(text, c, source);
    else text = text + '\n' + c;
    const shift = text.length - c.length;
    // a continuation found earlier in the file than the part it continues: the source has the two in the
    // other order, so no quote may run across the join (three breaks = more pieces than a quote may have)
    if (before) joins.push(...(p.line.no < lastLine ? [shift, shift, shift] : [shift]));
    lastLine = p.line.no;
    for (const o of removedOffsets(c, p.raw.replace(/^\s*<sup>[^<]*<\/sup>\s*/, ''))) if (o > 0) joins.push(shift + o);
  }
  return {
    n: note.n,
    text,
    spans: note.parts.map((p) => span(p.line)),
    page: null,
    ...(joins.length ? { joins: joins.sort((a, b) => a - b) } : {}),
    ...(note.orphan ? { orphan: true } : {}),
  };
}

function metaOf(file: string, front: FrontMatter): DocumentMeta {
  return {
    file,
    format: /\.md$|\.markdown$/i.test(file) ? 'markdown' : 'text',
    title: front.title,
    ...(front.subtitle !== undefined ? { subtitle: front.subtitle } : {}),
    authors: front.authors,
    extra: front.extra,
  };
}
