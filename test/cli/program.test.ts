import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/quotebot.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });

describe('the quotebot program', () => {
  it('GIVEN help, help COMMAND or --help THEN usage on stdout and exit 0', () => {
    for (const args of [['help'], ['--help'], ['help', 'ask']]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: quotebot/);
    }
  });
  it('GIVEN --version THEN the package version and exit 0; an unknown command exits 1', () => {
    const r = run('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect(run('frobnicate').status).toBe(1);
  });
});
