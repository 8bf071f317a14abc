/**
 * @module core/ingest/pdf
 * PDF → ParsedDocument via pdf-parse (pdf.js). Text comes page by page, so every block knows the page
 * it starts on. Running heads/feet and bare page numbers are removed, footnotes at page bottoms are
 * separated from the body when they continue the document's note sequence, wrapped lines are joined
 * (de-hyphenating `-` + lowercase), and a paragraph open at a page end continues on the next page.
 * Spans point into the extracted text: the pages' text joined with `\n`.
 */
import { QuotebotError } from '../errors.js';
import type { FootnoteRef, ParsedDocument, SourceSpan } from '../types.js';
import { DocumentBuilder } from './document-builder.js';
import { pdfLayout, type PdfLine } from './pdf-layout.js';

/** Parses PDF bytes. Throws a `BAD_INPUT` QuotebotError whose message is the reason (encrypted, corrupted, no text). */
export async function parsePdf(bytes: Uint8Array, file: string): Promise<ParsedDocument> {
  const { pages, info } = await extractPages(bytes);
  if (pages.every((p) => p.trim() === '')) {
    const count = `${pages.length} page${pages.length === 1 ? '' : 's'}`;
    throw new QuotebotError('BAD_INPUT', `PDF has no extractable text (${count}; a scan needs OCR first)`);
  }
  const layout = pdfLayout(pages);
  const builder = new DocumentBuilder(file);
  emitBody(builder, layout.body);
  for (const note of layout.notes) {
    const joined = joinLines(note.lines);
    builder.footnote({ n: note.n, text: joined.text, spans: joined.spans, page: note.page });
  }
  for (const w of layout.warnings) builder.warn(w);
  const title = stringInfo(info?.Title) ?? builder.firstHeading() ?? layout.body[0]?.text ?? '';
  const author = stringInfo(info?.Author);
  const authors = author ? author.split(/\s*;\s*|\s+&\s+|\s+and\s+/).filter(Boolean) : [];
  return builder.build({ file, format: 'pdf', title, authors });
}

async function extractPages(bytes: Uint8Array): Promise<{ pages: string[]; info?: Record<string, unknown> }> {
  const { PDFParse } = await import('pdf-parse');
  // pdf.js may detach the buffer it is given: hand it a copy
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const text = await parser.getText({ cellSeparator: ' ', pageJoiner: '' });
    let info: Record<string, unknown> | undefined;
    try {
      info = (await parser.getInfo()).info as Record<string, unknown> | undefined;
    } catch {
      info = undefined; // metadata is optional: the text is what matters
    }
    return { pages: [...text.pages].sort((a, b) => a.num - b.num).map((p) => p.text), info };
  } catch (e) {
    throw new QuotebotError('BAD_INPUT', pdfFailureReason(e), { cause: e });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/** A human-readable reason for a pdf.js failure. */
export function pdfFailureReason(e: unknown): string {
  const name = e instanceof Error ? e.name : '';
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException' || /password/i.test(message)) return 'encrypted PDF (password required)';
  return `corrupted PDF: ${message || name || 'unreadable'}`;
}

function stringInfo(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function emitBody(builder: DocumentBuilder, lines: PdfLine[]): void {
  let para: PdfLine[] = [];
  const flush = (): void => {
    if (para.length === 0) return;
    const joined = joinLines(para);
    builder.block({ kind: 'paragraph', text: joined.text, refs: joined.refs, spans: joined.spans, page: para[0]!.page });
    para = [];
  };
  for (const line of lines) {
    if (line.heading) {
      flush();
      const joined = joinLines([line]);
      builder.heading(joined.text, line.heading, joined.spans, line.page);
      builder.headingRefs(joined.refs);
      continue;
    }
    para.push(line);
    if (line.endsParagraph) flush();
  }
  flush();
}

/** Joins wrapped lines with one space, or with nothing after a line-end hyphen followed by a lowercase letter. */
function joinLines(lines: PdfLine[]): { text: string; refs: FootnoteRef[]; spans: SourceSpan[] } {
  let text = '';
  const refs: FootnoteRef[] = [];
  const spans: SourceSpan[] = [];
  lines.forEach((line, k) => {
    let t = line.text;
    let end = line.end;
    const next = lines[k + 1];
    const hyphen = next !== undefined && /\p{L}-$/u.test(t) && /^\p{Ll}/u.test(next.text);
    if (hyphen) {
      t = t.slice(0, -1);
      end -= 1;
    }
    for (const r of line.refs) refs.push({ ...r, offset: text.length + Math.min(r.offset, t.length) });
    spans.push({ line: line.no, start: line.start, end });
    text += t;
    if (next !== undefined && !hyphen) text += ' ';
  });
  return { text, refs, spans };
}
