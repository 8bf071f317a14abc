/**
 * @module core/ingest/html-blocks
 * The HTML block walker shared by the HTML and DOCX parsers: turns a DOM (htmlparser2) into headings,
 * paragraphs, block quotes, list items and tables; removes `<sup>` footnote markers from the text and
 * records them; collects footnote bodies from the usual patterns (`section.footnotes`, `ol.footnotes`,
 * `li[id^=fn]`, `aside`, ids starting with `footnote`); skips scripts, styles and page chrome.
 */
import { parseDocument } from 'htmlparser2';
import type { DocumentFormat, FootnoteRef, ParsedDocument, SourceSpan } from '../types.js';
import { DocumentBuilder, lineStartsOf, mergeSpans, spansFor } from './document-builder.js';
import { findAll, findText, isElement, readHead, textOf, type ChildNode, type Element } from './html-dom.js';

/** Options for {@link parseHtmlBlocks}. */
export interface HtmlBlockOptions {
  format: DocumentFormat;
  /** Title known from elsewhere (e.g. DOCX core properties); wins over what the markup says. */
  title?: string;
  /** Authors known from elsewhere; win over `<meta>` authors when non-empty. */
  authors?: string[];
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'nav', 'svg', 'button', 'iframe', 'object', 'select', 'head', 'canvas', 'menu']);
const SKIP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'menu', 'menubar']);
const HEADING = /^h([1-6])$/;
const INLINE_BREAKS = new Set(['br', 'p', 'div', 'li', 'tr', 'td', 'th', 'dd', 'dt', 'blockquote', 'section', 'ol', 'ul']);
// `fn1`, `fn:1`, `footnote-1` (mammoth), `endnote-1`, `cite_note-1` (MediaWiki)
const NOTE_ID = /(?:^|[-_])(?:fn|footnote|endnote|note)[-_:]?(\d+)$/i;
const NOTE_HREF = /#(?:[\w-]*[-_])?(?:fn|footnote|endnote|note)[-_:]?(\d+)$/i;
const BACKLINK_HREF = /#(?:fnref|footnote-ref|endnote-ref|ref-fn|noteref)[-_:]?\d*/i;
const MARKER = /^\s*\[?\s*(\d{1,4})\s*\]?\s*$/;

interface Inline {
  text: string;
  refs: FootnoteRef[];
  ranges: [number, number][];
}

/** Parses an HTML string (decoded source) into a ParsedDocument. Never reads the file system. */
export function parseHtmlBlocks(html: string, file: string, opts: HtmlBlockOptions): ParsedDocument {
  const dom = parseDocument(html, { withStartIndices: true, withEndIndices: true, decodeEntities: true });
  const walker = new Walker(html, file);
  const head = readHead(dom.children);
  walker.blocks(dom.children, false, false);
  const b = walker.builder;
  const title = opts.title || head.title || b.firstHeading(1) || b.firstHeading() || '';
  const authors = opts.authors && opts.authors.length > 0 ? opts.authors : head.authors;
  return b.build({ file, format: opts.format, title, authors });
}

class Walker {
  readonly builder: DocumentBuilder;
  private readonly lineStarts: number[];

  constructor(private readonly source: string, file: string) {
    this.builder = new DocumentBuilder(file);
    this.lineStarts = lineStartsOf(source);
  }

  /** Walks block-level content; loose inline runs become paragraphs (or block quotes inside `<blockquote>`). */
  blocks(nodes: ChildNode[], quote: boolean, inArticle: boolean): void {
    let run: ChildNode[] = [];
    const flush = (): void => {
      if (run.length > 0) this.emit(quote ? 'block_quote' : 'paragraph', this.inline(run));
      run = [];
    };
    for (const node of nodes) {
      if (!isElement(node)) {
        if (node.type === 'text') run.push(node);
        continue;
      }
      const name = node.name.toLowerCase();
      if (isInlineElement(name)) {
        if (!skipped(node, inArticle)) run.push(node);
        continue;
      }
      flush();
      if (skipped(node, inArticle)) continue;
      if (isNoteContainer(node)) this.noteContainer(node);
      else if (noteNumber(node) !== undefined) this.note(node, noteNumber(node)!);
      else if (HEADING.test(name)) this.heading(node, Number(HEADING.exec(name)![1]));
      else if (name === 'p') this.emit(quote ? 'block_quote' : 'paragraph', this.inline(node.children));
      else if (name === 'blockquote') this.blocks(node.children, true, inArticle);
      else if (name === 'ul' || name === 'ol') this.list(node, inArticle);
      else if (name === 'li') this.listItem(node, inArticle);
      else if (name === 'table') this.table(node);
      else if (name === 'pre') this.pre(node);
      else if (name !== 'hr' && name !== 'title' && name !== 'meta' && name !== 'link') {
        this.blocks(node.children, quote, inArticle || name === 'article' || name === 'main');
      }
    }
    flush();
  }

