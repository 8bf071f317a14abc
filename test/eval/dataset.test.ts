import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFaithful, lettersAndDigits, parseEvalItems, scoreTokens } from '../../src/core/eval/metrics.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SETS = [
  { name: 'dev', file: path.join(ROOT, 'test/eval/dev.jsonl'), size: 103 },
  { name: 'held-out', file: path.join(ROOT, 'test/eval/heldout.jsonl'), size: 113 },
];

describe.each(SETS)('the shipped $name set', ({ file, size }) => {
  const items = parseEvalItems(readFileSync(file, 'utf8'), file);

  it('GIVEN the set THEN it parses with unique ids, gold only on answerable ones', () => {
    expect(items).toHaveLength(size);
    expect(new Set(items.map((i) => i.id)).size).toBe(size);
    for (const i of items) expect(i.gold.length > 0, i.id).toBe(i.answerable);
    expect(items.filter((i) => i.kind === 'unanswerable').every((i) => !i.answerable)).toBe(true);
  });

  it('GIVEN every gold quote THEN it is an exact substring of its corpus/ file, 8–40 words', () => {
    const files = new Map<string, string>();
    const normalised = new Map<string, string>();
    for (const { id, gold } of items) {
      for (const g of gold) {
        if (!files.has(g.file)) files.set(g.file, readFileSync(path.join(ROOT, 'corpus', g.file), 'utf8'));
        const text = files.get(g.file)!;
        expect(text.includes(g.quote), `${id}: ${g.quote.slice(0, 60)}`).toBe(true);
        if (!normalised.has(g.file)) normalised.set(g.file, lettersAndDigits(text));
        expect(isFaithful(g.quote, normalised.get(g.file)!)).toBe(true);
        const n = scoreTokens(g.quote).length;
        expect(n >= 8 && n <= 45, `${id} has ${n} tokens`).toBe(true);
      }
    }
    expect(files.size).toBeGreaterThanOrEqual(5);
  });
});

describe('parseEvalItems', () => {
  const good = JSON.stringify({ id: 'q1', question: 'What?', kind: 'fact', answerable: true, gold: [{ file: 'a.txt', quote: 'x y z' }] });

  it('GIVEN valid lines and blank lines THEN it returns the items and keeps extra fields', () => {
    const extra = JSON.stringify({ id: 'q2', question: 'Why?', kind: 'unanswerable', answerable: false, gold: [], difficulty: 'easy' });
    const items = parseEvalItems(`${good}\n\n${extra}\n`, 'set.jsonl');
    expect(items.map((i) => i.id)).toEqual(['q1', 'q2']);
    expect(items[1]!.difficulty).toBe('easy');
  });

  it('GIVEN invalid JSON on line 3 THEN BAD_INPUT names the file and line 3', () => {
    expect(() => parseEvalItems(`${good}\n\n{"id": "q2",`, 'set.jsonl')).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringContaining('set.jsonl:3: not valid JSON') }),
    );
  });

  it('GIVEN a line missing a field THEN BAD_INPUT names the line and the field, with a hint', () => {
    const bad = JSON.stringify({ id: 'q2', question: 'Why?', kind: 'fact', gold: [] });
    let error: unknown;
    try {
      parseEvalItems(`${good}\n${bad}`, 'set.jsonl');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/set\.jsonl:2: .*answerable/), hint: expect.any(String) });
  });

  it('GIVEN a duplicate id, an answerable question without gold, or no questions THEN BAD_INPUT', () => {
    expect(() => parseEvalItems(`${good}\n${good}`)).toThrow(/input:2: duplicate id "q1"/);
    const noGold = JSON.stringify({ id: 'q3', question: 'Hm?', kind: 'fact', answerable: true, gold: [] });
    expect(() => parseEvalItems(noGold)).toThrow(/input:1: .*no gold/);
    expect(() => parseEvalItems('\n \n')).toThrow(/no questions/);
  });
});
