/**
 * The analyze stage: findings (requirements of normative text, achievements and plans of reports)
 * and search-mode tokens per clause, from a classified document.
 * @module
 */
import { hash } from 'node:crypto';
import { cut, pushSearchWord } from '../segment/index.js';
import type { DocType, DocumentRecord } from '../types.js';
import { subjectOf } from './actor.js';
import { classifyKind, findDeadline, isCondition } from './cues.js';
import { findMarkers, strongest } from './markers.js';
import { parseFrequency } from './numbers.js';
import { achievementsOf, PLAN_SENTENCE, roleOf } from './reports.js';
import { directivesOf, ENUM_ITEM, type Draft } from './requirements.js';
import type { Analysis, ClauseTokens, Finding, FindingType } from './types.js';
import { blocksOf, sentencesOf, type Block, type Sentence } from './units.js';

export type * from './types.js';

/** Document types whose sentences prescribe; their findings are requirements. */
const NORMATIVE: ReadonlySet<DocType> = new Set(['opinion', 'notice', 'law', 'regulation']);
/** Document types that report what was done and what comes next. */
const REPORTING: ReadonlySet<DocType> = new Set(['work_report', 'experience']);

function findingId(docId: string, start: number, end: number, type: FindingType, n: number): string {
  const key = `${docId}\u0000${start}\u0000${end}\u0000${type}${n ? `\u0000${n}` : ''}`;
  return hash('sha1', key).slice(0, 16);
}

/** What analyze reads of a document. */
type Analyzed = Pick<DocumentRecord, 'id' | 'text' | 'sections' | 'meta'>;

const WORDLIKE = /[\p{L}\p{N}]/u;

type Base = Omit<Finding, 'id' | 'docId' | 'clausePath' | 'sentence'>;

/**
 * Fills in what every finding shares: id, document, clause and the exact sentence text. Fields are
 * copied one by one: a spread of `base` cost more than the rest of this function.
 */
function finish(doc: Analyzed, path: string, base: Base, n = 0): Finding {
  return {
    id: findingId(doc.id, base.start, base.end, base.type, n),
    docId: doc.id,
    clausePath: path,
    sentence: doc.text.slice(base.start, base.end),
    type: base.type,
    kind: base.kind,
    modality: base.modality,
    marker: base.marker,
    actor: base.actor,
    action: base.action,
    object: base.object,
    frequency: base.frequency,
    quantity: base.quantity,
    deadline: base.deadline,
    condition: base.condition,
    start: base.start,
    end: base.end,
    rule: base.rule,
  };
}

const LEADING_FILLER = /^(?:\s|根据[^，,]{0,20}?(?:需要|情况|要求)|每年度?|每届任期内|每届|届内|任期内|每季度|每半年|每月|至少|不少于|一般|及时|认真|切实|主动|积极|进一步|逐步|定期|并|都|均|也|(?:\d+|[一二两三四五六七八九十]+)(?:\s*[-至到]\s*(?:\d+|[一二两三四五六七八九十]+))?\s*次)+/;

interface ActionParts {
  action: string | null;
  object: string | null;
}

/**
 * The verb after the marker and what it acts on. A commitment names its verb; otherwise the words
 * after the marker are returned as `words`, to be segmented with all others of the document at once.
 */
function actionOf(d: Draft): ActionParts | { words: string } {
  const { piece, commitment, cueAt } = d.head;
  const text = piece.text;
  if (commitment?.rule.startsWith('passive')) {
    return { action: commitment.word, object: text.slice(0, text.indexOf('由')).trim() || null };
  }
  if (commitment) {
    const rest = text.slice(text.indexOf(commitment.word, commitment.index) + commitment.word.length);
    return { action: commitment.word, object: rest.replace(LEADING_FILLER, '').trim() || null };
  }
  const markers = findMarkers(text);
  const last = markers[markers.length - 1];
  let after = last ? text.slice(last.index + last.word.length) : text.slice(Number.isFinite(cueAt) ? cueAt : 0);
  after = after.replace(LEADING_FILLER, '');
  // `可由X交办`, `政协邀请…`: the verb comes after the agent.
  if (d.actor && after.startsWith(`由${d.actor}`)) after = after.slice(d.actor.length + 1);
  else if (d.actor && after.startsWith(d.actor)) after = after.slice(d.actor.length);
  return { words: after.replace(LEADING_FILLER, '') };
}

