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
  record(event: Omit<FeedbackEvent, 'time'> & { time?: string }): Promise<void>;
  readAll(): Promise<FeedbackEvent[]>;
  readonly path: string;
}

/** The feedback log at `<dataDir>/feedback.jsonl`. Writes are serialised so lines never interleave. */
export function createFeedbackLog(dataDir: string): FeedbackLog {
  const path = join(dataDir, 'feedback.jsonl');
  let chain: Promise<void> = Promise.resolve();
  return {
    path,
    record(event) {
      const line = JSON.stringify({ time: new Date().toISOString(), ...event }) + '\n';
      chain = chain.then(async () => {
        await mkdir(dirname(path), { recursive: true });
        await appendFile(path, line, 'utf8');
      });
      return chain;
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
