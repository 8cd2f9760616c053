/**
 * The units compare aligns: one per clause (innermost section, inline `一是…` items folded into their
 * clause, heading included), or one per paragraph in a document without sections; each with its
 * requirements and the content words it is matched on.
 * @module
 */
import type { Finding } from '../analyze/types.js';
import { MARKERS } from '../analyze/markers.js';
import { blocksOf } from '../analyze/units.js';
import { loadSearchConfig } from '../search/config.js';
import { fold } from '../search/fold.js';
import { cutForSearch } from '../segment/index.js';
import type { Section } from '../types.js';
import type { CompareDoc } from './types.js';

export interface Unit {
  docId: string;
  /** Citable path (`三/9`); `¶n` for the n-th paragraph outside every section. */
  path: string;
  start: number;
  end: number;
  text: string;
  /** Requirements whose sentence starts inside the unit. */
  findings: Finding[];
  /** Content words (search-mode tokens, folded), with repeats. */
  words: string[];
}

const NUMERIC = /^[\d.．零〇一二两三四五六七八九十百千万]+$/;
const MARKER_WORDS = new Set(MARKERS.map((m) => m.word));

/**
 * Words that name the level or the text itself (国务院 ↔ 省, 本法 ↔ 本办法, 中华人民共和国 ↔ 本省):
 * a central law and its local implementation differ in them by design, so they say nothing about
 * whether two clauses are about the same thing; who is bound is judged apart.
 */
const LEVEL_WORDS = [
  '国务', '国务院', '全国', '中华人民共和国', '本省', '本市', '本法', '本办法', '本条例', '本规定', '本细则',
];

/**
 * Words that place a body on a rung of government (县级以上地方人民政府 ↔ 区、县人民政府 ↔ 市、区人民政府,
 * 省、自治区、直辖市 ↔ 省, 设区的市级以上 ↔ 县级以上): a local text names its own rungs where the law
 * names others, so as words of their own they would pull a requirement towards clauses that share the
 * rung and away from the counterpart that names another. 国家 is not among them: it is as often part
 * of what a clause is about (国家重点保护野生动物, 国家工作人员) as the body that acts.
 */
const BODY_LEVEL = new Set([
  '地方', '各级', '县级', '省级', '市级', '以上', '设区', '自治', '自治区', '直辖', '直辖市', '省', '市', '区', '县', '乡', '镇',
]);

/** The one term every BODY_LEVEL word stands for in matching (not a word jieba can cut from text). */
export const LEVEL_TERM = '〔级〕';

/**
 * Words that name the kind of organ a body is (卫生行政部门 ↔ 卫生健康委员会 ↔ 水行政主管部门): a law names
 * the kind of department, a local text often its own organ by name, so as words of their own they
 * would pull a requirement towards clauses naming the same kind of organ for another field and away
 * from the counterpart; the field word before them (`卫生`, `水`) still says which body it is.
 * Not `行政` or `机关` alone: they are as often part of what a clause is about (`行政区域`, `国家机关`).
 */
const ORGAN_KIND = new Set(['部门', '主管部门', '行政部门', '委员会']);

/** The one term every ORGAN_KIND word stands for in matching. */
export const ORGAN_TERM = '〔部门〕';

/**
 * Content words as alignment matches them: each word of government rung (BODY_LEVEL) is the same
 * term, so `县级以上地方人民政府` and `区、县人民政府` agree on naming a government of some rung
 * without either rung deciding the match; each word of organ kind (ORGAN_KIND) likewise. The words
 * stay as they are for judging (which rung and which body are bound is judged apart).
 */
export function matchWords(words: readonly string[]): string[] {
  return words.map((w) => (BODY_LEVEL.has(w) ? LEVEL_TERM : ORGAN_KIND.has(w) ? ORGAN_TERM : w));
}

let ignored: Set<string> | undefined;

/** Stop words, modal markers and level words: matching is on what a clause is about; its force and level are judged apart. */
function ignoredWords(): Set<string> {
  ignored ??= new Set([...loadSearchConfig().stopWords, ...MARKER_WORDS, ...LEVEL_WORDS]);
  return ignored;
}

/** A list item's own path segment (`第二十六条/(二)` → `/(二)`). */
const ITEM_SEGMENT = /\/[（(][^/]+[）)]$/;

/** The clause a list item belongs to, its lead-in's path (`第二十六条/(二)` → `第二十六条`); a clause is its own. */
export function familyOf(unit: Unit): string {
  return `${unit.docId}\u0000${unit.path.replace(ITEM_SEGMENT, '')}`;
}

/** Search-mode tokens of a text that carry meaning: no punctuation, numbers, stop words or markers. */
export function contentWords(text: string): string[] {
  const skip = ignoredWords();
  return cutForSearch(fold(text)).filter((w) => /[\p{L}\p{N}]/u.test(w) && !NUMERIC.test(w) && !skip.has(w));
}

/** The section a block belongs to for comparison: inline items count as part of their clause. */
function unitSection(chain: readonly Section[]): Section | undefined {
  return chain.find((s) => s.kind !== 'item');
}