  private heading(el: Element, level: number): void {
    const inl = this.inline(el.children);
    const text = inl.text;
    if (text === '') return;
    this.builder.heading(text, level, this.spans(inl.ranges));
    this.builder.headingRefs(inl.refs);
  }

  private list(el: Element, inArticle: boolean): void {
    for (const child of el.children) {
      if (!isElement(child)) continue;
      if (child.name === 'li' && noteNumber(child) !== undefined) this.note(child, noteNumber(child)!);
      else if (child.name === 'li') this.listItem(child, inArticle);
      else this.blocks([child], false, inArticle);
    }
  }

  private listItem(li: Element, inArticle: boolean): void {
    const own = li.children.filter((c) => !(isElement(c) && (c.name === 'ul' || c.name === 'ol')));
    this.emit('list_item', this.inline(own));
    for (const c of li.children) if (isElement(c) && (c.name === 'ul' || c.name === 'ol')) this.list(c, inArticle);
  }

  private table(el: Element): void {
    const rows: string[] = [];
    const refs: FootnoteRef[] = [];
    const ranges: [number, number][] = [];
    for (const tr of findAll(el, (n) => n.name === 'tr')) {
      const cells: string[] = [];
      let offset = rows.length > 0 ? rows.join('\n').length + 1 : 0;
      for (const cell of tr.children) {
        if (!isElement(cell) || (cell.name !== 'td' && cell.name !== 'th')) continue;
        const inl = this.inline(cell.children);
        for (const r of inl.refs) refs.push({ ...r, offset: r.offset + offset });
        ranges.push(...inl.ranges);
        cells.push(inl.text);
        offset += inl.text.length + 1;
      }
      if (cells.some((c) => c !== '')) rows.push(cells.join('\t'));
    }
    const text = rows.join('\n');
    if (text.trim() !== '') this.builder.block({ kind: 'table', text, refs, spans: this.spans(ranges) });
  }

  private pre(el: Element): void {
    const texts = findText(el.children);
    const text = texts.map((t) => t.data).join('').replace(/^\n|\n$/g, '');
    const ranges = texts.map((t) => [t.startIndex ?? 0, (t.endIndex ?? 0) + 1] as [number, number]);
    this.builder.block({ kind: 'paragraph', text, spans: this.spans(ranges), flags: ['code'] });
  }

  private noteContainer(el: Element): void {
    const items = findAll(el, (n) => n.name === 'li');
    if (items.length === 0) {
      const numbered = findAll(el, (n) => noteNumber(n) !== undefined);
      if (numbered.length > 0) for (const n of numbered) this.note(n, noteNumber(n)!);
      else this.looseNote(el);
      return;
    }
    let ordinal = Number(el.attribs.start ?? findAll(el, (n) => n.name === 'ol')[0]?.attribs.start ?? 1) || 1;
    for (const li of items) {
      this.note(li, noteNumber(li) ?? ordinal);
      ordinal += 1;
    }
  }

