/**
 * @module core/ingest/document-builder
 * Accumulates blocks and footnotes in reading order for the format parsers (Markdown, HTML, DOCX, PDF):
 * keeps the stack of open headings, numbers the paragraph-like blocks, and links footnotes to the
 * blocks that cite them. Parsers decide *what* a block is; this decides section paths and numbering.
 */
import type { Block, BlockKind, DocumentMeta, Footnote, FootnoteRef, ParsedDocument, SourceSpan } from '../types.js';

/** A block as a parser hands it over, before section path and paragraph number are known. */
export interface BlockInput {
  kind: Exclude<BlockKind, 'heading'>;
  text: string;
  spans: SourceSpan[];
  refs?: FootnoteRef[];
  page?: number | null;
  flags?: string[];
  /** Offsets in `text` where source parts were joined (page breaks). */
  joins?: number[];
  /** block_quote: paragraph number of its lead-in. */
  leadIn?: number;
  /** Overrides the open headings, for front-matter blocks such as an unlabelled abstract. */
  section?: string[];
  /** False for blocks outside the paragraph numbering (a converted text's tables). */
  numbered?: boolean;
}

/** A footnote body as a parser found it. */
export interface FootnoteInput {
  n: number | '*';
  text: string;
  spans: SourceSpan[];
  page?: number | null;
  /** Offsets in `text` that are breaks between source pieces (see {@link Footnote.joins}). */
  joins?: number[];
  /** A fragment that belongs to no numbered note: kept as it is, never merged or linked. */
  orphan?: boolean;
}

/** How {@link DocumentBuilder.build} treats note numbers, and how it reports the problems it finds. */
export interface BuildOptions {
  /** Every number from 1 to the highest note is a note: a gap is a missing body even if nothing cites it. */
  contiguousNotes?: boolean;
  /** One warning per kind of problem (converted texts lose dozens of markers) instead of one per note. */
  summaryWarnings?: boolean;
}

/** Builds one ParsedDocument; create one per file. */
export class DocumentBuilder {
  private readonly blocks: Block[] = [];
  private readonly notes = new Map<number | '*', FootnoteInput>();
  private readonly orphans: FootnoteInput[] = [];
  private readonly citedElsewhere = new Set<number | '*'>();
  private readonly open: { title: string; level: number }[] = [];
  private readonly warnings: string[] = [];
  private paragraphs = 0;

  constructor(private readonly file: string) {}

  /** Opens a heading of `level` (1 = outermost), closing any open heading at the same or a deeper level. */
  heading(text: string, level: number, spans: SourceSpan[], page: number | null = null): void {
    while (this.open.length > 0 && this.open[this.open.length - 1]!.level >= level) this.open.pop();
    this.blocks.push({
      kind: 'heading',
      text,
      level,
      section: this.open.map((h) => h.title),
      paragraph: null,
      page,
      footnotes: [],
      spans,
    });
    this.open.push({ title: text, level });
  }

  /**
   * Adds a paragraph-like block under the currently open headings. Empty text is ignored.
   * @returns the block's paragraph number (null when it is unnumbered or ignored).
   */
  block(input: BlockInput): number | null {
    if (input.text.trim() === '') return null;
    const refs = input.refs ?? [];
    const block: Block = {
      kind: input.kind,
      text: input.text,
      section: input.section ?? this.open.map((h) => h.title),
      paragraph: input.numbered === false ? null : ++this.paragraphs,
      page: input.page ?? null,
      footnotes: [...new Set(refs.map((r) => r.n))],
      spans: input.spans,
    };
    if (refs.length > 0) block.refs = refs;
    if (input.joins && input.joins.length > 0) block.joins = input.joins;
    if (input.leadIn !== undefined) block.leadIn = input.leadIn;
    if (input.flags && input.flags.length > 0) block.flags = input.flags;
    this.blocks.push(block);
    return block.paragraph;
  }

  /** Records a footnote body; a second body for the same number is appended to the first. */
  footnote(input: FootnoteInput): void {
    if (input.orphan) {
      this.orphans.push({ ...input, spans: [...input.spans] });
      return;
    }
    const prior = this.notes.get(input.n);
    if (prior) {
      prior.text = `${prior.text} ${input.text}`.trim();
      prior.spans.push(...input.spans);
      return;
    }
    this.notes.set(input.n, { ...input, spans: [...input.spans] });
  }

  /** Records a problem; the warning is prefixed with the file name. */
  warn(reason: string): void {
    this.warnings.push(`${this.file}: ${reason}`);
  }

  /** The first heading of the given level, if any (used for title detection). */
  firstHeading(level?: number): string | undefined {
    return this.blocks.find((b) => b.kind === 'heading' && (level === undefined || b.level === level))?.text;
  }

  /** Notes referenced from outside the blocks (an author line's affiliation markers): never `ref_lost`. */
  citedOutsideBlocks(notes: (number | '*')[]): void {
    for (const n of notes) this.citedElsewhere.add(n);
  }

