/**
 * Passage ids are stable across builds (keyed on the document's path, not its position in the folder), so
 * adding, changing or removing one file re-embeds that file's passages and nothing else, and the index
 * an update leaves answers exactly as a fresh build of the same corpus does.
 */
import { appendFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIndex, type LoadedIndex } from '../../src/core/index/store.js';
import { documentKey } from '../../src/core/index/passages.js';
import { ADDED, answersOver, countingEmbedders, fixtureIndexOptions, fixtureProject, type FixtureProject } from './index-fixtures.js';

describe('incremental index updates', () => {
  let project: FixtureProject;
  const embedders = countingEmbedders();
  let first: LoadedIndex;

  /** Update the index, returning it and the texts this update embedded. */
  const update = async () => {
    const before = embedders.embedded.length;
    const index = await ensureIndex(fixtureIndexOptions(project, embedders));
    return { index, embedded: embedders.embedded.slice(before) };
  };
  /** The same corpus indexed from scratch in its own data directory. */
  const fresh = async () => {
    const dataDir = join(project.dir, `fresh-${Date.now()}`);
    return ensureIndex(fixtureIndexOptions({ ...project, dataDir }, countingEmbedders(), { force: true }));
  };
  const textsOf = (index: LoadedIndex, file: string) => {
    const doc = index.docs.findIndex((d) => d.meta.file === file);
    return index.passages.filter((p) => p.doc === doc).map((p) => p.text);
  };
  const expectSameAsFresh = async (index: LoadedIndex) => {
    const reference = await fresh();
    expect(index.passages).toEqual(reference.passages);
    expect(await answersOver(index)).toEqual(await answersOver(reference));
  };

  beforeAll(async () => {
    project = fixtureProject();
    first = (await update()).index;
  });
  afterAll(() => rmSync(project.dir, { recursive: true, force: true }));

  it('GIVEN a first build THEN every passage is embedded once and ids name the document by its path, not its position', () => {
    expect(embedders.embedded).toHaveLength(first.passages.length);
    for (const p of first.passages) {
      expect(p.id.startsWith(`${documentKey(first.docs[p.doc]!.meta.file)}:`)).toBe(true);
      expect(p.id).toMatch(/^[0-9a-f]{12}:[pnt]\d/);
    }
  });

  it('GIVEN a file added before all others THEN only its passages are embedded, the others keep their ids, and answers match a fresh build', async () => {
    writeFileSync(join(project.corpus, ADDED.name), ADDED.text);
    const { index, embedded } = await update();
    const added = textsOf(index, `corpus/${ADDED.name}`);
    expect(added.length).toBeGreaterThan(0);
    expect(embedded).toEqual(added);
    // every earlier document moved down one place, yet its passages kept their ids
    const beekeeping = (i: LoadedIndex) => i.passages.filter((p) => i.docs[p.doc]!.meta.file === 'corpus/beekeeping.md');
    expect(beekeeping(index).map((p) => p.id)).toEqual(beekeeping(first).map((p) => p.id));
    expect(beekeeping(index)[0]!.doc).toBe(beekeeping(first)[0]!.doc + 1);
    await expectSameAsFresh(index);
  });

  it('GIVEN a paragraph appended to one file THEN only its new sentences are embedded and answers match a fresh build', async () => {
    appendFileSync(join(project.corpus, 'glaciers.md'), '\nA surging glacier can advance tens of metres a day for a few months.\n');
    const { index, embedded } = await update();
    expect(embedded).toEqual(['A surging glacier can advance tens of metres a day for a few months.']);
    expect(textsOf(index, 'corpus/glaciers.md')).toContain(embedded[0]);
    await expectSameAsFresh(index);
  });

  it('GIVEN a file removed THEN nothing is re-embedded and answers match a fresh build', async () => {
    unlinkSync(join(project.corpus, ADDED.name));
    const { index, embedded } = await update();
    expect(embedded).toEqual([]);
    expect(index.docs.map((d) => d.meta.file)).not.toContain(`corpus/${ADDED.name}`);
    await expectSameAsFresh(index);
  });
});
