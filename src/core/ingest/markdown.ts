/**
 * @module core/ingest/markdown
 * Plain Markdown and plain text → ParsedDocument: ATX and setext headings, paragraphs (soft-wrapped
 * lines joined with one space), block quotes, list items, pipe tables, `[^n]` footnotes and YAML
 * front matter. Inline markup is removed; wording is never changed.
 */
import { parse as parseYaml } from 'yaml';
import type { DocumentFormat, FootnoteRef, ParsedDocument, SourceSpan } from '../types.js';
import { DocumentBuilder, type BlockInput } from './document-builder.js';
import { cleanInline, type InlineRef } from './markdown-inline.js';

/** One physical source line with its offsets. */
interface Line {
  /** 1-based line number. */
  no: number;
  text: string;
  start: number;
}

/** A block's raw pieces before inline cleaning: the content of each source line it spans. */
interface Piece {
  text: string;
  span: SourceSpan;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE = /^ {0,3}>/;
const LIST = /^( {0,12})([-*+]|\d{1,9}[.)])([ \t]+|$)/;
const NOTE_DEF = /^ {0,3}\[\^([^\]\s]+)\]:[ \t]*/;
const TABLE_RULE = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const HTML_COMMENT = /^ {0,3}<!--/;

/** Parses Markdown (or plain text, with `format: 'text'`) decoded from `file`. */
export function parseMarkdown(source: string, file: string, format: DocumentFormat = 'markdown'): ParsedDocument {
  const lines = splitLines(source);
  const builder = new DocumentBuilder(file);
  const front = readFrontMatter(lines, builder);
  const labels = new FootnoteLabels(source);
  const state = { builder, labels };
  let i = front.next;
  while (i < lines.length) i = parseBlockAt(lines, i, state);
  const title = front.title ?? builder.firstHeading(1) ?? firstLine(lines, front.next) ?? '';
  const meta: ParsedDocument['meta'] = { file, format, title, authors: front.authors };
  if (front.subtitle) meta.subtitle = front.subtitle;
  if (Object.keys(front.extra).length > 0) meta.extra = front.extra;
  return builder.build(meta);
}

interface State {
  builder: DocumentBuilder;
  labels: FootnoteLabels;
}

function parseBlockAt(lines: Line[], i: number, s: State): number {
  const line = lines[i]!;
  const t = line.text;
  if (t.trim() === '') return i + 1;
  if (HTML_COMMENT.test(t)) return skipComment(lines, i);
  const atx = ATX.exec(t);
  if (atx) {
    heading(s, atx[2] ?? '', atx[1]!.length, [pieceOf(line, t.indexOf(atx[2] ?? '', atx[1]!.length), atx[2] ?? '').span]);
    return i + 1;
  }
  if (FENCE.test(t)) return codeBlock(lines, i, s);
  if (BREAK.test(t)) return i + 1;
  if (QUOTE.test(t)) return blockQuote(lines, i, s);
  if (NOTE_DEF.test(t)) return footnoteDef(lines, i, s);
  if (LIST.test(t)) return listItem(lines, i, s);
  if (isTableStart(lines, i)) return table(lines, i, s);
  return paragraph(lines, i, s);
}

function paragraph(lines: Line[], i: number, s: State): number {
  const pieces: Piece[] = [];
  let j = i;
  for (; j < lines.length; j++) {
    const t = lines[j]!.text;
    if (t.trim() === '') break;
    if (j > i && interrupts(t)) break;
    const setext = SETEXT.exec(t);
    if (j > i && setext) {
      heading(s, pieces.map((p) => p.text).join(' '), setext[1]!.startsWith('=') ? 1 : 2, pieces.map((p) => p.span));
      return j + 1;
    }
    pieces.push(trimmedPiece(lines[j]!));
  }
  emit(s, 'paragraph', pieces);
  return j;
}

/** True when a line starts a new block even without a blank line before it. */
function interrupts(t: string): boolean {
  return ATX.test(t) || FENCE.test(t) || QUOTE.test(t) || NOTE_DEF.test(t) || (BREAK.test(t) && !SETEXT.test(t)) || /^ {0,3}([-*+]|1[.)])[ \t]+\S/.test(t);
}

function listItem(lines: Line[], i: number, s: State): number {
  const m = LIST.exec(lines[i]!.text)!;
  const contentIndent = m[0].length;
  const first = lines[i]!;
  const pieces: Piece[] = [pieceOf(first, contentIndent, first.text.slice(contentIndent).trim())];
  let j = i + 1;
  for (; j < lines.length; j++) {
    const t = lines[j]!.text;
    if (t.trim() === '' || LIST.test(t) || interrupts(t)) break;
    pieces.push(trimmedPiece(lines[j]!));
  }
  emit(s, 'list_item', pieces);
  return j;
}

