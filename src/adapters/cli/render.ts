/**
 * @module adapters/cli/render
 * Pure functions `Answer → terminal text`. A quote is wrapped at its own spaces only, so its words
 * reach the reader exactly as the core verified them; context and footnotes are shortened to fit.
 * Colour is raw ANSI SGR codes, used only when the caller says so: `node:util`'s `styleText` in
 * Node 20 consults `NO_COLOR` itself, which would make these functions depend on the environment.
 */
import type { Answer, Quote } from '../../core/types.js';
import { answerNotes, MESSAGES } from '../shared/messages.js';

export interface RenderOptions {
  /** Emit ANSI colour codes. */
  color: boolean;
  /** Terminal width in columns (clamped to 30…200). */
  width: number;
  /** Number of the first quote (answers to `/more` continue the numbering). @defaultValue 1 */
  startIndex?: number;
}

/** Lines of context shown under a quote, at most. @defaultValue 2 */
export const CONTEXT_LINES = 2;

const SGR = { bold: [1, 22], dim: [2, 22], italic: [3, 23], cyan: [36, 39], yellow: [33, 39] } as const;
type Sgr = keyof typeof SGR;

function paint(color: boolean, styles: Sgr[], text: string): string {
  if (!color || !text) return text;
  const open = styles.map((s) => `\u001b[${SGR[s][0]}m`).join('');
  const close = [...styles].reverse().map((s) => `\u001b[${SGR[s][1]}m`).join('');
  return open + text + close;
}

/**
 * Make corpus text inert for a terminal: control characters (escape sequences, bells, carriage
 * returns) become U+FFFD; newlines and tabs stay. Printable characters are never touched.
 */
export function inert(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD');
}

