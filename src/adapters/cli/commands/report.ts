/**
 * @module adapters/cli/commands/report
 * `quotebot report [--json]`: what people found helpful, and the questions the corpus could not answer.
 */
import type { Command } from 'commander';
import { createFeedbackLog } from '../../../core/feedback.js';
import { summariseFeedback, type FeedbackReport } from '../../../core/report.js';
import type { CliCommand } from '../context.js';

/** The report as text for a terminal. */
export function formatReport(r: FeedbackReport, logPath: string): string {
  if (r.total === 0) return `No feedback recorded yet (${logPath}).`;
  const v = r.byVerdict;
  const lines = [
    `Feedback: ${r.total} events${r.from ? `, ${r.from.slice(0, 10)} to ${r.to!.slice(0, 10)}` : ''}`,
    `  helpful ${v.helpful} · not helpful ${v.not_helpful} · unanswered ${v.unanswered}`,
  ];
  for (const [platform, c] of Object.entries(r.byPlatform)) {
    lines.push(`  ${platform}: helpful ${c.helpful} · not helpful ${c.not_helpful} · unanswered ${c.unanswered}`);
  }
  if (r.unanswered.length) {
    lines.push('', `Questions the corpus could not answer (${r.unanswered.length}, most recent first):`);
    for (const q of r.unanswered) {
      lines.push(`  ${String(q.count).padStart(3)}×  ${q.question}  (last ${q.lastAsked.slice(0, 10)}; ${q.platforms.join(', ')})`);
    }
  }
  return lines.join('\n');
}

export const command = {
  register(program: Command, ctx) {
    program
      .command('report')
      .description('summarise the feedback log: helpful / not helpful counts and the questions the corpus could not answer')
      .option('--json', 'print the summary as JSON')
      .action(async (opts: { json?: boolean }) => {
        const log = createFeedbackLog(ctx.config().dataDir);
        const report = summariseFeedback(await log.readAll());
        ctx.out(opts.json ? JSON.stringify(report, null, 2) : formatReport(report, log.path));
      });
  },
} satisfies CliCommand;