function blockQuote(lines: Line[], i: number, s: State): number {
  let pieces: Piece[] = [];
  let j = i;
  for (; j < lines.length && QUOTE.test(lines[j]!.text); j++) {
    const line = lines[j]!;
    const marker = /^(?: {0,3}> ?)+/.exec(line.text)![0];
    const content = line.text.slice(marker.length);
    if (content.trim() === '') {
      emit(s, 'block_quote', pieces);
      pieces = [];
      continue;
    }
    const lead = content.length - content.trimStart().length;
    pieces.push(pieceOf(line, marker.length + lead, content.trim()));
  }
  emit(s, 'block_quote', pieces);
  return j;
}

function table(lines: Line[], i: number, s: State): number {
  const rows: string[] = [];
  const refs: InlineRef[] = [];
  const spans: SourceSpan[] = [];
  let j = i;
  for (; j < lines.length; j++) {
    const line = lines[j]!;
    if (line.text.trim() === '' || !line.text.includes('|')) break;
    if (j === i + 1) continue; // the delimiter row
    const cells = splitCells(line.text).map((c) => cleanInline(c));
    let rowText = rows.length > 0 ? rows.join('\n').length + 1 : 0;
    const parts: string[] = [];
    for (const c of cells) {
      for (const r of c.refs) refs.push({ ...r, offset: rowText + r.offset });
      parts.push(c.text);
      rowText += c.text.length + 1;
    }
    rows.push(parts.join('\t'));
    spans.push({ line: line.no, start: line.start, end: line.start + line.text.length });
  }
  const text = rows.join('\n');
  s.builder.block({ kind: 'table', text, spans, refs: s.labels.refs(refs) });
  return j;
}

/** A pipe-table header: a row with `|` followed by a delimiter row with as many cells (GFM). */
function isTableStart(lines: Line[], i: number): boolean {
  const head = lines[i]!.text;
  const rule = lines[i + 1]?.text;
  if (rule === undefined || !head.includes('|') || !TABLE_RULE.test(rule)) return false;
  return splitCells(head).length === splitCells(rule).length;
}

