/**
 * @module core/answer/summary
 * The optional machine-written summary: "the model chooses, the code quotes". The model sees the shown
 * quotes, numbered as displayed, and returns one to three sentences citing them as `[n]`. Nothing it
 * writes reaches the quotes (they stay `passage.slice(start, end)`); its sentences are kept only when
 * they pass checks in code:
 *
 * 1. the sentence cites at least one quote, and every number it cites is a shown quote;
 * 2. every passage it puts in quotation marks is verbatim in a quote it cites (whitespace and
 *    curly/straight quote marks aside; `…` may elide);
 * 3. every number it states appears in a quote it cites;
 * 4. every negation it makes (not, no, never, neither, nor, without, n't, cannot) appears in a quote it
 *    cites, so a sentence cannot flip what a quote says by adding a "not";
 * 5. at least 70% of its content words (stemmed) appear in the quotes it cites (an acronym of capitalised
 *    words in a cited quote counts: "IOM" for "International Organization for Migration").
 *
 * The question is never a source of support: a question can assert anything ("Say the IOM is corrupt"),
 * and a sentence that merely repeats it, citing a quote, must not pass as verified.
 *
 * What this cannot check: that a paraphrase means what the cited quote means. The summary is labelled
 * machine-written everywhere, and the quotes it cites are shown beneath it.
 */
import { QuotebotError } from '../errors.js';
import type { Logger } from '../logger.js';
import { term, tokenize } from '../text/tokenize.js';
import type { Answer, Quote } from '../types.js';
import { splitSentences } from '../text/sentences.js';

/** A chat model, as the core sees it: two messages in, text out. Failures throw. */
export interface SummaryModel {
  /** e.g. `openai:gpt-4o-mini`, for logs. */
  readonly name: string;
  complete(prompt: { system: string; user: string }): Promise<string>;
}

/** Limits of the checks; each merges over {@link SUMMARY_DEFAULTS}. */
export interface SummaryOptions {
  /** Sentences kept at most. @defaultValue 3 */
  maxSentences?: number;
  /** Longest sentence kept, characters. @defaultValue 400 */
  maxSentenceChars?: number;
  /** Share of a sentence's content words that must appear in the quotes it cites. @defaultValue 0.7 */
  minSupport?: number;
}

/** Defaults for {@link SummaryOptions}. */
export const SUMMARY_DEFAULTS: Required<SummaryOptions> = { maxSentences: 3, maxSentenceChars: 400, minSupport: 0.7 };

/** Why a sentence was dropped (logged at debug level, asserted by tests). */
export type DropReason =
  | 'no_citation'
  | 'unknown_citation'
  | 'not_verbatim'
  | 'unsupported_number'
  | 'unsupported_negation'
  | 'unsupported'
  | 'too_long';

export interface SummaryVerdict {
  summary?: { text: string; cites: number[] };
  kept: string[];
  dropped: { sentence: string; reason: DropReason }[];
}

// ---------------------------------------------------------------------------------------------
// Prompt

/** A prompt template: a `## system` and a `## user` section with `{{name}}` variables. */
export interface PromptTemplate {
  system: string;
  user: string;
}

/** Split a template file into its `## system` and `## user` sections (text before `## system` is a comment). */
export function parsePromptTemplate(source: string): PromptTemplate {
  const m = /^## system[ \t]*\n([\s\S]*?)^## user[ \t]*\n([\s\S]*)$/m.exec(source.replace(/\r\n/g, '\n'));
  if (!m) {
    throw new QuotebotError('CONFIG_INVALID', 'the summary prompt template needs a "## system" and a "## user" section', {
      hint: 'restore prompts/summary.md from the repository',
    });
  }
  return { system: m[1]!.trim(), user: m[2]!.trim() };
}

/** Fill `{{name}}` variables in one pass (values are never re-expanded); an unknown variable throws. */
export function fillTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/gi, (_, name: string) => {
    if (!(name in vars)) throw new QuotebotError('CONFIG_INVALID', `the summary prompt uses an unknown variable {{${name}}}`, { hint: `known: ${Object.keys(vars).join(', ')}` });
    return vars[name]!;
  });
}

/**
 * Text that goes inside a prompt delimiter (a passage, the question) with every `<passage …>`,
 * `</passage>`, `<question>` and `</question>` tag defused (`<` → `‹`), so it can neither close its own
 * delimiter nor forge another one.
 */
export function neutraliseTags(text: string): string {
  return text.replace(/<\s*\/?\s*(?:passage|question)/gi, (t) => t.replace(/</g, '‹'));
}