/** Enough characters to hold the first word. */
const HEAD_CHARS = 8;

/**
 * Fills action/object of findings whose words still need segmenting: the first word is the action,
 * the rest the object. One jieba call per document, on the first few characters of each.
 */
function segmentActions(pending: Array<{ finding: Finding; words: string }>): void {
  if (!pending.length) return;
  const heads = pending.map((p) => p.words.trimStart().slice(0, HEAD_CHARS));
  const lines: string[][] = [[]];
  for (const token of cut(heads.join('\n'))) {
    if (token === '\n') lines.push([]);
    else lines[lines.length - 1]?.push(token);
  }
  pending.forEach(({ finding, words }, i) => {
    const tokens = lines[i] ?? [];
    const at = tokens.findIndex((t) => WORDLIKE.test(t));
    const action = tokens[at];
    finding.action = action ?? null;
    if (action === undefined) return;
    const rest = words.trimStart();
    finding.object = rest.slice(rest.indexOf(action) + action.length).replace(LEADING_FILLER, '').trim() || null;
  });
}

/** A piece after the sentence's first that starts `一是…`. */
function opensEnumeration(sentence: Sentence): boolean {
  let first = true;
  for (const part of sentence.parts) {
    for (const piece of part) {
      if (!first && piece.text.startsWith('一是')) return true;
      first = false;
    }
  }
  return false;
}

/** What one document's requirement pass carries from block to block. */
interface RequirementState {
  /** The directive that opened a running `一是…二是…` enumeration (`各级政协要：`). */
  enumHead: Draft | null;
  pending: Array<{ finding: Finding; words: string }>;
}

function requirementFindings(doc: Analyzed, block: Block, sentences: Sentence[], state: RequirementState): Finding[] {
  const out: Finding[] = [];
  for (const sentence of sentences) {
    const drafts = directivesOf(sentence, state.enumHead);
    if (!ENUM_ITEM.test(sentence.parts[0]?.[0]?.text ?? '')) state.enumHead = null;
    if (drafts[0] && opensEnumeration(sentence)) state.enumHead = drafts[0];
    // `各级政协要：` closing a sentence (its items stand in sections of their own): a lead-in, not a finding.
    const last = drafts[drafts.length - 1];
    if (last?.open) {
      state.enumHead = last;
      drafts.pop();
    }
    for (const d of drafts) {
      const first = d.lead[0] ?? d.pieces[0];
      const last = d.pieces[d.pieces.length - 1];
      if (!first || !last) continue;
      const conditions: string[] = [];
      let body = '';
      for (const l of d.lead) {
        if (isCondition(l.text)) conditions.push(l.text);
        else body += `${l.text}，`;
      }
      for (const p of d.pieces) body += `${p.text}，`;
      body = body.slice(0, -1);
      const span = doc.text.slice(first.start, last.end);
      const parts = actionOf(d);
      const finding = finish(doc, block.path, {
        type: 'requirement',
        kind: classifyKind(body, d.topic, d.modality === 'prohibited'),
        modality: d.modality,
        marker: d.marker || null,
        actor: d.actor,
        action: 'words' in parts ? null : parts.action,
        object: 'words' in parts ? null : parts.object,
        frequency: d.frequency,
        quantity: null,
        deadline: findDeadline(span),
        condition: conditions.join('，') || null,
        start: first.start,
        end: last.end,
        rule: d.rules.join('+'),
      });
      if ('words' in parts) state.pending.push({ finding, words: parts.words });
      out.push(finding);
    }
  }
  return out;
}

