/**
 * @module core/answer/citation
 * Citations for quoted passages: a short locator (author, short title, part/section, ¶, page, notes)
 * and a full reference in OSCOLA, Bluebook or APA 7, built from whatever catalog fields exist.
 * Pure functions, no I/O. Missing fields are left out, never printed as "undefined" or as empty
 * brackets.
 */
import type { CatalogEntry, Citation, CitationStyle, DocumentMeta } from '../types.js';

/** What a citation is built from: the document and where in it the quoted passage sits. */
export interface CitationInput {
  /** Title, subtitle and authors as parsed; `meta.catalog` (when present) takes precedence. */
  meta: DocumentMeta;
  /** Section path, outermost first. */
  section: string[];
  /** ¶ number within the document. */
  paragraph: number | null;
  /** Printed page, when known. */
  page: number | null;
  /** Notes the quoted passage cites. */
  footnotes: (number | '*')[];
  /** Set when the quoted passage is itself a footnote. */
  note?: number | '*';
}

/** Longest short title (characters, before the ellipsis). @defaultValue 50 */
export const SHORT_TITLE_MAX = 50;
/** Longest heading text quoted in a short locator. @defaultValue 40 */
export const SHORT_HEADING_MAX = 40;

/** Formats the short locator and the full plain-text reference of a passage. */
export function formatCitation(input: CitationInput, style: CitationStyle): Citation {
  return { short: shortCitation(input), full: render(fullSegments(input, style), false), style };
}

/** The full reference with Markdown italics (`*Book*`) where the style italicises. */
export function formatCitationMarkdown(input: CitationInput, style: CitationStyle): string {
  return render(fullSegments(input, style), true);
}

// ---------------------------------------------------------------------------------------------
// Short locator

/** E.g. `Chuang, "The International Organization for Migration…", Part III.B, ¶ 42, n 14`. */
export function shortCitation(input: CitationInput): string {
  const work = workOf(input.meta);
  const parts = [
    shortAuthors(work.authors),
    `"${shorten(work.shortTitle, SHORT_TITLE_MAX)}"`,
    sectionLocator(input.section, work.shortTitle),
    input.paragraph != null ? `¶ ${input.paragraph}` : '',
    input.page != null ? `p ${input.page}` : '',
    input.note !== undefined ? `n ${input.note}` : notesLocator(input.footnotes),
  ];
  return parts.filter(Boolean).join(', ');
}

function shortAuthors(authors: string[]): string {
  const surnames = authors.map((a) => splitName(a).surname);
  if (surnames.length === 0) return '';
  if (surnames.length === 1) return surnames[0]!;
  if (surnames.length === 2) return `${surnames[0]} and ${surnames[1]}`;
  return `${surnames[0]} et al.`;
}

/** `n 14`, `nn 14, 15`, `nn 14–16, 20` (runs of three or more collapse to a range). */
export function notesLocator(notes: (number | '*')[]): string {
  const nums = [...new Set(notes.filter((n): n is number => n !== '*'))].sort((a, b) => a - b);
  const labels = [...(notes.includes('*') ? ['*'] : []), ...collapseRuns(nums)];
  if (labels.length === 0) return '';
  return `${labels.length === 1 && !labels[0]!.includes('–') ? 'n' : 'nn'} ${labels.join(', ')}`;
}

function collapseRuns(nums: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    if (j - i >= 2) out.push(`${nums[i]}–${nums[j]}`);
    else for (let k = i; k <= j; k++) out.push(String(nums[k]));
    i = j + 1;
  }
  return out;
}

type HeadingLabel = { kind: 'part' | 'number' | 'dotted' | 'named'; value: string };

/** The label a heading starts with: `III.`/`B.` (part), `1.` (number), `2.1.`/`15.3.1` (dotted), `Annex 2`. */
export function headingLabel(heading: string): HeadingLabel | null {
  const h = cleanText(heading);
  let m = /^(\d{1,3}(?:\.\d{1,3})+)\.?(?=\s|$)/.exec(h);
  if (m) return { kind: 'dotted', value: m[1]! };
  m = /^(\d{1,3})\.(?=\s|$)/.exec(h);
  if (m) return { kind: 'number', value: m[1]! };
  m = /^([IVXLCDM]{1,7}|[A-Z])\.(?=\s|$)/.exec(h);
  if (m) return { kind: 'part', value: m[1]! };
  m = /^(Annex|Appendix|Schedule|Chapter|Part|Section)\s+(\d{1,3}|[IVXLCDM]{1,7}|[A-Z])\b\.?/i.exec(h);
  if (m) return { kind: 'named', value: `${m[1]} ${m[2]}` };
  return null;
}

