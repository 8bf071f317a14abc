import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConvertedText } from '../../src/core/ingest/converted-text.js';

const corpus = (f: string) => readFileSync(`corpus/${f}`, 'utf8');
// STRUCTURE.md §0: body units, numbered footnotes, headings (plain headings of the annexes counted as in §2.2)
const EXPECTED: Record<string, { units: number; notes: number; headings: number; authorNote: boolean }> = {
  'chuang-iom-and-new-global-migration-governance.txt': { units: 102, notes: 347, headings: 19, authorNote: true },
  'guild-grant-groenendijk-iom-and-the-un-unfinished-business.txt': { units: 56 + 19, notes: 80, headings: 14, authorNote: false },
  'crepeau-atak-global-migration-governance.txt': { units: 90, notes: 119, headings: 16, authorNote: true },
  'sherwood-bradley-holding-iom-to-account.txt': { units: 35, notes: 95, headings: 11, authorNote: false },
  'bradley-who-and-what-is-iom-for.txt': { units: 58, notes: 124, headings: 8, authorNote: false },
};

describe('PDF-converted text: the shipped corpus', () => {
  for (const [file, want] of Object.entries(EXPECTED)) {
    describe(file, () => {
      const doc = parseConvertedText(corpus(file), `corpus/${file}`);
      const units = doc.blocks.filter((b) => b.kind !== 'heading' && b.kind !== 'table');
      it('GIVEN the file THEN paragraph, footnote and heading counts are within 3% of STRUCTURE.md', () => {
        expect(Math.abs(units.length - want.units)).toBeLessThanOrEqual(Math.ceil(want.units * 0.03));
        expect(doc.footnotes.filter((f) => typeof f.n === 'number').length).toBe(want.notes);
        expect(doc.blocks.filter((b) => b.kind === 'heading').length).toBe(want.headings);
        expect(doc.footnotes.some((f) => f.n === '*')).toBe(want.authorNote);
      });
      it('THEN footnotes are numbered 1..N without gaps (missing bodies reported as warnings)', () => {
        const ns = doc.footnotes.filter((f) => typeof f.n === 'number').map((f) => f.n as number);
        expect(ns).toEqual(Array.from({ length: ns.length }, (_, i) => i + 1));
        for (const f of doc.footnotes.filter((x) => x.status === 'missing_body')) {
          expect(doc.warnings.join('\n')).toContain(String(f.n));
        }
      });
      it('THEN no markup or boilerplate is left in any block or note', () => {
        const body = doc.blocks.map((b) => b.text).join('\n');
        const all = [body, ...doc.footnotes.map((f) => f.text)].join('\n');
        for (const bad of ['<sup>', '&quot;', '&amp;', '\\_', '$\\it', 'Please be advised', 'jurisquare', 'this juri']) {
          expect(all).not.toContain(bad);
        }
        // an author's affiliation note may name the university; the cover page must not survive in the body
        expect(body).not.toContain('Radboud');
      });
      it('THEN every footnote a body block cites exists, and links back to it', () => {
        for (const b of doc.blocks) {
          for (const n of b.footnotes) {
            const f = doc.footnotes.find((x) => x.n === n);
            expect(f, `note ${n}`).toBeDefined();
            if (f!.status !== 'missing_body') expect(f!.citedBy).toContain(b.paragraph);
          }
        }
      });
    });
  }

  it('GIVEN the unmarked-footnote file THEN notes are numbered by position exactly as catalogued (spot checks)', () => {
    const doc = parseConvertedText(corpus('crepeau-atak-global-migration-governance.txt'), 'x');
    const lineOf = (n: number) => doc.footnotes.find((f) => f.n === n)!.spans.map((s) => s.line);
    expect(lineOf(1)).toEqual([25]);
    expect(lineOf(48)).toEqual([209]);
    expect(lineOf(96)).toEqual([395, 403]);
    expect(lineOf(119)).toEqual([513]);
  });

  it('GIVEN the Guild paper (superscript markers only) THEN dates keep their day and note 73 keeps its page-crossing rest', () => {
    const doc = parseConvertedText(corpus('guild-grant-groenendijk-iom-and-the-un-unfinished-business.txt'), 'x');
    const body = doc.blocks.map((b) => b.text).join('\n');
    expect(body).toContain('On 25 July 2016, IOM entered into formal legal relationship with the UN');
    expect(body).toContain('IOM Council of 30 June 2016');
    expect(body).not.toContain('was a substantial diminution');
    expect(doc.blocks.flatMap((b) => b.refs ?? []).filter((r) => r.form === 'bare')).toEqual([]);
    const note73 = doc.footnotes.find((f) => f.n === 73)!;
    expect(note73.spans.map((s) => s.line)).toEqual([289, 303, 305]);
    expect(note73.text).toContain('in the camp was a substantial diminution of national support for the camp');
  });

  it('GIVEN the Chuang article THEN titles, authors and mid-word page joins come out right', () => {
    const doc = parseConvertedText(corpus('chuang-iom-and-new-global-migration-governance.txt'), 'x');
    expect(doc.meta.title).toBe('The International Organization for Migration and New Global Migration Governance');
    expect(doc.meta.authors).toEqual(['Janie A. Chuang']);
    const text = doc.blocks.map((b) => b.text).join('\n');
    expect(text).toContain('Unfortunately');
    expect(text).toContain('multi-stakeholder');
    expect(text).toContain('non-compliance');
  });
});

