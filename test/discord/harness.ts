/**
 * Starts the fake Discord and the real adapter (real discord.js) against it, given any Core.
 * Reusable for end-to-end runs with the production core over the shipped corpus.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import { createFeedbackLog, type FeedbackLog } from '../../src/core/feedback.js';
import type { Core } from '../../src/core/types.js';
import { startDiscord } from '../../src/adapters/discord/index.js';
import { IDS, TOKEN, startFakeDiscord, type FakeDiscord } from './fake-discord.js';

export interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

export interface Running {
  fake: FakeDiscord;
  config: Config;
  feedback: FeedbackLog;
  logs: LogLine[];
  stop(): Promise<void>;
}

export interface RunOptions {
  /** Extra environment (e.g. DISCORD_ALLOWED_CHANNELS). */
  env?: Record<string, string>;
  /** Reuse a running fake (a second bot); otherwise one is started and closed by `stop`. */
  fake?: FakeDiscord;
}

/** Start a fake Discord and quotebot's Discord adapter over `core`; `stop` closes both and removes the data dir. */
export async function runDiscordOnFake(core: Core, options: RunOptions = {}): Promise<Running> {
  const fake = options.fake ?? (await startFakeDiscord());
  const dataDir = await mkdtemp(join(tmpdir(), 'quotebot-discord-'));
  const config = loadConfig({
    env: {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APP_ID: IDS.app,
      DISCORD_API_URL: fake.apiUrl,
      QUOTEBOT_DATA_DIR: dataDir,
      ...options.env,
    },
    envFile: join(dataDir, 'no.env'),
    cwd: dataDir,
  });
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      cb();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const feedback = createFeedbackLog(dataDir);
  const bot = await startDiscord({ core, config, logger, feedback });
  return {
    fake,
    config,
    feedback,
    logs,
    async stop() {
      await bot.stop();
      if (!options.fake) await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
