/**
 * @module adapters/shared/clip
 * Shortening text for display (context, titles, footers, fallbacks): never used on a quote.
 */

export interface ClipOptions {
  /** Drop whitespace left just before the ellipsis (Discord). @defaultValue false */
  trimEnd?: boolean;
}

/**
 * Cut `text` to at most `max` characters, marking the cut with an ellipsis. Never cuts between the two
 * halves of a surrogate pair. With `max` ≤ 1 there is no room for text: the result is an ellipsis
 * alone, or the empty string with `trimEnd`.
 */
export function clip(text: string, max: number, options: ClipOptions = {}): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return options.trimEnd ? '' : '…';
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  const kept = text.slice(0, end);
  return (options.trimEnd ? kept.trimEnd() : kept) + '…';
}
