/**
 * @module core/ingest/markdown-inline
 * Removes Markdown inline markup (emphasis, code ticks, links, escapes, simple inline HTML, entities)
 * and footnote markers from one block's text, never touching its wording. Reports where each
 * footnote marker stood in the cleaned text.
 */

/** A footnote marker found in inline text, by its label (`[^label]` or `<sup>N</sup>`). */
export interface InlineRef {
  label: string;
  offset: number;
  form: 'note' | 'sup';
}

/** Cleaned text and the footnote markers removed from it. */
export interface CleanInline {
  text: string;
  refs: InlineRef[];
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '\u2013', mdash: '\u2014',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', hellip: '\u2026', sect: '\u00a7',
};

// Alternatives are tried left to right at each position; the leftmost match wins.
const INLINE = new RegExp(
  [
    String.raw`\\([\\\x60*_{}\[\]()#+\-.!|>~<^"'])`, // 1: backslash escape
    String.raw`(\x60+)([^\x60][\s\S]*?)\2(?!\x60)`, // 2,3: code span
    String.raw`\[\^([^\]\s]+)\]`, // 4: footnote reference
    String.raw`!?\[((?:[^\]\\]|\\.)*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)`, // 5: link or image
    String.raw`<((?:https?|mailto):[^>\s]+)>`, // 6: autolink
    String.raw`<sup>\s*(\d{1,4})\s*</sup>`, // 7: numeric superscript = footnote marker
    String.raw`</?(?:sup|sub|i|b|em|strong|span|u|small|a|mark|cite|abbr)(?:\s[^<>]*)?>`, // inline HTML tag
    String.raw`<br\s*/?>`, // line break tag
    String.raw`&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});`, // 8: entity
    String.raw`(\*\*|__)(?=\S)([\s\S]*?\S)\9`, // 9,10: strong
    String.raw`\*(?=[^\s*])([\s\S]*?[^\s*])\*`, // 11: emphasis with *
    String.raw`(?<![\p{L}\p{N}_])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\p{L}\p{N}_])`, // 12: emphasis with _
    String.raw`~~(?=\S)([\s\S]*?\S)~~`, // 13: strikethrough
  ].join('|'),
  'gu',
);

/** Cleans one block's inline Markdown. */
export function cleanInline(source: string): CleanInline {
  let text = '';
  const refs: InlineRef[] = [];
  let last = 0;
  const append = (inner: CleanInline): void => {
    for (const r of inner.refs) refs.push({ ...r, offset: r.offset + text.length });
    text += inner.text;
  };
  const re = new RegExp(INLINE); // own lastIndex: this function recurses
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    text += source.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] !== undefined) text += m[1];
    else if (m[3] !== undefined) text += m[3];
    else if (m[4] !== undefined) refs.push({ label: m[4], offset: text.length, form: 'note' });
    else if (m[5] !== undefined) append(cleanInline(m[5]));
    else if (m[6] !== undefined) text += m[6];
    else if (m[7] !== undefined) refs.push({ label: m[7], offset: text.length, form: 'sup' });
    else if (m[8] !== undefined) text += decodeEntity(m[8]) ?? m[0];
    else if (m[10] !== undefined) append(cleanInline(m[10]));
    else if (m[11] !== undefined) append(cleanInline(m[11]));
    else if (m[12] !== undefined) append(cleanInline(m[12]));
    else if (m[13] !== undefined) append(cleanInline(m[13]));
    else if (/^<br/i.test(m[0])) text += ' ';
    // any other match is an inline HTML tag: dropped
  }
  text += source.slice(last);
  return { text, refs };
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#x') || body.startsWith('#X')) return safeCodePoint(parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return safeCodePoint(parseInt(body.slice(1), 10));
  return ENTITIES[body];
}

function safeCodePoint(cp: number): string | undefined {
  return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
}
