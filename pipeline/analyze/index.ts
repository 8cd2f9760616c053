/**
 * The analyze stage: findings (requirements of normative text, achievements and plans of reports)
 * from a classified document.
 * @module
 */
import { cut } from '../segment/index.js';
import { STATUTE_ARTICLES, type DocType, type Section } from '../types.js';
import { subjectOf } from './actor.js';
import { classifyKind, findDeadline } from './cues.js';
import { type Analyzed, finish } from './finding.js';
import { findMarkers, strongest } from './markers.js';
import { seekActions } from './actions.js';
import { requirementFindings, type RequirementState } from './normative.js';
import { parseFrequency, type QuantityMatch } from './numbers.js';
import { penaltyChapters } from './penalties.js';
import { NumeralWords, startsWithChineseDigit } from './set-phrases.js';
import { achievementsOf, blockRole, claimedFigures, sentenceCue, tellsEarlierHistory, type ReportState } from './reports.js';
import type { Analysis, Finding, Quantity } from './types.js';
import { blocksOf, countAtMost, sentencesOf, type Block, type Sentence, type Span } from './units.js';

export type * from './types.js';

/** Document types whose sentences prescribe; their findings are requirements. */
const NORMATIVE: ReadonlySet<DocType> = new Set(['opinion', 'notice', 'law', 'regulation']);
/**
 * Whether a normative text is written in articles, each opening with the body it binds
 * (`第X条 …主管机关应当…`), so a sentence without a subject acts for the one before it. Decided by
 * structure, not type: a 政协's 实施办法 in numbered paragraphs is an opinion in all but name.
 */
const inArticles = (sections: readonly Section[]): boolean =>
  sections.reduce((n, s) => n + (s.kind === 'article' ? 1 : 0), 0) >= STATUTE_ARTICLES;
/** Document types that report what was done and what comes next. */
const REPORTING: ReadonlySet<DocType> = new Set(['work_report', 'experience']);

/**
 * A figure written in Chinese numerals, and where it stands, to check against set phrases: an
 * achievement inside one is dropped, a plan keeps its text and loses the figure.
 */
interface ChineseCount {
  finding: Finding;
  start: number;
  end: number;
}

/**
 * `这里要着重说明…`, `这样的安排主要是考虑到…`, `从财政收入看…`, `同时也有利于…`, `提出…，综合考虑了…`:
 * why a target was set, or what it brings, not a task.
 */
const EXPLAINS = /^(?:这(?:里|样|是)|从[^，,。]{1,12}看|(?:同时)?[也还]?(?:有利于|有助于))|综合考虑了|是考虑到/;

/** The year a report was given, from its date: what it says of that year and later looks ahead. */
function yearOf(doc: Analyzed): number | null {
  const year = /^\d{4}/.exec(doc.meta.date ?? '');
  return year ? Number(year[0]) : null;
}

/** A figure as a finding keeps it, without its offsets. */
const quantityOf = (q: QuantityMatch): Quantity => ({ value: q.value, unit: q.unit, from: q.from, bound: q.bound });

function reportFindings(doc: Analyzed, state: ReportState, block: Block, sentences: Sentence[], counts: ChineseCount[]): Finding[] {
  const out: Finding[] = [];
  // The line breaks between a list's items hold no sentence and must not end the list.
  if (!sentences.length) return out;
  const role = blockRole(state, block);
  for (const sentence of sentences) {
    const text = doc.text.slice(sentence.start, sentence.end);
    const cue = sentenceCue(state, block, text);
    if ((role === 'plan' || cue) && !EXPLAINS.test(text)) {
      // One plan per `；`-part: a list of targets gives each target its own finding and figure.
      for (const part of sentence.parts) {
        const first = part[0];
        const last = part[part.length - 1];
        if (!first || !last) continue;
        const partText = doc.text.slice(first.start, last.end);
        // A lead-in (`今年要重点抓好八个方面工作：`) introduces plans and is none.
        if (/[：:]/.test(doc.text[last.end] ?? '') || partText.length < 4) continue;
        const top = strongest(findMarkers(partText));
        const kind = classifyKind(partText, '', false);
        const figure = claimedFigures(partText)[0];
        const actor = subjectOf(partText, false);
        const finding = finish(doc, block.path, {
          type: 'plan',
          kind: kind === 'obligation' ? null : kind,
          modality: top?.modality ?? null,
          marker: top?.word ?? cue,
          actor,
          actorFrom: actor ? 'stated' : null,
          action: null,
          object: null,
          frequency: parseFrequency(partText),
          quantity: figure ? quantityOf(figure) : null,
          deadline: findDeadline(partText),
          condition: null,
          sanction: null,
          start: first.start,
          end: last.end,
          rule: cue ? `plan-cue:${cue}` : 'plan-section',
        });
        out.push(finding);
        if (figure && startsWithChineseDigit(partText, figure.start)) counts.push({ finding, start: first.start + figure.start, end: first.start + figure.end });
      }
      continue;
    }
    if (role !== 'review' || tellsEarlierHistory(text, state.year)) continue;
    for (const hit of achievementsOf(sentence, state.year)) {
      const { piece, quantity } = hit;
      const actor = subjectOf(piece.text, false);
      const finding = finish(
          doc,
          block.path,
          {
            type: 'achievement',
            kind: null,
            modality: null,
            marker: null,
            actor,
            actorFrom: actor ? 'stated' : null,
            action: null,
            object: hit.what || null,
            frequency: null,
            quantity: quantityOf(quantity),
            deadline: null,
            condition: null,
            sanction: null,
            start: piece.start,
            end: piece.end,
            rule: `quantity:${quantity.unit}`,
          },
          quantity.start + 1,
        );
      out.push(finding);
      if (startsWithChineseDigit(piece.text, quantity.start)) counts.push({ finding, start: piece.start + quantity.start, end: piece.start + quantity.end });
    }
  }
  return out;
}

