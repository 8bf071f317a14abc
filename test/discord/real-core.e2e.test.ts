/**
 * End to end with the production core: the real Discord adapter (real discord.js, fake REST and gateway on
 * 127.0.0.1) over `openCore` on the shipped corpus. What Discord would show must be verbatim corpus text
 * with its short citation, or an honest "not found" with labelled closest matches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { MESSAGES } from '../../src/adapters/shared/messages.js';
import type { Answer, Quote } from '../../src/core/types.js';
import {
  isVerbatimInCorpus,
  openRealCore,
  TURKEY_QUESTION,
  UNANSWERABLE_QUESTION,
  writePayloadIfAsked,
  type RealCore,
} from '../helpers/real-core.js';
import { slash } from './events.js';
import { IDS, type RecordedRequest } from './fake-discord.js';
import { runDiscordOnFake, type Running } from './harness.js';
import { unescape } from './unescape.js';

/** The first question builds the index (about 5 s on this corpus). */
const ANSWER_WAIT_MS = 60_000;

const isEdit = (i: { token: string }) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path === `/webhooks/${IDS.app}/${i.token}/messages/@original`;

/** An embed's quote (blockquote and markdown escaping undone) and its "Cite as" field. */
function shown(embed: APIEmbed): { text: string; cite: string | undefined } {
  const cite = embed.fields?.find((f) => f.name === 'Cite as')?.value;
  return { text: unescape((embed.description ?? '').replace(/^> /gm, '')), cite: cite === undefined ? undefined : unescape(cite) };
}

function expectShownVerbatim(embeds: APIEmbed[], quotes: Quote[]): void {
  expect(embeds.length).toBeGreaterThan(0);
  expect(embeds.length).toBeLessThanOrEqual(quotes.length);
  embeds.forEach((embed, i) => {
    const { text, cite } = shown(embed);
    expect(isVerbatimInCorpus(text), text).toBe(true);
    expect(text).toBe(quotes[i]!.text);
    expect(quotes[i]!.citation.short).toMatch(/\S/);
    expect(cite).toBe(quotes[i]!.citation.short);
    expect(embed.footer?.text).toBe(quotes[i]!.citation.full);
  });
}

describe('GIVEN the Discord adapter over the production core and the shipped corpus', () => {
  let real: RealCore;
  let run: Running;
  beforeAll(async () => {
    real = openRealCore();
    run = await runDiscordOnFake(real.core);
  });
  afterAll(async () => {
    await run?.stop();
    real?.dispose();
  });

  async function ask(question: string): Promise<{ edit: RecordedRequest; answer: Answer }> {
    const body = slash('ask', { question });
    await run.fake.dispatch('INTERACTION_CREATE', body);
    const edit = await run.fake.waitFor(isEdit(body), `the answer to "${question}"`, ANSWER_WAIT_MS);
    return { edit, answer: real.answerTo(question) };
  }

  it('GIVEN /ask with the Turkey question (dev q006) THEN one embed per verbatim corpus quote, each with its short citation', async () => {
    const { edit, answer } = await ask(TURKEY_QUESTION);
    writePayloadIfAsked('/tmp/discord-q006.json', edit.body);
    expect(answer.status).toBe('answered');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expectShownVerbatim(edit.body.embeds, answer.quotes);
    // Chuang's article is where the corpus tells the Turkey story (the dev set's gold passages).
    expect(answer.quotes.some((q) => q.document.file.endsWith('chuang-iom-and-new-global-migration-governance.txt'))).toBe(true);
  });

  it('GIVEN a question the corpus cannot answer THEN it says so and shows the closest matches, labelled as not answering it', async () => {
    const { edit, answer } = await ask(UNANSWERABLE_QUESTION);
    expect(answer.status).toBe('not_found');
    expect(answer.closest.length).toBeGreaterThan(0);
    expect(edit.body.content).toBe(`${MESSAGES.notFound}\n${MESSAGES.closestLabel}`);
    const embeds: APIEmbed[] = edit.body.embeds;
    embeds.forEach((e, i) => expect(e.title).toMatch(new RegExp(`^Closest match ${i + 1}: `)));
    expectShownVerbatim(embeds, answer.closest);
  });
});
