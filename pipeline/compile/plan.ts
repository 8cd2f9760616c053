/**
 * What goes into a compiled volume, before any format: the selected documents with near-duplicates
 * dropped (the best copy kept), in the order asked for, each with its heading, byline, source note
 * and paragraphs, and an index of the persons and places they mention.
 * @module
 */
import { DupIndex, DEFAULT_THRESHOLD, shingleSet } from '../dedup/index.js';
import { parseByline, parseBylineLine } from '../entities/byline.js';
import { indexNames } from '../entities/index.js';
import { plausibleName } from '../entities/persons.js';
import type { StoredDocument } from '../store/archive.js';
import { DOC_TYPES, type ChangeKind } from '../types.js';

export type Order = 'date' | 'type' | 'listed';
export type OutputFormat = 'docx' | 'md' | 'html';

export interface CompileOptions {
  title: string;
  order: Order;
  format: OutputFormat;
  /**
   * Line under the title on the title page.
   * @defaultValue '文史资料汇编'
   */
  subtitle?: string;
  /**
   * Date on the title page, as written there.
   * @defaultValue today, `YYYY-MM-DD`
   */
  date?: string;
  /**
   * Similarity (shingle overlap) at which two selected documents count as copies of one piece.
   * @defaultValue DEFAULT_THRESHOLD of pipeline/dedup
   */
  threshold?: number;
  /**
   * Whether copies of one piece are dropped (the best copy kept); false prints every document listed.
   * @defaultValue true
   */
  dropDuplicates?: boolean;
}

export interface Article {
  /** 1-based place in the volume; the index refers to articles by it. */
  number: number;
  id: string;
  title: string;
  /** `王振华 口述　刘文清 整理`, or null when nobody is named. */
  byline: string | null;
  /** Where the text comes from: file(s), piece, pages, the series it was printed in. */
  source: string;
  paragraphs: string[];
}

export interface DroppedCopy {
  id: string;
  title: string;
  /** The copy printed in its place. */
  keptId: string;
  similarity: number;
}

export interface IndexEntry {
  name: string;
  /** Article numbers, ascending. */
  articles: number[];
}

export interface VolumePlan {
  title: string;
  subtitle: string;
  date: string;
  order: Order;
  articles: Article[];
  dropped: DroppedCopy[];
  persons: IndexEntry[];
  places: IndexEntry[];
}

/** Repairs that mean a copy came through a damaged channel (a template site, a scraper, a PDF export). */
const REPAIRS: readonly ChangeKind[] = ['scrape_noise', 'web_chrome', 'site_footer', 'footnote_marker', 'markup', 'line_join', 'page_number', 'doubled_label'];
/** Amounts of confirmed text closer than this count as equal: a few characters are no better copy. */
const SAME_LENGTH = 0.02;

/** Repairs per 1,000 characters through the cleanest source of the document (the same text may come from several). */
function repairsPerThousand(doc: StoredDocument): number {
  const counts = doc.provenance.map((p) => REPAIRS.reduce((s, k) => s + (p.changes[k] ?? 0), 0));
  const fewest = counts.length ? Math.min(...counts) : 0;
  return (1000 * fewest) / Math.max(1, doc.text.length);
}

interface Copy {
  doc: StoredDocument;
  listed: number;
  /** Shingles of this copy that some other copy has too: the piece's text, without chrome one site left in. */
  confirmed: number;
}

/**
 * Which of two copies of one piece to print. In order: a complete copy over one a site cut short;
 * the one with more of the piece's text, counting only text another copy confirms (so web chrome a
 * normalizer left in is not "more text"; amounts within 2% count as equal); the one that needed
 * fewer repairs per 1,000 characters (each removed noise character or rejoined line is a chance the
 * text differs from the original); the one the editor listed first.
 */
function better(a: Copy, b: Copy): Copy {
  if (a.doc.truncated !== b.doc.truncated) return a.doc.truncated ? b : a;
  if (Math.abs(a.confirmed - b.confirmed) > SAME_LENGTH * Math.max(a.confirmed, b.confirmed)) return a.confirmed > b.confirmed ? a : b;
  const [ra, rb] = [repairsPerThousand(a.doc), repairsPerThousand(b.doc)];
  if (ra !== rb) return ra < rb ? a : b;
  return a.listed <= b.listed ? a : b;
}

