/**
 * The requirement pass over a normative document: directives and penalties of each sentence, with
 * what carries from sentence to sentence (a running enumeration, a statute's paragraph subject, a
 * lead-in to a list of duties), and the action and object of each.
 * @module
 */
import { classifyKind, findDeadline, isCondition } from './cues.js';
import type { PendingAction } from './actions.js';
import { type Analyzed, finish } from './finding.js';
import { penaltiesOf, type PenaltyDraft } from './penalties.js';
import { directivesOf, ENUM_ITEM, type Draft } from './requirements.js';
import type { Finding } from './types.js';
import type { Block, Sentence, Span } from './units.js';

export const LEADING_FILLER = /^(?:\s|根据[^，,]{0,20}?(?:需要|情况|要求)|每年度?|每届任期内|每届|届内|任期内|每季度|每半年|每月|至少|不少于|一般|及时|认真|切实|主动|积极|进一步|逐步|定期|并|都|均|也|(?:\d+|[一二两三四五六七八九十]+)(?:\s*[-至到]\s*(?:\d+|[一二两三四五六七八九十]+))?\s*次)+/;

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
  // The head's markers as its cues found them (findMarkers of this same text).
  const markers = d.head.written;
  const last = markers[markers.length - 1];
  let after = last ? text.slice(last.index + last.word.length) : text.slice(Number.isFinite(cueAt) ? cueAt : 0);
  after = after.replace(LEADING_FILLER, '');
  // `可由X交办`, `政协邀请…`: the verb comes after the agent.
  if (d.actor && after.startsWith(`由${d.actor}`)) after = after.slice(d.actor.length + 1);
  else if (d.actor && after.startsWith(d.actor)) after = after.slice(d.actor.length);
  return { words: after.replace(LEADING_FILLER, '') };
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
export interface RequirementState {
  /** Spans of the document's penalty chapters (`第X章 法律责任`). */
  penaltyChapters: Span[];
  /** The directive that opened a running `一是…二是…` enumeration (`各级政协要：`). */
  enumHead: Draft | null;
  /** A law's or regulation's: a paragraph keeps its subject, a list of duties its lead-in's. */
  statute: boolean;
  /**
   * A sentence naming no body acts for the one named before it in its paragraph: in statutes, and in
   * opinions and notices issued with a 发文字号 (their annotators read the law's rule into them); a
   * 政协's own 实施意见 keeps the previous item of the same sentence only (corpus/gold/README.md, the actor conflict).
   */
  carryActor: boolean;
  /** A statute's lead-in to a list of duties (`有关部门应当履行下列职责：`) and the path of its block. */
  listHead: { draft: Draft; path: string } | null;
  /** The last actor named, and where its finding ends: a sentence of the same paragraph without one acts for it. */
  lastActor: { actor: string; end: number } | null;
  pending: PendingAction[];
}

/** A lead-in whose list items are duties (not contents, cases or conditions). */
const DUTY_LIST = /下列(?:规定|职责|义务|要求|工作|措施|行为|事项)[^：:。]*[：:]$/;

