/**
 * The second level of alignment: for each central requirement sentence, the local sentences that
 * answer it. The sentences of the local clause aligned with the item's clause are tried first; an
 * item they do not answer, or answer far worse than a sentence elsewhere (MOVED), is searched for in
 * the whole local text (a local text may move a requirement anywhere). A candidate scores by TF-IDF
 * cosine and cover of its words, by whether its requirement shares kind and action or object, and by
 * character overlap, so a near-verbatim copy is found wherever it is. A further local sentence joins when it covers words the first one
 * lacks (one requirement answered across several sentences or clauses); an item no sentence answers
 * alone may be answered by several sentences of the aligned clause read together.
 * @module
 */
import type { Finding } from '../analyze/types.js';
import type { ClausePair } from './clause-align.js';
import { charGrams, ClauseIndex, cover, lettersOf, pairScores, sumVectors, Vocabulary, type TermVector } from './lexical.js';
import { isPurpose, type Sentence } from './sentences.js';
import type { CompareOptions, ScoreParts } from './types.js';
import { contentWords, ENUMERATOR, familyOf, matchWords, type Unit } from './units.js';

/** How many lexical candidates are re-ranked with findings and characters. */
const RERANK = 12;
/** At most this many local sentences answer one item. */
const MAX_LOCAL = 3;

/**
 * An answer in the aligned local clause gives way to a candidate elsewhere scoring this much more:
 * the clause alignment pairs articles by order as well as content, and a local text that moved a
 * requirement has its counterpart where the text is, not where the order puts it
 * (`崩塌、滑坡危险区和泥石流易发区的划定，应当与…` copied word for word into another article scores 1, a list
 * item of the aligned article naming the same areas 0.41). Candidates elsewhere are searched only
 * while one could still win (the aligned clause's best below 1 − MOVED).
 */
const MOVED = 0.3;

/** A sentence of the aligned clause joins a joint answer when it holds at least this share of the item's term weight. */
const JOINT_SHARE = 0.15;

/**
 * A candidate scoring less than this above the threshold does not answer an item whose actors it
 * shares none of (see otherActor): at the margin, shared words more often name the same procedure
 * done by someone else (`编制机关…征求…意见` ↔ `建设单位…征求…意见`).
 */
const ACTOR_MARGIN = 0.05;

/**
 * Outside the aligned local clause, an object word shared by a central and a local requirement
 * counts towards their agreement only from this IDF over the local sentences (Vocabulary.idf's
 * smoothing; 1.5: in fewer than about 2 of 7 local sentences): a word much of the local text uses
 * (`保护`, `残疾`) is shared by chance with a requirement elsewhere doing something else. Inside the
 * aligned clause it still counts: there the same word more often names the same thing.
 */
export const OBJECT_IDF = 1.5;

/** Words any actor may have (`有关部门`, `人民政府`), which say nothing of whose duty it is. */
const GENERIC_ACTOR = /^(?:部门|有关|机关|单位|人民政府|政府|主管)$/;

/**
 * What a list item that names a thing names (`（三）环境影响分析、预测和评估的可靠性` → `可靠性`): the words
 * after its last `的`; null for a sentence that is not such a list item (it lays a requirement, or
 * ends in `的` as a condition does: `（一）未依法申请的；`).
 */
function headOf(s: Sentence): string | null {
  if (!ENUMERATOR.test(s.text) || s.findings.length > 0) return null;
  const text = s.text.replace(ENUMERATOR, '').replace(/[；;。.，,：:\s]+$/u, '');
  const at = text.lastIndexOf('的');
  return at > 0 && at < text.length - 1 ? text.slice(at + 1) : null;
}

/**
 * An item of a list that names things (`报告书应当包括下列内容：（一）…影响的分析、预测和评估`) answered only
 * by list items naming something the item does not mention (`审查意见应当包括下列内容：（三）…分析、预测和
 * 评估的可靠性`): the item's words are there, but as what qualifies another thing.
 */
