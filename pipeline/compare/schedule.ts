/**
 * A recurring schedule the local article sets beside the duty it opens with: `…可以…组成代表小组。…代表小组
 * 每年活动不少于两次`, `各级人民政府应当组织开展…宣传教育。每年10月为我省“野生动物保护宣传月”`. An
 * article's first sentence states its duty and the sentences after it spell that duty out; a fixed
 * yearly, quarterly or monthly schedule among them holds the duty to a rhythm the central sentence
 * leaves open, which asks more. Only the item answered by the article's opening sentence gains it:
 * a later sentence of the article (`代表可以参加下级…代表小组活动`) is a side rule, not the duty the
 * schedule times.
 * @module
 */
import { findMarkers } from '../analyze/markers.js';
import type { Detail } from './detail.js';
import { found } from './duties.js';
import { charGrams, lettersOf } from './lexical.js';
import { splitClause, type Sentence } from './sentences.js';

/** A recurring period (`每年`, `每季度`, not `每年度`): the text sets when the act recurs. */
const RECURRING = /每(?:年|半年|季度|月)(?!度)/;
/** The part of a sentence holding the schedule, between commas or semicolons. */
const PART = /[^，,；;。：:]+/g;
/** A schedule sentence this close to a central sentence (share of its character pairs) answers that one. */
const OWN = 0.5;

/** The last central text's sentences that set a recurring period, as character pairs: the judge asks once an item. */
let recurring: { document: string; grams: Set<string>[] } | null = null;

function recurringSentences(centralDocument: string): Set<string>[] {
  if (recurring?.document !== centralDocument) {
    recurring = { document: centralDocument, grams: centralDocument.split(/[。；\n]/).filter((s) => RECURRING.test(s)).map((s) => charGrams(lettersOf(s), 2)) };
  }
  return recurring.grams;
}

/**
 * The schedule a local answer's article adds: `answer` holds the local sentences that answer the
 * central sentence, `claimed` those that answer any item. One of the answer's sentences must open its
 * article, and a later sentence of that article that answers no item and has no modal word of its own
 * must set a recurring period that neither the central sentence nor any other central sentence states.
 */
export function compareSchedule(central: string, answer: readonly Sentence[], centralDocument: string, claimed: ReadonlySet<Sentence> = new Set()): Detail | null {
  if (RECURRING.test(central)) return null;
  // A later sentence that answers an item (this one or another) is that item's, not a schedule beside this answer.
  const taken = new Set([...answer, ...claimed].map((s) => s.start));
  for (const s of answer) {
    const sentences = splitClause(s.unit);
    if (sentences[0]?.start !== s.start) continue;
    for (const later of sentences.slice(1)) {
      // A sentence with a modal word of its own (`…应当每年报告…`) is a further duty, not the timing of this one.
      if (taken.has(later.start) || findMarkers(later.text).length > 0) continue;
      const part = later.text.match(PART)?.find((p) => RECURRING.test(p));
      if (!part || recurringSentences(centralDocument).some((g) => found(later.text, g) >= OWN)) continue;
      return { effect: 'stronger', reason: `schedule added ${part.trim()}` };
    }
  }
  return null;
}
