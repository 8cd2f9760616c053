/**
 * Compile stage: archived documents → a volume (汇编) for editors, as DOCX, Markdown or HTML, with a
 * title page, contents, each article with its heading, byline and source note, near-duplicates
 * dropped, and an index of persons and places.
 * @module
 */
import type { StoredDocument } from '../store/archive.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { planVolume, type CompileOptions, type OutputFormat, type VolumePlan } from './plan.js';

export { editorialNote, planVolume } from './plan.js';
export type { Article, CompileOptions, DroppedCopy, IndexEntry, Order, OutputFormat, VolumePlan } from './plan.js';
export { escapeHtml } from './html.js';
export { escapeMarkdown } from './markdown.js';

/** A planned volume in one format: DOCX bytes, or Markdown / HTML text. */
export async function renderVolume(plan: VolumePlan, format: OutputFormat): Promise<Buffer | string> {
  switch (format) {
    case 'docx':
      return renderDocx(plan);
    case 'md':
      return renderMarkdown(plan);
    case 'html':
      return renderHtml(plan);
  }
}

/** What a compile gives both front ends: the plan (articles, dropped copies) and the volume in its format. */
export interface CompiledVolume {
  plan: VolumePlan;
  output: Buffer | string;
}

/**
 * The one compile path of `wenshi compile` and `POST /api/compile`: the documents in the editor's
 * order → a planned volume → the volume in the format asked for.
 */
export async function compile(docs: readonly StoredDocument[], opts: CompileOptions): Promise<CompiledVolume> {
  if (!opts.title.trim()) throw new RangeError('title must not be empty');
  if (docs.length === 0) throw new RangeError('a volume needs at least one document');
  const plan = planVolume(docs, opts);
  return { plan, output: await renderVolume(plan, opts.format) };
}

/** What was compiled, for scripts and the page: the articles in order and the copies left out. */
export function volumeSummary(plan: VolumePlan) {
  return {
    articles: plan.articles.map((a) => ({ number: a.number, id: a.id, title: a.title })),
    dropped: plan.dropped,
  };
}

export function compileVolume(docs: readonly StoredDocument[], opts: CompileOptions & { format: 'docx' }): Promise<Buffer>;
export function compileVolume(docs: readonly StoredDocument[], opts: CompileOptions & { format: 'md' | 'html' }): Promise<string>;
export function compileVolume(docs: readonly StoredDocument[], opts: CompileOptions): Promise<Buffer | string>;
export async function compileVolume(docs: readonly StoredDocument[], opts: CompileOptions): Promise<Buffer | string> {
  return (await compile(docs, opts)).output;
}
