import { describe, expect, it } from 'vitest';
import { parseConvertedText } from '../../src/core/ingest/converted-text.js';
import { isFigure } from '../../src/core/ingest/bare-refs.js';

const paragraphOf = (text: string) => parseConvertedText(text, 'fixture.txt').blocks.find((b) => b.kind === 'paragraph')!;

/** A paper whose footnote markers survived as Unicode superscripts, as in four of the five shipped files. */
const superscripts = (body: string, notes = ['¹ First source (2016).', '² Second source (2016).', '³ IOM Council Resolution No 1317, 30 June 2016.']) =>
  ['# A Paper on Things', 'Jane Roe and John Doe', '## I. The Agreement', body, ...notes].join('\n\n');

/** A paper whose markers are `<sup>` tags, some of them lost so that only a bare number is left. */
const lostMarkers = (body: string) =>
  ['# A Paper on Things', 'Jane Roe and John Doe', '#### I. The Agreement', body, '<sup>1.</sup> First source.', '<sup>2.</sup> Second source.', '<sup>3.</sup> Third source.'].join('\n\n');

describe('bare-number footnote references', () => {
  it('GIVEN a document whose markers are all superscripts THEN a number starting a sentence stays in the text', () => {
    const p = paragraphOf(superscripts('The talks ended in 2016.¹ 2 Member States objected to the text.² It was adopted.³'));
    expect(p.text).toBe('The talks ended in 2016. 2 Member States objected to the text. It was adopted.');
    expect(p.refs!.map((r) => [r.n, r.form])).toEqual([
      [1, 'unicode'],
      [2, 'unicode'],
      [3, 'unicode'],
    ]);
  });

  it('GIVEN a superscript document WHEN a sentence starts with a date THEN the day stays and the note is not attached there', () => {
    const p = paragraphOf(superscripts('Talks ended.¹ On 2 July 2016, IOM entered into formal relations with the UN.² The IOM Council of 3 June 2016 agreed.³'));
    expect(p.text).toContain('On 2 July 2016, IOM entered');
    expect(p.text).toContain('Council of 3 June 2016 agreed.');
    expect(p.refs!.filter((r) => r.form === 'bare')).toEqual([]);
  });

  it('GIVEN a superscript document WHEN one note has no superscript anywhere in the body THEN a bare number for it is a reference', () => {
    const p = paragraphOf(superscripts('Talks ended.¹ Member States objected. 2 It was adopted.³'));
    expect(p.text).toBe('Talks ended. Member States objected. It was adopted.');
    expect(p.refs!.map((r) => [r.n, r.form])).toEqual([
      [1, 'unicode'],
      [2, 'bare'],
      [3, 'unicode'],
    ]);
  });

  it('GIVEN lost markers WHEN a note number stands beside a month name THEN it is a date, and the later bare number is the reference', () => {
    const p = paragraphOf(lostMarkers('Talks ended.<sup>1</sup> On 2 July 2016, IOM entered into formal relations. 2 It was adopted.<sup>3</sup>'));
    expect(p.text).toBe('Talks ended. On 2 July 2016, IOM entered into formal relations. It was adopted.');
    expect(p.refs!.map((r) => [r.n, r.form])).toEqual([
      [1, 'sup'],
      [2, 'bare'],
      [3, 'sup'],
    ]);
  });

  it('GIVEN lost markers WHEN a note number is a percentage or a quantity THEN it stays in the text', () => {
    const pct = paragraphOf(lostMarkers('Talks ended.<sup>1</sup> By 2019, 2 per cent of staff had left.<sup>3</sup>'));
    expect(pct.text).toBe('Talks ended. By 2019, 2 per cent of staff had left.');
    const years = paragraphOf(lostMarkers('Talks ended.<sup>1</sup> After all, 2 years later it was adopted.<sup>3</sup>'));
    expect(years.text).toContain('After all, 2 years later');
  });

  it('GIVEN the text around a number THEN dates, percentages and units are figures, and a sentence end before it is not', () => {
    expect(isFigure('On ', ' July 2016')).toBe(true);
    expect(isFigure('signed on July ', ', 2016')).toBe(true);
    expect(isFigure('rose by ', '% in')).toBe(true);
    expect(isFigure('more than ', ' kg')).toBe(true);
    expect(isFigure('It was signed in May. ', ' The')).toBe(false);
    expect(isFigure('States, ', ' may decide')).toBe(false);
    expect(isFigure('every twelve months ', '')).toBe(false);
  });
});
