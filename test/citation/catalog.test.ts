import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogEntryFor, loadCatalog } from '../../src/core/ingest/catalog.js';

const CORPUS = path.resolve(import.meta.dirname, '../../corpus');

describe('the shipped corpus/catalog.yaml', () => {
  it('GIVEN the real catalog THEN every record validates, names an existing file, and every text has a record', async () => {
    const { entries, warnings } = await loadCatalog(CORPUS);
    expect(warnings).toEqual([]);
    const texts = (await readdir(CORPUS)).filter((f) => f.endsWith('.txt')).sort();
    expect([...entries.keys()].sort()).toEqual(texts);
    for (const e of entries.values()) expect(e.title && e.authors?.length && e.kind).toBeTruthy();
  });

  it('GIVEN the real catalog THEN its titles, authors and cited details are evidenced by the corpus texts', async () => {
    const { entries } = await loadCatalog(CORPUS);
    const files = await readdir(CORPUS);
    const all = (await Promise.all(files.filter((f) => f.endsWith('.txt')).map((f) => readFile(path.join(CORPUS, f), 'utf8')))).join('\n');
    const norm = (s: string) => s.replace(/[*\\]/g, '').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').toLowerCase();
    const corpus = norm(all);
    for (const e of entries.values()) {
      const own = norm(await readFile(path.join(CORPUS, e.file), 'utf8'));
      expect(own, e.file).toContain(norm(e.title!));
      if (e.subtitle) expect(own, e.file).toContain(norm(e.subtitle));
      for (const a of e.authors!) expect(own.includes(norm(a)) || corpus.includes(norm(a)), a).toBe(true);
      const c = e.container ?? {};
      if (c.journal) expect(corpus).toContain(norm(`(${e.year}) ${c.volume} ${c.journal} ${e.firstPage}`));
      if (c.book) expect(corpus).toContain(norm(`${c.editors!.join(', ').replace(/, ([^,]+)$/, ' and $1')} (eds), ${c.book} (${e.publisher} ${e.year})`));
      if (c.number) expect(own).toContain(norm(`No. ${c.number}`));
      if (e.handle) expect(own).toContain(`hdl.handle.net/${e.handle}`);
    }
  });

  it('GIVEN a document path with the corpus prefix THEN catalogEntryFor finds its record', async () => {
    const { entries } = await loadCatalog(CORPUS);
    expect(catalogEntryFor(entries, 'corpus/bradley-who-and-what-is-iom-for.txt')?.container?.chapter).toBe('2');
    expect(catalogEntryFor(entries, 'bradley-who-and-what-is-iom-for.txt')?.year).toBe(2023);
    expect(catalogEntryFor(entries, 'corpus/unknown.txt')).toBeUndefined();
  });
});

