/**
 * The pure renderer `Answer → Discord payload`, on fixture answers built from corpus text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/adapters/shared/messages.js';
import { embedsSize, renderAnswer, renderCitations, type DiscordPayload } from '../../src/adapters/discord/render.js';
import { LIMITS } from '../../src/adapters/discord/limits.js';
import { parseButtonId } from '../../src/adapters/discord/custom-ids.js';
import { filterChoices } from '../../src/adapters/discord/documents.js';
import type { Answer, Quote } from '../../src/core/types.js';
import { DOCS, POOL, turkey } from './fake-cores.js';
import { unescape } from './unescape.js';

const expected = JSON.parse(readFileSync(new URL('./fixtures/rendered-turkey.json', import.meta.url), 'utf8'));

function withinLimits(p: DiscordPayload): void {
  expect(p.allowedMentions).toEqual({ parse: [] });
  expect((p.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
  expect(p.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  expect(embedsSize(p)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const e of p.embeds) {
    expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.description);
    expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.title);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(f.value.length).toBeGreaterThan(0);
    }
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.footer);
  }
  for (const row of p.components) for (const c of row.components) if ('custom_id' in c) expect(c.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
}

const quoteOf = (description: string) => unescape(description.replace(/^> /gm, ''));

/** A quote of `n` characters of real corpus sentences (verbatim slice of its own passage). */
function longQuote(base: Quote, n: number, i: number): Quote {
  let passage = '';
  while (passage.length < n + 400) passage += base.passage + ' ';
  const text = passage.slice(200, 200 + n);
  return { ...base, id: `long${i}`, passageId: `long${i}`, passage, text, start: 200, end: 200 + n };
}

