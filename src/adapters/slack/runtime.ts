/**
 * @module adapters/slack/runtime
 * What every listener shares: the injected dependencies plus the adapter's bounded memory
 * (handled event ids, thread histories, oversized button values) and a cap on concurrent questions.
 */
import type { Config } from '../../config.js';
import type { FeedbackLog } from '../../core/feedback.js';
import type { Logger } from '../../core/logger.js';
import type { AskRequest, Answer, Core } from '../../core/types.js';
import { BoundedCache } from '../shared/bounded-cache.js';
import { createLimiter, DEFAULT_CONCURRENCY } from '../shared/limiter.js';
import { allowed } from '../shared/messages.js';
import { createValueCodec, type ValueCodec } from './action-values.js';

/** The dependencies `startSlack` receives. */
export interface SlackDeps {
  core: Core;
  config: Config;
  logger: Logger;
  feedback: FeedbackLog;
}

/** Tunables, merged over {@link DEFAULT_SLACK_OPTIONS}. */
export interface SlackOptions {
  /** Quotes per answer. @defaultValue 5 */
  k: number;
  /** Questions answered at once; the rest wait their turn, so memory stays flat under bursts. @defaultValue 8 */
  concurrency: number;
  /** Event ids remembered for retry dedupe. @defaultValue 5000 */
  dedupeMax: number;
  /** How long an event id is remembered (Slack retries within minutes). @defaultValue 1 h */
  dedupeTtlMs: number;
  /** Threads whose earlier questions are remembered for follow-ups (older ones are read back from Slack). @defaultValue 1000 */
  threadsMax: number;
  /** @defaultValue 7 days */
  threadsTtlMs: number;
  /** Earlier questions passed to the core per follow-up. @defaultValue 5 */
  historyMax: number;
  /** Interface the HTTP receiver binds (tests use 127.0.0.1). @defaultValue all interfaces */
  host?: string;
  /** Web API retry policy (p-retry options); the default retries 429s after `Retry-After`. */
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number; randomize?: boolean };
  /** Socket Mode client ping timeout, ms. @defaultValue the SDK's (5,000) */
  clientPingTimeout?: number;
  /** Reaction shown on the asker's message while working. @defaultValue 'mag' */
  workingReaction: string;
}

export const DEFAULT_SLACK_OPTIONS: SlackOptions = {
  k: 5,
  concurrency: DEFAULT_CONCURRENCY,
  dedupeMax: 5000,
  dedupeTtlMs: 3600_000,
  threadsMax: 1000,
  threadsTtlMs: 7 * 24 * 3600_000,
  historyMax: 5,
  workingReaction: 'mag',
};

export interface SlackRuntime extends SlackDeps {
  options: SlackOptions;
  codec: ValueCodec;
  /** Keys of deliveries already handled (event ids, message ids). */
  seen: BoundedCache<string, true>;
  /** `${channel}:${threadTs}` → earlier questions, oldest first. */
  threads: BoundedCache<string, string[]>;
  /** `core.ask` behind the concurrency cap, with the configured style. */
  ask(req: AskRequest): Promise<Answer>;
  /** True when quotebot may answer in this team and channel. */
  enabled(team: string | undefined, channel: string | undefined): boolean;
}

/** The shared runtime for one running adapter: options merged over the defaults, fresh bounded memories. */
export function createRuntime(deps: SlackDeps, overrides: Partial<SlackOptions> = {}): SlackRuntime {
  const options = { ...DEFAULT_SLACK_OPTIONS, ...overrides };
  const limit = createLimiter(options.concurrency);
  const { slack } = deps.config;
  return {
    ...deps,
    options,
    codec: createValueCodec({ max: 500 }),
    seen: new BoundedCache({ max: options.dedupeMax, ttlMs: options.dedupeTtlMs }),
    threads: new BoundedCache({ max: options.threadsMax, ttlMs: options.threadsTtlMs }),
    ask: (req) => limit(() => deps.core.ask({ style: deps.config.citationStyle, k: options.k, ...req })),
    enabled: (team, channel) => allowed(slack.allowedTeams, team) && allowed(slack.allowedChannels, channel),
  };
}
