/**
 * @module providers/minisearch-lexical
 * The lexical (BM25) index port implemented with minisearch. Documents arrive already analysed by the
 * core's own tokenizer, so queries and documents always meet on the same terms.
 */
import MiniSearch from 'minisearch';
import type { LexicalDocument, LexicalFactory, LexicalHit, LexicalIndex } from '../core/retrieve/lexical.js';

/** A BM25 index over documents' fields, with per-field boosts. */
export const minisearchLexical: LexicalFactory = (docs, options) => {
  const fields = Object.keys(options.fields);
  const index = new MiniSearch<LexicalDocument>({
    fields,
    extractField: (doc, field) => (field === 'id' ? doc.id : (doc.fields[field] ?? '')),
    tokenize: (text) => options.tokenize(text),
    processTerm: (t) => t,
    searchOptions: { tokenize: (s) => s.split(' ').filter(Boolean), processTerm: (t) => t, boost: options.fields },
  });
  index.addAll(docs);
  const search: LexicalIndex['search'] = (terms, boost, filter) => {
    if (!terms.length) return [];
    const hits = index.search(terms.join(' '), {
      boostTerm: (t: string) => boost(t),
      ...(filter ? { filter: (r: { id: unknown }) => filter(String(r.id)) } : {}),
    } as never);
    return hits.map((h): LexicalHit => ({ id: String(h.id), score: h.score }));
  };
  return { search };
};