/** Never in a document: joins the lines so one jieba call segments them all, then splits them again. */
const BLOCK_BREAK = '\u0001';

/**
 * The lines of blocks that hold a count, in text order: a line of a block, cut by itself, gives
 * the words jieba gives it inside its block (jieba cuts each run of letters and digits on its own,
 * and a line break is in none), and a word holding a count lies in the count's line.
 */
function countLines(text: string, blocks: readonly Block[], counts: readonly ChineseCount[]): Span[] {
  const lines = new Map<number, Span>();
  const ends = blocks.map((b) => b.end);
  for (const { start } of counts) {
    // The block holding the count: blocks are disjoint and in text order.
    const block = blocks[countAtMost(ends, start)];
    if (!block || block.start > start) continue;
    const from = Math.max(block.start, text.lastIndexOf('\n', start) + 1);
    const lineEnd = text.indexOf('\n', start);
    if (!lines.has(from)) lines.set(from, { start: from, end: lineEnd < 0 ? block.end : Math.min(lineEnd, block.end) });
  }
  return [...lines.values()].sort((a, b) => a.start - b.start);
}

/**
 * The words a count in Chinese numerals may sit inside (`千家万户`): one jieba call over the lines
 * that hold such counts, joined, made only when such a count waits.
 */
function readNumeralWords(text: string, lines: readonly Span[], numeralWords: NumeralWords): void {
  const joined = lines.map((b) => text.slice(b.start, b.end).replaceAll(BLOCK_BREAK, ' ')).join(BLOCK_BREAK);
  // Where the current token starts in the document: jieba's tokens put together are the joined text.
  let at = lines[0]?.start ?? 0;
  let line = 0;
  for (const w of cut(joined)) {
    const start = at;
    at += w.length;
    if (w === BLOCK_BREAK) at = lines[++line]?.start ?? at;
    else numeralWords.add(w, start);
  }
}

/**
 * Findings of one document. Requirements come from normative documents
 * (opinions, notices); achievements and plans from work reports and experience materials.
 */
export function analyze(doc: Analyzed): Analysis {
  const blocks = blocksOf(doc);
  let findings: Finding[] = [];
  const counts: ChineseCount[] = [];
  const normative = NORMATIVE.has(doc.meta.type);
  if (normative || REPORTING.has(doc.meta.type)) {
    const statute = inArticles(doc.sections);
    const state: RequirementState = {
      penaltyChapters: penaltyChapters(doc.text),
      enumHead: null,
      statute,
      carryActor: statute || Boolean(doc.meta.docNumber),
      listHead: null,
      lastActor: null,
      pending: [],
    };
    const report: ReportState = { year: normative ? null : yearOf(doc), planList: null };
    for (const block of blocks) {
      const sentences = sentencesOf(doc.text, block);
      // Appended one by one: a spread call per block showed in profiles of long documents.
      for (const f of normative ? requirementFindings(doc, block, sentences, state) : reportFindings(doc, report, block, sentences, counts)) findings.push(f);
    }
    seekActions(state.pending, doc.text);
  }
  // Words are collected only where a count in Chinese numerals waits to be checked.
  const numeralWords = counts.length ? new NumeralWords() : null;
  if (numeralWords) readNumeralWords(doc.text, countLines(doc.text, blocks, counts), numeralWords);
  const setPhrases = new Set(counts.filter((c) => numeralWords?.holds(c.start, c.end)).map((c) => c.finding));
  if (setPhrases.size) {
    for (const f of setPhrases) if (f.type === 'plan') f.quantity = null;
    findings = findings.filter((f) => f.type === 'plan' || !setPhrases.has(f));
  }
  return { findings };
}
