/**
 * @module core/index/passages
 * The searchable units: body paragraphs (with the footnotes they cite) and footnotes as units of their
 * own, linked both ways. Also harvests the corpus's own acronym definitions for query expansion.
 */
import { createHash } from 'node:crypto';
import type { Block, DocumentMeta, FootnoteRef, ParsedDocument } from '../types.js';

export interface Passage {
  /**
   * Stable across builds: `${key}:p${paragraph}` for body text, `${key}:t${n}` for an unnumbered table,
   * `${key}:n${note}` for a footnote, where `key` is {@link documentKey} of the document's path.
   */
  id: string;
  /** The document's position in the index's `docs` (changes when files are added or removed). */
  doc: number;
  kind: 'body' | 'footnote';
  text: string;
  section: string[];
  paragraph: number | null;
  page: number | null;
  /** Body: footnote references with offsets into `text`. */
  refs: FootnoteRef[];
  /** Offsets where the text is not contiguous in the source (removed markers, page-break joins). */
  breaks?: number[];
  /** Footnote: its number, and the paragraphs citing it. */
  note?: number | '*';
  citedBy?: number[];
}

export interface StoredDocument {
  meta: DocumentMeta;
  /** Footnote texts by number (as string key; `*` for author notes). */
  notes: Record<string, string>;
  warnings: string[];
}

const BODY_KINDS = new Set<Block['kind']>(['paragraph', 'block_quote', 'list_item', 'table']);

/**
 * A short key for a document, derived from its path alone: ids built on it (and the vectors stored under
 * them) stay valid when other files are added or removed, unlike the document's position.
 */
export function documentKey(file: string): string {
  return createHash('sha256').update(file).digest('hex').slice(0, 12);
}

/** Passages of one parsed document; `docIndex` is its position in the index's `docs`. */
export function passagesOf(doc: ParsedDocument, docIndex: number): Passage[] {
  const out: Passage[] = [];
  const key = documentKey(doc.meta.file);
  let tableNo = 0;
  for (const b of doc.blocks) {
    if (!BODY_KINDS.has(b.kind) || !b.text.trim()) continue;
    const id = b.paragraph !== null ? `${key}:p${b.paragraph}` : `${key}:t${++tableNo}`;
    const breaks = [...new Set([...(b.refs ?? []).map((r) => r.offset), ...(b.joins ?? [])])].sort((x, y) => x - y);
    out.push({ id, doc: docIndex, kind: 'body', text: b.text, section: b.section, paragraph: b.paragraph, page: b.page, refs: b.refs ?? [], breaks });
  }
  for (const f of doc.footnotes) {
    if (!f.text.trim() || f.status === 'missing_body') continue;
    const host = f.citedBy[0] ?? null;
    const hostBlock = host !== null ? doc.blocks.find((b) => b.paragraph === host) : undefined;
    out.push({
      id: `${key}:n${f.n}${f.status === 'orphan_fragment' ? `-${f.spans[0]?.line ?? 0}` : ''}`,
      doc: docIndex,
      kind: 'footnote',
      text: f.text,
      section: hostBlock?.section ?? [],
      paragraph: host,
      page: f.page ?? hostBlock?.page ?? null,
      refs: [],
      ...(f.joins?.length ? { breaks: f.joins } : {}),
      note: f.n,
      citedBy: f.citedBy,
    });
  }
  return out;
}

/** What the index keeps of a parsed document besides its passages. */
export function storedDocument(doc: ParsedDocument): StoredDocument {
  const notes: Record<string, string> = {};
  for (const f of doc.footnotes) if (f.text) notes[String(f.n)] = f.text;
  return { meta: doc.meta, notes, warnings: doc.warnings };
}

/**
 * Acronyms the corpus defines itself: `International Recruitment Integrity System ("IRIS")`,
 * `Global Compact … Migration (GCM)`. Returns acronym (lowercase) → expansion words.
 */
export function harvestAcronyms(texts: Iterable<string>): Map<string, string> {
  const found = new Map<string, string>();
  const re = /((?:[\p{Lu}][\p{L}'’-]*[\s,]+(?:(?:of|for|and|on|the|in|to|de|des|la|et)\s+)*){1,10})\(\s*["“']?([\p{Lu}][\p{Lu}\p{Ll}&-]{1,9})["”']?\s*\)/gu;
  for (const t of texts) {
    for (const m of t.matchAll(re)) {
      const acronym = m[2]!;
      if (!/[\p{Lu}].*[\p{Lu}]/u.test(acronym)) continue;
      const words = m[1]!.trim().replace(/[,\s]+$/, '').split(/\s+/);
      const letters = acronym.replace(/[^\p{Lu}]/gu, '');
      // take the shortest tail of capitalised words whose initials spell the acronym (loosely)
      const caps = words.filter((w) => /^[\p{Lu}]/u.test(w));
      if (caps.length < Math.max(2, letters.length - 2)) continue;
      // the nearest capitalised word starting with the acronym's first letter, with enough capitalised
      // words after it to spell the rest
      let start = -1;
      let capsSeen = 0;
      for (let i = words.length - 1; i >= 0; i--) {
        if (!/^[\p{Lu}]/u.test(words[i]!)) continue;
        capsSeen++;
        if (words[i]![0] === letters[0] && capsSeen >= letters.length) {
          start = i;
          break;
        }
      }
      if (start < 0 || capsSeen > letters.length + 3) continue;
      const tail = words.slice(start).map((w) => w.replace(/,$/, ''));
      const key = acronym.toLowerCase();
      if (!found.has(key)) found.set(key, tail.join(' '));
    }
  }
  return found;
}
