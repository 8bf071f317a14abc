/**
 * @module core/index/store
 * The on-disk index: `<dataDir>/index/current` is a symlink to a complete build directory holding
 * the manifest, parsed documents, passages, the embedder model, per-file vectors and the HNSW graph.
 * Builds are written to a fresh directory and swapped in by renaming a symlink (atomic), so a crash
 * mid-build leaves the previous index usable. Only files whose content hash changed are re-embedded.
 */
import { mkdir, readFile, readlink, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import lockfile from 'proper-lockfile';
import { QuotebotError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ParsedDocument } from '../types.js';
import { splitSentences } from '../text/sentences.js';
import { harvestAcronyms, passagesOf, storedDocument, type Passage, type StoredDocument } from './passages.js';

/** Bump when the on-disk layout or passage model changes: forces a full rebuild. */
export const SCHEMA_VERSION = 11;

export interface Manifest {
  schema: number;
  builtAt: string;
  embedder: { id: string; dims: number; kind: string };
  files: { path: string; hash: string; passages: number }[];
  /** Hash of every input (documents, unreadable or not, and the catalog): any change means an update. */
  inputs?: Record<string, string>;
  warnings: string[];
}

/** What an embedder must offer the index: LangChain's Embeddings plus identity and persistence. */
export interface IndexEmbedder {
  readonly id: string;
  readonly dims: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}

/** Creates or restores the embedder. `fit` sees every passage text of the corpus (corpus-trained models). */
export interface EmbedderFactory {
  kind: string;
  fit(texts: string[]): Promise<IndexEmbedder>;
  /** Serialise the embedder's own state, if any (e.g. an LSA model). */
  save(embedder: IndexEmbedder): unknown;
  restore(state: unknown): Promise<IndexEmbedder>;
}

export interface VectorBackend {
  build(embedder: IndexEmbedder, items: { id: string; vector: number[] }[]): Promise<unknown>;
  save(handle: unknown, dir: string): Promise<void>;
  load(dir: string, embedder: IndexEmbedder): Promise<unknown>;
  search(handle: unknown, vector: number[], k: number): Promise<{ id: string; similarity: number }[]>;
}

export interface IngestOutput {
  docs: ParsedDocument[];
  warnings: string[];
  files: { path: string; hash: string; ok: boolean }[];
  /** Hashes of every input read, catalog included. */
  inputs?: Record<string, string>;
}

export interface LoadedIndex {
  manifest: Manifest;
  docs: StoredDocument[];
  passages: Passage[];
  acronyms: Map<string, string>;
  embedder: IndexEmbedder;
  vectors: { search(vector: number[], k: number): Promise<{ id: string; similarity: number }[]> };
  /** Query-term stem → synonym stems that occur in the corpus (for vocabulary gaps). */
  synonyms?: Map<string, string[]>;
  /** Passage id → the embedder's vector of each of its sentences (the units the vector index holds). */
  sentenceVectors?: Map<string, number[][]>;
}

export interface BuildProgress {
  start(total: number, label: string): void;
  tick(n: number): void;
  stop(): void;
}

export interface EnsureIndexOptions {
  dataDir: string;
  ingest: () => Promise<IngestOutput>;
  embedders: EmbedderFactory;
  vectorBackend: VectorBackend;
  logger: Logger;
  progress?: BuildProgress;
  /** Rebuild everything even when nothing changed. */
  force?: boolean;
  /** Embedding batch size. @defaultValue 64 */
  batchSize?: number;
  /** Hashes every input without parsing (fast check that the index is current). */
  scan?: () => Promise<Record<string, string>>;
  /** Builds the synonym map for the corpus vocabulary (stem → synonym stems); omitted: no synonyms. */
  synonyms?: (passages: Passage[]) => Promise<Map<string, string[]>>;
}

interface FileVectors {
  hash: string;
  ids: string[];
  /** base64 Float32Array, row-major. */
  data: string;
  /** A short hash of each unit's text: an edited file re-embeds only the sentences whose text changed. */
  texts?: string[];
}

const textKey = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);

