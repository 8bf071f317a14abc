/**
 * @module core/feedback
 * Append-only JSON Lines log of feedback clicks and unanswered questions, in the data directory.
 * Shared by every front end; `quotebot report` summarises it.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface FeedbackEvent {
  /** ISO time. */
  time: string;
  platform: 'slack' | 'discord' | 'cli';
  channel?: string;
  user?: string;
  question: string;
  status: 'answered' | 'not_found';
  quoteIds: string[];
  /** 'helpful' | 'not_helpful' for clicks; 'unanswered' for a not_found answer logged automatically. */
  verdict: 'helpful' | 'not_helpful' | 'unanswered';
}

export interface FeedbackLog {
  /** Append one event; rejects when that event could not be written (later ones are still tried). */
  record(event: Omit<FeedbackEvent, 'time'> & { time?: string }): Promise<void>;
  /** Resolves once every record started so far has been written or has failed (never rejects). */
  flush(): Promise<void>;
  readAll(): Promise<FeedbackEvent[]>;
  readonly path: string;
}

/**
 * The feedback log at `<dataDir>/feedback.jsonl`. Writes are serialised so lines never interleave; a
 * failed write rejects its own `record` only, and the next record is tried as usual.
 */
export function createFeedbackLog(dataDir: string): FeedbackLog {
  const path = join(dataDir, 'feedback.jsonl');
  let chain: Promise<void> = Promise.resolve();
  return {
    path,
    record(event) {
      const line = JSON.stringify({ time: new Date().toISOString(), ...event }) + '\n';
      // The previous write's failure was already reported to its own caller: do not inherit it.
      const write = chain
        .catch(() => undefined)
        .then(async () => {
          await mkdir(dirname(path), { recursive: true });
          await appendFile(path, line, 'utf8');
        });
      chain = write;
      return write;
    },
    flush() {
      return chain.catch(() => undefined);
    },
    async readAll() {
      let raw: string;
      try {
        raw = await readFile(path, 'utf8');
      } catch {
        return [];
      }
      const out: FeedbackEvent[] = [];
      for (const line of raw.split('\n')) {
        if (!line.trim()) continue;
        try {
          out.push(JSON.parse(line) as FeedbackEvent);
        } catch {
          // a torn last line from a crash: skip it rather than lose the rest
        }
      }
      return out;
    },
  };
}
