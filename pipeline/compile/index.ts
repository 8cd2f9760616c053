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

export function compileVolume(docs: readonly StoredDocument[], opts: CompileOptions & { format: 'docx' }): Promise<Buffer>;
export function compileVolume(docs: readonly StoredDocument[], opts: CompileOptions & { format: 'md' | 'html' }): Promise<string>;
export function compileVolume(docs: readonly StoredDocument[], opts: CompileOptions): Promise<Buffer | string>;
export async function compileVolume(docs: readonly StoredDocument[], opts: CompileOptions): Promise<Buffer | string> {
  if (!opts.title.trim()) throw new RangeError('title must not be empty');
  if (docs.length === 0) throw new RangeError('a volume needs at least one document');
  return renderVolume(planVolume(docs, opts), opts.format);
}
