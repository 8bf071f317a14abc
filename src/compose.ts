/**
 * @module compose
 * Builds the production Core from configuration. The index is loaded (or built) on the first
 * question, never at construction, so front ends can acknowledge platform requests first.
 * `EMBEDDINGS` picks the index's embedder; `ANSWER_MODEL` adds the verified machine-written summary.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Config } from './config.js';
import { embedderFactoryFor, hnswVectorBackend, summaryModelFor } from './providers/index.js';
import { minisearchLexical } from './providers/minisearch-lexical.js';
import { createSummariser, parsePromptTemplate, type PromptTemplate } from './core/answer/summary.js';
import { createCore, type QuotebotCore } from './core/core.js';
import { rankingOptions, type RankingOverrides } from './core/ranking-options.js';
import { QuotebotError } from './core/errors.js';
import { ingestDirectory, scanDirectory } from './core/ingest/index.js';
import { ensureIndex, type BuildProgress, type EnsureIndexOptions } from './core/index/store.js';
import type { Logger } from './core/logger.js';

/** The summary prompt shipped in `prompts/summary.md`. */
export const SUMMARY_PROMPT_URL = new URL('../prompts/summary.md', import.meta.url);

/** Index options for a configuration (shared by `openCore` and `quotebot index`). */
export async function indexOptions(config: Config, logger: Logger, progress?: BuildProgress): Promise<EnsureIndexOptions> {
  return {
    dataDir: config.dataDir,
    logger,
    progress,
    embedders: await embedderFactoryFor(config.providers, { logger }),
    vectorBackend: hnswVectorBackend(),
    synonyms: async (passages) => {
      const [{ buildSynonyms }, { tokenize, term }] = await Promise.all([import('./providers/wordnet.js'), import('./core/text/tokenize.js')]);
      return buildSynonyms(new Set(passages.flatMap((p) => tokenize(p.text))), term);
    },
    scan: async () => (existsSync(config.corpusDir) ? scanDirectory(config.corpusDir, { root: process.cwd() }) : {}),
    ingest: async () => {
      if (!existsSync(config.corpusDir)) {
        throw new QuotebotError('NO_CORPUS', `The corpus folder ${config.corpusDir} does not exist`, {
          hint: 'create it and add documents, or set QUOTEBOT_CORPUS',
        });
      }
      return ingestDirectory(config.corpusDir, { root: process.cwd() });
    },
  };
}

/** Read and parse the summary prompt template. */
export function loadSummaryPrompt(url: URL = SUMMARY_PROMPT_URL): PromptTemplate {
  try {
    return parsePromptTemplate(readFileSync(url, 'utf8'));
  } catch (cause) {
    if (cause instanceof QuotebotError) throw cause;
    throw new QuotebotError('CONFIG_INVALID', `cannot read the summary prompt ${url.pathname}`, { hint: 'restore prompts/summary.md', cause });
  }
}

/** A Core over `config.corpusDir` with its index in `config.dataDir`, loaded lazily. */
export function openCore(config: Config, logger: Logger, progress?: BuildProgress, ranking?: RankingOverrides): QuotebotCore {
  const model = summaryModelFor(config.providers);
  if (config.providers.embeddings !== 'default') logger.debug({ embeddings: config.providers.embeddings }, 'using a remote embedding model');
  const summarise = model ? createSummariser({ model, template: loadSummaryPrompt(), logger }) : undefined;
  return createCore({
    loadIndex: async () => ensureIndex(await indexOptions(config, logger, progress)),
    lexical: minisearchLexical,
    logger,
    style: config.citationStyle,
    maxQuestionChars: config.maxQuestionChars,
    summarise,
    ranking: rankingOptions(ranking),
  });
}
