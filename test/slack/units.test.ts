/** Small pure pieces of the adapter: escaping, bounded memory, the concurrency cap, /ask parsing. */
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/adapters/shared/bounded-cache.js';
import { clip } from '../../src/adapters/shared/clip.js';
import { createLimiter } from '../../src/adapters/shared/limiter.js';
import { silentLogger } from '../../src/core/logger.js';
import { escapeMrkdwn, questionFromMessage } from '../../src/adapters/slack/escape.js';
import { firstDelivery } from '../../src/adapters/slack/listener.js';
import { parseAskText } from '../../src/adapters/slack/listeners/ask-command.js';
import type { SlackRuntime } from '../../src/adapters/slack/runtime.js';

/** Just what `firstDelivery` reads: the delivery memory and a logger. */
const dedupeRuntime = (seen: BoundedCache<string, true>) => ({ seen, logger: silentLogger() }) as unknown as SlackRuntime;

describe('escaping', () => {
  it('GIVEN Slack control characters THEN they become entities', () => {
    expect(escapeMrkdwn('a & b <!channel> <@U1> > c')).toBe('a &amp; b &lt;!channel&gt; &lt;@U1&gt; &gt; c');
  });

  it('GIVEN a mention message THEN every mention goes (the bot, people, channels, groups), links read as their label, entities are decoded', () => {
    expect(questionFromMessage('<@UBOT>   what does the report say about <https://x.test|IRIS> &amp; recruitment?')).toBe(
      'what does the report say about IRIS & recruitment?',
    );
    expect(questionFromMessage('<@UBOT> <!here> is 1 &lt; 2')).toBe('is 1 < 2');
    expect(questionFromMessage('<@UBOT> what is IRIS? cc <@U2|maria>')).toBe('what is IRIS?');
    expect(questionFromMessage('what did <#C1|general> decide about <!subteam^S1|@legal>?')).toBe('what did decide about ?');
  });

  it('GIVEN a long text THEN clip keeps the limit and marks the cut', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
    expect(clip('ab😀cd', 4).length).toBeLessThanOrEqual(4);
  });

  it('GIVEN trimEnd (Discord) THEN whitespace before the ellipsis goes; without it (Slack) it stays', () => {
    expect(clip('ab  cdef', 5, { trimEnd: true })).toBe('ab…');
    expect(clip('ab  cdef', 5)).toBe('ab  …');
    expect(clip('ab😀cd', 4, { trimEnd: true })).toBe('ab…');
    expect(clip('abc', 1, { trimEnd: true })).toBe('');
    expect(clip('abc', 1)).toBe('…');
    expect(clip('abc', 0)).toBe('');
  });
});

describe('BoundedCache', () => {
  it('GIVEN more entries than its size THEN the least recently used go first', () => {
    const c = new BoundedCache<string, number>({ max: 3, ttlMs: 1000 });
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3);
    c.get('a');
    c.set('d', 4);
    expect(c.has('b')).toBe(false);
    expect([c.get('a'), c.get('c'), c.get('d')]).toEqual([1, 3, 4]);
    expect(c.size).toBe(3);
  });

  it('GIVEN an entry older than the TTL THEN it is gone', () => {
    let now = 0;
    const c = new BoundedCache<string, true>({ max: 10, ttlMs: 100, now: () => now });
    const rt = dedupeRuntime(c);
    expect(firstDelivery(rt, ['e1'])).toBe(true);
    expect(firstDelivery(rt, ['e1'])).toBe(false);
    now = 101;
    expect(firstDelivery(rt, ['e1'])).toBe(true);
  });

  it('GIVEN 100,000 distinct event ids THEN memory stays at the bound', () => {
    const c = new BoundedCache<string, true>({ max: 500, ttlMs: 60_000 });
    const rt = dedupeRuntime(c);
    for (let i = 0; i < 100_000; i++) firstDelivery(rt, [`Ev${i}`]);
    expect(c.size).toBe(500);
  });
});

describe('createLimiter', () => {
  it('GIVEN 50 tasks and a cap of 4 THEN never more than 4 run at once and all finish in order of arrival', async () => {
    const limit = createLimiter(4);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        limit(async () => {
          started.push(i);
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setImmediate(r));
          running -= 1;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(peak).toBe(4);
    expect(started).toEqual(results);
  });

  it('GIVEN a failing task THEN its slot is released', async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limit(async () => 'ok')).resolves.toBe('ok');
  });
});

describe('parseAskText', () => {
  it('GIVEN --private anywhere THEN the answer is private and the flag is not part of the question', () => {
    expect(parseAskText('--private what is IRIS?', false)).toEqual({ question: 'what is IRIS?', private: true });
    expect(parseAskText('what is IRIS? --private', false)).toEqual({ question: 'what is IRIS?', private: true });
  });

  it('GIVEN private by default THEN --public overrides it; text is unescaped', () => {
    expect(parseAskText('is 1 &lt; 2', true)).toEqual({ question: 'is 1 < 2', private: true });
    expect(parseAskText('--public why', true)).toEqual({ question: 'why', private: false });
  });
});
