/**
 * @module core/answer/build
 * From ranked candidates to an Answer: cut the answering sentences out of each passage (a span, so the
 * quote is always the source's words), rerank by how much of the question the span covers, spread
 * quotes across documents, decide whether the corpus answers at all, and cite.
 */
import type { Passage } from '../index/passages.js';
import { CITATION_NOTE, type Candidate, type QueryTerms, type SearchEngine } from '../retrieve/search.js';
import type { Answer, CitationStyle, DocumentMeta, Quote, QuoteDocument } from '../types.js';
import { formatCitation, joinTitle } from './citation.js';
import { answerShape, NUMBER_SHAPE, selectSpan, type Span } from './select.js';
import { splitSentences } from '../text/sentences.js';
import { entityWords, tokenize } from '../text/tokenize.js';

interface Ranked {
  candidate: Candidate;
  span: Span;
  score: number;
}

/** Rerank candidates by their best span. */
export function rankSpans(engine: SearchEngine, query: QueryTerms, candidates: Candidate[]): Ranked[] {
  const { answering, span: weights } = engine.ranking;
  const top = candidates.slice(0, answering.rerank);
  const maxFused = Math.max(1e-9, ...top.map((c) => c.score));
  const queryVector = engine.sentenceVector(query.text) ?? query.vector ?? null;
  const ranked = top.map((candidate) => {
    const span = selectSpan(candidate.passage.text, query, engine.idf, {
      analysis: engine.analysis(candidate.passage),
      queryVector,
      embed: engine.sentenceVector,
      breaks: candidate.passage.breaks,
      weights,
    });
    const score = (1 - answering.spanWeight) * (candidate.score / maxFused) + answering.spanWeight * span.score;
    return { candidate, span, score };
  });
  ranked.sort((a, b) => b.score - a.score);
  return ranked;
}

/** Greedy selection with a per-document penalty, so several documents are heard when several answer. */
export function diversify(ranked: Ranked[], count: number, named: Set<number> | undefined, sameDocument: number): Ranked[] {
  const pool = [...ranked];
  const perDoc = new Map<number, number>();
  const out: Ranked[] = [];
  while (out.length < count && pool.length) {
    let bestIdx = 0;
    let best = -Infinity;
    pool.forEach((r, i) => {
      // a question naming its authors wants their text: their document is not spread away
      const doc = r.candidate.passage.doc;
      const v = named?.has(doc) ? r.score : r.score * sameDocument ** (perDoc.get(doc) ?? 0);
      if (v > best) {
        best = v;
        bestIdx = i;
      }
    });
    const [pick] = pool.splice(bestIdx, 1);
    out.push(pick!);
    perDoc.set(pick!.candidate.passage.doc, (perDoc.get(pick!.candidate.passage.doc) ?? 0) + 1);
  }
  return out;
}

/** How much of the question the best spans cover (idf-weighted, own terms only). */
export function answerability(ranked: Ranked[]): number {
  return Math.max(0, ...ranked.slice(0, 3).map((r) => r.span.coverage));
}

/** What the answer-or-abstain decision rests on. */
export interface Evidence {
  /** The model's best sentence-pair similarity among the top passages. */
  similarity: number;
  /** {@link answerability}. */
  coverage: number;
  /** Things the question names that the top passages do not ({@link missingEntities}). */
  missing: string[];
  /** The logistic score (`RankingOptions.evidence`); the corpus answers when it reaches the threshold. */
  score: number;
}

/** Weigh the evidence that the corpus answers the question. */
export function weighEvidence(engine: SearchEngine, question: string, ranked: Ranked[], query: QueryTerms): Evidence {
  const e = engine.ranking.evidence;
  const coverage = answerability(ranked);
  const missing = missingEntities(engine, question, ranked);
  if (!query.vector) {
    // no model verdict (the embedding provider failed for this question): the lexical evidence alone
    const answers = coverage >= e.lexicalCoverage && !missing.length;
    return { similarity: 0, coverage, missing, score: answers ? e.threshold : -Infinity };
  }
  // a footnote citing a work whose title names the topic is close to the question without discussing it
  const top = ranked.slice(0, engine.ranking.answering.entityWindow).filter((r) => !isCitationNote(r.candidate.passage));
  const similarity = Math.max(0, ...top.map((r) => r.candidate.vector));
  const score = e.bias + e.similarity * similarity + e.coverage * coverage + e.missing * missingShare(engine, question, missing);
  return { similarity, coverage, missing, score };
}

/**
 * The share of the named things that are missing: "Nauru or Manus Island" with only Manus absent is half
 * answered, not unanswered. Named things present but never named together count as half missing; a
 * missing year counts as everything missing.
 */
export function missingShare(engine: SearchEngine, question: string, missing: string[]): number {
  if (!missing.length) return 0;
  // a year is the question's whole point: 2015's figure does not half-answer a question about 2016
  if (missing.some((m) => /^\d{4}$/.test(m))) return 1;
  if (missing.length === 1 && missing[0]!.includes(' + ')) return 0.5;
  return Math.min(1, missing.length / Math.max(1, namedThings(engine, question).length));
}

