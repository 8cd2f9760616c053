/**
 * Sentences of a clause, the grain compare judges at: a clause that states four requirements gets
 * four verdicts. Sentences end at `。；？！`, at a line break (a new paragraph or list item) and
 * after a colon that opens a list; never at a comma, so no sentence is a fragment that means nothing
 * alone. Each keeps the clause it sits in, shown as context.
 * @module
 */
import type { Finding } from '../analyze/types.js';
import { contentWords, ENUMERATOR, type Unit } from './units.js';

export interface Sentence {
  /** The clause the sentence sits in. */
  unit: Unit;
  /** Position among the sentences of the whole document. */
  index: number;
  text: string;
  start: number;
  end: number;
  /** Requirements analyze found starting inside the sentence. */
  findings: Finding[];
  /** Content words, as clauses are matched on. */
  words: string[];
  /** Content words of the articles it cites (`本法第七条`, `前款`) that it lacks itself (see refs.ts). */
  cited: string[];
}

/** A clause's own label (`第十二条`, or `笫十二条` with the look-alike structure reads as 第), which is a citation, not part of any sentence. */
const ARTICLE_LABEL = /^[第笫][一二三四五六七八九十百零〇\d]+条\s*/;

/** Cuts after sentence ends and line breaks; after a colon only when a list follows. */
function cuts(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/[。；？！;?!\n]/.test(ch)) out.push(i + 1);
    else if (/[：:]/.test(ch) && (text[i + 1] === '\n' || ENUMERATOR.test(text.slice(i + 1, i + 6)))) out.push(i + 1);
  }
  return out;
}

/** The sentences of one clause, with their document offsets (label and surrounding space left out). */
export function splitClause(unit: Unit): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  let from = 0;
  for (const to of [...cuts(unit.text), unit.text.length]) {
    if (to <= from) continue;
    let raw = unit.text.slice(from, to);
    let offset = from;
    from = to;
    const label = offset === 0 ? ARTICLE_LABEL.exec(raw) : null;
    if (label) {
      raw = raw.slice(label[0].length);
      offset += label[0].length;
    }
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    out.push({ text, start: unit.start + offset + lead, end: unit.start + offset + lead + text.length });
  }
  return out;
}

/** Every sentence of the given clauses, in order, each with its findings and words. */
export function sentencesOf(units: readonly Unit[]): Sentence[] {
  const out: Sentence[] = [];
  for (const unit of units) {
    for (const s of splitClause(unit)) {
      const findings = unit.findings.filter((f) => f.start >= s.start && f.start < s.end);
      out.push({ unit, index: out.length, ...s, findings, words: contentWords(s.text), cited: [] });
    }
  }
  return out;
}

/** `为了…，制定本法。`, `根据…，结合本省实际，制定本办法。`: why the text exists; it binds nobody. */
const PURPOSE = /制定本(?:法|条例|办法|规定|细则|规则|意见|决定|实施办法|实施细则)[。.]?$/;

/** A purpose clause binds nobody, so it neither is an item nor answers one. */
export function isPurpose(s: Sentence): boolean {
  return PURPOSE.test(s.text);
}

/**
 * A heading (`二、加强组织领导`, or `1.提案质量。` with the clause's body running on after it on the
 * same line): short, requiring nothing by itself. A short list item (`（七）环境影响评价的结论。`) ends
 * its line, so it stays an item.
 */
function isHeading(s: Sentence): boolean {
  if (s.findings.length > 0) return false;
  if (!/[。；？！;?!：:]$/.test(s.text)) return s.text.length <= 30;
  const next = s.unit.text[s.end - s.unit.start];
  return s.start === s.unit.start && ENUMERATOR.test(s.text) && s.text.length <= 16 && next !== undefined && next !== '\n';
}

/**
 * Is this central sentence a requirement to check? Everything that obliges, permits, forbids or
 * defines what must be done, with or without a modal word (`…由…制定`, a list of what something
 * covers, a definition); left out are purpose clauses, headings and sentences with no content word.
 */
export function isItem(s: Sentence): boolean {
  return s.words.length > 0 && !isPurpose(s) && !isHeading(s);
}