/**
 * Wrap `text` to `width` columns by breaking only at its existing whitespace. Words are kept whole
 * (a word longer than the width gets a line of its own); a line break in the text stays a line break.
 * Whitespace inside a line is kept as written.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const hardLine of text.split(/\r?\n/)) {
    const tokens = hardLine.match(/\S+|\s+/g) ?? [''];
    let line = '';
    let pendingSpace = '';
    for (const token of tokens) {
      if (/^\s/.test(token)) {
        pendingSpace = line ? token : '';
        continue;
      }
      if (line && line.length + pendingSpace.length + token.length > width) {
        lines.push(line);
        line = token;
      } else {
        line += pendingSpace + token;
      }
      pendingSpace = '';
    }
    lines.push(line);
  }
  return lines;
}

/** Collapse whitespace runs to single spaces (context only: never applied to a quote). */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters of `text`, cut at a word boundary, with `…` where text was dropped. */
function head(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

function tail(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(text.length - Math.max(0, max - 1));
  const space = cut.indexOf(' ');
  return '…' + (space >= 0 && space < max / 2 ? cut.slice(space + 1) : cut).trimStart();
}

/** Where the quote sits in its passage: its recorded span, else the first occurrence, else nowhere. */
function locate(q: Quote): { before: string; after: string } | null {
  if (q.passage.slice(q.start, q.end) === q.text) {
    return { before: q.passage.slice(0, q.start), after: q.passage.slice(q.end) };
  }
  const at = q.passage.indexOf(q.text);
  return at < 0 ? null : { before: q.passage.slice(0, at), after: q.passage.slice(at + q.text.length) };
}

/**
 * The passage around a quote in at most `budget` characters: the text before it, the quote (or
 * `[…]` when the quote is long), the text after it, elided with `…`. Empty when the quote is the
 * whole passage.
 */
export function contextOf(q: Quote, budget: number): string {
  const where = locate(q);
  if (!where) return head(flat(q.passage), budget);
  const before = flat(where.before);
  const after = flat(where.after);
  if (!before && !after) return '';
  const quote = flat(q.text);
  const middle = quote.length <= budget / 3 ? quote : '[…]';
  const room = Math.max(10, budget - middle.length - 2);
  let left = Math.min(before.length, Math.ceil(room / 2));
  const right = Math.min(after.length, room - left);
  left = Math.min(before.length, room - right);
  return [tail(before, left), middle, head(after, right)].filter(Boolean).join(' ');
}

function clampWidth(width: number): number {
  return Math.min(200, Math.max(30, Math.floor(Number.isFinite(width) ? width : 80)));
}

/** The context of a quote as at most {@link CONTEXT_LINES} lines of `width` (word wrapping can cost a line, so shrink until it fits). */
function contextLines(q: Quote, width: number): string[] {
  for (let budget = CONTEXT_LINES * width - 'context: '.length; budget > 20; budget -= Math.ceil(width / 4)) {
    const context = contextOf(q, budget);
    if (!context) return [];
    const lines = wrap(`context: ${context}`, width);
    if (lines.length <= CONTEXT_LINES) return lines;
  }
  return [];
}

function renderQuote(q: Quote, n: number, color: boolean, width: number): string[] {
  const label = `${n}. `;
  const indent = ' '.repeat(label.length);
  const text = wrap(inert(q.text), width - indent.length - 2); // room for the quotation marks
  const out = text.map((line, i) => {
    const open = i === 0 ? '“' : ' ';
    const close = i === text.length - 1 ? '”' : '';
    return (i === 0 ? paint(color, ['bold'], label) : indent) + open + paint(color, ['italic'], line) + close;
  });
  // the year sits beside the locator, so quotes from documents that disagree (dates, counts) show their dates
  const dated = q.document.year ? `${q.citation.short} (${q.document.year})` : q.citation.short;
  for (const line of wrap(`— ${flat(inert(dated))}`, width - indent.length)) out.push(indent + paint(color, ['cyan'], line));
  for (const line of contextLines({ ...q, passage: inert(q.passage), text: inert(q.text) }, width - indent.length)) {
    out.push(indent + paint(color, ['dim'], line));
  }
  for (const f of q.footnotes) {
    if (q.kind === 'footnote' && f.n === q.note) continue; // the quote is this note
    const prefix = `n ${f.n}: `;
    out.push(indent + paint(color, ['dim'], prefix + head(flat(inert(f.text)), width - indent.length - prefix.length)));
  }
  return out;
}

function renderQuotes(quotes: Quote[], start: number, color: boolean, width: number): string[] {
  const out: string[] = [];
  quotes.forEach((q, i) => {
    if (i > 0) out.push('');
    out.push(...renderQuote(q, start + i, color, width));
  });
  return out;
}

/**
 * Render an answer for the terminal. Answered: the machine-written summary (if any, labelled as
 * such), then numbered quotes, each with its short citation, a context line and its footnotes.
 * Not found: the plain statement, then the closest matches under their warning label.
 */
export function renderAnswer(answer: Answer, options: RenderOptions): string {
  const width = clampWidth(options.width);
  const color = options.color;
  const start = options.startIndex ?? 1;
  const out: string[] = [];
  if (answer.status === 'not_found') {
    out.push(paint(color, ['bold'], MESSAGES.notFound));
    if (answer.closest.length) {
      out.push('', paint(color, ['yellow'], MESSAGES.closestLabel), '');
      out.push(...renderQuotes(answer.closest, start, color, width));
    }
    return out.join('\n') + '\n';
  }
  if (answer.summary?.text) {
    out.push(paint(color, ['yellow'], MESSAGES.machineWritten));
    out.push(...wrap(inert(answer.summary.text), width), '');
  }
  const notes = answerNotes(answer, '/more');
  for (const note of notes) out.push(...wrap(paint(color, ['yellow'], note), width));
  if (notes.length) out.push('');
  out.push(...renderQuotes(answer.quotes, start, color, width));
  return out.join('\n') + '\n';
}

/**
 * The full reference of one quote with the quote itself, ready to paste: the quote in the style's
 * quotation marks (single for OSCOLA, double otherwise) on one line, the reference on the next.
 */
export function renderCitation(quote: Quote, options: { color?: boolean } = {}): string {
  const [open, close] = quote.citation.style === 'oscola' ? ['‘', '’'] : ['“', '”'];
  const color = options.color ?? false;
  return `${open}${inert(quote.text)}${close}\n${paint(color, ['bold'], inert(quote.citation.full))}\n`;
}

/** Preferred width for answers on a terminal of `columns` (0 or unknown → 80); long lines read badly, so at most 100. */
export function terminalWidth(columns: number | undefined): number {
  return Math.min(columns || 80, 100);
}

/** True when `stream` is a terminal that takes colour (Node's check honours NO_COLOR, FORCE_COLOR and TERM=dumb). */
export function colorEnabled(stream: { isTTY?: boolean; hasColors?: (count?: number) => boolean }): boolean {
  return stream.isTTY === true && typeof stream.hasColors === 'function' && stream.hasColors();
}
