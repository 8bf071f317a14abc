/**
 * @module bench/parse
 * Parsing throughput of the corpus (full ingestion, and the PDF-conversion parser alone), and the raw
 * texts the naive recipe indexes.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { QuotebotError } from '../core/errors.js';
import { looksLikePdfConversion, parseConvertedText } from '../core/ingest/converted-text.js';
import { formatOf } from '../core/ingest/detect.js';
import { ingestDirectory } from '../core/ingest/index.js';
import type { ParsedDocument } from '../core/types.js';
import { median, ratio } from './stats.js';
import { MB, round, roundRatio, timed } from './timing.js';

/** Median time and throughput of one parsing path. */
export interface ParseFigures {
  files: number;
  bytes: number;
  medianMs: number;
  /** Megabytes (10⁶ bytes) per second at the median time. */
  mbPerSec: number | null;
}

/** The parsing section of the report. */
export interface ParseSection {
  /** Full ingestion (read, detect, sniff, parse, catalog) of the corpus directory. */
  ingestDirectory: ParseFigures;
  /** The PDF-conversion parser alone on the texts that ingestion routes to it (null when none do). */
  parseConvertedText: ParseFigures | null;
  /** Goal: ingesting the whole corpus takes well under a second (median under 1,000 ms). */
  goalUnder1s: boolean;
}

/** What {@link measureParsing} found. */
export interface ParseResult {
  section: ParseSection;
  corpus: { files: number; bytes: number };
  /** Each readable file's text as a plain loader would give it (the naive recipe's input). */
  rawFiles: { file: string; text: string }[];
}

function figures(files: number, bytes: number, samples: number[]): ParseFigures {
  const medianMs = median(samples);
  return { files, bytes, medianMs: round(medianMs), mbPerSec: roundRatio(ratio(bytes / MB, medianMs / 1000)) };
}

/**
 * Parse the corpus once untimed (warm caches, lazy imports), then `repeat` timed passes of each path,
 * interleaved so a burst of load from elsewhere on the machine hits both alike.
 * @throws QuotebotError `NO_CORPUS` when no file of `corpusDir` is readable.
 */
export async function measureParsing(corpusDir: string, repeat: number): Promise<ParseResult> {
  const root = process.cwd();
  const first = await ingestDirectory(corpusDir, { root });
  const okFiles = first.files.filter((f) => f.ok);
  if (!okFiles.length) {
    throw new QuotebotError('NO_CORPUS', `No readable documents found in ${corpusDir}`, { hint: 'put documents in corpus/ (or set QUOTEBOT_CORPUS)' });
  }
  const raw = await Promise.all(okFiles.map(async (f) => ({ file: f.path, bytes: await readFile(resolve(root, f.path)) })));
  const corpusBytes = raw.reduce((n, f) => n + f.bytes.byteLength, 0);
  const isText = (file: string) => formatOf(file) === 'text' || formatOf(file) === 'markdown';
  const converted = raw
    .filter((f) => isText(f.file))
    .map((f) => ({ file: f.file, text: f.bytes.toString('utf8'), bytes: f.bytes.byteLength }))
    .filter((f) => looksLikePdfConversion(f.text));
  const parseConverted = async () => converted.forEach((f) => parseConvertedText(f.text, f.file));
  await parseConverted();

  const ingestMs: number[] = [];
  const convertedMs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    ingestMs.push((await timed(() => ingestDirectory(corpusDir, { root }))).ms);
    if (converted.length) convertedMs.push((await timed(parseConverted)).ms);
  }

  // formats that are not text go to the naive recipe as our parser's text (a plain loader's equivalent)
  const docsByFile = new Map<string, ParsedDocument>(first.docs.map((d) => [d.meta.file, d]));
  const rawFiles = raw.map((f) => ({ file: f.file, text: isText(f.file) ? f.bytes.toString('utf8') : plainText(docsByFile.get(f.file)) }));
  return {
    section: {
      ingestDirectory: figures(okFiles.length, corpusBytes, ingestMs),
      parseConvertedText: converted.length ? figures(converted.length, converted.reduce((n, f) => n + f.bytes, 0), convertedMs) : null,
      goalUnder1s: median(ingestMs) < 1000,
    },
    corpus: { files: okFiles.length, bytes: corpusBytes },
    rawFiles,
  };
}

/** A parsed document's text as a plain loader would give it: blocks, then footnotes, blank-line separated. */
function plainText(doc: ParsedDocument | undefined): string {
  if (!doc) return '';
  return [...doc.blocks.map((b) => b.text), ...doc.footnotes.map((f) => f.text)].join('\n\n');
}