const currentLink = (dataDir: string) => join(dataDir, 'index', 'current');

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** The manifest of the current index, or null when there is none or it is unreadable. */
export async function readManifest(dataDir: string): Promise<Manifest | null> {
  try {
    return await readJson<Manifest>(join(currentLink(dataDir), 'manifest.json'));
  } catch {
    return null;
  }
}

function encode(vectors: number[][]): string {
  const dims = vectors[0]?.length ?? 0;
  const arr = new Float32Array(vectors.length * dims);
  vectors.forEach((v, i) => arr.set(v, i * dims));
  return Buffer.from(arr.buffer).toString('base64');
}
function decode(data: string, dims: number): number[][] {
  const buf = Buffer.from(data, 'base64');
  const arr = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const out: number[][] = [];
  for (let i = 0; i + dims <= arr.length; i += dims) out.push(Array.from(arr.subarray(i, i + dims)));
  return out;
}

/**
 * Bring the index up to date with the corpus and return it loaded. Builds on first use, re-embeds only
 * changed files, rebuilds fully when the schema or the embedder changed (and says so).
 */
export async function ensureIndex(opts: EnsureIndexOptions): Promise<LoadedIndex> {
  const { dataDir, logger } = opts;
  const old = opts.force ? null : await readManifest(dataDir);
  let reason: string | null = null;
  if (!old) reason = opts.force ? 'rebuild requested' : 'no index yet';
  else if (old.schema !== SCHEMA_VERSION) reason = `index format changed (schema ${old.schema} → ${SCHEMA_VERSION})`;
  else if (old.embedder.kind !== opts.embedders.kind) reason = `embedder changed (${old.embedder.kind} → ${opts.embedders.kind})`;

  // the common case: nothing changed. Hashing the inputs is enough to know; nothing is parsed.
  if (!reason && old && opts.scan && sameInputs(old.inputs, await opts.scan())) {
    try {
      return await loadIndex(dataDir, opts);
    } catch (e) {
      logger.warn({ err: e }, 'index unreadable; rebuilding');
      reason = 'index unreadable';
    }
  }

  return withBuildLock(dataDir, logger, async (lost) => {
    // another process may have brought the index up to date while we waited for the lock
    const current = opts.force ? null : await readManifest(dataDir);
    if (current && current.builtAt !== old?.builtAt && opts.scan && sameInputs(current.inputs, await opts.scan())) {
      return loadIndex(dataDir, opts);
    }
    const ingested = await opts.ingest();
    if (!ingested.docs.length) {
      throw new QuotebotError('NO_CORPUS', 'No readable documents found in the corpus folder', {
        hint: 'put .txt, .md, .pdf, .docx or .html files in corpus/ (or set QUOTEBOT_CORPUS)',
      });
    }
    if (!reason && old) {
      const before = old.inputs ?? Object.fromEntries(old.files.map((f) => [f.path, f.hash]));
      const now = ingested.inputs ?? Object.fromEntries(ingested.files.map((f) => [f.path, f.hash]));
      const changed = Object.keys(now).filter((p) => before[p] !== now[p]);
      const removed = Object.keys(before).filter((p) => !(p in now));
      if (!changed.length && !removed.length) {
        try {
          return await loadIndex(dataDir, opts);
        } catch (e) {
          logger.warn({ err: e }, 'index unreadable; rebuilding');
          reason = 'index unreadable';
        }
      } else {
        for (const w of ingested.warnings) if (changed.some((c) => w.startsWith(c))) logger.warn(w);
        logger.info({ changed, removed }, `corpus changed: updating the index (${changed.length} changed, ${removed.length} removed)`);
        try {
          return await build(opts, ingested, false, lost);
        } catch (e) {
          if (e instanceof QuotebotError) throw e;
          logger.warn({ err: e }, 'incremental update failed; rebuilding');
          reason = 'incremental update failed';
        }
      }
    }
    logger.info(`building the index: ${reason}`);
    for (const w of ingested.warnings) logger.warn(w);
    return build(opts, ingested, true, lost);
  });
}