const isCitationNote = (p: Passage) => p.kind === 'footnote' && CITATION_NOTE.test(p.text);

/**
 * Named things the question asks about (capitalised words past the first, acronyms, years) that none of the
 * top passages' answering sentences mention: when the corpus never talks about the entity, it cannot answer
 * the question. A mention inside a footnote's citation of another work (a report title) does not count, and
 * several named things must be named together by one of those passages.
 * Words of the documents' own titles and author names are exempt (they name the source, not the topic).
 */
export function missingEntities(engine: SearchEngine, question: string, ranked: Ranked[]): string[] {
  const entities = namedThings(engine, question);
  if (!entities.length) return [];
  // the entity must be in what would be quoted, not merely somewhere in a long passage
  // and in what the source says, not in the title of a work a footnote cites ("Hong Kong" in a report's name)
  const window = ranked.slice(0, engine.ranking.answering.entityWindow);
  const cores = window.map((r) => r.candidate.passage.text.slice(...(r.span.core ?? [r.span.start, r.span.end])));
  const top = cores.map((core, i) =>
    window[i]!.candidate.passage.kind !== 'footnote'
      ? core
      : splitSentences(core)
          .map((s) => core.slice(s.start, s.end))
          .filter((s) => !CITATION_NOTE.test(s))
          .join(' '),
  );
  const mentionsIn = mentionChecker(engine, top);
  const missing = [...new Set(entities.filter((t) => !mentionsIn(t)))];
  if (missing.length) return missing;
  // several named things are asked about together ("Switzerland's contribution to IRIS", "the Mediterranean
  // in 2016"): one answering passage must name them all, not each a different one
  const distinct = [...new Set(entities)];
  if (distinct.length < 2) return [];
  const together = cores.some((text) => {
    const has = mentionChecker(engine, [text]);
    return distinct.every((t) => has(t));
  });
  return together ? [] : [distinct.join(' + ')];
}

/** The terms of the things a question names: capitalised words past the first, acronyms, years. */
export function namedThings(engine: SearchEngine, question: string): string[] {
  // a year the question names is as specific as a name: "how many … in 2016" is not answered by 2015's figure
  // (but a year inside a name, "the 2016 New York Declaration", may be left out where the name recurs)
  const years = question.match(/\b(1[89]\d\d|20\d\d)\b(?!\s+\p{Lu})/gu) ?? [];
  return [...new Set([...entityWords(question), ...years].flatMap((w) => tokenize(w)).filter((t) => !engine.metaTerms.has(t)))];
}

/** Does any of `texts` mention a term (itself, spelled out as an acronym's words, by initials, or by a derivative)? */
export function mentionChecker(engine: SearchEngine, texts: string[]): (t: string) => boolean {
  const seen = new Set(texts.flatMap((t) => tokenize(t)));
  for (const [acr, exp] of engine.index.acronyms) {
    const words = tokenize(exp);
    if (seen.has(acr)) for (const t of words) seen.add(t);
    // the corpus's own expansion, in any case ("global compact for safe, orderly and regular migration" is GCM)
    else if (words.length >= 2 && words.every((t) => seen.has(t))) seen.add(acr);
  }
  // an acronym the passages spell out ("GA" for "General Assembly") counts as mentioned
  for (const t of texts) for (const initials of capitalisedInitials(t)) seen.add(initials);
  const joined = texts.join(' ');
  return (t: string) => {
    if (seen.has(t)) return true;
    if (numberedName(t, joined)) return true;
    const prefix = t.slice(0, Math.max(4, t.length - 2));
    return t.length >= 5 && [...seen].some((x) => x.startsWith(prefix));
  };
}

/**
 * A code of letters and a number ("C97", "c189") names the numbered thing whose name starts with those letters
 * ("Convention 97", "Convention No. 189", "Resolution no 1309").
 */
function numberedName(term: string, text: string): boolean {
  const m = /^([a-z]{1,3})(\d{1,5})$/.exec(term);
  if (!m) return false;
  return new RegExp(`\\b${m[1]}[\\p{L}.]*\\s+(?:no\\.?\\s*)?${m[2]}\\b`, 'iu').test(text);
}

/** Initials of runs of capitalised words (`General Assembly` → `ga`), for matching acronyms a question uses. */
function capitalisedInitials(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\b\p{Lu}[\p{L}'’-]+(?:\s+(?:of|for|and|on|the)\s+|\s+)?){2,6}/gu)) {
    const words = m[0].trim().split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
    for (let a = 0; a < words.length; a++) {
      // a Roman numeral keeps all its letters: "World War II" → "wwii"
      const initial = (w: string) => (/^[IVX]+$/.test(w) ? w.toLowerCase() : w[0]!.toLowerCase());
      for (let b = a + 2; b <= words.length; b++) out.push(words.slice(a, b).map(initial).join(''));
    }
  }
  return out;
}

/** How a quote names its document. */
export function quoteDocument(meta: DocumentMeta): QuoteDocument {
  return { file: meta.file, title: joinTitle(meta.title, meta.subtitle), authors: meta.authors, year: meta.catalog?.year ?? null };
}

