/**
 * @module core/ingest/converted-text
 * Parser for text or Markdown converted from PDF: each printed page appears as its body lines followed
 * by its footnote lines; paragraphs and footnotes cut at a page end continue after the footnote block.
 * The rules are general heuristics over line shapes (see shared STRUCTURE.md, R-A…R-K), never per file.
 */
import type { Block, BlockKind, Footnote, FootnoteRef, ParsedDocument, SourceSpan } from '../types.js';
import { cleanLine, endsWithColon, isOpen, joinParts, lineEnding, removedOffsets, plainText, superscriptToNumber } from './clean.js';
import { analyseFrontMatter, type Line } from './front-matter.js';
import { headingOf, type HeadingInfo } from './headings.js';
import { assignUnmarkedFootnotes } from './unmarked-footnotes.js';
import { applyBareReferences } from './bare-refs.js';

/** A footnote-body marker at the start of a line: `<sup>N.</sup>`, `- $N.\,$`, `- N.`, `¹²`, `<sup>\*</sup>`. */
export function footnoteMarker(raw: string): { n: number | '*'; rest: string } | null {
  let m: RegExpMatchArray | null;
  if ((m = raw.match(/^<sup>\s*(\d{1,4})\.?\s*<\/sup>\s*/))) return { n: Number(m[1]), rest: raw.slice(m[0].length) };
  if ((m = raw.match(/^\s*-\s+\$\s*(\d{1,4})\.\\,\s*\$\s*/))) return { n: Number(m[1]), rest: raw.slice(m[0].length) };
  if ((m = raw.match(/^<sup>\\?\*<\/sup>\s*/))) return { n: '*', rest: raw.slice(m[0].length) };
  if ((m = raw.match(/^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(\s+|$)/))) return { n: superscriptToNumber(m[1]!), rest: raw.slice(m[0].length) };
  return null;
}

/** `- N. text` list-style footnote markers are only markers where N continues the note sequence. */
function listStyleMarker(raw: string): { n: number; rest: string } | null {
  const m = raw.match(/^\s*-\s+(\d{1,4})\.\s+/);
  return m ? { n: Number(m[1]), rest: raw.slice(m[0].length) } : null;
}

const DEBRIS = /^<sup>[^\d\\*<][^<]*<\/sup>/;
const LIST_ITEM = /^(\s*-\s+\S|\s*\(\w{1,3}\)\s|\s?\d{1,2}\.\s+\S|\s*[•▪◦]\s)/;
const SAYING =
  /\b(note[sd]?|suggest(s|ed)?|argue[sd]?|state[sd]?|contends?|explain(s|ed)?|put it|wrote|writes|observe[sd]?|was|were|is)(\s+that)?[,:]?$/i;
const CITATION_LIKE =
  /supra|\bId\b|\bIbid|https?:\/\/|<www|perma\.cc|\(n \d+\)|U\.N\.T\.S|\(\d{4}\)|accessed \d|^- [A-Z]/;

const MID_PHRASE = /(?:,|\b(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|that|which|as|is|are|was|were))$/i;

