/**
 * @module core/ingest/unmarked-footnotes
 * Some conversions drop most footnote numbers: note bodies become ordinary-looking lines after each
 * page's body. Such documents are recognised by having far fewer marked note bodies than references.
 * Lines are then classified by shape (citation-like, no references, closed), corrected by position
 * (sandwiched lines; blocks must hold the notes the page's body referenced) and numbered in sequence,
 * with the surviving marked bodies as anchors.
 */
import { isFigure } from './bare-refs.js';
import { lineEnding, superscriptToNumber } from './clean.js';
import type { FrontMatter, Line } from './front-matter.js';
import type { HeadingInfo } from './headings.js';

export interface UnmarkedResult {
  active: boolean;
  /** Line number → assigned footnote number (marked anchors included). */
  numbers: Map<number, number>;
  /** Lines decided to be body text. */
  body: Set<number>;
  warnings: string[];
}

const LEADING_SUP = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(\s+|$)/;
const CITATION =
  /\(n \d+\)|\bIbid\b|\d{4}\)|\bNo \d|\bvol\b|\bILO\b|\bId\.|accessed|<www|https?:\/\/|www\.|\(\d{4}\)|\(eds?\)|App no|UN Doc|COM \(|OJ [LC]|\bparas?\b|Press|UNTS|\bA\/(RES\/)?\d+|\bA\/HRC\b| v |et al|\bsupra\b|\d{1,2}\/\d{1,2}\/\d{4}|\b\d{4}\b.*\b\d+[–-]\d+\b/;

function inlineRefs(raw: string): number[] {
  const body = raw.replace(LEADING_SUP, '');
  return [...body.matchAll(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g)].map((m) => superscriptToNumber(m[0]));
}

/** Superscript references plus a bare number glued to or just after final punctuation (a lost superscript). */
function bodyRefs(raw: string, last: number): number[] {
  const refs = inlineRefs(raw);
  const line = raw.trimEnd();
  const bare = line.match(/[.,;:"”')\]] ?(\d{1,3})$/);
  const n = Number(bare?.[1]);
  if (bare && n > last && n <= last + 8 && !isFigure(line.slice(0, -bare[1]!.length), '')) refs.push(n);
  return refs;
}

const MONTH = /(January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** A note that stops mid-phrase (a word, comma or hyphen — not a date, number or URL end) was cut by the page. */
function cutOff(raw: string): boolean {
  const end = lineEnding(raw);
  return !/[.?!]$/.test(end) && /(\p{L}[,;]?|-)$/u.test(end) && !MONTH.test(end);
}

/** How much a line looks like a note rather than prose (used to pick which neighbours a short block takes). */
function noteScore(raw: string): number {
  let s = 0;
  if (/\*[^*]+\*/.test(raw)) s++;
  if (/\b(1[89]|20)\d{2}\b/.test(raw)) s++;
  if (raw.length < 300) s++;
  if (/\b(Convention|Protocol|Report|Resolution|Declaration|Journal|University Press|Series|Paper|Review|No \d)\b/.test(raw)) s++;
  if (raw.length > 600) s -= 2;
  return s;
}

/** Classify and number unmarked footnote lines; inactive (no-op) for documents whose notes are marked. */
export function assignUnmarkedFootnotes(lines: Line[], headings: Map<number, HeadingInfo>, front: FrontMatter): UnmarkedResult {
  const result: UnmarkedResult = { active: false, numbers: new Map(), body: new Set(), warnings: [] };
  const content = lines.filter((l) => l.raw.trim() && !headings.has(l.no));
  let marked = 0;
  let maxRef = 0;
  for (const l of content) {
    if (LEADING_SUP.test(l.raw)) marked++;
    for (const n of inlineRefs(l.raw)) maxRef = Math.max(maxRef, n);
  }
  if (maxRef < 10 || marked >= maxRef * 0.5) return result;
  result.active = true;

  // 1. shape
  const isFn = content.map((l) => {
    if (LEADING_SUP.test(l.raw)) return true;
    const text = l.raw.trim();
    return (
      inlineRefs(l.raw).length === 0 && CITATION.test(text) && !/^[\p{Ll}]/u.test(text) && /[.?!]$/.test(lineEnding(text))
    );
  });
  // a citation that runs on (cut at the page end) right after a note line, before text that continues lowercase
  for (let i = 1; i < content.length - 1; i++) {
    const t = content[i]!.raw.trim();
    if (!isFn[i] && isFn[i - 1] && inlineRefs(t).length === 0 && CITATION.test(t) && /^\p{Lu}/u.test(t) && /^\s*\p{Ll}/u.test(content[i + 1]!.raw)) isFn[i] = true;
  }
  // 2. sandwiched between two note lines
  for (let i = 1; i < content.length - 1; i++) {
    if (!isFn[i] && isFn[i - 1] && isFn[i + 1] && inlineRefs(content[i]!.raw).length === 0) isFn[i] = true;
  }
  const headingBetween = (a: Line, b: Line) => [...headings.keys()].some((h) => h > a.no && h < b.no);

  // 3. walk blocks in order: anchors fix numbers; blocks must cover the notes the body referenced
  let last = front.refsOnAuthorLine.length ? Math.max(...front.refsOnAuthorLine) : 0;
  let bodyMax = last;
  let i = 0;
  let prevFnOpen = false;
  let prevFnLine: number | null = null;
  while (i < content.length) {
    if (!isFn[i]) {
      for (const n of bodyRefs(content[i]!.raw, bodyMax)) bodyMax = Math.max(bodyMax, n);
      result.body.add(content[i]!.no);
      i++;
      continue;
    }
    let j = i;
    while (j < content.length && isFn[j] && !(j > i && headingBetween(content[j - 1]!, content[j]!))) j++;
    // A page-cut (open) body line is continued only after its page's notes: reference-free lines
    // between it and this block are notes too.
    {
      let k = i - 1;
      while (k >= 0 && !isFn[k] && bodyRefs(content[k]!.raw, bodyMax).length === 0 && !headingBetween(content[k]!, content[k + 1]!)) k--;
      if (k >= 0 && k < i - 1 && !isFn[k] && /[^.?!:]$/.test(lineEnding(content[k]!.raw)) && !headingBetween(content[k]!, content[k + 1]!)) {
        for (let b = k + 1; b < i; b++) {
          isFn[b] = true;
          result.body.delete(content[b]!.no);
        }
        i = k + 1;
        // ...and the line after those notes continues it: a block longer than the notes referenced
        // gives back its last line when that line reads as prose.
        const last1 = j - 1;
        if (bodyMax - last - (j - i) < 0 && j - i > 1 && !LEADING_SUP.test(content[last1]!.raw) && noteScore(content[last1]!.raw) <= 2) {
          isFn[last1] = false;
          result.body.add(content[last1]!.no);
          j--;
        }
      }
    }
    // [i, j) is a block. An anchor inside it may show that lines just before belong to it.
    for (let k = i; k < j; k++) {
      const m = content[k]!.raw.match(LEADING_SUP);
      if (!m) continue;
      const anchor = superscriptToNumber(m[1]!);
      const startNumber = anchor - (k - i);
      let missing = startNumber - (last + 1);
      while (missing > 0 && i > 0 && !isFn[i - 1] && inlineRefs(content[i - 1]!.raw).length === 0 && !headingBetween(content[i - 1]!, content[i]!)) {
        i--;
        isFn[i] = true;
        result.body.delete(content[i]!.no);
        missing--;
      }
      break;
    }
    // A block too short for the notes already referenced takes reference-free neighbours: the run just
    // before it or the run just after it, whichever looks more like notes.
    let need = bodyMax - last - (j - i);
    // A block with more lines than notes referenced gives back leading lines that read as prose.
    while (need < 0 && j - i > 1 && !prevFnOpen && !LEADING_SUP.test(content[i]!.raw) && noteScore(content[i]!.raw) <= 1) {
      isFn[i] = false;
      result.body.add(content[i]!.no);
      i++;
      need++;
    }
    if (need > 0) {
      const free = (k: number) => k >= 0 && k < content.length && !isFn[k] && bodyRefs(content[k]!.raw, bodyMax).length === 0;
      const back: number[] = [];
      for (let k = i - 1; back.length < need && free(k) && !headingBetween(content[k]!, content[k + 1]!); k--) back.push(k);
      const fwd: number[] = [];
      for (let k = j; fwd.length < need && free(k) && !headingBetween(content[k - 1]!, content[k]!); k++) fwd.push(k);
      const avg = (ks: number[]) => (ks.length ? ks.reduce((a, k) => a + noteScore(content[k]!.raw), 0) / ks.length : -Infinity);
      const take = avg(back) >= avg(fwd) ? back : fwd;
      for (const k of take) {
        isFn[k] = true;
        result.body.delete(content[k]!.no);
        need--;
      }
      if (take === back && back.length) i = Math.min(...back);
      else j += take.length;
    }
    for (let k = i; k < j; k++) {
      const l = content[k]!;
      const m = l.raw.match(LEADING_SUP);
      if (m) {
        const anchor = superscriptToNumber(m[1]!);
        if (anchor !== last + 1 && !(k === i && prevFnOpen && anchor === last + 2)) {
          result.warnings.push(`footnote numbering re-synchronised at note ${anchor} (line ${l.no}; expected ${last + 1})`);
        }
        last = anchor;
      } else if (k === i && prevFnOpen && prevFnLine !== null) {
        // a note cut at the previous page end continues at the top of this block: same number
        result.numbers.set(l.no, last);
        prevFnOpen = cutOff(l.raw);
        continue;
      } else {
        last++;
      }
      result.numbers.set(l.no, last);
      prevFnOpen = cutOff(l.raw);
      prevFnLine = l.no;
    }
    i = j;
  }
  return result;
}