  /** Finishes the document: links footnotes to citing blocks and flags missing bodies and lost references. */
  build(meta: DocumentMeta, options: BuildOptions = {}): ParsedDocument {
    const citedBy = this.citingParagraphs();
    const footnotes: Footnote[] = [];
    const lost: (number | '*')[] = [];
    for (const note of this.notes.values()) {
      const cites = citedBy.get(note.n) ?? [];
      const cited = cites.length > 0 || this.citedByHeading(note.n) || this.citedElsewhere.has(note.n);
      footnotes.push(this.finished(note, cites, cited ? 'ok' : 'ref_lost'));
      if (!cited) lost.push(note.n);
    }
    for (const orphan of this.orphans) footnotes.push(this.finished(orphan, [], 'orphan_fragment'));
    const missing = this.missingNotes(citedBy, options.contiguousNotes === true);
    for (const n of missing) footnotes.push({ n, text: '', citedBy: citedBy.get(n) ?? [], status: 'missing_body', spans: [] });
    this.warnAboutNotes(missing, lost, options.summaryWarnings === true);
    footnotes.sort(compareNotes);
    return { meta, blocks: this.blocks, footnotes, warnings: this.warnings };
  }

  private citingParagraphs(): Map<number | '*', number[]> {
    const citedBy = new Map<number | '*', number[]>();
    for (const b of this.blocks) {
      for (const n of b.footnotes) {
        const list = citedBy.get(n) ?? [];
        if (b.paragraph !== null && !list.includes(b.paragraph)) list.push(b.paragraph);
        citedBy.set(n, list);
      }
    }
    return citedBy;
  }

  private finished(note: FootnoteInput, citedBy: number[], status: Footnote['status']): Footnote {
    const fn: Footnote = { n: note.n, text: note.text, citedBy, status, spans: note.spans };
    if (note.page !== undefined) fn.page = note.page;
    if (note.joins && note.joins.length > 0) fn.joins = note.joins;
    return fn;
  }

  /** Cited numbers without a body, and (contiguous numbering) the gaps below the highest note. */
  private missingNotes(citedBy: Map<number | '*', number[]>, contiguous: boolean): (number | '*')[] {
    const missing = new Set<number | '*'>();
    if (contiguous) {
      const numbers = [...this.notes.keys()].filter((n): n is number => typeof n === 'number');
      const max = numbers.length > 0 ? Math.max(...numbers) : 0;
      for (let n = 1; n <= max; n++) if (!this.notes.has(n)) missing.add(n);
    }
    for (const n of citedBy.keys()) if (!this.notes.has(n)) missing.add(n);
    return [...missing];
  }

  private warnAboutNotes(missing: (number | '*')[], lost: (number | '*')[], summary: boolean): void {
    if (!summary) {
      for (const n of lost) this.warn(`footnote ${n} is never referenced in the text`);
      for (const n of missing) this.warn(`footnote ${n} is referenced but its text is missing`);
      return;
    }
    if (missing.length > 0) this.warn(`footnote bodies missing from the source for note(s) ${missing.join(', ')}`);
    if (lost.length > 0) this.warn(`${lost.length} footnote(s) have no surviving reference in the body (markers lost in conversion)`);
  }

  private citedByHeading(n: number | '*'): boolean {
    return typeof n === 'number' && this.blocks.some((b) => b.kind === 'heading' && b.footnotes.includes(n));
  }

  /** Attaches footnote references to the most recent heading (e.g. an author note on a title). */
  headingRefs(refs: FootnoteRef[]): void {
    const last = this.blocks[this.blocks.length - 1];
    if (!last || last.kind !== 'heading' || refs.length === 0) return;
    last.footnotes.push(...refs.map((r) => r.n));
    last.refs = [...(last.refs ?? []), ...refs];
  }
}

function compareNotes(a: Footnote, b: Footnote): number {
  if (a.n === b.n) return 0;
  if (a.n === '*') return -1;
  if (b.n === '*') return 1;
  return a.n - b.n;
}

/**
 * Splits the range `[start, end)` of `source` into one span per physical line.
 * @param lineStarts - offsets of the first character of every line (from {@link lineStartsOf}).
 */
export function spansFor(source: string, lineStarts: number[], start: number, end: number): SourceSpan[] {
  const spans: SourceSpan[] = [];
  let line = lineIndexAt(lineStarts, start);
  let from = start;
  while (from < end) {
    const lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : source.length;
    const to = Math.min(end, lineEnd);
    if (to > from) spans.push({ line: line + 1, start: from, end: to });
    line += 1;
    from = line < lineStarts.length ? lineStarts[line]! : end;
  }
  return spans;
}

/** Offsets of the first character of each line of `text` (split on `\n`). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based index of the line containing `offset`. */
export function lineIndexAt(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Merges spans that touch or overlap on the same line, keeping order. */
export function mergeSpans(spans: SourceSpan[]): SourceSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: SourceSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && last.line === s.line && s.start <= last.end + 1) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
