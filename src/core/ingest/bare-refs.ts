/**
 * @module core/ingest/bare-refs
 * Footnote references that lost their superscript in conversion survive as bare numbers
 * (`oversight. 11`, `Migration,107 and`). Accept a number only where its shape and the running
 * note sequence both say it is a reference; remove it (with the space before it) and record it.
 */
import type { BlockKind, FootnoteRef } from '../types.js';

/** What bare-reference detection reads and rewrites of a block. */
export interface BareRefTarget {
  kind: BlockKind;
  text: string;
  refs?: FootnoteRef[];
  joins?: number[];
}

const CANDIDATE = /(?<!\d)(?<!\d[.,])(\d{1,3})(?=\s|$)/g;
const MONTH = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MONTH_ABBREVIATION = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec';
const UNIT =
  '%|per ?cent\\b|percent\\b|(?:years?|months?|weeks?|days?|hours?|km|kg|miles?|tonnes?|thousand|million|billion|trillion|dollars?|euros?|pounds?)\\b';
/** `25 July`, `30%`, `60 years`: the number belongs to a date or a quantity (month names only capitalised: `may`). */
const DATE_AFTER = new RegExp(`^\\s*(?:${MONTH}|${MONTH_ABBREVIATION})\\b`);
const AMOUNT_AFTER = new RegExp(`^\\s*(?:${UNIT})`, 'i');
/** `July 25`, `Sept. 30`, `$ 40`, `USD 12` (no sentence end between: `in May. 12` may still be a marker). */
const FIGURE_BEFORE = new RegExp(`(?:\\b(?:${MONTH})|\\b(?:${MONTH_ABBREVIATION})\\.?|[$€£]|\\b(?:USD|EUR|GBP|CHF))\\s*$`);

interface Accepted {
  start: number;
  end: number;
  n: number;
}

/** A number next to a month name, a percentage sign or a unit is part of a date or an amount, never a marker. */
export function isFigure(before: string, after: string): boolean {
  return DATE_AFTER.test(after) || AMOUNT_AFTER.test(after) || FIGURE_BEFORE.test(before);
}

/** Detect bare references in reading order, mutating block text and refs. */
export function applyBareReferences(blocks: BareRefTarget[], noteCount: number, initialRefs: number[]): void {
  // Each note is referenced once: a note whose superscript marker survived needs no bare one, so a document
  // whose markers all survived gets no inferred references at all.
  const unmarked = notesWithoutMarker(blocks, noteCount, initialRefs);
  if (unmarked.size === 0) return;
  let lastRef = initialRefs.length ? Math.max(...initialRefs) : 0;
  for (const b of blocks) {
    if (b.kind === 'heading' || b.kind === 'table') continue;
    const found = findBareReferences(b, lastRef, unmarked);
    lastRef = found.lastRef;
    if (found.accepted.length) removeReferences(b, found.accepted);
  }
}

/** Note numbers 1..noteCount that no superscript (or author-line) reference points to. */
function notesWithoutMarker(blocks: BareRefTarget[], noteCount: number, initialRefs: number[]): Set<number> {
  const marked = new Set(initialRefs);
  for (const b of blocks) for (const r of b.refs ?? []) marked.add(r.n);
  const out = new Set<number>();
  for (let n = 1; n <= noteCount; n++) if (!marked.has(n)) out.add(n);
  return out;
}

/** The bare references of one block, given the last reference number seen before it. */
function findBareReferences(b: BareRefTarget, lastRefBefore: number, unmarked: Set<number>): { accepted: Accepted[]; lastRef: number } {
  const refs = [...(b.refs ?? [])].sort((x, y) => x.offset - y.offset);
  const accepted: Accepted[] = [];
  let lastRef = lastRefBefore;
  let ri = 0;
  for (const m of b.text.matchAll(CANDIDATE)) {
    const pos = m.index!;
    while (ri < refs.length && refs[ri]!.offset <= pos) lastRef = Math.max(lastRef, refs[ri++]!.n);
    const n = Number(m[1]);
    // the running sequence: a reference comes soon after the previous one
    if (!(n > lastRef && n <= lastRef + 8 && unmarked.has(n))) continue;
    const before = b.text.slice(0, pos);
    const after = b.text.slice(pos + m[1]!.length);
    if (!placedLikeMarker(before, after) || isFigure(before, after)) continue;
    accepted.push({ start: before.endsWith(' ') ? pos - 1 : pos, end: pos + m[1]!.length, n });
    lastRef = n;
  }
  while (ri < refs.length) lastRef = Math.max(lastRef, refs[ri++]!.n);
  return { accepted, lastRef };
}

/** After punctuation or a word, before a line end, a capital or quote, or (after a comma or a closer) a lowercase word. */
function placedLikeMarker(before: string, after: string): boolean {
  const punctBefore = /[.,;:"”')\]]["”]? ?$/.test(before);
  const wordBefore = /\p{L} $/u.test(before);
  if (!punctBefore && !wordBefore) return false;
  const glued = /["”')\]]$/.test(before);
  const commaBefore = /[,;] ?["”]? ?$/.test(before);
  return after === '' || /^\s+["“‘'\p{Lu}]/u.test(after) || (/^\s+\p{Ll}/u.test(after) && (commaBefore || glued));
}

/** Remove accepted numbers from the end backwards (so earlier offsets stay valid) and record them as refs. */
function removeReferences(b: BareRefTarget, accepted: Accepted[]): void {
  let text = b.text;
  const refs: FootnoteRef[] = [...(b.refs ?? [])];
  for (const a of [...accepted].reverse()) {
    const cut = a.end - a.start;
    text = text.slice(0, a.start) + text.slice(a.end);
    for (const r of refs) if (r.offset > a.start) r.offset -= cut;
    if (b.joins) b.joins = b.joins.map((j) => (j > a.start ? j - cut : j));
    refs.push({ n: a.n, offset: a.start, form: 'bare' });
  }
  b.text = text;
  b.refs = refs.sort((x, y) => x.offset - y.offset);
}
