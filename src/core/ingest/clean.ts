/**
 * @module core/ingest/clean
 * Inline cleaning shared by the text parsers: markup removal and footnote-marker extraction.
 * Everything here only deletes markup or markers; it never changes a word.
 */
import type { FootnoteRef } from '../types.js';

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
export const SUPERSCRIPT_RUN = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;

/** Convert a run of unicode superscript digits to its number. */
export function superscriptToNumber(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 10 + SUPERSCRIPT_DIGITS.indexOf(ch);
  return n;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0', '#39': "'" };

/** Text with its footnote references removed and recorded. */
export interface CleanedText {
  text: string;
  refs: FootnoteRef[];
}

/**
 * Remove markup from one converted line: `<sup>N</sup>` and superscript-digit references (recorded),
 * converter debris (`<sup>&</sup>amp;`), HTML entities, backslash escapes, inline LaTeX, `<i>` tags and
 * `*`/`**` emphasis delimiters. A space standing just before a removed reference goes with it.
 */
export function cleanLine(raw: string): CleanedText {
  let s = raw;
  // converter debris first, so the generic <sup> rule below does not read it as a reference
  s = s.replace(/<sup>&<\/sup>(amp|quot|lt|gt|apos|#39);/g, (_m, e: string) => ENTITIES[e] ?? _m);
  s = s.replace(/\$\\it\s+([^$]*)\$/g, '$1');
  s = s.replace(/\$\s*([^$]*?)\\,\s*\$/g, '$1');
  s = s.replace(/<\/?(?:i|b|em|strong|u)>/gi, '');
  s = s.replace(/&(amp|quot|lt|gt|apos|nbsp|#39);/g, (_m, e: string) => ENTITIES[e] ?? _m);

  const out: string[] = [];
  const refs: FootnoteRef[] = [];
  let len = 0;
  const push = (t: string) => {
    out.push(t);
    len += t.length;
  };
  const dropTrailingSpace = () => {
    const last = out[out.length - 1];
    if (last !== undefined && last.endsWith(' ')) {
      out[out.length - 1] = last.slice(0, -1);
      len -= 1;
    }
  };
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^<sup>\s*(\d{1,4})\s*<\/sup>/))) {
      dropTrailingSpace();
      refs.push({ n: Number(m[1]), offset: len, form: 'sup' });
      i += m[0].length;
    } else if ((m = rest.match(/^<sup>([^<]*)<\/sup>/))) {
      push(m[1]!.replace(/^\\\*$/, '*'));
      i += m[0].length;
    } else if ((m = rest.match(/^[⁰¹²³⁴⁵⁶⁷⁸⁹]+/))) {
      dropTrailingSpace();
      refs.push({ n: superscriptToNumber(m[0]), offset: len, form: 'unicode' });
      i += m[0].length;
    } else if ((m = rest.match(/^\\([_$*#[\]\\`{}()!.+-])/))) {
      push(m[1]!);
      i += 2;
    } else if (rest[0] === '*') {
      i += 1; // emphasis delimiter
    } else {
      // copy a run of ordinary characters at once
      const next = rest.search(/<sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]|\\|\*/);
      const take = next <= 0 ? (next === 0 ? 1 : rest.length) : next;
      push(rest.slice(0, take));
      i += take;
    }
  }
  return { text: out.join(''), refs };
}

/** Remove only markup (emphasis, escapes, tags) and superscript markers; for titles and headings. */
export function plainText(raw: string): string {
  return cleanLine(raw).text.replace(/\s+/g, ' ').trim();
}

const CLOSERS = /["'”’)\]}»]+$/;

/**
 * Strip trailing reference markers (superscripts, `<sup>`, a bare number after punctuation) and
 * closing quotes/brackets, to judge how a line ends.
 */
export function lineEnding(raw: string): string {
  let s = raw.trimEnd();
  for (let k = 0; k < 3; k++) {
    const before = s;
    s = s.replace(/\s*<sup>[^<]*<\/sup>$/, '').replace(/\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/, '');
    s = s.replace(/([.,;:!?"'”’)\]])\s?\d{1,3}$/, '$1');
    s = s.replace(/\*+$/, '').replace(CLOSERS, '').trimEnd();
    if (s === before) break;
  }
  return s;
}

/** A line is "open" when, after stripping trailing markers and closers, it does not end a sentence. */
export function isOpen(raw: string): boolean {
  return !/[.?!:]$/.test(lineEnding(raw));
}

/** Ends with a colon (a lead-in). */
export function endsWithColon(raw: string): boolean {
  return /:$/.test(lineEnding(raw));
}

/**
 * Join two parts of a paragraph cut by a page break. A line-end hyphen before a lowercase letter is
 * removed unless the hyphenated compound is attested in `corpusText` or the stem is a free-standing prefix.
 */
export function joinParts(a: string, b: string, corpusText: string): string {
  const m = a.match(/([\p{L}]+)-$/u);
  if (m && /^\p{Ll}/u.test(b)) {
    const stem = m[1]!;
    const next = b.match(/^[\p{L}]+/u)?.[0] ?? '';
    const attested = (w: string) => new RegExp(`(^|[^\\p{L}-])${escapeRe(w)}($|[^\\p{L}])`, 'iu').test(corpusText);
    const keep =
      !attested(stem + next) && (attested(`${stem}-${next}`) || /^(multi|non|self|cross|quasi|semi|anti|well)$/i.test(stem));
    return keep ? a + b : a.slice(0, -1) + b;
  }
  // a URL cut at a page break continues without a space
  const firstToken = b.split(/\s/, 1)[0] ?? '';
  if (/(https?:\/\/|www\.)\S*$/.test(a) && /[/.]/.test(firstToken) && !/^\p{Lu}/u.test(firstToken)) return a + b;
  return a + ' ' + b;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Offsets in `clean` where letters or digits of `raw` were dropped in cleaning (markers, entities,
 * symbols): a quote spanning such an offset is one more piece of the source. Greedy alignment of the two
 * letter-and-digit streams; it may place a break a few characters off, never omit one.
 */
export function removedOffsets(clean: string, raw: string): number[] {
  const isWord = (ch: string) => /[\p{L}\p{N}]/u.test(ch);
  const cleanChars: { ch: string; at: number }[] = [];
  for (let i = 0; i < clean.length; i++) if (isWord(clean[i]!)) cleanChars.push({ ch: clean[i]!.toLowerCase(), at: i });
  const out: number[] = [];
  let j = 0;
  let skipping = false;
  for (const ch of raw) {
    if (!isWord(ch)) continue;
    if (j < cleanChars.length && ch.toLowerCase() === cleanChars[j]!.ch) {
      j++;
      skipping = false;
    } else if (!skipping) {
      out.push(j < cleanChars.length ? cleanChars[j]!.at : clean.length);
      skipping = true;
    }
  }
  return out;
}