  /** An aside without list items: one note whose number is its leading marker. */
  private looseNote(el: Element): void {
    const inl = this.inline(el.children, true);
    const lead = /^\s*\[?(\d{1,4})\]?[.)]?\s+/.exec(inl.text);
    if (lead) this.builder.footnote({ n: Number(lead[1]), text: inl.text.slice(lead[0].length), spans: this.spans(inl.ranges) });
    else if (inl.refs.length > 0) this.builder.footnote({ n: inl.refs[0]!.n, text: inl.text, spans: this.spans(inl.ranges) });
    else if (inl.text !== '') this.emit('paragraph', inl);
  }

  private note(el: Element, n: number): void {
    const inl = this.inline(el.children, true);
    const lead = new RegExp(`^\\s*\\[?${n}\\]?[.)]?\\s+`).exec(inl.text);
    const text = lead ? inl.text.slice(lead[0].length) : inl.text;
    this.builder.footnote({ n, text, spans: this.spans(inl.ranges) });
  }

  private emit(kind: 'paragraph' | 'block_quote' | 'list_item', inl: Inline): void {
    if (inl.text === '') return;
    this.builder.block({ kind, text: inl.text, refs: inl.refs, spans: this.spans(inl.ranges) });
  }

  /**
   * Flattens inline content: whitespace collapsed (HTML treats it as insignificant), footnote markers
   * removed and recorded. Inside a note body (`inNote`), markers and back-links are dropped.
   */
  private inline(nodes: ChildNode[], inNote = false): Inline {
    const out: Inline = { text: '', refs: [], ranges: [] };
    const add = (s: string): void => {
      const collapsed = s.replace(/[ \t\n\r\f]+/g, ' ');
      out.text += out.text.endsWith(' ') || out.text === '' ? collapsed.replace(/^ /, '') : collapsed;
    };
    const visit = (node: ChildNode): void => {
      if (node.type === 'text') {
        add((node as unknown as { data: string }).data);
        if (node.startIndex !== null && node.endIndex !== null) out.ranges.push([node.startIndex, node.endIndex + 1]);
        return;
      }
      if (!isElement(node) || skipped(node, true)) return;
      const name = node.name.toLowerCase();
      if (isBacklink(node)) return;
      const marker = footnoteMarker(node);
      if (marker !== undefined) {
        if (!inNote) out.refs.push({ n: marker, offset: out.text.length, form: 'sup' });
        return;
      }
      if (INLINE_BREAKS.has(name) && !out.text.endsWith(' ')) add(' ');
      for (const c of node.children) visit(c);
      if (INLINE_BREAKS.has(name) && name !== 'br' && !out.text.endsWith(' ')) add(' ');
    };
    for (const n of nodes) visit(n);
    return trimInline(out);
  }

  private spans(ranges: [number, number][]): SourceSpan[] {
    return mergeSpans(ranges.flatMap(([s, e]) => spansFor(this.source, this.lineStarts, s, e)));
  }
}

function trimInline(inl: Inline): Inline {
  const lead = inl.text.length - inl.text.trimStart().length;
  const text = inl.text.trim();
  const refs = inl.refs.map((r) => ({ ...r, offset: Math.min(Math.max(0, r.offset - lead), text.length) }));
  return { text, refs, ranges: inl.ranges };
}

/** The footnote number a `<sup>` or note link stands for, when the element is a footnote marker. */
function footnoteMarker(el: Element): number | undefined {
  const name = el.name.toLowerCase();
  const text = textOf(el);
  if (name === 'a') {
    const href = NOTE_HREF.exec(el.attribs.href ?? '');
    const m = MARKER.exec(text);
    if (href && m) return Number(m[1]);
    if (href && /doc-noteref|footnote-ref/.test(`${el.attribs.role ?? ''} ${el.attribs.class ?? ''}`)) return Number(href[1]);
    return undefined;
  }
  if (name !== 'sup') return undefined;
  const m = MARKER.exec(text);
  return m ? Number(m[1]) : undefined;
}

function isBacklink(el: Element): boolean {
  if (el.name.toLowerCase() !== 'a') return false;
  const href = el.attribs.href ?? '';
  return BACKLINK_HREF.test(href) || (href.startsWith('#') && /^\s*[↑↩⤴^]\uFE0E?\s*$/u.test(textOf(el)));
}

function noteNumber(el: Element): number | undefined {
  const m = NOTE_ID.exec(el.attribs.id ?? '');
  return m ? Number(m[1]) : undefined;
}

function isNoteContainer(el: Element): boolean {
  const name = el.name.toLowerCase();
  const cls = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''} ${el.attribs.role ?? ''}`.toLowerCase();
  if (/\b(footnotes|endnotes|doc-endnotes|doc-footnotes)\b/.test(cls)) return true;
  if (name === 'aside' && /note/.test(cls)) return true;
  if (name === 'aside' && /^\s*\[?\d{1,4}\]?[.)]?\s/.test(textOf(el))) return true;
  if (name === 'ol') {
    const items = el.children.filter((c): c is Element => isElement(c) && c.name === 'li');
    return items.length > 0 && items.every((li) => noteNumber(li) !== undefined);
  }
  return false;
}

function skipped(el: Element, inArticle: boolean): boolean {
  const name = el.name.toLowerCase();
  if (SKIP.has(name)) return true;
  if (el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true') return true;
  if (SKIP_ROLES.has((el.attribs.role ?? '').toLowerCase())) return true;
  return !inArticle && (name === 'header' || name === 'footer');
}

const INLINE_ELEMENTS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'q', 's',
  'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'br', 'wbr', 'img', 'label', 'tt', 'big', 'strike',
]);

function isInlineElement(name: string): boolean {
  return INLINE_ELEMENTS.has(name);
}