export function otherThing(item: Sentence, locals: readonly Sentence[]): boolean {
  if (!ENUMERATOR.test(item.text) || item.findings.length > 0 || locals.length === 0) return false;
  return locals.every((s) => {
    const head = headOf(s);
    return head !== null && !item.text.includes(head);
  });
}

/** From this share of shared character bigrams a local sentence is a near-verbatim copy. */
export const NEAR_VERBATIM = 0.6;

/** The weighted lexical score of a match (the findings part counts only when the item has requirements). */
export function lexicalScore(parts: ScoreParts, w: ScoreParts, hasFindings: boolean): number {
  const sum = w.cosine + w.cover + (hasFindings ? w.findings : 0);
  return (w.cosine * parts.cosine + w.cover * parts.cover + (hasFindings ? w.findings * parts.findings : 0)) / sum;
}

export interface Match {
  item: Sentence;
  /** Chosen local sentences in document order; empty when nothing reached the threshold. */
  local: Sentence[];
  /** The best candidate even when below the threshold, to explain a miss. */
  best: { sentence: Sentence; score: number } | null;
  parts: ScoreParts;
  score: number;
  /** `clause`: found in the aligned local clause; `document`: by the whole-document search. */
  via: 'clause' | 'document' | null;
  /** The best candidate inside the aligned local clause, even when the document search found a better one elsewhere. */
  inPair?: { sentence: Sentence; score: number; parts: ScoreParts } | null;
  /** The best candidate reached the threshold but lays the duty on another actor (see ACTOR_MARGIN). */
  otherActor?: boolean;
  /** The answer reached the threshold but is a list item that names another thing (see otherThing). */
  otherThing?: boolean;
  /** Taken below the threshold from the aligned local clause as a loose paraphrase (see answerInPairs in index.ts). */
  loose?: boolean;
}

interface Scored {
  sentence: Sentence;
  vector: TermVector;
  parts: ScoreParts;
  score: number;
}

/** Shared character runs shorter than this are common phrases (`人民政府`), not copied text. */
const RUN = 4;

/** A sentence's letters and digits (punctuation and list numbering dropped), with its character n-grams. */
interface Letters {
  text: string;
  grams: Set<string>;
}

function lettersIn(text: string): Letters {
  const s = lettersOf(text.replace(ENUMERATOR, ''));
  return { text: s, grams: charGrams(s, RUN) };
}

/**
 * Share of the central sentence's characters that lie in a run of at least RUN characters the local
 * sentence also has: 1 for a verbatim copy; common pairs of characters scattered through a long
 * local sentence count for nothing.
 */
function verbatim(central: Letters, local: Letters): number {
  const c = central.text;
  if (c.length === 0) return 0;
  if (c.length < RUN) return local.text.includes(c) ? 1 : 0;
  let covered = 0;
  let reach = 0;
  for (let i = 0; i + RUN <= c.length; i++) {
    if (!local.grams.has(c.slice(i, i + RUN))) continue;
    covered += i + RUN - Math.max(i, reach);
    reach = i + RUN;
  }
  return covered / c.length;
}

/** The parts of a sentence (`…应当依法建立健全财务管理制度，设置会计账簿，为每个成员设立成员账户`), split at its punctuation. */
const PART = /[，,；;：:。]/;

/**
 * A part of a local sentence another item took belongs to the item too when this share of the part's
 * term weight lies in the item's words (its actors left out), more than in any taker's by PART_MARGIN.
 */
const OWN_PART = 0.5;
const PART_MARGIN = 0.1;
/** …and the parts the item owns hold at least this share of the item's own term weight. */
const OWN_SHARE = 0.2;

