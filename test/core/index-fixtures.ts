/**
 * A small corpus in a temporary project and a counting fake embedder, for tests of the on-disk index
 * (what a build re-embeds, how builds share a data directory) that must not pay for the real embedder.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../src/core/core.js';
import { ingestDirectory, scanDirectory } from '../../src/core/ingest/index.js';
import type { EmbedderFactory, EnsureIndexOptions, IndexEmbedder, LoadedIndex } from '../../src/core/index/store.js';
import { silentLogger } from '../../src/core/logger.js';
import type { Answer } from '../../src/core/types.js';
import { hnswVectorBackend } from '../../src/providers/index.js';
import { minisearchLexical } from '../../src/providers/minisearch-lexical.js';

/** The fixture documents by file name (Markdown: one passage per paragraph). */
export const DOCS: Record<string, string> = {
  'beekeeping.md': `# Beekeeping

A colony of honey bees keeps its hive at thirty-five degrees by fanning its wings and clustering.

Beekeepers inspect the brood frames every week in spring to find queen cells before a swarm leaves.

Varroa mites weaken colonies over winter; treating in late summer protects the winter bees.

Heather honey is thixotropic and must be pressed from the comb rather than spun out.
`,
  'glaciers.md': `# Glaciers

A glacier moves because ice deforms under its own weight and slides over meltwater at its bed.

Moraines are ridges of rock debris that a glacier pushes ahead of it or leaves along its sides.

Alpine glaciers have lost about a third of their volume since the nineteen seventies.
`,
  'lighthouses.md': `# Lighthouses

The Fresnel lens let a small lamp throw its beam more than twenty nautical miles out to sea.

Each lighthouse flashes in its own rhythm, so a navigator can tell one headland from another at night.

Keepers trimmed the wicks and wound the clockwork that turned the lens every few hours.

Most lighthouses were automated in the late twentieth century and their keepers left the towers.
`,
};

/** A document added after the first build; its name sorts first, so every other document moves down. */
export const ADDED = {
  name: 'a-tides.md',
  text: `# Tides

Spring tides come twice a month, when the sun and the moon pull along the same line.

The Bay of Fundy has the largest tidal range in the world, over fifteen metres.
`,
};

/** Questions whose answers the tests compare between builds. */
export const QUESTIONS = [
  'how does a glacier move?',
  'why were lighthouse keepers no longer needed?',
  'when should varroa mites be treated?',
  'where is the largest tidal range?',
  'how far could a Fresnel lens throw its beam?',
];

export interface FixtureProject {
  dir: string;
  corpus: string;
  dataDir: string;
}

/** A temporary project with `corpus/` holding {@link DOCS}. */
export function fixtureProject(): FixtureProject {
  const dir = mkdtempSync(join(tmpdir(), 'quotebot-index-'));
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  for (const [name, text] of Object.entries(DOCS)) writeFileSync(join(corpus, name), text);
  return { dir, corpus, dataDir: join(dir, 'data') };
}

/** A fake embedder factory that records every text it embeds for the index. */
export interface CountingEmbedders extends EmbedderFactory {
  /** Texts passed to `embedDocuments`, in order (fitting is not counted). */
  embedded: string[];
}

const DIMS = 32;

/** Hashes words into a fixed number of dimensions: deterministic, and independent of the corpus it was fitted on. */
function hashVector(text: string): number[] {
  const v = new Array<number>(DIMS).fill(0);
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    let h = 0;
    for (const c of word) h = (h * 31 + c.codePointAt(0)!) >>> 0;
    v[h % DIMS]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

/**
 * A counting fake embedder. `delayMs` makes each `embedDocuments` call take that long, so that two
 * builds run long enough to overlap if nothing serialises them.
 */
export function countingEmbedders(options: { delayMs?: number } = {}): CountingEmbedders {
  const embedded: string[] = [];
  const embedder: IndexEmbedder = {
    id: 'fake-hash-32',
    dims: DIMS,
    async embedDocuments(texts) {
      embedded.push(...texts);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      return texts.map(hashVector);
    },
    embedQuery: async (text) => hashVector(text),
  };
  return {
    kind: 'fake-hash',
    embedded,
    fit: async () => embedder,
    save: () => ({ dims: DIMS }),
    restore: async () => embedder,
  };
}

/** Index options over the fixture project, with the real ingestion and HNSW backend. */
export function fixtureIndexOptions(project: FixtureProject, embedders: EmbedderFactory, overrides: Partial<EnsureIndexOptions> = {}): EnsureIndexOptions {
  return {
    dataDir: project.dataDir,
    logger: silentLogger(),
    embedders,
    vectorBackend: hnswVectorBackend(),
    scan: () => scanDirectory(project.corpus, { root: project.dir }),
    ingest: () => ingestDirectory(project.corpus, { root: project.dir }),
    ...overrides,
  };
}

/** The answers the core gives to {@link QUESTIONS} over `index`, without their timings. */
export async function answersOver(index: LoadedIndex): Promise<Omit<Answer, 'ms'>[]> {
  const core = createCore({ loadIndex: async () => index, lexical: minisearchLexical, logger: silentLogger() });
  const out: Omit<Answer, 'ms'>[] = [];
  for (const question of QUESTIONS) {
    const { ms: _ms, ...answer } = await core.ask({ question, k: 3 });
    out.push(answer);
  }
  return out;
}
