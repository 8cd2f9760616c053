/**
 * The verdict on one central clause given the local clauses aligned to it: each central requirement
 * is paired with the most similar local one and their modality, frequency, deadline and counted
 * amounts compared; a concrete procedure replaced by a reference elsewhere counts as weakened.
 * @module
 */
import type { Finding, Frequency, Modality, Period } from '../analyze/types.js';
import { findMarkers, MARKERS, stronger } from '../analyze/markers.js';
import { findQuantities, parseCount, parseNumber, RELATIVE_DEADLINE, RELATIVE_DEADLINES } from '../analyze/numbers.js';
import { charGrams, cosine, lettersOf, type TermVector } from './lexical.js';
import type { Verdict } from './types.js';
import type { Sentence } from './sentences.js';
import { familyOf, type Unit } from './units.js';
import { boundsFine, compareDetail } from './detail.js';
import { compareDuties, found } from './duties.js';
import { compareSchedule } from './schedule.js';
import { NAMES_ARTICLE } from './refs.js';
import { BLANKET, isPenalty, sanctionOfBreach } from './roles.js';
import { explain, type Effect } from './explain.js';
import { formatFrequency } from './wording.js';
import { segmenter } from '../segment/index.js';

/** Sentence vectors, made once per finding by the aligner's vocabulary. */
export type SentenceVector = (f: Finding) => TermVector;

/** Below this a local requirement is not taken as the counterpart of a central one. */
const MIN_PAIR = 0.2;
/** What the same force adds to the closeness of two requirements (see similarity). */
const SAME_FORCE = 0.1;
/** A local requirement already paired answers another central one only this close. */
const MIN_SHARED = 0.5;

const MODAL_WORDS = new Set(MARKERS.map((m) => m.word));
/** Modalities that leave no choice: a duty and a prohibition. */
const BINDING = new Set<Modality | null>(['mandatory', 'prohibited']);
/**
 * A duty with no negation in its sentence (`…签署同意书后，方能报批`) can restate a prohibition (`未取得
 * 同意书的，不得开工`) the other way round; a negation analyze did not read as a prohibition
 * (`不宜`, `不干预`) is a softened one.
 */
const NEGATION = /[不未无非禁]/;

/** Times per year of each period; a term (届) is five years; per-event counts have no yearly rate. */
const PER_YEAR: Record<Period, number | null> = { year: 1, half_year: 2, quarter: 4, month: 12, term: 0.2, event: null };

/**
 * `按照有关规定执行`, `参照…执行`, `另行制定`: the text points elsewhere instead of saying what to do; so does
 * `依照本市有关规定，享受相应的免费待遇`, where what is given is whatever those rules make `相应`.
 */
const REFERENCE = /(?:按照|依照|按)[^。；;，,]{0,20}?规定(?:执行|办理)|按有关规定|参照[^。；;]{1,30}?(?:执行|办理)|另行(?:制定|规定)|(?:按照|依照|根据)[^。；;，,]{0,20}?有关规定[，,]?[^。；;，,]{0,6}?相应/;

/** A sentence that closes on rules and a bare verb (`…由县级以上人民政府按照国家和本省有关规定划定。`): each line's. */
export const CLOSES_ON_RULES = /(?:按照|依照|根据)[^。；;，,\n]{0,20}?有关规定[^。；;，,\n]{0,2}(?=[。；;]?$)/gm;

/**
 * A local sentence that leaves its matter to rules written elsewhere, closing on them and a bare verb,
 * unless an earlier part of it already binds the act (`应当每年组织健康检查，检查费用按照…有关规定减免`):
 * then the rules govern only a side matter.
 */
function leftToRules(text: string): RegExpMatchArray | null {
  for (const m of text.matchAll(CLOSES_ON_RULES)) {
    const before = text.slice(0, m.index);
    const sentence = before.slice(Math.max(before.lastIndexOf('\n'), before.lastIndexOf('。'), before.lastIndexOf('；')) + 1);
    const earlier = sentence.slice(0, Math.max(sentence.lastIndexOf('，'), sentence.lastIndexOf(',')) + 1);
    if (!findMarkers(earlier).some((h) => BINDING.has(h.modality))) return m;
  }
  return null;
}

/**
 * A local answer whose demand is only conformity with the law (`应当依法履行保护…的义务`, `…应当符合法律、法规规定`):
 * it says nothing of what the law asks, where the central sentence spells the duty out.
 */