export class Aligner {
  private readonly vocabulary = new Vocabulary();
  private readonly itemVectors = new Map<Sentence, TermVector>();
  private readonly localVectors: TermVector[];
  private readonly index: ClauseIndex;
  private readonly grams = new Map<Sentence, Letters>();
  private readonly objectWords = new Map<string, Set<string>>();
  private readonly byUnit = new Map<Unit, Sentence[]>();
  private readonly byFamily = new Map<string, Sentence[]>();
  /** In how many local sentences each word occurs (for localIdf). */
  private readonly localDf = new Map<string, number>();

  constructor(
    items: readonly Sentence[],
    private readonly localSentences: readonly Sentence[],
    private readonly clausePairs: ReadonlyMap<Unit, ClausePair>,
    private readonly opts: Required<CompareOptions>,
  ) {
    const itemCounts = items.map((s) => this.vocabulary.add(matchWords(s.words)));
    const localCounts = localSentences.map((s) => this.vocabulary.add(matchWords(s.words)));
    // Cited words once every sentence is counted, so each is known to the vocabulary.
    items.forEach((s, i) => this.vocabulary.addCited(itemCounts[i]!, matchWords(s.cited)));
    localSentences.forEach((s, i) => this.vocabulary.addCited(localCounts[i]!, matchWords(s.cited)));
    items.forEach((s, i) => this.itemVectors.set(s, this.vocabulary.vector(itemCounts[i]!)));
    this.localVectors = localCounts.map((c) => this.vocabulary.vector(c));
    this.index = new ClauseIndex(this.localVectors);
    for (const s of localSentences) {
      for (const w of new Set(s.words)) this.localDf.set(w, (this.localDf.get(w) ?? 0) + 1);
      const list = this.byUnit.get(s.unit);
      if (list) list.push(s);
      else this.byUnit.set(s.unit, [s]);
      const key = familyOf(s.unit);
      const family = this.byFamily.get(key);
      if (family) family.push(s);
      else this.byFamily.set(key, [s]);
    }
  }

  /** TF-IDF vector of any text in this comparison's vocabulary (words never seen are dropped). */
  vectorOf(text: string): TermVector {
    return this.vocabulary.vector(this.vocabulary.lookup(matchWords(contentWords(text))));
  }

  private gramsOf(s: Sentence): Letters {
    let g = this.grams.get(s);
    if (!g) this.grams.set(s, (g = lettersIn(s.text)));
    return g;
  }

  private objectOf(f: Finding): Set<string> {
    let words = this.objectWords.get(f.id);
    if (!words) this.objectWords.set(f.id, (words = new Set(contentWords(f.object ?? '').filter((w) => w.length >= 2))));
    return words;
  }

  /** Smoothed IDF of a word over the local sentences alone (as Vocabulary.idf over both sides). */
  private localIdf(word: string): number {
    return Math.log(1 + this.localSentences.length / (this.localDf.get(word) ?? 1));
  }

  /**
   * Share of the item's requirements answered by a local one of the same kind and action or object.
   * Outside the local clause aligned with the item's, an object word counts only from OBJECT_IDF.
   */
  private agreement(item: Sentence, locals: readonly Sentence[]): number {
    if (item.findings.length === 0) return 0;
    const theirs = locals.flatMap((s) => s.findings);
    const pair = this.clausePairs.get(item.unit);
    const cut = pair && locals.every((s) => s.unit === pair.local) ? 0 : OBJECT_IDF;
    const agreeing = item.findings.filter((c) => theirs.some((l) => l.kind === c.kind
      && ((c.action !== null && l.action === c.action) || [...this.objectOf(c)].some((w) => this.objectOf(l).has(w) && this.localIdf(w) >= cut))));
    return agreeing.length / item.findings.length;
  }

