import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `unit`: deterministic fakes and small fixtures, no model. `integration`: the real index of the
 * shipped corpus with the default model, built once per run by `test/global-setup.ts` and shared, plus the
 * front ends end to end against fake platform servers on 127.0.0.1.
 */
const INTEGRATION = [
  'test/core/core.test.ts',
  'test/core/abstention.test.ts',
  'test/discord/real-core.e2e.test.ts',
  'test/slack/real-core.e2e.test.ts',
  'test/integration/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: INTEGRATION } },
      { extends: true, test: { name: 'integration', include: INTEGRATION, globalSetup: ['test/global-setup.ts'], hookTimeout: 600_000 } },
    ],
  },
});
