/**
 * @module core/ingest/converted-text
 * Parser for text or Markdown converted from PDF: each printed page appears as its body lines followed
 * by its footnote lines; paragraphs and footnotes cut at a page end continue after the footnote block.
 * The rules are general heuristics over line shapes (see shared STRUCTURE.md, R-A…R-K), never per file.
 * Here: lines, front matter, headings and unmarked notes; the page reader (converted-pages) and the
 * assembler (converted-assemble) do the rest.
 */
import type { ParsedDocument } from '../types.js';
import { assembleConverted } from './converted-assemble.js';
import { footnoteMarker, hasRef } from './converted-lines.js';
import { readPages } from './converted-pages.js';
import { analyseFrontMatter, type Line } from './front-matter.js';
import { headingOf, type HeadingInfo } from './headings.js';
import { assignUnmarkedFootnotes } from './unmarked-footnotes.js';

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

/** Parse a PDF-converted text document into the document model. Never throws on odd input. */
export function parseConvertedText(text: string, file: string): ParsedDocument {
  const front = analyseFrontMatter(linesOf(text));
  const { headings, merged } = findHeadings(front.bodyLines);
  // Mostly-unmarked footnotes (bodies without numbers): classify lines by shape and position first.
  const unmarked = assignUnmarkedFootnotes(front.bodyLines, headings, front);
  const content = front.bodyLines.filter((l) => l.raw.trim() !== '' && !merged.has(l.no));
  const reading = readPages(content, headings, unmarked, front.abstract);
  return assembleConverted(file, text, front, reading, unmarked.warnings);
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    lines.push({ raw: line, no: i + 1, start: offset, end: offset + line.length });
    offset += raw.length + 1;
  });
  return lines;
}

/** Heading lines by line number, and the annex title lines merged into their annex heading. */
function findHeadings(lines: Line[]): { headings: Map<number, HeadingInfo>; merged: Set<number> } {
  const headings = new Map<number, HeadingInfo>();
  const style = detectHeadingStyle(lines);
  for (const l of lines) {
    const h = headingOf(l.raw, style);
    if (h) headings.set(l.no, h);
  }
  fixHeadingLevels(headings);
  return { headings, merged: mergeAnnexTitles(lines, headings) };
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