  /**
   * Every requirement on both sides names its actor, and no actor of the item shares a word (beside
   * GENERIC_ACTOR ones) with an actor of the local sentence: the duty is someone else's.
   */
  private otherActor(item: Sentence, local: Sentence): boolean {
    const actors = (s: Sentence) => s.findings.map((f) => new Set(contentWords(f.actor ?? '').filter((w) => w.length >= 2 && !GENERIC_ACTOR.test(w))));
    const central = actors(item);
    const theirs = actors(local);
    if (central.length === 0 || theirs.length === 0 || [...central, ...theirs].some((a) => a.size === 0)) return false;
    return !central.some((a) => theirs.some((b) => [...a].some((w) => b.has(w))));
  }

  /**
   * Weighted lexical total, or the character overlap when that is higher and the local sentence is
   * a near-verbatim copy (below NEAR_VERBATIM, shared characters say little: `应当将…列入年度…`).
   */
  private total(parts: ScoreParts, hasFindings: boolean): number {
    return Math.max(lexicalScore(parts, this.opts.weights, hasFindings), (parts.verbatim ?? 0) >= NEAR_VERBATIM ? parts.verbatim! : 0);
  }

  private score(item: Sentence, query: TermVector, index: number, lexical: { cosine: number; cover: number }): Scored {
    const sentence = this.localSentences[index]!;
    const parts: ScoreParts = {
      ...lexical,
      findings: this.agreement(item, [sentence]),
      verbatim: verbatim(this.gramsOf(item), this.gramsOf(sentence)),
    };
    return { sentence, vector: this.localVectors[index]!, parts, score: this.total(parts, item.findings.length > 0) };
  }

  /**
   * Whether a local sentence that other items took (`takers`) still answers this item with a part of
   * its own: one local sentence may answer several central items when it joins their acts
   * (`应当依法建立健全财务管理制度，设置会计账簿，为每个成员设立成员账户` answers both `按照…财务会计制度进行财务管理
   * 和会计核算` and `为每个成员设立成员账户`). A part belongs to the item when most of its words are the
   * item's, not its actor's (a part that names only who acts, `国家机关、…企业事业单位…`, answers no act),
   * and clearly more than any taker's; a sentence that restates a taker whole has no such part.
   */
  ownsPart(item: Sentence, local: Sentence, takers: readonly Sentence[]): boolean {
    let act = item.text;
    for (const f of item.findings) if (f.actor) act = act.split(f.actor).join('');
    const mine = this.vectorOf(act);
    const theirs = takers.map((t) => this.itemVectors.get(t) ?? this.vectorOf(t.text));
    const owned = local.text.replace(ENUMERATOR, '').split(PART).map((p) => this.vectorOf(p)).filter((part) => {
      if (part.total === 0) return false;
      const share = cover(part, [mine]);
      return share >= OWN_PART && theirs.every((t) => share >= cover(part, [t]) + PART_MARGIN);
    });
    return owned.length > 0 && cover(this.itemVectors.get(item) ?? this.vectorOf(item.text), owned) >= OWN_SHARE;
  }

  /** How well a local sentence answers an item, scored as a candidate is. */
  similarity(item: Sentence, local: Sentence): number {
    const query = this.itemVectors.get(item)!;
    return this.score(item, query, local.index, pairScores(query, this.localVectors[local.index]!)).score;
  }

  /** Candidates inside the local clause aligned with the item's clause, best first. */
  private inPair(item: Sentence, query: TermVector): Scored[] {
    const pair = this.clausePairs.get(item.unit);
    const sentences = pair ? this.byUnit.get(pair.local) ?? [] : [];
    return sentences
      .filter((s) => !isPurpose(s))
      .map((s) => this.score(item, query, s.index, pairScores(query, this.localVectors[s.index]!)))
      .sort((a, b) => b.score - a.score);
  }

  /** Candidates from the whole local text, best first (the lexical top few re-ranked). */
  private inDocument(item: Sentence, query: TermVector): Scored[] {
    const w = this.opts.weights;
    return this.index.search(query)
      .sort((a, b) => (w.cosine * b.cosine + w.cover * b.cover) - (w.cosine * a.cosine + w.cover * a.cover))
      .filter((c) => !isPurpose(this.localSentences[c.index]!))
      .slice(0, RERANK)
      .map((c) => this.score(item, query, c.index, c))
      .sort((a, b) => b.score - a.score);
  }

