/**
 * The compare stage: a local document against one or more central documents, requirement by
 * requirement — covered, strengthened, weakened or missing — plus what the local text adds.
 * @module
 */
import type { Finding } from '../analyze/types.js';
import { Aligner, otherThing, type Match } from './align.js';
import { notApplicable, withLocalLevel, type Exemption } from './applicability.js';
import { alignClauses, withinPair, type ClausePair } from './clause-align.js';
import { bindsLowest, namesTownship } from './detail.js';
import { missingExplanation } from './explain.js';
import { NAMES_ARTICLE, namesOf, References, withReferences } from './refs.js';
import { BREACH, breachOf, isPenalty, Roles, sanctionOfBreach, type RoleAnswer } from './roles.js';
import { cover } from './lexical.js';
import { CLOSES_ON_RULES, judge, permitsAnotherAct } from './judge.js';
import { isItem, sentencesOf, type Sentence } from './sentences.js';
import { reviewOf } from './review.js';
import type { Addition, CentralRef, CompareDoc, CompareItem, CompareOptions, CompareReport, ScoreParts, Verdict } from './types.js';
import { contentWords, familyOf, unitsOf, type Unit } from './units.js';


/**
 * A match found only by the whole-document search and scoring below this is weaker evidence than a
 * local sentence that answers the item by its role (a penalty deferral, the scope of application).
 */
const WEAK = 0.5;

/**
 * A duty of a national organ counts as carried over (and is judged) when a local sentence that lays
 * it on the provincial counterpart scores at least this: the level words are left out of matching,
 * so what remains is the duty itself.
 */
const COUNTERPART = 0.6;

/**
 * The least score at which an unclaimed sentence of the aligned local clause answers an item (see answerInPairs).
 * 0.25 left out paraphrases that share little more than the item's object (`…到少数民族地区和边远贫困地区从事教育教学
 * 工作的，应当予以补贴` → `…对从城镇地区到山区工作的中小学教师，给予奖励性补贴`: 0.249); below 0.22 the clause's
 * best sentence more often only shares its frame.
 */
const IN_PAIR = 0.22;

/**
 * An answer answerInPairs finds below this (a loose paraphrase) yields to a local sentence that answers the
 * item by its role or by a blanket reference (Roles): the scope clause `本市行政区域内从事水土保持活动适用本办法`
 * answers `…应当遵守本法` as the scope of application, not as a paraphrase.
 */
const LOOSE = 0.25;

/** From this score a local sentence that binds townships is on the item's matter (see lowerRungs in compare). */
const ON_MATTER = 0.25;

/**
 * From this clause cosine and this sentence score, the aligned clause's own best sentence answers an
 * item whose better candidate elsewhere also falls short of the threshold (see answerInPairs).
 */
const CLOSE_PAIR = 0.2;

export type * from './types.js';
export { VERDICTS } from './types.js';
export { compareDocFrom, recordFromStored } from './documents.js';

export const DEFAULT_OPTIONS: Required<CompareOptions> = {
  threshold: 0.4,
  weights: { cosine: 0.45, cover: 0.4, findings: 0.15 },
  scope: 'requirements',
  minExtraCover: 0.15,
};

