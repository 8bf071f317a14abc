/**
 * @module core/ingest/catalog
 * Reads the bibliographic catalog (`catalog.yaml`, `catalog.yml` or `catalog.json`) of a corpus
 * directory. Problems are reported as warnings, never thrown: a bad record is skipped and named,
 * the others are kept.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { CatalogEntry } from '../types.js';

/** Catalog file names looked for, in order of preference. */
export const CATALOG_FILES = ['catalog.yaml', 'catalog.yml', 'catalog.json'] as const;

/** What {@link loadCatalog} returns. */
export interface CatalogResult {
  /** Entries keyed by their `file`, as written in the catalog (relative to the corpus dir). */
  entries: Map<string, CatalogEntry>;
  /** Human-readable problems, each naming the catalog file (and the record when relevant). */
  warnings: string[];
}

// Volumes, issues and numbers are often written unquoted in YAML (`volume: 34`); accept them.
const label = z.union([z.string().min(1), z.number()]).transform(String);
const text = z.string().trim().min(1);
const names = z.array(text).min(1);
const page = z.number().int().positive();

const containerSchema = z.object({
  journal: text.optional(),
  volume: label.optional(),
  issue: label.optional(),
  book: text.optional(),
  editors: names.optional(),
  series: text.optional(),
  number: label.optional(),
  chapter: label.optional(),
});

const entrySchema = z.object({
  file: text,
  title: text.optional(),
  subtitle: text.optional(),
  authors: names.optional(),
  year: z.number().int().min(1000).max(9999).optional(),
  kind: z.enum(['article', 'chapter', 'working_paper', 'book', 'report', 'other']).optional(),
  container: containerSchema.optional(),
  firstPage: page.optional(),
  lastPage: page.optional(),
  publisher: text.optional(),
  url: text.optional(),
  handle: text.optional(),
}).refine((e) => e.firstPage === undefined || e.lastPage === undefined || e.lastPage >= e.firstPage, {
  message: 'lastPage is before firstPage',
  path: ['lastPage'],
});

/**
 * Loads the catalog of `corpusDir`. No catalog file → an empty map and no warning; malformed
 * YAML/JSON → a warning and an empty map; an invalid record → a warning naming it, the rest kept;
 * unknown keys → kept out of the entry, with a warning.
 */
export async function loadCatalog(corpusDir: string): Promise<CatalogResult> {
  const entries = new Map<string, CatalogEntry>();
  const warnings: string[] = [];
  const found = await readFirstCatalog(corpusDir, warnings);
  if (!found) return { entries, warnings };

  const data = parseCatalogText(found.name, found.text, warnings);
  if (data === undefined) return { entries, warnings };

  for (const [where, raw] of catalogRecords(found.name, data, warnings)) {
    const entry = validateRecord(found.name, where, raw, warnings);
    if (!entry) continue;
    if (entries.has(entry.file)) {
      warnings.push(`${found.name} ${where}: duplicate entry for "${entry.file}" ignored (the first one is kept)`);
      continue;
    }
    entries.set(entry.file, entry);
  }
  return { entries, warnings };
}

/**
 * Finds the entry for a document path (as given, relative to the corpus dir, or with the corpus
 * dir prefix such as `corpus/x.txt`): exact key first, then the key equal to the path's tail.
 */
export function catalogEntryFor(entries: Map<string, CatalogEntry>, file: string): CatalogEntry | undefined {
  const wanted = normalise(file);
  const exact = entries.get(file) ?? entries.get(wanted);
  if (exact) return exact;
  for (const [key, entry] of entries) {
    const k = normalise(key);
    if (wanted === k || wanted.endsWith(`/${k}`)) return entry;
  }
  return undefined;
}

function normalise(p: string): string {
  return p.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
}

async function readFirstCatalog(
  dir: string,
  warnings: string[],
): Promise<{ name: string; text: string } | undefined> {
  let chosen: { name: string; text: string } | undefined;
  for (const name of CATALOG_FILES) {
    let content: string;
    try {
      content = await readFile(path.join(dir, name), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        warnings.push(`${name}: cannot be read (${(e as Error).message}); no catalog metadata used`);
      }
      continue;
    }
    if (chosen) warnings.push(`${name}: ignored because ${chosen.name} is also present`);
    else chosen = { name, text: content };
  }
  return chosen;
}

function parseCatalogText(name: string, content: string, warnings: string[]): unknown {
  try {
    const data: unknown = name.endsWith('.json') ? JSON.parse(content) : parseYaml(content);
    return data ?? [];
  } catch (e) {
    const first = (e as Error).message.split('\n')[0];
    warnings.push(`${name}: malformed ${name.endsWith('.json') ? 'JSON' : 'YAML'} (${first}); no catalog metadata used`);
    return undefined;
  }
}

/**
 * The records of a catalog, each with a label for warnings. Accepts a list of records, an object
 * with an `entries` list, or a mapping from file name to record (the key supplies `file`).
 */
function catalogRecords(name: string, data: unknown, warnings: string[]): [string, unknown][] {
  if (Array.isArray(data)) return data.map((r, i) => [recordLabel(i, r), r]);
  if (isPlainObject(data)) {
    if (Array.isArray(data.entries)) return catalogRecords(name, data.entries, warnings);
    return Object.entries(data).map(([file, r]) => [
      `record "${file}"`,
      isPlainObject(r) ? { file, ...r } : r,
    ]);
  }
  warnings.push(`${name}: expected a list of records, got ${describe(data)}; no catalog metadata used`);
  return [];
}

function recordLabel(i: number, r: unknown): string {
  const file = isPlainObject(r) && typeof r.file === 'string' ? ` ("${r.file}")` : '';
  return `record ${i + 1}${file}`;
}

function validateRecord(name: string, where: string, raw: unknown, warnings: string[]): CatalogEntry | undefined {
  if (!isPlainObject(raw)) {
    warnings.push(`${name} ${where}: expected a mapping of fields, got ${describe(raw)}; record skipped`);
    return undefined;
  }
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`);
    warnings.push(`${name} ${where}: invalid (${problems.join('; ')}); record skipped`);
    return undefined;
  }
  const unknown = unknownKeys(raw);
  if (unknown.length) warnings.push(`${name} ${where}: unknown field(s) ignored: ${unknown.join(', ')}`);
  return dropUndefined(parsed.data) as CatalogEntry;
}

function unknownKeys(raw: Record<string, unknown>): string[] {
  const top = Object.keys(raw).filter((k) => !(k in entrySchema.shape));
  const container = isPlainObject(raw.container)
    ? Object.keys(raw.container).filter((k) => !(k in containerSchema.shape)).map((k) => `container.${k}`)
    : [];
  return [...top, ...container];
}

function dropUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = isPlainObject(v) ? dropUndefined(v) : v;
  }
  return out as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'string' ? `the text "${v.slice(0, 40)}"` : `a ${typeof v}`;
}
