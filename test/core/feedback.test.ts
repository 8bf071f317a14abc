/** The feedback log: serialised appends, a failed write that does not poison later ones, and flush. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedbackLog, type FeedbackEvent } from '../../src/core/feedback.js';

const event = (question: string): Omit<FeedbackEvent, 'time'> => ({
  platform: 'cli',
  question,
  status: 'answered',
  quoteIds: ['q1'],
  verdict: 'helpful',
});

describe('createFeedbackLog', () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'quotebot-feedback-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('GIVEN records not awaited THEN flush resolves once every one of them is in the file, in order', async () => {
    const log = createFeedbackLog(join(dir, 'data'));
    for (let i = 0; i < 50; i++) void log.record(event(`question ${i}`));
    await log.flush();
    expect((await log.readAll()).map((e) => e.question)).toEqual(Array.from({ length: 50 }, (_, i) => `question ${i}`));
  });

  it('GIVEN one append fails THEN its caller is told, and later records are still written', async () => {
    const dataDir = join(dir, 'data');
    await writeFile(dataDir, 'a file where the data directory should be');
    const log = createFeedbackLog(dataDir);
    await expect(log.record(event('lost'))).rejects.toThrow();
    await expect(log.flush()).resolves.toBeUndefined();

    await rm(dataDir);
    await expect(log.record(event('kept'))).resolves.toBeUndefined();
    await expect(log.record(event('also kept'))).resolves.toBeUndefined();
    expect((await log.readAll()).map((e) => e.question)).toEqual(['kept', 'also kept']);
  });
});