function copies(members: readonly StoredDocument[], listed: Map<string, number>): Copy[] {
  const sets = members.map((m) => shingleSet(m.text));
  return members.map((doc, i) => {
    const others = new Set<number>();
    sets.forEach((s, j) => { if (j !== i) for (const x of s) others.add(x); });
    let confirmed = 0;
    for (const x of sets[i]!) if (others.has(x)) confirmed++;
    return { doc, listed: listed.get(doc.id)!, confirmed };
  });
}

/** Drops all but the best copy of each near-duplicate cluster; the kept copy takes the place of the first listed one. */
function dropCopies(docs: readonly StoredDocument[], threshold: number): { kept: StoredDocument[]; dropped: DroppedCopy[]; copiesOf: Map<string, StoredDocument[]> } {
  const listed = new Map(docs.map((d, i) => [d.id, i]));
  const byId = new Map(docs.map((d) => [d.id, d]));
  const index = new DupIndex();
  for (const d of docs) index.add(d.id, d.text);
  const placeOf = new Map<string, StoredDocument>();
  const leaving = new Set<string>();
  const dropped: DroppedCopy[] = [];
  const copiesOf = new Map<string, StoredDocument[]>();
  for (const cluster of index.clusters(threshold)) {
    const members = cluster.ids.map((id) => byId.get(id)!).sort((x, y) => listed.get(x.id)! - listed.get(y.id)!);
    const best = copies(members, listed).reduce(better).doc;
    placeOf.set(members[0]!.id, best);
    for (const m of members.slice(1)) leaving.add(m.id);
    copiesOf.set(best.id, members.filter((m) => m !== best));
    for (const m of members) if (m !== best) dropped.push({ id: m.id, title: m.title, keptId: best.id, similarity: cluster.similarity });
  }
  const kept = docs.filter((d) => !leaving.has(d.id)).map((d) => placeOf.get(d.id) ?? d);
  return { kept, dropped, copiesOf };
}

function ordered(docs: StoredDocument[], order: Order): StoredDocument[] {
  const listed = new Map(docs.map((d, i) => [d.id, i]));
  const dateKey = (d: StoredDocument): string => d.date ?? (d.year ? String(d.year) : '\uffff');
  const byListed = (a: StoredDocument, b: StoredDocument): number => listed.get(a.id)! - listed.get(b.id)!;
  if (order === 'date') return [...docs].sort((a, b) => dateKey(a).localeCompare(dateKey(b)) || byListed(a, b));
  if (order === 'type') return [...docs].sort((a, b) => DOC_TYPES.indexOf(a.type) - DOC_TYPES.indexOf(b.type) || byListed(a, b));
  return docs;
}

const squeeze = (s: string): string => s.replace(/[\s\p{P}\p{S}]/gu, '');
const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

function bylineText(author: string | null | undefined, narrator: string | null | undefined): string | null {
  if (narrator && author) return `${narrator} 口述　${author} 整理`;
  return narrator ? `${narrator} 口述` : author ?? null;
}

/** The article's heading: its title, unless classification took its byline for one; then its first line. */
function headingOf(doc: StoredDocument): string {
  const byline = doc.title ? parseByline(doc.title, plausibleName) : null;
  if (doc.title && !(byline && byline.end >= doc.title.length)) return doc.title;
  return doc.text.split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 60) ?? doc.id;
}

const SUBTITLE = /^(——|—|-{2})/;

/**
 * Body paragraphs without the lines printed above them: the title repeated, and the byline (read
 * from the text when the record names nobody). A subtitle (——…) stays at the top of the body.
 */
