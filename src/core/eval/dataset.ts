/**
 * @module core/eval/dataset
 * The question-set format of `/work/shared/eval/README.md`: one JSON object per line.
 */
import { z } from 'zod';
import { QuotebotError } from '../errors.js';

/** One gold passage: an exact substring of a corpus file (named without directory). */
export interface GoldQuote {
  file: string;
  quote: string;
}

/** One evaluation question. Fields other than these five are kept but not used for scoring. */
export interface EvalItem {
  id: string;
  question: string;
  /** fact | citation_lookup | onboarding | cross_document | footnote | comparison_or_argument | unanswerable, or any other label. */
  kind: string;
  answerable: boolean;
  /** Every passage a careful reader would accept; a hit on any one counts. Empty when not answerable. */
  gold: GoldQuote[];
  answer_note?: string;
  difficulty?: string;
  paraphrase?: boolean;
}

const itemSchema = z.looseObject({
  id: z.string().min(1),
  question: z.string().trim().min(1),
  kind: z.string().min(1),
  answerable: z.boolean(),
  gold: z.array(z.object({ file: z.string().min(1), quote: z.string().min(1) })),
  answer_note: z.string().optional(),
  difficulty: z.string().optional(),
  paraphrase: z.boolean().optional(),
});

const HINT = 'each line must be one JSON object: {"id", "question", "kind", "answerable": true|false, "gold": [{"file", "quote"}]}';

/**
 * Parse a JSONL question set. Blank lines are skipped. Throws `BAD_INPUT` naming `source` and the 1-based
 * line number for invalid JSON, a missing or mistyped field, a duplicate id, or an answerable question with no gold.
 */
export function parseEvalItems(text: string, source = 'input'): EvalItem[] {
  const items: EvalItem[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const where = `${source}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new QuotebotError('BAD_INPUT', `${where}: not valid JSON (${(e as Error).message})`, { hint: HINT, cause: e });
    }
    const parsed = itemSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((p) => `${p.path.join('.') || '(line)'}: ${p.message}`).join('; ');
      throw new QuotebotError('BAD_INPUT', `${where}: invalid question (${problems})`, { hint: HINT });
    }
    const item = parsed.data as EvalItem;
    if (seen.has(item.id)) throw new QuotebotError('BAD_INPUT', `${where}: duplicate id "${item.id}"`, { hint: 'give every question its own id' });
    if (item.answerable && item.gold.length === 0) {
      throw new QuotebotError('BAD_INPUT', `${where}: question "${item.id}" is answerable but has no gold quotes`, {
        hint: 'add the accepted passages to gold, or set answerable to false',
      });
    }
    seen.add(item.id);
    items.push(item);
  }
  if (items.length === 0) throw new QuotebotError('BAD_INPUT', `${source}: no questions found`, { hint: HINT });
  return items;
}
