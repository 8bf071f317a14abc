/**
 * The integration tier's one real index: the shipped corpus indexed with the default (trained) model,
 * built exactly as `quotebot` builds it — fetching the model through the user's code path if the cache
 * lacks it — once per test run, into `.quotebot-test/` (kept between local runs: an unchanged corpus is
 * only loaded). Tests reach it with `inject('realDataDir')`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { openCore } from '../src/compose.js';
import { createLogger } from '../src/core/logger.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export default async function setup(project: TestProject): Promise<void> {
  const dataDir = join(ROOT, '.quotebot-test');
  const config = loadConfig({ env: { ...process.env, QUOTEBOT_CORPUS: join(ROOT, 'corpus'), QUOTEBOT_DATA_DIR: dataDir }, envFile: join(ROOT, 'no.env'), cwd: ROOT });
  const logger = createLogger(process.env.LOG_LEVEL === 'silent' ? 'silent' : 'warn');
  const started = Date.now();
  const core = openCore(config, logger);
  const index = await (await core.engine()).index;
  process.stderr.write(`integration index ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${index.passages.length} passages, embedder ${index.manifest.embedder.kind}\n`);
  project.provide('realDataDir', dataDir);
  project.provide('realEmbedder', index.manifest.embedder.kind);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Data dir of the shared real index of the shipped corpus. */
    realDataDir: string;
    /** The embedder it was built with (the model's id, or `lsa` when the model could not be fetched). */
    realEmbedder: string;
  }
}
