/**
 * @module config
 * The only reader of process.env. One zod schema; every problem is reported at once.
 * Environment variables override values from `.env`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { QuotebotError } from './core/errors.js';

const list = z
  .string()
  .optional()
  .transform((s) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean));
const bool = z
  .string()
  .optional()
  .transform((s) => /^(1|true|yes|on)$/i.test((s ?? '').trim()));
const optionalString = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim() : undefined));
const optionalUrl = optionalString.pipe(z.url().optional());

const schema = z.object({
  QUOTEBOT_CORPUS: z.string().default('corpus'),
  QUOTEBOT_DATA_DIR: z.string().default('.quotebot'),
  QUOTEBOT_CITATION_STYLE: z.enum(['oscola', 'bluebook', 'apa']).default('oscola'),
  QUOTEBOT_MAX_QUESTION_CHARS: z.coerce.number().int().min(20).max(100_000).default(2000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalUrl,
  SLACK_ALLOWED_CHANNELS: list,
  SLACK_ALLOWED_TEAMS: list,
  SLACK_ASK_PRIVATE: bool,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),

  DISCORD_TOKEN: optionalString,
  DISCORD_APP_ID: optionalString,
  DISCORD_GUILD_ID: optionalString,
  DISCORD_ALLOWED_GUILDS: list,
  DISCORD_ALLOWED_CHANNELS: list,
  DISCORD_API_URL: optionalUrl,
  DISCORD_USE_THREADS: bool,

  EMBEDDINGS: z.enum(['default', 'lsa', 'openai', 'ollama']).default('default'),
  QUOTEBOT_MODEL_DIR: optionalString,
  QUOTEBOT_MODEL_CACHE: optionalString,
  QUOTEBOT_PYTHON: z.string().default('python3'),
  QUOTEBOT_MODEL_HUB_URL: optionalUrl,
  QUOTEBOT_MODEL_HUB_REPO: optionalString.pipe(z.string().regex(/^[\w.-]+\/[\w.-]+(@[\w.-]+)?$/, 'owner/name or owner/name@revision').optional()),
  ANSWER_MODEL: z.enum(['none', 'openai', 'ollama']).default('none'),
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalString,
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
  OLLAMA_BASE_URL: z.url().default('http://127.0.0.1:11434'),
  OLLAMA_EMBEDDING_MODEL: z.string().default('nomic-embed-text'),
  OLLAMA_CHAT_MODEL: z.string().default('llama3.1'),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
}).superRefine((c, ctx) => {
  // OpenAI's own API needs a key; a self-hosted OpenAI-compatible server (OPENAI_BASE_URL) usually does not
  if ((c.EMBEDDINGS === 'openai' || c.ANSWER_MODEL === 'openai') && !c.OPENAI_API_KEY && !c.OPENAI_BASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: 'needed for EMBEDDINGS=openai or ANSWER_MODEL=openai unless OPENAI_BASE_URL points to a server that needs no key' });
  }
});

export type RawConfig = z.infer<typeof schema>;

/** Validated configuration, grouped by concern. */
export interface Config {
  corpusDir: string;
  dataDir: string;
  citationStyle: 'oscola' | 'bluebook' | 'apa';
  maxQuestionChars: number;
  logLevel: RawConfig['LOG_LEVEL'];
  slack: {
    botToken?: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl?: string;
    allowedChannels: string[];
    allowedTeams: string[];
    askPrivate: boolean;
    port: number;
  };
  discord: {
    token?: string;
    appId?: string;
    guildId?: string;
    allowedGuilds: string[];
    allowedChannels: string[];
    apiUrl?: string;
    useThreads: boolean;
  };
  providers: {
    embeddings: RawConfig['EMBEDDINGS'];
    /** The default embedder's model: where it may come from and where it is cached. */
    model: { dir?: string; cacheDir: string; python: string; hub?: { endpoint: string; repo: string; revision: string } };
    answerModel: RawConfig['ANSWER_MODEL'];
    openai: { baseUrl?: string; apiKey?: string; embeddingModel: string; chatModel: string };
    ollama: { baseUrl: string; embeddingModel: string; chatModel: string };
    timeoutMs: number;
  };
}

