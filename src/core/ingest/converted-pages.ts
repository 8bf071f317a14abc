/**
 * @module core/ingest/converted-pages
 * Reads a converted text's lines in order under the page model of STRUCTURE.md R-G: each printed page is
 * its body lines, then its footnote lines. A paragraph cut at a page end continues with the first body line
 * after the footnote block; a note cut at a page end continues, unmarked, at the top of the next block.
 * Each line is classified, then handled by the handler of its class.
 */
import type { BlockKind } from '../types.js';
import { endsWithColon, isOpen, lineEnding, plainText } from './clean.js';
import {
  CITATION_LIKE,
  DEBRIS,
  LIST_ITEM,
  SAYING,
  footnoteMarker,
  hasRef,
  isTableLine,
  isTableNote,
  listStyleMarker,
  noteState,
  startsLower,
  stopsMidPhrase,
  type LineClass,
} from './converted-lines.js';
import type { Line } from './front-matter.js';
import type { HeadingInfo } from './headings.js';
import type { UnmarkedResult } from './unmarked-footnotes.js';

/** A body unit (paragraph, block quote, list item, table) as the lines that make it. */
export interface Unit {
  kind: Exclude<BlockKind, 'heading'>;
  parts: { raw: string; line: Line }[];
  /** Set for front-matter units whose section is not the open headings (an abstract). */
  section?: string[];
  leadIn?: Unit;
}

/** A footnote as the lines that make it, and how each joins the text before it. */
export interface NoteLines {
  n: number | '*';
  parts: { raw: string; line: Line; join: 'space' | 'para' | 'page' }[];
  orphan?: boolean;
}

/** Headings and body units in reading order, and the footnotes. */
export type Item = { heading: HeadingInfo; line: Line } | { unit: Unit };
export interface PageReading {
  items: Item[];
  notes: NoteLines[];
  warnings: string[];
}

interface Orphan {
  raw: string;
  line: Line;
  /** How many notes existed when it was met: its host is among the notes started after. */
  notesBefore: number;
}

/** Reads `lines` (non-blank, boilerplate removed); `abstract` lines become the first units. */
export function readPages(lines: Line[], headings: Map<number, HeadingInfo>, unmarked: UnmarkedResult, abstract: Line[]): PageReading {
  return new PageReader(lines, headings, unmarked).read(abstract);
}

class PageReader {
  private readonly items: Item[] = [];
  private readonly notes: NoteLines[] = [];
  private readonly warnings: string[] = [];
  private readonly orphans: Orphan[] = [];
  private i = 0;
  private prev: Line | null = null;
  /** True from a footnote marker until the next body line or heading: the lines are past the page's body. */
  private afterBlock = false;
  /** Where the last marker or text line went: the body, a note's marker line, or a note's unmarked text. */
  private run: 'body' | 'marker' | 'noteText' = 'body';
  /** The body unit a page break may have cut (its last line is open). */
  private openBody: Unit | null = null;
  private lastBody: Unit | null = null;
  private lastNote: NoteLines | null = null;
  private table: Unit | null = null;
  private lastNumbered = 0;

  constructor(
    private readonly lines: Line[],
    private readonly headings: Map<number, HeadingInfo>,
    private readonly unmarked: UnmarkedResult,
  ) {}

  read(abstract: Line[]): PageReading {
    for (const l of abstract) this.items.push({ unit: { kind: 'paragraph', parts: [{ raw: l.raw, line: l }], section: ['Abstract'] } });
    for (this.i = 0; this.i < this.lines.length; this.i++) {
      const l = this.lines[this.i]!;
      const cls = this.classify(l);
      if (cls !== 'T') this.table = null;
      this.handle(cls, l);
      this.prev = l;
    }
    this.attachOrphans();
    return { items: this.items, notes: this.notes, warnings: this.warnings };
  }

  private handle(cls: LineClass, l: Line): void {
    if (cls === 'H') this.onHeading(l);
    else if (cls === 'M') this.onMarker(l);
    else if (cls === 'D') this.onDebris(l);
    else if (cls === 'T') this.onTableRow(l);
    else this.onText(l);
  }

  private classify(l: Line): LineClass {
    if (this.headings.has(l.no)) return 'H';
    if (this.unmarked.numbers.has(l.no)) return 'M';
    if (this.unmarked.active && this.unmarked.body.has(l.no)) return 'U';
    if (footnoteMarker(l.raw)) return 'M';
    const list = listStyleMarker(l.raw);
    if (list && list.n > this.lastNumbered && list.n <= this.lastNumbered + 8) return 'M';
    if (DEBRIS.test(l.raw)) return 'D';
    if (isTableLine(l.raw) || (this.table && isTableNote(l.raw))) return 'T';
    return 'U';
  }

