/**
 * Classify stage: a structured draft → a record with title (+ subtitle), type, issuer, level,
 * region, date, 发文字号 and history, each with the rule or signal that decided it. What the source
 * states about itself is read before any text heuristic; rules run on a simplified view of the
 * text (traditional characters folded), while the record keeps the text as written.
 * @module
 */
import { createHash } from 'node:crypto';
import { fold } from '../search/fold.js';
import type { DocumentDraft, DocumentMeta, DocumentRecord, DocType, Level, MetaRules, SourceSignals } from '../types.js';
import { placeNamed, placeOfBody, type BodyPlace } from './bodies.js';
import { DATE_SOURCE, findDate, isoDate } from './dates.js';
import { docNumberIn, docNumberLine } from '../doc-number.js';
import { readHistory, versionDate } from './history.js';
import { EARLY, findIssuer } from './issuer.js';
import { labelledLines } from './labelled-lines.js';
import { deliveredYear } from './npc-sessions.js';
import { TYPE_RULES } from './rules.js';
import { readTitleBlock } from './title-block.js';
import { cleanTitle, DATE_IN_PARENS, derivedTitle, pickTitle, signalTitle, stripTitle } from './title.js';

export { closeBrokenWords } from './title.js';

const DATE_CN = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
/** Opening characters searched for type and issuer cues. */
const OPENING = 400;
/** Characters read at each end of a long text for cues that may stand anywhere. */
const ENDS = 8000;
/** Where a header (title block, history lines) can end at the latest. */
const HEADER = 3000;
/** Paragraphs searched for a document's own 发文字号 and, at the end, for its signature. */
const HEAD_LINES = 15;
const TAIL_LINES = 4;
/** A year in a file name (`gwr-1978-national.txt`, `2019政府工作报告.docx`). */
const FILE_YEAR = /(?<!\d)(1[89]\d{2}|20\d{2})(?!\d)/;
/** A work report's review of the year before: `一、2009年工作回顾`. */
const REVIEW_YEAR = /(\d{4})年(政府)?工作回顾/;
/** Before the People's Republic, a text is historical material (文史资料) unless a rule says otherwise. */
const MODERN_FROM = 1949;

/**
 * The simplified view rules read: traditional characters and full-width forms folded, ASCII letters
 * left as written (`XX区` stays a placeholder, not `xx区`).
 */
function simplified(s: string): string {
  return s.replace(/[^A-Za-z]+/g, fold);
}