const CONFORMS = /依法履行[^。；，,]{0,20}?义务|符合(?:有关)?法律、(?:行政)?法规(?:的)?规定(?=[。；;]?$)/m;

/**
 * How a local answer points elsewhere instead of saying what to do, tried in order (the first found
 * counts): `find` reads it in the local text, `central` whether the central sentence points elsewhere
 * in the same way, when the reference answers it in kind.
 */
const REFERENCE_CUES: ReadonlyArray<{ find: (local: string) => RegExpMatchArray | null; central: RegExp }> = [
  { find: (t) => REFERENCE.exec(t), central: REFERENCE },
  { find: leftToRules, central: REFERENCE },
  { find: (t) => CONFORMS.exec(t), central: CONFORMS },
  // A blanket reference to a law answers in kind a central sentence that refers to the whole law (`应当遵守本法`).
  { find: (t) => BLANKET.exec(t), central: /本法/ },
];

/** The first reference cue the local text holds, with the central sentence's own pattern of that kind. */
function referenceIn(localText: string): { found: RegExpMatchArray; central: RegExp } | null {
  for (const cue of REFERENCE_CUES) {
    const found = cue.find(localText);
    if (found) return { found, central: cue.central };
  }
  return null;
}

/** `按照规定请假`: the duty's manner left to rules written elsewhere; a local text that spells it out asks more. */
const VAGUE = /(?:按照|依照)(?:有关)?规定(?!的)/;

/** The central sentence itself defers to other rules (`适用《渔业法》等有关法律的规定`): a local reference answers it in kind. */
const DEFERS = /(?:适用|依照|按照|参照)[^。；]{0,30}(?:规定|》)|具体(?:办法|管理办法|实施办法)由/;

const DAYS: Record<string, number> = { 工作日: 7 / 5, 日: 1, 天: 1, 月: 30, 小时: 1 / 24, 分钟: 1 / 1440 };

export interface Judgement {
  verdict: Exclude<Verdict, 'missing'>;
  /** Machine codes (`modality 应当 → 可以`). */
  reasons: string[];
  /** The same in plain Chinese. */
  explanation: string[];
}

interface Difference {
  effect: Effect;
  reason: string;
}

/** `必须`, or `召开 (mandatory)` when the marker is a commitment rather than a modal word. */
function markerOf(f: Finding): string {
  const word = f.marker ?? '';
  if (!word) return f.modality ?? 'none';
  return MODAL_WORDS.has(word) || word.startsWith('根据') ? word : `${word} (${f.modality})`;
}

/** `应当鼓励`, `应当支持`: a duty whose content is to encourage asks no more than an encouragement. */
const ENCOURAGE = /^(?:鼓励|支持|扶持|引导|倡导|提倡)/;

/** `可供利用`, `可供选择`: `可` that qualifies a thing, no permission (every `可` of the sentence read so). */
const ONLY_KE_GONG = (sentence: string): boolean => /可/.test(sentence) && !/可(?!供)/.test(sentence);

function modalityOf(f: Finding): Modality | null {
  if (f.marker === '可' && ONLY_KE_GONG(f.sentence)) return null;
  if (f.modality === 'mandatory' && f.marker && ENCOURAGE.test(f.sentence.slice(f.sentence.indexOf(f.marker) + f.marker.length).trimStart())) return 'hortatory';
  return f.modality;
}

/**
 * The local sentence gives the central act to a body it names with `由` (`…主管部门应当向人民政府报告，由人民政府
 * 责成…`) outside what its modal word governs: its 应当 binds another step, and says nothing of the force of
 * the central act (`审批部门也可以责成…`).
 */
function actGivenElsewhere(c: Finding, l: Finding): boolean {
  const act = c.action;
  if (!act || act.length < 2 || !/^\p{Script=Han}+$/u.test(act)) return false;
  return new RegExp(`由[^，。；]{1,20}?${act}`).test(l.sentence) && !`${l.action ?? ''}${l.object ?? ''}`.includes(act);
}

/**
 * A party's right to ask something of another (`消费者可以…要求经营者履行更换、修理等义务`) answered by that other party's duty
 * to do it when asked (`经营者对消费者提出的修理、更换…的要求，应当…履行义务`): the two sides of one relation, the same
 * requirement. The permission's holder is named in the duty, and the duty's bearer in what the permission grants.
 */
