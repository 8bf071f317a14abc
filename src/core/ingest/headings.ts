/**
 * @module core/ingest/headings
 * Heading detection for PDF conversions. Levels come from labels (Roman, letter, arabic, dotted
 * numbers), never from the number of `#`s, which converters assign arbitrarily.
 */
import { plainText } from './clean.js';

export interface HeadingInfo {
  text: string;
  level: number;
  scheme: 'roman' | 'letter' | 'number' | 'dotted' | 'unlabelled' | 'plain' | 'annex';
  /** Dotted labels: how many numeric groups (`15.3.1` → 3). */
  groups?: number;
}

const ROMAN = /^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV)\.\s+\S/;
const LETTER = /^[A-Z]\.\s+\S/;
const ARABIC = /^\d{1,2}\.\s+\S/;
const DOTTED = /^(\d{1,3}(?:\.\d{1,3})+)\.?\s+(\S.*)$/;
const SINGLE_DOTTED = /^(\d{1,2})\.\s+(\S.*)$/;
const FUNCTION_WORD_END = /\b(that|the|of|and|to|a|an|in|by|for|with|as|or|was|were|is|are|on|at|from|its|their)$/i;

function labelLevel(text: string): { level: number; scheme: HeadingInfo['scheme'] } {
  if (ROMAN.test(text)) return { level: 1, scheme: 'roman' };
  if (LETTER.test(text)) return { level: 2, scheme: 'letter' };
  if (ARABIC.test(text)) return { level: 3, scheme: 'number' };
  return { level: 1, scheme: 'unlabelled' };
}

function closedOrListy(t: string): boolean {
  return /[.,;:]$/.test(t) || /\t/.test(t);
}

/**
 * Is this line a heading? `style` is the document's: 'labelled' documents have markdown or numbered
 * headings; in 'plain' documents short free-standing lines are headings.
 */
export function headingOf(raw: string, style: 'labelled' | 'plain'): HeadingInfo | null {
  const atx = raw.match(/^#{1,6}\s+(.+?)\s*#*\s*$/);
  if (atx) {
    const text = plainText(atx[1]!);
    if (!text) return null;
    return { text, ...labelLevel(text) };
  }
  if (raw.length > 160 || /^\s/.test(raw) || raw.includes('\t')) return null;
  const text = plainText(raw);
  if (!text || text.length > 150 || /[.,;:]$/.test(text)) return null;
  const dotted = text.match(DOTTED);
  if (dotted && /^[\p{Lu}\d"'‘“(]/u.test(dotted[2]!)) {
    return { text, level: dotted[1]!.split('.').length, scheme: 'dotted', groups: dotted[1]!.split('.').length };
  }
  const single = text.match(SINGLE_DOTTED);
  if (single && /^[\p{Lu}"'‘“(]/u.test(single[2]!) && text.length <= 150 && !FUNCTION_WORD_END.test(text)) {
    return { text, level: 1, scheme: 'dotted', groups: 1 };
  }
  if ((ROMAN.test(text) || LETTER.test(text)) && text.length <= 120 && !FUNCTION_WORD_END.test(text)) {
    return { text, ...labelLevel(text) };
  }
  if (style === 'labelled') return null;
  // plain documents: short free-standing lines
  if (text.length > 100 || closedOrListy(text)) return null;
  if (/^[\p{Ll}<\-–•(]|^https?:|^www\.|^\d/u.test(text) || /^[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(raw)) return null;
  if (FUNCTION_WORD_END.test(text) || text.split(/\s+/).length > 16) return null;
  if (/^(Annex|Appendix)\s+[\w.]+$/i.test(text)) return { text, level: 1, scheme: 'annex' };
  return { text, level: 1, scheme: 'plain' };
}
