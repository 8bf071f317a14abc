/**
 * @module adapters/discord/render
 * Pure functions `Answer → Discord message payload`: one embed per quote (the verbatim quote as the
 * description, its short citation and where it sits as fields, the full reference as the footer), within
 * Discord's limits.
 * Context and footnotes are trimmed to fit; a quote never is — a quote too long for an embed is
 * attached whole as a text file. Every payload sets `allowedMentions: { parse: [] }`.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { Answer, Quote } from '../../core/types.js';
import { answerNotes, BUTTONS, MESSAGES } from '../shared/messages.js';
import { buttonId } from './custom-ids.js';
import { clip } from '../shared/clip.js';
import { codeBlockSafe, escapeText, inertText } from './escape.js';
import { LIMITS } from './limits.js';

/** A message body discord.js accepts for `reply`, `editReply`, `send` and `followUp`. */
export interface DiscordPayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: { parse: [] };
  files?: { name: string; attachment: Buffer }[];
}

/** A rendered answer and how many of its quotes it shows (the rest belong to "More passages"). */
export interface RenderedAnswer {
  payload: DiscordPayload;
  shown: number;
}

export interface RenderOptions {
  /** Answer-store key the buttons refer to. */
  key: string;
  /** `cite`: the single best quote with its full reference in a code block, ready to paste. @defaultValue 'ask' */
  mode?: 'ask' | 'cite';
  /** Quotes skipped before this page ("More passages"), when the answer does not say. @defaultValue 0 */
  offset?: number;
}

const COLOR_ANSWER = 0x5865f2;
const COLOR_CLOSEST = 0x99aab5;

/** A plain text reply (errors, notices); `text` is ours, so it is not escaped. */
export function renderText(text: string): DiscordPayload {
  return { content: clip(text, LIMITS.content, { trimEnd: true }), embeds: [], components: [], allowedMentions: { parse: [] } };
}

/** Render an answer: quotes when answered; the plain not-found sentence and labelled closest matches otherwise. */
export function renderAnswer(answer: Answer, options: RenderOptions): RenderedAnswer {
  const mode = options.mode ?? 'ask';
  if (answer.status === 'not_found') return renderNotFound(answer, options.key);
  const candidates = mode === 'cite' ? answer.quotes.slice(0, 1) : answer.quotes;
  // Numbered across pages: "More passages" continues from the last number shown.
  const first = (answer.offset ?? options.offset ?? 0) + 1;
  const { embeds, files, shown } = fitQuotes(candidates, COLOR_ANSWER, (i, q) => `${first + i} · ${q.document.title}`, first);
  const hasMore = mode === 'ask' && (Boolean(answer.more) || shown < answer.quotes.length);
  const content = mode === 'cite' ? citeContent(answer.quotes[0]) : summaryContent(answer);
  const buttons: APIButtonComponent[] = [];
  if (hasMore) buttons.push(button('more', options.key, BUTTONS.more, ButtonStyle.Primary));
  if (mode === 'ask') buttons.push(button('cite', options.key, BUTTONS.cite, ButtonStyle.Secondary));
  buttons.push(...feedbackButtons(options.key));
  return {
    payload: {
      ...(content ? { content } : {}),
      embeds,
      components: [row(buttons)],
      allowedMentions: { parse: [] },
      ...(files.length ? { files } : {}),
    },
    shown,
  };
}

/** The full references of an answer's quotes, numbered, in a code block (the Cite button). */
export function renderCitations(citations: readonly string[]): DiscordPayload {
  if (!citations.length) return renderText(MESSAGES.noMore);
  const lines: string[] = [];
  let used = '```\n```'.length;
  for (const [i, c] of citations.entries()) {
    const line = `${i + 1}. ${codeBlockSafe(c)}`;
    if (used + line.length + 1 > LIMITS.content) break;
    lines.push(line);
    used += line.length + 1;
  }
  return renderText('```\n' + lines.join('\n') + '\n```');
}

