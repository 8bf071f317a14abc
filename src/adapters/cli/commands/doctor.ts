/**
 * @module adapters/cli/commands/doctor
 * `quotebot doctor [--json]`: which embedder is active and why, where the model comes from (fetching it if
 * it is missing), and the state of the index. Exits non-zero when the default model cannot be had.
 */
import type { CliCommand } from '../context.js';

export interface DoctorReport {
  embeddings: string;
  model?: { name: string; id: string; licence: string; ok: boolean; source?: string; dir?: string; reasons?: string[] };
  /** The embedder questions are answered with, and why. */
  active: { embedder: string; why: string };
  index: { dataDir: string; built: boolean; builtAt?: string; embedder?: string; files?: number; current?: boolean };
}

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command('doctor')
      .description('show which embedder is active and why, fetching the default model if it is missing, and the index state')
      .option('--json', 'print the report as JSON on stdout')
      .action(async (opts: { json?: boolean }) => {
        const [{ resolveModel }, { MINILM_INT8 }, { readManifest }] = await Promise.all([
          import('../../../providers/index.js'),
          import('../../../providers/model/spec.js'),
          import('../../../core/index/store.js'),
        ]);
        const config = ctx.config();
        const p = config.providers;
        const report: DoctorReport = { embeddings: p.embeddings, active: { embedder: '', why: '' }, index: { dataDir: config.dataDir, built: false } };
        if (p.embeddings === 'default') {
          const r = await resolveModel(p.model, ctx.logger());
          const base = { name: MINILM_INT8.name, id: MINILM_INT8.id, licence: MINILM_INT8.licence };
          report.model = r.ok ? { ...base, ok: true, source: r.source, dir: r.dir } : { ...base, ok: false, reasons: r.reasons };
          report.active = r.ok
            ? { embedder: MINILM_INT8.id, why: `the default model, from ${r.source} (${r.dir})` }
            : { embedder: 'lsa', why: `the default model could not be had: ${r.reasons.join('; ')}` };
        } else {
          report.active = { embedder: p.embeddings, why: `EMBEDDINGS=${p.embeddings}` };
        }
        const m = await readManifest(config.dataDir);
        if (m) {
          const kind = m.embedder.kind;
          report.index = { dataDir: config.dataDir, built: true, builtAt: m.builtAt, embedder: kind, files: m.files.length, current: kind === report.active.embedder || kind.startsWith(`${report.active.embedder}:`) };
        }
        if (opts.json) ctx.out(JSON.stringify(report));
        else ctx.err(formatDoctor(report));
        if (report.model && !report.model.ok) process.exitCode = 1;
      });
  },
};

/** The report for humans. */
export function formatDoctor(r: DoctorReport): string {
  const lines = [`embedder in use: ${r.active.embedder} (${r.active.why})`];
  if (r.model) lines.push(`model: ${r.model.name}, ${r.model.licence}: ${r.model.ok ? `ready (${r.model.source})` : 'NOT AVAILABLE'}`);
  for (const reason of r.model?.reasons ?? []) lines.push(`  - ${reason}`);
  if (r.model && !r.model.ok) lines.push('  fix the cause above, or put the model files in a folder and set QUOTEBOT_MODEL_DIR (README: "The retrieval model")');
  lines.push(
    r.index.built
      ? `index: ${r.index.files} documents, built ${r.index.builtAt} with ${r.index.embedder}${r.index.current ? '' : ' (will be rebuilt with the embedder above on the next `quotebot index` or question)'}, in ${r.index.dataDir}`
      : `index: not built yet (${r.index.dataDir}); \`quotebot index\` or the first question builds it`,
  );
  return lines.join('\n');
}