/** The shown quotes as delimited passages, numbered as displayed. A passage cannot close its own delimiter. */
export function formatPassages(quotes: Quote[], first: number): string {
  return quotes
    .map((q, i) => {
      const source = [q.document.title, q.citation.short].filter(Boolean).join(' — ').replace(/["<>]/g, '');
      const text = neutraliseTags(q.text);
      return `<passage id="${first + i}" source="${source}">\n${text}\n</passage>`;
    })
    .join('\n\n');
}

/** System and user messages for an answer. */
export function buildSummaryPrompt(template: PromptTemplate, answer: Answer): { system: string; user: string } {
  const first = (answer.offset ?? 0) + 1;
  const ids = answer.quotes.map((_, i) => first + i);
  const vars = {
    question: neutraliseTags(answer.question.replace(/\s+/g, ' ').trim()),
    passages: formatPassages(answer.quotes, first),
    count: String(answer.quotes.length),
    ids: ids.join(', '),
  };
  return { system: fillTemplate(template.system, vars), user: fillTemplate(template.user, vars) };
}

// ---------------------------------------------------------------------------------------------
// Reply parsing

/**
 * The sentences of a model reply `{"sentences": ["…", …]}` (code fences and text around the object are
 * tolerated). Returns null when the reply holds no such object.
 */
export function parseSummaryReply(reply: string): string[] | null {
  const start = reply.indexOf('{');
  const end = reply.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  let data: unknown;
  try {
    data = JSON.parse(reply.slice(start, end + 1));
  } catch {
    return null;
  }
  const list = (data as { sentences?: unknown })?.sentences;
  if (!Array.isArray(list)) return null;
  return list.filter((s): s is string => typeof s === 'string').map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Verification

const MARKER = /\[\s*(\d+(?:\s*(?:[,;]|–|-|and)\s*\d+)*)\s*\]/g;

/** Quote numbers cited by `[1]`, `[1, 3]`, `[2–4]` markers in a sentence. */
export function citedNumbers(sentence: string): number[] {
  const out: number[] = [];
  for (const m of sentence.matchAll(MARKER)) {
    for (const part of m[1]!.split(/\s*(?:[,;]|and)\s*/)) {
      const range = /^(\d+)\s*(?:–|-)\s*(\d+)$/.exec(part);
      if (range) {
        const [a, b] = [Number(range[1]), Number(range[2])];
        for (let n = a; n <= b && n - a < 50; n++) out.push(n);
      } else if (/^\d+$/.test(part)) out.push(Number(part));
    }
  }
  return [...new Set(out)];
}

/** Passages a sentence puts in quotation marks (double marks of either kind, curly singles, 'straight' singles). */
export function quotedSpans(sentence: string): string[] {
  const out: string[] = [];
  const patterns = [/"([^"]+)"/g, /“([^”]+)”/g, /(?:^|[\s(—–-])‘([^’]*?)’(?=$|[\s.,;:!?)\]—–-])/g, /(?:^|[\s(—–-])'([^']+?)'(?=$|[\s.,;:!?)\]—–-])/g];
  for (const re of patterns) for (const m of sentence.matchAll(re)) if (m[1]!.trim()) out.push(m[1]!);
  return out;
}

/** Comparable form for the verbatim check: only whitespace and the shapes of quote marks are forgiven. */
const flat = (s: string) => s.replace(/[‘’‛′]/g, "'").replace(/[“”„″]/g, '"').replace(/\s+/g, ' ').trim();

function isVerbatimIn(span: string, texts: string[]): boolean {
  const pieces = flat(span)
    .split(/\s*(?:…|\.\.\.|\[\.\.\.\])\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!pieces.length) return true;
  return texts.some((t) => {
    const hay = flat(t);
    return pieces.every((p) => hay.includes(p));
  });
}

/**
 * The negations a text makes, canonical: `n't` and `cannot` count as `not` ("isn't" = "is not"); the others
 * (no, never, neither, nor, without) count as themselves.
 */
export function negationsIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of flat(text).toLowerCase().matchAll(/n't\b|\b(?:not|no|never|neither|nor|without|cannot)\b/g)) {
    out.add(m[0] === "n't" || m[0] === 'cannot' ? 'not' : m[0]);
  }
  return out;
}

/**
 * Index terms of the acronyms a text spells out: the initials of two or more capitalised words in a row,
 * short connectors (of, for, the, and, on, de) skipped — "International Organization for Migration" gives
 * IO, IOM, OM; "United Nations" gives UN.
 */
export function acronymTerms(text: string): string[] {
  const out: string[] = [];
  for (const run of flat(text).matchAll(/\p{Lu}[\p{L}'-]*(?:\s+(?:(?:of|for|the|and|on|de)\s+)*\p{Lu}[\p{L}'-]*)+/gu)) {
    const initials = run[0]
      .split(/\s+/)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w[0]!.toLowerCase());
    for (let i = 0; i < initials.length; i++) for (let j = i + 2; j <= initials.length && j - i <= 8; j++) out.push(term(initials.slice(i, j).join('')));
  }
  return out;
}

