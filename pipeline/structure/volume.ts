/**
 * A 文史资料 volume (one file, many articles) → one piece per article. The volume's 目录 (table of
 * contents) says which articles there are: each entry's title is found again as a heading in the
 * body. Without a 目录, an article starts at a heading followed by a byline (口述/整理/撰稿/作者).
 * Each piece keeps the collection (《X文史资料》), the volume (第N辑), its pages and its people.
 * @module
 */
import { parseByline, parseBylineLine, type Byline } from '../entities/byline.js';
import { plausibleName } from '../entities/persons.js';
import { STATUTE_ARTICLES, type Paragraph } from '../types.js';

export interface VolumePiece {
  /** The article's heading as the body gives it (the 目录's wording when the body's heading was damaged). */
  title: string;
  /** Who wrote it, or wrote it down (撰稿, 整理, 作者); several joined by 、. */
  author: string | null;
  /** Who told it (口述). */
  narrator: string | null;
  /** The series without its book-title marks: `桐溪县文史资料` for 《桐溪县文史资料》. */
  collection: string | null;
  /** The volume as printed: `第三辑`. */
  volume: string | null;
  /** Pages of the source when its paragraphs carry them, else the printed pages the 目录 gives. */
  pageRange: [number, number] | null;
  paragraphs: Paragraph[];
}

interface TocEntry {
  title: string;
  byline: Byline | null;
  page: number;
}

interface Start {
  at: number;
  title: string;
  byline: Byline | null;
  page: number | null;
}

const TOC_HEAD = /^\s*目\s*[录次]\s*/;
/** A page number closing a 目录 entry: `（12）`, or bare digits after a leader, a space or the byline. */
const PAGE_END = /[（(]\s*(\d{1,4})\s*[)）]|(?<=[…⋯.．·\s\u4e00-\u9fff])(\d{1,4})(?=\s|$)/g;
const LEADER = /[…⋯]+|[.．·•_]{3,}|-{3,}|—{3,}/;
const MAX_ENTRY = 80;
const MAX_TITLE = 40;
const COLLECTION = /《([^《》]{2,30}?文史[^《》]{0,10})》|^\s*([\u4e00-\u9fff]{2,20}文史(?:资料|资料选辑|资料选编|集萃|集粹)?)(?=\s|第|$)/;
const VOLUME = /第\s*([一二三四五六七八九十百〇零\d]+)\s*([辑册卷])/;
/** A subtitle line under a heading (——柳家湾水灾亲历). */
const SUBTITLE = /^\s*(——|—|-{2})/;
const SENTENCE = /[。！？；]/;

/** Text with spaces and punctuation gone, for comparing a 目录 title with a heading. */
const squeeze = (s: string): string => s.replace(/[\s\p{P}\p{S}]/gu, '');

/** The index in `s` just after its first `n` squeezed characters. */
function afterSqueezed(s: string, n: number): number {
  let kept = 0;
  for (let i = 0; i < s.length; i++) {
    if (kept === n) return i;
    if (!/[\s\p{P}\p{S}]/u.test(s[i]!)) kept++;
  }
  return s.length;
}

