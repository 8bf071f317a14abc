/**
 * @module adapters/discord/context
 * What every Discord listener and command receives: the ports passed to `startDiscord`, plus the
 * adapter's own small in-memory state.
 */
import type { Config } from '../../config.js';
import type { FeedbackLog } from '../../core/feedback.js';
import type { Logger } from '../../core/logger.js';
import type { Core } from '../../core/types.js';
import type { BoundedCache } from '../shared/bounded-cache.js';
import type { Limiter } from '../shared/limiter.js';
import type { AnswerStore } from './answer-store.js';
import type { DocumentCatalog } from './documents.js';

/** The dependencies `startDiscord` takes. */
export interface DiscordDeps {
  core: Core;
  config: Config;
  logger: Logger;
  feedback: FeedbackLog;
}

export interface DiscordContext extends DiscordDeps {
  answers: AnswerStore;
  documents: DocumentCatalog;
  /** The latest questions asked in threads quotebot opened, oldest first, by thread id (for follow-ups). */
  threads: BoundedCache<string, string[]>;
  /** Caps how many `core.ask` calls run at once; the rest wait their turn. */
  limit: Limiter;
}
