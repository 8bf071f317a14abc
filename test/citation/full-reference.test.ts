import { describe, expect, it } from 'vitest';
import { formatCitation, formatCitationMarkdown } from '../../src/core/answer/citation.js';
import type { CatalogEntry, CitationStyle } from '../../src/core/types.js';
import { ARTICLE, CHAPTER, WORKING_PAPER, expectClean, input, meta } from './helpers.js';

const STYLES: CitationStyle[] = ['oscola', 'bluebook', 'apa'];
const BOOK = 'IOM Unbound? Obligations and Accountability of the International Organization for Migration in an Era of Expansion';
const CHUANG_TITLE = 'The International Organization for Migration and New Global Migration Governance';
const QMUL = 'Queen Mary University of London School of Law Legal Studies Research Paper';

const full = (entry: CatalogEntry | undefined, style: CitationStyle, over = {}) =>
  formatCitation(input(meta(entry), over), style).full;

describe('OSCOLA (default style)', () => {
  it('GIVEN an article with a known page THEN year, volume, journal, first page and pinpoint, no final full stop', () => {
    expect(full(ARTICLE, 'oscola', { page: 120 })).toBe(
      "François Crépeau and Idil Atak, 'Global Migration Governance: Avoiding Commitments on Human Rights, Yet Tracing a Course for Cooperation' (2016) 34 Netherlands Quarterly of Human Rights 113, 120",
    );
  });

  it('GIVEN an article and no page THEN the pinpoint is the paragraph', () => {
    expect(full(ARTICLE, 'oscola')).toMatch(/ 34 Netherlands Quarterly of Human Rights 113, para 42$/);
  });

  it('GIVEN a chapter THEN "in Editors (eds), Book (Publisher Year)"', () => {
    expect(full(CHAPTER, 'oscola')).toBe(
      `Angela Sherwood and Megan Bradley, 'Holding IOM to Account: The Role of International Human Rights Advocacy NGOs' in Megan Bradley, Cathryn Costello and Angela Sherwood (eds), ${BOOK} (Cambridge University Press 2023), para 42`,
    );
    expect(full(CHAPTER, 'oscola', { page: 355, note: 12 })).toMatch(/\(Cambridge University Press 2023\) 355 n 12$/);
  });

  it('GIVEN a working paper with a handle THEN "(Series No X, Year) <url>"', () => {
    expect(full(WORKING_PAPER, 'oscola')).toBe(
      `Elsbeth Guild, Stefanie Grant and Kees Groenendijk, 'IOM and the UN: Unfinished Business' (${QMUL} No 255/2017, 2017), para 42 <http://hdl.handle.net/2066/172926>`,
    );
  });

  it('GIVEN no catalog entry THEN author and quoted title with the note pinpoint', () => {
    expect(full(undefined, 'oscola', { paragraph: null, note: 14 })).toBe(`Janie A. Chuang, '${CHUANG_TITLE}', n 14`);
  });

  it('GIVEN an article in a journal without volumes THEN the year is in square brackets', () => {
    const entry: CatalogEntry = { ...ARTICLE, container: { journal: 'Public Law' } };
    expect(full(entry, 'oscola', { page: 120 })).toMatch(/' \[2016\] Public Law 113, 120$/);
  });

  it('GIVEN more than three authors THEN "first author and others"', () => {
    const entry: CatalogEntry = { ...ARTICLE, authors: ['A One', 'B Two', 'C Three', 'D Four'] };
    expect(full(entry, 'oscola')).toMatch(/^A One and others, 'Global/);
  });
});

describe('Bluebook', () => {
  it('GIVEN an article with a known page THEN "Vol Journal FirstPage, pin (Year)."', () => {
    expect(full(ARTICLE, 'bluebook', { page: 120 })).toBe(
      'François Crépeau & Idil Atak, Global Migration Governance: Avoiding Commitments on Human Rights, Yet Tracing a Course for Cooperation, 34 Netherlands Quarterly of Human Rights 113, 120 (2016).',
    );
  });

  it('GIVEN a chapter THEN "in Book pin (Editors eds., Publisher Year)."', () => {
    expect(full(CHAPTER, 'bluebook', { page: 355 })).toBe(
      `Angela Sherwood & Megan Bradley, Holding IOM to Account: The Role of International Human Rights Advocacy NGOs, in ${BOOK} 355 (Megan Bradley, Cathryn Costello & Angela Sherwood eds., Cambridge University Press 2023).`,
    );
  });

  it('GIVEN a working paper THEN "(Series No. X, Year), URL."', () => {
    expect(full(WORKING_PAPER, 'bluebook', { paragraph: null, note: 5 })).toBe(
      `Elsbeth Guild, Stefanie Grant & Kees Groenendijk, IOM and the UN: Unfinished Business n.5 (${QMUL} No. 255/2017, 2017), http://hdl.handle.net/2066/172926.`,
    );
  });

  it('GIVEN no catalog entry THEN author, title and ¶ pinpoint, ending with a full stop', () => {
    expect(full(undefined, 'bluebook')).toBe(`Janie A. Chuang, ${CHUANG_TITLE} ¶ 42.`);
  });

  it('GIVEN the article pinpointed to a note on a page THEN "113, 120 n.14"', () => {
    expect(full(ARTICLE, 'bluebook', { page: 120, note: 14 })).toMatch(/ 113, 120 n\.14 \(2016\)\.$/);
  });
});

describe('APA 7', () => {
  it('GIVEN an article THEN "Surname, I., & Surname, I. (Year). Title. Journal, Volume, pages."', () => {
    expect(full(ARTICLE, 'apa', { paragraph: null })).toBe(
      'Crépeau, F., & Atak, I. (2016). Global Migration Governance: Avoiding Commitments on Human Rights, Yet Tracing a Course for Cooperation. Netherlands Quarterly of Human Rights, 34, 113.',
    );
    const ranged: CatalogEntry = { ...ARTICLE, lastPage: 140, container: { ...ARTICLE.container, issue: '2' } };
    expect(full(ranged, 'apa', { page: 120 })).toMatch(/Human Rights, 34\(2\), 113–140\. \(p\. 120\)$/);
  });

  it('GIVEN a chapter THEN "In I. Editor, I. Editor, & I. Editor (Eds.), Book. Publisher."', () => {
    expect(full(CHAPTER, 'apa')).toBe(
      `Sherwood, A., & Bradley, M. (2023). Holding IOM to Account: The Role of International Human Rights Advocacy NGOs. In M. Bradley, C. Costello, & A. Sherwood (Eds.), ${BOOK}. Cambridge University Press. (para. 42)`,
    );
    const paged: CatalogEntry = { ...CHAPTER, firstPage: 350, lastPage: 372, container: { book: 'A Book', editors: ['Jean-Pierre Gauci'] } };
    expect(full(paged, 'apa', { paragraph: null })).toMatch(/ In J\.-P\. Gauci \(Ed\.\), A Book \(pp\. 350–372\)\. Cambridge University Press\.$/);
  });

  it('GIVEN a working paper THEN "Title (Series No. X). URL" with all three authors', () => {
    expect(full(WORKING_PAPER, 'apa', { paragraph: null })).toBe(
      `Guild, E., Grant, S., & Groenendijk, K. (2017). IOM and the UN: Unfinished Business (${QMUL} No. 255/2017). http://hdl.handle.net/2066/172926`,
    );
  });

  it('GIVEN no catalog entry THEN "(n.d.)" and middle initials', () => {
    expect(full(undefined, 'apa')).toBe(`Chuang, J. A. (n.d.). ${CHUANG_TITLE}. (para. 42)`);
  });

  it('GIVEN no authors THEN the title moves to the author position', () => {
    const entry: CatalogEntry = { file: 'x.txt', title: 'Annual Report', year: 2020, kind: 'report', publisher: 'IOM' };
    expect(formatCitation(input(meta(entry, { authors: [] }), { paragraph: null }), 'apa').full).toBe('Annual Report. (2020). IOM.');
  });
});

describe('titles, markup and graceful degradation', () => {
  it('GIVEN a title ending in "?" THEN the subtitle follows without a colon', () => {
    const entry: CatalogEntry = { ...CHAPTER, title: 'Who and What Is IOM For?', subtitle: "The Evolution of IOM's Mandate", authors: ['Megan Bradley'] };
    for (const style of STYLES) expect(full(entry, style)).toContain("Who and What Is IOM For? The Evolution of IOM's Mandate");
  });

  it('GIVEN Markdown output THEN book and journal titles are italic per style and the plain text is unchanged', () => {
    expect(formatCitationMarkdown(input(meta(CHAPTER)), 'oscola')).toContain(`(eds), *${BOOK}* (Cambridge`);
    expect(formatCitationMarkdown(input(meta(ARTICLE)), 'apa')).toContain('*Netherlands Quarterly of Human Rights*, *34*, 113.');
    expect(formatCitationMarkdown(input(meta(ARTICLE)), 'bluebook')).toMatch(/^François Crépeau & Idil Atak, \*Global Migration Governance:/);
    expect(formatCitation(input(meta(CHAPTER)), 'oscola').full).not.toContain('*');
  });

  it('GIVEN every combination of missing fields THEN no style prints undefined, empty brackets or doubled punctuation', () => {
    const bases: (CatalogEntry | undefined)[] = [ARTICLE, CHAPTER, WORKING_PAPER, undefined];
    const drops = ['year', 'authors', 'container', 'firstPage', 'publisher', 'handle', 'subtitle'] as const;
    const pins = [{}, { page: 9 }, { paragraph: null }, { paragraph: null, note: 3 }, { page: 9, note: '*' as const }];
    let checked = 0;
    for (const base of bases) {
      for (let mask = 0; mask < 1 << drops.length; mask++) {
        const entry = base && { ...base };
        if (entry) drops.forEach((k, i) => mask & (1 << i) && delete entry[k]);
        for (const pin of pins) {
          for (const style of STYLES) {
            const c = formatCitation(input(meta(entry, entry?.authors ? {} : { authors: [] }), pin), style);
            expectClean(c.full);
            expect(c.short).not.toMatch(/undefined|null|""|, ,|,,/);
            expect(c.style).toBe(style);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(4 * 128 * 5 * 3);
  });

  it('GIVEN a stray separator inside the cleanliness check THEN the check itself rejects it', () => {
    expect(() => expectClean('Author, , Title')).toThrow();
    expect(() => expectClean("Author, 'Title' ()")).toThrow();
    expect(() => expectClean('Title.. 2016')).toThrow();
    expect(() => expectClean('Title?. 2016')).toThrow();
    expect(() => expectClean('Guild, E., Grant, S.')).not.toThrow();
  });
});
