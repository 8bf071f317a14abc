import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { askBatch, parseBatchLine, parseK, parseStyle, runBatch } from '../../src/adapters/cli/commands/ask.js';
import { isQuotebotError, QuotebotError } from '../../src/core/errors.js';
import { createFakeCore } from './fake-core.js';
import { MESSAGES } from '../../src/adapters/shared/messages.js';

async function batch(lines: string[], request = {}) {
  const core = createFakeCore();
  const written: string[] = [];
  const result = await runBatch({ core, lines, request, write: (l) => written.push(l) });
  return { result, written, rows: written.map((l) => JSON.parse(l) as Record<string, unknown>), core };
}

describe('ask --batch (runBatch)', () => {
  it('GIVEN good lines THEN one JSON answer per line, in order, each echoing its id; extra fields are ignored', async () => {
    const { rows, written, result, core } = await batch([
      '{"id": "q1", "question": "When was IOM founded?", "expected": "1951"}',
      '{"question": "Does the constitution contain a protection mandate?", "id": 2}',
      '{"id": "q3", "question": "Who won the football championship?"}',
    ]);
    expect(written.every((l) => !l.includes('\n'))).toBe(true);
    expect(rows.map((r) => r.id)).toEqual(['q1', 2, 'q3']);
    expect(rows.map((r) => r.status)).toEqual(['answered', 'answered', 'not_found']);
    expect((rows[0].quotes as { text: string }[])[0].text).toBe('IOM was founded in 1951 to move migrants out of post-war Europe.');
    expect(rows[0]).not.toHaveProperty('expected');
    expect(core.requests.map((r) => r.question)).toEqual([
      'When was IOM founded?',
      'Does the constitution contain a protection mandate?',
      'Who won the football championship?',
    ]);
    expect(result).toEqual({ total: 3, failed: 0 });
  });

  it('GIVEN bad lines among good ones THEN each bad line yields {id, error}, the rest are answered, and failures are counted', async () => {
    const { rows, result } = await batch([
      '{"id": "a", "question": "When was IOM founded?"}',
      'not json at all',
      '{"id": "c"}',
      '{"question": "no id here"}',
      '["an", "array"]',
      '{"id": "f", "question": "please explode"}',
      '{"id": "g", "question": "toolong"}',
      '{"id": "h", "question": "When was IOM founded?"}',
    ]);
    expect(rows.map((r) => r.id)).toEqual(['a', null, 'c', null, null, 'f', 'g', 'h']);
    expect(rows[1].error).toMatch(/^line 2: not valid JSON/);
    expect(rows[2].error).toBe('line 3: missing "question" (a non-empty string)');
    expect(rows[3].error).toBe('line 4: missing "id" (a string or a number)');
    expect(rows[4].error).toMatch(/^line 5: expected a JSON object/);
    expect(rows[5]).toEqual({ id: 'f', error: 'fake core exploded' });
    expect(rows[6]).toEqual({ id: 'g', error: 'Your question is too long (at most 2000 characters).', code: 'QUESTION_TOO_LONG' });
    expect(rows[7].status).toBe('answered');
    expect(result).toEqual({ total: 8, failed: 6 });
  });

  it('GIVEN blank lines THEN they are skipped, not counted, and line numbers still refer to the file', async () => {
    const { rows, result } = await batch(['', '{"id": 1, "question": "When was IOM founded?"}', '   ', '{oops']);
    expect(rows).toHaveLength(2);
    expect(rows[1].error).toMatch(/^line 4: /);
    expect(result).toEqual({ total: 2, failed: 1 });
  });

  it('GIVEN --k, --doc and --style THEN every question is asked with them', async () => {
    const { core } = await batch(['{"id": 1, "question": "When was IOM founded?"}', '{"id": 2, "question": "migrants"}'], {
      k: 3,
      style: 'apa',
      doc: 'chuang.txt',
    });
    expect(core.requests.map(({ k, style, doc }) => ({ k, style, doc }))).toEqual([
      { k: 3, style: 'apa', doc: 'chuang.txt' },
      { k: 3, style: 'apa', doc: 'chuang.txt' },
    ]);
  });

  it('GIVEN an async line source (a file) THEN it is read in order too', async () => {
    async function* lines() {
      yield '{"id": "x", "question": "When was IOM founded?"}';
      yield '{"id": "y", "question": "protection mandate"}';
    }
    const written: string[] = [];
    await runBatch({ core: createFakeCore(), lines: lines(), write: (l) => written.push(l) });
    expect(written.map((l) => JSON.parse(l).id)).toEqual(['x', 'y']);
  });

  it('GIVEN the index cannot be read THEN the batch stops with that error instead of failing every line', async () => {
    const err = await batch([
      '{"id": 1, "question": "When was IOM founded?"}',
      '{"id": 2, "question": "brokenindex"}',
      '{"id": 3, "question": "When was IOM founded?"}',
    ]).catch((e: unknown) => e);
    expect(isQuotebotError(err, 'INDEX_UNREADABLE')).toBe(true);
  });
});

