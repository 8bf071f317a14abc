import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseK, runEval } from '../../src/adapters/cli/commands/eval.js';
import type { AskRequest, Core } from '../../src/core/types.js';
import { answered, notFound, quote } from './helpers.js';

const SOURCE = [
  'Intro paragraph about nothing in particular.',
  'The IOM<sup>3</sup> was founded in 1951 as PICMME, outside the United Nations system entirely.',
  'In 2016 the IOM became a related organization of the United Nations after a long negotiation.',
].join('\n\n');

const QUESTIONS = [
  { id: 'f1', question: 'When was IOM founded?', kind: 'fact', answerable: true, gold: [{ file: 'iom.txt', quote: 'The IOM was founded in 1951 as PICMME, outside the United Nations system entirely.' }] },
  { id: 'f2', question: 'When did IOM join the UN?', kind: 'fact', answerable: true, gold: [{ file: 'iom.txt', quote: 'In 2016 the IOM became a related organization of the United Nations after a long negotiation.' }] },
  { id: 'u1', question: 'What is the IOM budget for 2040?', kind: 'unanswerable', answerable: false, gold: [] },
];

/** A fake Core port: answers from a fixed table and records what it was asked. */
function fakeCore(): Core & { asked: AskRequest[]; calls: string[] } {
  const founded = 'The IOM was founded in 1951 as PICMME, outside the United Nations system entirely.';
  const table: Record<string, () => ReturnType<typeof answered>> = {
    'When was IOM founded?': () => answered([quote(founded, founded, 'iom.txt')], 120),
    // Wrong passage, and a quote that is not in the source (a fidelity bug the report must show).
    'When did IOM join the UN?': () => answered([quote('Intro paragraph about nothing in particular.', undefined, 'iom.txt'), quote('The IOM joined the UN in 2015 by treaty.', undefined, 'iom.txt')], 80),
    'What is the IOM budget for 2040?': () => notFound([], 30),
  };
  const asked: AskRequest[] = [];
  const calls: string[] = [];
  return {
    asked,
    calls,
    async ask(req) {
      asked.push(req);
      calls.push('ask');
      return { ...table[req.question]!(), question: req.question };
    },
    async documents() {
      calls.push('documents');
      return [];
    },
  };
}

describe('runEval (quotebot eval)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quotebot-eval-'));
    await writeFile(path.join(dir, 'iom.txt'), SOURCE);
    await writeFile(path.join(dir, 'set.jsonl'), QUESTIONS.map((q) => JSON.stringify(q)).join('\n') + '\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a question set and a core THEN every question is asked with k, answers are saved in order, and the report scores them', async () => {
    const core = fakeCore();
    const progress: string[] = [];
    const out = path.join(dir, 'answers.jsonl');
    const { report } = await runEval(
      { file: path.join(dir, 'set.jsonl'), k: 7, out },
      { core, corpusDir: dir, onProgress: (done, total, id) => progress.push(`${done}/${total} ${id}`) },
    );
    expect(core.asked.map((r) => [r.question, r.k])).toEqual(QUESTIONS.map((q) => [q.question, 7]));
    expect(progress).toEqual(['1/3 f1', '2/3 f2', '3/3 u1']);
    // The index is loaded (via documents()) before the first timed question.
    expect(core.calls).toEqual(['documents', 'ask', 'ask', 'ask']);

    const saved = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(saved.map((a) => [a.question, a.status])).toEqual([
      ['When was IOM founded?', 'answered'],
      ['When did IOM join the UN?', 'answered'],
      ['What is the IOM budget for 2040?', 'not_found'],
    ]);

    expect(report.overall).toMatchObject({ questions: 3, quoteHitAt5: 0.5, passageHitAt1: 0.5, abstention: 1, falseAbstention: 0 });
    // Sources were loaded from the corpus dir: the footnoted quote verifies, the invented one does not.
    expect(report.overall).toMatchObject({ quotesChecked: 3, quotesFaithful: 2 });
    expect(report.unfaithful).toEqual([expect.objectContaining({ questionId: 'f2', reason: 'not_in_source', file: 'iom.txt' })]);
  });

  it('GIVEN a missing question file THEN BAD_INPUT with a hint, and the core is never asked', async () => {
    const core = fakeCore();
    await expect(runEval({ file: path.join(dir, 'nope.jsonl') }, { core, corpusDir: dir })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      hint: expect.stringContaining('JSONL'),
    });
    expect(core.asked).toEqual([]);
  });

  it('GIVEN a bad JSON line THEN BAD_INPUT names its line number before any question is asked', async () => {
    const file = path.join(dir, 'bad.jsonl');
    await writeFile(file, `${JSON.stringify(QUESTIONS[0])}\n{"id": "x", "question": \n`);
    const core = fakeCore();
    await expect(runEval({ file }, { core, corpusDir: dir })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('bad.jsonl:2'),
    });
    expect(core.asked).toEqual([]);
  });

  it('GIVEN --k values THEN whole numbers 1–50 pass and anything else is BAD_INPUT', () => {
    expect(parseK('5')).toBe(5);
    for (const bad of ['0', '2.5', 'five', '21']) expect(() => parseK(bad)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
