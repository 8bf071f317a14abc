import { describe, expect, it } from 'vitest';
import { contextOf, renderAnswer, renderCitation, terminalWidth, wrap } from '../../src/adapters/cli/render.js';
import { MESSAGES } from '../../src/adapters/shared/messages.js';
import { answered, LONG_QUOTE, makeQuote, notFound, PASSAGE_MANDATE, stripAnsi } from './fixtures.js';

const PLAIN = { color: false, width: 80 };
const ESC = '\u001b';

const mandate = makeQuote({
  passage: PASSAGE_MANDATE,
  text: 'Its constitution contains no explicit protection mandate.',
  paragraph: 42,
  footnotes: [{ n: 14, text: 'IOM Constitution (adopted 19 October 1953, entered into force 30 November 1954) 1560 UNTS 440, arts 1 and 2, read together with the Council resolutions that followed over the next six decades.' }],
});
const founded = makeQuote({ passage: 'IOM was founded outside the UN system in 1951.', paragraph: 3 });

describe('renderAnswer: answered', () => {
  const text = renderAnswer(answered([mandate, founded]), PLAIN);

  it('GIVEN an answer with two quotes THEN they are numbered, in quotation marks, each followed by its short citation', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('1. “Its constitution contains no explicit protection mandate.”');
    expect(lines[1]).toBe(`   — ${mandate.citation.short} (${mandate.document.year})`); // the document's date beside its locator
    expect(text).toContain('2. “IOM was founded outside the UN system in 1951.”');
    expect(text).toContain(`   — ${founded.citation.short}`);
    expect(text.indexOf('1. “')).toBeLessThan(text.indexOf('2. “'));
  });

  it('GIVEN a quote inside a longer passage THEN a context line shows the surrounding text, elided with …, in at most two lines', () => {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('   context: '));
    expect(start).toBe(2);
    const context = lines.slice(start, lines.findIndex((l) => l.startsWith('   n 14'))).map((l) => l.trim()).join(' ');
    expect(lines.findIndex((l) => l.startsWith('   n 14')) - start).toBeLessThanOrEqual(2);
    expect(context).toContain('…');
    expect(context).toContain('paid for them.');
    expect(context).toContain('Critics argue');
  });

  it('GIVEN a quote that is its whole passage THEN no context line is printed for it', () => {
    const second = text.slice(text.indexOf('2. “'));
    expect(second).not.toContain('context:');
  });

  it('GIVEN a cited footnote THEN it is shown as "n 14: text", shortened to one line', () => {
    const line = text.split('\n').find((l) => l.startsWith('   n 14: '))!;
    expect(line).toMatch(/^ {3}n 14: IOM Constitution \(adopted 19 October 1953/);
    expect(line.endsWith('…')).toBe(true);
    expect(line.length).toBeLessThanOrEqual(80);
  });

  it('GIVEN startIndex 6 THEN numbering starts at 6', () => {
    const more = renderAnswer(answered([mandate, founded]), { ...PLAIN, startIndex: 6 });
    expect(more).toMatch(/^6\. “/);
    expect(more).toContain('\n7. “');
    expect(more).not.toMatch(/^1\. /m);
  });

  it('GIVEN a footnote passage THEN the note is not repeated under itself, other notes are', () => {
    const note = makeQuote({
      passage: 'See the 2016 Agreement, art 2(5).',
      kind: 'footnote',
      note: 14,
      paragraph: 9,
      footnotes: [{ n: 14, text: 'See the 2016 Agreement, art 2(5).' }, { n: 15, text: 'Another note.' }],
    });
    const out = renderAnswer(answered([note]), PLAIN);
    expect(out).not.toContain('n 14: ');
    expect(out).toContain('n 15: Another note.');
  });
});

describe('renderAnswer: summary', () => {
  it('GIVEN a machine-written summary THEN it comes first, under its label, above the quotes', () => {
    const out = renderAnswer(answered([mandate], { summary: { text: 'IOM has no protection mandate [1].', cites: [1] } }), PLAIN);
    const label = out.indexOf(MESSAGES.machineWritten);
    const summary = out.indexOf('IOM has no protection mandate [1].');
    const quote = out.indexOf('1. “');
    expect(label).toBe(0);
    expect(summary).toBeGreaterThan(label);
    expect(quote).toBeGreaterThan(summary);
  });

  it('GIVEN no summary THEN the machine-written label is absent', () => {
    expect(renderAnswer(answered([mandate]), PLAIN)).not.toContain(MESSAGES.machineWritten);
  });
});

describe('renderAnswer: not_found', () => {
  it('GIVEN not_found with closest matches THEN the plain statement, then the label, then the numbered matches', () => {
    const out = renderAnswer(notFound([founded, mandate]), PLAIN);
    const lines = out.split('\n');
    expect(lines[0]).toBe(MESSAGES.notFound);
    expect(out.indexOf(MESSAGES.closestLabel)).toBeGreaterThan(0);
    expect(out.indexOf('1. “IOM was founded')).toBeGreaterThan(out.indexOf(MESSAGES.closestLabel));
    expect(out).toContain('2. “Its constitution contains');
  });

  it('GIVEN not_found without closest matches THEN only the statement, no label', () => {
    expect(renderAnswer(notFound([]), PLAIN)).toBe(MESSAGES.notFound + '\n');
  });
});