function renderNotFound(answer: Answer, key: string): RenderedAnswer {
  const { embeds, files } = fitQuotes(answer.closest, COLOR_CLOSEST, (i, q) => `Closest match ${i + 1}: ${q.document.title}`);
  const content = embeds.length ? `${MESSAGES.notFound}\n${MESSAGES.closestLabel}` : MESSAGES.notFound;
  return {
    payload: {
      content,
      embeds,
      components: [row(feedbackButtons(key))],
      allowedMentions: { parse: [] },
      ...(files.length ? { files } : {}),
    },
    shown: 0,
  };
}

function summaryContent(answer: Answer): string | undefined {
  const notes = answerNotes(answer, `"${BUTTONS.more}"`).map((n) => inertText(n)).join('\n');
  if (!answer.summary?.text.trim()) return notes || undefined;
  const head = `${notes ? notes + '\n' : ''}-# ${MESSAGES.machineWritten}\n`;
  return head + fitEscaped(answer.summary.text, LIMITS.content - head.length, inertText);
}

function citeContent(quote: Quote | undefined): string | undefined {
  if (!quote) return undefined;
  return '```\n' + clip(codeBlockSafe(quote.citation.full), LIMITS.content - 8, { trimEnd: true }) + '\n```';
}

// ---------------------------------------------------------------------------------------------
// Embeds

interface Draft {
  embed: APIEmbed;
  quote: Quote;
  file?: { name: string; attachment: Buffer };
}

/** Build quote embeds, as many as fit in one message; then spend what is left on context and footnotes. */
function fitQuotes(quotes: readonly Quote[], color: number, titleOf: (i: number, q: Quote) => string, first = 1) {
  const drafts: Draft[] = [];
  let total = 0;
  for (const [i, quote] of quotes.entries()) {
    if (drafts.length === LIMITS.embedsPerMessage) break;
    const draft = baseEmbed(quote, first + i, color, titleOf(i, quote));
    const size = embedSize(draft.embed);
    if (total + size > LIMITS.embedTotal) break;
    drafts.push(draft);
    total += size;
  }
  let left = LIMITS.embedTotal - total;
  for (const [i, draft] of drafts.entries()) {
    const share = Math.floor(left / (drafts.length - i));
    const extra = optionalFields(draft.quote, share);
    draft.embed.fields = [...(draft.embed.fields ?? []), ...extra];
    left -= extra.reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  return {
    embeds: drafts.map((d) => d.embed),
    files: drafts.flatMap((d) => (d.file ? [d.file] : [])),
    shown: drafts.length,
  };
}

/** One quote's embed; `n` is its number as shown (also naming its attachment, if any). */
function baseEmbed(quote: Quote, n: number, color: number, title: string): Draft {
  const authors = authorLine(quote);
  const embed: APIEmbed = {
    color,
    title: fitEscaped(title, LIMITS.title, escapeText),
    description: '',
    fields: [
      { name: 'Cite as', value: fitEscaped(quote.citation.short, LIMITS.fieldValue, escapeText), inline: false },
      { name: 'Where', value: fitEscaped(whereLine(quote), LIMITS.fieldValue, escapeText), inline: false },
    ].filter((f) => f.value),
    footer: { text: clip(quote.citation.full, LIMITS.footer, { trimEnd: true }) },
  };
  if (authors) embed.author = { name: clip(authors, LIMITS.authorName, { trimEnd: true }) };
  const quoted = blockquote(escapeText(quote.text));
  if (quoted.length <= Math.min(LIMITS.description, LIMITS.embedTotal - embedSize(embed))) {
    embed.description = quoted;
    return { embed, quote };
  }
  // Never trim a quote: one too long for an embed travels whole as an attachment.
  const file = { name: `quote-${n}.txt`, attachment: Buffer.from(quote.text, 'utf8') };
  embed.description = `This quote is ${quote.text.length.toLocaleString('en')} characters long, too long for a Discord embed; its verbatim text is attached as ${file.name}.`;
  return { embed, quote, file };
}

function optionalFields(quote: Quote, budget: number): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  const notes = quote.kind === 'footnote' ? [] : quote.footnotes;
  let left = budget;
  if (notes.length) {
    const name = notes.length === 1 ? 'Footnote' : 'Footnotes';
    const room = Math.min(LIMITS.fieldValue, Math.floor(left / 2) - name.length);
    if (room > 40) {
      const raw = notes.map((n) => `[${n.n}] ${n.text}`).join('\n');
      const value = fitEscaped(raw, room, escapeText);
      fields.push({ name, value, inline: false });
      left -= name.length + value.length;
    }
  }
  const context = contextValue(quote, Math.min(LIMITS.fieldValue, left - 'Context'.length));
  if (context) fields.push({ name: 'Context', value: context, inline: false });
  return fields;
}

