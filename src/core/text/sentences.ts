/**
 * @module core/text/sentences
 * Sentence boundaries with offsets, aware of the abbreviations legal and academic prose is full of
 * (`U.N.`, `e.g.`, `Id.`, `et al.`, `No.`, initials), so a quote never starts or ends mid-sentence.
 */

export interface Sentence {
  start: number;
  end: number;
}

const ABBREV =
  /(?:\b(?:e\.g|i\.e|et al|Id|Ibid|No|Nos|Art|Arts|para|paras|p|pp|v|vs|cf|ch|ed|eds|Dr|Mr|Mrs|Ms|Prof|St|Inc|Ltd|Co|Jr|Sr|Vol|vol|Rev|Doc|Res|U\.S|U\.N|U\.K|E\.U|Int'l|Org|Dep't|Gov't|Ass'n|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|n|nn|fn)|(?:^|[\s(])\p{Lu}|(?:\p{Lu}\.)+\p{Lu})\.$/u;

/** Split `text` into sentences; offsets index into `text`. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[.?!]["”’')\]]*(?=\s+["“‘'(\[]?[\p{Lu}\d])/gu;
  let start = 0;
  for (const m of text.matchAll(re)) {
    const end = m.index! + m[0].length;
    const head = text.slice(Math.max(0, m.index! - 12), m.index! + 1);
    if (m[0].startsWith('.') && ABBREV.test(head)) continue;
    if (end - start < 2) continue;
    out.push({ start, end });
    start = end;
    while (start < text.length && /\s/.test(text[start]!)) start++;
  }
  if (start < text.length) {
    let end = text.length;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}
