/** A real pino logger whose lines are kept in memory, to check what reached the log. */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export function captureLogger(level = 'warn'): { logger: Logger; lines: () => Array<{ level: number; msg: string } & Record<string, unknown>> } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      raw.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines: () => raw.flatMap((r) => r.split('\n').filter(Boolean).map((l) => JSON.parse(l))) };
}
