/**
 * `wenshi compare <local> --against <central>…`: a local document checked against central
 * requirements, clause by clause; each side a document id (or prefix) or a file ingested first.
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { compare, compareDocFrom, type CompareReport } from '../../pipeline/compare/index.js';
import { renderDocx } from '../../pipeline/compare/render-docx.js';
import { renderHtml } from '../../pipeline/compare/render-html.js';
import { renderMarkdown } from '../../pipeline/compare/render-md.js';
import { ADDITION_LABEL, excerpt, reviewLine, summaryLine, VERDICT_LABEL } from '../../pipeline/compare/wording.js';
import type { Archive, StoredDocument } from '../../pipeline/store/archive.js';
import type { Level } from '../../pipeline/types.js';
import { ingestEmbedded } from '../../workers/embedded.js';
import type { Command } from '../command.js';
import { openArchive } from '../archive.js';
import { cell, printJson, UsageError } from '../context.js';
import { parseLevel } from './ingest.js';
import { resolveDocument } from './show.js';

const USAGE = `Usage: wenshi compare <local> --against <central> [--against <central2>…] [--json | --md] [--html FILE] [--docx FILE]
                      [--level central|provincial|…] [--threshold 0-1] [--data DIR]

Checks every requirement of the central document(s) against the local one: covered, strengthened,
weakened (softer modality, lower frequency, a procedure replaced by a reference) or missing, and
lists what the local text adds. <local> and <central> are document ids (or an unambiguous prefix of
4+ characters, see \`wenshi docs\`) or file paths, which are ingested first; --level sets the level
of central files ingested here (default: central). A central document split over several files
takes one --against per file.`;

/** Ingests one file in this process (or finds it already archived) and returns its documents. */
export async function documentsOfFile(archive: Archive, path: string, level?: Level): Promise<StoredDocument[]> {
  let ids: string[] = [];
  const summary = await ingestEmbedded([path], archive, {
    ...(level ? { level } : {}),
    onFile: (o) => { if (o.status !== 'failed') ids = o.documents; },
  });
  const failed = summary.failed[0];
  if (failed) throw new UsageError(`could not ingest ${path}: ${failed.error}`);
  if (ids.length === 0) throw new UsageError(`${path} holds no document`);
  return ids.map((id) => archive.getDocument(id)!);
}

function isFile(arg: string): boolean {
  return existsSync(arg) && statSync(arg).isFile();
}

/**
 * A file archived before keeps the level it was given then: `--level` given now sets it (and says so);
 * without `--level`, a different stored level is kept and named, so the report is not read wrongly.
 */
function settleLevel(archive: Archive, docs: StoredDocument[], level: Level, explicit: boolean): StoredDocument[] {
  return docs.map((d) => {
    if (d.level === level) return d;
    if (!explicit) {
      process.stderr.write(`注意 note: ${d.id} 已按层级 ${d.level} 入库，未改动 was archived as ${d.level} and is kept (give --level ${level} to change it)\n`);
      return d;
    }
    archive.setLevel(d.id, level, `set by --level at compare (was ${d.level})`);
    process.stderr.write(`层级 level: ${d.id} ${d.level} → ${level} (--level)\n`);
    return archive.getDocument(d.id)!;
  });
}

async function resolveAll(archive: Archive, arg: string, level: Level | undefined, explicit = false): Promise<StoredDocument[]> {
  if (!isFile(arg)) return [resolveDocument(archive, arg)];
  const docs = await documentsOfFile(archive, arg, level);
  process.stderr.write(`已导入 ingested ${arg} → ${docs.map((d) => d.id).join(', ')}\n`);
  return level ? settleLevel(archive, docs, level, explicit) : docs;
}

function parseThreshold(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new UsageError('--threshold must be a number between 0 and 1');
  return n;
}

function printTable(r: CompareReport): void {
  const out = [
    `对照检查 compare: ${r.local.title} (${r.local.id})`,
    `对照文件 central: ${r.central.title} (${r.central.id})`,
    summaryLine(r),
    '',
    `${cell('中央 central', 14)}${cell('条款 clause', 34)}${cell('结论 verdict', 22)}${cell('地方 local', 16)}${cell('得分', 6)}理由 reasons`,
  ];
  for (const it of r.items) {
    const local = it.local.map((l) => l.clausePath).join('+') || '—';
    const review = reviewLine(it);
    const reasons = [...it.explanation, ...(review ? [review] : [])];
    out.push(`${cell(it.central.clausePath, 14)}${cell(excerpt(it.central.text, 16), 34)}${cell(VERDICT_LABEL[it.verdict], 22)}${cell(local, 16)}${cell(it.score.toFixed(2), 6)}${reasons.join('；') || '—'}`);
  }
  out.push('', `${ADDITION_LABEL}: ${r.additions.length}`);
  for (const a of r.additions) out.push(`  ${cell(a.clausePath, 10)}${excerpt(a.text, 50)}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

export const compareCommand: Command = {
  name: 'compare',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        against: { type: 'string', multiple: true },
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        md: { type: 'boolean', default: false },
        html: { type: 'string' },
        docx: { type: 'string' },
        level: { type: 'string' },
        threshold: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give one local document (an id or a file)');
    if (!values.against?.length) throw new UsageError('give the central document with --against');
    if (values.json && values.md) throw new UsageError('choose one of --json and --md');
    const level = parseLevel(values.level) ?? 'central';
    const threshold = parseThreshold(values.threshold);
    const archive = openArchive(values.data);
    try {
      const locals = await resolveAll(archive, positionals[0]!, undefined);
      if (locals.length > 1) {
        throw new UsageError(`${positionals[0]} holds ${locals.length} documents; compare one of them by id: ${locals.map((d) => d.id).join(', ')}`);
      }
      const centrals: StoredDocument[] = [];
      for (const arg of values.against) centrals.push(...await resolveAll(archive, arg, level, values.level !== undefined));
      const report = compare(compareDocFrom(locals[0]!), centrals.map(compareDocFrom), threshold === undefined ? {} : { threshold });
      if (values.html) await writeFile(values.html, renderHtml(report));
      if (values.docx) await writeFile(values.docx, await renderDocx(report));
      if (values.json) printJson(report);
      else if (values.md) process.stdout.write(renderMarkdown(report));
      else printTable(report);
      return 0;
    } finally {
      archive.close();
    }
  },
};