describe('renderAnswer', () => {
  it('GIVEN the Turkey fixture answer THEN the payload matches the reviewed rendering', () => {
    const { payload, shown } = renderAnswer(turkey, { key: 'k3y' });
    expect(shown).toBe(3);
    expect(JSON.parse(JSON.stringify(payload))).toEqual(expected);
    withinLimits(payload);
  });

  it('GIVEN an answer THEN every embed description is exactly its quote, a field its short citation, and the footer its full reference', () => {
    const { payload } = renderAnswer({ ...turkey, quotes: POOL.slice(0, 5), more: true }, { key: 'k' });
    payload.embeds.forEach((e, i) => {
      expect(quoteOf(e.description!)).toBe(POOL[i]!.text);
      expect(unescape(e.fields!.find((f) => f.name === 'Cite as')!.value)).toBe(POOL[i]!.citation.short);
      expect(e.footer?.text).toBe(POOL[i]!.citation.full);
    });
    expect(payload.components[0]!.components.map((c) => ('label' in c ? c.label : ''))).toEqual(['More passages', 'Cite', 'Helpful', 'Not helpful']);
  });

  it('GIVEN ten long quotes THEN the message keeps to every Discord limit, trims context not quotes, and offers the rest as More passages', () => {
    const quotes = Array.from({ length: 10 }, (_, i) => longQuote(POOL[i % 5]!, 1400, i));
    const { payload, shown } = renderAnswer({ ...turkey, quotes, more: false }, { key: 'k' });
    withinLimits(payload);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(10);
    payload.embeds.forEach((e, i) => expect(quoteOf(e.description!)).toBe(quotes[i]!.text));
    expect(payload.components[0]!.components.some((c) => 'label' in c && c.label === 'More passages')).toBe(true);
  });

  it('GIVEN a later page (More passages) THEN quotes are numbered on from offset + 1, like Slack and the terminal', () => {
    const page = { ...turkey, quotes: POOL.slice(0, 2), more: false };
    const titles = (p: DiscordPayload) => p.embeds.map((e) => e.title?.split(' · ')[0]);
    expect(titles(renderAnswer({ ...page, offset: 5 }, { key: 'k' }).payload)).toEqual(['6', '7']);
    // The answer's own offset wins; the request's is the fallback.
    expect(titles(renderAnswer(page, { key: 'k', offset: 5 }).payload)).toEqual(['6', '7']);
    expect(titles(renderAnswer(page, { key: 'k' }).payload)).toEqual(['1', '2']);
    const long = renderAnswer({ ...page, quotes: [longQuote(POOL[0]!, 7000, 0)], offset: 5 }, { key: 'k' }).payload;
    expect(long.files![0]!.name).toBe('quote-6.txt');
  });

  it('GIVEN a quote longer than an embed can hold THEN it is attached whole as a text file, never cut', () => {
    const quote = longQuote(POOL[0]!, 7000, 0);
    const { payload } = renderAnswer({ ...turkey, quotes: [quote] }, { key: 'k' });
    withinLimits(payload);
    expect(payload.files).toHaveLength(1);
    expect(payload.files![0]!.attachment.toString('utf8')).toBe(quote.text);
    expect(payload.embeds[0]!.description).toContain(payload.files![0]!.name);
  });

  it('GIVEN corpus markdown and mentions in a summary THEN content is escaped and defused', () => {
    const answer: Answer = { ...turkey, summary: { text: '@everyone: the IOM *seconded* staff [1]', cites: [1] } };
    const { payload } = renderAnswer(answer, { key: 'k' });
    expect(payload.content).toBe(`-# ${MESSAGES.machineWritten}\n@\u200beveryone: the IOM \\*seconded\\* staff [1]`);
  });

  it('GIVEN not_found with closest passages THEN the plain sentence, then labelled closest matches, no Cite or More', () => {
    const answer: Answer = { ...turkey, status: 'not_found', quotes: [], closest: [POOL[5]!], more: true };
    const { payload, shown } = renderAnswer(answer, { key: 'k' });
    expect(shown).toBe(0);
    expect(payload.content).toBe(`${MESSAGES.notFound}\n${MESSAGES.closestLabel}`);
    expect(payload.embeds[0]!.title).toBe('Closest match 1: Global Migration Governance');
    expect(payload.components[0]!.components.map((c) => ('label' in c ? c.label : ''))).toEqual(['Helpful', 'Not helpful']);
    const none = renderAnswer({ ...answer, closest: [] }, { key: 'k' }).payload;
    expect(none.content).toBe(MESSAGES.notFound);
    expect(none.embeds).toEqual([]);
  });

  it('GIVEN cite mode THEN one embed and the full reference ready to paste', () => {
    const { payload } = renderAnswer({ ...turkey, quotes: POOL }, { key: 'k', mode: 'cite' });
    expect(payload.embeds).toHaveLength(1);
    expect(payload.content).toBe('```\n' + POOL[0]!.citation.full + '\n```');
  });
});

describe('buttons, citations and choices', () => {
  it('GIVEN a custom id THEN only quotebot ids parse', () => {
    expect(parseButtonId('qb:more:abc')).toEqual({ action: 'more', key: 'abc' });
    expect(parseButtonId('qb:delete:abc')).toBeNull();
    expect(parseButtonId('other:more:abc')).toBeNull();
  });

  it('GIVEN many citations THEN the Cite reply stays under 2,000 characters', () => {
    const p = renderCitations(Array.from({ length: 40 }, (_, i) => `${POOL[0]!.citation.full} (${i})`));
    expect(p.content!.length).toBeLessThanOrEqual(LIMITS.content);
    expect(p.content!.startsWith('```\n1. ')).toBe(true);
    expect(p.content!.endsWith('\n```')).toBe(true);
  });

  it('GIVEN 40 documents with long titles THEN at most 25 choices, names ≤ 100 characters, values are files', () => {
    const docs = Array.from({ length: 40 }, (_, i) => ({ ...DOCS[0]!, file: `corpus/doc-${i}.txt`, title: `${DOCS[0]!.title} — volume ${i} `.repeat(3) }));
    const choices = filterChoices(docs, 'migration');
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value).toMatch(/^corpus\/doc-\d+\.txt$/);
    }
    expect(filterChoices(DOCS, 'HOLDING').map((c) => c.value)).toEqual(['corpus/sherwood-bradley-holding-iom-to-account.txt']);
  });
});