function body(doc: StoredDocument): { paragraphs: string[]; byline: string | null } {
  const lines = doc.text.split('\n').map((l) => l.trim()).filter(Boolean);
  let byline = bylineText(doc.meta.author, doc.meta.narrator);
  let i = 0;
  while (i < lines.length && i < 3 && squeeze(lines[i]!) && squeeze(doc.title).includes(squeeze(lines[i]!))) i++;
  const subtitle = i > 0 && SUBTITLE.test(lines[i] ?? '') ? [lines[i++]!] : [];
  const found = i > 0 && i < lines.length ? parseBylineLine(lines[i]!, plausibleName, true) : null;
  if (found && found.end >= lines[i]!.length) {
    byline ??= bylineText(found.author, found.narrator);
    i++;
  }
  return { paragraphs: [...subtitle, ...lines.slice(i)], byline };
}

function sourceNote(doc: StoredDocument, copies: readonly StoredDocument[]): string {
  const printed = doc.meta.collection ? `原载《${doc.meta.collection}》${doc.meta.volume ?? ''}；` : '';
  const where = doc.provenance.map((p) =>
    `${fileName(p.path)}${p.piece ? `（${p.piece}）` : ''}${p.pageRange ? `，第 ${p.pageRange[0]}–${p.pageRange[1]} 页` : ''}`);
  const also = copies.flatMap((c) => c.provenance.map((p) => fileName(p.path)));
  return `来源：${printed}${where.join('；') || '（无来源记录）'}${also.length ? `。另见：${[...new Set(also)].join('、')}` : ''}`;
}

function indexOf(articles: readonly { number: number; names: string[] }[]): IndexEntry[] {
  const map = new Map<string, Set<number>>();
  for (const a of articles) for (const n of a.names) map.set(n, (map.get(n) ?? new Set()).add(a.number));
  const collator = new Intl.Collator('zh-CN');
  return [...map].map(([name, nums]) => ({ name, articles: [...nums].sort((x, y) => x - y) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** Everything a volume holds, in the order it is printed; no format yet. */
export function planVolume(docs: readonly StoredDocument[], opts: CompileOptions): VolumePlan {
  const unique = docs.filter((d, i) => docs.findIndex((x) => x.id === d.id) === i);
  const { kept, dropped, copiesOf } = opts.dropDuplicates === false
    ? { kept: unique, dropped: [], copiesOf: new Map<string, StoredDocument[]>() }
    : dropCopies(unique, opts.threshold ?? DEFAULT_THRESHOLD);
  const persons: { number: number; names: string[] }[] = [];
  const places: { number: number; names: string[] }[] = [];
  const articles = ordered(kept, opts.order).map((doc, i): Article => {
    const number = i + 1;
    const names = indexNames(doc.text);
    persons.push({ number, names: names.persons });
    places.push({ number, names: names.places });
    const { paragraphs, byline } = body(doc);
    return { number, id: doc.id, title: headingOf(doc), byline, source: sourceNote(doc, copiesOf.get(doc.id) ?? []), paragraphs };
  });
  return {
    title: opts.title,
    subtitle: opts.subtitle ?? '文史资料汇编',
    date: opts.date ?? new Date().toISOString().slice(0, 10),
    order: opts.order,
    articles,
    dropped,
    persons: indexOf(persons),
    places: indexOf(places),
  };
}

const ORDER_NAMES: Record<Order, string> = { date: '按日期先后', type: '按文档类型', listed: '按选定顺序' };

/** The editor's note printed after the contents: what is in the volume, in what order, and which copies were left out. */
export function editorialNote(plan: VolumePlan): string[] {
  const numberOf = new Map(plan.articles.map((a) => [a.id, a.number]));
  const lines = [`本汇编共收文章 ${plan.articles.length} 篇，${ORDER_NAMES[plan.order]}排列。篇末人名、地名索引中的数字为文章序号。`];
  if (plan.dropped.length) {
    lines.push(`以下 ${plan.dropped.length} 篇与所收文章内容重复，未予收入（同一篇只保留一份：完整的优先，其次文字较全的，再次修复较少的）：`);
    for (const d of plan.dropped) lines.push(`${d.title || d.id}（${d.id}）：与第 ${numberOf.get(d.keptId)} 篇相似度 ${d.similarity.toFixed(2)}`);
  }
  return lines;
}
