import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createValueCodec, jsonCodec, MAX_VALUE_CHARS, type CiteValue, type MoreValue } from '../../src/adapters/slack/action-values.js';
import { unescapeSlack } from '../../src/adapters/slack/escape.js';
import { LIMITS, renderAnswer, renderCite, renderNotice } from '../../src/adapters/slack/render.js';
import { MESSAGES } from '../../src/adapters/shared/messages.js';
import type { Answer, Quote } from '../../src/core/types.js';
import { createHostileCore, fixture, HOSTILE_TEXT, page } from './helpers/fake-cores.js';
import { blockText, buttons } from './helpers/harness.js';

const request = (question: string, offset = 0) => ({ question, offset, k: 5 });
type Block = { type: string; text?: { text: string }; elements?: Array<{ text?: string; type: string }>; accessory?: unknown };

/** Every text object's text, with its block type. */
function texts(blocks: unknown[]): string[] {
  return blockText(blocks).split('\n');
}

function allTextObjects(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.text) out.push(b.text.text);
    for (const e of b.elements ?? []) if (e.text !== undefined) out.push(typeof e.text === 'string' ? e.text : (e.text as { text: string }).text);
  }
  return out;
}

describe('renderAnswer', () => {
  const iris = fixture('what is IRIS?');
  const first = page(iris, { question: iris.question, k: 5 });

  it('GIVEN an answered question THEN each quote is a quotation with its short citation, document, section and ¶ underneath', () => {
    const { blocks, text } = renderAnswer(first, { request: request(iris.question) });
    const b = blocks as Block[];
    for (const [i, q] of first.quotes.entries()) {
      const at = b.findIndex((x) => x.type === 'section' && x.text?.text.startsWith('> ') && unescapeSlack(x.text.text.replace(/^> /gm, '')) === q.text);
      expect(at, `quote ${i + 1} rendered verbatim`).toBeGreaterThan(0);
      const cite = b[at + 1]!;
      expect(cite.type).toBe('context');
      const line = unescapeSlack(cite.elements!.map((e) => e.text).join(' | '));
      expect(line).toContain(`*[${i + 1}]* ${q.citation.short}`);
      expect(line).toContain(q.document.title);
      expect(line).toContain(`Section: ${q.section.join(' › ')}`);
      expect(line).toContain(`¶ ${q.paragraph}`);
    }
    expect(text).toContain(first.quotes[0]!.citation.short.replace(/&/g, '&amp;'));
    expect(text.length).toBeGreaterThan(0);
  });

  it('GIVEN a quote citing footnotes THEN the notes are collapsed to one context line under it', () => {
    const withNote = first.quotes.find((q) => q.footnotes.length)!;
    const { blocks } = renderAnswer(first, { request: request(iris.question) });
    const lines = (blocks as Block[]).filter((x) => x.type === 'context' && x.elements!.length === 1).map((x) => unescapeSlack(x.elements![0]!.text!));
    expect(lines.some((l) => l.startsWith('Footnotes — ') && l.includes(`n ${withNote.footnotes[0]!.n}: ${withNote.footnotes[0]!.text}`))).toBe(true);
  });

  it('GIVEN more quotes than k THEN "More passages" carries the question and the next offset', () => {
    const { blocks } = renderAnswer(first, { request: request(iris.question) });
    const more = jsonCodec.decode<MoreValue>(buttons(blocks).get('quotebot_more'));
    expect(more).toEqual({ q: iris.question, o: 5, k: 5 });
    const next = page(iris, { question: iris.question, k: 5, offset: 5 });
    const second = renderAnswer(next, { request: request(iris.question, 5) });
    expect(buttons(second.blocks).has('quotebot_more')).toBe(false);
    expect(texts(second.blocks).some((t) => t.startsWith('*[6]*'))).toBe(true);
  });

  it('GIVEN an answer THEN every quote has a Cite button holding the quote and its full reference, and feedback buttons hold the quote ids', () => {
    const { blocks } = renderAnswer(first, { request: request(iris.question) });
    const bs = buttons(blocks);
    first.quotes.forEach((q, i) => {
      expect(jsonCodec.decode<CiteValue>(bs.get(`quotebot_cite_${i}`))).toEqual({ quote: q.text, full: q.citation.full });
    });
    expect(JSON.parse(bs.get('quotebot_helpful')!)).toEqual({ q: iris.question, st: 'answered', ids: first.quotes.map((q) => q.id) });
    expect(bs.get('quotebot_not_helpful')).toBe(bs.get('quotebot_helpful'));
  });

  it('GIVEN a machine-written summary THEN it comes before the quotes, marked as such', () => {
    const answer: Answer = { ...first, summary: { text: 'IRIS is the IOM’s ethical recruitment certification scheme [1][3].', cites: [1, 3] } };
    const t = texts(renderAnswer(answer, { request: request(iris.question) }).blocks);
    const summary = t.findIndex((x) => x.startsWith('*Summary:*'));
    expect(summary).toBeGreaterThan(0);
    expect(t[summary + 1]).toContain(MESSAGES.machineWritten);
    expect(t.findIndex((x) => x.startsWith('> '))).toBeGreaterThan(summary);
  });

  it('GIVEN not_found THEN it says so plainly and lists the closest matches under their label, with no Cite or More button', () => {
    const nf = fixture('what is the capital of Peru?');
    const { blocks, text } = renderAnswer(nf, { request: request(nf.question) });
    const t = texts(blocks);
    expect(t).toContain(MESSAGES.notFound);
    const label = t.indexOf(`*${MESSAGES.closestLabel}*`);
    expect(label).toBeGreaterThan(t.indexOf(MESSAGES.notFound));
    expect(unescapeSlack(t.slice(label + 1).join('\n'))).toContain(nf.closest[0]!.text);
    expect(t.some((x) => x.startsWith('> '))).toBe(false);
    expect([...buttons(blocks).keys()].sort()).toEqual(['quotebot_helpful', 'quotebot_not_helpful']);
    expect(text).toContain(MESSAGES.notFound);
  });

  it('GIVEN an answered question with no quotes past the offset THEN it says there are no more passages', () => {
    const none = page(iris, { question: iris.question, k: 5, offset: 10 });
    const t = texts(renderAnswer(none, { request: request(iris.question, 10) }).blocks);
    expect(t).toContain(MESSAGES.noMore);
  });

  it('GIVEN a passage and a question with <!channel>, <!here>, a user mention and a link THEN nothing can ping or link', async () => {
    const core = createHostileCore();
    const answer = await core.ask({ question: 'what did staff hear? <!here> <@U0BOSS>' });
    const msg = renderAnswer(answer, { request: request(answer.question) });
    const all = [msg.text, ...allTextObjects(msg.blocks as Block[])].join('\n');
    for (const raw of ['<!channel>', '<!here>', '<@U0ADMIN>', '<@U0BOSS>', '<!everyone>', '<https://']) expect(all).not.toContain(raw);
    expect(all).not.toMatch(/<[!@#]/);
    expect(all).toContain('&lt;!channel&gt;');
    // Escaped, not altered: unescaping gives back the verbatim quote.
    expect(all.split('\n').map((l) => unescapeSlack(l.replace(/^> /, ''))).some((l) => l === HOSTILE_TEXT)).toBe(true);
  });

  it('GIVEN an oversized answer THEN ≤ 50 blocks and ≤ 3,000 characters per text, trimming context but never a quote', () => {
    const base = first.quotes[0]!;
    const huge = `${base.passage} `.repeat(12).trim(); // ~15k characters of real corpus text
    const quotes: Quote[] = Array.from({ length: 30 }, (_, i) => ({
      ...base,
      id: `${base.passageId}:${i}`,
      text: i === 0 ? huge : `${first.quotes[i % first.quotes.length]!.text} (${i})`,
      footnotes: [{ n: 200 + i, text: 'A long note & more. '.repeat(200) }],
    }));
    const answer: Answer = { ...first, quotes, more: false };
    const { blocks, text } = renderAnswer(answer, { request: { question: iris.question, offset: 0, k: 30 } });
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    for (const t of allTextObjects(blocks as Block[])) expect(t.length).toBeLessThanOrEqual(LIMITS.text);
    expect(text.length).toBeLessThanOrEqual(LIMITS.fallback);
    // The long quote is complete, split across consecutive sections.
    const sections = (blocks as Block[]).filter((b) => b.type === 'section' && b.text!.text.startsWith('> '));
    const joined = sections.map((s) => unescapeSlack(s.text!.text.replace(/^> /gm, '')));
    let rebuilt = '';
    for (const s of joined) {
      rebuilt += s;
      if (rebuilt === huge) break;
    }
    expect(rebuilt).toBe(huge);
    // Every quote shown is whole; the ones that did not fit are offered through "More passages".
    const shown = (blocks as Block[]).filter((b) => b.type === 'context' && /^\*\[\d+\]\*/.test(b.elements![0]!.text!)).length;
    expect(shown).toBeGreaterThan(1);
    const more = jsonCodec.decode<MoreValue>(buttons(blocks).get('quotebot_more'));
    expect(more?.o).toBe(shown);
  });

  it('GIVEN an asker THEN they are credited under the question, and a malformed ID is never rendered', () => {
    expect(texts(renderAnswer(first, { request: request(iris.question), askedBy: 'U0ALICE' }).blocks)).toContain('Asked by <@U0ALICE> with /ask');
    expect(blockText(renderAnswer(first, { request: request(iris.question), askedBy: 'U1> <!channel' }).blocks)).not.toContain('Asked by');
  });

  it('GIVEN a question too long for a button value THEN the value is stored and still decodes', () => {
    const codec = createValueCodec();
    const long = 'why '.repeat(600).trim();
    const { blocks } = renderAnswer({ ...first, question: long }, { request: request(long), codec });
    for (const v of buttons(blocks).values()) expect(v.length).toBeLessThanOrEqual(MAX_VALUE_CHARS);
    expect(codec.decode<MoreValue>(buttons(blocks).get('quotebot_more'))?.q).toBe(long);
    expect(codec.decode('stored:unknown')).toBeUndefined();
  });

  it('GIVEN the dev-set question q006 THEN the blocks match the reviewed rendering', () => {
    const turkey = fixture("find the Turkey example of IOM shaping a government's migration bureaucracy from the inside");
    const msg = renderAnswer(page(turkey, { question: turkey.question, k: 5 }), { request: request(turkey.question) });
    const golden = JSON.parse(readFileSync(new URL('./fixtures/rendered-q006.json', import.meta.url), 'utf8')) as unknown;
    expect(msg).toEqual(golden);
  });
});

describe('renderCite and renderNotice', () => {
  it('GIVEN a Cite value THEN the reply holds the quote and the full reference, ready to paste', () => {
    const q = fixture('what is IRIS?').quotes[2]!;
    const msg = renderCite({ quote: q.text, full: q.citation.full });
    const t = unescapeSlack(texts(msg.blocks).join('\n'));
    expect(t).toContain(`“${q.text}” ${q.citation.full}`);
    expect(msg.text).toContain(q.citation.full);
  });

  it('GIVEN a notice THEN it is escaped text with a fallback', () => {
    const msg = renderNotice(MESSAGES.apology);
    expect(msg.text).toBe(MESSAGES.apology);
    expect(renderNotice('<!channel> hi').text).toBe('&lt;!channel&gt; hi');
  });
});
