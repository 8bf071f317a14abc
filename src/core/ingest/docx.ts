/**
 * @module core/ingest/docx
 * Word (.docx) → ParsedDocument: mammoth converts the document to HTML (Heading N styles become
 * `<hN>`, notes become `<sup><a href="#footnote-N">` markers and an `<ol>` of `li#footnote-N`), then
 * the shared HTML block walker does the rest. Spans point into mammoth's HTML (the extracted text).
 * Title and authors come from the core properties (`docProps/core.xml`) when present.
 */
import { QuotebotError } from '../errors.js';
import type { ParsedDocument } from '../types.js';
import { parseHtmlBlocks } from './html-blocks.js';
import { readZipEntry } from './zip-entry.js';

/** Parses DOCX bytes. Throws a `BAD_INPUT` QuotebotError with the reason when the file is not a readable DOCX. */
export async function parseDocx(bytes: Uint8Array, file: string): Promise<ParsedDocument> {
  const { default: mammoth } = await import('mammoth');
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  } catch (e) {
    throw new QuotebotError('BAD_INPUT', `corrupted DOCX: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const core = readCoreProperties(bytes);
  const doc = parseHtmlBlocks(result.value, file, { format: 'docx', title: core.title, authors: core.authors });
  for (const m of result.messages) if (m.type === 'error') doc.warnings.push(`${file}: docx: ${m.message}`);
  return doc;
}

/** dc:title and dc:creator from `docProps/core.xml`, when the archive has them. */
export function readCoreProperties(bytes: Uint8Array): { title?: string; authors: string[] } {
  const xml = readZipEntry(bytes, 'docProps/core.xml')?.toString('utf8');
  if (!xml) return { authors: [] };
  const field = (tag: string): string | undefined => {
    const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
    const v = m ? decodeXml(m[1]!).trim() : '';
    return v === '' ? undefined : v;
  };
  const title = field('dc:title');
  const creator = field('dc:creator');
  return { title, authors: creator ? creator.split(/\s*;\s*/).filter(Boolean) : [] };
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return named[e.toLowerCase()] ?? _;
  });
}