describe('loadCatalog on fixture directories', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quotebot-catalog-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN no catalog file THEN an empty map and no warning', async () => {
    expect(await loadCatalog(dir)).toEqual({ entries: new Map(), warnings: [] });
  });

  it('GIVEN a missing corpus directory THEN an empty map and no warning', async () => {
    const r = await loadCatalog(path.join(dir, 'nope'));
    expect(r.entries.size).toBe(0);
    expect(r.warnings).toEqual([]);
  });

  it('GIVEN malformed YAML THEN one warning naming the file and an empty map', async () => {
    await writeFile(path.join(dir, 'catalog.yaml'), '- file: a.txt\n  title: [unclosed\n');
    const r = await loadCatalog(dir);
    expect(r.entries.size).toBe(0);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^catalog\.yaml: malformed YAML/);
  });

  it('GIVEN malformed JSON THEN a warning, not an exception', async () => {
    await writeFile(path.join(dir, 'catalog.json'), '[{"file": "a.txt",');
    const r = await loadCatalog(dir);
    expect(r.entries.size).toBe(0);
    expect(r.warnings[0]).toMatch(/^catalog\.json: malformed JSON/);
  });

  it('GIVEN a record with a wrong type THEN a warning names that record and the others are kept', async () => {
    await writeFile(
      path.join(dir, 'catalog.yaml'),
      ['- file: good.txt', '  year: 2016', '- file: bad.txt', '  year: twenty-sixteen', '  authors: Someone', '- file: also-good.txt'].join('\n'),
    );
    const r = await loadCatalog(dir);
    expect([...r.entries.keys()]).toEqual(['good.txt', 'also-good.txt']);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^catalog\.yaml record 2 \("bad\.txt"\): invalid \(.*; record skipped$/);
    expect(r.warnings[0]).toMatch(/year: .*expected number/);
    expect(r.warnings[0]).toMatch(/authors: .*expected array/);
  });

  it('GIVEN a last page before the first page THEN the record is rejected with a warning', async () => {
    await writeFile(path.join(dir, 'catalog.yaml'), '- file: a.txt\n  firstPage: 113\n  lastPage: 13\n');
    const r = await loadCatalog(dir);
    expect(r.entries.size).toBe(0);
    expect(r.warnings[0]).toMatch(/lastPage: lastPage is before firstPage/);
  });

  it('GIVEN unknown keys THEN the record is kept without them and a warning lists them', async () => {
    await writeFile(
      path.join(dir, 'catalog.yaml'),
      ['- file: a.txt', '  title: A', '  doi: 10.1/x', '  container:', '    journal: J', '    volume: 34', '    pages: 1-2'].join('\n'),
    );
    const r = await loadCatalog(dir);
    expect(r.entries.get('a.txt')).toEqual({ file: 'a.txt', title: 'A', container: { journal: 'J', volume: '34' } });
    expect(r.warnings).toEqual(['catalog.yaml record 1 ("a.txt"): unknown field(s) ignored: doi, container.pages']);
  });

  it('GIVEN records without a file, not a mapping, or duplicated THEN each is warned about and skipped', async () => {
    await writeFile(path.join(dir, 'catalog.yaml'), ['- title: No file', '- just text', '- file: a.txt', '- file: a.txt', '  title: Second'].join('\n'));
    const r = await loadCatalog(dir);
    expect([...r.entries.values()]).toEqual([{ file: 'a.txt' }]);
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings[0]).toMatch(/record 1: invalid \(file:/);
    expect(r.warnings[1]).toMatch(/record 2: expected a mapping/);
    expect(r.warnings[2]).toMatch(/record 4 \("a\.txt"\): duplicate entry/);
  });

  it('GIVEN a JSON mapping from file name to record THEN the key supplies the file', async () => {
    await writeFile(path.join(dir, 'catalog.json'), JSON.stringify({ 'x.md': { title: 'X', year: 1999, kind: 'book' } }));
    const r = await loadCatalog(dir);
    expect(r.entries.get('x.md')).toEqual({ file: 'x.md', title: 'X', year: 1999, kind: 'book' });
    expect(r.warnings).toEqual([]);
  });

  it('GIVEN both catalog.yaml and catalog.json THEN the YAML wins and the JSON is reported as ignored', async () => {
    await writeFile(path.join(dir, 'catalog.yaml'), '- file: y.txt\n');
    await writeFile(path.join(dir, 'catalog.json'), '[{"file": "j.txt"}]');
    const r = await loadCatalog(dir);
    expect([...r.entries.keys()]).toEqual(['y.txt']);
    expect(r.warnings).toEqual(['catalog.json: ignored because catalog.yaml is also present']);
  });

  it('GIVEN a YAML scalar instead of a list THEN a warning and an empty map', async () => {
    await writeFile(path.join(dir, 'catalog.yml'), 'just a sentence');
    const r = await loadCatalog(dir);
    expect(r.entries.size).toBe(0);
    expect(r.warnings[0]).toMatch(/^catalog\.yml: expected a list of records/);
  });
});
