/**
 * @module core/ingest/detect
 * Format detection by extension and content sniffing: empty files, binary files, text that is not
 * UTF-8, and PDF/DOCX files that are not what their extension says. Each problem is a clear reason.
 */
import { extname } from 'node:path';
import type { DocumentFormat } from '../types.js';

/** Supported extensions (lower case) and the format each one means. */
export const FORMATS: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.html': 'html',
  '.htm': 'html',
};

/** The format for a file name, or undefined when its extension is not supported. */
export function formatOf(path: string): DocumentFormat | undefined {
  return FORMATS[extname(path).toLowerCase()];
}

/** The outcome of sniffing: for text formats, the decoded text. */
export type Sniffed = { ok: true; text?: string } | { ok: false; reason: string };

/** Checks that `bytes` plausibly hold a document of `format`; decodes text formats as strict UTF-8. */
export function sniff(bytes: Uint8Array, format: DocumentFormat): Sniffed {
  if (bytes.length === 0) return { ok: false, reason: 'empty file (0 bytes)' };
  if (isAllWhitespace(bytes)) return { ok: false, reason: `empty file (only whitespace, ${bytes.length} bytes)` };
  if (format === 'pdf') return sniffPdf(bytes);
  if (format === 'docx') return sniffDocx(bytes);
  return sniffText(bytes);
}

function sniffPdf(bytes: Uint8Array): Sniffed {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return { ok: false, reason: 'not a PDF (no %PDF- header); the file may be corrupted or misnamed' };
  return { ok: true };
}

function sniffDocx(bytes: Uint8Array): Sniffed {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!zip) return { ok: false, reason: 'not a DOCX (not a ZIP archive); the file may be corrupted, or an old .doc renamed' };
  return { ok: true };
}

function sniffText(bytes: Uint8Array): Sniffed {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: 'UTF-16 text is not supported; re-save the file as UTF-8' };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, reason: `binary file, not text (NUL byte at offset ${nul})` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const where = at < bytes.length ? ` (invalid byte 0x${hex(bytes[at]!)} at offset ${at})` : '';
    return { ok: false, reason: `not valid UTF-8 text${where}; re-save the file as UTF-8` };
  }
  if (controlRatio(text) > 0.1) return { ok: false, reason: 'binary file, not text (mostly control characters)' };
  return { ok: true, text };
}

function isAllWhitespace(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b) return false;
  return true;
}

function controlRatio(text: string): number {
  const sample = text.slice(0, 8192);
  let control = 0;
  for (const ch of sample) {
    const c = ch.charCodeAt(0);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) control++;
  }
  return sample.length === 0 ? 0 : control / sample.length;
}

/** Offset of the first byte that breaks UTF-8 well-formedness. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}