const synthetic = [
  '# A Study of Things',
  'Jane Roe and John Doe',
  '## I. First Part',
  'The first paragraph cites a source.¹ It then runs on to the end of the page where it is cut in the mid-',
  '¹ Jane Roe, Things (2020) 1.',
  '² Another note, cut at the page end and continued',
  'dle of a word and ends here.³',
  'on the next page (2021).',
  '³ Third note.',
  '### A. Sub Part',
  'A closed paragraph that says:',
  'A block quote stands here.',
  'this jurisquare copy is licenced to Someone',
].join('\n\n');

describe('PDF-converted text: rule families on a synthetic document', () => {
  const doc = parseConvertedText(synthetic, 'synthetic.txt');
  it('GIVEN a paragraph cut mid-word at a page end THEN it is rejoined after the footnote block without the hyphen', () => {
    expect(doc.blocks.find((b) => b.kind === 'paragraph')!.text).toContain('in the middle of a word and ends here.');
  });
  it('GIVEN a footnote cut at the page end THEN its unmarked continuation is joined to it', () => {
    expect(doc.footnotes.find((f) => f.n === 2)!.text).toBe('Another note, cut at the page end and continued on the next page (2021).');
  });
  it('GIVEN superscript markers THEN references are removed from the text and recorded', () => {
    const p = doc.blocks.find((b) => b.kind === 'paragraph')!;
    expect(p.text).not.toMatch(/[¹²³]/);
    expect(p.footnotes).toEqual([1, 3]);
  });
  it('GIVEN labelled markdown headings THEN levels come from labels and section paths nest', () => {
    const h = doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level]);
    expect(h).toEqual([
      ['I. First Part', 1],
      ['A. Sub Part', 2],
    ]);
    expect(doc.blocks.find((b) => b.kind === 'block_quote')?.section).toEqual(['I. First Part', 'A. Sub Part']);
  });
  it('GIVEN a licence watermark THEN it is dropped; title and authors come from the front matter', () => {
    expect(doc.blocks.some((b) => /jurisquare/.test(b.text))).toBe(false);
    expect(doc.meta.title).toBe('A Study of Things');
    expect(doc.meta.authors).toEqual(['Jane Roe', 'John Doe']);
  });
});

const supStyle = [
  '# Law Review Article on Things',
  'Ann Author\\*',
  '#### I. Background',
  'States cooperate on migration.<sup>1</sup> They also meet often, as the record shows. 2 Oversight remains weak in practice. 3',
  '<sup>\\*</sup> Professor of Law.',
  '<sup>1.</sup> First source, 12 (2020).',
  '- $2.\\,$  Second source, 7 (2019).',
  '- 3. Third source, supra note 1, at 4.',
  '#### II. Analysis',
  'The analysis turns on the GCM.<sup>4</sup>',
  '<sup>4.</sup> Fourth source.',
].join('\n\n');

describe('PDF-converted text: marker styles and bare references', () => {
  const doc = parseConvertedText(supStyle, 'sup-style.md');
  it('GIVEN <sup>N.</sup>, LaTeX-wrapped and list-style note markers THEN every note body is found and numbered', () => {
    expect(doc.footnotes.filter((f) => typeof f.n === 'number').map((f) => [f.n, f.text])).toEqual([
      [1, 'First source, 12 (2020).'],
      [2, 'Second source, 7 (2019).'],
      [3, 'Third source, supra note 1, at 4.'],
      [4, 'Fourth source.'],
    ]);
    expect(doc.footnotes.find((f) => f.n === '*')?.text).toBe('Professor of Law.');
  });
  it('GIVEN bare numbers after sentence ends that continue the note sequence THEN they are references, removed from the text', () => {
    const p = doc.blocks.find((b) => b.kind === 'paragraph')!;
    expect(p.text).toBe('States cooperate on migration. They also meet often, as the record shows. Oversight remains weak in practice.');
    expect(p.footnotes).toEqual([1, 2, 3]);
    expect(p.refs!.map((r) => r.form)).toEqual(['sup', 'bare', 'bare']);
  });
  it('GIVEN a number that is a quantity THEN it stays in the text', () => {
    const d = parseConvertedText(supStyle.replace('as the record shows. 2', 'in 48 States'), 'q.md');
    expect(d.blocks.find((b) => b.kind === 'paragraph')!.text).toContain('in 48 States');
  });
  it('GIVEN markdown # headings with Roman labels THEN levels come from the labels, and the escaped author marker is stripped', () => {
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.level)).toEqual([1, 1]);
    expect(doc.meta.authors).toEqual(['Ann Author']);
  });
});
