/**
 * @module adapters/discord/context
 * What every Discord listener and command receives: the ports passed to `startDiscord`, plus the
 * adapter's own small in-memory state.
 */
import type { Config } from '../../config.js';
import type { FeedbackLog } from '../../core/feedback.js';
import type { Logger } from '../../core/logger.js';
import type { Core } from '../../core/types.js';
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
  /** Questions asked so far in threads quotebot opened, by thread id (for follow-ups). */
  threads: Map<string, string[]>;
}
