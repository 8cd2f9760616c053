/**
 * A further duty joined to a sentence (`…，并提供有关的材料`, `…，并将评价结果报告审批机关`) that one side
 * has and the other lacks, when the rest of the sentence is the same: the local text keeps the
 * central sentence whole and adds a duty (asks more), or keeps only part of it and drops one (asks
 * less). Only a sentence otherwise copied is read so: a reworded one differs in many parts, and a
 * part it lacks says little.
 * @module
 */
import { findMarkers, type MarkerHit } from '../analyze/markers.js';
import type { Detail } from './detail.js';
import { charGrams, lettersOf } from './lexical.js';

/** A part of a sentence between commas or semicolons. */
const PART = /[，,；;：:。]/;
/** A part that joins a further duty to the sentence. */
const FURTHER = /^(?:并且?|同时)/;
/** A part is kept when at least this share of its character pairs is found on the other side. */
const KEPT = 0.9;
/** A part is absent when less than this share of its character pairs is found on the other side. */
const ABSENT = 0.2;
/** A dropped duty is still answered when this share of its character pairs lies in the clauses around the answer. */
const NEARBY = 0.5;
/** Letters a further duty needs at least (`并报告` is a step, not a duty of its own). */
const LEAST = 4;

const bigrams = (s: string): Set<string> => charGrams(lettersOf(s), 2);

function partsOf(sentence: string): string[] {
  return sentence
    .replace(/^(?:[（(][一二三四五六七八九十\d]+[）)])/, '')
    .split(PART)
    .map((p) => p.trim())
    .filter((p) => lettersOf(p).length >= 2);
}

/** Share of a part's character pairs found in the other text. */
export function found(part: string, other: ReadonlySet<string>): number {
  const g = bigrams(part);
  if (g.size === 0) return 1;
  let n = 0;
  for (const x of g) if (other.has(x)) n++;
  return n / g.size;
}

/** Modal words of a duty: parts after one are further things the duty's bearer must do. */
const MODALS = new Set(['应当', '必须', '应', '须']);

/** The first modal word of a text, read as analyze reads markers (not the 应 of `相应`, `应急`). */
function modalIn(text: string): MarkerHit | undefined {
  return findMarkers(text).find((h) => MODALS.has(h.word));
}

/** A part that opens with a preposition sets when or how (`在…前提出`), not a further act. */
const CIRCUMSTANCE = /^(?:在|按照|依照|根据|于|经|由|对|向|自|从|以)/;

/**
 * The parts of a sentence that are further duties: joined by `并`/`同时`, or a plain act listed after
 * the modal word (`应当如实汇报情况，回答代表提出的问题，听取…`) — one with no modal word of its own
 * (that is another subject's duty) and not a circumstance.
 */
function furtherParts(sentence: string): string[] {
  const modal = modalIn(sentence);
  const listed = (p: string) => modal !== undefined && sentence.indexOf(p) > modal.index && !modalIn(p) && !CIRCUMSTANCE.test(p);
  return partsOf(sentence).filter((p) => lettersOf(p).length >= LEAST && (FURTHER.test(p) || listed(p)));
}

/**
 * The further duty the local side adds or drops: `locals` are the local sentences that answer the central one,
 * `context` the local text around them (their clauses), where a dropped duty may still be found.
 */
export function compareDuties(central: string, locals: readonly string[], context: string): Detail | null {
  const centralParts = partsOf(central);
  const centralGrams = bigrams(central);
  for (const local of locals) {
    const localGrams = bigrams(local);
    if (!centralParts.every((p) => found(p, localGrams) >= KEPT)) continue;
    const added = furtherParts(local).find((p) => found(p, centralGrams) < ABSENT);
    if (added) return { effect: 'stronger', reason: `duty added ${added}` };
  }
  if (!locals.every((l) => partsOf(l).every((p) => found(p, centralGrams) >= KEPT))) return null;
  const answer = bigrams(locals.join('\n'));
  const around = bigrams(context);
  const dropped = furtherParts(central).find((p) => found(p, answer) < ABSENT && found(p, around) < NEARBY);
  return dropped ? { effect: 'weaker', reason: `duty dropped ${dropped}` } : null;
}