describe('renderAnswer: wrapping never alters a quote', () => {
  const quote = makeQuote({ passage: `Before it. ${LONG_QUOTE} After it.`, text: LONG_QUOTE, paragraph: 7 });

  for (const width of [40, 57, 80]) {
    it(`GIVEN a long quote at width ${width} THEN every line fits (bar an overlong word) and the words are the quote's, in order`, () => {
      const out = renderAnswer(answered([quote]), { color: false, width });
      const lines = out.split('\n');
      const quoteLines = lines.slice(0, lines.findIndex((l) => l.startsWith('   — ')));
      expect(quoteLines.length).toBeGreaterThan(1);
      for (const l of quoteLines) if (!l.includes('supercalifragilistic')) expect(l.length).toBeLessThanOrEqual(width);
      const shown = quoteLines.map((l, i) => (i === 0 ? l.slice(3) : l.slice(3))).join(' ');
      expect(shown.startsWith('“')).toBe(true);
      expect(shown.endsWith('”')).toBe(true);
      expect(shown.slice(1, -1).split(/\s+/)).toEqual(LONG_QUOTE.split(/\s+/));
    });
  }

  it('GIVEN text with a hard line break and double spaces THEN wrap keeps both', () => {
    expect(wrap('one  two\nthree four', 80)).toEqual(['one  two', 'three four']);
    expect(wrap('aaaa bbbb cccc', 9)).toEqual(['aaaa bbbb', 'cccc']);
    expect(wrap('short unbreakablewordhere end', 8)).toEqual(['short', 'unbreakablewordhere', 'end']);
  });
});

describe('renderAnswer: colour', () => {
  const answer = answered([mandate, founded], { summary: { text: 'A summary [1].', cites: [1] } });

  it('GIVEN color false THEN the output has no ANSI escape', () => {
    expect(renderAnswer(answer, PLAIN)).not.toContain(ESC);
    expect(renderAnswer(notFound([founded]), PLAIN)).not.toContain(ESC);
  });

  it('GIVEN color true THEN ANSI codes are added and nothing else changes', () => {
    const coloured = renderAnswer(answer, { color: true, width: 80 });
    expect(coloured).toContain(`${ESC}[`);
    expect(stripAnsi(coloured)).toBe(renderAnswer(answer, PLAIN));
  });

  it('GIVEN corpus text with an escape sequence THEN it cannot reach the terminal', () => {
    const hostile = makeQuote({ passage: `IOM said ${ESC}[2J${ESC}]0;pwned\u0007 nothing.` });
    const out = renderAnswer(answered([hostile]), PLAIN);
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u0007');
    expect(out).toContain('[2J');
  });
});

describe('contextOf', () => {
  it('GIVEN a very long passage THEN the context fits the budget and is elided on both sides', () => {
    const before = 'word '.repeat(200);
    const after = ' more'.repeat(200);
    const q = makeQuote({ passage: `${before}THE QUOTE.${after}`, text: 'THE QUOTE.' });
    const c = contextOf(q, 120);
    expect(c.length).toBeLessThanOrEqual(122);
    expect(c.startsWith('…')).toBe(true);
    expect(c.endsWith('…')).toBe(true);
    expect(c).toContain('THE QUOTE.');
  });

  it('GIVEN a quote longer than a third of the budget THEN it is replaced by […] in the context', () => {
    const q = makeQuote({ passage: `Lead in. ${LONG_QUOTE} Follow up.`, text: LONG_QUOTE });
    expect(contextOf(q, 100)).toBe('Lead in. […] Follow up.');
  });
});

describe('renderCitation', () => {
  it('GIVEN an OSCOLA quote THEN the quote in single quotation marks, then the full reference, without colour codes', () => {
    const out = renderCitation(mandate);
    expect(out).toBe(`‘${mandate.text}’\n${mandate.citation.full}\n`);
    expect(out).not.toContain(ESC);
  });

  it('GIVEN a Bluebook quote THEN double quotation marks', () => {
    const q = makeQuote({ passage: PASSAGE_MANDATE, text: 'IOM was founded outside the UN system in 1951.', style: 'bluebook' });
    expect(renderCitation(q, { color: false })).toBe(`“${q.text}”\n${q.citation.full}\n`);
  });

  it('GIVEN color true THEN the text is the same once the codes are stripped', () => {
    expect(stripAnsi(renderCitation(mandate, { color: true }))).toBe(renderCitation(mandate));
  });
});

describe('terminalWidth', () => {
  it('GIVEN unknown or zero columns THEN 80; GIVEN a wide terminal THEN at most 100', () => {
    expect(terminalWidth(undefined)).toBe(80);
    expect(terminalWidth(0)).toBe(80);
    expect(terminalWidth(60)).toBe(60);
    expect(terminalWidth(240)).toBe(100);
  });
});
