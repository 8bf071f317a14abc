/**
 * @module core/retrieve/search
 * Hybrid retrieval: BM25 over stemmed, acronym-folded terms (a provider behind the lexical port) and corpus-trained vectors
 * (HNSW), fused by normalised scores rather than plain reciprocal ranks (the two lists rarely agree,
 * so RRF mostly alternates between them), then reranked by how much of the question a passage covers.
 */
import { unitPassage, type LoadedIndex } from '../index/store.js';
import type { Passage } from '../index/passages.js';
import { containsPhrase, entityWords, quotedPhrases, tokenize, words } from '../text/tokenize.js';
import { splitSentences } from '../text/sentences.js';
import { analysePassage, type PassageAnalysis } from '../answer/select.js';
import type { Logger } from '../logger.js';
import type { LexicalFactory } from './lexical.js';
import { DEFAULT_RANKING, type RankingOptions } from '../ranking-options.js';
import type { QueryTerms } from './query.js';

export type { QueryTerms } from './query.js';

export interface Candidate {
  passage: Passage;
  lexical: number;
  vector: number;
  score: number;
}

export interface SearchEngine {
  index: LoadedIndex;
  byId: Map<string, Passage>;
  idf(term: string): number;
  analyse(question: string, history?: string[]): QueryTerms;
  search(query: QueryTerms, options?: { limit?: number; doc?: number }): Promise<Candidate[]>;
  /** A cheap synchronous embedding for sentence-level scoring, when the embedder offers one. */
  sentenceVector(text: string): number[] | null;
  /** Sentences, terms and sentence vectors of a passage, computed once and cached. */
  analysis(passage: Passage): PassageAnalysis;
  /** Terms of the documents' titles and author names (they name a source, not a topic). */
  metaTerms: Set<string>;
  /** The weights and thresholds in force. */
  ranking: RankingOptions;
}


/** A footnote that cites sources (rather than adding prose). */
export const CITATION_NOTE = /\bsupra\b|\bId\.|\bIbid\b|https?:\/\/|<www|\([^()]{0,80}\b(1[5-9]|20)\d\d\)|\(eds?\)|\baccessed\b|\(n \d+\)/;

/** Capitalised words of a question past its first word (names of places, people, organisations). */
export function properNouns(question: string): string[] {
  return entityWords(question).filter((w) => /^\p{Lu}\p{Ll}/u.test(w));
}