  private onHeading(l: Line): void {
    this.items.push({ heading: this.headings.get(l.no)!, line: l });
    this.afterBlock = false;
    this.openBody = null;
    this.lastBody = null;
    this.run = 'body';
  }

  private onMarker(l: Line): void {
    const assigned = this.unmarked.numbers.get(l.no);
    if (assigned !== undefined) {
      this.startNote(assigned, footnoteMarker(l.raw)?.rest ?? l.raw, l);
    } else {
      const m = footnoteMarker(l.raw) ?? listStyleMarker(l.raw)!;
      this.startNote(m.n, m.rest, l);
      if (!m.rest.trim()) this.takeNextLineAsText();
    }
    this.afterBlock = true;
    this.run = 'marker';
  }

  /** A marker alone on its line: the note's text is the next line. */
  private takeNextLineAsText(): void {
    const next = this.lines[this.i + 1];
    if (!next || this.classify(next) !== 'U') return;
    this.lastNote!.parts.push({ raw: next.raw, line: next, join: 'para' });
    this.i++;
  }

  private startNote(n: number | '*', rest: string, l: Line): void {
    const existing = typeof n === 'number' ? this.notes.find((f) => f.n === n) : undefined;
    if (existing && existing === this.lastNote) {
      // the same note continued (a page-cut note whose continuation carries the marker again)
      existing.parts.push({ raw: rest, line: l, join: 'page' });
      return;
    }
    if (existing) {
      this.warnings.push(`footnote ${n} appears twice (line ${l.no}); the second body was appended to the first`);
      existing.parts.push({ raw: rest, line: l, join: 'para' });
      this.lastNote = existing;
      return;
    }
    const note: NoteLines = { n, parts: [] };
    if (rest.trim()) note.parts.push({ raw: rest, line: l, join: 'para' });
    this.notes.push(note);
    this.lastNote = note;
    if (typeof n === 'number') this.lastNumbered = Math.max(this.lastNumbered, n);
  }

  private onDebris(l: Line): void {
    this.lastNote?.parts.push({ raw: l.raw, line: l, join: 'para' });
  }

  private onTableRow(l: Line): void {
    if (!this.table) {
      this.table = { kind: 'table', parts: [] };
      this.items.push({ unit: this.table });
    }
    this.table.parts.push({ raw: l.raw, line: l });
  }

  private onText(l: Line): void {
    const sameUnit = this.prev !== null && l.no === this.prev.no + 1; // single newline: same converted unit
    const route = this.continuesNoteRun(l, sameUnit) ? 'note' : this.restOfCutNote(l);
    if (route === 'orphan') this.orphans.push({ raw: l.raw, line: l, notesBefore: this.notes.length });
    else if (route === 'note') this.appendNoteText(l, sameUnit);
    else this.addBody(l);
  }

  /** Once a note's run has started, the run belongs to it (G3), unless the line reads as the body's return. */
  private continuesNoteRun(l: Line, sameUnit: boolean): boolean {
    if (!this.lastNote) return false;
    if (this.run === 'noteText') return true;
    if (this.run !== 'marker') return false;
    return sameUnit || (this.afterBlock && !looksLikeBodyAfterBlock(l, this.lastNote, this.openBody));
  }

  /**
   * A reference-free line of the page body just before a footnote block, while a note is unfinished: the
   * rest of that note (placed at the top of the block), an orphan fragment of a note printed before its
   * head, or plain body text.
   */
  private restOfCutNote(l: Line): 'note' | 'orphan' | 'body' {
    if (this.afterBlock || this.unmarked.active || !this.lastNote || hasRef(l.raw)) return 'body';
    const next = this.nextNonText();
    if (next !== 'M' && next !== 'D') return 'body';
    const state = noteState(noteText(this.lastNote));
    if (this.run === 'body' && this.openBody) {
      if (state !== 'closed') return 'note';
      return startsLower(this.firstTextAfterBlock()?.raw ?? 'X') ? 'orphan' : 'body';
    }
    return state !== 'closed' && continuesUnfinishedNote(l.raw, noteText(this.lastNote), this.lastBody) ? 'note' : 'body';
  }

  private appendNoteText(l: Line, sameUnit: boolean): void {
    const join = this.afterBlock ? (sameUnit ? 'space' : 'para') : 'page';
    this.lastNote!.parts.push({ raw: l.raw, line: l, join });
    this.run = 'noteText';
  }

