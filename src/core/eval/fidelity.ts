/**
 * @module core/eval/fidelity
 * Is a shown quote verbatim from its source file? The README's test: after reducing both texts to their
 * lowercase letters and digits, the quote must split into at most 3 pieces that occur in the file in order.
 * The pieces absorb what cleaning legitimately removes between words: footnote markers, the footnotes
 * printed between the two halves of a paragraph broken across a page, and the hyphen of a split word.
 */

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/** Lowercase letters and digits only (NFC first, so accents compare equal however they were encoded). */
export function lettersAndDigits(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
}

/**
 * True when the quote is found in the source as at most 3 in-order, non-overlapping pieces of its letters
 * and digits. Both arguments are raw texts; pass {@link lettersAndDigits} of the source as `normalisedSource`
 * to normalise a file once for many quotes. A quote with no letters or digits is not faithful (nothing to verify).
 *
 * Exact, not greedy (greedy longest-prefix matching can take a long prefix that occurs only late in the file
 * and miss a valid split). Write q for the quote, n for the source, and use two monotone tables:
 * - `prefixEnd[a]`: the earliest end of an occurrence of `q[0:a]` (earliest start + a). It never decreases with
 *   `a`, so each entry is one `indexOf` resumed from the previous start.
 * - `suffixStart[b]`: the latest start of an occurrence of `q[b:]`, filled right to left with `lastIndexOf`.
 *
 * Then: 1 piece ⇔ `n.includes(q)`; 2 pieces ⇔ some `a` has `prefixEnd[a] <= suffixStart[a]`; 3 pieces ⇔ some
 * `a < b` has an occurrence of the middle `q[a:b]` starting at or after `prefixEnd[a]` and ending at or before
 * `suffixStart[b]`. Taking the earliest such occurrence (`indexOf` from `prefixEnd[a]`) is enough, since it also
 * ends earliest. For each `a` one `indexOf` of `q[a:b0]` (b0 = the first `b` whose suffix occurs) rules most `a`
 * out; otherwise `b` grows from b0 while the middle still occurs, resuming each search from the last hit.
 * Faithful quotes finish in a few linear scans; an unfaithful one costs at most |q| scans of the file.
 */
export function isFaithful(quote: string, normalisedSource: string): boolean {
  const q = lettersAndDigits(quote);
  const n = normalisedSource;
  const m = q.length;
  if (m === 0) return false;
  if (n.includes(q)) return true;

  const prefixEnd: number[] = [0];
  for (let a = 1, start = 0; a < m; a++) {
    start = n.indexOf(q.slice(0, a), start);
    if (start < 0) break;
    prefixEnd[a] = start + a;
  }
  const longestPrefix = prefixEnd.length - 1;
  if (longestPrefix === 0) return false;

  const suffixStart: number[] = new Array<number>(m + 1).fill(-1);
  suffixStart[m] = n.length;
  let firstSuffix = m;
  for (let b = m - 1, from = n.length; b > 0; b--) {
    const at = n.lastIndexOf(q.slice(b), from);
    if (at < 0) break;
    suffixStart[b] = at;
    firstSuffix = b;
    from = at - 1;
    if (from < 0) break;
  }
  if (firstSuffix === m) return false;

  for (let a = Math.max(1, firstSuffix); a <= longestPrefix; a++) {
    if (prefixEnd[a]! <= suffixStart[a]!) return true;
  }
  for (let a = longestPrefix; a >= 1; a--) {
    const from = prefixEnd[a]!;
    const b0 = Math.max(a + 1, firstSuffix);
    if (b0 >= m) continue;
    let at = n.indexOf(q.slice(a, b0), from);
    for (let b = b0; b < m && at >= 0; b++) {
      if (b > b0) at = n.indexOf(q.slice(a, b), at);
      if (at >= 0 && at + (b - a) <= suffixStart[b]!) return true;
    }
  }
  return false;
}
