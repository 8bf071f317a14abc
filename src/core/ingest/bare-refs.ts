/**
 * @module core/ingest/bare-refs
 * Footnote references that lost their superscript in conversion survive as bare numbers
 * (`oversight. 11`, `Migration,107 and`). Accept a number only where its shape and the running
 * note sequence both say it is a reference; remove it (with the space before it) and record it.
 */
import type { Block } from '../types.js';

const CANDIDATE = /(?<!\d)(?<!\d[.,])(\d{1,3})(?=\s|$)/g;

/** Detect bare references in reading order, mutating block text and refs. */
export function applyBareReferences(blocks: Block[], noteCount: number, initialRefs: number[]): void {
  if (noteCount === 0) return;
  let lastRef = initialRefs.length ? Math.max(...initialRefs) : 0;
  for (const b of blocks) {
    if (b.kind === 'heading' || b.kind === 'table') continue;
    const refs = [...(b.refs ?? [])].sort((x, y) => x.offset - y.offset);
    const accepted: { start: number; end: number; n: number }[] = [];
    let ri = 0;
    for (const m of b.text.matchAll(CANDIDATE)) {
      const pos = m.index!;
      while (ri < refs.length && refs[ri]!.offset <= pos) lastRef = Math.max(lastRef, refs[ri++]!.n);
      const n = Number(m[1]);
      if (!(n > lastRef && n <= lastRef + 8 && n <= noteCount)) continue;
      const before = b.text.slice(0, pos);
      const after = b.text.slice(pos + m[1]!.length);
      const punctBefore = /[.,;:"”')\]]["”]? ?$/.test(before);
      const wordBefore = /\p{L} $/u.test(before);
      if (!punctBefore && !wordBefore) continue;
      const glued = /["”')\]]$/.test(before);
      const commaBefore = /[,;] ?["”]? ?$/.test(before);
      const ok =
        after === '' ||
        /^\s+["“‘'\p{Lu}]/u.test(after) ||
        (/^\s+\p{Ll}/u.test(after) && (commaBefore || glued));
      if (!ok) continue;
      accepted.push({ start: before.endsWith(' ') ? pos - 1 : pos, end: pos + m[1]!.length, n });
      lastRef = n;
    }
    while (ri < refs.length) lastRef = Math.max(lastRef, refs[ri++]!.n);
    if (!accepted.length) continue;
    // remove from the end so earlier offsets stay valid
    let text = b.text;
    const newRefs = [...(b.refs ?? [])];
    for (const a of [...accepted].reverse()) {
      const cut = a.end - a.start;
      text = text.slice(0, a.start) + text.slice(a.end);
      for (const r of newRefs) if (r.offset > a.start) r.offset -= cut;
      if (b.joins) b.joins = b.joins.map((j) => (j > a.start ? j - cut : j));
      newRefs.push({ n: a.n, offset: a.start, form: 'bare' });
    }
    b.text = text;
    b.refs = newRefs.sort((x, y) => x.offset - y.offset);
  }
}
