/**
 * Shared fixtures for the citation tests: catalog entries shaped like the shipped corpus's, and a
 * check that a formatted reference carries no formatting debris.
 */
import { expect } from 'vitest';
import type { CitationInput } from '../../src/core/answer/citation.js';
import type { CatalogEntry, DocumentMeta } from '../../src/core/types.js';

export const ARTICLE: CatalogEntry = {
  file: 'crepeau.txt',
  title: 'Global Migration Governance',
  subtitle: 'Avoiding Commitments on Human Rights, Yet Tracing a Course for Cooperation',
  authors: ['François Crépeau', 'Idil Atak'],
  year: 2016,
  kind: 'article',
  container: { journal: 'Netherlands Quarterly of Human Rights', volume: '34' },
  firstPage: 113,
};

export const CHAPTER: CatalogEntry = {
  file: 'sherwood.txt',
  title: 'Holding IOM to Account',
  subtitle: 'The Role of International Human Rights Advocacy NGOs',
  authors: ['Angela Sherwood', 'Megan Bradley'],
  year: 2023,
  kind: 'chapter',
  container: {
    book: 'IOM Unbound? Obligations and Accountability of the International Organization for Migration in an Era of Expansion',
    editors: ['Megan Bradley', 'Cathryn Costello', 'Angela Sherwood'],
    chapter: '15',
  },
  publisher: 'Cambridge University Press',
};

export const WORKING_PAPER: CatalogEntry = {
  file: 'guild.txt',
  title: 'IOM and the UN',
  subtitle: 'Unfinished Business',
  authors: ['Elsbeth Guild', 'Stefanie Grant', 'Kees Groenendijk'],
  year: 2017,
  kind: 'working_paper',
  container: { series: 'Queen Mary University of London School of Law Legal Studies Research Paper', number: '255/2017' },
  handle: '2066/172926',
};

/** A document's meta; the parsed title/authors are deliberately different from the catalog's. */
export function meta(catalog?: CatalogEntry, overrides: Partial<DocumentMeta> = {}): DocumentMeta {
  return {
    file: `corpus/${catalog?.file ?? 'chuang.txt'}`,
    format: 'text',
    title: 'The International Organization for Migration and New Global Migration Governance',
    authors: ['Janie A. Chuang'],
    catalog,
    ...overrides,
  };
}

export function input(m: DocumentMeta, over: Partial<CitationInput> = {}): CitationInput {
  return { meta: m, section: [], paragraph: 42, page: null, footnotes: [], ...over };
}

/** No "undefined", empty brackets, doubled punctuation or stray spaces. */
export function expectClean(s: string): void {
  expect(s).not.toMatch(/undefined|null|NaN|\[object/);
  expect(s).not.toMatch(/\(\s*\)|\[\s*\]|<\s*>|''/);
  expect(s).not.toMatch(/,,|\.\.(?!\.)|,\.|;;|::|\?\.|!\.| ,| \.|\s{2,}/);
  // A full stop before a comma only after an initial or abbreviation ("Guild, E., Grant", "eds., CUP").
  expect(s).not.toMatch(/(?<!\p{Lu}|\beds?|\bal)\.,/u);
  expect(s).toBe(s.trim());
}
