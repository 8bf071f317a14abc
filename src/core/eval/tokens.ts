/**
 * @module core/eval/tokens
 * The scoring tokeniser of `/work/shared/eval/README.md` and the longest common contiguous run
 * of two token lists, which every hit metric is built on.
 */

/** `<sup>…</sup>` markup and Unicode superscript digits: footnote markers in the corpus files. */
const FOOTNOTE_MARKER = /<sup>[\s\S]*?<\/sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+/giu;
const CURLY_SINGLE = /[‘’‚‛′]/gu;
const CURLY_DOUBLE = /[“”„‟″]/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/u;

/**
 * Scoring tokens: lowercase, footnote markers (`<sup>…</sup>`, superscript digits) removed, curly quotes
 * straightened, split on anything that is not a letter or digit (Unicode-aware). Empty tokens are dropped.
 *
 * Two choices the README leaves open: text is NFC-normalised first (so a decomposed `é` is one letter, not
 * `e` plus a separator), and a removed marker becomes a space (so `law¹and`, a conversion artefact, still
 * yields `law`, `and`).
 */
export function scoreTokens(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(FOOTNOTE_MARKER, ' ')
    .replace(CURLY_SINGLE, "'")
    .replace(CURLY_DOUBLE, '"')
    .toLowerCase()
    .split(NOT_LETTER_OR_DIGIT)
    .filter((t) => t.length > 0);
}

/** Length of the longest run of consecutive tokens that occurs in both lists (classic DP, one row). */
export function longestCommonRun(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  let best = 0;
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const v = ai === b[j - 1] ? prev[j - 1]! + 1 : 0;
      cur[j] = v;
      if (v > best) best = v;
    }
    [prev, cur] = [cur, prev];
  }
  return best;
}
