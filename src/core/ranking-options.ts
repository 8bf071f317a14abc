/**
 * @module core/ranking-options
 * Every weight and threshold of retrieval and answering, in one object with exported defaults, passed to
 * `createCore`. `quotebot eval --set fusion.vector=1.2` sweeps any of them without a code change.
 * Defaults were chosen on the development set (test/eval/dev.jsonl) with the default model; see the
 * closing notes of the retrieval issues for the measurements behind each.
 */

export interface RankingOptions {
  /** Candidate generation and fusion (core/retrieve/search). */
  fusion: {
    /** Weight of BM25 over whole passages (normalised by the best hit). */
    lexical: number;
    /** Weight of BM25 over two-sentence windows: one or two answering sentences are diluted in a long paragraph. */
    window: number;
    /** Weight of the model's similarity of the passage's closest sentence pair, rescaled from `denseFloor` to the best. */
    vector: number;
    /** Cosine below which the model says "unrelated" (all-MiniLM-L6-v2 gives ~0.1–0.2 to unrelated text). */
    denseFloor: number;
    /** Multiplier for passages of a document whose author the question names. */
    namedDocument: number;
    /** Multiplier for passages containing a phrase the question puts in quotation marks. */
    phrase: number;
    /**
     * Query weight of WordNet synonyms of the question's words. 0: the model bridges vocabulary gaps, and the
     * synonyms no longer changed a single dev answer's hit.
     */
    synonym: number;
    /** Multiplier for footnotes that cite sources: they support a point rather than make it. */
    footnoteCitation: number;
    /** Multiplier for footnotes in prose. */
    footnoteProse: number;
    /** Candidates kept from each retriever. */
    pool: number;
    /** Sentence pairs fetched from the vector index per passage kept. */
    sentencesPerPassage: number;
  };
  /** Query expansions, each on (1) or off (0), so an ablation can switch them off one at a time. */
  rules: {
    /**
     * An acronym the corpus defines also searches its expansion, and an expansion its acronym. Off: with the
     * model it cost hits (dev quote_hit@5 0.70 on, 0.73 off). Acronyms still count as naming their expansion
     * when deciding whether the corpus answers.
     */
    acronyms: number;
    /** "the 1980s" also searches 1980 … 1989. */
    decades: number;
    /** A proper noun also searches the corpus's words derived from it ("Turkey" → "Turkish"). */
    derivatives: number;
  };
  /** Choosing the sentences to quote (core/answer/select), as shares of the question's total term weight. */
  span: {
    /** The model's similarity of the best sentence pair to the question. */
    similarity: number;
    /** A sentence of the shape the question asks for (a year for "when", a number for "how many"). */
    shape: number;
    /** Words a quote may have before context sentences stop being added. */
    softWords: number;
    /** Words past which a span is penalised. */
    maxWords: number;
  };
  /** From ranked spans to the answer (core/answer/build). */
  answering: {
    /** Fused candidates that get a sentence-level rerank. */
    rerank: number;
    /** Weight of the span's own score against the fused retrieval score. */
    spanWeight: number;
    /**
     * Score multiplier for each earlier quote from the same document (several documents are heard). 1 (off):
     * with the model, spreading no longer helped cross-document questions and cost hits where one document
     * holds the best passages (dev MRR 0.75 → 0.76 off).
     */
    sameDocument: number;
    /** Top passages searched for each thing the question names. */
    entityWindow: number;
    /**
     * A quote is shown only if its score is at least this share of the best quote's: padding a list with
     * unrelated passages costs the reader more than a shorter list ("More passages" reaches the rest).
     */
    relevanceShare: number;
  };
  /**
   * Answer or abstain: a logistic score over the evidence, `bias + similarity·s + coverage·c + missing·m`,
   * where s is the model's best sentence-pair similarity among the top passages, c the share of the
   * question's terms the best spans cover, and m is 1 when something the question names is absent from
   * them (a missing year counts as all missing). Fitted by class-balanced logistic regression on the
   * development set: AUC 0.94 (similarity alone 0.87, missing share 0.86, coverage 0.77). The threshold is the
   * middle of the range that gives abstention 0.75 at false abstention 0.01 there.
   */
  evidence: {
    bias: number;
    similarity: number;
    coverage: number;
    missing: number;
    /** Below this score the corpus is taken not to answer. */
    threshold: number;
    /**
     * When the model gives no verdict (an embedding provider failed for this question): the share of the
     * question's terms the best spans must cover, with every named thing present.
     */
    lexicalCoverage: number;
  };
}

/** The defaults (development set, default model). */
export const DEFAULT_RANKING: RankingOptions = {
  fusion: {
    lexical: 0.35,
    window: 0.35,
    vector: 1.5,
    denseFloor: 0.2,
    namedDocument: 1.6,
    phrase: 1.5,
    synonym: 0,
    footnoteCitation: 0.55,
    footnoteProse: 0.85,
    pool: 80,
    sentencesPerPassage: 4,
  },
  rules: { acronyms: 0, decades: 1, derivatives: 1 },
  span: { similarity: 1, shape: 0.4, softWords: 55, maxWords: 90 },
  answering: { rerank: 40, spanWeight: 0.5, sameDocument: 1, entityWindow: 5, relevanceShare: 0.7 },
  evidence: { bias: -3.62, similarity: 6.39, coverage: 1.18, missing: -4.37, threshold: -1.43, lexicalCoverage: 0.15 },
};

export type RankingOverrides = { [K in keyof RankingOptions]?: Partial<RankingOptions[K]> };

/** The defaults with `overrides` merged over them, group by group. */
export function rankingOptions(overrides: RankingOverrides = {}): RankingOptions {
  const out = structuredClone(DEFAULT_RANKING);
  for (const group of Object.keys(overrides) as (keyof RankingOptions)[]) Object.assign(out[group], overrides[group]);
  return out;
}

/**
 * Parse `group.name=value` settings (the eval command's `--set`) into overrides.
 * @throws Error naming the setting when the group or name is unknown or the value is not a number.
 */
export function parseRankingSettings(settings: string[]): RankingOverrides {
  const out: Record<string, Record<string, number>> = {};
  for (const s of settings) {
    const m = /^(\w+)\.(\w+)=(-?[\d.]+(?:e-?\d+)?)$/.exec(s.trim());
    const group = m?.[1] as keyof RankingOptions | undefined;
    if (!m || !group || !(group in DEFAULT_RANKING) || !(m[2]! in DEFAULT_RANKING[group])) {
      throw new Error(`unknown ranking setting "${s}" (expected group.name=number, e.g. fusion.vector=1.2)`);
    }
    (out[group] ??= {})[m[2]!] = Number(m[3]);
  }
  return out as RankingOverrides;
}