function hasRef(raw: string): boolean {
  return /<sup>\s*\d+\s*<\/sup>/.test(raw) || /[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(raw.replace(/^[⁰¹²³⁴⁵⁶⁷⁸⁹]+/, ''));
}
function startsLower(raw: string): boolean {
  return /^\s*[\p{Ll}]/u.test(plainText(raw));
}
function fnState(text: string): 'colon' | 'closed' | 'open' {
  const end = lineEnding(text);
  if (/:$/.test(end)) return 'colon';
  return /[.?!]$/.test(end) ? 'closed' : 'open';
}
function isTableLine(raw: string): boolean {
  return raw.includes('\t') || /^\s*Table\s+\d+(\.\d+)*\b/.test(raw) || /^\s*\(continued\)\s*$/i.test(raw);
}

/** Heuristic: does this text look like a PDF conversion (footnote blocks after body text)? */
export function looksLikePdfConversion(text: string): boolean {
  const lines = text.split('\n');
  let markers = 0;
  let refs = 0;
  const noted = new Set<number>();
  const cited = new Set<number>();
  for (const l of lines) {
    const marker = footnoteMarker(l);
    if (marker) {
      markers++;
      if (typeof marker.n === 'number') noted.add(marker.n);
    } else if (hasRef(l)) {
      refs++;
      for (const m of l.matchAll(/<sup>\s*(\d+)\s*<\/sup>/g)) cited.add(Number(m[1]));
    }
  }
  // many note lines, or even one whose number the body cites (a short text with a single note)
  return refs >= 1 && (markers >= 3 || [...noted].some((n) => cited.has(n)));
}

interface Unit {
  kind: Exclude<BlockKind, 'heading'>;
  parts: { raw: string; line: Line }[];
  section: string[];
  leadIn?: Unit;
  table?: boolean;
}
interface FnAcc {
  n: number | '*';
  parts: { raw: string; line: Line; join: 'space' | 'para' | 'page' }[];
  status: Footnote['status'];
}

/** Parse a PDF-converted text document into the document model. Never throws on odd input. */
export function parseConvertedText(text: string, file: string): ParsedDocument {
  const warnings: string[] = [];
  const allLines: Line[] = [];
  {
    let offset = 0;
    text.split('\n').forEach((raw, i) => {
      allLines.push({ raw: raw.replace(/\r$/, ''), no: i + 1, start: offset, end: offset + raw.replace(/\r$/, '').length });
      offset += raw.length + 1;
    });
  }
  const front = analyseFrontMatter(allLines);
  const headings = new Map<number, HeadingInfo>();
  const bodyLines = front.bodyLines;
  const headingStyle = detectHeadingStyle(bodyLines);
  for (const l of bodyLines) {
    const h = headingOf(l.raw, headingStyle);
    if (h) headings.set(l.no, h);
  }
  fixHeadingLevels(headings);
  const skip = mergeAnnexTitles(bodyLines, headings);

  // Mostly-unmarked footnotes (bodies without numbers): classify lines by shape and position first.
  const unmarked = assignUnmarkedFootnotes(bodyLines, headings, front);
  warnings.push(...unmarked.warnings.map((w) => `${file}: ${w}`));

  const units: Unit[] = [];
  const headingBlocks: { before: number; h: HeadingInfo; line: Line }[] = [];
  const footnotes: FnAcc[] = [];
  const sectionStack: HeadingInfo[] = [];
  const section = () => sectionStack.map((h) => h.text);
  let mode: 'BODY' | 'FN' = 'BODY';
  let openBody: Unit | null = null;
  let lastBody: Unit | null = null;
  let lastFn: FnAcc | null = null;
  let fnRun = false; // the previous line went to a footnote (marker line or text)
  let fnRunU = false; // the previous unmarked line went to a footnote: the whole run belongs to it
  let prevLine: Line | null = null;
  let prevWasOpenBody = false;
  let table: Unit | null = null;
  let lastNumbered = 0;
  const orphans: { raw: string; line: Line; blockStart: number }[] = [];

  if (front.abstract.length) {
    for (const l of front.abstract) {
      units.push({ kind: 'paragraph', parts: [{ raw: l.raw, line: l }], section: ['Abstract'] });
    }
  }

  const nonBlank = bodyLines.filter((l) => l.raw.trim() !== '' && !skip.has(l.no));
  const classify = (l: Line): 'H' | 'M' | 'D' | 'T' | 'U' => {
    if (headings.has(l.no)) return 'H';
    if (unmarked.numbers.has(l.no)) return 'M';
    if (unmarked.active && unmarked.body.has(l.no)) return 'U';
    const m = footnoteMarker(l.raw);
    if (m) return 'M';
    const lm = listStyleMarker(l.raw);
    if (lm && lm.n > lastNumbered && lm.n <= lastNumbered + 8) return 'M';
    if (DEBRIS.test(l.raw)) return 'D';
    if (isTableLine(l.raw)) return 'T';
    if (table && /^\W*Notes?:/.test(l.raw)) return 'T';
    return 'U';
  };
  const startFootnote = (n: number | '*', rest: string, l: Line) => {
    const existing = typeof n === 'number' ? footnotes.find((f) => f.n === n) : undefined;
    if (existing && existing === lastFn) {
      // the same note continued (a page-cut note whose continuation carries no marker)
      existing.parts.push({ raw: rest, line: l, join: 'page' });
      return;
    }
    if (existing) {
      warnings.push(`${file}: footnote ${n} appears twice (line ${l.no}); the second body was appended to the first`);
      existing.parts.push({ raw: rest, line: l, join: 'para' });
      lastFn = existing;
      return;
    }
    const fn: FnAcc = { n, parts: [], status: 'ok' };
    if (rest.trim()) fn.parts.push({ raw: rest, line: l, join: 'para' });
    footnotes.push(fn);
    lastFn = fn;
    if (typeof n === 'number') lastNumbered = Math.max(lastNumbered, n);
  };
  const fnText = (f: FnAcc | null) => (f ? f.parts.map((p) => p.raw).join(' ') : '');

  for (let i = 0; i < nonBlank.length; i++) {
    const l = nonBlank[i]!;
    const kind = classify(l);
    const sameUnit = prevLine !== null && l.no === prevLine.no + 1; // single newline: same converted unit
    if (kind !== 'T') table = null;
    if (kind === 'H') {
      const h = headings.get(l.no)!;
      while (sectionStack.length && sectionStack[sectionStack.length - 1]!.level >= h.level) sectionStack.pop();
      headingBlocks.push({ before: units.length, h: { ...h, parents: section() } as HeadingInfo, line: l });
      sectionStack.push(h);
      mode = 'BODY';
      openBody = null;
      lastBody = null;
      fnRun = false;
      fnRunU = false;
      prevWasOpenBody = false;
      prevLine = l;
      continue;
    }
    if (kind === 'M') {
      const assigned = unmarked.numbers.get(l.no);
      if (assigned !== undefined) {
        const m = footnoteMarker(l.raw);
        startFootnote(assigned, m ? m.rest : l.raw, l);
      } else {
        const m = footnoteMarker(l.raw) ?? listStyleMarker(l.raw)!;
        startFootnote(m.n, m.rest, l);
        if (!m.rest.trim()) {
          // a marker alone on its line: the note's text is the next line
          const next = nonBlank[i + 1];
          if (next && classify(next) === 'U') {
            lastFn!.parts.push({ raw: next.raw, line: next, join: 'para' });
            i++;
          }
        }
      }
      mode = 'FN';
      fnRun = true;
      fnRunU = false;
      prevLine = l;
      prevWasOpenBody = false;
      continue;
    }
    if (kind === 'D') {
      if (lastFn) (lastFn as FnAcc).parts.push({ raw: l.raw, line: l, join: 'para' });
      prevLine = l;
      continue;
    }
    if (kind === 'T') {
      if (!table) {
        table = { kind: 'table', parts: [], section: section(), table: true };
        units.push(table);
      }
      table.parts.push({ raw: l.raw, line: l });
      prevLine = l;
      continue;
    }
    // U: body text or an unmarked footnote line
    let toFootnote = fnRunU && lastFn !== null;
    if (!toFootnote && fnRun && lastFn && (sameUnit || mode === 'FN')) {
      // same converted unit as the footnote line before it, or the run of a footnote already started
      if (sameUnit || !looksLikeBodyAfterBlock(l, lastFn, openBody)) toFootnote = true;
    }
    if (!toFootnote && mode === 'BODY' && !unmarked.active) {
      const nextKind = lookAheadKind(nonBlank, i, classify);
      if ((nextKind === 'M' || nextKind === 'D') && !hasRef(l.raw) && lastFn) {
        const state = fnState(fnText(lastFn));
        if (prevWasOpenBody) {
          if (state !== 'closed') toFootnote = true;
          else if (startsLower(firstUAfterBlock(nonBlank, i, classify)?.raw ?? 'X')) {
            orphans.push({ raw: l.raw, line: l, blockStart: footnotes.length });
            prevLine = l;
            continue;
          }
        } else if (state !== 'closed' && continuesUnfinishedNote(l.raw, fnText(lastFn), lastBody)) {
          toFootnote = true;
        }
      }
    }
    if (toFootnote && lastFn) {
      const f = lastFn as FnAcc;
      const pageCut = mode === 'BODY';
      f.parts.push({ raw: l.raw, line: l, join: pageCut ? 'page' : sameUnit ? 'space' : 'para' });
      fnRun = true;
      fnRunU = true;
      prevLine = l;
      prevWasOpenBody = false;
      continue;
    }
    // body
    fnRun = false;
    fnRunU = false;
    const raw = l.raw;
    let unit: Unit;
    if (LIST_ITEM.test(raw) && !footnoteMarker(raw)) {
      unit = { kind: 'list_item', parts: [{ raw, line: l }], section: section() };
      units.push(unit);
    } else if (openBody && mode === 'BODY' && lastBody === openBody && (SAYING.test(lineEnding(openBody.parts.at(-1)!.raw)) || /^\s*\[/.test(raw))) {
      unit = { kind: 'block_quote', parts: [{ raw, line: l }], section: section(), leadIn: openBody };
      units.push(unit);
    } else if (openBody && openBody.kind !== 'list_item') {
      openBody.parts.push({ raw, line: l });
      unit = openBody;
    } else if (lastBody && lastBody.kind !== 'list_item' && (endsWithColon(lastBody.parts.at(-1)!.raw) || /^\s*\[/.test(raw))) {
      unit = { kind: 'block_quote', parts: [{ raw, line: l }], section: section(), leadIn: lastBody };
      units.push(unit);
    } else {
      unit = { kind: 'paragraph', parts: [{ raw, line: l }], section: section() };
      units.push(unit);
    }
    lastBody = unit;
    openBody = isOpen(raw) && unit.kind !== 'list_item' ? unit : null;
    prevWasOpenBody = openBody !== null;
    mode = 'BODY';
    prevLine = l;
  }

  // Orphan fragments (a footnote's quoted part printed before its head): attach to the note of the
  // following block that ends with a colon; otherwise keep them as orphans and warn.
  for (const o of orphans) {
    const host = footnotes.slice(o.blockStart).find((f) => f.parts[0] !== undefined && fnState(f.parts[0].raw) === 'colon');
    if (host) host.parts.push({ raw: o.raw, line: o.line, join: 'para' });
    else {
      footnotes.push({ n: '*', parts: [{ raw: o.raw, line: o.line, join: 'para' }], status: 'orphan_fragment' });
      warnings.push(`${file}: line ${o.line.no} looks like a footnote fragment with no numbered note to attach to`);
    }
  }

  return assemble(file, text, front, units, headingBlocks, footnotes, warnings);
}

/** After a footnote block, is this U line the body's continuation rather than more of the footnote? */
function looksLikeBodyAfterBlock(l: Line, lastFn: FnAcc, openBody: Unit | null): boolean {
  const text = lastFn.parts.map((p) => p.raw).join(' ');
  const state = fnState(text);
  if (state === 'colon' && !hasRef(l.raw) && /^\s*["“'‘\p{Lu}]/u.test(plainText(l.raw))) return false;
  if (openBody && CITATION_LIKE.test(l.raw) && !hasRef(l.raw) && !LIST_ITEM.test(l.raw)) return false;
  return true;
}

/**
 * A reference-free line just before a footnote block, after a page body that ended closed, while the last
 * note is unfinished: it is that note's continuation when it reads like one (a citation), when it cannot be
 * body text (body paragraphs never start lowercase, except a quotation after a colon lead-in), or when the
 * note stops mid-phrase (on a comma or a function word), which a finished note never does. A note cut
 * mid-word (`bilat-`) continues lowercase, so a capitalised line after it is body text.
 */
function continuesUnfinishedNote(raw: string, noteText: string, lastBody: Unit | null): boolean {
  if (CITATION_LIKE.test(raw)) return true;
  const afterLeadIn = lastBody !== null && endsWithColon(lastBody.parts.at(-1)!.raw);
  if (startsLower(raw) && !afterLeadIn) return true;
  return MID_PHRASE.test(lineEnding(noteText));
}

function lookAheadKind(lines: Line[], i: number, classify: (l: Line) => string): string | null {
  for (let j = i + 1; j < lines.length; j++) {
    const k = classify(lines[j]!);
    if (k !== 'U') return k;
    if (hasRef(lines[j]!.raw)) return 'REF';
  }
  return null;
}

function firstUAfterBlock(lines: Line[], i: number, classify: (l: Line) => string): Line | undefined {
  let j = i + 1;
  while (j < lines.length && classify(lines[j]!) === 'U') j++;
  while (j < lines.length && classify(lines[j]!) !== 'U') j++;
  return lines[j];
}

function detectHeadingStyle(lines: Line[]): 'labelled' | 'plain' {
  let labelled = 0;
  for (const l of lines) if (headingOf(l.raw, 'labelled')) labelled++;
  return labelled >= 2 ? 'labelled' : 'plain';
}

/** Dotted-number headings: the level is the group count relative to the shallowest (a chapter prefix is not a level). */
function fixHeadingLevels(headings: Map<number, HeadingInfo>): void {
  const dotted = [...headings.values()].filter((h) => h.scheme === 'dotted');
  if (!dotted.length) return;
  const min = Math.min(...dotted.map((h) => h.groups ?? 1));
  for (const h of dotted) h.level = (h.groups ?? 1) - min + 1;
}

/**
 * `Annex 2` followed by its title line is one appendix heading; plain headings inside an annex are
 * its sub-headings. Returns the title lines merged away.
 */
function mergeAnnexTitles(lines: Line[], headings: Map<number, HeadingInfo>): Set<number> {
  const skip = new Set<number>();
  const content = lines.filter((l) => l.raw.trim());
  let inAnnex = false;
  for (let i = 0; i < content.length; i++) {
    const h = headings.get(content[i]!.no);
    if (!h) continue;
    if (h.scheme === 'annex') {
      inAnnex = true;
      const next = content[i + 1];
      const nh = next && headings.get(next.no);
      if (next && nh && nh.scheme === 'plain') {
        h.text = `${h.text}: ${nh.text}`;
        headings.delete(next.no);
        skip.add(next.no);
        i++;
      }
    } else if (inAnnex && h.scheme === 'plain') h.level = 2;
  }
  return skip;
}

function assemble(
  file: string,
  source: string,
  front: ReturnType<typeof analyseFrontMatter>,
  units: Unit[],
  headingBlocks: { before: number; h: HeadingInfo; line: Line }[],
  fnAcc: FnAcc[],
  warnings: string[],
): ParsedDocument {
  const blocks: Block[] = [];
  let para = 0;
  let hi = 0;
  const unitBlocks = new Map<Unit, Block>();
  const span = (l: Line): SourceSpan => ({ line: l.no, start: l.start, end: l.end });
  const emitHeadingsBefore = (idx: number) => {
    while (hi < headingBlocks.length && headingBlocks[hi]!.before <= idx) {
      const { h, line } = headingBlocks[hi]!;
      blocks.push({
        kind: 'heading',
        text: h.text,
        level: h.level,
        section: h.parents ?? [],
        paragraph: null,
        page: null,
        footnotes: [],
        spans: [span(line)],
      });
      hi++;
    }
  };
  units.forEach((u, idx) => {
    emitHeadingsBefore(idx);
    let text = '';
    const refs: FootnoteRef[] = [];
    const joins: number[] = [];
    if (u.kind === 'table') {
      const rows = u.parts.filter((p) => !/^\s*\(continued\)\s*$/i.test(p.raw));
      text = rows.map((p) => cleanLine(p.raw).text.trim()).join('\n');
    } else {
      for (const p of u.parts) {
        const c = cleanLine(p.raw.trim());
        const base = text ? joinParts(text, c.text, source) : c.text;
        const shift = base.length - c.text.length;
        if (text) joins.push(shift);
        for (const r of c.refs) refs.push({ ...r, offset: r.offset + shift });
        text = base;
      }
    }
    const block: Block = {
      kind: u.kind,
      text: text.trim(),
      section: u.section,
      paragraph: u.kind === 'table' ? null : ++para,
      page: null,
      footnotes: [],
      refs,
      ...(joins.length ? { joins } : {}),
      spans: u.parts.map((p) => span(p.line)),
    };
    if (u.leadIn && unitBlocks.get(u.leadIn)?.paragraph) block.leadIn = unitBlocks.get(u.leadIn)!.paragraph!;
    unitBlocks.set(u, block);
    blocks.push(block);
  });
  emitHeadingsBefore(Infinity);

  const numbered = fnAcc.filter((f) => typeof f.n === 'number').map((f) => f.n as number);
  const maxN = numbered.length ? Math.max(...numbered) : 0;
  applyBareReferences(blocks, maxN, front.refsOnAuthorLine);

  const footnotes: Footnote[] = fnAcc.map((f) => {
    let t = '';
    const joins: number[] = [];
    let lastLine = -1;
    for (const p of f.parts) {
      const c = cleanLine(p.raw.replace(/^\s*-\s+(?=\p{Lu})/u, '').trim()).text.trim();
      if (!c) continue;
      const before = t;
      if (!t) t = c;
      else if (p.join === 'page' || p.join === 'space') t = joinParts(t, c, source);
      else t = t + '\n' + c;
      // where this part starts, and where cleaning dropped the source's letters inside it (its marker,
      // an HTML entity), are breaks a quote may not silently span
      const shift = t.length - c.length;
      // a continuation found earlier in the file than the part it continues: the source has the two in the
      // other order, so no quote may run across the join (three breaks = more pieces than a quote may have)
      if (before) joins.push(...(p.line.no < lastLine ? [shift, shift, shift] : [shift]));
      lastLine = p.line.no;
      for (const o of removedOffsets(c, p.raw.replace(/^\s*<sup>[^<]*<\/sup>\s*/, ''))) if (o > 0) joins.push(shift + o);
    }
    return {
      n: f.n,
      text: t,
      citedBy: [],
      status: f.status,
      spans: f.parts.map((p) => span(p.line)),
      page: null,
      ...(joins.length ? { joins: joins.sort((a, b) => a - b) } : {}),
    };
  });
  // link references both ways
  const byN = new Map<number, Footnote>();
  for (const f of footnotes) if (typeof f.n === 'number') byN.set(f.n, f);
  for (const b of blocks) {
    if (!b.refs) continue;
    b.footnotes = [...new Set(b.refs.map((r) => r.n))];
    for (const n of b.footnotes) {
      const f = byN.get(n);
      if (f && b.paragraph !== null && !f.citedBy.includes(b.paragraph)) f.citedBy.push(b.paragraph);
    }
  }
  if (front.authorNote) {
    footnotes.unshift({ n: '*', text: plainText(front.authorNote.raw), citedBy: [], status: 'ok', spans: [span(front.authorNote)], page: null });
  }
  const referenced = new Set<number>([...front.refsOnAuthorLine, ...blocks.flatMap((b) => b.footnotes)]);
  for (const f of footnotes) {
    if (typeof f.n === 'number' && !referenced.has(f.n) && f.status === 'ok') f.status = 'ref_lost';
  }
  // gaps: numbers referenced (or implied by the sequence) whose bodies are absent
  const missing: number[] = [];
  for (let n = 1; n <= maxN; n++) if (!byN.has(n)) missing.push(n);
  for (const n of missing) {
    footnotes.push({ n, text: '', citedBy: blocks.filter((b) => b.footnotes.includes(n)).map((b) => b.paragraph!).filter(Boolean), status: 'missing_body', spans: [], page: null });
  }
  footnotes.sort((a, b) => (a.n === '*' ? -1 : b.n === '*' ? 1 : (a.n as number) - (b.n as number)));
  if (missing.length) warnings.push(`${file}: footnote bodies missing from the source for note(s) ${missing.join(', ')}`);
  const lost = footnotes.filter((f) => f.status === 'ref_lost').length;
  if (lost) warnings.push(`${file}: ${lost} footnote(s) have no surviving reference in the body (markers lost in conversion)`);

  return {
    meta: {
      file,
      format: /\.md$|\.markdown$/i.test(file) ? 'markdown' : 'text',
      title: front.title,
      subtitle: front.subtitle,
      authors: front.authors,
      extra: front.extra,
    },
    blocks,
    footnotes,
    warnings,
  };
}
