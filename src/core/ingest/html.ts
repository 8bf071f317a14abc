/**
 * @module core/ingest/html
 * HTML → ParsedDocument: headings h1–h6, paragraphs, block quotes, list items, tables and footnotes,
 * via the shared block walker in `html-blocks.ts`.
 */
import type { ParsedDocument } from '../types.js';
import { parseHtmlBlocks } from './html-blocks.js';

/**
 * Parses decoded HTML from `file`. Title from `citation_title`, then `<title>`, then the first `<h1>`;
 * authors from `citation_author`, then `<meta name="author">`.
 */
export function parseHtml(html: string, file: string): ParsedDocument {
  return parseHtmlBlocks(html, file, { format: 'html' });
}
