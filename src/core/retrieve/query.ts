/**
 * @module core/retrieve/query
 * What question analysis produces and every later stage reads (search, sentence choice, answering).
 */

/** An analysed question. */
export interface QueryTerms {
  /** Stemmed term → weight (1 for the question's own terms, less for expansions and history). */
  weights: Map<string, number>;
  /** Terms of the question itself (for coverage). */
  own: string[];
  /** Text given to the embedder. */
  text: string;
  /** The question as asked. */
  question?: string;
  /** Documents the question names by an author's surname ("what does Chuang think…"). */
  docs?: Set<number>;
  /** Phrases the question puts in quotation marks, normalised (a drafter quoting the source). */
  phrases?: string[];
  /** The embedder's vector of `text`, once search has computed it. */
  vector?: number[];
}