/** The document's own title, or a first line without clause punctuation: a heading, never an obligation. */
function isOwnTitle(doc: Analyzed, sentence: Sentence): boolean {
  const { title } = doc.meta;
  // Checked by length first: a slice and a regex per sentence of a long document add up.
  const length = sentence.end - sentence.start;
  if (length >= title.length && length <= title.length + 4) {
    if (doc.text.slice(sentence.start, sentence.end).replace(/^[#\s]+/, '').trim() === title.trim()) return true;
  }
  if (sentence.start > 64 || !/^\s*$/.test(doc.text.slice(0, sentence.start))) return false;
  const lineEnd = doc.text.indexOf('\n', sentence.start);
  return !/[，。；：！？,;:!?]/.test(doc.text.slice(sentence.start, lineEnd < 0 ? doc.text.length : lineEnd));
}

/** `服务水平进一步提高`: a state to reach, cued only by `进一步` and with nothing after its verb. */
function isAim(d: Draft): boolean {
  if (d.marker !== '进一步' || d.pieces.length !== 1 || d.lead.length) return false;
  const text = d.head.piece.text;
  const at = text.indexOf('进一步');
  return at > 0 && text.length - at - 3 <= 2;
}

/** Whether a line break stands in `[from, to)` of the text (found by indexOf: no slice of the span). */
function breaksBetween(text: string, from: number, to: number): boolean {
  const at = text.indexOf('\n', from);
  return at >= 0 && at < to;
}

/** The body last named before `at` in the same paragraph, if any. */
function paragraphActor(doc: Analyzed, state: RequirementState, at: number): string | null {
  const before = state.lastActor;
  return before && before.end <= at && !breaksBetween(doc.text, before.end, at) ? before.actor : null;
}

export function requirementFindings(doc: Analyzed, block: Block, sentences: Sentence[], state: RequirementState): Finding[] {
  const out: Finding[] = [];
  const inChapter = state.penaltyChapters.some((c) => c.start <= block.start && block.start < c.end);
  for (const whole of sentences) {
    const { penalties, rest: sentence } = penaltiesOf(whole, inChapter);
    for (const p of penalties) {
      const first = p.pieces[0];
      if (!p.actor && state.carryActor && first) {
        p.actor = paragraphActor(doc, state, first.start);
        p.actorFrom = p.actor ? 'paragraph' : null;
      }
      if (p.actor && first) state.lastActor = { actor: p.actor, end: p.pieces[p.pieces.length - 1]?.end ?? first.end };
      out.push(penaltyFinding(doc, block, p));
    }
    if (!sentence.parts.length || isOwnTitle(doc, sentence)) continue;
    // An item is the first paragraph of its section: what follows it is the article's own again.
    const inItem = state.listHead && block.path.startsWith(`${state.listHead.path}/`) && !breaksBetween(doc.text, block.start, sentence.start);
    const list = inItem ? state.listHead?.draft ?? null : null;
    const drafts = directivesOf(sentence, list ?? state.enumHead, state.statute, list !== null).filter((d) => !isAim(d));
    if (!ENUM_ITEM.test(sentence.parts[0]?.[0]?.text ?? '')) state.enumHead = null;
    if (state.statute && drafts.length && DUTY_LIST.test(doc.text.slice(sentence.start, sentence.end))) {
      state.listHead = { draft: drafts[drafts.length - 1] as Draft, path: block.path };
    }
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
      let actor = d.actor ?? list?.actor ?? null;
      let actorFrom = d.actor ? d.actorFrom : actor ? 'lead-in' : null;
      // In a statute only a sentence naming no subject at all: `申请书应当载明…` binds no one. Elsewhere a
      // thing as subject (`担保费率原则上不超过1%`) binds the paragraph's body.
      if (!actor && state.carryActor && (!state.statute || !d.topic.trim())) {
        actor = paragraphActor(doc, state, first.start);
        actorFrom = actor ? 'paragraph' : null;
      }
      if (actor) state.lastActor = { actor, end: last.end };
      const finding = finish(doc, block.path, {
        type: 'requirement',
        kind: classifyKind(body, d.topic, d.modality === 'prohibited'),
        modality: d.modality,
        marker: d.marker || null,
        actor,
        actorFrom,
        action: 'words' in parts ? null : parts.action,
        object: 'words' in parts ? null : parts.object,
        frequency: d.frequency,
        quantity: null,
        deadline: findDeadline(span),
        condition: conditions.join('，') || null,
        sanction: null,
        start: first.start,
        end: last.end,
        rule: d.rules.join('+'),
      });
      if ('words' in parts) {
        const words = parts.words.trimStart();
        state.pending.push({ finding, words, at: d.head.piece.end - words.length });
      }
      out.push(finding);
    }
  }
  return out;
}

function penaltyFinding(doc: Analyzed, block: Block, p: PenaltyDraft): Finding {
  const first = p.pieces[0];
  const last = p.pieces[p.pieces.length - 1];
  const measure = p.sanction.measures[0] ?? null;
  return finish(doc, block.path, {
    type: 'requirement',
    kind: 'penalty',
    modality: p.modality,
    marker: measure,
    actor: p.actor,
    actorFrom: p.actorFrom,
    action: measure,
    object: null,
    frequency: null,
    quantity: null,
    deadline: null,
    condition: p.condition,
    sanction: p.sanction,
    start: first?.start ?? block.start,
    end: last?.end ?? block.start,
    rule: p.rule,
  });
}

