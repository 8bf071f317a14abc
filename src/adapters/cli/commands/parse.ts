/**
 * @module adapters/cli/commands/parse
 * `quotebot parse FILE [--json]`: shows how one document was understood — title, authors, the outline
 * of headings with paragraph and footnote counts, and every warning; or, with `--json`, the blocks and
 * footnotes as one JSON object (a stable shape other tools read: add fields, never rename).
 */
import { dirname } from 'node:path';
import { QuotebotError } from '../../../core/errors.js';
import type { Block, ParsedDocument } from '../../../core/types.js';
import type { CliCommand } from '../context.js';

/** The `parse` command. */
export const command = {
  register(program, ctx) {
    program
      .command('parse')
      .description('show how a document is parsed: outline, paragraphs, footnotes and warnings')
      .argument('<file>', 'a .txt, .md, .pdf, .docx or .html file')
      .option('--json', 'print one JSON object with every block and footnote')
      .action(async (file: string, opts: { json?: boolean }) => {
        const doc = await parseForDisplay(file);
        ctx.out(opts.json ? JSON.stringify(toJson(doc)) : renderOutline(doc));
      });
  },
} satisfies CliCommand;

/** Ingests `file` with its directory's catalog; a file that cannot be ingested is a BAD_INPUT error. */
export async function parseForDisplay(file: string): Promise<ParsedDocument> {
  const { ingestFile } = await import('../../../core/ingest/index.js');
  const { loadCatalog } = await import('../../../core/ingest/catalog.js');
  const catalog = await loadCatalog(dirname(file));
  const result = await ingestFile(file, { displayPath: file, catalog: catalog.entries });
  if (!result.ok) {
    throw new QuotebotError('BAD_INPUT', `${result.file}: ${result.reason}`, { hint: hintFor(result.reason) });
  }
  result.doc.warnings.push(...catalog.warnings);
  return result.doc;
}

function hintFor(reason: string): string {
  if (/^unsupported/.test(reason)) return 'quotebot reads .txt, .md, .markdown, .pdf, .docx, .html and .htm files';
  if (/UTF-8|UTF-16/.test(reason)) return 're-save the file as UTF-8 text (e.g. `iconv -f latin1 -t utf-8`)';
  if (/encrypted/.test(reason)) return 'remove the password protection (save an unprotected copy) and try again';
  if (/cannot read/.test(reason)) return 'check the path and the file permissions';
  return 'check the file opens in its usual application; re-export or convert it, then try again';
}

/** The `--json` shape: `{ document, blocks, footnotes, warnings }`. */
export function toJson(doc: ParsedDocument): object {
  const { meta } = doc;
  const document: Record<string, unknown> = { title: meta.title, authors: meta.authors, file: meta.file, format: meta.format };
  if (meta.subtitle) document.subtitle = meta.subtitle;
  if (meta.catalog) document.catalog = meta.catalog;
  if (meta.extra) document.extra = meta.extra;
  return {
    document,
    blocks: doc.blocks.map((b) => {
      const out: Record<string, unknown> = {
        kind: b.kind,
        text: b.text,
        section: b.section,
        paragraph: b.paragraph,
        page: b.page,
        footnotes: b.footnotes,
      };
      if (b.level !== undefined) out.level = b.level;
      if (b.flags) out.flags = b.flags;
      if (b.leadIn !== undefined) out.lead_in = b.leadIn;
      out.spans = b.spans;
      return out;
    }),
    footnotes: doc.footnotes.map((f) => {
      const out: Record<string, unknown> = { n: f.n, text: f.text, cited_by: f.citedBy, status: f.status };
      if (f.page !== undefined) out.page = f.page;
      out.spans = f.spans;
      return out;
    }),
    warnings: doc.warnings,
  };
}

/** The human-readable report: metadata, the outline with counts per section, totals and warnings. */
export function renderOutline(doc: ParsedDocument): string {
  const { meta } = doc;
  const lines: string[] = [];
  lines.push(`Title:    ${meta.title || '(none detected)'}`);
  if (meta.subtitle) lines.push(`Subtitle: ${meta.subtitle}`);
  lines.push(`Authors:  ${meta.authors.length > 0 ? meta.authors.join('; ') : '(none detected)'}`);
  lines.push(`File:     ${meta.file} (${meta.format}${meta.catalog ? ', catalog entry applied' : ', no catalog entry'})`);
  lines.push('', 'Outline:');
  for (const s of sections(doc.blocks)) {
    const indent = '  '.repeat(s.level);
    const pages = s.firstPage !== null ? `, from p. ${s.firstPage}` : '';
    lines.push(`${indent}${s.title}  [${plural(s.paragraphs, 'paragraph')}, ${plural(s.notes.size, 'footnote')}${pages}]`);
  }
  const kinds = new Map<string, number>();
  for (const b of doc.blocks) kinds.set(b.kind, (kinds.get(b.kind) ?? 0) + 1);
  const paragraphLike = doc.blocks.filter((b) => b.paragraph !== null).length;
  const bodyKinds = [...kinds].filter(([k]) => k !== 'heading');
  const byKind = bodyKinds.length > 1 ? bodyKinds.map(([k, n]) => `${n} ${k.replace('_', ' ')}`).join(', ') : '';
  const notStatus = doc.footnotes.filter((f) => f.status !== 'ok').length;
  lines.push('', 'Totals:');
  lines.push(`  ${plural(kinds.get('heading') ?? 0, 'heading')}`);
  lines.push(`  ${plural(paragraphLike, 'paragraph')}${byKind ? ` (${byKind})` : ''}`);
  lines.push(`  ${plural(doc.footnotes.length, 'footnote')}${notStatus > 0 ? ` (${notStatus} not ok)` : ''}`);
  lines.push('', `Warnings: ${doc.warnings.length === 0 ? 'none' : doc.warnings.length}`);
  for (const w of doc.warnings) lines.push(`  - ${w}`);
  return lines.join('\n');
}

interface Section {
  title: string;
  level: number;
  paragraphs: number;
  notes: Set<number | '*'>;
  firstPage: number | null;
}

/** One entry per heading (plus one for text before the first heading), with its own blocks' counts. */
function sections(blocks: Block[]): Section[] {
  const out: Section[] = [];
  let current: Section | undefined;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      current = { title: b.text, level: (b.level ?? 1) - 1, paragraphs: 0, notes: new Set(), firstPage: b.page };
      out.push(current);
      continue;
    }
    if (!current) {
      current = { title: '(before the first heading)', level: 0, paragraphs: 0, notes: new Set(), firstPage: b.page };
      out.push(current);
    }
    current.paragraphs += 1;
    for (const n of b.footnotes) current.notes.add(n);
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