function numbersIn(text: string): string[] {
  return (flat(text).match(/\d[\d,.]*\d|\d/g) ?? []).map((n) => n.replace(/[,.]/g, ''));
}

/** Move markers placed after the full stop before it (`…2016. [1]` → `…2016 [1].`) so sentences keep their citations. */
function attachTrailingMarkers(text: string): string {
  return text.replace(/([.?!])((?:\s*\[\s*\d[^\]]*\])+)/g, (_, stop: string, markers: string) => ` ${markers.trim()}${stop}`).replace(/\s+/g, ' ');
}

/**
 * Check each sentence of the model's reply against the shown quotes (see the module note) and keep those
 * that pass, up to `maxSentences`. `cites` lists the quote numbers as displayed, ascending.
 */
export function verifySummary(answer: Answer, sentences: string[], options: SummaryOptions = {}): SummaryVerdict {
  const o = { ...SUMMARY_DEFAULTS, ...options };
  const first = (answer.offset ?? 0) + 1;
  const byNumber = new Map(answer.quotes.map((q, i) => [first + i, q.text]));
  const kept: string[] = [];
  const cites = new Set<number>();
  const dropped: SummaryVerdict['dropped'] = [];

  const split = sentences.flatMap((s) => {
    const t = attachTrailingMarkers(s);
    return splitSentences(t).map((x) => t.slice(x.start, x.end).trim());
  });
  for (const sentence of split.filter(Boolean)) {
    const drop = (reason: DropReason) => dropped.push({ sentence, reason });
    if (sentence.length > o.maxSentenceChars) { drop('too_long'); continue; }
    const ns = citedNumbers(sentence);
    if (!ns.length) { drop('no_citation'); continue; }
    if (ns.some((n) => !byNumber.has(n))) { drop('unknown_citation'); continue; }
    const texts = ns.map((n) => byNumber.get(n)!);
    const claim = sentence.replace(MARKER, ' ');
    if (!quotedSpans(claim).every((span) => isVerbatimIn(span, texts))) { drop('not_verbatim'); continue; }
    const sourceNumbers = new Set(texts.flatMap(numbersIn));
    if (!numbersIn(claim).every((n) => sourceNumbers.has(n))) { drop('unsupported_number'); continue; }
    const sourceNegations = new Set(texts.flatMap((t) => [...negationsIn(t)]));
    if (![...negationsIn(claim)].every((n) => sourceNegations.has(n))) { drop('unsupported_negation'); continue; }
    const terms = [...new Set(tokenize(claim))];
    const sourceTerms = new Set(texts.flatMap((t) => [...tokenize(t), ...acronymTerms(t)]));
    const supported = terms.filter((t) => sourceTerms.has(t)).length;
    if (terms.length && supported / terms.length < o.minSupport) { drop('unsupported'); continue; }
    if (kept.length >= o.maxSentences) break;
    kept.push(sentence);
    ns.forEach((n) => cites.add(n));
  }
  return {
    kept,
    dropped,
    ...(kept.length ? { summary: { text: kept.join(' '), cites: [...cites].sort((a, b) => a - b) } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The hook for createCore

/**
 * `createCore`'s `summarise` hook: asks `model` for a summary of the first page of an answered question and
 * attaches what survives {@link verifySummary}. Never throws and never changes the quotes: a timeout, an
 * error, an unreadable reply or a reply with no surviving sentence leaves the answer as it was (logged).
 */
export function createSummariser(deps: { model: SummaryModel; template: PromptTemplate; logger: Logger; options?: SummaryOptions }) {
  const { model, template, logger } = deps;
  return async function summarise(answer: Answer): Promise<Answer> {
    // "More passages" pages keep the first page's summary; a summary of quotes 6–10 would mislead
    if (answer.status !== 'answered' || !answer.quotes.length || (answer.offset ?? 0) > 0) return answer;
    let reply: string;
    try {
      reply = await model.complete(buildSummaryPrompt(template, answer));
    } catch (err) {
      logger.warn({ err, model: model.name }, 'summary model unavailable; showing quotes alone');
      return answer;
    }
    const sentences = parseSummaryReply(reply);
    if (!sentences) {
      logger.warn({ model: model.name, reply: reply.slice(0, 300) }, 'summary reply was not the expected JSON; showing quotes alone');
      return answer;
    }
    const verdict = verifySummary(answer, sentences, deps.options);
    if (verdict.dropped.length) logger.info({ model: model.name, dropped: verdict.dropped }, `summary: dropped ${verdict.dropped.length} unverifiable sentence(s)`);
    if (!verdict.summary) return answer;
    return { ...answer, summary: verdict.summary };
  };
}
