/**
 * @module core/core
 * `createCore`: the one retrieval core every front end talks to. Plain data in, plain data out; the
 * index is loaded on the first question (never at construction), so adapters can acknowledge first.
 */
import { buildAnswer, quoteDocument } from './answer/build.js';
import { QuotebotError } from './errors.js';
import type { LoadedIndex } from './index/store.js';
import type { LexicalFactory } from './retrieve/lexical.js';
import type { Logger } from './logger.js';
import type { RankingOptions } from './ranking-options.js';
import { createSearchEngine, type SearchEngine } from './retrieve/search.js';
import { MAX_K, type Answer, type AskRequest, type CitationStyle, type Core, type QuoteDocument } from './types.js';

export interface CoreDeps {
  /** Loads (building if needed) the index; called once, on first use. */
  loadIndex: () => Promise<LoadedIndex>;
  logger: Logger;
  /** Builds the in-memory BM25 indexes (a provider: minisearch in production). */
  lexical: LexicalFactory;
  /** @defaultValue 'oscola' */
  style?: CitationStyle;
  /** @defaultValue 2000 */
  maxQuestionChars?: number;
  /** Optional hook that may add a summary to an answer (issue: language-model providers). */
  summarise?: (answer: Answer) => Promise<Answer>;
  /** Weights and thresholds of retrieval and answering. @defaultValue DEFAULT_RANKING */
  ranking?: RankingOptions;
}

export interface QuotebotCore extends Core {
  /** The search engine, once loaded (benchmarks and evaluation). */
  engine(): Promise<SearchEngine>;
}

/** Create the core. Never touches the disk until the first call. */
export function createCore(deps: CoreDeps): QuotebotCore {
  let loading: Promise<SearchEngine> | null = null;
  const engine = () => {
    loading ??= deps.loadIndex().then((index) => createSearchEngine(index, deps.lexical, deps.logger, deps.ranking));
    // a failed load is retried on the next question instead of being cached forever
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };
  const maxChars = deps.maxQuestionChars ?? 2000;

  async function ask(req: AskRequest): Promise<Answer> {
    const t0 = performance.now();
    const question = (req.question ?? '').replace(/\s+/g, ' ').trim();
    if (!question) throw new QuotebotError('QUESTION_EMPTY', 'Please type a question.', { hint: 'ask in plain words, e.g. "what does the report say about funding?"' });
    if (question.length > maxChars) {
      throw new QuotebotError('QUESTION_TOO_LONG', `That question is ${question.length} characters long; the limit is ${maxChars}. Please shorten it.`, {
        hint: 'ask about one thing at a time',
      });
    }
    const k = Math.min(MAX_K, Math.max(1, Math.floor(req.k ?? 5)));
    const offset = Math.max(0, Math.floor(req.offset ?? 0));
    const e = await engine();
    let doc: number | undefined;
    if (req.doc) {
      const wanted = req.doc.replace(/\\/g, '/');
      const exact = e.index.docs.findIndex((d) => d.meta.file === wanted);
      const byName = e.index.docs
        .map((d, i) => [d.meta.file, i] as const)
        .filter(([file]) => file.endsWith('/' + wanted) || file.split('/').pop() === wanted.split('/').pop());
      if (exact < 0 && byName.length > 1) {
        throw new QuotebotError('BAD_INPUT', `"${req.doc}" matches several documents: ${byName.map(([f]) => f).join(', ')}.`, {
          hint: 'give the path as listed by `npx quotebot index --list`',
        });
      }
      doc = exact >= 0 ? exact : (byName[0]?.[1] ?? -1);
      if (doc < 0) {
        throw new QuotebotError('BAD_INPUT', `No indexed document matches "${req.doc}".`, { hint: 'list documents with `npx quotebot index --list`' });
      }
    }
    const query = e.analyse(question, req.history);
    const candidates = await e.search(query, { doc });
    let answer: Answer = { ...buildAnswer(e, question, query, candidates, { k, offset, style: req.style ?? deps.style ?? 'oscola' }), ms: 0 };
    if (deps.summarise && answer.status === 'answered') {
      try {
        answer = await deps.summarise(answer);
      } catch (err) {
        deps.logger.warn({ err }, 'summary failed; showing quotes alone');
      }
    }
    answer.ms = Math.round((performance.now() - t0) * 100) / 100;
    return answer;
  }

  async function documents(): Promise<QuoteDocument[]> {
    const e = await engine();
    return e.index.docs.map((d) => quoteDocument(d.meta));
  }

  return { ask, documents, engine };
}
