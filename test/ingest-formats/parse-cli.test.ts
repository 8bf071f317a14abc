import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKDOWN } from './fixtures.js';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../../bin/quotebot.js');

async function quotebot(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

describe('quotebot parse', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quotebot-parse-'));
    await writeFile(join(dir, 'notes.md'), MARKDOWN);
    await writeFile(join(dir, 'catalog.yaml'), '- file: notes.md\n  title: Catalogued Notes\n  authors: [A. Cataloguer]\n');
    await writeFile(join(dir, 'latin1.txt'), Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a Markdown file and --json THEN stdout is exactly one JSON object of the documented shape', async () => {
    const file = join(dir, 'notes.md');
    const { stdout, code } = await quotebot('parse', file, '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['document', 'blocks', 'footnotes', 'warnings']);
    expect(out.document).toMatchObject({ title: 'Catalogued Notes', authors: ['A. Cataloguer'], file });
    expect(out.blocks[0]).toMatchObject({ kind: 'heading', text: 'Notes on Markdown', section: [], paragraph: null, page: null, footnotes: [], level: 1 });
    expect(out.blocks[1]).toMatchObject({ kind: 'paragraph', section: ['Notes on Markdown'], paragraph: 1, page: null, footnotes: [1] });
    expect(new Set(out.blocks.map((b: { kind: string }) => b.kind))).toEqual(new Set(['heading', 'paragraph', 'list_item', 'block_quote', 'table']));
    expect(out.footnotes).toEqual([
      expect.objectContaining({ n: 1, text: 'The first note.', cited_by: [1], status: 'ok' }),
      expect.objectContaining({ n: 2, cited_by: [2], status: 'ok' }),
    ]);
    expect(out.warnings).toEqual([]);
  });

  it('GIVEN a Markdown file without --json THEN it prints title, authors, the indented outline with counts, and totals', async () => {
    const { stdout, code } = await quotebot('parse', join(dir, 'notes.md'));
    expect(code).toBe(0);
    expect(stdout).toContain('Title:    Catalogued Notes');
    expect(stdout).toContain('Authors:  A. Cataloguer');
    expect(stdout).toContain('\nNotes on Markdown  [1 paragraph, 1 footnote]\n');
    expect(stdout).toContain('\n  Setext Section  [5 paragraphs, 1 footnote]\n');
    expect(stdout).toContain('\n    Deeper Level  [1 paragraph, 0 footnotes]\n');
    expect(stdout).toContain('  7 paragraphs');
    expect(stdout).toContain('Warnings: none');
  });

  it('GIVEN a file that cannot be ingested THEN stderr names the file and reason and the exit code is 1', async () => {
    const file = join(dir, 'latin1.txt');
    const { stdout, stderr, code } = await quotebot('parse', file, '--json');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`quotebot: ${file}: not valid UTF-8 text (invalid byte 0xE9 at offset 3)`);
    expect(stderr).toMatch(/hint: re-save the file as UTF-8/);
  });
});
