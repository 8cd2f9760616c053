/**
 * Classify stage: a structured draft → a record with title, type, issuer, level, region and date,
 * each with the rule that decided it.
 * @module
 */
import { createHash } from 'node:crypto';
import type { DocumentDraft, DocumentMeta, DocumentRecord, DocType, Level, MetaRules } from '../types.js';
import { cut } from '../segment/index.js';
import { CENTRAL_ISSUERS, LEVEL_SUFFIXES, TYPE_RULES } from './rules.js';

/** `…材料 (二)`: the numbered series line of a bundled material. */
const SERIES = /\s*[(（][一二三四五六七八九十]+[)）]$/;
const DATE_IN_PARENS = /\s*[(（]\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*[)）]\s*/;
const DATE_CN = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
/** Opening characters searched for type and issuer cues. */
const OPENING = 400;

/** Stable id of a document: the same normalized text always gets the same id. */
export function documentId(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/**
 * Removes spaces that PDF export put inside a word (`协商民 主建设`) but keeps spaces that separate
 * two phrases (`发挥政协基层组织作用 推进基层协商民主建设`): a space is damage when jieba reads a word across it.
 */
export function closeBrokenWords(s: string): string {
  return s.replace(/([\u4e00-\u9fff]{1,8}) +(?=[\u4e00-\u9fff])/g, (whole, left: string, offset: number) => {
    const right = s.slice(offset + whole.length, offset + whole.length + 8);
    let at = 0;
    for (const word of cut(left + right)) {
      if (at < left.length && at + word.length > left.length) return left;
      at += word.length;
    }
    return whole;
  });
}

/** A title line without its date or series number. */
function stripTitle(line: string): string {
  return line.replace(DATE_IN_PARENS, '').replace(SERIES, '').trim();
}

/** `关于…的…意见` is one phrase however the line was wrapped; other titles keep spaces jieba does not read across. */
function cleanTitle(title: string): string {
  if (/^关于.*(意见|办法|规定|通知|方案|决定)$/.test(title)) return title.replace(/(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])/g, '');
  return closeBrokenWords(title);
}

function pad(n: string): string {
  return n.padStart(2, '0');
}

function pickTitle(candidates: string[], rules: MetaRules): string {
  let lines = candidates.map((c) => c.trim()).filter(Boolean);
  if (lines.length > 1 && SERIES.test(lines[0]!)) {
    lines = lines.slice(1);
    rules.title = 'lines after the series line';
  }
  if (lines.length === 0) {
    rules.title = 'none found';
    return '';
  }
  if (lines.length > 1 && lines.every((l) => l.length <= 12)) {
    rules.title ??= 'short title lines joined';
    return lines.join(' ');
  }
  rules.title ??= lines.length > 1 ? 'longest title line' : 'first title line';
  return lines.reduce((a, b) => (b.length > a.length ? b : a));
}

function findDate(title: string, opening: string, rules: MetaRules): string | null {
  const m = title.match(DATE_IN_PARENS) ?? opening.match(DATE_CN);
  if (!m) return null;
  rules.date = title.match(DATE_IN_PARENS) ? 'date in parentheses after title' : 'date in opening';
  return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
}

/** Tries each rule on the title and on every title line (a series line `…经验材料 (一)` names the type too). */
function findType(titles: string[], opening: string, rules: MetaRules): DocType {
  for (const rule of TYPE_RULES) {
    if ((rule.title && titles.some((t) => rule.title!.test(t))) || (rule.opening && rule.opening.test(opening))) {
      rules.type = rule.name;
      return rule.type;
    }
  }
  rules.type = 'no rule matched';
  return 'other';
}

/** Issuer named before `关于` in the title: `中共XX区委关于…`, `XX市人民政府关于…`. */
function findIssuer(title: string, rules: MetaRules): string | null {
  const m = title.match(/^([^《》“”\s]{1,20}?(委|府|厅|协|会|院|部|省|市|县|区))关于/);
  if (!m) return null;
  rules.issuer = 'title prefix before 关于';
  return m[1]!;
}

/** A named unit the text speaks for: `结合 XX 区实际`. */
function findRegion(text: string, rules: MetaRules): string | null {
  const m = text.match(/结合\s*([\u4e00-\u9fffA-Z]{1,8}?)\s*(省|市|县|区)实际/);
  if (!m || /^[我本全]$/.test(m[1]!)) return null;
  rules.region = '结合…实际';
  return `${m[1]}${m[2]}`;
}

/** The unit a text calls its own most often (`我县`, `全县`, `本区`), when it does so at least twice. */
function ownUnit(text: string): string | null {
  const counts = new Map<string, number>();
  for (const w of text.matchAll(/[我全本](省|市|县|区)/g)) counts.set(w[1]!, (counts.get(w[1]!) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] >= 2 ? best[0] : null;
}

function levelOf(unit: string | null | undefined): Level | null {
  return (unit && LEVEL_SUFFIXES.find(([re]) => re.test(unit))?.[1]) || null;
}

/** Central issuer first; then the unit the text names or calls its own; the issuer's suffix last (titles are often garbled). */
function findLevel(issuer: string | null, region: string | null, text: string, rules: MetaRules): Level {
  if (issuer && CENTRAL_ISSUERS.test(issuer)) {
    rules.level = 'central issuer';
    return 'central';
  }
  const own = ownUnit(text);
  const issuerUnit = issuer?.replace(/(党委|委员会|委|人民政府|政府|政协)$/, '');
  for (const [unit, why] of [[region, `named unit ${region}`], [own, `most frequent 我/全/本${own}`], [issuerUnit, `issuer ${issuer}`]] as const) {
    const level = levelOf(unit);
    if (level) {
      rules.level = why;
      return level;
    }
  }
  rules.level = 'no unit found';
  return 'unknown';
}

function volumeType(rules: MetaRules): DocType {
  rules.type = 'article of a 文史资料 volume';
  return 'wenshi';
}

export interface ClassifyOptions {
  /** Force the level (e.g. `--level central` at ingest). */
  level?: Level;
}

/** What a 文史资料 volume says of an article: its series, volume and byline (the years it covers come with its entities). */
function articleMeta(draft: DocumentDraft): Partial<DocumentMeta> {
  const a = draft.article;
  if (!a) return {};
  return { collection: a.collection, volume: a.volume, author: a.author, narrator: a.narrator };
}

export function classify(draft: DocumentDraft, opts: ClassifyOptions = {}): DocumentRecord {
  const rules: MetaRules = {};
  if (draft.article) rules.title = 'article heading in its volume';
  const raw = draft.article?.title ?? pickTitle(draft.titleCandidates, rules);
  const opening = draft.text.slice(0, OPENING);
  const date = findDate(raw, opening, rules);
  const title = cleanTitle(stripTitle(raw));
  const issuer = findIssuer(title, rules);
  const region = findRegion(draft.text, rules);
  const level = opts.level ?? findLevel(issuer, region, draft.text, rules);
  if (opts.level) rules.level = 'set at ingest';
  const meta: DocumentMeta = {
    title,
    type: draft.article ? volumeType(rules) : findType([title, ...draft.titleCandidates.map(stripTitle)], opening, rules),
    issuer,
    level,
    region,
    date,
    year: date ? Number(date.slice(0, 4)) : null,
    rules,
    ...articleMeta(draft),
  };
  return { ...draft, id: documentId(draft.text), meta };
}