function validate(opts: CompareOptions): Required<CompareOptions> {
  const o = { ...DEFAULT_OPTIONS, ...opts };
  if (!(o.threshold >= 0 && o.threshold <= 1)) throw new RangeError('threshold must be between 0 and 1');
  const w = o.weights;
  if ([w.cosine, w.cover, w.findings].some((x) => !(x >= 0)) || w.cosine + w.cover <= 0) {
    throw new RangeError('weights must be ≥ 0, and cosine + cover > 0');
  }
  if (!(o.minExtraCover > 0 && o.minExtraCover <= 1)) throw new RangeError('minExtraCover must be in (0, 1]');
  return o;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function ref(s: Sentence): CentralRef {
  const first = s.findings[0];
  const base = { docId: s.unit.docId, clausePath: s.unit.path, text: s.text, start: s.start, end: s.end, clauseText: s.unit.text };
  return first ? { ...base, finding: first } : base;
}

function roundParts(p: ScoreParts): ScoreParts {
  return { cosine: round(p.cosine), cover: round(p.cover), findings: round(p.findings), verbatim: round(p.verbatim ?? 0) };
}

const NO_SCORE: ScoreParts = { cosine: 0, cover: 0, findings: 0, verbatim: 0 };

/** A missing item's verdict and reasons, naming the closest local sentence so a reader can check. */
function missing(m: Match, threshold: number): Pick<CompareItem, 'verdict' | 'reasons' | 'explanation' | 'closest'> {
  if (!m.best) return { verdict: 'missing', reasons: ['no local clause shares a content word'], explanation: [missingExplanation(null)] };
  const closest = { ...ref(m.best.sentence), score: round(m.best.score) };
  const reason = m.otherActor
    ? `the closest local clause lays the duty on another actor (${closest.clausePath} at ${closest.score})`
    : m.otherThing
    ? `the closest local clause names another thing (${closest.clausePath} at ${closest.score})`
    : `no local clause scores ≥ ${threshold} (best ${closest.clausePath} at ${closest.score})`;
  return {
    verdict: 'missing',
    reasons: [reason],
    explanation: [missingExplanation({ path: closest.clausePath, score: closest.score })],
    closest,
  };
}

/** The clauses of a document that have content words, each a unit of the first alignment level. */
function clausesOf(doc: CompareDoc): Unit[] {
  return unitsOf(doc).filter((u) => u.words.length > 0);
}

/** The list a list item (`第二十三条/(四)`) belongs to, or null for a clause that is not a list item. */
function listOf(u: Unit): string | null {
  const family = familyOf(u);
  return family === `${u.docId}\u0000${u.path}` ? null : family;
}

/**
 * Below the threshold, the best candidate of an item still answers it when it lies in the local
 * clause aligned with the item's clause and no other item took it: the clause alignment already says
 * the two clauses are about the same thing, and a paraphrase (`作为国家教育事业的组成部分` →
 * `纳入教育事业发展规划`) shares fewer words than a copy. A sentence taken only by list items of the
 * same central list still answers a further item of that list: a local clause often names all the
 * members of a central list in one sentence (`（四）航空港、火车站和港口` in `…机场、火车站…`).
 * A sentence another item took answers this one too, here and in the aligned clause below, when a
 * part of it is this item's own (see Aligner.ownsPart): a local sentence often joins the acts of
 * several central items (`…建立健全财务管理制度，设置会计账簿，为每个成员设立成员账户`).
 * When the best candidate lies elsewhere, below the threshold too, the aligned clause's own best
 * sentence answers if no item took it: a loose paraphrase in the clause the alignment pairs
 * (`对从事康复工作的人员进行技术培训` → `将…纳入社区医疗卫生人员培训内容`) is likelier the answer than a
 * sentence elsewhere that shares as few words. Either way, not a list item that names another thing
 * (`otherThing`): below the threshold nothing else says it answers the item. The aligned clause is
 * read with its list (lead-in and items, as jointInPair reads it), and a further local clause at
 * least as similar to the item's clause as the aligned one (and from CLOSE_PAIR) counts as aligned
 * too (withinPair): a local text often splits one article over two, and the order-aware path pairs
 * only one of them.
 */
function answerInPairs(matches: Map<Sentence, Match | null>, clausePairs: ReadonlyMap<Unit, ClausePair>, aligner: Aligner): void {
  // Who took each sentence (a sentence with no entry is unclaimed): the central clause with its list.
  const takers = new Map<Sentence, Set<string>>();
  // The items that took each sentence, to see whether the sentence holds a part of its own for a further item.
  const takerItems = new Map<Sentence, Sentence[]>();
  // A sentence an item found at the threshold but did not take (another actor, another thing) is
  // spoken for too: it is the counterpart of a requirement of that field, not a loose answer.
  const rejected = (m: Match | null) => (m?.best && (m.otherActor || m.otherThing) ? [m.best.sentence] : []);
  for (const [item, m] of matches) {
    for (const s of [...(m?.local ?? []), ...rejected(m)]) {
      takers.set(s, (takers.get(s) ?? new Set()).add(familyOf(item.unit)));
      takerItems.set(s, [...(takerItems.get(s) ?? []), item]);
    }
  }
  const takenBySiblings = (item: Sentence, s: Sentence): boolean => {
    const list = listOf(item.unit);
    return list !== null && [...takers.get(s)!].every((t) => t === list);
  };
  const free = (item: Sentence, s: Sentence): boolean => !takers.has(s) || takenBySiblings(item, s) || aligner.ownsPart(item, s, takerItems.get(s)!);
  for (const [item, m] of matches) {
    const best = m?.best;
    if (!m || m.local.length > 0 || !best || m.otherActor || m.otherThing || best.score < IN_PAIR || !free(item, best.sentence)) continue;
    const pair = clausePairs.get(item.unit);
    if (!pair) continue;
    if (withinPair(pair, best.sentence.unit, CLOSE_PAIR)) {
      if (!otherThing(item, [best.sentence])) matches.set(item, { ...m, local: [best.sentence], via: 'clause', loose: best.score < LOOSE });
    } else if (pair.score >= CLOSE_PAIR && m.inPair && m.inPair.score >= CLOSE_PAIR && free(item, m.inPair.sentence) && !otherThing(item, [m.inPair.sentence])) {
      matches.set(item, { ...m, local: [m.inPair.sentence], parts: m.inPair.parts, score: m.inPair.score, via: 'clause' });
    }
  }
}

/** `按照国家和本省有关规定划定`: the local text leaves the matter to rules written elsewhere. */
const LEFT_TO_RULES = /(?:按照|依照|根据)[^。；;，,]{0,20}?有关规定/;
/** The same closing its sentence with no more than a verb (`…按照国家和本省有关规定划定。`): the whole matter is left to them. */
const LEFT_WHOLE = new RegExp(CLOSES_ON_RULES.source, 'm');

/**
 * An item no sentence answers, in a central clause whose aligned local clause (clause cosine from
 * CLOSE_PAIR) holds an unclaimed sentence on the same matter that leaves it to rules written elsewhere
 * (`有堤防的河道、湖泊，其管理范围为两岸堤防之间的…` → `河道、水库的管理范围，由县级以上人民政府按照
 * 国家和本省有关规定划定`), is answered by that sentence, and weaker: what the central text spells out
 * the local one leaves to other rules, so the two share few words though they are about one thing.
 * The rules must close the sentence (LEFT_WHOLE): a sentence that spells out a duty and leaves only a
 * side matter to rules (`…必须按照许可证规定的限额…，并按照国家和省有关规定缴纳…管理费`) is no such answer.
 */
function answerByDeferral(matches: Map<Sentence, Match | null>, clausePairs: ReadonlyMap<Unit, ClausePair>, localSentences: readonly Sentence[]): void {
  const claimed = claimedOf(matches);
  for (const [item, m] of matches) {
    const pair = clausePairs.get(item.unit);
    if (!m || m.local.length > 0 || m.otherActor || !pair || pair.score < CLOSE_PAIR || LEFT_TO_RULES.test(item.text)) continue;
    const words = new Set(item.words);
    // On the same matter: a content word shared outside the words that defer.
    const deferring = localSentences.find((s) => s.unit === pair.local && !claimed.has(s) && LEFT_WHOLE.test(s.text)
      && contentWords(s.text.replace(LEFT_TO_RULES, '')).some((w) => words.has(w)));
    if (!deferring) continue;
    matches.set(item, { ...m, local: [deferring], via: 'clause' });
  }
}

/** A sentence that opens a list (`在下列场所周边…不得举行集会、游行、示威…：`). */
const LEAD_IN = /[：:]\s*$/;

/**
 * A list's lead-in no local sentence answers takes the local sentence that answers at least half of
 * its items: a local clause that names the members of a central list (`机场、火车站、重要码头…周边距离
 * 十米内…`) answers the list's lead-in too, though in words it shares little with it.
 */
function answerLeadIns(matches: Map<Sentence, Match | null>): void {
  const byList = new Map<string, Match[]>();
  for (const [item, m] of matches) {
    const list = listOf(item.unit);
    if (list !== null && m) byList.set(list, [...(byList.get(list) ?? []), m]);
  }
  for (const [item, m] of matches) {
    if (!m || m.local.length > 0 || listOf(item.unit) !== null || !LEAD_IN.test(item.text)) continue;
    const members = byList.get(familyOf(item.unit));
    if (!members || members.length < 2) continue;
    const votes = new Map<Sentence, number>();
    for (const x of members) for (const s of new Set(x.local)) votes.set(s, (votes.get(s) ?? 0) + 1);
    const top = [...votes].sort((a, b) => b[1] - a[1])[0];
    if (top && top[1] * 2 >= members.length) matches.set(item, { ...m, local: [top[0]], via: 'clause' });
  }
}

/**
 * The members of a central list no local sentence answers, under a lead-in answered by a local
 * sentence in the local article aligned with it (`教师享有下列权利：` ↔ `…应当保障教师依法享有的权利`):
 * the local article guarantees the list's subject as a whole and spells out none of its members, so
 * each is answered by that sentence, weaker. Not when the local article is a list of its own (a
 * lead-in, or items): a local list that leaves a member out does not answer it; nor when the
 * sentence answers a sibling member: it names the members it answers (`…机场、火车站…周边`), and
 * this one is not among them. Nor when the sentence is an exception (`法律规定不需申请的除外`): it carves
 * cases out of another duty and leaves the list to rules it does not name (answerListsByName reads the
 * named ones).
 */
function answersByLead(matches: ReadonlyMap<Sentence, Match | null>, clausePairs: ReadonlyMap<Unit, ClausePair>, localClauses: readonly Unit[]): Map<Sentence, RoleAnswer> {
  const lists = new Set(localClauses.map(listOf).filter((l) => l !== null));
  const answered = new Map<string, Sentence>();
  for (const [item, m] of matches) {
    const pair = clausePairs.get(item.unit);
    const s = m?.local.length === 1 ? m.local[0]! : undefined;
    if (!s || !pair || listOf(item.unit) !== null || !LEAD_IN.test(item.text) || LEAD_IN.test(s.text) || /除外/.test(s.text) || lists.has(familyOf(s.unit))) continue;
    if (withinPair(pair, s.unit, CLOSE_PAIR)) answered.set(familyOf(item.unit), s);
  }
  // The local sentences each central list's members already take, read once rather than per member.
  const takenInList = new Map<string, Set<Sentence>>();
  for (const [x, xm] of matches) {
    const list = listOf(x.unit);
    if (list !== null && xm) for (const l of xm.local) takenInList.set(list, (takenInList.get(list) ?? new Set()).add(l));
  }
  const out = new Map<Sentence, RoleAnswer>();
  for (const [item, m] of matches) {
    const list = listOf(item.unit);
    const s = list === null ? undefined : answered.get(list);
    if (!s || !m || m.local.length > 0 || m.otherActor || m.otherThing) continue;
    if (takenInList.get(list!)?.has(s)) continue;
    const path = s.unit.path;
    out.set(item, { sentence: s, verdict: 'weakened', code: `list member carried by the lead-in only: ${path}`, explanation: `地方${path}仅概括回应本项所属的列举，未列出本项` });
  }
  return out;
}

/** Below this share of a central penalty's breach (by term weight) in the local one, the two punish different acts. */
const SAME_BREACH = 0.4;

/** The paragraph of its clause a sentence lies in. */
function paragraphOf(s: Sentence): string {
  const from = s.unit.text.lastIndexOf('\n', s.start - s.unit.start - 1) + 1;
  const to = s.unit.text.indexOf('\n', s.end - s.unit.start);
  return s.unit.text.slice(from, to < 0 ? undefined : to);
}

/**
 * A central penalty answered only by local penalties for another breach (`临床用血的包装、储存、运输，不符合…
 * 标准的，…责令改正` → `医务人员…将不符合国家规定标准的血液用于患者的，…责令改正`) is not answered: both sanction,
 * but not the same act. The local breach is read with its list (`有下列情形之一的：（一）…`) and what it cites
 * (`违反本办法第十七条规定`); a central paragraph whose breach is only harm or grade (`构成犯罪的`) has nothing
 * to compare and keeps its answer.
 */
function dropOtherBreaches(matches: Map<Sentence, Match | null>, families: ReadonlyMap<Unit, string>, refs: References, aligner: Aligner): void {
  for (const [item, m] of matches) {
    if (!m || m.local.length === 0 || !isPenalty(item.text) || !m.local.every((s) => isPenalty(s.text))) continue;
    const breach = aligner.vectorOf(breachOf(paragraphOf(item)));
    if (breach.total === 0) continue;
    const local = [...new Set(m.local.map((s) => families.get(s.unit) ?? s.unit.text))].flatMap((t) => t.split('\n')).map(breachOf);
    const theirs = aligner.vectorOf([...local, ...m.local.map((s) => refs.of(s))].join('\n'));
    if (theirs.total > 0 && cover(breach, [theirs]) < SAME_BREACH) matches.set(item, { ...m, local: [], via: null });
  }
}

/** The local sentences some item took as its answer. */
function claimedOf(matches: ReadonlyMap<Sentence, Match | null>): Set<Sentence> {
  return new Set([...matches.values()].flatMap((m) => m?.local ?? []));
}

/**
 * The items of a central list no local sentence answers take the answer of the list's lead-in when
 * that answer names the central law (`《中华人民共和国集会游行示威法》规定不需申请的除外` for `下列活动
 * 不需申请：`): the local text carries the whole list over by reference instead of repeating it.
 */
function answerListsByName(matches: Map<Sentence, Match | null>, centralTitles: readonly string[]): void {
  const names = centralTitles.flatMap(namesOf).map((n) => `《${n}》`);
  const naming = (s: Sentence) => names.some((n) => s.text.includes(n));
  const leadIns = new Map<string, Sentence>();
  for (const [item, m] of matches) {
    if (!m || listOf(item.unit) !== null || !LEAD_IN.test(item.text)) continue;
    const carrier = m.local.find(naming);
    if (carrier) leadIns.set(familyOf(item.unit), carrier);
  }
  for (const [item, m] of matches) {
    const list = listOf(item.unit);
    const carrier = list === null ? undefined : leadIns.get(list);
    if (m && m.local.length === 0 && carrier) matches.set(item, { ...m, local: [carrier], via: 'clause' });
  }
}

/**
 * The blanket reference (see Roles.blanket) answering each item no local sentence answers: an item of
 * a list by its lead-in's party, as the lead-in carries the list (`…消费者有权…退货…，但下列商品除外：`
 * → `（一）消费者定作的`), and weaker, as it restates none of it.
 */
function blanketAnswers(matches: ReadonlyMap<Sentence, Match | null>, roles: Roles): Map<Sentence, RoleAnswer> {
  const leadIns = new Map<string, Sentence>();
  for (const item of matches.keys()) if (listOf(item.unit) === null && LEAD_IN.test(item.text)) leadIns.set(familyOf(item.unit), item);
  const out = new Map<Sentence, RoleAnswer>();
  for (const [item, m] of matches) {
    if (!m || m.local.length > 0) continue;
    const list = listOf(item.unit);
    const lead = list === null ? undefined : leadIns.get(list);
    const answer = roles.blanket(item) ?? (lead ? roles.blanket(item, lead) : null);
    if (answer) out.set(item, answer);
  }
  return out;
}

/**
 * The local sentences no item took, each given to the item it is closest to among those answered in
 * its clause (`claimed`: the sentences items took): what a local clause spells out beside the sentence that answers an item.
 */
function companionsOf(matches: ReadonlyMap<Sentence, Match | null>, claimed: ReadonlySet<Sentence>, localSentences: readonly Sentence[], aligner: Aligner): Map<Sentence, Sentence[]> {
  const answered = new Map<Unit, Sentence[]>();
  for (const [item, m] of matches) for (const s of m?.local ?? []) answered.set(s.unit, [...(answered.get(s.unit) ?? []), item]);
  const out = new Map<Sentence, Sentence[]>();
  for (const s of localSentences) {
    const items = answered.get(s.unit);
    if (!items || claimed.has(s)) continue;
    const scored = items.map((item) => ({ item, score: aligner.similarity(item, s) }));
    const closest = scored.reduce((a, b) => (b.score > a.score ? b : a)).item;
    out.set(closest, [...(out.get(closest) ?? []), s]);
  }
  return out;
}

/**
 * The local sentences that cite each local clause (`属于本办法第四条、第五条规定范围内的规划`), from
 * another clause: they extend what that clause requires (to another body, with a further step). A
 * sanction of the clause's breach (`违反本办法第十七条规定，…处一千元以上…罚款`) is not one: it enforces
 * the duty, and its fine asks nothing more of the duty itself (a penalty item is answered by it directly).
 */
function elaborationsOf(localSentences: readonly Sentence[], refs: References): Map<Unit, Sentence[]> {
  const out = new Map<Unit, Sentence[]>();
  for (const s of localSentences) {
    if (sanctionOfBreach(s.text)) continue;
    for (const u of refs.clauses(s)) if (u !== s.unit && u.docId === s.unit.docId) out.set(u, [...(out.get(u) ?? []), s]);
  }
  return out;
}

/**
 * Each local clause's text read with its list: a lead-in with its items, an item with its lead-in and
 * siblings. What a lead-in leaves to its items (`有下列情形之一的…：（二）…造成…严重失实…`) is part of its answer.
 */
function familiesOf(clauses: readonly Unit[]): Map<Unit, string> {
  const keys = clauses.map(familyOf);
  const members = new Map<string, string[]>();
  clauses.forEach((u, i) => {
    const texts = members.get(keys[i]!);
    if (texts) texts.push(u.text);
    else members.set(keys[i]!, [u.text]);
  });
  const text = new Map([...members].map(([key, texts]) => [key, texts.join('\n')]));
  return new Map(clauses.map((u, i) => [u, text.get(keys[i]!)!]));
}

/** Compares `local` with the central document(s), requirement sentence by requirement sentence. */
export function compare(local: CompareDoc, central: CompareDoc | readonly CompareDoc[], opts: CompareOptions = {}): CompareReport {
  const settings = validate(opts);
  const centrals = Array.isArray(central) ? central : [central as CompareDoc];
  if (centrals.length === 0) throw new RangeError('compare needs at least one central document');
  const centralClauses = centrals.flatMap(clausesOf);
  const localClauses = clausesOf(local);
  const clausePairs = alignClauses(centralClauses, localClauses);
  const refs = new References([...centrals, local].map((d) => ({ id: d.id, title: d.title, units: [...centralClauses, ...localClauses].filter((u) => u.docId === d.id) })));
  const centralSentences = withReferences(sentencesOf(centralClauses), refs);
  const items = settings.scope === 'all' ? centralSentences.filter((s) => s.words.length > 0) : centralSentences.filter(isItem);
  const localSentences = withReferences(sentencesOf(localClauses), refs);
  const aligner = new Aligner(items, localSentences, clausePairs, settings);
  const vec = (f: Finding) => aligner.vectorOf(f.sentence);
  const centralText = centrals.map((d) => d.text).join('\n');
  const roles = new Roles(localSentences, centrals.map((d) => d.title), refs, items);

  // A national duty's local-level twin stands in its own clause or the one before or after it (see withLocalLevel).
  const position = new Map(centralClauses.map((u, i) => [u, i]));
  const sentencesIn = new Map<Unit, Sentence[]>();
  for (const s of centralSentences) sentencesIn.set(s.unit, [...(sentencesIn.get(s.unit) ?? []), s]);
  const around = (u: Unit) => centralClauses.slice(Math.max(0, position.get(u)! - 1), position.get(u)! + 2).flatMap((c) => sentencesIn.get(c) ?? []);
  const exemptions = new Map(items.map((item) => [item, withLocalLevel(notApplicable(item.text), item, around(item.unit))]));
  const matches = new Map(items.map((item) => {
    const exempt = exemptions.get(item);
    return [item, exempt && !exempt.counterpart ? null : aligner.align(item)] as const;
  }));
  answerInPairs(matches, clausePairs, aligner);
  // A loose answer yields to a role or a blanket reference (see LOOSE); the flow below then finds them as for any unanswered item.
  const looseBlankets = blanketAnswers(new Map([...matches].map(([item, m]) => [item, m?.loose ? { ...m, local: [] } : m])), roles);
  for (const [item, m] of matches) if (m?.loose && (roles.answer(item) || looseBlankets.has(item))) matches.set(item, { ...m, local: [], via: null, loose: false });
  answerLeadIns(matches);
  answerListsByName(matches, centrals.map((d) => d.title));
  answerByDeferral(matches, clausePairs, localSentences);
  const families = familiesOf(localClauses);
  dropOtherBreaches(matches, families, refs, aligner);
  for (const [item, m] of matches) if (m && m.local.length > 0 && permitsAnotherAct(item, m.local)) matches.set(item, { ...m, local: [], via: null });
  const claimed = claimedOf(matches);
  // A loose answer found only by the whole-document search yields to a blanket reference that restates the item's general duty.
  for (const [item, m] of matches) {
    if (!m || m.via !== 'document' || m.score >= WEAK) continue;
    if (roles.blanket(item)?.verdict === 'covered') matches.set(item, { ...m, local: [], via: null });
  }
  const blankets = blanketAnswers(matches, roles);
  for (const [item, a] of answersByLead(matches, clausePairs, localClauses)) if (!blankets.has(item)) blankets.set(item, a);
  const companions = companionsOf(matches, claimed, localSentences, aligner);
  const elaborations = elaborationsOf(localSentences, refs);
  const used = new Set<Unit>();
  const elaborating = (answer: readonly Sentence[]) => [...new Set(answer.flatMap((s) => elaborations.get(s.unit) ?? []))].filter((s) => !answer.includes(s));
  // Sentences that lay a duty on townships or street offices: an item binding every level whose answer binds
  // only the county level and up still reaches the townships through those of them on its matter (see compareScope).
  const townships = localSentences.filter((s) => s.findings.length > 0 && namesTownship(s.text));
  const lowerRungs = (item: Sentence, answer: readonly Sentence[]) => (bindsLowest(item.text) ? townships.filter((s) => !answer.includes(s) && aligner.similarity(item, s) >= ON_MATTER) : []);
  // The answers that cite the item's own article by number (`按照《教师法》第三十九条的规定`): see judge.
  const citingOf = (item: Sentence, answer: readonly Sentence[]) => new Set(answer.filter((s) => NAMES_ARTICLE.test(s.text) && refs.clauses(s).includes(item.unit)));
  const results = items.map((item): CompareItem => {
    const pair = clausePairs.get(item.unit);
    const clause = { localClause: pair?.local.path ?? null, clauseScore: round(pair?.score ?? 0) };
    const exempt = exemptions.get(item)!;
    const exempted = (e: Exemption): CompareItem => (
      { central: ref(item), local: [], verdict: 'not_applicable', reasons: [e.code], explanation: [e.reason], score: 0, scoreParts: NO_SCORE, alignment: { ...clause, via: null } }
    );
    if (exempt && !exempt.counterpart) return exempted(exempt);
    const match = matches.get(item)!;
    if (exempt && match.score < COUNTERPART) return exempted(exempt);
    const base = { central: ref(item), score: round(match.score), scoreParts: roundParts(match.parts), alignment: { ...clause, via: match.via } };
    // A penalty is answered by a penalty: a local sentence that only restates the duty a sanction
    // enforces (`违反本法规定，未按照规划整治河道的，责令…，处…罚款` → `整治河道应当符合规划`) leaves the
    // sanction unanswered, and a deferral to the central law's penalties answers it instead.
    const unsanctioned = BREACH.test(item.text) && isPenalty(item.text) && !match.local.some((s) => isPenalty(s.text));
    const role = match.local.length === 0 || (match.via !== 'clause' && match.score < WEAK) || unsanctioned ? roles.answer(item) : null;
    for (const s of role ? [role.sentence] : match.local) used.add(s.unit);
    const byRole = (a: RoleAnswer): CompareItem => ({ ...base, local: [ref(a.sentence)], verdict: a.verdict, reasons: [a.code], explanation: [a.explanation] });
    if (role) return byRole(role);
    if (match.local.length === 0) {
      const blanket = blankets.get(item);
      if (!blanket) return { ...base, local: [], ...missing(match, settings.threshold) };
      used.add(blanket.sentence.unit);
      return byRole(blanket);
    }
    return { ...base, local: match.local.map(ref), ...judge(item, match.local, vec, centralText, families, companions.get(item), elaborating(match.local), claimed, lowerRungs(item, match.local), citingOf(item, match.local)) };
  });

  const additions: Addition[] = localClauses
    .filter((u) => !used.has(u) && (settings.scope === 'all' || u.findings.length > 0))
    .map((u) => ({ docId: u.docId, clausePath: u.path, text: u.text, start: u.start, end: u.end }));

  const counts = { covered: 0, strengthened: 0, weakened: 0, missing: 0, not_applicable: 0, additions: additions.length, review: 0 } satisfies CompareReport['counts'];
  for (const item of results) {
    counts[item.verdict] += 1;
    const review = reviewOf(item, settings.threshold);
    if (review) {
      item.review = review;
      counts.review += 1;
    }
  }
  const answerable = results.length - counts.not_applicable;
  const coverage = answerable ? round((answerable - counts.missing) / answerable) : 0;
  const docRef = (d: CompareDoc) => ({ id: d.id, title: d.title });
  const centralDoc = centrals.length === 1
    ? docRef(centrals[0]!)
    : { id: centrals.map((d) => d.id).join('+'), title: centrals.map((d) => d.title).join('；'), documents: centrals.map(docRef) };
  return { central: centralDoc, local: docRef(local), coverage, counts, items: results, additions, settings };
}
