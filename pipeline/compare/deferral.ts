/**
 * Penalties a local text answers by deferring to the central law by name: `违反本办法的行为，《防洪法》
 * …有处罚规定的，按其规定执行`, `依照《中华人民共和国集会游行示威法》…予以处罚`. Such a sentence
 * carries every penalty of that law over, so the central penalty items count as covered by it. A bare
 * `依照有关法律、法规的规定处理` names no law and answers nothing.
 * @module
 */
import type { Sentence } from './sentences.js';

/** What a penalty provision imposes (a closed legal vocabulary). */
const SANCTION = /罚款|处分|刑事责任|拘留|警告|没收|吊销|责令|处罚/;

/** Is this central sentence a penalty (it imposes a sanction on whoever breaks a rule)? */
export function isSanction(text: string): boolean {
  return SANCTION.test(text);
}

/** `中华人民共和国防洪法` → [`中华人民共和国防洪法`, `防洪法`]: the names a local text cites a law by. */
function namesOf(title: string): string[] {
  const full = title.replace(/[（(].*?[）)]/g, '').trim();
  const short = full.replace(/^中华人民共和国/, '');
  return [...new Set([full, short])].filter((n) => n.length >= 3);
}

/** The local sentence that defers penalties to one of the central documents by name, if any. */
export function penaltyDeferral(local: readonly Sentence[], centralTitles: readonly string[]): Sentence | null {
  const names = centralTitles.flatMap(namesOf);
  if (names.length === 0) return null;
  return local.find((s) => /处罚|规定执行|规定处理/.test(s.text) && names.some((n) => s.text.includes(`《${n}》`))) ?? null;
}
