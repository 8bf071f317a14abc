/**
 * @module adapters/cli/commands/index-command
 * `quotebot index [--force] [--json]`: bring the index of the corpus up to date.
 */
import type { CliCommand } from '../context.js';

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command('index')
      .description('build or update the index of the corpus (re-embeds only changed files)')
      .option('--force', 'rebuild everything')
      .option('--json', 'print the manifest as JSON on stdout')
      .option('--list', 'list the indexed documents (file, title, authors) on stdout')
      .action(async (opts: { force?: boolean; json?: boolean; list?: boolean }) => {
        const [{ ensureIndex }, { indexOptions }, { stderrProgress }, { joinTitle }] = await Promise.all([
          import('../../../core/index/store.js'),
          import('../../../compose.js'),
          import('../progress.js'),
          import('../../../core/answer/citation.js'),
        ]);
        const config = ctx.config();
        const logger = ctx.logger();
        const t0 = performance.now();
        const index = await ensureIndex({ ...(await indexOptions(config, logger, stderrProgress(logger))), force: opts.force });
        const seconds = ((performance.now() - t0) / 1000).toFixed(1);
        if (opts.list) {
          const rows = index.docs.map((d) => ({ file: d.meta.file, title: joinTitle(d.meta.title, d.meta.subtitle), authors: d.meta.authors }));
          if (opts.json) ctx.out(JSON.stringify(rows));
          else for (const r of rows) ctx.out(`${r.file}\t${r.title}\t${r.authors.join('; ')}`);
          return;
        }
        if (opts.json) {
          ctx.out(JSON.stringify(index.manifest));
          return;
        }
        const m = index.manifest;
        ctx.err(`Index ready in ${seconds}s: ${m.files.length} documents, ${index.passages.length} passages, embedder ${m.embedder.id} (${m.embedder.dims} dims), in ${config.dataDir}`);
        for (const f of m.files) ctx.err(`  ${f.path}: ${f.passages} passages`);
        for (const w of m.warnings) ctx.err(`  warning: ${w}`);
      });
  },
};
