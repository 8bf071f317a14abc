/**
 * @module adapters/slack/render
 * Pure renderers: `Answer → { text, blocks }` in Block Kit. Every piece of corpus text and every echoed
 * question is escaped (see `escape.ts`); Slack's limits (≤ 50 blocks, ≤ 3,000 characters per text object)
 * are met by trimming context — footnotes, closest matches, dividers — never a quote: a quote too long for
 * one section continues in the next.
 */
import type { types } from '@slack/bolt';
import type { Answer, Quote } from '../../core/types.js';
import { answerNotes, BUTTONS, MESSAGES } from '../shared/messages.js';
import { ACTION, jsonCodec, type CiteValue, type ValueCodec } from './action-values.js';
import { clip } from '../shared/clip.js';
import { escapeMrkdwn } from './escape.js';

type KnownBlock = types.KnownBlock;
type ContextElement = types.ContextBlockElement;

/** Slack Block Kit limits. */
export const LIMITS = { blocks: 50, text: 3000, contextElements: 10, fallback: 3000, closestChars: 500 } as const;

/** A message ready for `chat.postMessage` / `chat.postEphemeral` / `respond`. */
export interface SlackMessage {
  /** Plain-text fallback (notifications, screen readers, old clients); escaped too, Slack parses it. */
  text: string;
  blocks: KnownBlock[];
}

/** The request an answer came from, carried by the buttons. */
export interface RenderRequest {
  question: string;
  history?: string[];
  offset: number;
  k: number;
}

export interface RenderOptions {
  request: RenderRequest;
  /** How button payloads become `value` strings. @defaultValue plain JSON */
  codec?: ValueCodec;
  /** Slack user ID of the asker, credited under the question (for `/ask` answers posted by the bot). */
  askedBy?: string;
}

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text: clip(text, LIMITS.text) });

/** Render an answer (answered or not_found) with its buttons. */
export function renderAnswer(answer: Answer, options: RenderOptions): SlackMessage {
  const codec = options.codec ?? jsonCodec;
  const { request } = options;
  const head: KnownBlock[] = [
    { type: 'section', text: mrkdwn(`*Question:* ${escapeMrkdwn(clip(answer.question || request.question, 2800))}`) },
  ];
  // Only a well-formed user ID becomes a mention; anything else is dropped rather than escaped into noise.
  if (options.askedBy && /^[UW][A-Z0-9]{2,}$/.test(options.askedBy)) {
    head.push({ type: 'context', elements: [mrkdwn(`Asked by <@${options.askedBy}> with /ask`)] });
  }
  if (answer.status === 'not_found') return renderNotFound(answer, head, codec, request);
  if (answer.quotes.length === 0) {
    // Answered, but nothing past this offset: "More passages" ran out.
    const blocks: KnownBlock[] = [...head, { type: 'section', text: mrkdwn(escapeMrkdwn(MESSAGES.noMore)) }];
    return { text: escapeMrkdwn(MESSAGES.noMore), blocks };
  }

  if (answer.summary?.text) {
    head.push({ type: 'section', text: mrkdwn(`*Summary:* ${escapeMrkdwn(answer.summary.text)}`) });
    head.push({ type: 'context', elements: [mrkdwn(`_${escapeMrkdwn(MESSAGES.machineWritten)}_`)] });
  }
  for (const note of answerNotes(answer, `"${BUTTONS.more}"`)) head.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(note))] });
  const first = (answer.offset ?? request.offset) + 1;
  const parts = answer.quotes.map((q, i) => quoteParts(q, first + i, i, codec));
  // Footer is added after fitting, so reserve its block.
  const fitted = fit(head, parts, LIMITS.blocks - 1);
  const shown = fitted.shown;
  const more = Boolean(answer.more) || shown < answer.quotes.length;
  const actions: types.Button[] = [];
  if (more) {
    actions.push(button(BUTTONS.more, ACTION.more, codec.encode({
      q: request.question,
      ...(request.history?.length ? { h: request.history } : {}),
      o: request.offset + shown,
      k: request.k,
    })));
  }
  actions.push(...feedbackButtons(answer, codec, request.question));
  const blocks = [...fitted.blocks, { type: 'actions', elements: actions } as KnownBlock];
  const text = fallbackText(answer, first, shown);
  return { text, blocks };
}

function renderNotFound(answer: Answer, head: KnownBlock[], codec: ValueCodec, request: RenderRequest): SlackMessage {
  const blocks: KnownBlock[] = [...head, { type: 'section', text: mrkdwn(escapeMrkdwn(MESSAGES.notFound)) }];
  if (answer.closest.length) {
    blocks.push({ type: 'section', text: mrkdwn(`*${escapeMrkdwn(MESSAGES.closestLabel)}*`) });
    for (const c of answer.closest) {
      if (blocks.length >= LIMITS.blocks - 1) break;
      const line = `_“${escapeMrkdwn(clip(c.text, LIMITS.closestChars))}”_ — ${escapeMrkdwn(c.citation.short)}`;
      blocks.push({ type: 'context', elements: [mrkdwn(line)] });
    }
  }
  blocks.push({ type: 'actions', elements: feedbackButtons(answer, codec, request.question) });
  const closest = answer.closest.length
    ? ` ${MESSAGES.closestLabel} ${answer.closest.map((c) => c.citation.short).join('; ')}`
    : '';
  return { text: clip(escapeMrkdwn(`${MESSAGES.notFound}${closest}`), LIMITS.fallback), blocks };
}

