/**
 * End to end with the production core: the real Slack adapter (real Bolt, signed HTTP on 127.0.0.1) over
 * `openCore` on the shipped corpus, asked through the fake Slack. What Slack would show must be verbatim
 * corpus text with its short citation, or an honest "not found" with labelled closest matches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { unescapeSlack } from '../../src/adapters/slack/escape.js';
import { MESSAGES } from '../../src/adapters/shared/messages.js';
import type { Answer } from '../../src/core/types.js';
import {
  isVerbatimInCorpus,
  openRealCore,
  TURKEY_QUESTION,
  UNANSWERABLE_QUESTION,
  writePayloadIfAsked,
  type RealCore,
} from '../helpers/real-core.js';
import type { RecordedCall } from './helpers/fake-slack.js';
import { mentionEvent, plainText, postedInThread, startSlackHarness, timestamps, type SlackHarness } from './helpers/harness.js';

const nextTs = timestamps(1730000000);
/** The first question builds the index (about 5 s on this corpus). */
const ANSWER_WAIT_MS = 60_000;

/** One quote as the message shows it: its text with the mrkdwn quoting and escaping undone, and its context line. */
interface ShownQuote {
  text: string;
  cite: string;
}

/** The quotes of a posted answer: runs of `> ` sections (a long quote spans several), each followed by its context. */
function shownQuotes(blocks: types.KnownBlock[]): ShownQuote[] {
  const out: ShownQuote[] = [];
  let pieces: string[] = [];
  for (const b of blocks) {
    const text = b.type === 'section' ? b.text?.text : undefined;
    if (text?.startsWith('> ')) {
      pieces.push(unescapeSlack(text.replace(/^> /gm, '')));
      continue;
    }
    if (pieces.length && b.type === 'context') {
      const first = b.elements[0];
      out.push({ text: pieces.join(''), cite: unescapeSlack(first && 'text' in first ? first.text : '') });
    }
    pieces = [];
  }
  return out;
}

/** The closest-match lines of a not-found answer: `_“text”_ — short citation`. */
function closestLines(blocks: types.KnownBlock[]): Array<{ text: string; cite: string }> {
  return blocks.flatMap((b) => {
    if (b.type !== 'context') return [];
    const first = b.elements[0];
    const m = /^_“([\s\S]*)”_ — (.*)$/.exec(unescapeSlack(first && 'text' in first ? first.text : ''));
    return m ? [{ text: m[1]!, cite: m[2]! }] : [];
  });
}

describe('GIVEN the Slack adapter over the production core and the shipped corpus', () => {
  let real: RealCore;
  let h: SlackHarness;
  beforeAll(async () => {
    real = openRealCore();
    h = await startSlackHarness({ core: real.core, mode: 'http' });
  });
  afterAll(async () => {
    await h?.stop();
    real?.dispose();
  });

  async function askByMention(question: string, channel: string): Promise<{ post: RecordedCall; answer: Answer }> {
    const ev = mentionEvent(question, nextTs(), { channel });
    expect((await h.event(ev)).status).toBe(200);
    const post = await h.fake.waitFor(postedInThread(ev.ts), `the answer to "${question}"`, ANSWER_WAIT_MS);
    return { post, answer: real.answerTo(question) };
  }

  it('GIVEN the Turkey question (dev q006) THEN the threaded answer shows verbatim corpus quotes, each with its short citation', async () => {
    const { post, answer } = await askByMention(TURKEY_QUESTION, 'C0REALTURKEY');
    writePayloadIfAsked('/tmp/slack-q006.json', { text: post.args.text, blocks: post.args.blocks });
    expect(answer.status).toBe('answered');
    const shown = shownQuotes(post.args.blocks as types.KnownBlock[]);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThanOrEqual(answer.quotes.length);
    shown.forEach((s, i) => {
      const quote = answer.quotes[i]!;
      expect(isVerbatimInCorpus(s.text), s.text).toBe(true);
      expect(s.text).toBe(quote.text);
      expect(quote.citation.short).toMatch(/\S/);
      expect(s.cite).toBe(`*[${i + 1}]* ${quote.citation.short}`);
    });
    // Chuang's article is where the corpus tells the Turkey story (the dev set's gold passages).
    expect(answer.quotes.some((q) => q.document.file.endsWith('chuang-iom-and-new-global-migration-governance.txt'))).toBe(true);
    // The notification fallback carries the first quote and its citation too.
    expect(unescapeSlack(String(post.args.text))).toContain(`“${answer.quotes[0]!.text}” — ${answer.quotes[0]!.citation.short}`);
  });

  it('GIVEN a question the corpus cannot answer THEN it says so and shows the closest matches, labelled as not answering it', async () => {
    const { post, answer } = await askByMention(UNANSWERABLE_QUESTION, 'C0REALPOPE');
    expect(answer.status).toBe('not_found');
    expect(answer.closest.length).toBeGreaterThan(0);
    const text = plainText(post);
    expect(text).toContain(MESSAGES.notFound);
    expect(text).toContain(MESSAGES.closestLabel);
    expect(text.indexOf(MESSAGES.closestLabel)).toBeGreaterThan(text.indexOf(MESSAGES.notFound));
    const lines = closestLines(post.args.blocks as types.KnownBlock[]);
    expect(lines.map((l) => l.cite)).toEqual(answer.closest.map((c) => c.citation.short));
    for (const l of lines) expect(isVerbatimInCorpus(l.text.replace(/…$/, '')), l.text).toBe(true);
  });
});