function correlative(c: Finding, l: Finding): boolean {
  if (c.modality !== 'discretionary' || l.modality !== 'mandatory' || !c.actor || !l.actor || !c.marker) return false;
  if (c.actor.includes(l.actor) || l.actor.includes(c.actor)) return false;
  return c.sentence.slice(c.sentence.indexOf(c.marker)).includes(l.actor) && l.sentence.includes(c.actor);
}

function compareModality(c: Finding, l: Finding): Difference | null {
  // A sanction's 有权/可以 is the power to impose it; a duty elsewhere is another kind of demand.
  if ((c.kind === 'penalty') !== (l.kind === 'penalty')) return null;
  if (!c.modality || !l.modality || !modalityOf(c) || !modalityOf(l) || modalityOf(c) === modalityOf(l)) return null;
  if (actGivenElsewhere(c, l) || correlative(c, l)) return null;
  const reason = `modality ${markerOf(c)} → ${markerOf(l)}`;
  // A prohibition restated as a binding condition (`不得开工` → `签署同意书后方能报批`) binds as
  // much; turned into anything softer, or softer turned into one, it is a different demand.
  if (BINDING.has(c.modality) && BINDING.has(l.modality) && !NEGATION.test(c.modality === 'prohibited' ? l.sentence : c.sentence)) return null;
  // Advice turned into a prohibition (`提倡不…` → `禁止…`) binds where nothing bound before.
  if (l.modality === 'prohibited' && modalityOf(c) === 'hortatory') return { effect: 'stronger', reason };
  if (c.modality === 'prohibited' || l.modality === 'prohibited') return { effect: 'weaker', reason };
  return { effect: stronger(c.modality, l.modality) ? 'weaker' : 'stronger', reason };
}

/** A public body as the bearer of a duty. */
const PUBLIC_BODY = /政府|部门|机关|机构/;
/** A level of the state or an organ of it named as the bearer (`省、自治区、直辖市`, `国家`, `人民代表大会`, `各级党委`). */
const STATE = /国家|省|自治区|直辖市|市|县|乡|镇|各级|党|委员会|人民代表大会|法院|检察院|军/;
/** Everyone or private parties as the bearer (`任何单位和个人`, `公民`). */
const ANYONE = /^(?:任何|一切)?(?:单位|组织)?(?:和|或者|、)?(?:个人|公民)$/;

/**
 * A duty of a public body turned into one of anyone who comes across the case (`当地人民政府应当采取应急
 * 救助措施` → `任何单位和个人发现…应当采取紧急救护措施`): the authority's own duty is gone. Likewise a private party's
 * duty (`所有权人或者使用权人`, `经营者`) that the local answer lays on another party, naming the first nowhere.
 */
function compareBearer(c: Finding, l: Finding): Difference | null {
  const bearer = c.actor;
  if (!bearer || !l.actor) return null;
  const toAnyone = PUBLIC_BODY.test(bearer) && ANYONE.test(l.actor);
  const replaced = () => !PUBLIC_BODY.test(bearer) && !STATE.test(bearer) && !ANYONE.test(bearer) && charGrams(lettersOf(bearer), 2).size >= 2
    && found(bearer, charGrams(lettersOf(`${l.actor}\n${l.sentence}`), 2)) === 0;
  return toAnyone || replaced() ? { effect: 'weaker', reason: `bearer ${c.actor} → ${l.actor}` } : null;
}

/** Lower bound per year (per event when both count per event); null when not comparable. */
function rates(c: Frequency, l: Frequency): [number, number] | null {
  const least = (f: Frequency) => f.min ?? f.max ?? 1;
  if (c.per === l.per) return [least(c), least(l)];
  const fc = PER_YEAR[c.per];
  const fl = PER_YEAR[l.per];
  return fc === null || fl === null ? null : [least(c) * fc, least(l) * fl];
}

/** Is this written amount the count of the finding's frequency (`每年遴选十件`)? */
function isFrequencyCount(f: Finding, value: number): boolean {
  return f.frequency !== null && (f.frequency.min === value || f.frequency.max === value);
}

/** The classifier the frequency counts in, as the sentence writes it (`次`, `件`). */
function countUnit(f: Finding): string {
  return findQuantities(f.sentence).find((q) => q.value !== null && isFrequencyCount(f, q.value))?.unit ?? '次';
}

