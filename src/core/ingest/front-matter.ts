/**
 * @module core/ingest/front-matter
 * Title, authors, abstract and boilerplate of a PDF conversion. Boilerplate (repository cover pages,
 * licence watermarks, journal section labels) is recognised by its wording, anywhere in the file.
 */
import { plainText, superscriptToNumber } from './clean.js';

export interface Line {
  raw: string;
  /** 1-based physical line number. */
  no: number;
  start: number;
  end: number;
}

export interface FrontMatter {
  title: string;
  subtitle?: string;
  authors: string[];
  extra: Record<string, string>;
  /** Unlabelled or labelled abstract paragraphs. */
  abstract: Line[];
  /** The lines after the front matter, boilerplate removed. */
  bodyLines: Line[];
  /** An unmarked author note (`*` on the author line, note body without a marker). */
  authorNote?: Line;
  /** Footnote numbers referenced from the author line (affiliation notes). */
  refsOnAuthorLine: number[];
}

const BOILERPLATE = [
  /^PDF hosted at\b/i,
  /^The following full text is an? (publisher'?s|author'?s|preprint|postprint|accepted)/i,
  /^For additional information about this publication/i,
  /^Please be advised that this information was generated/i,
  /\bcopy is licen[cs]ed to\b/i,
  /^(This (article|content|document) (was )?)?downloaded (from|by|on)\b/i,
  /^All use subject to\b/i,
  /^Electronic copy available at\b/i,
];
const HANDLE = /^<?(https?:\/\/hdl\.handle\.net\/[^\s>]+)>?$/;
const SECTION_LABEL = /^(ARTICLES?|ESSAYS?|NOTES?|COMMENTS?|REVIEWS?|RESEARCH ARTICLE|ORIGINAL ARTICLE)$/;
const SERIES = /\b(Research Paper|Working Paper|Discussion Paper|Paper Series|Paper No\.?|Series No\.?)\b/i;
const INSTITUTION = /\b(University|School of|Faculty of|Institute|College|Centre for|Center for)\b/;
const NAME_PARTICLE = /^(de|da|di|van|von|der|den|le|la|du|dos|del|bin|al)$/i;

