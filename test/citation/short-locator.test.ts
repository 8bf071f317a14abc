import { describe, expect, it } from 'vitest';
import { formatCitation, notesLocator, sectionLocator, shorten } from '../../src/core/answer/citation.js';
import { ARTICLE, CHAPTER, WORKING_PAPER, input, meta } from './helpers.js';

const CHUANG = meta(undefined);

describe('short locator: authors and title', () => {
  it('GIVEN the brief example THEN the short locator reads exactly as specified', () => {
    const c = formatCitation(
      input(CHUANG, {
        section: [
          "III. THE IRIS INITIATIVE: A CASE STUDY ON THE IOM'S SHORTCOMINGS IN ETHICAL RECRUITMENT",
          "B. The IOM's International Recruitment Integrity System",
        ],
        paragraph: 42,
        footnotes: [14],
      }),
      'oscola',
    );
    expect(c.short).toBe('Chuang, "The International Organization for Migration…", Part III.B, ¶ 42, n 14');
  });

  it('GIVEN two authors THEN both surnames are joined with "and"', () => {
    expect(formatCitation(input(meta(CHAPTER)), 'oscola').short).toBe('Sherwood and Bradley, "Holding IOM to Account", ¶ 42');
  });

  it('GIVEN three or more authors THEN the first surname is followed by "et al."', () => {
    expect(formatCitation(input(meta(WORKING_PAPER)), 'apa').short).toBe('Guild et al., "IOM and the UN", ¶ 42');
  });

  it('GIVEN a catalog entry THEN its title and authors win over the parsed ones', () => {
    const short = formatCitation(input(meta(ARTICLE, { title: 'GLOBAL MIGRATION GOVERNANCE', authors: ['X'] })), 'oscola').short;
    expect(short).toBe('Crépeau and Atak, "Global Migration Governance", ¶ 42');
  });

  it('GIVEN a parsed author in capitals and a particle name THEN surnames are title-cased and keep the particle', () => {
    const m = meta(undefined, { title: 'T', authors: ['ANGELA SHERWOOD', 'Ludwig van Beethoven'] });
    expect(formatCitation(input(m), 'oscola').short).toBe('Sherwood and van Beethoven, "T", ¶ 42');
    const irish = meta(undefined, { title: 'T', authors: ['Bríd Ní Ghráinne', 'Ben Hudson'] });
    expect(formatCitation(input(irish), 'apa').full).toMatch(/^Ní Ghráinne, B\., & Hudson, B\. \(n\.d\.\)/);
  });

  it('GIVEN no authors and no title THEN the file name stands in for the title and nothing is left empty', () => {
    const m = meta(undefined, { title: '', authors: [], file: 'corpus/notes-on-iom.md' });
    expect(formatCitation(input(m, { paragraph: null }), 'oscola').short).toBe('"notes-on-iom"');
  });

  it('GIVEN a long title THEN it is cut at a word boundary, without a dangling function word', () => {
    const t = shorten('The International Organization for Migration and New Global Migration Governance', 50);
    expect(t).toBe('The International Organization for Migration…');
    expect(t.length).toBeLessThanOrEqual(51);
    expect(shorten('Short title', 50)).toBe('Short title');
    expect(shorten('Global Migration Governance: Avoiding Commitments on Human Rights', 30)).toBe('Global Migration Governance…');
  });
});

describe('short locator: section labels', () => {
  it('GIVEN Roman, letter and number parts THEN they chain into "Part III.B.1"', () => {
    expect(sectionLocator(['II. Assessing', 'C. The Checkered History', '1. Migration Control'])).toBe('Part II.C.1');
    expect(sectionLocator(['III. THE IRIS INITIATIVE', 'D. Neo-Liberal Governance'])).toBe('Part III.D');
    expect(sectionLocator(['I. Emerging Architecture'])).toBe('Part I');
  });

  it('GIVEN dotted numbers with a trailing dot THEN the innermost number is a § locator', () => {
    expect(sectionLocator(['2. A COMPLEX NORMATIVE FRAMEWORK', '2.1. INTERNATIONAL HUMAN RIGHTS LAW'])).toBe('§ 2.1');
    expect(sectionLocator(['3. A FRAGMENTED', '3.2. GLOBAL', '3.2.3. The Key', '3.2.3.1. Regional organisations'])).toBe('§ 3.2.3.1');
    expect(sectionLocator(['1. INTRODUCTION'])).toBe('§ 1');
  });

  it('GIVEN dotted numbers without a trailing dot (chapter style, italic titles) THEN "§ 15.3.1"', () => {
    expect(sectionLocator(['15.3 Interactions', '15.3.1 *Contrasting Engagement with IOM and UNHCR*'])).toBe('§ 15.3.1');
    expect(sectionLocator(['15.3 Interactions', '15.3.2 2002–2007: Modest but Increased Attention'])).toBe('§ 15.3.2');
    expect(sectionLocator(['2.1 Introduction'])).toBe('§ 2.1');
  });

  it('GIVEN an unlabelled heading THEN the innermost heading text is quoted, shortened', () => {
    expect(sectionLocator(['What is the IOM?'])).toBe('under "What is the IOM?"');
    expect(sectionLocator(['Human Rights in the Global Compact on Safe, Orderly and Regular Migration and the IOM'])).toBe(
      'under "Human Rights in the Global Compact…"',
    );
    expect(sectionLocator(['#### Introduction'])).toBe('under "Introduction"');
  });

  it('GIVEN an unlabelled heading inside a labelled one THEN both appear', () => {
    expect(sectionLocator(['Annex 2', 'IOM Constitution, Article 1', 'Article 1'])).toBe('Annex 2, under "Article 1"');
    expect(sectionLocator(['III. THE IRIS INITIATIVE', 'Background'])).toBe('Part III, under "Background"');
  });

  it('GIVEN a path starting with the document title or no path THEN the title is skipped and nothing is printed', () => {
    expect(sectionLocator(['IOM and the UN', 'Introduction'], 'IOM and the UN')).toBe('under "Introduction"');
    expect(sectionLocator([])).toBe('');
    const short = formatCitation(input(CHUANG, { section: [], paragraph: 7 }), 'oscola').short;
    expect(short).toBe('Chuang, "The International Organization for Migration…", ¶ 7');
  });
});

describe('short locator: paragraphs, pages and notes', () => {
  it('GIVEN a page THEN "p N" follows the ¶', () => {
    const c = formatCitation(input(CHUANG, { section: ['I. Emerging'], paragraph: 12, page: 210 }), 'oscola');
    expect(c.short).toBe('Chuang, "The International Organization for Migration…", Part I, ¶ 12, p 210');
  });

  it('GIVEN several cited notes THEN "nn" lists them in order, collapsing runs of three or more', () => {
    expect(notesLocator([15, 14])).toBe('nn 14, 15');
    expect(notesLocator([47, 48, 49, 51, 14, 14])).toBe('nn 14, 47–49, 51');
    expect(notesLocator([3])).toBe('n 3');
    expect(notesLocator([])).toBe('');
  });

  it('GIVEN a footnote passage THEN the locator names the note itself, not the notes it cites', () => {
    const c = formatCitation(input(CHUANG, { section: ['I. Emerging'], paragraph: null, footnotes: [3, 4], note: 14 }), 'oscola');
    expect(c.short).toBe('Chuang, "The International Organization for Migration…", Part I, n 14');
  });

  it('GIVEN the unnumbered author note THEN it is "n *"', () => {
    const c = formatCitation(input(CHUANG, { paragraph: null, note: '*' }), 'bluebook');
    expect(c.short).toBe('Chuang, "The International Organization for Migration…", n *');
  });
});
