/**
 * @module core/ingest/pdf-layout
 * The page-level heuristics of the PDF parser, as a pure function of the pages' text: running heads
 * and feet, page numbers, bottom-of-page footnotes and their references, headings and paragraph ends.
 */
import type { FootnoteRef } from '../types.js';

/** One line of extracted text, after page furniture and footnote markers are removed. */
export interface PdfLine {
  /** 1-based line number in the extracted text (pages joined with `\n`). */
  no: number;
  page: number;
  text: string;
  /** Offsets of the (trimmed) line in the extracted text. */
  start: number;
  end: number;
  refs: FootnoteRef[];
  /** Heading level when the line is a heading. */
  heading?: number;
  /** True when a paragraph clearly ends after this line. */
  endsParagraph?: boolean;
}

/** A footnote found at the bottom of a page: its number, page and lines (marker removed). */
export interface PdfNote {
  n: number;
  page: number;
  lines: PdfLine[];
}

/** The body lines of all pages in reading order, the footnotes, and problems found. */
export interface PdfLayout {
  body: PdfLine[];
  notes: PdfNote[];
  warnings: string[];
}

const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))\s*[-–—]?(?:\s+(?:of|\/)\s+\d{1,4})?$/i;
const NOTE_START = /^(\d{1,3})[.)]?\s+(?=\S)/;
const SUPER_START = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?=\S)/;
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with', 'vs', 'via', 'its']);
/** How many lines at each page edge may hold running heads, feet or page numbers. */
const EDGE = 2;

/** Splits pages into body lines and footnotes. */
export function pdfLayout(pages: string[]): PdfLayout {
  const pageLines = toLines(pages);
  removeFurniture(pageLines);
  const notes: PdfNote[] = [];
  const body: PdfLine[] = [];
  let next = 1;
  pageLines.forEach((lines, p) => {
    const found = splitNotes(lines, next, p + 1);
    body.push(...found.body);
    notes.push(...found.notes);
    if (found.notes.length > 0) next = found.notes[found.notes.length - 1]!.n + 1;
  });
  markStructure(body);
  const warnings: string[] = [];
  for (let k = 1; k < notes.length; k++) {
    const gap = notes[k]!.n - notes[k - 1]!.n;
    if (gap > 1) warnings.push(`footnote${gap > 2 ? 's' : ''} ${notes[k - 1]!.n + 1}${gap > 2 ? `–${notes[k]!.n - 1}` : ''} not found at the page bottoms`);
  }
  return { body, notes, warnings };
}

function toLines(pages: string[]): PdfLine[][] {
  let offset = 0;
  let no = 1;
  return pages.map((page, p) => {
    const lines: PdfLine[] = [];
    for (const raw of page.split('\n')) {
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (trimmed !== '') {
        const start = offset + lead;
        lines.push({ no, page: p + 1, text: trimmed.replace(/\s+/g, ' '), start, end: start + trimmed.length, refs: [] });
      }
      offset += raw.length + 1;
      no += 1;
    }
    return lines;
  });
}

