/**
 * @module core/retrieve/tokenize
 * One analyser for every lexical and corpus-trained component, so queries and passages meet on the
 * same terms: lowercase, curly quotes straightened, dotted acronyms folded (`U.N.` → `un`),
 * stop words dropped, Porter stems.
 */
import { stemmer } from 'stemmer';

const STOP = new Set(
  (
    'a an and are as at be been being but by can could did do does for from had has have having he her his how i if in into is it its ' +
    'itself me more most my no nor not of on once only or other our out over own same she should so some such than that the their them ' +
    'then there these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your about above after again against all am any because before below between both down during each few further ' +
    'here just off s t don now also us ever whether did find passage says said say tell show give me please'
  ).split(/\s+/),
);

/** Fold `U.N.`/`U.S.A.` to `UN`/`USA`, straighten quotes, drop footnote debris. */
export function normalise(text: string): string {
  return text
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/\b((?:\p{L}\.){2,})/gu, (m) => m.replace(/\./g, ''))
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, ' ');
}

/** Surface tokens (lowercased words and numbers), before stop-word removal and stemming. */
export function words(text: string): string[] {
  return normalise(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Index terms: words minus stop words, stemmed. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (STOP.has(w) || (w.length === 1 && !/\d/.test(w))) continue;
    out.push(stem(w));
  }
  return out;
}

/** Stem one lowercased word (numbers and short acronyms pass through). */
export function stem(w: string): string {
  return /\d/.test(w) || w.length <= 3 ? w : stemmer(w);
}

export function isStopWord(w: string): boolean {
  return STOP.has(w);
}