/** A schedule of several years (`每两年`, `每五年`): analyze reads no period for it. Group 1 the years. */
const EVERY_YEARS = /每([两二三四五六七八九十]|\d+)年/;

/** Times a year a sentence asks an act (`每两年组织一次` → 0.5), when either side writes a schedule of several years. */
function timesAYear(f: Finding): { rate: number; written: string } | null {
  const m = EVERY_YEARS.exec(f.sentence);
  const years = m ? parseNumber(m[1]!) : null;
  if (m && years) return { rate: (parseCount(f.sentence.slice(m.index))?.min ?? 1) / years, written: m[0] };
  const per = f.frequency ? PER_YEAR[f.frequency.per] : null;
  return f.frequency && per !== null ? { rate: (f.frequency.min ?? f.frequency.max ?? 1) * per, written: formatFrequency(f.frequency, countUnit(f)) } : null;
}

/**
 * A schedule of several years on either side (`每年组织一次` → `每两年组织一次`): fewer times a year asks less, more asks more.
 */
function compareYears(c: Finding, l: Finding): Difference | null {
  if (!EVERY_YEARS.test(c.sentence) && !EVERY_YEARS.test(l.sentence)) return null;
  const a = timesAYear(c);
  const b = timesAYear(l);
  if (!a || !b || a.rate === b.rate) return null;
  return { effect: b.rate < a.rate ? 'weaker' : 'stronger', reason: `frequency ${a.written} → ${b.written}` };
}

function compareFrequency(c: Finding, l: Finding): Difference | null {
  if (EVERY_YEARS.test(c.sentence) || EVERY_YEARS.test(l.sentence)) return compareYears(c, l);
  if (!c.frequency) return null;
  if (!l.frequency) {
    // A count with a period analyze does not read (`全年不少于两次`) is no evidence the frequency was dropped.
    if (parseCount(l.sentence)) return null;
    return { effect: 'weaker', reason: `frequency ${formatFrequency(c.frequency, countUnit(c))} → not stated` };
  }
  const r = rates(c.frequency, l.frequency);
  if (!r || r[0] === r[1]) return null;
  const reason = `frequency ${formatFrequency(c.frequency, countUnit(c))} → ${formatFrequency(l.frequency, countUnit(l))}`;
  return { effect: r[1] < r[0] ? 'weaker' : 'stronger', reason };
}

/** Days of a relative time limit (`十五个工作日内` → 21), null for dates and other limits. */
function deadlineDays(deadline: string | null): number | null {
  const m = deadline ? RELATIVE_DEADLINE.exec(deadline) : null;
  const n = m ? parseNumber(m[1] ?? '') : null;
  return m && n !== null ? n * (DAYS[m[2] ?? ''] ?? 1) : null;
}

/** The finding's time limit, or one written in its sentence that analyze did not take (`两个月内`). */
function deadlineOf(f: Finding): string | null {
  return f.deadline ?? RELATIVE_DEADLINE.exec(f.sentence)?.[0] ?? null;
}

function compareDeadline(c: Finding, l: Finding): Difference | null {
  const wc = deadlineOf(c);
  const dc = deadlineDays(wc);
  if (dc === null) return null;
  const wl = deadlineOf(l);
  if (!wl) return { effect: 'weaker', reason: `deadline ${wc} → not stated` };
  const dl = deadlineDays(wl);
  if (dl === null || dl === dc) return null;
  return { effect: dl > dc ? 'weaker' : 'stronger', reason: `deadline ${wc} → ${wl}` };
}

/** `第` before a number: an ordinal (`第四十三条`, `第二款`), not an amount. */
const ORDINAL = /第\s*$/;

/** `不超过 3 名`: a ceiling, where a larger number asks less. */
const CEILING = /(?:不超过|不多于|至多|最多)\s*$/;

/**
 * Counted amounts of a requirement (`十名委员` → 10 名); counts of a frequency are compared as frequency,
 * of a time limit as deadline, the bounds of a fine bound by bound (see compareDetail).
 */