/** Split an author line into names, or null when it does not look like one. */
export function parseAuthorLine(raw: string): { names: string[]; refs: number[]; note: boolean } | null {
  const refs = [...raw.matchAll(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g)].map((m) => superscriptToNumber(m[0]));
  const note = /(\\\*|\*)\s*$/.test(raw.replace(/\*\*\s*$/, '')) || /<sup>\\?\*<\/sup>/.test(raw);
  const text = plainText(raw.replace(/\\\*/g, '').replace(/<sup>[^<]*<\/sup>/g, '')).replace(/\*/g, '').trim();
  if (!text || text.length > 160 || /\d/.test(text) || /[.:;!?]$/.test(text.replace(/\b[A-Z]\.$/, ''))) return null;
  const parts = text.split(/\s*,\s*|\s+(?:and|AND|&)\s+/).filter(Boolean);
  if (!parts.length || parts.length > 8) return null;
  for (const p of parts) {
    const tokens = p.split(/\s+/);
    if (tokens.length < 2 || tokens.length > 5) return null;
    for (const t of tokens) {
      if (NAME_PARTICLE.test(t)) continue;
      if (!/^[\p{Lu}][\p{L}'’.-]*$/u.test(t)) return null;
    }
  }
  const names = parts.map((p) => (p === p.toUpperCase() ? titleCase(p) : p));
  return { names, refs, note };
}

function titleCase(s: string): string {
  return s
    .toLowerCase()
    .split(/(\s+|-)/)
    .map((w) => (NAME_PARTICLE.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
}

/** Boilerplate lines anywhere in the file: cover-page and watermark wording, and truncated copies of them. */
export function boilerplateLines(lines: Line[]): { drop: Set<number>; handle?: string } {
  const drop = new Set<number>();
  let handle: string | undefined;
  const marks: string[] = [];
  for (const l of lines) {
    const t = l.raw.trim();
    if (BOILERPLATE.some((re) => re.test(t))) {
      drop.add(l.no);
      marks.push(t.toLowerCase());
    }
  }
  if (drop.size) {
    const firstBoiler = Math.min(...drop);
    for (const l of lines) {
      const t = l.raw.trim();
      const h = t.match(HANDLE);
      if (h && l.no <= firstBoiler + 12) {
        handle = h[1];
        drop.add(l.no);
      }
      // a watermark cut short by the page edge: a short line that is a prefix of a recognised one
      if (t.length >= 4 && t.length < 40 && !drop.has(l.no) && marks.some((m) => m.startsWith(t.toLowerCase()) && m !== t.toLowerCase())) {
        drop.add(l.no);
      }
    }
  }
  return { drop, handle };
}

/**
 * Read the front matter: everything before the first section heading (as decided by `isHeading`).
 * Long prose lines there are the abstract; short lines are title, subtitle, authors, series.
 */
export function analyseFrontMatter(all: Line[], isHeading: (raw: string) => boolean = defaultIsHeading): FrontMatter {
  const { drop, handle } = boilerplateLines(all);
  const lines = all.filter((l) => !drop.has(l.no));
  const extra: Record<string, string> = {};
  if (handle) extra.handle = handle;
  const nonBlank = lines.filter((l) => l.raw.trim());
  let end = nonBlank.findIndex((l, i) => i > 0 && isHeading(l.raw) && !/^abstract$/i.test(plainText(l.raw)));
  if (end < 0 || end > 40) {
    // no heading near the top: the front matter ends at the first long line
    end = nonBlank.findIndex((l) => l.raw.length > 200);
    if (end < 0) end = 0;
  }
  const front = nonBlank.slice(0, end);
  let title = '';
  let subtitle: string | undefined;
  let authors: string[] = [];
  let authorScore = 0;
  let refsOnAuthorLine: number[] = [];
  let noteExpected = false;
  const abstract: Line[] = [];
  let authorNote: Line | undefined;
  let sawAuthors = false;
  for (let i = 0; i < front.length; i++) {
    const l = front[i]!;
    const raw = l.raw.trim();
    const text = plainText(raw.replace(/^#{1,6}\s+/, ''));
    if (i === 0 && SECTION_LABEL.test(text)) continue;
    if (/^abstract$/i.test(text)) continue;
    const kw = text.match(/^(Keywords?|Key words|JEL( classification)?)\s*[:—-]\s*(.+)$/i);
    if (kw) {
      extra.keywords = kw[3]!;
      continue;
    }
    const author = parseAuthorLine(raw);
    if (author && title) {
      sawAuthors = true;
      if (author.names.length >= authorScore) {
        if (author.names.length > authorScore || author.refs.length) {
          authors = author.names;
          refsOnAuthorLine = author.refs;
        }
        authorScore = author.names.length;
      }
      noteExpected ||= author.note;
      continue;
    }
    if (raw.length > 200 || (/[.!?]["”’)]?$/.test(text) && text.length > 120)) {
      // prose: an unmarked author note if the author line promised one and it names an author
      if (noteExpected && !authorNote && authors.some((a) => text.startsWith(a) || text.startsWith(a.split(' ').at(-1)!))) {
        authorNote = l;
      } else abstract.push(l);
      continue;
    }
    if (SERIES.test(text)) {
      extra.series = text;
      continue;
    }
    if (!title && INSTITUTION.test(text) && front[i + 1] && SERIES.test(front[i + 1]!.raw)) {
      extra.institution = text;
      continue;
    }
    if (!title) title = text;
    else if (text.toLowerCase() === title.toLowerCase()) continue;
    else if (!subtitle && !sawAuthors) subtitle = text;
  }
  return {
    title: title || 'Untitled',
    subtitle,
    authors,
    extra,
    abstract,
    bodyLines: lines.filter((l) => l.raw.trim() === '' || !front.includes(l)),
    authorNote,
    refsOnAuthorLine,
  };
}

function defaultIsHeading(raw: string): boolean {
  const t = plainText(raw.replace(/^#{1,6}\s+/, ''));
  if (/^#{1,6}\s/.test(raw) && /^(introduction|abstract|summary)$/i.test(t)) return true;
  if (/^\d{1,3}(\.\d{1,3})*\.?\s+\p{Lu}/u.test(t) && t.length <= 150 && !/[.,;]$/.test(t)) return true;
  if (/^(I|II|III|IV|V)\.\s+\p{Lu}/u.test(t) && t.length <= 150) return true;
  if (/^(introduction|INTRODUCTION)$/.test(t)) return true;
  return false;
}
