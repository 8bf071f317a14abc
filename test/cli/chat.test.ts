import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PROMPT, runChat, type ChatOptions } from '../../src/adapters/cli/commands/chat.js';
import { MESSAGES } from '../../src/adapters/shared/messages.js';
import { createFakeCore, type FakeCore } from './fake-core.js';

interface Run {
  out: string;
  err: string;
  core: FakeCore;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** Feed `lines` to a chat over PassThrough streams (then end the input) and return what it printed. */
async function drive(lines: string[], options: Partial<ChatOptions> = {}): Promise<Run> {
  const core = createFakeCore();
  const input = new PassThrough();
  const output = new PassThrough();
  const errors = new PassThrough();
  const out = collect(output);
  const err = collect(errors);
  const done = runChat({ core, input, output, errors, isTTY: false, width: 100, ...options });
  input.end(lines.map((l) => l + '\n').join(''));
  await done;
  return { out: out(), err: err(), core };
}

const MIGRANTS = 'Are migrants informed?'; // five fake passages match

describe('runChat, piped input', () => {
  it('GIVEN two questions on stdin THEN each is answered in order, without prompt, and the chat ends at EOF', async () => {
    const { out, err, core } = await drive(['When was IOM founded?', 'Does the constitution contain a protection mandate?']);
    expect(core.requests.map((r) => r.question)).toEqual(['When was IOM founded?', 'Does the constitution contain a protection mandate?']);
    expect(out).not.toContain(PROMPT);
    expect(out).not.toContain('/help');
    expect(out.indexOf('founded in 1951')).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('no explicit protection mandate')).toBeGreaterThan(out.indexOf('founded in 1951'));
    expect(out).not.toContain('\u001b');
    expect(err).toBe(MESSAGES.loading + '\n');
  });

  it('GIVEN several answers THEN each is followed by a blank line', async () => {
    const { out } = await drive(['When was IOM founded?', 'Does the constitution contain a protection mandate?']);
    const blocks = out.split('\n\n').filter(Boolean);
    expect(blocks.map((b) => b.slice(0, 4))).toEqual(['1. “', '1. “']);
    expect(out.endsWith('\n\n')).toBe(true);
  });

  it('GIVEN empty and blank lines THEN they are ignored', async () => {
    const { core, out, err } = await drive(['', '   ', 'When was IOM founded?', '']);
    expect(core.requests).toHaveLength(1);
    expect(out).toMatch(/^1\. “IOM was founded in 1951/);
    expect(err).toBe(MESSAGES.loading + '\n');
  });

  it('GIVEN only blank lines THEN the core is never asked and no loading note is printed', async () => {
    const { core, out, err } = await drive(['', '  ']);
    expect(core.requests).toHaveLength(0);
    expect(out).toBe('');
    expect(err).toBe('');
  });

  it('GIVEN a question the corpus does not answer THEN the not-found statement and the labelled closest matches', async () => {
    const { out } = await drive(['Who won the football championship?']);
    expect(out.startsWith(MESSAGES.notFound)).toBe(true);
    expect(out).toContain(MESSAGES.closestLabel);
  });
});