function amounts(f: Finding): Array<{ value: number; unit: string; written: string; ceiling: boolean }> {
  // The number of a time limit (`两个月内`) is compared as a deadline, where more is less.
  const deadlines = [...f.sentence.matchAll(RELATIVE_DEADLINES)].map((m) => [m.index, m.index + m[0].length]);
  return findQuantities(f.sentence)
    .filter((q) => !deadlines.some(([from, to]) => q.start < to! && q.end > from!))
    // `第四十三条`, `第二款`: an ordinal names a provision, it counts nothing.
    .filter((q) => !ORDINAL.test(f.sentence.slice(0, q.start)))
    .filter((q) => q.value !== null && q.unit !== '次' && !isFrequencyCount(f, q.value) && !boundsFine(f.sentence, q.end))
    .map((q) => ({ value: q.value!, unit: q.unit, written: f.sentence.slice(q.start, q.end), ceiling: CEILING.test(f.sentence.slice(0, q.start)) }));
}

/** Amounts are paired by unit, and only where each side counts in that unit once (no guessing among `四个…三个…`). */
export function compareQuantity(c: Finding, l: Finding): Difference | null {
  const ours = amounts(c);
  const theirs = amounts(l);
  for (const q of ours) {
    if (l.sentence.includes(q.written) || ours.filter((o) => o.unit === q.unit).length > 1) continue;
    const same = theirs.filter((t) => t.unit === q.unit);
    const other = same.length === 1 ? same[0]! : undefined;
    if (!other || other.value === q.value) continue;
    const less = other.value < q.value !== q.ceiling;
    return { effect: less ? 'weaker' : 'stronger', reason: `quantity ${q.written} → ${other.written}` };
  }
  return null;
}

/**
 * How close a local requirement is to a central one. The same force counts a little: of two local
 * requirements about as close (`可以…申请复议，人民政府应当…作出决定`), the permission answers the
 * permission, not the other sentence's duty.
 */
function similarity(c: Finding, l: Finding, vec: SentenceVector): number {
  return cosine(vec(c), vec(l)) + (c.kind === l.kind ? 0.15 : 0) + (c.modality === l.modality ? SAME_FORCE : 0)
    + (c.frequency && l.frequency && c.frequency.per === l.frequency.per ? 0.1 : 0);
}

/**
 * Each central requirement's local counterpart: the most similar local requirement not yet taken
 * (most similar pairs first); one local sentence answers two central demands only when it is
 * close to both, so a demand dropped beside a kept one is not taken as answered.
 */
function counterparts(central: readonly Finding[], locals: readonly Finding[], vec: SentenceVector): Map<Finding, Finding> {
  const pairs = central.flatMap((c) => locals.map((l) => ({ c, l, sim: similarity(c, l, vec) })))
    .filter((p) => p.sim >= MIN_PAIR)
    .sort((a, b) => b.sim - a.sim);
  const out = new Map<Finding, Finding>();
  const taken = new Set<Finding>();
  for (const p of pairs) {
    if (out.has(p.c) || (taken.has(p.l) && p.sim < MIN_SHARED)) continue;
    out.set(p.c, p.l);
    taken.add(p.l);
  }
  return out;
}

/**
 * A central statement with no modal word (`国家实行…制度`, `…由…负责`) whose local answer only permits the
 * act (`…可以…`): what was stated as done is left to choice. The judge counts it only where nothing
 * more specific is found: an answer that spells the act out asks more.
 */
function compareStatement(central: Sentence, locals: readonly Sentence[]): Difference | null {
  const found = locals.flatMap((s) => s.findings);
  if (central.findings.length > 0 || found.length === 0 || !found.every((f) => modalityOf(f) === 'discretionary')) return null;
  // A right stated (`…享有表决权`, an item of `成员享有下列权利：`) is a permission already: `可以享有…表决权` asks no less.
  const grantsRight = (f: Finding) => !!f.marker && /^(?:依法)?(?:享有|行使)/.test(f.sentence.slice(f.sentence.indexOf(f.marker) + f.marker.length));
  if (GRANTS.test(central.text) && found.some(grantsRight)) return null;
  return { effect: 'weaker', reason: `modality none → ${markerOf(found[0]!)}` };
}

/** A statement that grants a right (`享有…权`, `有权`). */
const GRANTS = /享有[^。；]*?权|有权/;

/** The verbs of a text, by jieba's part-of-speech tags (`…由…常务委员会组织` → `组织`). */
const verbsOf = (text: string): string[] => segmenter().tag(text, true).filter((t) => t.tag === 'v' && t.word.length >= 2).map((t) => t.word);

/**
 * A central statement with no modal word answered only by local permissions of another act (`代表…依照法律
 * 规定选举产生` → `代表有权依照法律规定的程序提出…人选`): each permission's act, the first verb after its
 * modal word, is none of the statement's verbs. The two share the party and its setting, not what is
 * stated, so the statement is not answered (where the act is the same, `可以由…组织` for `由…组织`,
 * compareStatement weakens it).
 */
