/**
 * @module core/retrieve/lexical
 * The lexical index port: BM25 over analysed terms. Providers implement it (minisearch by default);
 * the core only describes what it needs.
 */

export interface LexicalDocument {
  id: string;
  /** Field name → text. */
  fields: Record<string, string>;
}

export interface LexicalHit {
  id: string;
  score: number;
}

export interface LexicalIndex {
  /** Documents matching any of `terms` (already analysed), best first; `boost` weights each term. */
  search(terms: string[], boost: (term: string) => number, filter?: (id: string) => boolean): LexicalHit[];
}

/** Builds a lexical index over documents; `fields` maps each field to its boost. */
export type LexicalFactory = (
  docs: LexicalDocument[],
  options: { fields: Record<string, number>; tokenize: (text: string) => string[] },
) => LexicalIndex;
