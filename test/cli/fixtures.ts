/**
 * Fixture quotes and answers for the CLI tests. Every quote is cut from its passage by offsets,
 * as the core does, so `text === passage.slice(start, end)` holds here too.
 */
import type { Answer, CitationStyle, Quote } from '../../src/core/types.js';

export interface QuoteSpec {
  passage: string;
  /** The quoted part: must occur in `passage`. @defaultValue the whole passage */
  text?: string;
  paragraph?: number;
  footnotes?: { n: number | '*'; text: string }[];
  kind?: 'body' | 'footnote';
  note?: number | '*';
  style?: CitationStyle;
  title?: string;
  author?: string;
}

/** A quote over `passage`, with a citation whose full form names the style (so tests can tell styles apart). */
export function makeQuote(spec: QuoteSpec): Quote {
  const text = spec.text ?? spec.passage;
  const start = spec.passage.indexOf(text);
  if (start < 0) throw new Error(`fixture: quote not in passage: ${text}`);
  const end = start + text.length;
  const paragraph = spec.paragraph ?? 1;
  const title = spec.title ?? 'The International Organization for Migration and New Global Migration Governance';
  const author = spec.author ?? 'Janie A. Chuang';
  const surname = author.split(' ').pop()!;
  const style = spec.style ?? 'oscola';
  const note = spec.kind === 'footnote' ? `, n ${spec.note}` : '';
  return {
    id: `p${paragraph}:${start}-${end}`,
    text,
    passage: spec.passage,
    passageId: `p${paragraph}`,
    start,
    end,
    document: { file: 'corpus/chuang.txt', title, authors: [author], year: 2024 },
    section: ['Part III'],
    paragraph,
    page: null,
    footnotes: spec.footnotes ?? [],
    kind: spec.kind ?? 'body',
    ...(spec.note !== undefined ? { note: spec.note } : {}),
    citation: {
      short: `${surname}, "${title.slice(0, 30)}…", Part III, ¶ ${paragraph}${note}`,
      full: `[${style}] ${author}, '${title}' (2024), para ${paragraph}${note}`,
      style,
    },
    score: 1 / paragraph,
  };
}

export function answered(quotes: Quote[], extra: Partial<Answer> = {}): Answer {
  return { question: 'What does IOM do?', status: 'answered', ms: 12, quotes, closest: [], ...extra };
}

export function notFound(closest: Quote[]): Answer {
  return { question: 'Who won the 1998 World Cup?', status: 'not_found', ms: 9, quotes: [], closest };
}

/** Remove ANSI SGR sequences. */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}

export const PASSAGE_MANDATE =
  'IOM was founded outside the UN system in 1951. For decades it operated as a service provider to states, ' +
  'carrying out migration projects for those who paid for them. Its constitution contains no explicit protection mandate. ' +
  'Critics argue this leaves migrants without a clear advocate inside the organisation.';

export const LONG_QUOTE =
  'The 2016 Agreement concerning the Relationship between the United Nations and the International Organization for Migration ' +
  'brought IOM into the UN system as a "related organization", yet it expressly preserved IOM\'s status as an independent, ' +
  'autonomous and non-normative international organization, a formula that supercalifragilisticexpialidociousnessunbreakableword observers found puzzling.';