  /**
   * The sentences of the aligned local clause, with its list (lead-in and items), that each hold part
   * of the item, scored as one text: a long central sentence (`应当和平地进行，不得携带武器…，不得使用暴力…`)
   * is often answered piece by piece by several sentences or list items of the clause aligned with
   * it, none close enough alone. Items of a list read together share many words by chance (a penalty
   * clause's `未依法报批…报告书、报告表的`), so across list items the joint answer must also answer
   * one of the item's requirements.
   */
  private jointInPair(item: Sentence, query: TermVector): { sentences: Sentence[]; parts: ScoreParts; score: number } | null {
    const pair = this.clausePairs.get(item.unit);
    const sentences = (pair ? this.byFamily.get(familyOf(pair.local)) ?? [] : [])
      .filter((s) => !isPurpose(s) && pairScores(query, this.localVectors[s.index]!).cover >= JOINT_SHARE);
    if (sentences.length < 2) return null;
    const parts: ScoreParts = {
      ...pairScores(query, sumVectors(sentences.map((s) => this.localVectors[s.index]!))),
      findings: this.agreement(item, sentences),
      verbatim: Math.max(...sentences.map((s) => verbatim(this.gramsOf(item), this.gramsOf(s)))),
    };
    if (item.findings.length > 0 && parts.findings === 0 && new Set(sentences.map((s) => s.unit)).size > 1) return null;
    return { sentences, parts, score: this.total(parts, item.findings.length > 0) };
  }

  align(item: Sentence): Match {
    const query = this.itemVectors.get(item)!;
    const threshold = this.opts.threshold;
    let ranked = this.inPair(item, query);
    const inPair = ranked[0] ? { sentence: ranked[0].sentence, score: ranked[0].score, parts: ranked[0].parts } : null;
    let via: Match['via'] = 'clause';
    // Below the threshold any better candidate elsewhere wins; above it, only one MOVED better.
    const margin = !ranked[0] || ranked[0].score < threshold ? 0 : MOVED;
    if (!ranked[0] || ranked[0].score + margin < 1) {
      const global = this.inDocument(item, query);
      if (global[0] && (!ranked[0] || global[0].score > ranked[0].score + margin)) {
        ranked = global;
        via = 'document';
      }
    }
    const top = ranked[0];
    const best = top ? { sentence: top.sentence, score: top.score } : null;
    const joint = !top || top.score < threshold ? this.jointInPair(item, query) : null;
    if (joint && joint.score >= threshold) return { item, local: joint.sentences, best, parts: joint.parts, score: joint.score, via: 'clause', inPair };
    const otherActor = !!top && top.score >= threshold && top.score < threshold + ACTOR_MARGIN && this.otherActor(item, top.sentence);
    if (!top || top.score < threshold || otherActor) {
      return { item, local: [], best, parts: top?.parts ?? { cosine: 0, cover: 0, findings: 0, verbatim: 0 }, score: top?.score ?? 0, via: null, inPair, otherActor };
    }
    const chosen = [top];
    let covered = top.parts.cover;
    for (const c of ranked.slice(1)) {
      if (chosen.length >= MAX_LOCAL || c.score < threshold) continue;
      const joint = cover(query, [...chosen, c].map((x) => x.vector));
      if (joint - covered < this.opts.minExtraCover) continue;
      chosen.push(c);
      covered = joint;
    }
    // The best sentence decides (and scores) the match; the others only add what it lacks.
    const local = chosen.map((c) => c.sentence).sort((a, b) => a.start - b.start);
    if (otherThing(item, local)) return { item, local: [], best, parts: top.parts, score: top.score, via: null, inPair, otherThing: true };
    return { item, local, best, parts: top.parts, score: top.score, via, inPair };
  }
}