  private addBody(l: Line): void {
    const unit = this.bodyUnitFor(l);
    this.lastBody = unit;
    this.openBody = isOpen(l.raw) && unit.kind !== 'list_item' ? unit : null;
    this.afterBlock = false;
    this.run = 'body';
  }

  /** The unit a body line starts or continues: list item, block quote after a lead-in, page-break join, paragraph. */
  private bodyUnitFor(l: Line): Unit {
    const part = { raw: l.raw, line: l };
    const quoteStart = /^\s*\[/.test(l.raw);
    const open = this.openBody;
    if (LIST_ITEM.test(l.raw) && !footnoteMarker(l.raw)) return this.newUnit('list_item', part);
    if (open && !this.afterBlock && this.lastBody === open && (SAYING.test(lineEnding(lastRaw(open))) || quoteStart)) {
      return this.newUnit('block_quote', part, open);
    }
    if (open && open.kind !== 'list_item') {
      open.parts.push(part);
      return open;
    }
    const last = this.lastBody;
    if (last && last.kind !== 'list_item' && (endsWithColon(lastRaw(last)) || quoteStart)) return this.newUnit('block_quote', part, last);
    return this.newUnit('paragraph', part);
  }

  private newUnit(kind: Unit['kind'], part: Unit['parts'][number], leadIn?: Unit): Unit {
    const unit: Unit = { kind, parts: [part], ...(leadIn ? { leadIn } : {}) };
    this.items.push({ unit });
    return unit;
  }

  /** The class of the next line that is not plain text, or 'REF' when a text line citing a note comes first. */
  private nextNonText(): LineClass | 'REF' | null {
    for (let j = this.i + 1; j < this.lines.length; j++) {
      const k = this.classify(this.lines[j]!);
      if (k !== 'U') return k;
      if (hasRef(this.lines[j]!.raw)) return 'REF';
    }
    return null;
  }

  private firstTextAfterBlock(): Line | undefined {
    let j = this.i + 1;
    while (j < this.lines.length && this.classify(this.lines[j]!) === 'U') j++;
    while (j < this.lines.length && this.classify(this.lines[j]!) !== 'U') j++;
    return this.lines[j];
  }

  /**
   * Orphan fragments (a note's quoted part printed before its head) go to the note of the following block
   * that ends its first part with a colon (G2); otherwise they stay orphans, with a warning.
   */
  private attachOrphans(): void {
    for (const o of this.orphans) {
      const host = this.notes.slice(o.notesBefore).find((f) => f.parts[0] !== undefined && noteState(f.parts[0].raw) === 'colon');
      if (host) host.parts.push({ raw: o.raw, line: o.line, join: 'para' });
      else {
        this.notes.push({ n: '*', parts: [{ raw: o.raw, line: o.line, join: 'para' }], orphan: true });
        this.warnings.push(`line ${o.line.no} looks like a footnote fragment with no numbered note to attach to`);
      }
    }
  }
}

function noteText(note: NoteLines): string {
  return note.parts.map((p) => p.raw).join(' ');
}

function lastRaw(unit: Unit): string {
  return unit.parts.at(-1)!.raw;
}

/** After a footnote block, is this text line the body's continuation rather than more of the last note? */
function looksLikeBodyAfterBlock(l: Line, lastNote: NoteLines, openBody: Unit | null): boolean {
  if (noteState(noteText(lastNote)) === 'colon' && !hasRef(l.raw) && /^\s*["“'‘\p{Lu}]/u.test(plainText(l.raw))) return false;
  if (openBody && CITATION_LIKE.test(l.raw) && !hasRef(l.raw) && !LIST_ITEM.test(l.raw)) return false;
  return true;
}

/**
 * A reference-free line just before a footnote block, after a page body that ended closed, while the last
 * note is unfinished: it is that note's continuation when it reads like one (a citation), when it cannot be
 * body text (body paragraphs never start lowercase, except a quotation after a colon lead-in), or when the
 * note stops mid-phrase. A note cut mid-word (`bilat-`) continues lowercase, so a capitalised line after it
 * is body text.
 */
function continuesUnfinishedNote(raw: string, text: string, lastBody: Unit | null): boolean {
  if (CITATION_LIKE.test(raw)) return true;
  const afterLeadIn = lastBody !== null && endsWithColon(lastRaw(lastBody));
  if (startsLower(raw) && !afterLeadIn) return true;
  return stopsMidPhrase(text);
}