/** Removes lines repeated at the top or bottom of at least half the pages (digits may differ) and bare page numbers. */
function removeFurniture(pages: PdfLine[][]): void {
  // page numbers differ, and move from the right (recto) to the left (verso): drop them from the key
  const key = (l: PdfLine): string =>
    l.text.toLowerCase().replace(/^\d+\s*|\s*\d+$/g, '').replace(/\d+/g, '#').replace(/\s+/g, ' ');
  const tops = new Map<string, number>();
  const bottoms = new Map<string, number>();
  for (const lines of pages) {
    for (const k of new Set(lines.slice(0, EDGE).map(key))) tops.set(k, (tops.get(k) ?? 0) + 1);
    for (const k of new Set(lines.slice(-EDGE).map(key))) bottoms.set(k, (bottoms.get(k) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  pages.forEach((lines, p) => {
    const drop = new Set<PdfLine>();
    lines.forEach((l, i) => {
      const top = i < EDGE;
      const bottom = i >= lines.length - EDGE;
      if (!top && !bottom) return;
      if (PAGE_NUMBER.test(l.text)) drop.add(l);
      // very short repeats are more likely notes such as "12 Ibid." than running heads
      else if (key(l).length < 8) return;
      else if (top && (tops.get(key(l)) ?? 0) >= threshold) drop.add(l);
      else if (bottom && (bottoms.get(key(l)) ?? 0) >= threshold) drop.add(l);
    });
    pages[p] = lines.filter((l) => !drop.has(l));
  });
}

/**
 * Finds the footnote block at the bottom of one page: it starts at a line numbered with the next
 * expected note (or a little after, when a body went missing) that the body above cites, and runs to
 * the page end; later lines numbered with the following notes start those notes.
 */
function splitNotes(lines: PdfLine[], expected: number, page: number): { body: PdfLine[]; notes: PdfNote[] } {
  let startAt = -1;
  let first = 0;
  for (let i = lines.length - 1; i > 0; i--) {
    const n = noteNumberAt(lines[i]!.text);
    if (n === undefined || n < expected || n > expected + 3) continue;
    if (findRef(lines.slice(0, i), n) === undefined) continue;
    if (startAt === -1 || n < first) {
      startAt = i;
      first = n;
    }
  }
  if (startAt === -1) return { body: lines, notes: [] };
  const body = lines.slice(0, startAt);
  const notes: PdfNote[] = [];
  for (const line of lines.slice(startAt)) {
    const n = noteNumberAt(line.text);
    const current = notes[notes.length - 1];
    if (n !== undefined && (current === undefined || n === current.n + 1)) {
      const marker = (NOTE_START.exec(line.text) ?? SUPER_START.exec(line.text))![0];
      notes.push({ n, page, lines: [{ ...line, text: line.text.slice(marker.length), start: line.start + marker.length }] });
    } else if (current) {
      current.lines.push(line);
    }
  }
  for (const note of notes) {
    const at = findRef(body, note.n);
    if (!at) continue;
    const line = at.line;
    line.text = line.text.slice(0, at.index) + line.text.slice(at.index + at.length);
    for (const r of line.refs) if (r.offset > at.index) r.offset -= at.length;
    line.refs.push({ n: note.n, offset: at.index, form: at.form });
    line.refs.sort((a, b) => a.offset - b.offset);
  }
  return { body, notes };
}

function noteNumberAt(text: string): number | undefined {
  const m = NOTE_START.exec(text);
  if (m) return Number(m[1]);
  const s = SUPER_START.exec(text);
  if (s) return Number([...s[1]!].map((c) => SUPERSCRIPT.indexOf(c)).join(''));
  return undefined;
}

/** The first reference to note `n` in the lines: digits glued to a word or punctuation, or superscript digits. */
function findRef(lines: PdfLine[], n: number): { line: PdfLine; index: number; length: number; form: FootnoteRef['form'] } | undefined {
  const digits = String(n);
  const sup = [...digits].map((d) => SUPERSCRIPT[Number(d)]).join('');
  const bare = new RegExp(`(?<=[\\p{L}.,;:!?”’"')\\]])${digits}(?![\\d⁰¹²³⁴⁵⁶⁷⁸⁹])`, 'u');
  const uni = new RegExp(`(?<![⁰¹²³⁴⁵⁶⁷⁸⁹])${sup}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])`, 'u');
  for (const line of lines) {
    const u = uni.exec(line.text);
    if (u) return { line, index: u.index, length: sup.length, form: 'unicode' };
    const b = bare.exec(line.text);
    if (b && !line.refs.some((r) => r.n === n)) return { line, index: b.index, length: digits.length, form: 'bare' };
  }
  return undefined;
}

/** Marks headings and paragraph ends across the whole body (pages already joined). */
function markStructure(lines: PdfLine[]): void {
  const lengths = lines.map((l) => l.text.length).filter((n) => n >= 20).sort((a, b) => a - b);
  const full = lengths.length > 0 ? lengths[Math.floor((lengths.length - 1) * 0.9)]! : 60;
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    const next = lines[i + 1];
    const afterBreak = prev === undefined || prev.endsParagraph === true || prev.heading !== undefined;
    const level = afterBreak ? headingLevel(line.text, next?.text) : undefined;
    if (level !== undefined && line.refs.length === 0) {
      line.heading = level;
      return;
    }
    const closed = /[.!?:]["”’')\]]*$/u.test(line.text);
    line.endsParagraph = closed && line.text.length < 0.85 * full;
  });
}

/** Heading level when `text` looks like a heading: short, no final period, numbered or in Title Case. */
function headingLevel(text: string, next: string | undefined): number | undefined {
  if (text.length > 90 || /[.,;:]$/.test(text) || text.split(/\s+/).length > 14) return undefined;
  if (next !== undefined && !/^[\p{Lu}\d"“‘(\[]/u.test(next)) return undefined;
  const numbered = /^((?:\d{1,2}\.)*\d{1,2}\.?|[IVXLC]{1,6}\.|[A-Z]\.)\s+(?=\p{Lu})/u.exec(text);
  if (numbered) {
    const label = numbered[1]!;
    if (/^[IVXLC]+\.$/.test(label)) return 1;
    if (/^[A-Z]\.$/.test(label)) return 2;
    return label.replace(/\.$/, '').split('.').length;
  }
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0 || !/^\p{Lu}/u.test(words[0]!)) return undefined;
  const significant = words.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  return significant.every((w) => /^[^\p{L}]*\p{Lu}/u.test(w)) ? 1 : undefined;
}
