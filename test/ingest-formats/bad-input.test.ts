import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDirectory, ingestFile, type IngestedDirectory } from '../../src/core/ingest/index.js';
import { HTML, MARKDOWN, makeEncryptedPdf, makePdf, PDF_PAGES } from './fixtures.js';

/** One directory holding good documents next to every kind of bad input. */
async function writeCorpus(dir: string): Promise<Record<string, Uint8Array>> {
  const pdf = await makePdf(PDF_PAGES);
  const files: Record<string, Uint8Array> = {
    'good.md': utf8(MARKDOWN),
    'good.html': utf8(HTML),
    'good.pdf': pdf,
    'sub/nested.txt': utf8('Nested Title\n\nA nested plain text document with one paragraph.\n'),
    'empty.txt': new Uint8Array(0),
    'blank.md': utf8('  \n\n\t\n'),
    'binary.txt': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]),
    'latin1.txt': Uint8Array.from([...utf8('Caf'), 0xe9, ...utf8(' cr'), 0xe8, ...utf8('me and more text.\n')]),
    'corrupt.pdf': utf8(`%PDF-1.4\n${'garbage '.repeat(40)}\n`),
    'truncated.pdf': pdf.slice(0, 400),
    'corrupt.docx': Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...utf8('not really a zip archive')]),
    'encrypted.pdf': makeEncryptedPdf(),
    'headings-only.md': utf8('# A Heading\n\n---\n\n## Another Heading\n\n* * *\n'),
    'symbols.txt': utf8('1234 5678\n\n%%%% ####\n\n-- 42 --\n'),
    'notes.xyz': utf8('not a supported format'),
    '.hidden.md': utf8('# Hidden\n\nNever read.\n'),
    'catalog.yaml': utf8('- file: good.md\n  title: Catalogued Title\n  subtitle: A Subtitle\n  authors: [Catalogue Author]\n  year: 2021\n'),
  };
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), bytes);
  }
  return files;
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

describe('ingestDirectory with bad input', () => {
  let root: string;
  let dir: string;
  let files: Record<string, Uint8Array>;
  let result: IngestedDirectory;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'quotebot-ingest-'));
    dir = join(root, 'corpus');
    files = await writeCorpus(dir);
    result = await ingestDirectory(dir, { root });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const warningFor = (name: string): string | undefined => result.warnings.find((w) => w.startsWith(`corpus/${name}: `));

  it('GIVEN good files among bad ones THEN every good file is still ingested, in sorted order', () => {
    expect(result.docs.map((d) => d.meta.file)).toEqual(['corpus/good.html', 'corpus/good.md', 'corpus/good.pdf', 'corpus/sub/nested.txt']);
    expect(result.docs.map((d) => d.meta.format)).toEqual(['html', 'markdown', 'pdf', 'text']);
  });

  it('GIVEN an empty file THEN a warning names it and says it is empty', () => {
    expect(warningFor('empty.txt')).toBe('corpus/empty.txt: empty file (0 bytes)');
    expect(warningFor('blank.md')).toMatch(/^corpus\/blank\.md: empty file \(only whitespace/);
  });

  it('GIVEN a binary file THEN a warning names it and says it is binary', () => {
    expect(warningFor('binary.txt')).toBe('corpus/binary.txt: binary file, not text (NUL byte at offset 8)');
  });

  it('GIVEN a Latin-1 text file THEN a warning names it and says it is not UTF-8, with the offending byte', () => {
    expect(warningFor('latin1.txt')).toBe('corpus/latin1.txt: not valid UTF-8 text (invalid byte 0xE9 at offset 3); re-save the file as UTF-8');
  });

  it('GIVEN corrupted and truncated PDFs and a broken DOCX THEN warnings name them as corrupted', () => {
    expect(warningFor('corrupt.pdf')).toMatch(/^corpus\/corrupt\.pdf: corrupted PDF: .+/);
    expect(warningFor('truncated.pdf')).toMatch(/^corpus\/truncated\.pdf: corrupted PDF: .+/);
    expect(warningFor('corrupt.docx')).toMatch(/^corpus\/corrupt\.docx: corrupted DOCX: .+/);
  });

  it('GIVEN an encrypted PDF THEN the warning says a password is required', () => {
    expect(warningFor('encrypted.pdf')).toBe('corpus/encrypted.pdf: encrypted PDF (password required)');
  });

  it('GIVEN documents with no paragraph-like text THEN they are reported as having no recognisable structure', () => {
    expect(warningFor('headings-only.md')).toMatch(/^corpus\/headings-only\.md: no recognisable structure/);
    expect(warningFor('symbols.txt')).toMatch(/^corpus\/symbols\.txt: no recognisable structure/);
  });

  it('GIVEN an unsupported extension THEN it is skipped with a warning; dot-files and the catalog are not files', () => {
    expect(warningFor('notes.xyz')).toMatch(/^corpus\/notes\.xyz: unsupported file type "\.xyz"; supported: .*\.pdf.*\(skipped\)$/);
    const seen = result.files.map((f) => f.path);
    expect(seen).not.toContain('corpus/.hidden.md');
    expect(seen).not.toContain('corpus/catalog.yaml');
    expect(result.warnings.some((w) => w.includes('hidden'))).toBe(false);
  });

  it('GIVEN every file THEN files lists its sha256 and whether it was ingested', () => {
    const expected = Object.entries(files)
      .filter(([name]) => !name.startsWith('.') && name !== 'catalog.yaml')
      .map(([name, bytes]) => ({
        path: `corpus/${name}`,
        hash: createHash('sha256').update(bytes).digest('hex'),
        ok: ['good.md', 'good.html', 'good.pdf', 'sub/nested.txt'].includes(name),
      }))
      .sort((a, b) => a.path.localeCompare(b.path));
    expect([...result.files].sort((a, b) => a.path.localeCompare(b.path))).toEqual(expected);
  });

  it('GIVEN a catalog entry THEN its title, subtitle and authors override the detected ones; others keep theirs', () => {
    const md = result.docs.find((d) => d.meta.file === 'corpus/good.md')!;
    expect(md.meta).toMatchObject({ title: 'Catalogued Title', subtitle: 'A Subtitle', authors: ['Catalogue Author'] });
    expect(md.meta.catalog).toMatchObject({ file: 'good.md', year: 2021 });
    const html = result.docs.find((d) => d.meta.file === 'corpus/good.html')!;
    expect(html.meta).toMatchObject({ title: 'An HTML Paper', authors: ['Jane Doe'] });
    expect(html.meta.catalog).toBeUndefined();
  });

  it('GIVEN a bad file passed to ingestFile THEN it returns a value instead of throwing', async () => {
    await expect(ingestFile(join(dir, 'encrypted.pdf'), { displayPath: 'x/encrypted.pdf' })).resolves.toEqual({
      ok: false,
      file: 'x/encrypted.pdf',
      reason: 'encrypted PDF (password required)',
    });
    await expect(ingestFile(join(dir, 'missing.md'))).resolves.toMatchObject({ ok: false, reason: 'cannot read file (ENOENT)' });
  });
});
