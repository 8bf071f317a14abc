import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removedOffsets } from '../../src/core/ingest/clean.js';
import { parseConvertedText } from '../../src/core/ingest/converted-text.js';
import { isFaithful, lettersAndDigits } from '../../src/core/eval/fidelity.js';

describe('footnote quote breaks', () => {
  it('GIVEN cleaned text and its raw line THEN the offsets where source letters were dropped are found', () => {
    expect(removedOffsets('states: "A key', 'states: <sup>&</sup>quot;A key')).toEqual([9]);
    expect(removedOffsets('Dodd & Su', 'Dodd &amp; Su')).toEqual([7]);
    expect(removedOffsets('nothing removed', 'nothing  removed')).toEqual([]);
  });

  it('GIVEN a note over several lines with bullets and an HTML entity THEN each is a break of its passage', () => {
    const text = [
      '# A title',
      '',
      'A body paragraph that cites a note.<sup>1</sup>',
      '',
      '<sup>1.</sup> A factsheet states:',
      '',
      '<sup>&</sup>quot;A key element is the mechanism.',
      '',
      '<sup>•</sup> This mechanism will be complaints-driven.',
      '',
    ].join('\n');
    const doc = parseConvertedText(text, 'x.txt');
    const note = doc.footnotes.find((f) => f.n === 1)!;
    expect(note.text).toMatch(/^A factsheet states:\s*"?A key element is the mechanism\.\s*•? ?This mechanism/);
    expect(note.joins?.length).toBeGreaterThanOrEqual(2);
  });

  it('GIVEN every footnote of the shipped corpus THEN a stretch with at most 2 breaks is found in the source in at most 3 pieces', () => {
    let checked = 0;
    for (const f of readdirSync('corpus').filter((x) => x.endsWith('.txt'))) {
      const raw = readFileSync(join('corpus', f), 'utf8');
      const source = lettersAndDigits(raw);
      const doc = parseConvertedText(raw, f);
      for (const note of doc.footnotes) {
        if (!note.text) continue;
        const cuts = [0, ...(note.joins ?? []), note.text.length];
        // (a join listed three times has pieces in the other order in the source: no stretch crosses it)
        // the longest stretch a quote may take: from one cut to the cut three further on
        for (let i = 0; i + 1 < cuts.length; i++) {
          const piece = note.text.slice(cuts[i], cuts[Math.min(cuts.length - 1, i + 3)]);
          if (piece.replace(/[^\p{L}\p{N}]/gu, '').length < 8) continue;
          expect(isFaithful(piece, source), `${f} n ${note.n}: ${piece.slice(0, 80)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(700);
  });
});

describe('short converted texts', () => {
  it('GIVEN a text with a single note whose number the body cites THEN it is read as a converted PDF and the note is kept', async () => {
    const { ingestDirectory } = await import('../../src/core/ingest/index.js');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'quotebot-one-note-'));
    try {
      writeFileSync(join(dir, 'one.txt'), '# A title\n\nA body paragraph that cites a note.<sup>1</sup>\n\n<sup>1.</sup> The note itself, with its source.\n');
      writeFileSync(join(dir, 'plain.md'), '# Notes\n\nA Markdown file that merely shows a superscript<sup>2</sup> and no note line.\n');
      const { docs } = await ingestDirectory(dir, { root: dir });
      const one = docs.find((d) => d.meta.file.endsWith('one.txt'))!;
      expect(one.footnotes.map((f) => [f.n, f.status, f.text])).toEqual([[1, 'ok', 'The note itself, with its source.']]);
      expect(one.blocks.map((b) => b.text)).not.toContain('1. The note itself, with its source.');
      const plain = docs.find((d) => d.meta.file.endsWith('plain.md'))!;
      expect(plain.blocks.some((b) => b.text.includes('A Markdown file'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