/** A Quote for a span of a passage, with its footnotes and citation. */
export function toQuote(engine: SearchEngine, passage: Passage, span: { start: number; end: number }, score: number, style: CitationStyle): Quote {
  const doc = engine.index.docs[passage.doc]!;
  const notes: (number | '*')[] =
    passage.kind === 'footnote'
      ? []
      : [...new Set(passage.refs.filter((r) => r.offset > span.start && r.offset <= span.end).map((r) => r.n))];
  const footnotes =
    passage.kind === 'footnote'
      ? [{ n: passage.note!, text: passage.text }]
      : notes.map((n) => ({ n, text: doc.notes[String(n)] ?? '' })).filter((f) => f.text);
  const citation = formatCitation(
    { meta: doc.meta, section: passage.section, paragraph: passage.paragraph, page: passage.page, footnotes: notes, note: passage.note },
    style,
  );
  return {
    id: `${passage.id}:${span.start}-${span.end}`,
    text: passage.text.slice(span.start, span.end),
    passage: passage.text,
    passageId: passage.id,
    start: span.start,
    end: span.end,
    document: quoteDocument(doc.meta),
    section: passage.section,
    paragraph: passage.paragraph,
    page: passage.page,
    footnotes,
    kind: passage.kind,
    ...(passage.note !== undefined ? { note: passage.note } : {}),
    citation,
    score: Math.round(score * 1000) / 1000,
  };
}

/** Assemble the answer for one question. */
export function buildAnswer(
  engine: SearchEngine,
  question: string,
  query: QueryTerms,
  candidates: Candidate[],
  opts: { k: number; offset: number; style: CitationStyle },
): Omit<Answer, 'ms'> {
  const ranked = rankSpans(engine, query, candidates);
  const evidence = weighEvidence(engine, question, ranked, query);
  const picked = diversify(ranked, opts.offset + opts.k + 1, query.docs, engine.ranking.answering.sameDocument);
  const quotes = picked.map((r) => toQuote(engine, r.candidate.passage, r.span, r.score, opts.style));
  if (!ranked.length || evidence.score < engine.ranking.evidence.threshold) {
    return { question, status: 'not_found', quotes: [], closest: quotes.slice(0, 3), offset: 0, more: false };
  }
  const page = quotes.slice(opts.offset, opts.offset + opts.k);
  // the first page shows only quotes that clear the relevance bar; "more" reaches the rest
  const shown = opts.offset === 0 ? clearingBar(picked.slice(0, page.length), engine.ranking.answering.relevanceShare) : page.length;
  return {
    question,
    status: 'answered',
    quotes: page.slice(0, shown),
    closest: [],
    offset: opts.offset,
    more: quotes.length > opts.offset + shown,
    ...(shown < page.length ? { held: page.length - shown } : {}),
    ...(evidence.missing.length ? { uncovered: uncoveredNames(question, evidence.missing) } : {}),
    ...figuresOf(query, picked.slice(0, shown), page.slice(0, shown), opts.offset),
  };
}

/** A figure: digits that are not a year ("166", "27.8%", "1,000"), with the words after it. */
const FIGURE = /(?<![\d.,])(?!(?:1[6-9]|20)\d\d\b)\d[\d,.]*%?((?:\s+[\p{L}'’-]+){1,4})/gu;

/**
 * For a question asking for a number: when the quotes that count what it asks about ("166 member states",
 * "151 member States") come from documents of different years, their numbers as shown and years, newest
 * first, so a reader sees that the figure changed over time instead of taking the first one shown.
 */
export function figuresOf(query: QueryTerms, ranked: Ranked[], quotes: Quote[], offset: number): { figures?: { n: number; year: number }[] } {
  if (answerShape(query.question ?? '')?.source !== NUMBER_SHAPE.source) return {};
  const asked = new Set(query.own);
  const counts = (text: string) => [...text.matchAll(FIGURE)].some((m) => tokenize(m[1]!).some((t) => asked.has(t)));
  const found = quotes.flatMap((q, i) => {
    const core = ranked[i]?.span.core;
    return q.document.year && counts(core ? q.passage.slice(core[0], core[1]) : q.text) ? [{ n: offset + i + 1, year: q.document.year }] : [];
  });
  if (new Set(found.map((f) => f.year)).size < 2) return {};
  return { figures: found.sort((a, b) => b.year - a.year || a.n - b.n) };
}

/** How many of the leading quotes score at least `share` of the best (always at least one). */
export function clearingBar(ranked: Ranked[], share: number): number {
  const best = ranked[0]?.score ?? 0;
  let n = 0;
  while (n < ranked.length && (n === 0 || ranked[n]!.score >= share * best)) n++;
  return n;
}

/** The question's own words for the named things its quotes do not mention ("Manus", not the stem "manu"). */
function uncoveredNames(question: string, missing: string[]): string[] {
  const words = entityWords(question);
  return missing.map((m) => {
    const parts = m.split(' + ');
    return parts.map((t) => words.find((w) => tokenize(w)[0] === t) ?? t).join(' + ');
  });
}
