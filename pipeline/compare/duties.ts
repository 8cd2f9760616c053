/**
 * A further duty joined to a sentence (`…，并提供有关的材料`, `…，并将评价结果报告审批机关`) that one side
 * has and the other lacks: the local text keeps the central sentence whole and adds a duty (asks
 * more), or keeps only part of it and drops one (asks less). A reworded answer differs in many parts,
 * so there the acts the modal word governs are compared instead: one more act beside all the central
 * ones asks more; the principal act lacking with most of the others asks less, a further act lacking
 * says little.
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

/** Share of some character pairs found in the other text (all of none). */
function shareIn(grams: ReadonlySet<string>, other: ReadonlySet<string>): number {
  if (grams.size === 0) return 1;
  let n = 0;
  for (const g of grams) if (other.has(g)) n++;
  return n / grams.size;
}

/** Share of a part's character pairs found in the other text. */
export function found(part: string, other: ReadonlySet<string>): number {
  return shareIn(bigrams(part), other);
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

/** The modal word's own part opening on when, where or by which rules the act is done says no act itself. */
const SETTING = /^(?:在|按照|依照|根据|于|经|自|从)/;

/** The act the modal word's own part asks (`血站应当设置…采血点` → `设置…采血点`), when it says more than a word. */
function modalAct(sentence: string): string | null {
  const modal = modalIn(sentence);
  if (!modal) return null;
  const rest = sentence.slice(modal.index + modal.word.length).split(PART)[0]!.trim();
  return lettersOf(rest).length >= LEAST && !SETTING.test(rest) ? rest : null;
}

/** A part that hands the matter to another body (`由人民政府责成…`): what follows it is that body's to do. */
const HANDOVER = /^由/;

/** Every act a sentence asks of its bearer: the modal word's own and the further ones, up to a handover. */
function actsOf(sentence: string): string[] {
  const own = modalAct(sentence);
  const modal = modalIn(sentence)?.index ?? sentence.length;
  const handover = partsOf(sentence).map((p) => sentence.indexOf(p)).find((at) => at > modal && HANDOVER.test(sentence.slice(at))) ?? sentence.length;
  return [...(own ? [own] : []), ...furtherParts(sentence).filter((p) => sentence.indexOf(p) < handover && findMarkers(p).length === 0)];
}

/** An answer keeps an act when at least this share of its character pairs is found in it. */
const HELD = 0.5;
/**
 * A reworded answer is read act by act only when it holds at least this share of the central sentence's
 * character pairs: the same sentence with words changed. A looser paraphrase shares half or less, and an
 * act it has beside the central ones is as likely the same demand in other words.
 */
const REWORDED = 0.7;

/**
 * Whether another sentence of the central document asks a local part (holds at least HELD of its character pairs):
 * a local sentence may merge two central ones, and the part then answers that other item. Read only for a part
 * found added, so the document is split on demand rather than kept between calls.
 */
function askedElsewhere(part: string, centralDocument: string): boolean {
  const grams = bigrams(part);
  return centralDocument.split(/[。；\n]/).some((s) => lettersOf(s).length > 4 && shareIn(grams, bigrams(s)) >= HELD);
}

/**
 * A part that binds its bearer only to rules written elsewhere (`履行《教师法》规定的义务`, `遵守有关法律、法规`):
 * a reference, not a further duty.
 */
const REFERS_ONLY = /^(?:并|同时)?(?:应当|必须)?(?:依法)?(?:履行|遵守|执行|落实)[^，。；]{0,20}?(?:《[^》]+》|法律|法规|本法)[^，。；]{0,12}$/;

/** A further duty of the local answer: not a reference to rules elsewhere, nor one another central sentence asks. */
const newDuty = (part: string, centralDocument: string): boolean => !REFERS_ONLY.test(part) && !askedElsewhere(part, centralDocument);

/**
 * A reworded local answer (see REWORDED) that keeps every act of the central sentence among its own acts and asks
 * one more (`血站应当为献血者提供…条件` → `血站应当设置…采血点或者流动采血车，为献血者提供…条件`): not one
 * that opens with the verb of a central act (`采取修建水平梯地…`, the central `采取…措施` spelled out), nor
 * one another central sentence asks (a local sentence may merge two central ones).
 */
function actAdded(central: string, local: string, centralDocument: string): string | null {
  if (found(central, bigrams(local)) < REWORDED) return null;
  const acts = actsOf(central);
  const localActs = actsOf(local);
  const asked = bigrams(localActs.join('\n'));
  if (acts.length === 0 || !acts.every((a) => found(a, asked) >= HELD)) return null;
  const centralGrams = bigrams(central);
  const verbs = new Set(acts.map((a) => lettersOf(a).slice(0, 2)));
  const added = localActs.filter((p) => found(p, centralGrams) < ABSENT && !verbs.has(lettersOf(p).slice(0, 2)));
  return added.find((p) => newDuty(p, centralDocument)) ?? null;
}

/**
 * The character pairs of a part that the rest of its sentence does not have: what the part alone says
 * (`密切联系残疾人` in `应当密切联系残疾人，…做好残疾人工作` is 密切联系, not 残疾人).
 */
function ownGrams(part: string, sentence: string): Set<string> {
  const rest = bigrams(sentence.replace(part, '\n'));
  return new Set([...bigrams(part)].filter((g) => !rest.has(g)));
}

/**
 * A reworded answer that keeps a side of the central duty but lacks its principal act (the one the modal
 * word governs) and most of its acts, the clauses around it stating them neither (`应当密切联系残疾人，听取
 * 残疾人的意见，…做好残疾人工作` → `…应当按照各自职责，做好残疾人工作`): it asks less. One that keeps the
 * principal act (`应当制定除涝治涝规划，组织…，完善…` → `应当制定本行政区域的治涝规划`) answers the duty
 * in fewer words. Each act is judged by what it alone says, as the words acts share (残疾人) are found anyway.
 */
function principalDropped(central: string, locals: readonly string[], context: string): string | null {
  const principal = modalAct(central);
  if (!principal) return null;
  const answer = bigrams(locals.join('\n'));
  const around = bigrams(context);
  const acts = actsOf(central).map((a) => ({ a, own: ownGrams(a, central) })).filter((x) => x.own.size >= 2);
  const kept = acts.filter((x) => shareIn(x.own, answer) >= HELD);
  const dropped = acts.filter((x) => shareIn(x.own, answer) < ABSENT && shareIn(x.own, around) < NEARBY);
  return kept.length > 0 && dropped.length > kept.length && dropped.some((x) => x.a === principal) ? principal : null;
}

/** A local part restates the central sentence when at least this share of its character pairs is found there. */
const WHOLE = 0.8;
/** A part that forbids (`不得…`), sets a case (`…的`, `…时`) or names the rules followed (`…按照国家有关规定`): not a further act to do. */
const NOT_ACT = /^(?:不得|禁止|严禁)|(?:的|时|后|前|中)$|(?:按照|依照|根据)[^，]*(?:规定|标准|办法|要求)$/;

/** What a part asks, read after its own modal word, if it has one. */
function actOf(part: string): string {
  const modal = modalIn(part);
  return modal ? part.slice(modal.index + modal.word.length) : part;
}

/** A part that asks an act: long enough, not a setting, prohibition or case (see NOT_ACT). */
function isAct(part: string): boolean {
  const act = actOf(part);
  return lettersOf(act).length >= LEAST && !CIRCUMSTANCE.test(act) && !NOT_ACT.test(act);
}

/**
 * A central sentence without a modal word that states one act or right (`教育行政部门对教师的考核工作进行指导、
 * 监督`, `各级师范学校学生享受专业奖学金`), answered by a local one that ends by restating it and asks another act
 * first (`教育行政部门应当制定教师考核的原则、…，对考核工作进行指导、监督`, `…的学生免交学杂费，享受专业奖学金`):
 * the local side asks more. The added part is read after its own modal word, and must be an act, not a setting,
 * prohibition or case, that no other central sentence asks. A central sentence with a modal word is read act by
 * act in actAdded.
 */
function partAdded(centralParts: readonly string[], centralGrams: ReadonlySet<string>, local: string, centralDocument: string): string | null {
  if (centralParts.length !== 1 || modalIn(centralParts[0]!)) return null;
  const parts = partsOf(local);
  if (parts.length < 2 || found(parts[parts.length - 1]!, centralGrams) < WHOLE || found(centralParts[0]!, bigrams(local)) < HELD) return null;
  const added = (p: string): boolean => isAct(p) && found(p, centralGrams) < HELD;
  return parts.slice(0, -1).find((p) => added(p) && newDuty(p, centralDocument)) ?? null;
}

/** A central part is restated by a local part holding at least this share of its character pairs. */
const RESTATED = 0.6;

/**
 * A local answer that restates every part of a central sentence without a modal word, part by part and in order, and
 * puts between them another act of its own (`地方各级人民政府领导…献血工作，统一规划并负责…` → `县级以上人民政府领导…献血工作，
 * 负责制定年度献血计划，保障献血工作经费，统一规划并负责…`): the local side asks more. The added part is an act (not a
 * setting, prohibition or case), shares next to nothing with the central sentence, and no other central sentence asks it.
 */
function partInserted(centralParts: readonly string[], centralGrams: ReadonlySet<string>, local: string, centralDocument: string): string | null {
  const parts = partsOf(local);
  if (centralParts.length < 2 || parts.length <= centralParts.length || modalIn(centralParts.join('，'))) return null;
  let at = 0;
  const matched = new Set<number>();
  for (const c of centralParts) {
    const grams = bigrams(c);
    while (at < parts.length && shareIn(grams, bigrams(parts[at]!)) < RESTATED) at++;
    if (at === parts.length) return null;
    matched.add(at++);
  }
  const last = Math.max(...matched);
  return parts.find((p, i) => i > 0 && i < last && !matched.has(i) && isAct(p) && found(p, centralGrams) < HELD && newDuty(p, centralDocument)) ?? null;
}

/**
 * The further duty the local side adds or drops: `locals` are the local sentences that answer the central one,
 * `context` the local text around them (their clauses), where a dropped duty may still be found, and
 * `centralDocument` the central text, whose other sentences may ask what a local answer adds.
 */
export function compareDuties(central: string, locals: readonly string[], context: string, centralDocument = central): Detail | null {
  const centralParts = partsOf(central);
  const centralGrams = bigrams(central);
  for (const local of locals) {
    const localGrams = bigrams(local);
    if (!centralParts.every((p) => found(p, localGrams) >= KEPT)) continue;
    const added = furtherParts(local).find((p) => found(p, centralGrams) < ABSENT && newDuty(p, centralDocument));
    if (added) return { effect: 'stronger', reason: `duty added ${added}` };
  }
  if (locals.every((l) => partsOf(l).every((p) => found(p, centralGrams) >= KEPT))) {
    const answer = bigrams(locals.join('\n'));
    const around = bigrams(context);
    const dropped = furtherParts(central).find((p) => found(p, answer) < ABSENT && found(p, around) < NEARBY);
    return dropped ? { effect: 'weaker', reason: `duty dropped ${dropped}` } : null;
  }
  const added = locals.map((l) => actAdded(central, l, centralDocument) ?? partAdded(centralParts, centralGrams, l, centralDocument) ?? partInserted(centralParts, centralGrams, l, centralDocument)).find((p) => p !== null);
  if (added) return { effect: 'stronger', reason: `duty added ${added}` };
  const dropped = principalDropped(central, locals, context);
  return dropped ? { effect: 'weaker', reason: `duty dropped ${dropped}` } : null;
}
