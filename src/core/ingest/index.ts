/**
 * @module core/ingest
 * The ingestion dispatcher: reads a file, detects its format, sniffs out bad input, runs the right
 * parser and applies the catalog record. One bad file is a `{ ok: false, reason }` value and a
 * warning, never an exception, so every other document is still processed.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { isQuotebotError } from '../errors.js';
import type { CatalogEntry, DocumentFormat, IngestResult, ParsedDocument } from '../types.js';
import { CATALOG_FILES, catalogEntryFor, loadCatalog } from './catalog.js';
import { looksLikePdfConversion, parseConvertedText } from './converted-text.js';
import { FORMATS, formatOf, sniff } from './detect.js';
import { parseDocx } from './docx.js';
import { parseHtml } from './html.js';
import { parseMarkdown } from './markdown.js';
import { parsePdf } from './pdf.js';

/** Options for {@link ingestFile}. */
export interface IngestFileOptions {
  /** How the file is named in metadata and warnings. @defaultValue the path as given */
  displayPath?: string;
  /** Catalog entries keyed by file name; the entry for this file (if any) overrides title and authors. */
  catalog?: Map<string, CatalogEntry>;
}

/** What {@link ingestDirectory} returns. */
export interface IngestedDirectory {
  /** Hashes of every input read, catalog included (see {@link scanDirectory}). */
  inputs: Record<string, string>;
  docs: ParsedDocument[];
  /** Every problem, each as `"<file>: <reason>"`. */
  warnings: string[];
  /** Every file looked at (catalog and dot-files excepted), with the sha256 of its bytes. */
  files: { path: string; hash: string; ok: boolean }[];
}

const SUPPORTED = Object.keys(FORMATS).join(' ');

/** Ingests one file. Never throws: unreadable, empty, binary or broken files come back as `{ ok: false }`. */
export async function ingestFile(path: string, opts: IngestFileOptions = {}): Promise<IngestResult> {
  const file = opts.displayPath ?? path;
  if (!formatOf(path)) return { ok: false, file, reason: unsupportedReason(path) };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { ok: false, file, reason: `cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  return ingestBytes(bytes, { path, file, catalog: opts.catalog });
}

/** Ingests a file's bytes already in memory; `path` decides the format, `file` names it. Never throws. */
export async function ingestBytes(
  bytes: Uint8Array,
  where: { path: string; file: string; catalog?: Map<string, CatalogEntry> },
): Promise<IngestResult> {
  const { file } = where;
  const format = formatOf(where.path);
  if (!format) return { ok: false, file, reason: unsupportedReason(where.path) };
  try {
    const sniffed = sniff(bytes, format);
    if (!sniffed.ok) return { ok: false, file, reason: sniffed.reason };
    const doc = await parse(format, bytes, sniffed.text ?? '', file);
    if (!hasStructure(doc)) {
      return { ok: false, file, reason: 'no recognisable structure (no paragraph, list item, quotation or table with words in it)' };
    }
    doc.meta.file = file;
    const entry = where.catalog ? catalogEntryFor(where.catalog, file) ?? catalogEntryFor(where.catalog, basename(where.path)) : undefined;
    if (entry) applyCatalog(doc, entry);
    return { ok: true, doc };
  } catch (e) {
    if (isQuotebotError(e, 'BAD_INPUT')) return { ok: false, file, reason: e.message };
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, file, reason: `could not parse the ${format.toUpperCase()} file: ${message}` };
  }
}

async function parse(format: DocumentFormat, bytes: Uint8Array, text: string, file: string): Promise<ParsedDocument> {
  switch (format) {
    case 'text':
    case 'markdown':
      return looksLikePdfConversion(text) ? parseConvertedText(text, file) : parseMarkdown(text, file, format);
    case 'html':
      return parseHtml(text, file);
    case 'docx':
      return parseDocx(bytes, file);
    case 'pdf':
      return parsePdf(bytes, file);
  }
}

/** At least one paragraph-like block that contains a word. */
function hasStructure(doc: ParsedDocument): boolean {
  return doc.blocks.some((b) => b.kind !== 'heading' && /\p{L}{2}/u.test(b.text));
}

function applyCatalog(doc: ParsedDocument, entry: CatalogEntry): void {
  doc.meta.catalog = entry;
  if (entry.title) {
    doc.meta.title = entry.title;
    if (entry.subtitle) doc.meta.subtitle = entry.subtitle;
    else delete doc.meta.subtitle;
  }
  if (entry.authors && entry.authors.length > 0) doc.meta.authors = [...entry.authors];
}

function unsupportedReason(path: string): string {
  const ext = extname(path);
  return `unsupported file type ${ext ? `"${ext}"` : '(no extension)'}; supported: ${SUPPORTED}`;
}

/**
 * Ingests every file under `dir` (recursively, in sorted order; dot-files and the catalog skipped),
 * applying the directory's catalog. Files are named relative to `root` when given, else as joined
 * onto `dir`. One bad file never stops the others.
 */
export async function ingestDirectory(dir: string, opts: { root?: string } = {}): Promise<IngestedDirectory> {
  const warnings: string[] = [];
  const docs: ParsedDocument[] = [];
  const files: IngestedDirectory['files'] = [];
  const catalog = await loadCatalogSafely(dir, warnings);
  for (const rel of await listFiles(dir, '', warnings)) {
    const path = join(dir, rel);
    const file = opts.root !== undefined ? relative(opts.root, path) : path;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (e) {
      warnings.push(`${file}: cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      continue;
    }
    const hash = createHash('sha256').update(bytes).digest('hex');
    const result = await ingestBytes(bytes, { path, file, catalog });
    files.push({ path: file, hash, ok: result.ok });
    if (!result.ok) {
      warnings.push(`${result.file}: ${result.reason}${formatOf(path) ? '' : ' (skipped)'}`);
      continue;
    }
    docs.push(result.doc);
    for (const w of result.doc.warnings) warnings.push(w.startsWith(file) ? w : `${file}: ${w}`);
  }
  const inputs: Record<string, string> = Object.fromEntries(files.map((f) => [f.path, f.hash]));
  return { docs, warnings, files, inputs: { ...inputs, ...(await catalogHashes(dir)) } };
}

