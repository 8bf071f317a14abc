/**
 * A quotebot process that rebuilds the fixture index (slowly, so that two of them overlap unless the build
 * lock serialises them) and records when its build starts and ends.
 * Usage: node --import tsx test/core/build-child.ts <project dir> <events file> <name>
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureIndex } from '../../src/core/index/store.js';
import { countingEmbedders, fixtureIndexOptions } from './index-fixtures.js';

const [dir, events, name] = process.argv.slice(2) as [string, string, string];
const project = { dir, corpus: join(dir, 'corpus'), dataDir: join(dir, 'data') };
const record = (what: string) => appendFileSync(events, `${name} ${what}\n`);
const base = fixtureIndexOptions(project, countingEmbedders({ delayMs: 100 }), { force: true, batchSize: 2 });
await ensureIndex({
  ...base,
  ingest: async () => {
    record('start');
    return base.ingest();
  },
  vectorBackend: {
    ...base.vectorBackend,
    async save(handle, to) {
      await base.vectorBackend.save(handle, to);
      record('end');
    },
  },
});
