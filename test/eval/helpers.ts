/**
 * Builders for the eval tests: quotes and answers shaped like the core's, with only the fields scoring reads
 * varying.
 */
import type { Answer, Quote } from '../../src/core/types.js';
import type { EvalItem } from '../../src/core/eval/metrics.js';

/** `n` distinct words: "w0 w1 … w(n-1)" offset by `from`. */
export function words(n: number, from = 0, prefix = 'w'): string {
  return Array.from({ length: n }, (_, i) => `${prefix}${from + i}`).join(' ');
}

let seq = 0;

/** A quote whose text is `text` inside `passage` (the passage defaults to the text). */
export function quote(text: string, passage = text, file = 'doc.txt'): Quote {
  const start = Math.max(0, passage.indexOf(text));
  const id = `p${++seq}`;
  return {
    id: `${id}:${start}-${start + text.length}`,
    text,
    passage,
    passageId: id,
    start,
    end: start + text.length,
    document: { file: `corpus/${file}`, title: 'A Document', authors: ['A. Author'] },
    section: [],
    paragraph: 1,
    page: null,
    footnotes: [],
    kind: 'body',
    citation: { short: 'Author, ¶ 1', full: 'Author, A Document', style: 'oscola' },
    score: 1,
  };
}

export function answered(quotes: Quote[], ms = 100, question = 'q?'): Answer {
  return { question, status: 'answered', ms, quotes, closest: [] };
}

export function notFound(closest: Quote[] = [], ms = 100, question = 'q?'): Answer {
  return { question, status: 'not_found', ms, quotes: [], closest };
}

export function item(id: string, kind: string, gold: string[], file = 'doc.txt'): EvalItem {
  return { id, question: `question ${id}?`, kind, answerable: gold.length > 0, gold: gold.map((q) => ({ file, quote: q })) };
}