/**
 * The section part of a short locator: `Part III.B.1` for Roman/letter/number outlines,
 * `§ 15.3.1` for dotted numbering, `under "Heading"` for an unlabelled innermost heading.
 * A first heading equal to the document title is skipped.
 */
export function sectionLocator(section: string[], docTitle = ''): string {
  const path = section.map(cleanText).filter(Boolean);
  if (path.length && docTitle && sameText(path[0]!, docTitle)) path.shift();
  if (path.length === 0) return '';
  const labels = path.map(headingLabel);
  const inner = labels[labels.length - 1];
  const labelled = labelledLocator(labels);
  if (inner) return labelled;
  const text = `under "${shorten(path[path.length - 1]!, SHORT_HEADING_MAX)}"`;
  return labelled ? `${labelled}, ${text}` : text;
}

function labelledLocator(labels: (HeadingLabel | null)[]): string {
  const present = labels.filter((l): l is HeadingLabel => l !== null);
  if (present.length === 0) return '';
  if (present.some((l) => l.kind === 'part')) {
    const chain = present.filter((l) => l.kind === 'part' || l.kind === 'number').map((l) => l.value);
    return `Part ${chain.join('.')}`;
  }
  const last = present[present.length - 1]!;
  return last.kind === 'named' ? last.value : `§ ${last.value}`;
}

// ---------------------------------------------------------------------------------------------
// The work being cited

type Kind = NonNullable<CatalogEntry['kind']>;

interface Work {
  authors: string[];
  /** Title and subtitle joined. */
  title: string;
  /** Title alone (for short locators). */
  shortTitle: string;
  year?: number;
  kind?: Kind;
  container: NonNullable<CatalogEntry['container']>;
  firstPage?: number;
  lastPage?: number;
  publisher?: string;
  url?: string;
}

function workOf(meta: DocumentMeta): Work {
  const c = meta.catalog;
  const title = cleanText(c?.title ?? meta.title) || fileStem(meta.file);
  const subtitle = cleanText((c?.title ? c.subtitle : meta.subtitle) ?? '');
  const authors = (c?.authors?.length ? c.authors : meta.authors).map(cleanName).filter(Boolean);
  return {
    authors,
    title: joinTitle(title, subtitle),
    shortTitle: title,
    year: c?.year,
    kind: c?.kind,
    container: c?.container ?? {},
    firstPage: c?.firstPage,
    lastPage: c?.lastPage,
    publisher: c?.publisher,
    url: c?.url ?? handleUrl(c?.handle),
  };
}

/** `Title: Subtitle`, or `Title? Subtitle` when the title already ends in punctuation. */
/** Title and subtitle as printed together (no colon after a question mark). */
export function joinTitle(title: string, subtitle = ''): string {
  if (!subtitle || sameText(title, subtitle)) return title;
  return /[?!:.]$/.test(title) ? `${title} ${subtitle}` : `${title}: ${subtitle}`;
}

function handleUrl(handle: string | undefined): string | undefined {
  if (!handle) return undefined;
  return /^https?:\/\//.test(handle) ? handle : `http://hdl.handle.net/${handle.replace(/^hdl:/, '')}`;
}

interface Pin {
  page: number | null;
  paragraph: number | null;
  note?: number | '*';
}

function pinOf(input: CitationInput): Pin {
  return { page: input.page, paragraph: input.paragraph, note: input.note };
}

// ---------------------------------------------------------------------------------------------
// Full references: built as segments so that the same code yields plain text and Markdown.

type Seg = { t: string; i?: boolean };
const r = (t: string): Seg => ({ t });
const it = (t: string): Seg => ({ t, i: true });

function fullSegments(input: CitationInput, style: CitationStyle): Seg[] {
  const work = workOf(input.meta);
  const pin = pinOf(input);
  if (style === 'bluebook') return bluebook(work, pin);
  if (style === 'apa') return apa(work, pin);
  return oscola(work, pin);
}