export interface LoadConfigOptions {
  /** @defaultValue process.env */
  env?: Record<string, string | undefined>;
  /** Path of the dotenv file; missing is fine. @defaultValue `.env` in the working directory */
  envFile?: string;
  /** Base directory for relative paths. @defaultValue process.cwd() */
  cwd?: string;
}

/** Read `.env` (if any), overlay the environment, validate, and group. Throws CONFIG_INVALID listing every problem. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const envFile = resolve(cwd, options.envFile ?? '.env');
  const fromFile = existsSync(envFile) ? parseDotenv(readFileSync(envFile)) : {};
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [k, v] of Object.entries(options.env ?? process.env)) if (v !== undefined && v !== '') merged[k] = v;
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new QuotebotError('CONFIG_INVALID', `Invalid configuration: ${problems}`, {
      hint: 'check your .env and environment against .env.example',
    });
  }
  const c = parsed.data;
  return {
    corpusDir: resolve(cwd, c.QUOTEBOT_CORPUS),
    dataDir: resolve(cwd, c.QUOTEBOT_DATA_DIR),
    citationStyle: c.QUOTEBOT_CITATION_STYLE,
    maxQuestionChars: c.QUOTEBOT_MAX_QUESTION_CHARS,
    logLevel: c.LOG_LEVEL,
    slack: {
      botToken: c.SLACK_BOT_TOKEN,
      appToken: c.SLACK_APP_TOKEN,
      signingSecret: c.SLACK_SIGNING_SECRET,
      apiUrl: c.SLACK_API_URL,
      allowedChannels: c.SLACK_ALLOWED_CHANNELS,
      allowedTeams: c.SLACK_ALLOWED_TEAMS,
      askPrivate: c.SLACK_ASK_PRIVATE,
      port: c.PORT,
    },
    discord: {
      token: c.DISCORD_TOKEN,
      appId: c.DISCORD_APP_ID,
      guildId: c.DISCORD_GUILD_ID,
      allowedGuilds: c.DISCORD_ALLOWED_GUILDS,
      allowedChannels: c.DISCORD_ALLOWED_CHANNELS,
      apiUrl: c.DISCORD_API_URL,
      useThreads: c.DISCORD_USE_THREADS,
    },
    providers: {
      embeddings: c.EMBEDDINGS,
      model: {
        dir: c.QUOTEBOT_MODEL_DIR ? resolve(cwd, c.QUOTEBOT_MODEL_DIR) : undefined,
        cacheDir: resolve(cwd, c.QUOTEBOT_MODEL_CACHE ?? join(merged.XDG_CACHE_HOME || join(homedir(), '.cache'), 'quotebot', 'models')),
        python: c.QUOTEBOT_PYTHON,
        hub: hubOf(c.QUOTEBOT_MODEL_HUB_URL, c.QUOTEBOT_MODEL_HUB_REPO),
      },
      answerModel: c.ANSWER_MODEL,
      openai: {
        baseUrl: c.OPENAI_BASE_URL,
        apiKey: c.OPENAI_API_KEY,
        embeddingModel: c.OPENAI_EMBEDDING_MODEL,
        chatModel: c.OPENAI_CHAT_MODEL,
      },
      ollama: { baseUrl: c.OLLAMA_BASE_URL, embeddingModel: c.OLLAMA_EMBEDDING_MODEL, chatModel: c.OLLAMA_CHAT_MODEL },
      timeoutMs: c.PROVIDER_TIMEOUT_MS,
    },
  };
}

/** The default pinned repository on a hub, unless QUOTEBOT_MODEL_HUB_REPO names another. */
export const DEFAULT_HUB_REPO = 'sentence-transformers/all-MiniLM-L6-v2';

function hubOf(endpoint: string | undefined, repo: string | undefined): Config['providers']['model']['hub'] {
  if (!endpoint) return undefined;
  const [name, revision] = (repo ?? DEFAULT_HUB_REPO).split('@');
  return { endpoint, repo: name!, revision: revision ?? 'main' };
}

/** Slack is enabled when a bot token and either an app token (Socket Mode) or a signing secret (HTTP) are set. */
export function slackEnabled(c: Config): boolean {
  return Boolean(c.slack.botToken && (c.slack.appToken || c.slack.signingSecret));
}

/** Discord is enabled when a bot token is set. */
export function discordEnabled(c: Config): boolean {
  return Boolean(c.discord.token);
}