function reportFindings(doc: Analyzed, block: Block, sentences: Sentence[]): Finding[] {
  const out: Finding[] = [];
  const role = roleOf(block);
  for (const sentence of sentences) {
    const text = doc.text.slice(sentence.start, sentence.end);
    const planCue = PLAN_SENTENCE.exec(text);
    if (role === 'plan' || planCue) {
      if (/[：:]$/.test(text) || text.length < 4) continue;
      const top = strongest(findMarkers(text));
      const kind = classifyKind(text, '', false);
      out.push(
        finish(doc, block.path, {
          type: 'plan',
          kind: kind === 'obligation' ? null : kind,
          modality: top?.modality ?? null,
          marker: top?.word ?? planCue?.[0] ?? null,
          actor: subjectOf(text, false),
          action: null,
          object: null,
          frequency: parseFrequency(text),
          quantity: null,
          deadline: findDeadline(text),
          condition: null,
          start: sentence.start,
          end: sentence.end,
          rule: planCue ? `plan-cue:${planCue[0]}` : 'plan-section',
        }),
      );
      continue;
    }
    if (role !== 'review') continue;
    for (const hit of achievementsOf(sentence)) {
      const { piece, quantity } = hit;
      out.push(
        finish(
          doc,
          block.path,
          {
            type: 'achievement',
            kind: null,
            modality: null,
            marker: null,
            actor: subjectOf(piece.text, false),
            action: null,
            object: hit.what || null,
            frequency: null,
            quantity: { value: quantity.value, unit: quantity.unit },
            deadline: null,
            condition: null,
            start: piece.start,
            end: piece.end,
            rule: `quantity:${quantity.unit}`,
          },
          quantity.start + 1,
        ),
      );
    }
  }
  return out;
}

/** Never in a document: joins the blocks so one jieba call segments them all, then splits them again. */
const BLOCK_BREAK = '\u0001';

/** BMP code units that are a letter or a number (what WORDLIKE matches), for a lookup per token. */
const WORD_UNIT = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < table.length; c++) {
    if (c < 0xd800 || c > 0xdfff) table[c] = WORDLIKE.test(String.fromCharCode(c)) ? 1 : 0;
  }
  return table;
})();

/** A token worth indexing: it holds a letter or number (one table lookup for the usual one-character or word token). */
function wordlike(t: string): boolean {
  return WORD_UNIT[t.charCodeAt(0)] === 1 || (t.length > 1 && WORDLIKE.test(t));
}

/**
 * Search-mode tokens of each block, whitespace and punctuation dropped; one jieba call per document.
 */
function searchTokens(text: string, blocks: readonly Block[]): string[][] {
  let current: string[] = [];
  const out: string[][] = [current];
  const joined = blocks.map((b) => text.slice(b.start, b.end).replaceAll(BLOCK_BREAK, ' ')).join(BLOCK_BREAK);
  for (const w of cut(joined)) {
    if (w === BLOCK_BREAK) out.push((current = []));
    // A word without a letter or number has no sub-word with one.
    else if (wordlike(w)) {
      const from = current.length;
      pushSearchWord(w, current);
      for (let k = from; k < current.length - 1; k++) if (!wordlike(current[k]!)) current.splice(k--, 1);
    }
  }
  return out;
}

/**
 * Findings and per-clause tokens of one document. Requirements come from normative documents
 * (opinions, notices); achievements and plans from work reports and experience materials.
 */
export function analyze(doc: Analyzed): Analysis {
  const blocks = blocksOf(doc);
  const findings: Finding[] = [];
  const normative = NORMATIVE.has(doc.meta.type);
  if (normative || REPORTING.has(doc.meta.type)) {
    const state: RequirementState = { enumHead: null, pending: [] };
    for (const block of blocks) {
      const sentences = sentencesOf(doc.text, block);
      findings.push(...(normative ? requirementFindings(doc, block, sentences, state) : reportFindings(doc, block, sentences)));
    }
    segmentActions(state.pending);
  }
  // Tokens last: made earlier, the young heap copies all of them at every collection the rules cause.
  const byPath = new Map<string, string[]>();
  const tokensByBlock = searchTokens(doc.text, blocks);
  for (const [i, block] of blocks.entries()) {
    const tokens = tokensByBlock[i] ?? [];
    const known = byPath.get(block.path);
    if (known) for (const t of tokens) known.push(t);
    else byPath.set(block.path, tokens);
  }
  const tokens: ClauseTokens[] = [...byPath].map(([path, t]) => ({ path, tokens: t }));
  return { findings, tokens };
}