export function permitsAnotherAct(central: Sentence, locals: readonly Sentence[]): boolean {
  const found = locals.flatMap((s) => s.findings);
  if (central.findings.length > 0 || found.length === 0 || !found.every((f) => modalityOf(f) === 'discretionary')) return false;
  const stated = new Set(verbsOf(central.text));
  return found.every((f) => {
    const at = f.marker ? f.sentence.indexOf(f.marker) : -1;
    const act = at < 0 ? undefined : verbsOf(f.sentence.slice(at + f.marker!.length))[0];
    return act !== undefined && !stated.has(act);
  });
}

/**
 * The lead-in of the list a local clause is an item of (`行政机关及其工作人员有下列行为之一的，…依法给予行政处分…：`),
 * the first line of its family (see familiesOf); '' for a clause that is no list item.
 */
function leadInOf(unit: Unit, families: ReadonlyMap<Unit, string>): string {
  return isListItem(unit) ? families.get(unit)?.split('\n')[0] ?? '' : '';
}

/** A list item's family is its lead-in's path, not its own (see familyOf). */
const isListItem = (unit: Unit): boolean => !familyOf(unit).endsWith(unit.path);

/**
 * A central duty or prohibition whose only local answer is a sanction of its breach (`医疗机构应当核查…，不得将
 * 不合格的血液用于临床` → `医务人员违反本办法规定，将不合格的血液用于患者的，由…责令改正`): the local text punishes
 * one breach but no longer lays the duty itself, which asks less.
 */
function sanctionedOnly(central: Sentence, locals: readonly Sentence[], families: ReadonlyMap<Unit, string>): Difference | null {
  if (isPenalty(central.text) || !central.findings.some((f) => BINDING.has(f.modality) && f.kind !== 'penalty')) return null;
  // A list item restated in a list of punished acts (`不得有下列行为：（一）侵占…` → `有下列行为之一…的，应当依法承担赔偿责任：
  // （一）侵占…的`) is the same list carried over; a duty of its own answered by one item of such a list is sanctioned only.
  const listed = isListItem(central.unit);
  if (!locals.every((s) => sanctionOfBreach(s.text) || (!listed && sanctionOfBreach(leadInOf(s.unit, families))))) return null;
  return { effect: 'weaker', reason: 'duty → sanction only' };
}

/** The members of a list item's acts, joined by `、`, commas or `或者`/`和`/`及`. */
const MEMBER = /[、，,；;]|或者|以及|和|及/;

/** A list item is carried over whole when the local one holds this share of its character pairs. */
const KEPT_WHOLE = 0.9;

/**
 * A list item the local text carries over whole (KEPT_WHOLE of its character pairs) with one more act joined in
 * (`…将本社资金借贷给他人或者以本社资产为他人提供担保` → `…借贷给他人、对外投资或者以本社资产…`): one more act prohibited.
 */
function actJoined(central: string, locals: readonly Sentence[]): string | null {
  const grams = charGrams(lettersOf(central), 2);
  for (const s of locals) {
    if (found(central, charGrams(lettersOf(s.text), 2)) < KEPT_WHOLE) continue;
    const added = s.text.replace(/^[（(][一二三四五六七八九十\d]+[）)]/, '').split(MEMBER).map((m) => m.replace(/的?[；;。]?$/, '').trim())
      .find((m) => lettersOf(m).length >= 2 && found(m, grams) < 0.2);
    if (added) return added;
  }
  return null;
}

/**
 * Compares a central requirement sentence with the local sentences that answer it; `families` holds
 * each local clause's text read with its list (see familiesOf), `companions` are further sentences
 * of the answering clause that go with it (see compareDetail), `elaborations` local sentences
 * elsewhere that cite the answering clause (see elaborationsOf), `claimed` the local sentences that
 * answer some item, `lowerRungs` local sentences on the item's matter that bind townships (see compareScope),
 * `citing` the local sentences that cite the central sentence's article by number.
 */