/** Build the search engine over a loaded index: the lexical index is rebuilt in memory (milliseconds). */
export function createSearchEngine(
  index: LoadedIndex,
  lexicalFactory: LexicalFactory,
  logger?: Logger,
  ranking: RankingOptions = DEFAULT_RANKING,
): SearchEngine {
  const { fusion, rules } = ranking;
  const byId = new Map(index.passages.map((p) => [p.id, p]));
  const units = [...(index.sentenceVectors?.values() ?? [])].reduce((n, v) => n + v.length, 0) || index.passages.length;
  const lexical = lexicalFactory(
    index.passages.map((p) => ({ id: p.id, fields: { text: p.text, section: p.section.join(' ') } })),
    { fields: { text: 1, section: 0.3 }, tokenize },
  );

  // sentence windows (two sentences, stride one): BM25 over whole paragraphs dilutes the one or two
  // sentences that answer, so passages are also scored by their best window. Ids are `passage#n`.
  const windowDocs: { id: string; fields: { text: string } }[] = [];
  for (const p of index.passages) {
    const sents = splitSentences(p.text);
    for (let i = 0; i < sents.length; i++) {
      const end = sents[Math.min(sents.length - 1, i + 1)]!.end;
      windowDocs.push({ id: `${p.id}#${i}`, fields: { text: p.text.slice(sents[i]!.start, end) } });
      if (i + 1 >= sents.length - 1) break;
    }
  }
  const windows = lexicalFactory(windowDocs, { fields: { text: 1 }, tokenize });
  const passageOf = (windowId: string) => windowId.slice(0, windowId.lastIndexOf('#'));

  const df = new Map<string, number>();
  for (const p of index.passages) for (const t of new Set(tokenize(p.text))) df.set(t, (df.get(t) ?? 0) + 1);
  const n = index.passages.length;
  const idf = (t: string) => Math.log(1 + n / (1 + (df.get(t) ?? 0)));

  const vocabulary = [...df.keys()].sort();
  const vocabularyByPrefix = (prefix: string): string[] => {
    let lo = 0;
    let hi = vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vocabulary[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < vocabulary.length && vocabulary[i]!.startsWith(prefix) && out.length < 5; i++) out.push(vocabulary[i]!);
    return out;
  };

  // acronym ↔ expansion, both as stemmed terms
  const acronymTerms = new Map<string, string[]>();
  for (const [acr, expansion] of index.acronyms) acronymTerms.set(acr, tokenize(expansion));

  // authors' surnames → their documents, so "what do Crépeau and Atak think…" searches their text
  const surnames = new Map<string, Set<number>>();
  index.docs.forEach((d, i) => {
    for (const a of d.meta.authors) {
      const surname = tokenize(a.split(/\s+/).at(-1) ?? '')[0];
      if (surname) surnames.set(surname, (surnames.get(surname) ?? new Set()).add(i));
    }
  });

  // each document's authors' surnames, to tell "Bradley" (her own chapter) from "Sherwood and Bradley"
  const authorsOf = index.docs.map((d) => new Set(d.meta.authors.map((a) => tokenize(a.split(/\s+/).at(-1) ?? '')[0]).filter(Boolean)));

  /**
   * The documents the named surnames point to: those naming the most of them as authors, and among those,
   * the ones whose authors they name most completely ("Bradley" is her own chapter, "Sherwood and Bradley"
   * their joint one).
   */
  function namedDocuments(named: Set<string>): Set<number> {
    if (!named.size) return new Set();
    const fit = authorsOf.map((authors) => {
      const hits = [...authors].filter((a) => named.has(a!)).length;
      return hits + (authors.size ? hits / authors.size : 0) / 2; // the share only breaks ties between equal counts
    });
    const best = Math.max(...fit);
    return new Set(best > 0 ? fit.flatMap((x, i) => (x === best ? [i] : [])) : []);
  }

  function analyse(question: string, history: string[] = []): QueryTerms {
    const weights = new Map<string, number>();
    const add = (t: string, w: number) => weights.set(t, Math.max(weights.get(t) ?? 0, w));
    const own: string[] = [];
    const namedSurnames = new Set<string>();
    const capitalised = new Set(entityWords(question).flatMap((w) => tokenize(w)));
    for (const t of tokenize(question)) {
      // "Grant" the author only when written as a name; "grant funding" keeps its word
      if (capitalised.has(t) && surnames.has(t)) namedSurnames.add(t);
      else own.push(t);
    }
    const docs = namedDocuments(namedSurnames);
    for (const t of own) add(t, 1);
    for (const t of own) for (const syn of index.synonyms?.get(t) ?? []) add(syn, fusion.synonym);
    // "the 1980s" is answered by "in 1981 … by 1989"
    if (rules.decades) for (const m of question.matchAll(/\b(1[5-9]\d|20\d)0'?s\b/g)) for (let y = 0; y < 10; y++) add(`${m[1]}${y}`, 0.5);
    const surface = new Set(words(question));
    for (const [acr, exp] of rules.acronyms ? acronymTerms : []) {
      if (surface.has(acr)) for (const t of exp) add(t, 0.5);
      else if (exp.length >= 2 && exp.filter((t) => weights.has(t)).length >= Math.max(2, Math.ceil((exp.length * 2) / 3))) add(acr, 0.7);
    }
    // names and their derivatives: "Turkey" also finds "Turkish", "Guatemala" finds "Guatemalan"
    for (const w of rules.derivatives ? properNouns(question) : []) {
      const t = tokenize(w)[0];
      if (!t || t.length < 5) continue;
      const prefix = t.slice(0, Math.max(4, t.length - 2));
      for (const v of vocabularyByPrefix(prefix)) if (v !== t && v.length <= t.length + 4) add(v, 0.7);
    }
    const last = history.at(-1);
    if (last) for (const t of tokenize(last)) add(t, 0.4);
    return { weights, own, text: [question, last ?? ''].join(' ').trim(), question, docs, phrases: quotedPhrases(question) };
  }

  async function search(query: QueryTerms, options: { limit?: number; doc?: number } = {}): Promise<Candidate[]> {
    const pool = fusion.pool;
    const terms = [...query.weights.keys()];
    // a document restriction is applied inside each search, so the pool is that document's best passages
    const inDoc = options.doc === undefined ? undefined : (id: string) => byId.get(id)?.doc === options.doc;
    const boost = (t: string) => query.weights.get(t) ?? 1;
    const lex = new Map<string, number>();
    for (const h of lexical.search(terms, boost, inDoc).slice(0, pool * 2)) lex.set(h.id, h.score);
    const win = new Map<string, number>();
    const windowHits = windows.search(terms, boost, inDoc ? (id) => inDoc(passageOf(id)) : undefined);
    for (const h of windowHits.slice(0, pool * 4)) {
      const pid = passageOf(h.id);
      if (!win.has(pid)) win.set(pid, h.score);
    }
    const vec = await vectorHits(query, pool, inDoc);
    const ids = new Set([...lex.keys(), ...vec.keys(), ...win.keys()]);
    // every candidate gets the model's verdict, not only those the vector search returned: its sentences'
    // vectors are in memory, so the closest sentence is one dot product each
    if (query.vector) for (const id of ids) { const d = closestSentence(id, query.vector); if (d !== null) vec.set(id, d); }
    return fuse(ids, lex, win, vec, query, options.doc).slice(0, options.limit ?? pool);
  }

  /**
   * The model's nearest sentence pairs to the question, as passage → best similarity; sets `query.vector`.
   * Empty when the embedder fails: an unreachable provider must not fail the user, who gets lexical retrieval.
   */
  async function vectorHits(query: QueryTerms, pool: number, inDoc?: (id: string) => boolean): Promise<Map<string, number>> {
    const vec = new Map<string, number>();
    try {
      const qv = await index.embedder.embedQuery(query.text);
      if (!qv.some((x) => x !== 0)) return vec;
      query.vector = qv;
      // HNSW cannot filter: a document restriction searches deeper and keeps that document's hits
      const k = Math.min(units, inDoc ? pool * 30 : pool * fusion.sentencesPerPassage);
      for (const h of await index.vectors.search(qv, k)) {
        const pid = unitPassage(h.id);
        if (inDoc && !inDoc(pid)) continue;
        if (h.similarity > (vec.get(pid) ?? -Infinity)) vec.set(pid, h.similarity);
      }
    } catch (err) {
      logger?.warn({ err }, 'vector search unavailable for this question; using lexical retrieval only');
    }
    return vec;
  }

  /** Score the candidates: normalised lexical, window and model evidence, weighted, then the multipliers. */
  function fuse(ids: Set<string>, lex: Map<string, number>, win: Map<string, number>, vec: Map<string, number>, query: QueryTerms, doc?: number): Candidate[] {
    const maxLex = Math.max(1e-9, ...lex.values());
    const maxWin = Math.max(1e-9, ...win.values());
    const maxVec = Math.max(1e-9, ...vec.values());
    const floor = Math.min(fusion.denseFloor, maxVec - 1e-3);
    const out: Candidate[] = [];
    for (const id of ids) {
      const passage = byId.get(id);
      if (!passage) continue;
      if (doc !== undefined && passage.doc !== doc) continue;
      const l = (lex.get(id) ?? 0) / maxLex;
      const v = Math.max(0, (vec.get(id) ?? floor) - floor) / (maxVec - floor);
      const w = (win.get(id) ?? 0) / maxWin;
      let score = fusion.lexical * l + fusion.window * w + fusion.vector * v;
      if (query.docs?.size && query.docs.has(passage.doc)) score *= fusion.namedDocument;
      if (query.phrases?.length && containsPhrase(passage.text, query.phrases)) score *= fusion.phrase;
      if (passage.kind === 'footnote') score *= CITATION_NOTE.test(passage.text) ? fusion.footnoteCitation : fusion.footnoteProse;
      out.push({ passage, lexical: lex.get(id) ?? 0, vector: vec.get(id) ?? 0, score });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  function closestSentence(id: string, qv: number[]): number | null {
    const vs = index.sentenceVectors?.get(id);
    if (!vs?.length) return null;
    let best = -Infinity;
    for (const v of vs) {
      let d = 0;
      for (let i = 0; i < v.length; i++) d += v[i]! * qv[i]!;
      if (d > best) best = d;
    }
    return best;
  }

  const embedSync = (index.embedder as { embedText?: (t: string) => number[] }).embedText;
  const sentenceVector = (text: string) => (embedSync ? embedSync.call(index.embedder, text) : null);

  // sentence vectors come from the index (computed at build time); an embedder with cheap synchronous
  // embeddings may compute them instead
  const analyses = new Map<string, PassageAnalysis>();
  const analysis = (p: Passage) => {
    let a = analyses.get(p.id);
    if (!a) {
      const stored = index.sentenceVectors?.get(p.id);
      a = analysePassage(p.text, embedSync ? sentenceVector : undefined, stored);
      analyses.set(p.id, a);
    }
    return a;
  };
  const metaTerms = new Set(index.docs.flatMap((d) => tokenize([d.meta.title, d.meta.subtitle ?? '', ...d.meta.authors].join(' '))));

  return { index, byId, idf, analyse, search, sentenceVector, analysis, metaTerms, ranking };
}
