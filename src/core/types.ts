/**
 * @module core/types
 * The plain data shared by every part of quotebot: the parsed document model,
 * the bibliographic catalog, and the question/answer contract every front end speaks.
 */

/** Kinds of block a parser emits, in reading order. */
export type BlockKind = 'heading' | 'paragraph' | 'block_quote' | 'list_item' | 'table';

/** Where a piece of a block came from in the file as read (after decoding to a string). */
export interface SourceSpan {
  /** 1-based physical line of the source text (for PDF/DOCX: of the extracted text). */
  line: number;
  /** UTF-16 offset of the first character in the source text. */
  start: number;
  /** UTF-16 offset one past the last character. */
  end: number;
}

/** A footnote reference found in a block's text. */
export interface FootnoteRef {
  n: number;
  /** Offset in the block's cleaned `text` where the marker stood. */
  offset: number;
  form: 'sup' | 'unicode' | 'bare' | 'note';
}

export interface Block {
  kind: BlockKind;
  /** Verbatim text: differs from the source only by removed markup, removed markers and page-break joins. */
  text: string;
  /** Heading level (1 = outermost); headings only. */
  level?: number;
  /** The open headings, outermost first. For a heading: its ancestors. */
  section: string[];
  /** 1-based number among the document's paragraph-like blocks (not headings); null for headings. */
  paragraph: number | null;
  /** Printed page (1-based) when the format knows pages; null otherwise. */
  page: number | null;
  /** Footnote numbers this block cites, in order. */
  footnotes: number[];
  refs?: FootnoteRef[];
  spans: SourceSpan[];
  /** Offsets in `text` where parts were joined (page breaks): places where the text is not contiguous in the source. */
  joins?: number[];
  /** block_quote: paragraph number of the lead-in it belongs to. */
  leadIn?: number;
  /** Quality flags (e.g. 'ocr_junk', 'open_end'); the text stays verbatim. */
  flags?: string[];
}

export interface Footnote {
  /** The note number, or '*' for an unnumbered author note. */
  n: number | '*';
  text: string;
  /** Paragraph numbers of the blocks that cite it. */
  citedBy: number[];
  status: 'ok' | 'missing_body' | 'ref_lost' | 'orphan_fragment';
  spans: SourceSpan[];
  page?: number | null;
  /**
   * Offsets in `text` where source lines join or cleaning dropped source letters: each is a break between
   * source pieces. An offset listed three times is a join the source has in the other order.
   */
  joins?: number[];
}

export type DocumentFormat = 'text' | 'markdown' | 'pdf' | 'docx' | 'html';

/** Bibliographic record for one corpus file (corpus/catalog.yaml). Every field but the file is optional. */
export interface CatalogEntry {
  file: string;
  title?: string;
  subtitle?: string;
  authors?: string[];
  year?: number;
  kind?: 'article' | 'chapter' | 'working_paper' | 'book' | 'report' | 'other';
  container?: {
    journal?: string;
    volume?: string;
    issue?: string;
    book?: string;
    editors?: string[];
    series?: string;
    number?: string;
    chapter?: string;
  };
  firstPage?: number;
  lastPage?: number;
  publisher?: string;
  url?: string;
  handle?: string;
}

export interface DocumentMeta {
  /** Path relative to the project (e.g. `corpus/x.txt`) or as given. */
  file: string;
  format: DocumentFormat;
  title: string;
  subtitle?: string;
  authors: string[];
  /** Bibliographic fields from the catalog, when the file has an entry. */
  catalog?: CatalogEntry;
  /** Metadata evidenced by the document itself (series, handle, keywords, chapter number…). */
  extra?: Record<string, string>;
}

export interface ParsedDocument {
  meta: DocumentMeta;
  blocks: Block[];
  footnotes: Footnote[];
  /** Human-readable problems, each naming the file. */
  warnings: string[];
}

/** Outcome of ingesting one file: never an exception. */
export type IngestResult =
  | { ok: true; doc: ParsedDocument }
  | { ok: false; file: string; reason: string };

// ---------------------------------------------------------------------------------------------
// Question and answer

export type CitationStyle = 'oscola' | 'bluebook' | 'apa';

/** The most quotes one answer may carry (every front end validates against this). */
export const MAX_K = 20;

export interface AskRequest {
  question: string;
  /** How many quotes to return. @defaultValue 5 */
  k?: number;
  /** Skip this many quotes (for "More passages"). @defaultValue 0 */
  offset?: number;
  /** Restrict to one document (file path or file name). */
  doc?: string;
  /** @defaultValue the configured style (oscola) */
  style?: CitationStyle;
  /** Earlier questions of the same conversation, oldest first (thread follow-ups). */
  history?: string[];
}

export interface QuoteDocument {
  file: string;
  title: string;
  authors: string[];
  year?: number | null;
}

export interface Citation {
  /** Short locator, e.g. `Chuang, "The International Organization for Migration…", Part III.B, ¶ 42, n 14`. */
  short: string;
  /** Full reference in the requested style, ready to paste. */
  full: string;
  style: CitationStyle;
}

export interface Quote {
  /** Stable id: `${passageId}:${start}-${end}`. */
  id: string;
  /** Verbatim: always `passage.slice(start, end)`. */
  text: string;
  /** The whole passage (context). */
  passage: string;
  passageId: string;
  start: number;
  end: number;
  document: QuoteDocument;
  section: string[];
  paragraph: number | null;
  page: number | null;
  /** The footnotes the quoted sentences cite (or, for a footnote passage, the note itself). */
  footnotes: { n: number | '*'; text: string }[];
  /** 'footnote' when the passage is a footnote's text. */
  kind: 'body' | 'footnote';
  /** For a footnote passage: its number. */
  note?: number | '*';
  citation: Citation;
  score: number;
}

export interface Answer {
  id?: string;
  question: string;
  status: 'answered' | 'not_found';
  /** Time spent answering, milliseconds. */
  ms: number;
  quotes: Quote[];
  /** When not_found: the closest passages, clearly labelled as such by every renderer. */
  closest: Quote[];
  /** Optional machine-written summary citing quotes by their 1-based number. */
  summary?: { text: string; cites: number[] };
  /** True when more quotes are available past offset + k. */
  more?: boolean;
  offset?: number;
  /**
   * First page only: how many quotes within k were held back because they fall below the relevance bar
   * (they are reached with "more"); renderers say that fewer passages answer closely.
   */
  held?: number;
  /** Things the question names that none of the quotes mention: the corpus answers only part of it. */
  uncovered?: string[];
  /**
   * A question asking for a number, answered by quotes from documents of different years: each such quote's
   * number as shown (1-based) and its document's year, newest first.
   */
  figures?: { n: number; year: number }[];
}

/** What every front end talks to. */
export interface Core {
  ask(req: AskRequest): Promise<Answer>;
  /** The indexed documents (for autocomplete and listings). */
  documents(): Promise<QuoteDocument[]>;
}
