/**
 * @module core/ingest/converted-lines
 * The shapes of a PDF-converted line (STRUCTURE.md R-F, R-G): footnote-body markers, converter debris,
 * table rows, list items, references, and how a note's text ends. The page reader decides by these.
 */
import { lineEnding, plainText, superscriptToNumber } from './clean.js';

/** H heading, M footnote marker, D converter debris, T table row, U any other text. */
export type LineClass = 'H' | 'M' | 'D' | 'T' | 'U';

/** A footnote-body marker at the start of a line: `<sup>N.</sup>`, `- $N.\,$`, `¹²`, `<sup>\*</sup>`. */
export function footnoteMarker(raw: string): { n: number | '*'; rest: string } | null {
  let m: RegExpMatchArray | null;
  if ((m = raw.match(/^<sup>\s*(\d{1,4})\.?\s*<\/sup>\s*/))) return { n: Number(m[1]), rest: raw.slice(m[0].length) };
  if ((m = raw.match(/^\s*-\s+\$\s*(\d{1,4})\.\\,\s*\$\s*/))) return { n: Number(m[1]), rest: raw.slice(m[0].length) };
  if ((m = raw.match(/^<sup>\\?\*<\/sup>\s*/))) return { n: '*', rest: raw.slice(m[0].length) };
  if ((m = raw.match(/^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(\s+|$)/))) return { n: superscriptToNumber(m[1]!), rest: raw.slice(m[0].length) };
  return null;
}

/** `- N. text` list-style footnote markers; only markers where N continues the note sequence. */
export function listStyleMarker(raw: string): { n: number; rest: string } | null {
  const m = raw.match(/^\s*-\s+(\d{1,4})\.\s+/);
  return m ? { n: Number(m[1]), rest: raw.slice(m[0].length) } : null;
}

export const DEBRIS = /^<sup>[^\d\\*<][^<]*<\/sup>/;
export const LIST_ITEM = /^(\s*-\s+\S|\s*\(\w{1,3}\)\s|\s?\d{1,2}\.\s+\S|\s*[•▪◦]\s)/;
/** A lead-in that introduces a quotation: `As X notes that`, `… put it:`. */
export const SAYING =
  /\b(note[sd]?|suggest(s|ed)?|argue[sd]?|state[sd]?|contends?|explain(s|ed)?|put it|wrote|writes|observe[sd]?|was|were|is)(\s+that)?[,:]?$/i;
export const CITATION_LIKE =
  /supra|\bId\b|\bIbid|https?:\/\/|<www|perma\.cc|\(n \d+\)|U\.N\.T\.S|\(\d{4}\)|accessed \d|^- [A-Z]/;
/** A note that stops here is unfinished: nobody ends a note on a comma or a function word. */
const MID_PHRASE = /(?:,|\b(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|that|which|as|is|are|was|were))$/i;

/** The line cites a note (`<sup>N</sup>` or a superscript digit not at its start). */
export function hasRef(raw: string): boolean {
  return /<sup>\s*\d+\s*<\/sup>/.test(raw) || /[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(raw.replace(/^[⁰¹²³⁴⁵⁶⁷⁸⁹]+/, ''));
}

export function startsLower(raw: string): boolean {
  return /^\s*[\p{Ll}]/u.test(plainText(raw));
}

/** How a note's text so far ends: a lead-in to a quotation, a finished sentence, or anything else. */
export function noteState(text: string): 'colon' | 'closed' | 'open' {
  const end = lineEnding(text);
  if (/:$/.test(end)) return 'colon';
  return /[.?!]$/.test(end) ? 'closed' : 'open';
}

export function stopsMidPhrase(text: string): boolean {
  return MID_PHRASE.test(lineEnding(text));
}

export function isTableLine(raw: string): boolean {
  return raw.includes('\t') || /^\s*Table\s+\d+(\.\d+)*\b/.test(raw) || /^\s*\(continued\)\s*$/i.test(raw);
}

export function isTableNote(raw: string): boolean {
  return /^\W*Notes?:/.test(raw);
}