/** The ephemeral reply to "Cite": the full reference and the quote, ready to paste. */
export function renderCite(value: CiteValue): SlackMessage {
  const quote = escapeMrkdwn(value.quote);
  const full = escapeMrkdwn(value.full);
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn('*Ready to paste:*') },
    ...chunk(`“${value.quote}” ${value.full}`, (s) => '```' + escapeMrkdwn(s) + '```').map(
      (t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }) as KnownBlock,
    ),
  ];
  return { text: clip(`“${quote}” ${full}`, LIMITS.fallback), blocks };
}

/** A one-line notice (apology, not enabled, expired, thanks). */
export function renderNotice(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return { text: clip(escaped, LIMITS.fallback), blocks: [{ type: 'section', text: mrkdwn(escaped) }] };
}

interface QuoteParts {
  /** The quote itself: never trimmed. */
  quote: KnownBlock[];
  /** Citation, document, location: kept (trimmed per element if needed). */
  cite: KnownBlock;
  /** Footnotes collapsed to one line: the first context to go when the message is too big. */
  notes?: KnownBlock;
}

function quoteParts(q: Quote, n: number, index: number, codec: ValueCodec): QuoteParts {
  const citeButton = button(BUTTONS.cite, `${ACTION.cite}_${index}`, codec.encode({ quote: q.text, full: q.citation.full }));
  const quote = chunk(q.text, (s) => quoteLines(s)).map(
    (t, i) => ({ type: 'section', text: { type: 'mrkdwn', text: t }, ...(i === 0 ? { accessory: citeButton } : {}) }) as KnownBlock,
  );
  const doc = q.document;
  const byline = [doc.authors.join(', '), doc.year ? `(${doc.year})` : ''].filter(Boolean).join(' ');
  const where = [
    q.section.length ? `Section: ${q.section.join(' › ')}` : '',
    q.kind === 'footnote' && q.note !== undefined ? `n ${q.note}` : '',
    q.paragraph !== null ? `¶ ${q.paragraph}` : '',
    q.page !== null ? `p. ${q.page}` : '',
  ].filter(Boolean).join(' · ');
  const elements: ContextElement[] = [
    mrkdwn(`*[${n}]* ${escapeMrkdwn(q.citation.short)}`),
    mrkdwn(`_${escapeMrkdwn(doc.title)}_${byline ? ` — ${escapeMrkdwn(byline)}` : ''}`),
  ];
  if (where) elements.push(mrkdwn(escapeMrkdwn(where)));
  const parts: QuoteParts = { quote, cite: { type: 'context', elements } };
  if (q.footnotes.length && q.kind !== 'footnote') {
    const line = q.footnotes.map((f) => `n ${f.n}: ${f.text}`).join(' · ');
    parts.notes = { type: 'context', elements: [mrkdwn(escapeMrkdwn(clip(`Footnotes — ${line}`, 2000)))] };
  }
  return parts;
}

/** Assemble quote parts within `maxBlocks`, dropping dividers, then footnote lines, then whole trailing quotes. */
function fit(head: KnownBlock[], parts: QuoteParts[], maxBlocks: number): { blocks: KnownBlock[]; shown: number } {
  const build = (withDividers: boolean, withNotes: boolean): { blocks: KnownBlock[]; shown: number } => {
    const blocks = [...head];
    let shown = 0;
    for (const [i, p] of parts.entries()) {
      const own = [...p.quote, p.cite, ...(withNotes && p.notes ? [p.notes] : [])];
      if (blocks.length + own.length > maxBlocks) break;
      blocks.push(...own);
      shown += 1;
      if (withDividers && i < parts.length - 1 && blocks.length < maxBlocks) blocks.push({ type: 'divider' });
    }
    while (blocks.at(-1)?.type === 'divider') blocks.pop();
    return { blocks, shown };
  };
  for (const [dividers, notes] of [[true, true], [false, true], [false, false]] as const) {
    const r = build(dividers, notes);
    if (r.shown === parts.length) return r;
  }
  return build(false, false);
}

function button(label: string, actionId: string, value: string): types.Button {
  return { type: 'button', text: { type: 'plain_text', text: label }, action_id: actionId, value };
}

function feedbackButtons(answer: Answer, codec: ValueCodec, question: string): types.Button[] {
  const value = codec.encode({ q: question, st: answer.status, ids: answer.quotes.map((q) => q.id) });
  return [button(BUTTONS.helpful, ACTION.helpful, value), button(BUTTONS.notHelpful, ACTION.notHelpful, value)];
}

function quoteLines(s: string): string {
  return escapeMrkdwn(s).split('\n').map((line) => `> ${line}`).join('\n');
}

/**
 * Split raw text into pieces whose rendered form fits one text object. Splits at whitespace when it can,
 * so a long quote reads on in the next block with nothing lost.
 */
export function chunk(raw: string, render: (s: string) => string, max: number = LIMITS.text): string[] {
  if (render(raw).length <= max) return [render(raw)];
  const out: string[] = [];
  let rest = raw;
  while (rest.length) {
    let lo = 1;
    let hi = rest.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (render(rest.slice(0, mid)).length <= max) lo = mid;
      else hi = mid - 1;
    }
    let cut = lo;
    if (cut < rest.length) {
      const space = rest.lastIndexOf(' ', cut);
      if (space > cut / 2) cut = space + 1;
    }
    out.push(render(rest.slice(0, cut)));
    rest = rest.slice(cut);
  }
  return out;
}

function fallbackText(answer: Answer, first: number, shown: number): string {
  const lines = answer.quotes.slice(0, shown).map((q, i) => `${first + i}. “${q.text}” — ${q.citation.short}`);
  return clip(escapeMrkdwn(lines.join('\n') || answer.question), LIMITS.fallback);
}