interface Span {
  path: string;
  start: number;
  end: number;
  /** The section's heading (`监督计划`), '' for paragraphs. */
  heading: string;
}

/** Paragraphs (lines) of text outside every section, numbered through the document. */
function paragraphSpans(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  const re = /[^\n]+/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const s = m.index;
    const e = Math.min(end, s + m[0].length);
    if (text.slice(s, e).trim()) out.push({ path: `¶${lineNumber(text, s)}`, start: s, end: e, heading: '' });
  }
  return out;
}

function lineNumber(text: string, pos: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Clause spans in text order; the first span of a section starts at its label. */
function spansOf(doc: CompareDoc): Span[] {
  const spans: Span[] = [];
  const seen = new Set<string>();
  for (const block of blocksOf(doc)) {
    // Between a heading and its first clause there is only a line break: no unit of its own.
    if (!doc.text.slice(block.start, block.end).trim()) continue;
    const section = unitSection(block.chain);
    if (!section) {
      spans.push(...paragraphSpans(doc.text, block.start, block.end));
      continue;
    }
    const last = spans[spans.length - 1];
    if (last && last.path === section.path) {
      last.end = block.end;
      continue;
    }
    const start = seen.has(section.path) ? block.start : Math.min(section.start, block.start);
    seen.add(section.path);
    spans.push({ path: section.path, start, end: block.end, heading: section.heading });
  }
  return withTrailingParagraphs([...spans, ...headingOnly(doc, seen)].sort((a, b) => a.start - b.start), doc.text);
}

/** A list item's number at a line start: `（一）`, `一、`, `1.`, `(2)`. */
export const ENUMERATOR = /^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])/;
/** A line that ends a sentence. */
const SENTENCE_END = /[。；;！？!?：:]\s*$/;

/**
 * The last item of a list ends at the first paragraph after it that opens no item: the paragraphs an
 * article puts after its list (`（七）…其他文件。⏎登记机关应当自受理登记申请之日起二十日内办理完毕…`,
 * `前款所列场所的具体周边距离，由…规定`) are the article's own, not part of the item, though the
 * structure runs the item to the article's end. They become a unit of the article (its path, after
 * the list).
 */
function withTrailingParagraphs(spans: readonly Span[], text: string): Span[] {
  const out: Span[] = [];
  spans.forEach((span, k) => {
    const article = span.path.replace(ITEM_SEGMENT, '');
    const next = spans[k + 1];
    if (article === span.path || (next && next.path.replace(ITEM_SEGMENT, '') === article)) {
      out.push(span);
      return;
    }
    // The first line after the item's own that opens no item, after a line that ends a sentence (not
    // the rest of a line the source wrapped: `（三）…造成严重后果的⏎其他情形。`).
    const lines = text.slice(span.start, span.end).split('\n');
    let offset = lines[0]!.length + 1;
    let previous = lines[0]!;
    let at = -1;
    for (const line of lines.slice(1)) {
      if (line.trim() && !ENUMERATOR.test(line.trimStart()) && SENTENCE_END.test(previous)) {
        at = span.start + offset;
        break;
      }
      if (line.trim()) previous = line;
      offset += line.length + 1;
    }
    if (at < 0) {
      out.push(span);
      return;
    }
    out.push({ ...span, end: at }, { path: article, start: at, end: span.end, heading: '' });
  });
  return out;
}

/**
 * Innermost sections that are all heading: an excerpt's `4．各级政协应当…。` or `（四）…` with no
 * separate title reads as a numbered heading whose text is the whole clause, so it yields no block;
 * it is a clause all the same.
 */
function headingOnly(doc: CompareDoc, seen: ReadonlySet<string>): Span[] {
  const sections = doc.sections.filter((s) => s.kind !== 'item');
  return sections
    .filter((s) => !seen.has(s.path) && !sections.some((c) => c !== s && c.start >= s.start && c.end <= s.end && c.path.startsWith(`${s.path}/`)))
    .filter((s) => doc.text.slice(s.start, s.end).trim())
    .map((s) => ({ path: s.path, start: s.start, end: s.end, heading: '' }));
}

/**
 * The units of one document, each with its requirements and content words. A document with
 * numbered clauses is compared clause by clause: its title and preamble (`为…，提出如下意见`) are left out.
 */
export function unitsOf(doc: CompareDoc): Unit[] {
  const requirements = doc.findings.filter((f) => f.type === 'requirement').sort((a, b) => a.start - b.start);
  const spans = spansOf(doc);
  const clauses = spans.filter((s) => !s.path.startsWith('¶'));
  return (clauses.length ? clauses : spans).map((span) => {
    const raw = doc.text.slice(span.start, span.end);
    const start = span.start + (raw.length - raw.trimStart().length);
    const text = raw.trim();
    return {
      docId: doc.id,
      path: span.path,
      start,
      end: start + text.length,
      text,
      findings: requirements.filter((f) => f.start >= span.start && f.start < span.end),
      // The heading counts twice: local texts keep a clause's name more often than its wording.
      words: [...contentWords(span.heading), ...contentWords(text)],
    };
  });
}
