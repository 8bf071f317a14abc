/**
 * @module adapters/discord/documents
 * The indexed documents, for the `document` option: autocomplete choices filtered by what is typed,
 * and resolving what the user picked (or typed) to a file.
 */
import type { Logger } from '../../core/logger.js';
import type { Core, QuoteDocument } from '../../core/types.js';
import { QuotebotError } from '../../core/errors.js';
import { clip } from '../shared/clip.js';
import { LIMITS } from './limits.js';

export interface DocumentChoice {
  name: string;
  value: string;
}

export interface DocumentCatalog {
  /** Up to 25 choices whose title (or file) contains `typed`; [] when the list is not ready within `waitMs`. */
  choices(typed: string, waitMs?: number): Promise<DocumentChoice[]>;
  /** The file for a picked or typed document; throws BAD_INPUT when nothing matches. */
  resolve(input: string): Promise<string>;
}

/** Cache `core.documents()` for `ttlMs`, so autocomplete keystrokes do not each reach the core. */
export function createDocumentCatalog(core: Core, logger: Logger, ttlMs = 60_000): DocumentCatalog {
  let cached: { at: number; docs: Promise<QuoteDocument[]> } | undefined;
  const load = (): Promise<QuoteDocument[]> => {
    if (!cached || Date.now() - cached.at > ttlMs) {
      const docs = core.documents();
      cached = { at: Date.now(), docs };
      docs.catch((e: unknown) => {
        logger.error({ err: e }, 'discord: listing documents failed');
        if (cached?.docs === docs) cached = undefined;
      });
    }
    return cached.docs;
  };
  return {
    async choices(typed, waitMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      // Autocomplete cannot be deferred: a core still loading its index yields no choices this time.
      const late = new Promise<null>((r) => (timer = setTimeout(() => r(null), waitMs)));
      try {
        const docs = await Promise.race([load(), late]);
        return docs ? filterChoices(docs, typed) : [];
      } catch {
        return [];
      } finally {
        clearTimeout(timer);
      }
    },
    async resolve(input) {
      const docs = await load();
      const found = matchDocument(docs, input);
      if (!found) {
        throw new QuotebotError('BAD_INPUT', `No indexed document matches "${clip(input, 100, { trimEnd: true })}". Pick one from the list.`);
      }
      return found.file;
    },
  };
}

/** Documents whose title or file name contains `typed` (case-insensitive), titles first, at most 25. */
export function filterChoices(docs: readonly QuoteDocument[], typed: string): DocumentChoice[] {
  const needle = typed.trim().toLowerCase();
  const inTitle = docs.filter((d) => d.title.toLowerCase().includes(needle));
  const inFile = docs.filter((d) => !inTitle.includes(d) && d.file.toLowerCase().includes(needle));
  return [...inTitle, ...inFile].slice(0, LIMITS.autocompleteChoices).map((d) => ({
    name: clip(d.title || baseName(d.file), LIMITS.choiceName, { trimEnd: true }),
    value: choiceValue(d.file),
  }));
}

function choiceValue(file: string): string {
  return file.length <= LIMITS.choiceValue ? file : clip(baseName(file), LIMITS.choiceValue, { trimEnd: true });
}

function baseName(file: string): string {
  return file.split('/').pop() ?? file;
}

function matchDocument(docs: readonly QuoteDocument[], input: string): QuoteDocument | undefined {
  const x = input.trim().toLowerCase();
  return (
    docs.find((d) => d.file.toLowerCase() === x || choiceValue(d.file).toLowerCase() === x) ??
    docs.find((d) => baseName(d.file).toLowerCase() === x || d.title.toLowerCase() === x) ??
    unique(docs.filter((d) => d.title.toLowerCase().includes(x) || d.file.toLowerCase().includes(x)))
  );
}

function unique<T>(xs: T[]): T | undefined {
  return xs.length === 1 ? xs[0] : undefined;
}
