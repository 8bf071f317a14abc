/**
 * The build lock: one build at a time per data directory, and a lock cannot outlive its holder (a lock
 * left by a dead process, or the pid file of earlier versions naming a live pid, does not hold builds up).
 */
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureIndex, loadIndex, readManifest } from '../../src/core/index/store.js';
import { answersOver, countingEmbedders, DOCS, fixtureIndexOptions, fixtureProject, type FixtureProject } from './index-fixtures.js';

const run = promisify(execFile);
const LOCK = 'build.lock.d';

let project: FixtureProject;
beforeEach(() => {
  project = fixtureProject();
});
afterEach(() => rmSync(project.dir, { recursive: true, force: true }));

const indexDir = () => join(project.dataDir, 'index');
const builds = () => readdirSync(indexDir()).filter((e) => e.startsWith('build-'));
/** Build the fixture index, returning how long it took. */
const timedBuild = async () => {
  const t0 = performance.now();
  const index = await ensureIndex(fixtureIndexOptions(project, countingEmbedders()));
  return { index, ms: performance.now() - t0 };
};

describe('a lock left behind', () => {
  it('GIVEN a lock whose holder stopped refreshing it ten minutes ago THEN a build takes it at once', async () => {
    mkdirSync(join(indexDir(), LOCK), { recursive: true });
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    utimesSync(join(indexDir(), LOCK), tenMinutesAgo, tenMinutesAgo);
    const { index, ms } = await timedBuild();
    expect(ms).toBeLessThan(5_000);
    expect(index.docs).toHaveLength(Object.keys(DOCS).length);
    expect(existsSync(join(indexDir(), LOCK))).toBe(false);
  });

  it('GIVEN the pid file of an earlier version naming a live process (a pid reused after a restart) THEN a build does not wait for it, and removes it', async () => {
    mkdirSync(indexDir(), { recursive: true });
    writeFileSync(join(indexDir(), 'build.lock'), JSON.stringify({ pid: process.pid, at: Date.now() }));
    const { ms } = await timedBuild();
    expect(ms).toBeLessThan(5_000);
    expect(existsSync(join(indexDir(), 'build.lock'))).toBe(false);
  });
});

describe('builds in the same data directory', () => {
  it('GIVEN two processes rebuilding at once THEN their builds run one after the other and leave one valid index', async () => {
    const events = join(project.dir, 'events.log');
    const child = (name: string) =>
      run(process.execPath, ['--import', 'tsx', 'test/core/build-child.ts', project.dir, events, name], { cwd: process.cwd(), timeout: 60_000 });
    await Promise.all([child('a'), child('b')]);
    const log = readFileSync(events, 'utf8').trim().split('\n');
    expect(log).toHaveLength(4);
    // each build ends before the other starts: a start, its own end, the other start, its end
    const [first, second] = [log[0]!.split(' ')[0], log[2]!.split(' ')[0]];
    expect(log).toEqual([`${first} start`, `${first} end`, `${second} start`, `${second} end`]);
    expect(first).not.toBe(second);
    expect(builds()).toHaveLength(1);
    expect(readlinkSync(join(indexDir(), 'current'))).toBe(builds()[0]);
    expect(existsSync(join(indexDir(), LOCK))).toBe(false);
    const index = await loadIndex(project.dataDir, fixtureIndexOptions(project, countingEmbedders()));
    expect(index.docs).toHaveLength(Object.keys(DOCS).length);
    expect((await answersOver(index)).filter((a) => a.status === 'answered').length).toBeGreaterThan(0);
  }, 90_000);

  it('GIVEN two builds at once in one process THEN both return a complete index and one build is kept', async () => {
    const opts = () => fixtureIndexOptions(project, countingEmbedders({ delayMs: 20 }), { force: true, batchSize: 2 });
    const [a, b] = await Promise.all([ensureIndex(opts()), ensureIndex(opts())]);
    expect(a.passages).toEqual(b.passages);
    expect(builds()).toHaveLength(1);
    expect((await readManifest(project.dataDir))?.files).toHaveLength(Object.keys(DOCS).length);
  });
});

describe('a build that dies', () => {
  it('GIVEN a build that throws while writing THEN the lock is released, the previous index still serves, and the next build starts at once', async () => {
    const { index: before } = await timedBuild();
    const serving = readlinkSync(join(indexDir(), 'current'));
    appendFileSync(join(project.corpus, 'glaciers.md'), '\nA surging glacier can advance tens of metres a day for a few months.\n');
    const base = fixtureIndexOptions(project, countingEmbedders());
    const crashing = {
      ...base,
      vectorBackend: { ...base.vectorBackend, save: async () => Promise.reject(new Error('simulated crash mid-build')) },
    };
    await expect(ensureIndex(crashing)).rejects.toThrow(/simulated crash mid-build/);
    expect(existsSync(join(indexDir(), LOCK))).toBe(false);
    expect(readlinkSync(join(indexDir(), 'current'))).toBe(serving);
    expect(builds()).toEqual([serving]);
    const still = await loadIndex(project.dataDir, base);
    expect(await answersOver(still)).toEqual(await answersOver(before));

    const { index: after, ms } = await timedBuild();
    expect(ms).toBeLessThan(5_000);
    expect(after.passages.some((p) => p.text.includes('surging glacier'))).toBe(true);
  });
});