export function judge(
  central: Sentence, locals: readonly Sentence[], vec: SentenceVector, centralDocument: string,
  families: ReadonlyMap<Unit, string>, companions: readonly Sentence[] = [], elaborations: readonly Sentence[] = [],
  claimed: ReadonlySet<Sentence> = new Set(), lowerRungs: readonly Sentence[] = [], citing: ReadonlySet<Sentence> = new Set(),
): Judgement {
  const differences: Difference[] = [];
  const localText = locals.map((s) => s.text).join('\n');
  const reference = referenceIn(localText);
  // A reference to a named article (`按照《防洪法》第十九条规定执行`) carries that article's procedure over whole.
  if (reference && !NAMES_ARTICLE.test(reference.found[0]) && !reference.central.test(central.text) && !DEFERS.test(central.text)) {
    differences.push({ effect: 'weaker', reason: `procedure → reference ${reference.found[0]}` });
  }
  const vague = VAGUE.exec(central.text);
  if (vague && !VAGUE.test(localText) && !reference) {
    differences.push({ effect: 'stronger', reason: `reference → procedure ${vague[0]}` });
  }
  // A permission is conditional already: `必要时` added to `可以` leaves it a permission.
  const permission = central.findings.length > 0 && central.findings.every((f) => f.modality === 'discretionary');
  const clauses = [...new Set([...locals, ...companions].map((s) => families.get(s.unit) ?? s.unit.text))].join('\n');
  const reach = [clauses, ...lowerRungs.map((s) => s.text)].join('\n');
  differences.push(...compareDetail(central.text, localText, centralDocument, companions.map((s) => s.text).join('\n'), clauses, reach).filter((d) => !(permission && d.reason.startsWith('qualifier'))));
  // A sentence citing the answer extends it (`县级人民政府组织编制的属于本办法第四条…的规划，应当…`): what it adds asks more.
  if (elaborations.length > 0) {
    differences.push(...compareDetail(central.text, elaborations.map((s) => s.text).join('\n'), centralDocument).filter((d) => d.effect === 'stronger'));
  }
  const sanctioned = sanctionedOnly(central, locals, families);
  if (sanctioned) differences.push(sanctioned);
  const duty = compareDuties(central.text, locals.map((s) => s.text), clauses, centralDocument);
  if (duty) differences.push(duty);
  const schedule = compareSchedule(central.text, locals, centralDocument, claimed);
  if (schedule) differences.push(schedule);
  const paired = counterparts(central.findings, locals.flatMap((s) => s.findings), vec);
  // A local requirement that follows the central article by number (`按照《教师法》第三十九条的规定，接受教师申诉`,
  // `…应当具备的条件，按照《教师法》第十条…的规定执行`) takes that article's force, time limit and amounts with it:
  // what it leaves unsaid is not dropped, and its own modal word governs the reference, not the article's act.
  const following = new Set(locals.filter((s) => citing.has(s)).flatMap((s) => s.findings));
  // A prohibited act of a central list carried over as an item of a local list of acts that incur a sanction (`不得有下列行为：
  // （二）…借贷给他人` → `有下列行为之一…的，应当依法承担赔偿责任：（二）…借贷给他人…的`): the lead-in's words are
  // the two lists' frames, not the force of the act, so the force is not compared.
  const carried = isListItem(central.unit) && central.findings.some((f) => f.modality === 'prohibited')
    && locals.every((s) => isListItem(s.unit) && sanctionOfBreach(leadInOf(s.unit, families)));
  const more = carried ? actJoined(central.text, locals) : null;
  if (more) differences.push({ effect: 'stronger', reason: `act added ${more}` });
  for (const c of central.findings) {
    const l = paired.get(c);
    if (!l) continue;
    for (const d of [carried ? null : compareModality(c, l), compareFrequency(c, l), compareDeadline(c, l), compareQuantity(c, l), compareBearer(c, l)]) {
      if (d && !following.has(l)) differences.push(d);
    }
  }
  const soft = differences.length === 0 ? compareStatement(central, locals) : null;
  if (soft) differences.push(soft);
  const unique = differences.filter((d, i) => differences.findIndex((x) => x.reason === d.reason) === i);
  // Stronger in one element and weaker in another: the core demand is answered, in a different shape.
  const weaker = unique.some((d) => d.effect === 'weaker');
  const stronger = unique.some((d) => d.effect === 'stronger');
  const verdict = weaker && stronger ? 'covered' : weaker ? 'weakened' : stronger ? 'strengthened' : 'covered';
  return { verdict, reasons: unique.map((d) => d.reason), explanation: unique.map((d) => explain(d.reason, d.effect)) };
}
