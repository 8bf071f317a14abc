/**
 * @module core/open
 * Builds the production Core from configuration. The index is loaded (or built) on the first
 * question, never at construction, so front ends can acknowledge platform requests first.
 */
import type { Config } from '../config.js';
import { hnswVectorBackend, lsaEmbedderFactory } from '../providers/index.js';
import { createCore, type QuotebotCore } from './core.js';
import { ingestDirectory } from './ingest/index.js';
import { ensureIndex, type BuildProgress, type EnsureIndexOptions } from './index/store.js';
import type { Logger } from './logger.js';
import { QuotebotError } from './errors.js';
import { existsSync } from 'node:fs';

/** Index options for a configuration (shared by `openCore` and `quotebot index`). */
export function indexOptions(config: Config, logger: Logger, progress?: BuildProgress): EnsureIndexOptions {
  return {
    dataDir: config.dataDir,
    logger,
    progress,
    embedders: lsaEmbedderFactory(),
    vectorBackend: hnswVectorBackend(),
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

/** A Core over `config.corpusDir` with its index in `config.dataDir`, loaded lazily. */
export function openCore(config: Config, logger: Logger, progress?: BuildProgress): QuotebotCore {
  if (config.providers.embeddings !== 'default' || config.providers.answerModel !== 'none') {
    logger.warn('EMBEDDINGS / ANSWER_MODEL providers are not available in this version yet; using the offline default embedder and no summary');
  }
  return createCore({
    loadIndex: () => ensureIndex(indexOptions(config, logger, progress)),
    logger,
    style: config.citationStyle,
    maxQuestionChars: config.maxQuestionChars,
  });
}
