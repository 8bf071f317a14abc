/** The feedback summary (src/core/report.ts) and `quotebot report [--json]` over a real log file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { command as reportCommand, formatReport } from '../../src/adapters/cli/commands/report.js';
import type { CliContext } from '../../src/adapters/cli/context.js';
import { loadConfig } from '../../src/config.js';
import { createFeedbackLog, type FeedbackEvent } from '../../src/core/feedback.js';
import { silentLogger } from '../../src/core/logger.js';
import { questionKey, summariseFeedback } from '../../src/core/report.js';

const ev = (time: string, verdict: FeedbackEvent['verdict'], question: string, platform: FeedbackEvent['platform'] = 'slack'): FeedbackEvent => ({
  time,
  platform,
  question,
  verdict,
  status: verdict === 'unanswered' ? 'not_found' : 'answered',
  quoteIds: verdict === 'unanswered' ? [] : ['chuang:p74:59-301'],
});

const EVENTS: FeedbackEvent[] = [
  ev('2026-11-01T10:00:00.000Z', 'unanswered', 'What is the capital of Peru?'),
  ev('2026-11-02T10:00:00.000Z', 'helpful', 'what is IRIS?'),
  ev('2026-11-03T10:00:00.000Z', 'unanswered', 'what does IOM spend on  staff travel', 'discord'),
  ev('2026-11-04T10:00:00.000Z', 'unanswered', 'what is the capital of peru', 'discord'),
  ev('2026-11-05T10:00:00.000Z', 'not_helpful', 'who audits IRIS?'),
  ev('2026-11-06T10:00:00.000Z', 'unanswered', 'Who chairs the IOM Council?'),
];

describe('summariseFeedback', () => {
  it('GIVEN a feedback log THEN it counts per verdict and per platform', () => {
    const r = summariseFeedback(EVENTS);
    expect(r.total).toBe(6);
    expect(r.byVerdict).toEqual({ helpful: 1, not_helpful: 1, unanswered: 4 });
    expect(r.byPlatform).toEqual({
      slack: { helpful: 1, not_helpful: 1, unanswered: 2 },
      discord: { helpful: 0, not_helpful: 0, unanswered: 2 },
    });
    expect([r.from, r.to]).toEqual(['2026-11-01T10:00:00.000Z', '2026-11-06T10:00:00.000Z']);
  });

  it('GIVEN the same unanswered question worded slightly differently THEN it is one gap with a count, most recent first', () => {
    const r = summariseFeedback(EVENTS);
    expect(r.unanswered.map((u) => [u.question, u.count, u.lastAsked.slice(0, 10), u.platforms])).toEqual([
      ['Who chairs the IOM Council?', 1, '2026-11-06', ['slack']],
      ['what is the capital of peru', 2, '2026-11-04', ['slack', 'discord']],
      ['what does IOM spend on  staff travel', 1, '2026-11-03', ['discord']],
    ]);
    expect(r.unanswered[1]!.firstAsked).toBe('2026-11-01T10:00:00.000Z');
    expect(questionKey('  What’s  IRIS?! ')).toBe("what's iris");
  });

  it('GIVEN no events THEN an empty report', () => {
    expect(summariseFeedback([])).toEqual({ total: 0, byVerdict: { helpful: 0, not_helpful: 0, unanswered: 0 }, byPlatform: {}, unanswered: [] });
  });
});

describe('quotebot report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quotebot-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]): Promise<string> {
    const out: string[] = [];
    const config = loadConfig({ env: { QUOTEBOT_DATA_DIR: dir }, envFile: join(dir, 'none.env'), cwd: dir });
    const ctx: CliContext = { config: () => config, logger: () => silentLogger(), out: (t) => void out.push(t), err: () => undefined };
    const program = new Command('quotebot').exitOverride();
    reportCommand.register(program, ctx);
    await program.parseAsync(['node', 'quotebot', 'report', ...args]);
    return out.join('\n');
  }

  it('GIVEN no log yet THEN it says so', async () => {
    expect(await run([])).toContain('No feedback recorded yet');
  });

  it('GIVEN a log written by the adapters THEN --json prints the summary and the text lists the gaps', async () => {
    const log = createFeedbackLog(dir);
    for (const e of EVENTS) await log.record(e);
    const json = JSON.parse(await run(['--json'])) as ReturnType<typeof summariseFeedback>;
    expect(json).toEqual(summariseFeedback(EVENTS));
    const text = await run([]);
    expect(text).toBe(formatReport(summariseFeedback(EVENTS), log.path));
    expect(text).toMatch(/2×\s+what is the capital of peru/);
    expect(text.indexOf('Who chairs the IOM Council?')).toBeLessThan(text.indexOf('what is the capital of peru'));
  });
});