describe('ask --batch FILE (askBatch)', () => {
  it('GIVEN a JSONL file and a core that takes a while to open THEN no line is lost and the exit code is 1 for the bad line', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const core = createFakeCore();
    const code = await askBatch({ out: (t) => out.push(t), err: (t) => err.push(t) }, 'test/cli/fixtures/batch.jsonl', { k: 2 }, async () => {
      await sleep(30); // the production core imports and opens lazily
      return core;
    });
    expect(out.map((l) => JSON.parse(l).id)).toEqual(['q1', null, 'q3']);
    expect(JSON.parse(out[1]).error).toMatch(/^line 3: not valid JSON/);
    expect(err).toEqual([MESSAGES.loading, 'Answered 2 of 3 questions; 1 failed.']);
    expect(code).toBe(1);
  });

  it('GIVEN a missing file THEN BAD_INPUT before the core is opened', async () => {
    let opened = false;
    const e = await askBatch({ out: () => {}, err: () => {} }, 'test/cli/fixtures/nope.jsonl', {}, async () => {
      opened = true;
      return createFakeCore();
    }).catch((x: unknown) => x);
    expect(isQuotebotError(e, 'BAD_INPUT')).toBe(true);
    expect((e as QuotebotError).message).toBe('cannot read batch file test/cli/fixtures/nope.jsonl');
    expect(opened).toBe(false);
  });
});

describe('parseBatchLine', () => {
  it('GIVEN surrounding spaces in the question THEN they are trimmed', () => {
    expect(parseBatchLine('{"id":"a","question":"  What?  "}')).toEqual({ ok: true, id: 'a', question: 'What?' });
  });
});

describe('option validation', () => {
  it('GIVEN --k outside 1..20 or not a whole number THEN BAD_INPUT with a hint', () => {
    for (const bad of ['0', '21', '2.5', 'five', '-1', '']) {
      const e = (() => {
        try {
          parseK(bad);
        } catch (err) {
          return err;
        }
      })();
      expect(isQuotebotError(e, 'BAD_INPUT'), bad).toBe(true);
      expect((e as QuotebotError).message).toContain('--k must be a whole number from 1 to 20');
      expect((e as QuotebotError).hint).toBeTruthy();
    }
    expect(parseK('1')).toBe(1);
    expect(parseK(' 20 ')).toBe(20);
    expect(parseK(undefined)).toBeUndefined();
  });

  it('GIVEN an unknown style THEN BAD_INPUT naming the valid ones; known ones in any case are accepted', () => {
    expect(() => parseStyle('chicago')).toThrowError(/unknown citation style "chicago"/);
    try {
      parseStyle('mla');
    } catch (e) {
      expect((e as QuotebotError).code).toBe('BAD_INPUT');
      expect((e as QuotebotError).hint).toBe('use one of: oscola, bluebook, apa');
    }
    expect(parseStyle('Bluebook')).toBe('bluebook');
    expect(parseStyle(undefined)).toBeUndefined();
  });
});

describe('the quotebot binary', () => {
  it('GIVEN `quotebot ask --help` THEN it exits 0 and documents the options', () => {
    const r = spawnSync(process.execPath, ['bin/quotebot.js', 'ask', '--help'], { encoding: 'utf8', cwd: process.cwd(), timeout: 60_000 });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    for (const option of ['--k <n>', '--doc <file>', '--style <style>', '--json', '--batch <file>']) expect(r.stdout).toContain(option);
  });
});
