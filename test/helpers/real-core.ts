/**
 * The production core over the shipped corpus, for end-to-end runs of the front ends: built exactly as
 * `quotebot` builds it (`openCore(loadConfig(…))`), with its index in a temporary data dir. Also the
 * checks those runs share: is a shown quote verbatim from a corpus file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { isFaithful, lettersAndDigits } from '../../src/core/eval/fidelity.js';
import { silentLogger } from '../../src/core/logger.js';
import { openCore } from '../../src/compose.js';
import type { Answer, Core } from '../../src/core/types.js';

/** The development question q006 (test/eval/dev.jsonl), answered from Chuang's article. */
export const TURKEY_QUESTION = "find the Turkey example of IOM shaping a government's migration bureaucracy from the inside";
/** A question the corpus cannot answer (it predates the appointment). */
export const UNANSWERABLE_QUESTION = 'when did Amy Pope become IOM Director General?';

export const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

export interface RealCore {
  /** The production core, every answer it gives kept in `answers` (in order). */
  core: Core;
  answers: Answer[];
  /** The answer the core gave to `question` (throws when it was never asked). */
  answerTo(question: string): Answer;
  /** Remove the temporary data dir. */
  dispose(): void;
}

/**
 * Open the production core on the shipped corpus, over the integration tier's shared index (built once per
 * run by test/global-setup.ts; this only loads it).
 */
export function openRealCore(): RealCore {
  const dataDir = inject('realDataDir');
  const cwd = mkdtempSync(join(tmpdir(), 'quotebot-real-core-'));
  const config = loadConfig({
    env: { QUOTEBOT_CORPUS: CORPUS_DIR, QUOTEBOT_DATA_DIR: dataDir },
    envFile: join(cwd, 'no.env'),
    cwd,
  });
  const real = openCore(config, silentLogger());
  const answers: Answer[] = [];
  const core: Core = {
    async ask(req) {
      const answer = await real.ask(req);
      answers.push(answer);
      return answer;
    },
    documents: () => real.documents(),
  };
  const answerTo = (question: string): Answer => {
    const answer = answers.find((a) => a.question === question);
    if (!answer) throw new Error(`the core was never asked "${question}"`);
    return answer;
  };
  return { core, answers, answerTo, dispose: () => rmSync(cwd, { recursive: true, force: true }) };
}

let corpusTexts: string[] | undefined;

/** The shipped corpus files as letters and digits, read once. */
function corpus(): string[] {
  corpusTexts ??= readdirSync(CORPUS_DIR)
    .filter((f) => /\.(txt|md)$/.test(f))
    .map((f) => lettersAndDigits(readFileSync(join(CORPUS_DIR, f), 'utf8')));
  return corpusTexts;
}

/**
 * True when `shown` (a quote as a platform displays it, its escaping undone) is verbatim from a corpus file,
 * by the fidelity test of the eval README (`isFaithful`): compared on letters and digits only, the quote
 * stands in the file in at most 3 in-order pieces, which absorb what cleaning removes from quotes (footnote
 * markers, footnotes printed across a page break, the hyphen of a split word). Those pieces can also absorb
 * one changed word when the new word happens to occur between them in the same file; the end-to-end tests
 * therefore also compare what is shown with the core's own quote, character for character.
 */
export function isVerbatimInCorpus(shown: string): boolean {
  return lettersAndDigits(shown).length >= 20 && corpus().some((text) => isFaithful(shown, text));
}

/** Write `value` as JSON to `path` when `QB_WRITE_PAYLOADS` is set (for reviewing the real rendering). */
export function writePayloadIfAsked(path: string, value: unknown): void {
  if (process.env.QB_WRITE_PAYLOADS) writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}