function bigramDice(a: string, b: string): number {
  const grams = (s: string): string[] => Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));
  const x = grams(a);
  const y = grams(b);
  if (!x.length || !y.length) return 0;
  const pool = [...y];
  let common = 0;
  for (const g of x) {
    const k = pool.indexOf(g);
    if (k >= 0) {
      common++;
      pool.splice(k, 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

const byline = (s: string): Byline | null => parseByline(s, plausibleName);

function isTitleLine(s: string): boolean {
  const t = s.trim();
  return t.length >= 2 && t.length <= MAX_TITLE && !SENTENCE.test(t) && /[\u4e00-\u9fff]/.test(t);
}

/** One 目录 entry's text (`标题……王振华口述 刘文清整理`) split into title and byline. */
function tocEntry(text: string, page: number): TocEntry | null {
  const t = text.replace(/^\s*[【〔[][^】〕\]]*[】〕\]]\s*/, '').trim();
  const parts = t.split(LEADER).map((p) => p.trim()).filter(Boolean);
  let title = parts[0] ?? '';
  let by = parts.length > 1 ? byline(parts.at(-1)!) : null;
  if (parts.length === 1) {
    // No leader dots: the byline, if any, is the last space-separated words.
    const words = t.split(/\s+/);
    for (let k = 1; k < words.length && !by; k++) {
      const tail = byline(words.slice(k).join(' '));
      if (tail && tail.end >= words.slice(k).join(' ').length) {
        by = tail;
        title = words.slice(0, k).join(' ');
      }
    }
  }
  return squeeze(title).length >= 2 ? { title, byline: by, page } : null;
}

/** Entries parsed from a 目录's text, and how much of the text they took. */
function parseEntries(text: string): { entries: TocEntry[]; used: number } {
  const entries: TocEntry[] = [];
  let used = 0;
  for (const m of text.matchAll(PAGE_END)) {
    const seg = text.slice(used, m.index);
    if (seg.trim().length > MAX_ENTRY || SENTENCE.test(seg)) break;
    const entry = tocEntry(seg, Number(m[1] ?? m[2]));
    if (entry) entries.push(entry);
    used = m.index + m[0].length;
  }
  return { entries, used };
}

/** The 目录 and where the body starts; a normalizer may have run the first heading onto its last line. */
function findToc(paragraphs: readonly Paragraph[]): { index: number; entries: TocEntry[]; body: Paragraph[] } | null {
  const index = paragraphs.findIndex((p) => TOC_HEAD.test(p.text));
  if (index < 0) return null;
  const entries: TocEntry[] = [];
  let j = index;
  let text = paragraphs[index]!.text.replace(TOC_HEAD, '');
  for (;;) {
    const parsed = parseEntries(text);
    entries.push(...parsed.entries);
    const leftover = text.slice(parsed.used).trim();
    if (leftover) {
      const page = paragraphs[j]!.page;
      return { index, entries, body: [{ text: leftover, ...(page ? { page } : {}) }, ...paragraphs.slice(j + 1)] };
    }
    const next = paragraphs[j + 1];
    if (!next || !parseEntries(next.text).entries.length) return { index, entries, body: paragraphs.slice(j + 1) };
    text = next.text;
    j++;
  }
}

/**
 * Where a heading for `title` opens this paragraph: the index just after it, or -1. Exact, or the
 * title inside the first few characters (a character lost at either end), or close in bigrams (OCR).
 */
function headingEnd(text: string, title: string): number {
  const t = squeeze(title);
  const p = squeeze(text);
  let end = -1;
  const at = p.slice(0, t.length + 3).indexOf(t);
  if (at >= 0) end = at + t.length;
  else if (t.length >= 4 && bigramDice(t, p.slice(0, t.length)) >= 0.7) end = t.length;
  if (end < 0) return -1;
  const cut = afterSqueezed(text, end);
  const rest = text.slice(cut).trim();
  // A heading stands alone, or a normalizer ran its subtitle, byline or body onto it.
  const standsAlone = !rest || SUBTITLE.test(rest) || byline(rest) !== null || (!SENTENCE.test(text.slice(0, cut)) && rest.length <= 10);
  return standsAlone ? cut : -1;
}

/** Splits paragraph `i` at `cut` when text follows the cut. */
function splitAt(body: Paragraph[], i: number, cut: number): void {
  const p = body[i]!;
  const rest = p.text.slice(cut).trim();
  if (!rest) return;
  body.splice(i, 1, { ...p, text: p.text.slice(0, cut).trim() }, { ...p, text: rest });
}

/** The byline under a heading at `at` (after a subtitle, if any) and its paragraph, split off any body run onto it. */
function bylineUnder(body: Paragraph[], at: number, trustBareName: boolean): { byline: Byline; index: number } | null {
  for (let i = at + 1; i <= at + 2 && i < body.length; i++) {
    const text = body[i]!.text.trim();
    if (SUBTITLE.test(text)) continue;
    const found = parseBylineLine(text, plausibleName, trustBareName);
    if (!found) return null;
    splitAt(body, i, body[i]!.text.indexOf(text) + found.end);
    return { byline: found, index: i };
  }
  return null;
}

/** The body's byline, each missing person filled in from the 目录's (either may have lost characters). */
function merge(body: Byline | null, toc: Byline | null): Byline | null {
  if (!body || !toc) return body ?? toc;
  return { ...body, author: body.author ?? toc.author, narrator: body.narrator ?? toc.narrator };
}

function startsFromToc(body: Paragraph[], entries: readonly TocEntry[]): Start[] {
  const starts: Start[] = [];
  let from = 0;
  for (const entry of entries) {
    for (let i = from; i < body.length; i++) {
      const cut = headingEnd(body[i]!.text, entry.title);
      if (cut < 0) continue;
      splitAt(body, i, cut);
      const heading = body[i]!.text.trim();
      const title = squeeze(heading).length >= squeeze(entry.title).length ? heading : entry.title;
      starts.push({ at: i, title, byline: merge(bylineUnder(body, i, true)?.byline ?? null, entry.byline), page: entry.page });
      from = i + 1;
      break;
    }
  }
  return starts;
}

/** A heading that a normalizer joined with its byline (`标题 林长庚 口述 郑晓梅 整理`): where the byline starts. */
function bylineInside(text: string): number {
  for (let k = 2; k < Math.min(text.length, MAX_TITLE); k++) {
    if (SENTENCE.test(text.slice(0, k))) break;
    if (/[\s\u4e00-\u9fff]/.test(text[k]!) && byline(text.slice(k))) return k;
  }
  return -1;
}

function startsFromBylines(body: Paragraph[]): Start[] {
  const starts: Start[] = [];
  for (let i = 0; i < body.length; i++) {
    const text = body[i]!.text;
    const k = bylineInside(text);
    if (!isTitleLine(k > 0 ? text.slice(0, k) : text)) continue;
    if (k > 0) splitAt(body, i, k);
    else if (byline(text.trim())) continue;
    const under = bylineUnder(body, i, false);
    if (!under) continue;
    starts.push({ at: i, title: body[i]!.text.trim(), byline: under.byline, page: null });
    i = under.index;
  }
  return starts;
}

/** Collection and volume from the title page (the paragraphs before the body). */
function header(front: readonly Paragraph[]): { collection: string | null; volume: string | null; lines: Set<string> } {
  let collection: string | null = null;
  let volume: string | null = null;
  const lines = new Set<string>();
  for (const p of front) {
    const c = p.text.match(COLLECTION);
    const v = p.text.match(VOLUME);
    collection ??= c ? (c[1] ?? c[2] ?? null) : null;
    volume ??= v ? `第${v[1]}${v[2]}` : null;
    if (c || v) lines.add(squeeze(p.text));
  }
  if (collection && volume) lines.add(squeeze(collection + volume));
  return { collection, volume, lines };
}

/** Prose before the first article (前言, 序): a piece of its own, from the heading just above it. */
function frontMatter(front: readonly Paragraph[]): { title: string; paragraphs: Paragraph[] } | null {
  const prose = front.findIndex((p) => SENTENCE.test(p.text) || p.text.includes('，'));
  if (prose < 0) return null;
  const from = prose > 0 && isTitleLine(front[prose - 1]!.text) ? prose - 1 : prose;
  return { title: from < prose ? front[from]!.text.replace(/\s+/g, '') : '前言', paragraphs: front.slice(from) };
}

function pagesOf(paragraphs: readonly Paragraph[]): [number, number] | null {
  const pages = paragraphs.flatMap((p) => (p.page ? [p.page] : []));
  return pages.length ? [Math.min(...pages), Math.max(...pages)] : null;
}

/** Where the articles start: by the 目录 when it names a volume's articles, else by headings with bylines. */
function findStarts(paragraphs: Paragraph[]): { body: Paragraph[]; starts: Start[]; titlePage: Paragraph[] } {
  const toc = findToc(paragraphs);
  if (toc) {
    const body = [...toc.body];
    const starts = startsFromToc(body, toc.entries);
    const titlePage = paragraphs.slice(0, toc.index);
    // A report or a set of rules has a 目录 too: its chapters are articles only in a named series or under bylines.
    const { collection, volume } = header(titlePage);
    const named = collection !== null || volume !== null;
    if (starts.length >= 2 && (named || starts.filter((s) => s.byline).length >= 2)) return { body, starts, titlePage };
  }
  const body = [...paragraphs];
  const starts = startsFromBylines(body);
  return { body, starts, titlePage: body.slice(0, starts[0]?.at ?? 0) };
}

const ARTICLE = /^\s*第[一二三四五六七八九十百零〇\d]+条/;

/** A law or regulation (articles 第一条, 第二条, …), which byline-like phrases inside must never split. */
function isStatute(paragraphs: readonly Paragraph[]): boolean {
  let articles = 0;
  for (const p of paragraphs) if (ARTICLE.test(p.text) && ++articles >= STATUTE_ARTICLES) return true;
  return false;
}

/**
 * Splits a 文史资料 volume into its articles, or returns null when the paragraphs are not a volume
 * (fewer than two articles found), so ordinary documents pass through untouched.
 */
export function splitVolume(paragraphs: Paragraph[]): VolumePiece[] | null {
  if (isStatute(paragraphs)) return null;
  const { body, starts, titlePage } = findStarts(paragraphs);
  if (starts.length < 2) return null;
  const { collection, volume, lines } = header(titlePage);
  const common = { collection, volume };
  // Running heads (the series and volume repeated at the top of a page) are page furniture, not text.
  const keep = (p: Paragraph): boolean => !lines.has(squeeze(p.text));
  const pieces: VolumePiece[] = [];
  const front = frontMatter(body.slice(0, starts[0]!.at));
  if (front) pieces.push({ ...common, title: front.title, author: null, narrator: null, pageRange: pagesOf(front.paragraphs), paragraphs: front.paragraphs });
  starts.forEach((s, k) => {
    const next = starts[k + 1];
    const own = body.slice(s.at, next?.at ?? body.length).filter(keep);
    const printed: [number, number] | null = s.page === null ? null
      : [s.page, next?.page != null && next.page > s.page ? next.page - 1 : s.page];
    pieces.push({ ...common, title: s.title, author: s.byline?.author ?? null, narrator: s.byline?.narrator ?? null,
      pageRange: pagesOf(own) ?? printed, paragraphs: own });
  });
  return pieces;
}
