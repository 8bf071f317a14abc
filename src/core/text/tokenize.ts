/**
 * @module core/text/tokenize
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
    'here just off s t don now also us ever whether did find passage says said say tell show give me please ' +
    // contraction residues ("didn't" → didn) and chat fillers that name no topic
    'didn doesn isn wasn weren aren hasn haven hadn couldn wouldn shouldn won ll ve re d m ' +
    'quote quotes quoting line lines roughly actually basically really exactly approximately around already ' +
    'someone somebody anyone anybody something anything thing things stuff kind sort lot bit need want looking ' +
    'look mention mentions mentioned saying think thinks thought even'
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

// British and American spellings of the same word must meet (the corpus mixes both: "organisation",
// "organization"; "labour", "labor"; "programme", "program").
const ISE_EXCEPTIONS = new Set(
  ('advertise advise chastise circumcise comprise compromise concise despise devise disguise enterprise excise exercise expertise ' +
    'franchise improvise merchandise otherwise precise premise promise revise supervise surmise surprise televise treatise wise rise ' +
    'noise poise raise praise cruise bruise guise arise apprise incise')
    .split(' '),
);
const OUR_WORDS = /^(labour|behaviour|favour|honour|colour|neighbour|endeavour|harbour|rumour|vigour|humour|armour|odour|flavour|savour|valour)/;

/** American spelling of a lowercased word, for matching only (quotes are always cut from the source text). */
export function americanise(w: string): string {
  if (w.length > 5 && /is(e|es|ed|ing|ation|ations|ational|er|ers)$/.test(w)) {
    const base = w.replace(/is(e|es|ed|ing|ation|ations|ational|er|ers)$/, 'ise');
    if (!ISE_EXCEPTIONS.has(base)) return w.replace(/is(e|es|ed|ing|ation|ations|ational|er|ers)$/, 'iz$1');
  }
  if (OUR_WORDS.test(w)) return w.replace('our', 'or');
  if (/^programme(s|d)?$/.test(w)) return w.replace('programme', 'program');
  if (/^(centre|theatre|litre|metre|fibre)s?$/.test(w)) return w.replace(/re(s?)$/, 'er$1');
  if (/^(defence|offence|licence|pretence)s?$/.test(w)) return w.replace('ence', 'ense');
  if (/^judgement/.test(w)) return w.replace('judgement', 'judgment');
  return w;
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
    out.push(term(w));
  }
  return out;
}

/** The index term of one lowercased word: American spelling, then its stem. */
export function term(w: string): string {
  return stem(americanise(w));
}

/** Stem one lowercased word (numbers and short acronyms pass through). */
export function stem(w: string): string {
  return /\d/.test(w) || w.length <= 3 ? w : stemmer(w);
}

export function isStopWord(w: string): boolean {
  return STOP.has(w);
}

/** Phrases of three or more words the question quotes ('the interests of migrants'), normalised. */
export function quotedPhrases(question: string): string[] {
  const out: string[] = [];
  for (const m of question.matchAll(/(?:^|[\s(])["“'‘]([^"“”‘’]{3,100}?)["”'’](?=[\s.,;:?!)]|$)/gu)) {
    const phrase = flat(m[1]!);
    if (phrase.split(' ').length >= 2) out.push(phrase);
  }
  return out;
}

/** Lowercase letters and digits separated by single spaces (for phrase matching). */
export function flat(text: string): string {
  return ' ' + words(text).join(' ') + ' ';
}

/** Does the text contain any of the phrases (as whole words)? */
export function containsPhrase(text: string, phrases: string[]): boolean {
  const f = flat(text);
  return phrases.some((p) => f.includes(p));
}

/** Words that name things: capitalised words past the question's first word, and acronyms anywhere. */
export function entityWords(question: string): string[] {
  return normalise(question)
    .split(/[^\p{L}\p{N}'’-]+/u)
    .filter(Boolean)
    .filter((w, i) => (i > 0 && /^\p{Lu}/u.test(w)) || /^\p{Lu}{2,}s?$/u.test(w));
}
