/**
 * The heading/clause tree of one document, with character offsets into its text.
 * Labels are accepted only in sequence (一、 after nothing or after 一、…), so a stray `3.` inside
 * a sentence never opens a clause.
 * @module
 */
import type { Section, SectionKind } from '../types.js';
import { inlineEnumeration, matchLabel, type LabelMatch } from './labels.js';

/** A paragraph with its offset in the document text. */
export interface PlacedParagraph {
  text: string;
  start: number;
  heading?: number;
}

interface Open {
  section: Section;
  n: number;
}

const CJK = /[\u4e00-\u9fff]/;
/** Most labels a law's last article may follow a lost one by. */
const MAX_GAP = 3;
/** Longest phrase still taken as a heading when no `。` closes it sooner. */
const MAX_HEADING = 60;

/**
 * The phrase naming a section: up to its first `。`, or up to a space where body text was run
 * onto the heading line (PDF export), or the whole line when short.
 */
export function headingOf(rest: string): string {
  const text = rest.trim();
  // Only a cut within MAX_HEADING counts, so only the text that can hold one is searched, not the
  // rest of a long article: a space at 4 + k (k ≤ MAX_HEADING − 4) with the character after it, a stop up to MAX_HEADING.
  const space = text.slice(4, MAX_HEADING + 2).search(/\s(?=[\u4e00-\u9fff\d(（])/);
  const stop = text.slice(0, MAX_HEADING + 1).search(/[。！？]/);
  const cuts = [space >= 0 ? space + 4 : -1, stop].filter((i) => i >= 0 && i <= MAX_HEADING);
  if (cuts.length) return text.slice(0, Math.min(...cuts)).trim();
  if (text.length <= MAX_HEADING) return text.replace(/[，,：:；;]+$/, '');
  return text.slice(0, 30);
}

class TreeBuilder {
  readonly sections: Section[] = [];
  private stack: Open[] = [];
  /** Last number seen per kind, reset when an outer section opens; clauses may run on across chapters (篇五 1–20). */
  private last = new Map<SectionKind, number>();
  /** Enumerated paragraphs seen per parent path. */
  private groups = new Map<string, number>();

  constructor(private readonly textLength: number) {}

  /**
   * Would this label continue the current numbering? A numbering may also start mid-way (an
   * excerpt beginning at `二、`, `4.` or `第十条`, or `(三)` continued from an earlier chapter) when the
   * next label of its kind further on carries the number after it (`next`).
   */
  accepts(m: LabelMatch, next?: number, spaced = false): boolean {
    const last = this.last.get(m.kind);
    if (last === undefined && m.n > 1) return next === m.n + 1;
    if (m.n === (last ?? 0) + 1 || (m.n === 1 && (last ?? 0) > 0)) return true;
    // A law's article whose predecessor's label was lost or misprinted (…第五十三条, 第五十五条, 第五十六条…)
    // still opens when the numbering runs on from it, so one bad label does not fold the rest of the law; the
    // law's last article (`第三十六条 本条例自…施行`, after 第三十四条) when a space sets it off as a label, not a citation.
    if (m.kind !== 'article' || last === undefined || m.n <= last + 1) return false;
    return next === m.n + 1 || (next === undefined && spaced && m.n <= last + MAX_GAP);
  }

  /** Whether a label of this kind has opened since its numbering last began afresh. */
  has(kind: SectionKind): boolean {
    return this.last.has(kind);
  }

  /** The number the next label of this kind would carry. */
  next(kind: SectionKind): number {
    return (this.last.get(kind) ?? 0) + 1;
  }

  open(m: LabelMatch, start: number, heading: string): void {
    this.closeFrom(m.depth, start);
    for (const [kind] of this.last) if (depthOf(kind) > m.depth && kind !== 'clause') this.last.delete(kind);
    if (m.kind === 'chapter' || m.kind === 'article') this.last.delete('section');
    // A new chapter numbers its 节 afresh; a new 编 its chapters.
    if (m.kind === 'chapter') this.last.delete('division');
    if (m.kind === 'part') this.last.delete('chapter');
    this.last.set(m.kind, m.n);
    const parent = this.stack.at(-1);
    const path = parent ? `${parent.section.path}/${m.segment}` : m.segment;
    const section: Section = { path, label: m.label, heading, kind: m.kind, depth: m.depth, start, end: this.textLength };
    this.sections.push(section);
    this.stack.push({ section, n: m.n });
  }

  /**
   * Inline `一是…二是…` items inside one paragraph: leaves under whatever is open. A section with
   * several enumerated paragraphs numbers its later groups (`一是-2`) so every path stays unique.
   */
  items(text: string, start: number, end: number): void {
    const marks = inlineEnumeration(text);
    if (marks.length === 0) return;
    const parent = this.stack.at(-1)?.section;
    const key = parent?.path ?? '';
    const group = (this.groups.get(key) ?? 0) + 1;
    this.groups.set(key, group);
    const suffix = group > 1 ? `-${group}` : '';
    marks.forEach((mark, i) => {
      const itemStart = start + mark.index;
      const itemEnd = i + 1 < marks.length ? start + marks[i + 1]!.index : end;
      const heading = headingOf(text.slice(mark.index + mark.label.length, itemEnd - start).split(/[，,；;]/)[0] ?? '');
      this.sections.push({
        path: parent ? `${parent.path}/${mark.label}${suffix}` : `${mark.label}${suffix}`,
        label: mark.label,
        heading,
        kind: 'item',
        depth: 6,
        start: itemStart,
        end: itemEnd,
      });
    });
  }

  private closeFrom(depth: number, at: number): void {
    while (this.stack.length && this.stack.at(-1)!.section.depth >= depth) {
      const closed = this.stack.pop()!;
      closed.section.end = trimEnd(at);
    }
  }

  finish(): Section[] {
    return this.sections.sort((a, b) => a.start - b.start || a.depth - b.depth);
  }
}

const DEPTHS: Readonly<Record<SectionKind, number>> = { part: 1, chapter: 1, division: 1, article: 1, section: 2, clause: 3, item: 4 };

function depthOf(kind: SectionKind): number {
  return DEPTHS[kind];
}

/** A section ends before the newline that separates it from the next one. */
function trimEnd(at: number): number {
  return Math.max(0, at - 1);
}

/**
 * A label run onto the heading line before it (`一、总体要求 1.重要意义。…`, `三、…的建议 (一)坚持…`):
 * a deeper clause or section label after a space, continuing its numbering.
 */
function inlineLabel(rest: string, outer: LabelMatch, tree: TreeBuilder): { index: number; match: LabelMatch } | null {
  for (const m of rest.matchAll(/\s(?=\d{1,3}\s*[.．、]|[(（]\s*[一二三四五六七八九十])/g)) {
    const at = m.index + 1;
    const match = matchLabel(rest.slice(at));
    if (!match || match.depth <= outer.depth || match.kind === 'item') continue;
    if (!CJK.test(rest[at + match.length] ?? '')) continue;
    if (tree.accepts(match)) return { index: at, match };
  }
  return null;
}

/** `。 第六十五条 航路和…`: an article label run on after the end of the last sentence, set off by a space. */
const RUN_ON_ARTICLE = /[。！？]\s*(?=[第笫][一二三四五六七八九十百〇零两]+条[\s　])/g;

/**
 * Articles run on in one paragraph (`第六十四条 …同意。 第六十五条 航路和固定航线…`, a law exported a chapter to a line):
 * each label after a sentence's end that carries the next article's number opens that article. Returns where the last one opened
 * in the paragraph (0 when none did).
 */
function runOnArticles(p: PlacedParagraph, tree: TreeBuilder): number {
  let from = 0;
  for (const m of p.text.matchAll(RUN_ON_ARTICLE)) {
    const at = m.index + m[0].length;
    const match = matchLabel(p.text.slice(at));
    if (!match || match.kind !== 'article' || match.n !== tree.next('article')) continue;
    tree.open(match, p.start + at, headingOf(p.text.slice(at + match.length)));
    from = at;
  }
  return from;
}

const STYLE_KINDS: SectionKind[] = ['chapter', 'section', 'clause'];
const CN_ORDINALS = '一二三四五六七八九十';

/**
 * A heading the format marked by style but whose label was lost (mammoth drops Word's auto-numbering 一、):
 * the level comes from the style, the number from its place in the sequence; the text itself is untouched.
 */
function styledHeading(p: PlacedParagraph, body: string, tree: TreeBuilder): LabelMatch | null {
  if (!p.heading || p.heading > STYLE_KINDS.length || body.length > MAX_HEADING) return null;
  const kind = STYLE_KINDS[p.heading - 1]!;
  const n = tree.next(kind);
  const cn = CN_ORDINALS[n - 1] ?? String(n);
  const [label, segment] = kind === 'chapter' ? [`${cn}、`, cn] : kind === 'section' ? [`(${cn})`, `(${cn})`] : [`${n}.`, String(n)];
  return { kind, depth: depthOf(kind), label, segment, n, length: 0 };
}

/**
 * Builds the section tree over paragraphs already placed in the document text. A styled heading
 * that is the document's own title (`title`, as the source states it) is the title, not a section.
 */
export function buildTree(paragraphs: PlacedParagraph[], textLength: number, title?: string): Section[] {
  const tree = new TreeBuilder(textLength);
  const written = paragraphs.map((p) => matchLabel(p.text.trimStart()));
  // For each written label, the number of the next label of its kind further on (one pass from the end).
  const following: (number | undefined)[] = new Array(written.length);
  const ahead = new Map<SectionKind, number>();
  for (let i = written.length - 1; i >= 0; i--) {
    const m = written[i];
    if (!m) continue;
    following[i] = ahead.get(m.kind);
    ahead.set(m.kind, m.n);
  }
  paragraphs.forEach((p, i) => {
    const lead = p.text.length - p.text.trimStart().length;
    const body = p.text.slice(lead);
    const match = written[i] ?? (title !== undefined && body.trim() === title.trim() ? null : styledHeading(p, body, tree));
    let itemsFrom = 0;
    if (match && tree.accepts(match, written[i] ? following[i] : undefined, /^\s/.test(body.slice(match.length))) && (match.kind !== 'clause' || CJK.test(body[match.length] ?? ''))) {
      const start = p.start + lead;
      let rest = body.slice(match.length);
      const clause = match.kind === 'chapter' || match.kind === 'section' ? inlineLabel(rest, match, tree) : null;
      if (clause) rest = rest.slice(0, clause.index);
      tree.open(match, start, headingOf(rest));
      if (clause) {
        const clauseAt = lead + match.length + clause.index;
        tree.open(clause.match, p.start + clauseAt, headingOf(body.slice(match.length + clause.index + clause.match.length)));
        itemsFrom = clauseAt;
      }
    }
    if (tree.has('article')) itemsFrom = Math.max(itemsFrom, runOnArticles(p, tree));
    tree.items(p.text.slice(itemsFrom), p.start + itemsFrom, p.start + p.text.length);
  });
  return tree.finish();
}