function splitCells(row: string): string[] {
  let t = row.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
  return t.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function footnoteDef(lines: Line[], i: number, s: State): number {
  const line = lines[i]!;
  const m = NOTE_DEF.exec(line.text)!;
  const pieces: Piece[] = [pieceOf(line, m[0].length, line.text.slice(m[0].length).trim())];
  let j = i + 1;
  for (; j < lines.length; j++) {
    const t = lines[j]!.text;
    if (t.trim() === '') {
      // a following indented paragraph still belongs to the note
      const next = lines[j + 1]?.text ?? '';
      if (/^( {2,}|\t)\S/.test(next)) continue;
      break;
    }
    if (NOTE_DEF.test(t) || ATX.test(t) || (!/^( {2,}|\t)/.test(t) && interrupts(t))) break;
    pieces.push(trimmedPiece(lines[j]!));
  }
  const cleaned = joinPieces(pieces);
  const n = s.labels.define(m[1]!);
  if (cleaned.refs.length > 0) s.builder.warn(`footnote ${n} contains a footnote marker; it was removed`);
  s.builder.footnote({ n, text: cleaned.text, spans: pieces.map((p) => p.span) });
  return j;
}

function codeBlock(lines: Line[], i: number, s: State): number {
  const fence = FENCE.exec(lines[i]!.text)![1]!;
  const pieces: Piece[] = [];
  let j = i + 1;
  for (; j < lines.length && !lines[j]!.text.trimStart().startsWith(fence); j++) {
    const l = lines[j]!;
    pieces.push({ text: l.text, span: { line: l.no, start: l.start, end: l.start + l.text.length } });
  }
  const text = pieces.map((p) => p.text).join('\n');
  s.builder.block({ kind: 'paragraph', text, spans: pieces.map((p) => p.span), flags: ['code'] });
  return j + 1;
}

function skipComment(lines: Line[], i: number): number {
  let j = i;
  while (j < lines.length && !lines[j]!.text.includes('-->')) j++;
  return j + 1;
}

function heading(s: State, raw: string, level: number, spans: SourceSpan[]): void {
  const cleaned = cleanInline(raw.trim());
  s.builder.heading(cleaned.text.trim(), level, spans);
  s.builder.headingRefs(s.labels.refs(cleaned.refs));
}

function emit(s: State, kind: BlockInput['kind'], pieces: Piece[]): void {
  if (pieces.length === 0) return;
  const cleaned = joinPieces(pieces);
  s.builder.block({ kind, text: cleaned.text, spans: pieces.map((p) => p.span), refs: s.labels.refs(cleaned.refs) });
}

/** Joins soft-wrapped lines with one space, then removes inline markup. */
function joinPieces(pieces: Piece[]): { text: string; refs: InlineRef[] } {
  const joined = pieces.map((p) => p.text.replace(/(?:\\| {2,})$/, '')).join(' ');
  const cleaned = cleanInline(joined);
  return { text: cleaned.text, refs: cleaned.refs };
}

function trimmedPiece(line: Line): Piece {
  const lead = line.text.length - line.text.trimStart().length;
  return pieceOf(line, lead, line.text.trim());
}

function pieceOf(line: Line, offset: number, text: string): Piece {
  const start = line.start + Math.max(0, offset);
  return { text, span: { line: line.no, start, end: start + text.length } };
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let no = 1;
  for (const raw of source.split('\n')) {
    lines.push({ no: no++, text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, start });
    start += raw.length + 1;
  }
  return lines;
}

function firstLine(lines: Line[], from: number): string | undefined {
  for (let i = from; i < lines.length; i++) {
    const t = cleanInline(lines[i]!.text.replace(/^ {0,3}#+\s*|^ {0,3}>\s*/, '')).text.trim();
    if (t !== '' && !BREAK.test(t)) return t;
  }
  return undefined;
}

interface FrontMatter {
  next: number;
  title?: string;
  subtitle?: string;
  authors: string[];
  extra: Record<string, string>;
}

function readFrontMatter(lines: Line[], builder: DocumentBuilder): FrontMatter {
  const none: FrontMatter = { next: 0, authors: [], extra: {} };
  if (lines[0]?.text.trim() !== '---') return none;
  const end = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l.text));
  if (end === -1) return none;
  let data: unknown;
  try {
    data = parseYaml(lines.slice(1, end).map((l) => l.text).join('\n'));
  } catch (e) {
    builder.warn(`front matter is not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); it was skipped`);
    return { ...none, next: end + 1 };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ...none, next: end + 1 };
  const record = data as Record<string, unknown>;
  const fm: FrontMatter = { next: end + 1, authors: toAuthors(record.authors ?? record.author), extra: {} };
  if (typeof record.title === 'string') fm.title = cleanInline(record.title).text.trim();
  if (typeof record.subtitle === 'string') fm.subtitle = cleanInline(record.subtitle).text.trim();
  for (const [k, v] of Object.entries(record)) {
    if (['title', 'subtitle', 'author', 'authors'].includes(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fm.extra[k] = String(v);
    else if (v instanceof Date) fm.extra[k] = v.toISOString().slice(0, 10);
  }
  return fm;
}

function toAuthors(v: unknown): string[] {
  if (typeof v === 'string') return v.split(/\s*;\s*|\s+and\s+/).map((a) => a.trim()).filter(Boolean);
  if (Array.isArray(v)) {
    return v
      .map((a) => (typeof a === 'string' ? a : a && typeof a === 'object' && 'name' in a ? String((a as { name: unknown }).name) : ''))
      .map((a) => a.trim())
      .filter(Boolean);
  }
  return [];
}

/**
 * Maps footnote labels to numbers: numeric labels keep their number; the others take the lowest free
 * numbers in order of first appearance.
 */
class FootnoteLabels {
  private readonly numbers = new Map<string, number>();
  private readonly reserved = new Set<number>();

  constructor(source: string) {
    for (const m of source.matchAll(/\[\^(\d+)\]/g)) this.reserved.add(Number(m[1]));
  }

  define(label: string): number {
    return this.numberOf(label);
  }

  refs(inline: InlineRef[]): FootnoteRef[] {
    return inline.map((r) => ({ n: this.numberOf(r.label), offset: r.offset, form: r.form }));
  }

  private numberOf(label: string): number {
    const known = this.numbers.get(label);
    if (known !== undefined) return known;
    const n = /^\d+$/.test(label) ? Number(label) : this.nextFree();
    this.numbers.set(label, n);
    return n;
  }

  private nextFree(): number {
    const used = new Set(this.numbers.values());
    let n = 1;
    while (used.has(n) || this.reserved.has(n)) n++;
    return n;
  }
}