function render(segs: Seg[], markdown: boolean): string {
  const merged: Seg[] = [];
  for (const s of segs) {
    if (!s.t) continue;
    const prev = merged[merged.length - 1];
    if (prev && !!prev.i === !!s.i) prev.t += s.t;
    else merged.push({ ...s });
  }
  return merged
    .map((s) => (markdown && s.i ? `*${s.t.replace(/([*_\\])/g, '\\$1')}*` : s.t))
    .join('')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function plain(segs: Seg[]): string {
  return render(segs, false);
}

/** Appends `.` unless the text already ends in sentence punctuation. */
function withPeriod(segs: Seg[]): Seg[] {
  return /[.?!]$/.test(plain(segs)) ? segs : [...segs, r('.')];
}

function listNames(names: string[], and: string, serialComma: boolean): string {
  if (names.length <= 1) return names.join('');
  if (names.length === 2) return `${names[0]}${serialComma ? ',' : ''} ${and} ${names[1]}`;
  return `${names.slice(0, -1).join(', ')}${serialComma ? ',' : ''} ${and} ${names[names.length - 1]}`;
}

// OSCOLA --------------------------------------------------------------------------------------

function oscola(w: Work, pin: Pin): Seg[] {
  const names = w.authors.length > 3 ? `${w.authors[0]} and others` : listNames(w.authors, 'and', false);
  const lead = (title: Seg[]): Seg[] => (names ? [r(`${names}, `), ...title] : title);
  const quoted = [r(`'${w.title}'`)];
  const c = w.container;
  switch (w.kind) {
    case 'article':
      return oscolaArticle(lead(quoted), w, pin);
    case 'chapter':
      return oscolaChapter(lead(quoted), w, pin);
    case 'book':
      return [...lead([it(w.title)]), ...oscolaParens([w.publisher, w.year]), r(oscolaPin(pin, ' ')), ...oscolaUrl(w)];
    case 'working_paper': {
      const series = c.series ? `${c.series}${c.number ? ` No ${c.number}` : ''}` : c.number ? `No ${c.number}` : '';
      return [...lead(quoted), ...oscolaParens([series, w.year], ', '), r(oscolaPin(pin, ' ')), ...oscolaUrl(w)];
    }
    default:
      return [...lead(quoted), ...oscolaParens([w.publisher, w.year]), r(oscolaPin(pin, ', ')), ...oscolaUrl(w)];
  }
}

function oscolaArticle(head: Seg[], w: Work, pin: Pin): Seg[] {
  const c = w.container;
  if (!c.journal) return [...head, ...oscolaParens([w.year]), r(oscolaPin(pin, ', ')), ...oscolaUrl(w)];
  // Journals without volume numbers take the year in square brackets.
  const year = w.year === undefined ? '' : c.volume ? `(${w.year}) ` : `[${w.year}] `;
  const issue = c.volume && c.issue ? `(${c.issue})` : '';
  const vol = c.volume ? `${c.volume}${issue} ` : '';
  const first = w.firstPage !== undefined ? ` ${w.firstPage}` : '';
  return [...head, r(` ${year}${vol}${c.journal}${first}`), r(oscolaPin(pin, ', '))];
}

function oscolaChapter(head: Seg[], w: Work, pin: Pin): Seg[] {
  const c = w.container;
  const eds = c.editors?.length ? `${listNames(c.editors, 'and', false)} (${c.editors.length > 1 ? 'eds' : 'ed'})` : '';
  const inBook = c.book ? [r(` in ${eds ? `${eds}, ` : ''}`), it(c.book)] : [];
  const parens = oscolaParens([w.publisher, w.year]);
  const pinSep = inBook.length || parens.length ? ' ' : ', ';
  return [...head, ...inBook, ...parens, r(oscolaPin(pin, pinSep))];
}

function oscolaParens(items: (string | number | undefined)[], sep = ' '): Seg[] {
  const inside = items.filter((x) => x !== undefined && x !== '').join(sep);
  return inside ? [r(` (${inside})`)] : [];
}

/** `120`, `120 n 14`, `n 14` or `para 42`; a page is preceded by `pageSep`, the others by a comma. */
function oscolaPin(pin: Pin, pageSep: string): string {
  const note = pin.note !== undefined ? `n ${pin.note}` : '';
  if (pin.page != null) return `${pageSep}${pin.page}${note ? ` ${note}` : ''}`;
  if (note) return `, ${note}`;
  return pin.paragraph != null ? `, para ${pin.paragraph}` : '';
}

function oscolaUrl(w: Work): Seg[] {
  return w.url ? [r(` <${w.url}>`)] : [];
}

// Bluebook ------------------------------------------------------------------------------------

function bluebook(w: Work, pin: Pin): Seg[] {
  const names = listNames(w.authors, '&', false);
  const head = [...(names ? [r(`${names}, `)] : []), it(w.title)];
  const c = w.container;
  const url = w.url ? [r(`, ${w.url}`)] : [];
  switch (w.kind) {
    case 'article': {
      if (!c.journal) return withPeriod([...head, r(bluebookPin(pin, false)), ...bluebookParens([w.year]), ...url]);
      const vol = c.volume ? `${c.volume} ` : '';
      const first = w.firstPage !== undefined ? ` ${w.firstPage}` : '';
      const source = r(`, ${vol}${c.journal}${first}`);
      return withPeriod([...head, source, r(bluebookPin(pin, first !== '')), ...bluebookParens([w.year])]);
    }
    case 'chapter':
      return withPeriod([...head, ...bluebookChapter(w, pin)]);
    case 'working_paper': {
      const series = [c.series, c.number ? `No. ${c.number}` : ''].filter(Boolean).join(' ');
      return withPeriod([...head, r(bluebookPin(pin, false)), ...bluebookParens([series, w.year], ', '), ...url]);
    }
    default:
      return withPeriod([...head, r(bluebookPin(pin, false)), ...bluebookParens([w.publisher, w.year]), ...url]);
  }
}

/** `, in Book 355, 360 (Editors eds., Publisher Year)`. */
function bluebookChapter(w: Work, pin: Pin): Seg[] {
  const c = w.container;
  const eds = c.editors?.length ? `${listNames(c.editors, '&', false)} ${c.editors.length > 1 ? 'eds.' : 'ed.'}` : '';
  const pubYear = [w.publisher, w.year].filter((x) => x !== undefined).join(' ');
  const inBook = c.book ? [r(', in '), it(c.book)] : [];
  const first = c.book && w.firstPage !== undefined ? ` ${w.firstPage}` : '';
  return [...inBook, r(first), r(bluebookPin(pin, first !== '')), ...bluebookParens([eds, pubYear], ', ')];
}

/** `, 120` after a first page (` 120` otherwise), `n.14`, `¶ 42`. */
function bluebookPin(pin: Pin, afterFirstPage: boolean): string {
  const sep = afterFirstPage ? ', ' : ' ';
  const note = pin.note !== undefined ? `n.${pin.note}` : '';
  if (pin.page != null) return `${sep}${pin.page}${note ? ` ${note}` : ''}`;
  if (note) return `${sep}${note}`;
  return pin.paragraph != null ? `${sep}¶ ${pin.paragraph}` : '';
}

function bluebookParens(items: (string | number | undefined)[], sep = ' '): Seg[] {
  const inside = items.filter((x) => x !== undefined && x !== '').join(sep);
  return inside ? [r(` (${inside})`)] : [];
}

// APA 7 ---------------------------------------------------------------------------------------

function apa(w: Work, pin: Pin): Seg[] {
  const authors = apaAuthors(w.authors);
  const date = `(${w.year ?? 'n.d.'}).`;
  const c = w.container;
  const italicTitle = w.kind === 'book' || w.kind === 'working_paper' || w.kind === 'report';
  const titleSeg = italicTitle ? it(w.title) : r(w.title);
  // With no author, the title takes the author's place (APA 7 §9.12).
  const lead: Seg[] = authors ? [r(`${authors} ${date} `)] : [];
  const titleFirst = (after: Seg[]): Seg[] => (authors ? [...lead, ...after] : [...after, r(` ${date}`)]);
  let body: Seg[];
  switch (w.kind) {
    case 'article':
      body = [...titleFirst(withPeriod([titleSeg])), ...apaJournal(w)];
      break;
    case 'chapter':
      body = [...titleFirst(withPeriod([titleSeg])), ...apaInBook(w), ...apaPublisher(w.publisher)];
      break;
    case 'working_paper':
    case 'report': {
      const series = [c.series, c.number ? `No. ${c.number}` : ''].filter(Boolean).join(' ');
      body = [...titleFirst(withPeriod([titleSeg, r(series ? ` (${series})` : '')])), ...apaPublisher(w.publisher)];
      break;
    }
    default:
      body = [...titleFirst(withPeriod([titleSeg])), ...apaPublisher(w.publisher)];
  }
  return [...body, r(w.url ? ` ${w.url}` : ''), r(apaPin(pin))];
}

function apaAuthors(authors: string[]): string {
  const names = authors.map(apaName);
  if (names.length === 0) return '';
  if (names.length === 1) return names[0]!;
  if (names.length <= 20) return `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
  return `${names.slice(0, 19).join(', ')}, . . . ${names[names.length - 1]}`;
}

/** `Chuang, J. A.` */
function apaName(name: string): string {
  const n = splitName(name);
  const initials = n.given.map(initialsOf).join(' ');
  return [n.surname, initials, n.suffix].filter(Boolean).join(', ');
}

function initialsOf(given: string): string {
  return given
    .split('-')
    .map((p) => (p ? `${p.replace(/\.$/, '').charAt(0).toUpperCase()}.` : ''))
    .join('-');
}

function apaJournal(w: Work): Seg[] {
  const c = w.container;
  if (!c.journal) return [];
  const segs: Seg[] = [r(' '), it(c.journal)];
  if (c.volume) segs.push(r(', '), it(c.volume), r(c.issue ? `(${c.issue})` : ''));
  const pages = pageRange(w);
  if (pages) segs.push(r(`, ${pages}`));
  return withPeriod(segs);
}

function apaInBook(w: Work): Seg[] {
  const c = w.container;
  if (!c.book) return [];
  const eds = (c.editors ?? []).map((e) => {
    const n = splitName(e);
    return [n.given.map(initialsOf).join(' '), n.surname].filter(Boolean).join(' ') + (n.suffix ? `, ${n.suffix}` : '');
  });
  const edList = eds.length === 2 ? `${eds[0]} & ${eds[1]}` : eds.length > 2 ? listNames(eds, '&', true) : eds.join('');
  const edPart = edList ? `${edList} (${eds.length > 1 ? 'Eds.' : 'Ed.'}), ` : '';
  const pages = pageRange(w);
  const pp = pages ? ` (${pages.includes('–') ? 'pp.' : 'p.'} ${pages})` : '';
  return withPeriod([r(` In ${edPart}`), it(c.book), r(pp)]);
}

function apaPublisher(publisher: string | undefined): Seg[] {
  return publisher ? withPeriod([r(` ${publisher}`)]) : [];
}

function pageRange(w: Work): string {
  if (w.firstPage === undefined) return '';
  return w.lastPage !== undefined && w.lastPage !== w.firstPage ? `${w.firstPage}–${w.lastPage}` : String(w.firstPage);
}

/** ` (p. 120)`, ` (p. 120, n. 14)`, ` (n. 14)`, ` (para. 42)`: the APA in-text locator. */
function apaPin(pin: Pin): string {
  const note = pin.note !== undefined ? `n. ${pin.note}` : '';
  if (pin.page != null) return ` (p. ${pin.page}${note ? `, ${note}` : ''})`;
  if (note) return ` (${note})`;
  return pin.paragraph != null ? ` (para. ${pin.paragraph})` : '';
}

// ---------------------------------------------------------------------------------------------
// Names and text

// Particles that belong to the surname (`Ludwig van Beethoven`, `Bríd Ní Ghráinne`).
const PARTICLES = new Set([
  'van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'del', 'della', 'dos', 'das', 'la', 'le', 'ten', 'ter', 'bin', 'al',
  'Ní', 'Nic', 'Ó', 'Ua',
]);
const SUFFIXES = /^(Jr\.?|Sr\.?|II|III|IV)$/;

/** Splits `Janie A. Chuang` / `Chuang, Janie A.` into given names, surname and suffix. */
export function splitName(name: string): { given: string[]; surname: string; suffix: string } {
  const clean = cleanName(name);
  const comma = clean.split(/,\s*/);
  if (comma.length >= 2 && !SUFFIXES.test(comma[1]!)) {
    return { surname: comma[0]!, given: comma[1]!.split(/\s+/).filter(Boolean), suffix: comma[2] ?? '' };
  }
  const tokens = clean.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  const suffix = tokens.length > 1 && SUFFIXES.test(tokens[tokens.length - 1]!) ? tokens.pop()! : '';
  let start = tokens.length - 1;
  while (start > 1 && PARTICLES.has(tokens[start - 1]!)) start--;
  return { given: tokens.slice(0, start), surname: tokens.slice(start).join(' '), suffix };
}

/** Strips markup and note markers; names printed in capitals become title case. */
function cleanName(name: string): string {
  const n = cleanText(name).replace(/[*¹²³⁴⁵⁶⁷⁸⁹⁰]+$/u, '').trim();
  return /\p{Ll}/u.test(n) ? n : n.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase());
}

/** Removes Markdown emphasis, heading hashes and backslash escapes; collapses whitespace. */
function cleanText(s: string): string {
  return s
    .replace(/^#+\s*/, '')
    .replace(/\\([\\*_$&#])/g, '$1')
    .replace(/\*+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function fileStem(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '');
}

const TRAILING_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with', '&',
]);

/** Cuts `s` at a word boundary to at most `max` characters (plus `…`), without a dangling `and`/`of`. */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const words = s.slice(0, max + 1).split(' ');
  if (words.length > 1) words.pop(); // the cut word (or the space after a whole word)
  while (words.length > 1 && TRAILING_WORDS.has(words[words.length - 1]!.toLowerCase())) words.pop();
  const cut = words.join(' ').replace(/[\s,;:.–—-]+$/u, '');
  return `${cut || s.slice(0, max)}…`;
}