/**
 * Content hashes of everything ingestion reads (each file, and the catalog), without parsing anything:
 * enough to tell whether an index is still current.
 */
export async function scanDirectory(dir: string, opts: { root?: string } = {}): Promise<Record<string, string>> {
  const inputs: Record<string, string> = {};
  const hash = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
  for (const rel of await listFiles(dir, '', [])) {
    const path = join(dir, rel);
    const file = opts.root !== undefined ? relative(opts.root, path) : path;
    const h = await hash(path).catch(() => null); // unreadable files are skipped, as ingestion skips them
    if (h) inputs[file] = h;
  }
  return { ...inputs, ...(await catalogHashes(dir)) };
}

async function catalogHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of CATALOG_FILES) {
    const bytes = await readFile(join(dir, name)).catch(() => null);
    if (bytes) out[`catalog:${name}`] = createHash('sha256').update(bytes).digest('hex');
  }
  return out;
}

async function loadCatalogSafely(dir: string, warnings: string[]): Promise<Map<string, CatalogEntry>> {
  try {
    const catalog = await loadCatalog(dir);
    warnings.push(...catalog.warnings);
    return catalog.entries;
  } catch (e) {
    warnings.push(`${join(dir, 'catalog')}: could not be read (${e instanceof Error ? e.message : String(e)})`);
    return new Map();
  }
}

/** Relative paths of the files under `dir`, sorted, without dot-files, dot-directories or the catalog. */
async function listFiles(dir: string, prefix: string, warnings: string[]): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(join(dir, prefix))).sort();
  } catch (e) {
    warnings.push(`${join(dir, prefix)}: cannot list directory (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return [];
  }
  const out: string[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    if (prefix === '' && (CATALOG_FILES as readonly string[]).includes(name)) continue;
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    const info = await stat(join(dir, rel)).catch(() => undefined);
    if (info?.isDirectory()) out.push(...(await listFiles(dir, rel, warnings)));
    else if (info?.isFile()) out.push(rel);
  }
  return out;
}