/** Stable id of a document: the same normalized text always gets the same id. */
export function documentId(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/** Tries each rule on the titles and on the opening (a series line `…经验材料 (一)` names the type too). */
function findType(titles: string[], opening: string, early: string, rules: MetaRules): DocType {
  for (const rule of TYPE_RULES) {
    if (
      (rule.title && titles.some((t) => rule.title!.test(t))) ||
      (rule.opening && rule.opening.test(opening)) ||
      (rule.early && rule.early.test(early))
    ) {
      rules.type = rule.name;
      return rule.type;
    }
  }
  rules.type = 'no rule matched';
  return 'other';
}

/** A named unit the text speaks for: `结合 XX 区实际`. */
function namedUnit(text: string): string | null {
  const m = text.match(/结合\s*([\u4e00-\u9fffA-Z]{1,8}?)\s*(省|市|县|区)实际/);
  return !m || /^[我本全]$/.test(m[1]!) ? null : `${m[1]}${m[2]}`;
}

/** The unit a text calls its own most often (`我县`, `全县`, `本区`), when it does so at least twice. */
function ownUnit(text: string): string | null {
  const counts = new Map<string, number>();
  for (const w of text.matchAll(/[我全本](省|市|县|区)/g)) counts.set(w[1]!, (counts.get(w[1]!) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] >= 2 ? `X${best[0]}` : null;
}

/**
 * Level and region: the issuer decides when it names a national organ or a place; then the place
 * the title starts with (`山东省实施…办法`), the unit the text names (`结合XX区实际`), and only last
 * the unit it calls its own most often. A frequency never overrides an issuer.
 */
function findPlace(issuer: string | null, title: string, text: string, rules: MetaRules): { level: Level; region: string | null } {
  const named = namedUnit(text);
  const own = ownUnit(text);
  const tries: [string | null, string, (s: string) => BodyPlace | null][] = [
    [issuer, 'issuer', placeOfBody],
    [title, 'title', placeNamed],
    [named, '结合…实际', placeNamed],
    [own, 'most frequent 我/全/本…', placeNamed],
  ];
  for (const [unit, source, read] of tries) {
    const place = unit ? read(unit) : null;
    if (!place) continue;
    rules.level = `${source}: ${place.why}`;
    rules.region = rules.level;
    // A frequency gives only a kind of unit, never its name.
    return { level: place.level, region: source === tries[3]![1] ? null : place.region };
  }
  rules.level = 'no unit found';
  return { level: 'unknown', region: null };
}

interface Dated {
  date: string | null;
  rule: string;
}

/** The date, strongest evidence first; a year alone when only the year is known. */
function findWhen(parts: {
  signals: SourceSignals;
  version: string | null;
  blockDate: string | null;
  title: string;
  closing: readonly string[];
  opening: string;
  text: string;
  type: DocType;
  sourceName: string | undefined;
}): Dated {
  const tries: [() => string | null | undefined, string][] = [
    [() => (parts.signals.date ? findDate(parts.signals.date.value) : null), parts.signals.date?.signal ?? ''],
    [() => parts.version, 'latest adoption or revision'],
    [() => parts.blockDate, 'date line under the title'],
    [() => { const m = DATE_IN_PARENS.exec(parts.title); return m ? isoDate(m[1]!, m[2]!, m[3]!) : null; }, 'date in parentheses after title'],
    [() => parts.closing.filter((p) => DATE_ONLY.test(p.trim())).map(findDate).findLast(Boolean), 'date under the signature'],
    [() => { const m = DATE_CN.exec(parts.opening); return m ? findDate(m[0]) : null; }, 'date in opening'],
    [() => String(deliveredYear(parts.opening) ?? '') || null, 'NPC session the report was delivered to'],
    [() => { const m = parts.type === 'work_report' ? REVIEW_YEAR.exec(parts.text) : null; return m ? String(Number(m[1]) + 1) : null; }, 'the year after the year a work report reviews'],
    [() => FILE_YEAR.exec(parts.sourceName ?? '')?.[1], 'year in the file name'],
  ];
  for (const [get, rule] of tries) {
    const date = get();
    if (date) return { date, rule };
  }
  return { date: null, rule: '' };
}

export interface ClassifyOptions {
  /** Force the level (e.g. `--level central` at ingest). */
  level?: Level;
  /** The source's file name, a last resort for the year. */
  sourceName?: string;
}

/** What a 文史资料 volume says of an article: its series, volume and byline (the years it covers come with its entities). */
function articleMeta(draft: DocumentDraft): Partial<DocumentMeta> {
  const a = draft.article;
  if (!a) return {};
  return { collection: a.collection, volume: a.volume, author: a.author, narrator: a.narrator };
}

/** Where a body starts: a chapter or article label, or a paragraph of prose (history entries, however long, start with a date). */
const BODY_START = /^[#\s]*第[一二三四五六七八九十百零〇\d]+[编章节条]|^(?![(（\s]*(\d{4}|[〇零○一二三四五六七八九]{4})\s*年)[^\n]{200}/;

/** The lines above the body (title block and history lines), bounded. */
function headerOf(lines: readonly string[]): string {
  let end = 0;
  let length = 0;
  while (end < lines.length && !BODY_START.test(lines[end]!) && length < HEADER) length += lines[end++]!.length + 1;
  return lines.slice(0, end).join('\n');
}

/** A closing line that is a date, or a signature and a date, and nothing else. */
const DATE_ONLY = new RegExp(`^[\\s(（]*([\\u4e00-\\u9fff]{2,30}[\\s\\u00a0\\u3000]+)?${DATE_SOURCE}[\\s)）]*$`);

export function classify(draft: DocumentDraft, opts: ClassifyOptions = {}): DocumentRecord {
  const rules: MetaRules = {};
  const lines = draft.text.split('\n');
  // What the source's format says, else a metadata block printed as text.
  const signals = draft.signals ?? labelledLines(lines);
  const block = readTitleBlock(draft.titleCandidates);
  const history = readHistory(simplified(headerOf(lines)));
  const opening = simplified(draft.text.slice(0, OPENING));
  const early = simplified(draft.text.slice(0, EARLY));
  const closing = lines.slice(-TAIL_LINES).map((l) => simplified(l));

  let raw: string | null = null;
  if (draft.article) {
    rules.title = 'article heading in its volume';
    raw = draft.article.title;
  } else if (signals.title) {
    rules.title = signals.title.signal;
    raw = signalTitle(signals.title) || null;
  }
  raw ??= pickTitle(block.titleLines, rules);
  const inSeries = /\(/.test(draft.piece ?? '');
  const stated = raw ? cleanTitle(stripTitle(raw, inSeries)) : null;
  const simplifiedTitle = stated ? simplified(stated).replace(/[(（][^()（）]{1,8}[)）]$/, '') : '';

  const titles = [simplifiedTitle, ...block.titleLines.map((l) => simplified(stripTitle(l, inSeries))), block.byline ?? ''].filter(Boolean);
  let type: DocType = draft.article
    ? ((rules.type = 'article of a 文史资料 volume'), 'wenshi')
    : findType(titles, opening, early, rules);
  const issuer = findIssuer({ signals, history, title: simplifiedTitle || null, opening, closing, text: early }, rules);
  const when = findWhen({
    signals, version: versionDate(history), blockDate: block.date, title: raw ?? '', closing, opening,
    text: simplified(draft.text.slice(0, HEADER * 4)), type, sourceName: opts.sourceName,
  });
  if (when.date) rules.date = when.rule;
  const year = when.date ? Number(when.date.slice(0, 4)) : null;
  if (type === 'other' && year !== null && year < MODERN_FROM) {
    rules.type = `dated ${year}, before ${MODERN_FROM}: historical material`;
    type = 'wenshi';
  }
  // The ends of a long text are enough for the cues read from the whole (how it names itself, its own unit).
  const ends = simplified(draft.text.length > 2 * ENDS ? `${draft.text.slice(0, ENDS)}\n${draft.text.slice(-ENDS)}` : draft.text);
  const title = stated ?? derivedTitle(type, issuer, ends, rules);
  const place = opts.level
    ? { level: opts.level, region: null }
    : findPlace(issuer, simplified(title), ends, rules);
  if (opts.level) rules.level = 'set at ingest';

  const docNumber = findDocNumber(signals, block.docNumber, lines, rules);
  if (block.subtitle) rules.subtitle = 'line under the title starting with ——';
  const meta: DocumentMeta = {
    title,
    subtitle: block.subtitle,
    type,
    issuer,
    level: place.level,
    region: place.level === 'central' ? '全国' : place.region,
    date: when.date,
    year,
    docNumber,
    history,
    rules,
    ...articleMeta(draft),
  };
  return { ...draft, id: documentId(draft.text), meta };
}

/** 发文字号: the source's metadata, else a line of its own under the title. */
function findDocNumber(signals: SourceSignals, fromBlock: string | null, lines: readonly string[], rules: MetaRules): string | null {
  if (signals.docNumber) {
    const n = docNumberIn(signals.docNumber.value);
    if (n) {
      rules.docNumber = signals.docNumber.signal;
      return n;
    }
  }
  const own = fromBlock ?? lines.slice(0, HEAD_LINES).map(docNumberLine).find(Boolean) ?? null;
  if (own) rules.docNumber = 'line of its own at the top';
  return own;
}