/** The passage around the quote, the quote in bold, trimmed at both ends to `max` characters. */
function contextValue(quote: Quote, max: number): string | undefined {
  const start = quote.passage.slice(quote.start, quote.end) === quote.text ? quote.start : quote.passage.indexOf(quote.text);
  if (start < 0 || quote.passage.length === quote.text.length) return undefined;
  const end = start + quote.text.length;
  const middle = `**${escapeText(quote.text)}**`;
  if (middle.length + 10 > max) return undefined;
  let each = Math.floor((max - middle.length) / 2);
  while (each >= 0) {
    const before = quote.passage.slice(Math.max(0, start - each), start);
    const after = quote.passage.slice(end, end + each);
    const value =
      (start - each > 0 ? '…' : '') + escapeText(before) + middle + escapeText(after) + (end + each < quote.passage.length ? '…' : '');
    if (value.length <= max) return value;
    each = Math.floor(each * 0.8) - 1;
  }
  return undefined;
}

function whereLine(q: Quote): string {
  const parts: string[] = [];
  if (q.section.length) parts.push(q.section.join(' › '));
  if (q.kind === 'footnote' && q.note !== undefined) parts.push(`footnote ${q.note}`);
  if (q.paragraph !== null) parts.push(`¶ ${q.paragraph}`);
  if (q.page !== null) parts.push(`p. ${q.page}`);
  const file = q.document.file.split('/').pop() ?? q.document.file;
  parts.push(file);
  return parts.join(' · ');
}

function authorLine(q: Quote): string {
  const who = q.document.authors.join(', ');
  const year = q.document.year ? ` (${q.document.year})` : '';
  return who ? who + year : '';
}

function blockquote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** Escape `raw` and, if it is then longer than `max`, shorten the raw text until it fits (with an ellipsis). */
function fitEscaped(raw: string, max: number, escape: (s: string) => string): string {
  let out = escape(raw);
  let cut = Math.min(raw.length, max);
  while (out.length > max && cut > 0) {
    out = escape(clip(raw, cut, { trimEnd: true }));
    cut = Math.floor(cut * 0.9);
  }
  return out.length > max ? '' : out;
}

function embedSize(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

// ---------------------------------------------------------------------------------------------
// Buttons

function button(action: Parameters<typeof buttonId>[0], key: string, label: string, style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger): APIButtonComponent {
  return { type: ComponentType.Button, custom_id: buttonId(action, key), label, style };
}

function feedbackButtons(key: string): APIButtonComponent[] {
  return [
    button('helpful', key, BUTTONS.helpful, ButtonStyle.Success),
    button('not_helpful', key, BUTTONS.notHelpful, ButtonStyle.Secondary),
  ];
}

function row(components: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components };
}

/** Total characters counted against Discord's 6,000 limit across a payload's embeds (exported for tests). */
export function embedsSize(payload: DiscordPayload): number {
  return payload.embeds.reduce((n, e) => n + embedSize(e), 0);
}