describe('runChat commands', () => {
  it('GIVEN a question then /more THEN the core is asked again with offset advanced by k and numbering continues', async () => {
    const { out, core } = await drive([MIGRANTS, '/more', '/more'], { k: 2 });
    expect(core.requests.map((r) => [r.question, r.k, r.offset])).toEqual([
      [MIGRANTS, 2, 0],
      [MIGRANTS, 2, 2],
      [MIGRANTS, 2, 4],
    ]);
    for (const n of [1, 2, 3, 4, 5]) expect(out).toMatch(new RegExp(`^${n}\\. “`, 'm'));
    expect(out).not.toMatch(/^6\. /m);
  });

  it('GIVEN the last answer said there is nothing more THEN /more says so without asking the core', async () => {
    const { out, core } = await drive([MIGRANTS, '/more'], { k: 5 });
    expect(core.requests).toHaveLength(1);
    expect(out.trimEnd().endsWith(MESSAGES.noMore)).toBe(true);
  });

  it('GIVEN /more before any question THEN a hint, and no call to the core', async () => {
    const { out, core } = await drive(['/more', '/cite 1']);
    expect(core.requests).toHaveLength(0);
    expect(out).toBe('Ask a question first.\nAsk a question first.\n');
  });

  it('GIVEN /cite 1 THEN the first quote and its full reference, ready to paste', async () => {
    const { out } = await drive(['When was IOM founded?', '/cite 1']);
    expect(out.endsWith(`‘IOM was founded in 1951 to move migrants out of post-war Europe.’\n[oscola] Janie A. Chuang, 'The International Organization for Migration and New Global Migration Governance' (2024), para 1\n\n`)).toBe(true);
  });

  it('GIVEN /cite N after /more THEN N counts across both answers', async () => {
    const { out } = await drive([MIGRANTS, '/more', '/cite 3'], { k: 2 });
    const third = out.split('\n').find((l) => l.startsWith('3. “'))!;
    const quoted = third.slice('3. “'.length, -1);
    expect(out).toContain(`‘${quoted}’\n[oscola]`);
  });

  it('GIVEN /cite with no such quote THEN a usage line', async () => {
    const { out } = await drive(['When was IOM founded?', '/cite 9', '/cite x']);
    const count = (out.match(/^\d+\. “/gm) ?? []).length;
    expect(out).toContain(`Usage: /cite N, where N is a quote number from 1 to ${count}.\nUsage: /cite N`);
  });

  it('GIVEN /style bluebook THEN later questions ask for Bluebook citations', async () => {
    const { out, core } = await drive(['/style bluebook', 'When was IOM founded?', '/cite 1'], { style: 'oscola' });
    expect(out).toContain('Citation style set to bluebook.');
    expect(core.requests[0].style).toBe('bluebook');
    expect(out).toContain('“IOM was founded in 1951 to move migrants out of post-war Europe.”\n[bluebook] ');
  });

  it('GIVEN /style with an unknown name THEN a clear message, and the style is unchanged', async () => {
    const { out, core } = await drive(['/style chicago', 'When was IOM founded?'], { style: 'apa' });
    expect(out).toContain('unknown citation style "chicago"');
    expect(core.requests[0].style).toBe('apa');
  });

  it('GIVEN /help THEN every command is listed; GIVEN an unknown command THEN a pointer to /help', async () => {
    const { out } = await drive(['/help', '/frobnicate']);
    for (const c of ['/more', '/cite N', '/style', '/help', '/quit']) expect(out).toContain(c);
    expect(out).toContain('Unknown command /frobnicate. Type /help for the commands.');
  });

  it('GIVEN /quit THEN the chat ends and later lines are not read', async () => {
    const { core } = await drive(['When was IOM founded?', '/quit', 'Does the constitution contain a protection mandate?']);
    expect(core.requests).toHaveLength(1);
  });
});

describe('runChat failures', () => {
  it('GIVEN a question that makes the core fail THEN the apology is printed and the next question is answered', async () => {
    const { out, core } = await drive(['please explode now', 'When was IOM founded?']);
    expect(core.requests).toHaveLength(2);
    expect(out.startsWith(MESSAGES.apology + '\n')).toBe(true);
    expect(out).toContain('1. “IOM was founded in 1951');
  });

  it('GIVEN a question rejected as too long THEN its own message is printed, not the apology', async () => {
    const { out } = await drive(['toolong question']);
    expect(out).toBe('Your question is too long (at most 2000 characters).\n');
  });

  it('GIVEN the core fails on /more THEN the apology, and the chat goes on', async () => {
    const core = createFakeCore();
    let calls = 0;
    const flaky = {
      ask: async (req: Parameters<typeof core.ask>[0]) => {
        if (++calls === 2) throw new Error('transient');
        return core.ask(req);
      },
    };
    const { out } = await drive([MIGRANTS, '/more', '/more'], { core: flaky, k: 2 });
    expect(out).toContain(MESSAGES.apology);
    expect(out).toMatch(/^3\. “/m);
  });
});

describe('runChat in a terminal', () => {
  it('GIVEN an interactive session THEN a greeting and the prompt, answers between prompts, and /quit ends it', async () => {
    const { out, core } = await drive(['When was IOM founded?', '/quit'], { isTTY: true, color: false });
    expect(core.requests).toHaveLength(1);
    expect(out).toContain('Type /help for commands');
    expect(out.split(PROMPT).length - 1).toBeGreaterThanOrEqual(2);
    expect(out).toContain('1. “IOM was founded in 1951');
  });

  it('GIVEN Ctrl-D (end of input) in a terminal THEN the chat ends cleanly', async () => {
    const { core } = await drive([], { isTTY: true, color: false });
    expect(core.requests).toHaveLength(0);
  });
});
