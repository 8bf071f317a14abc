/**
 * Maps a passage's text back to the source lines it was built from and reports every stretch of those lines
 * that the passage left out and that is not allowed to go: the rule of the eval README ("fidelity"), written
 * independently of the parser. Markup (`<sup>…</sup>`, tags, entities, LaTeX commands, escapes, emphasis) and
 * superscript digits may go anywhere. Inside a line, a bare number may go only when the passage records it as
 * a bare footnote reference and it is not part of a date or an amount (beside a month name, `%`, `per cent` or
 * a unit, or after a currency sign). A footnote line may lose the note's own number at its start. A whole line
 * may go only when it is page furniture (`(continued)`, `Table N (cont.)`). Anything else is a dropped word.
 */

export interface PassageUnderTest {
  text: string;
  kind: 'body' | 'footnote';
  note?: number | '*';
  refs: { n: number; form: string }[];
}

/** What a run may be excused by: the note's own number at a line start, the passage's unused bare references. */
interface Judge {
  kind: PassageUnderTest['kind'];
  note?: number | '*';
  bare: number[];
}

interface SourceChar {
  ch: string;
  at: number;
  line: number;
}

const SUPERSCRIPT = /[\u00b9\u00b2\u00b3\u2070-\u209f]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Markup whose letters are never words: checked in this order at each position. */
const MARKUP = [/^<sup>&<\/sup>[a-z#0-9]+;/i, /^<sup>[\s\S]*?<\/sup>/i, /^<\/?[a-z]+>/i, /^&[a-z#0-9]+;/i, /^\\[a-z]+/i];
const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)';
const UNIT = '(%|per ?cent\\b|percent\\b|years?\\b|months?\\b|weeks?\\b|days?\\b|hours?\\b|km\\b|kg\\b|miles?\\b|tonnes?\\b|million\\b|billion\\b|thousand\\b|dollars?\\b|euros?\\b|usd\\b|eur\\b)';
const FIGURE_AFTER = new RegExp(`^\\s*(${MONTH}\\b|${UNIT})`, 'i');
const FIGURE_BEFORE = new RegExp(`(\\b${MONTH}\\.?|[$€£]|\\b(usd|eur|chf|gbp))\\s*$`, 'i');
const FURNITURE = /^\s*(\(continued\)|Table\s+\d+(\.\d+)*\s*\(\*?cont\.?\*?\))\s*$/i;

/** Lowercase letters and digits of `raw` between `from` and `to`, each with its offset; markup skipped. */
function projectSource(raw: string, from: number, to: number, line: number): SourceChar[] {
  const out: SourceChar[] = [];
  for (let i = from; i < to; i++) {
    const rest = raw.slice(i, Math.min(to, i + 400));
    const markup = MARKUP.map((re) => rest.match(re)).find((m) => m !== null);
    if (markup) {
      i += markup[0].length - 1;
      continue;
    }
    const ch = raw[i]!;
    if (SUPERSCRIPT.test(ch)) continue;
    const lc = ch.toLowerCase();
    if (lc.length === 1 && WORD_CHAR.test(lc)) out.push({ ch: lc, at: i, line });
  }
  return out;
}

function projectPassage(text: string): string {
  return [...text.toLowerCase()].filter((c) => WORD_CHAR.test(c) && !SUPERSCRIPT.test(c)).join('');
}

/** Line number → [start, end) offsets of the line in `source` (1-based line numbers). */
export function lineTable(source: string): [number, number][] {
  const table: [number, number][] = [[0, 0]];
  let start = 0;
  for (const line of source.split('\n')) {
    table.push([start, start + line.length]);
    start += line.length + 1;
  }
  return table;
}

/**
 * Aligns the passage's letters and digits with those of its source lines (in the order given) and returns one
 * message per stretch the passage dropped without leave; an empty list means the passage is faithful.
 */
export function unexplainedRemovals(source: string, lines: [number, number][], lineNos: number[], passage: PassageUnderTest): string[] {
  const chars = lineNos.flatMap((no) => projectSource(source, lines[no]![0], lines[no]![1], no));
  const p = projectPassage(passage.text);
  const matched = new Array<boolean>(chars.length).fill(false);
  let j = 0;
  for (let i = 0; i < p.length; i++) {
    if (j < chars.length && chars[j]!.ch === p[i]) {
      matched[j++] = true;
      continue;
    }
    const skip = skipTo(chars, j, p, i);
    if (skip < 0) return [`passage text from ${JSON.stringify(p.slice(i, i + 40))} is not in its source lines ${lineNos.join(',')}`];
    j += skip;
    matched[j++] = true;
  }
  const judge: Judge = { kind: passage.kind, note: passage.note, bare: passage.refs.filter((r) => r.form === 'bare').map((r) => r.n) };
  return lineNos.flatMap((no) => lineProblems(source, lines[no]!, no, chars, matched, judge));
}

/** The smallest number of source characters to skip so that the next stretch of the passage matches. */
function skipTo(chars: SourceChar[], j: number, p: string, i: number): number {
  const want = p.slice(i, i + 12);
  for (let k = 1; j + k + want.length <= chars.length; k++) {
    let ok = true;
    for (let t = 0; t < want.length && ok; t++) ok = chars[j + k + t]!.ch === want[t];
    if (ok) return k;
  }
  return -1;
}

/** Runs of unmatched characters on one line, each judged by the README rule. */
function lineProblems(source: string, [start, end]: [number, number], no: number, chars: SourceChar[], matched: boolean[], judge: Judge): string[] {
  const idx = chars.map((c, k) => k).filter((k) => chars[k]!.line === no);
  if (idx.length === 0) return [];
  if (idx.every((k) => !matched[k])) {
    return FURNITURE.test(source.slice(start, end)) ? [] : [`line ${no}: drops the whole line ${JSON.stringify(source.slice(start, start + 60))}`];
  }
  const problems: string[] = [];
  let k = 0;
  while (k < idx.length) {
    if (matched[idx[k]!]) {
      k++;
      continue;
    }
    let e = k;
    while (e + 1 < idx.length && !matched[idx[e + 1]!]) e++;
    const from = chars[idx[k]!]!.at;
    const to = chars[idx[e]!]!.at + 1;
    const problem = runProblem(source, from, to, k === 0, judge);
    if (problem) problems.push(`line ${no}: ${problem}`);
    k = e + 1;
  }
  return problems;
}

function runProblem(source: string, from: number, to: number, atLineStart: boolean, judge: Judge): string | null {
  const dropped = source.slice(from, to);
  const digits = dropped.replace(/<sup>[\s\S]*?<\/sup>/gi, '').replace(/[^\p{L}\p{N}]/gu, '');
  if (!/^\d{1,4}$/.test(digits)) return `drops words ${JSON.stringify(dropped.slice(0, 60))}`;
  const n = Number(digits);
  if (atLineStart && judge.kind === 'footnote' && judge.note === n) return null;
  if (FIGURE_AFTER.test(source.slice(to, to + 20)) || FIGURE_BEFORE.test(source.slice(Math.max(0, from - 20), from))) {
    return `drops the figure ${n} of a date or amount: ${JSON.stringify(source.slice(Math.max(0, from - 30), to + 30))}`;
  }
  const ref = judge.bare.indexOf(n);
  if (ref < 0) return `drops the number ${n}, which is not a footnote reference of the passage`;
  judge.bare.splice(ref, 1);
  return null;
}