function sameInputs(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  if (!a) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * A build lock whose holder stops refreshing it (crashed, killed, machine restarted) is broken after this
 * long. Generous because the refresh runs on the event loop, which a build blocks for seconds at a time
 * (fitting the embedder takes ~2 s on the shipped corpus and grows with the corpus).
 */
const STALE_LOCK_MS = 60_000;
/** How often the holder refreshes the lock's mtime. */
const LOCK_REFRESH_MS = 5_000;
/** How often a waiting process tries the lock again. */
const LOCK_POLL_MS = 250;
/** The lock directory (proper-lockfile creates it with mkdir, which is atomic). */
const LOCK_NAME = 'build.lock.d';

/**
 * One build at a time per data directory (a bot warming its index while `quotebot index` runs must not
 * delete each other's builds). The lock is proper-lockfile's: a directory whose mtime the holder keeps
 * fresh, so a lock left by a process that died expires after {@link STALE_LOCK_MS} whatever pid it named.
 * `work` gets a signal that aborts if the lock is lost (taken over while this process was stalled).
 */
async function withBuildLock<T>(dataDir: string, logger: Logger, work: (lost: AbortSignal) => Promise<T>): Promise<T> {
  const root = join(dataDir, 'index');
  await mkdir(root, { recursive: true });
  const lost = new AbortController();
  const release = await acquireBuildLock(root, logger, (err) => {
    logger.warn({ err }, 'lost the index build lock; this build will not replace the index');
    lost.abort(new QuotebotError('INDEX_STALE', 'Another process took over the index build while this one was stalled', {
      hint: 'the index it builds will serve; run `npx quotebot index` again if it is out of date',
      cause: err,
    }));
  });
  // the pid file of earlier versions: nothing reads it any more, so it would only linger
  await rm(join(root, 'build.lock'), { force: true });
  try {
    return await work(lost.signal);
  } finally {
    // a lock already lost is not ours to remove: proper-lockfile rejects instead of deleting it
    await release().catch(() => undefined);
  }
}

/** Take the build lock, waiting (and saying so once) while another live process holds it. */
async function acquireBuildLock(root: string, logger: Logger, onCompromised: (err: Error) => void): Promise<() => Promise<void>> {
  let waiting = false;
  for (;;) {
    try {
      return await lockfile.lock(root, {
        lockfilePath: join(root, LOCK_NAME),
        realpath: false,
        stale: STALE_LOCK_MS,
        update: LOCK_REFRESH_MS,
        onCompromised,
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      if (!waiting) logger.info('another quotebot process is building the index; waiting for it');
      waiting = true;
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }
}

async function build(opts: EnsureIndexOptions, ingested: IngestOutput, full: boolean, lost: AbortSignal): Promise<LoadedIndex> {
  const { dataDir, logger } = opts;
  const okFiles = ingested.files.filter((f) => f.ok);
  const docs = ingested.docs;
  const passagesByDoc = docs.map((d, i) => passagesOf(d, i));
  const passages = passagesByDoc.flat();
  const prevDir = full ? null : currentLink(dataDir);

  // the embedder: fitted on the whole corpus on a full build, otherwise restored and reused
  let embedder: IndexEmbedder;
  let cached = new Map<string, FileVectors>();
  if (!full && prevDir) {
    embedder = await opts.embedders.restore(await readJson<unknown>(join(prevDir, 'embedder.json')));
    cached = new Map(Object.entries(await readJson<Record<string, FileVectors>>(join(prevDir, 'vectors.json'))));
  } else {
    logger.info({ passages: passages.length, embedder: opts.embedders.kind }, 'fitting the embedder on the corpus…');
    embedder = await opts.embedders.fit(passages.map((p) => p.text));
  }

  const fileVectors: Record<string, FileVectors> = {};
  const work: { file: string; hash: string; units: EmbeddingUnit[] }[] = [];
  docs.forEach((d, i) => {
    const f = okFiles.find((x) => x.path === d.meta.file);
    const hash = f?.hash ?? '';
    const units = embeddingUnits(passagesByDoc[i]!);
    const prev = cached.get(d.meta.file);
    if (prev && prev.hash === hash && prev.ids.length === units.length && prev.ids.every((id, k) => id === units[k]!.id)) {
      fileVectors[d.meta.file] = prev;
    } else work.push({ file: d.meta.file, hash, units });
  });
  // vectors of unchanged sentences are kept: appending a paragraph embeds that paragraph, not the whole file
  const known = knownVectors([...cached.values()], embedder.dims);
  const toEmbed = work.flatMap((w) => w.units.filter((u) => !known.has(textKey(u.text))));
  if (toEmbed.length) {
    opts.progress?.start(toEmbed.length, 'embedding');
    const batch = opts.batchSize ?? 64;
    for (let i = 0; i < toEmbed.length; i += batch) {
      const chunk = toEmbed.slice(i, i + batch);
      const vectors = await embedder.embedDocuments(chunk.map((u) => u.text));
      chunk.forEach((u, k) => known.set(textKey(u.text), vectors[k]!));
      opts.progress?.tick(chunk.length);
    }
    opts.progress?.stop();
  }
  for (const w of work) {
    const texts = w.units.map((u) => textKey(u.text));
    fileVectors[w.file] = { hash: w.hash, ids: w.units.map((u) => u.id), data: encode(texts.map((t) => known.get(t)!)), texts };
  }
  const total = toEmbed.length;
  logger.info({ embedded: total, reused: Object.values(fileVectors).reduce((n, f) => n + f.ids.length, 0) - total }, 'embeddings ready');

  const items = vectorItems(docs.map((d) => fileVectors[d.meta.file]!), embedder.dims);
  const handle = await opts.vectorBackend.build(embedder, items);
  const synonyms = opts.synonyms ? await opts.synonyms(passages) : new Map<string, string[]>();
  const acronyms = harvestAcronyms(passages.map((p) => p.text));

  const manifest: Manifest = {
    schema: SCHEMA_VERSION,
    builtAt: new Date().toISOString(),
    embedder: { id: embedder.id, dims: embedder.dims, kind: opts.embedders.kind },
    files: docs.map((d, i) => ({ path: d.meta.file, hash: okFiles.find((f) => f.path === d.meta.file)?.hash ?? '', passages: passagesByDoc[i]!.length })),
    inputs: ingested.inputs,
    warnings: ingested.warnings,
  };
  const stored = docs.map(storedDocument);

  // write everything into a fresh directory, then swap the `current` symlink atomically
  const root = join(dataDir, 'index');
  await mkdir(root, { recursive: true });
  const name = `build-${Date.now()}-${process.pid}`;
  const dir = join(root, name);
  await mkdir(dir);
  try {
    await opts.vectorBackend.save(handle, join(dir, 'hnsw'));
    await writeFile(join(dir, 'embedder.json'), JSON.stringify(opts.embedders.save(embedder)));
    await writeFile(join(dir, 'vectors.json'), JSON.stringify(fileVectors));
    await writeFile(join(dir, 'documents.json'), JSON.stringify(stored));
    await writeFile(join(dir, 'passages.json'), JSON.stringify(passages));
    await writeFile(join(dir, 'synonyms.json'), JSON.stringify(Object.fromEntries(synonyms)));
    await writeFile(join(dir, 'acronyms.json'), JSON.stringify(Object.fromEntries(acronyms)));
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2)); // written last: marks a complete build
    lost.throwIfAborted();
    await swapCurrent(root, name);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    // losing the lock explains any write failure (the new holder may have cleaned up this build's directory)
    if (lost.aborted) throw lost.reason;
    throw new QuotebotError('INDEX_UNREADABLE', `Could not write the index in ${root}: ${(e as Error).message}`, {
      hint: 'check that the data directory (QUOTEBOT_DATA_DIR) is writable',
      cause: e,
    });
  }
  await removeStaleBuilds(root, name);
  return {
    manifest,
    docs: stored,
    passages,
    acronyms,
    embedder,
    vectors: { search: (v, k) => opts.vectorBackend.search(handle, v, k) },
    synonyms,
    sentenceVectors: sentenceVectorMap(items),
  };
}

/** One text the embedder sees: a sentence of a passage, `<passage id>#<sentence number>`. */
export interface EmbeddingUnit {
  id: string;
  text: string;
}

/**
 * What the index embeds: one unit per sentence, the sentence with the one after it. A quote is one to three
 * sentences, and a trained model compares a question with a short span far better than with a whole
 * paragraph (which it would also truncate); the next sentence gives a sentence its context ("It …").
 * Measured on the development set, dense passage hit@5: sentence pairs 0.79, sentences 0.76, paragraphs 0.68;
 * prefixing each pair with its section heading lowered quote_hit@5 (0.73 → 0.70) and MRR (0.75 → 0.71).
 */
export function embeddingUnits(passages: Passage[]): EmbeddingUnit[] {
  return passages.flatMap((p) => {
    const sentences = splitSentences(p.text);
    return sentences.map((s, k) => ({ id: `${p.id}#${k}`, text: p.text.slice(s.start, (sentences[k + 1] ?? s).end) }));
  });
}

/** The passage id of a unit id (`<passage id>#<n>`). */
export const unitPassage = (unitId: string) => unitId.slice(0, unitId.lastIndexOf('#'));

/** Text key → vector of every unit of the previous build that recorded its texts. */
function knownVectors(files: FileVectors[], dims: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const f of files) {
    if (!f.texts) continue;
    decode(f.data, dims).forEach((v, k) => out.set(f.texts![k]!, v));
  }
  return out;
}

function vectorItems(files: FileVectors[], dims: number): { id: string; vector: number[] }[] {
  return files.flatMap((fv) => decode(fv.data, dims).map((vector, k) => ({ id: fv.ids[k]!, vector })));
}

/** Each passage's sentence vectors, in sentence order. */
function sentenceVectorMap(items: { id: string; vector: number[] }[]): Map<string, number[][]> {
  const out = new Map<string, number[][]>();
  for (const { id, vector } of items) {
    const pid = unitPassage(id);
    const list = out.get(pid) ?? [];
    list[Number(id.slice(id.lastIndexOf('#') + 1))] = vector;
    out.set(pid, list);
  }
  return out;
}

async function swapCurrent(root: string, name: string): Promise<void> {
  const tmp = join(root, `current.tmp-${process.pid}-${Date.now()}`);
  await symlink(name, tmp);
  await rename(tmp, join(root, 'current')); // rename(2) replaces the old link atomically
}

async function removeStaleBuilds(root: string, keep: string): Promise<void> {
  // never the build `current` names, even if it is not ours: deleting it would break the serving index
  const serving = await readlink(join(root, 'current')).catch(() => keep);
  for (const entry of await readdir(root)) {
    if (entry === keep || entry === serving || entry === 'current') continue;
    if (entry.startsWith('build-') || entry.startsWith('current.tmp-')) {
      await rm(join(root, entry), { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

/** Load the current index without checking the corpus. */
export async function loadIndex(dataDir: string, opts: Pick<EnsureIndexOptions, 'embedders' | 'vectorBackend'>): Promise<LoadedIndex> {
  const dir = currentLink(dataDir);
  if (!existsSync(dir)) {
    throw new QuotebotError('INDEX_UNREADABLE', `No index in ${dataDir}`, { hint: 'run `npx quotebot index`' });
  }
  try {
    const manifest = await readJson<Manifest>(join(dir, 'manifest.json'));
    const docs = await readJson<StoredDocument[]>(join(dir, 'documents.json'));
    const passages = await readJson<Passage[]>(join(dir, 'passages.json'));
    const embedder = await opts.embedders.restore(await readJson<unknown>(join(dir, 'embedder.json')));
    const handle = await opts.vectorBackend.load(join(dir, 'hnsw'), embedder);
    const synonyms = new Map(Object.entries(await readJson<Record<string, string[]>>(join(dir, 'synonyms.json'))));
    const fileVectors = Object.values(await readJson<Record<string, FileVectors>>(join(dir, 'vectors.json')));
    return {
      sentenceVectors: sentenceVectorMap(vectorItems(fileVectors, embedder.dims)),
      manifest,
      docs,
      passages,
      acronyms: new Map(Object.entries(await readJson<Record<string, string>>(join(dir, 'acronyms.json')))),
      embedder,
      vectors: { search: (v, k) => opts.vectorBackend.search(handle, v, k) },
      synonyms,
    };
  } catch (e) {
    throw new QuotebotError('INDEX_UNREADABLE', `The index in ${dataDir} is unreadable: ${(e as Error).message}`, {
      hint: 'run `npx quotebot index --force` to rebuild it',
      cause: e,
    });
  }
}
