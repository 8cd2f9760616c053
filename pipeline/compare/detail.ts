/**
 * Differences of detail between a central sentence and the local text that answers it, beyond
 * modality: who is bound (`设区的市级以上` → `县级以上` binds more governments), a qualifier that
 * makes a duty conditional (`根据需要`, `必要时`) added or dropped, and a time limit or count the
 * central text leaves open but the local one sets (`三个月内反馈`, `十人以上联名`), or a form or step
 * it adds (`书面请假`, `报上一级备案`): that asks more.
 * @module
 */
import { findMarkers } from '../analyze/markers.js';
import { findQuantities, parseNumber, RELATIVE_DEADLINES } from '../analyze/numbers.js';
import { parseFine } from '../analyze/penalties.js';
import { cut } from '../segment/index.js';
import { charGrams, lettersOf } from './lexical.js';
import { NAMES_ARTICLE } from './refs.js';
import { contentWords } from './units.js';

export interface Detail {
  effect: 'weaker' | 'stronger';
  reason: string;
}

/**
 * Levels of government, top first. `X以上` binds level X and every level above it, so a lower X
 * binds more; `各级` binds all; `县级人民政府` binds the county level itself. The township is the lowest
 * level, so `乡级以上` binds all as `各级` does, and a local duty laid on townships or street offices
 * (`县级以上人民政府和乡镇人民政府、街道办事处`) reaches every level.
 */
const LEVELS: ReadonlyArray<[RegExp, number]> = [
  // `县级以上地方各级`: the 各级 of a level and those above it, not of all.
  [/(?<!以上的?(?:地方)?)各级|乡(?:、民族乡、镇)?级?以上|乡镇以上|乡(?:、民族乡、)?镇人民政府|乡镇人民政府|乡级人民政府|街道办事处/g, 0],
  [/县级以上|县以上|县级(?=人民政府)/g, 2],
  [/设区的市级?以上|市级以上|地级以上/g, 3],
  [/省级以上|省以上/g, 4],
];

/**
 * A level that qualifies a congress or its deputies (`县级以上的地方各级人民代表大会代表`) says whose rights a
 * local text restates, for the congresses it governs, not how widely a duty reaches.
 */
const CONGRESS = /^的?(?:地方)?(?:各级)?人民代表大会/;

/** The lowest level a sentence's scope reaches, with the words that set it; null when it names none. */
function scopeOf(text: string): { level: number; words: string } | null {
  let out: { level: number; words: string } | null = null;
  for (const [re, level] of LEVELS) {
    const m = [...text.matchAll(re)].find((x) => !CONGRESS.test(text.slice(x.index + x[0].length)));
    if (m && (!out || level < out.level)) out = { level, words: m[0] };
  }
  return out;
}

/**
 * Who is bound, compared level by level. A narrower answer (`各级` → `县级以上`) binds fewer only when the
 * levels it leaves out are bound nowhere in `reach` (the answer's clauses, and local sentences on the same
 * matter that bind those levels: `本办法由各级人民政府组织实施`, `街道办事处和乡（镇）人民政府应当…动员、组织…献血`):
 * a local text often lays the duty's lower rungs in a sentence of their own.
 */
/** Whether a text binds every level of government (`各级`, `乡镇以上`) or the lowest one (townships, street offices). */
export function bindsLowest(text: string): boolean {
  return scopeOf(text)?.level === 0;
}

/** A township government or street office (`街道办事处和乡（镇）人民政府`): the lowest rung named as a bearer. */
const TOWNSHIP = /乡(?:（镇）|\(镇\)|、民族乡、镇|镇)?人民政府|街道办事处/;

/** Whether a text names a township government or street office. */
export const namesTownship = (text: string): boolean => TOWNSHIP.test(text);

/**
 * Counties as a local text names its own (`市、县（市、区）人民政府`, `区、县人民政府`): the county level, read only where the
 * central sentence binds higher levels alone (`设区的市级以上` → `市、县（市、区）`: the duty reaches one level lower). Where
 * the central sentence binds every level, a local text naming its counties mostly lays the same duty in its own words.
 */
const OWN_COUNTIES = /县（(?:市、)?区(?:、市)?）|县\((?:市、)?区\)|县（市）|区、县|区县/;

function compareScope(central: string, local: string, reach: string): Detail | null {
  const c = scopeOf(central);
  const counties = OWN_COUNTIES.exec(local);
  const l = scopeOf(local) ?? (c && c.level > 2 && counties ? { level: 2, words: counties[0] } : null);
  if (!c || !l || c.level === l.level) return null;
  if (l.level > c.level && (scopeOf(reach)?.level ?? l.level) <= c.level) return null;
  return { effect: l.level < c.level ? 'stronger' : 'weaker', reason: `scope ${c.words} → ${l.words}` };
}

/**
 * Words that make a duty conditional on someone's judgement: of need (`根据工作需要`, `根据防汛需要`, but not
 * the basis a plan is drawn on, `根据经济社会发展的需要`), of the case (`必要时`, `视情况`), of means
 * (`有条件的地方`, `条件具备的`), or of effort and discretion (`尽可能`, `酌情`, `原则上`, `一般应当`: a rule with exceptions).
 */
const QUALIFIER = /一般(?=应当|应|不得|不)|根据[^，。；：的]{0,4}?需要|必要时|视情况?|根据情况|有条件的(?:地方)?|条件(?:允许|具备|成熟)(?:的|时)|具备条件的|尽(?:可能|量)|酌情|原则上/;

/**
 * A qualifier analyze reads as a modal word (`原则上`, like `一般`, a rule with exceptions) where the other
 * sentence has a modal word of the same force: the same hedge in other words (`一般不超过` → `原则上不超过`).
 */
function sameHedge(qualifier: RegExpExecArray, text: string, other: string): boolean {
  const hit = findMarkers(text).find((h) => h.index === qualifier.index);
  return hit !== undefined && findMarkers(other).some((h) => h.modality === hit.modality);
}

function compareQualifier(central: string, local: string): Detail | null {
  const c = QUALIFIER.exec(central);
  const l = QUALIFIER.exec(local);
  if (c && !l && !sameHedge(c, central, local)) return { effect: 'stronger', reason: `qualifier dropped ${c[0]}` };
  if (l && !c && !sameHedge(l, local, central)) return { effect: 'weaker', reason: `qualifier added ${l[0]}` };
  return null;
}

const NUMERAL = '[零〇一二两三四五六七八九十百千\\d]+';
/**
 * A time limit or a count a demand is held to: `三个月内`, `十五日前`, `会议期间`, `十人以上`,
 * `五分之一以上`, `不少于两次`. Plain numbers (article numbers, amounts) are not such a limit.
 */
const LIMIT = new RegExp([
  `${NUMERAL}个?(?:工作日|日|天|周|个月|月|年|小时|分钟)(?:[以之]?内|[以之]?前)`,
  `${NUMERAL}分之${NUMERAL}以上`,
  `${NUMERAL}(?:人|名|位)以上`,
  `(?:不少于|至少|不得少于|不低于|不得低于)${NUMERAL}`,
  `每(?:年|半年|季度|月|周|日|天|届)[^，。；]{0,12}?${NUMERAL}次`,
  // A duty done every year (`每年向社会公布`) or every day (`每日巡查`) is held to a schedule the central one leaves open.
  '每(?:年|半年|季度|月|周|日|天)(?!度)',
  // Before the act it times (`在会议期间负责答复`); one set off by a comma opens the sentence as its setting.
  '会议期间(?![，,])',
].join('|'), 'g');

/**
 * A limit the local text sets that the central sentence does not have at all. A counted limit that
 * a central sentence closer to the local answer states (`每届评选表彰一次`) belongs to that item: a
 * local sentence answering two merged clauses. One stated by a central sentence about something
 * else (`三个月内答复` beside `…研究处理情况应当向代表反馈`) is still a limit added here. A limit without
 * a number (`会议期间`) is too common to tell.
 */
function compareLimits(central: string, local: string, centralDocument: string): Detail | null {
  if (new RegExp(LIMIT.source).test(central)) return null;
  const elsewhere = statedElsewhere(central, local, centralDocument);
  const added = (local.match(LIMIT) ?? []).find((l) => !(new RegExp(NUMERAL).test(l) && elsewhere(l)));
  return added ? { effect: 'stronger', reason: `limit added ${added}` } : null;
}

/**
 * Whether a figure or limit the local answer writes is stated by a central sentence closer to that answer
 * (by the share of its words the answer has) than the item's own: the answer then restates that sentence
 * too (`严格禁止…超量、频繁采集` answered by the copy of the paragraph before it, `两次采集间隔期不少于六个月`),
 * and the figure is that sentence's, not one added to this item.
 */
function statedElsewhere(central: string, local: string, centralDocument: string): (written: string | RegExp) => boolean {
  const localWords = new Set(contentWords(local));
  const closeness = (sentence: string) => {
    const words = new Set(contentWords(sentence));
    return words.size ? [...words].filter((w) => localWords.has(w)).length / words.size : 0;
  };
  const own = closeness(central);
  return (written) => centralDocument.split(/[。；\n]/).some((s) => (typeof written === 'string' ? s.includes(written) : written.test(s)) && closeness(s) > own);
}

/** `及时`: promptly, a time the central text leaves to judgement. */
const PROMPTLY = /及时/;
/** `在原定举行…的时间前`: a fixed point in time the act must precede. */
const BEFORE = /在[^，。；]{2,30}(?:前|之前)/;

/** `立即报告`, `当日通知`, `当场出具`: at once, which leaves no judgement of what is prompt. */
const AT_ONCE = /立即|当即|即时|当日|当天|当场/;

/** A fixed time or `立即` the local text sets where the central one says only `及时`: that asks more. */
function compareTiming(central: string, local: string): Detail | null {
  const m = PROMPTLY.test(central) && !PROMPTLY.test(local) ? BEFORE.exec(local) ?? AT_ONCE.exec(local) : null;
  return m ? { effect: 'stronger', reason: `limit added ${m[0]}` } : null;
}

/**
 * A form or procedural step a demand can be held to, each with the words by which a central sentence
 * already asks it: in writing; signed or sealed; filed for the record, kept on file or copied to a
 * further body; shown to the public for objection (a central 公布/公开 asks as much); heard at a
 * hearing. Left out as ordinary paraphrase: 公告/公布 (publishing what the central text has published
 * anyway), 登记 (often the duty itself), 报告 (mostly the noun of 报告书).
 */
const STEPS: ReadonlyArray<[RegExp, RegExp]> = [
  [/书面/, /书面/],
  [/签字|签名/, /签字|签名|签署/],
  [/盖章|加盖/, /盖章|加盖/],
  [/备案/, /备案/],
  [/存档|归档|记入[^，。；]{0,8}?档案/, /存档|归档|档案/],
  [/抄送/, /抄送/],
  [/公示/, /公示|公布|公开|公告/],
  [/听证/, /听证/],
  [/(?:收回|收缴|注销)[^，。；]{0,10}?(?:证书|证件|执照|许可证)/, /收回|收缴|注销|吊销/],
];

/** A form or step the local answer requires and the central sentence does not (`书面请假`, `报上一级备案`). */
function compareSteps(central: string, local: string): Detail | null {
  const added = STEPS.filter(([, asked]) => !asked.test(central))
    .map(([step]) => step.exec(local))
    .filter((m) => m !== null)
    .sort((a, b) => a.index - b.index)[0];
  return added ? { effect: 'stronger', reason: `step added ${added[0]}` } : null;
}

/**
 * A threshold of harm a sanction waits for (`造成严重后果的`, `造成…严重失实`). `情节严重的` is left out: it
 * mostly grades a harsher sanction beside a milder one rather than gating the sanction.
 */
const SEVERITY = /(?:造成|产生|导致)[^，。；]{0,12}严重/;

/**
 * Without the threshold of harm the sanction applies sooner (asks more); with one added, later. A
 * threshold is dropped only when the answer's whole list lacks it: a lead-in may leave it to an item.
 */
function compareSeverity(central: string, local: string, context: string): Detail | null {
  const c = SEVERITY.exec(central);
  if (c && !SEVERITY.test(context)) return { effect: 'stronger', reason: `condition dropped ${c[0]}` };
  const l = SEVERITY.exec(local);
  if (l && !c) return { effect: 'weaker', reason: `condition added ${l[0]}` };
  return null;
}

/**
 * A lead-in that lists what a document must contain (`书面审查意见，应当包括下列内容：`) or the measures, duties
 * or requirements an act is held to (`应当采取以下水土流失防治措施：`). A lead-in of cases (`有下列情形之一的`,
 * `有下列行为之一的`) lists when a rule applies, not what it asks, and is left out.
 */
const LIST_LEAD = /(?:(?:包括|载明|写明)(?:下列|以下)(?:内容|事项)|(?:下列|以下)[^，。；：:]{0,10}?(?:措施|义务|职责|要求))[：:]\s*$/m;

/**
 * The local answer lists what a document must contain, or the measures a duty is met by, where the
 * central sentence names the document or the duty alone (`审查小组应当提出书面审查意见` → `…书面审查意见，
 * 应当包括下列内容：（一）…`; `应当采取水土保持措施` → `应当采取以下…措施：（一）…`): that asks more.
 */
function compareListing(central: string, local: string): Detail | null {
  return LIST_LEAD.test(local) && !/下列|以下[^，。；]{0,12}[：:]/.test(central) ? { effect: 'stronger', reason: 'contents listed' } : null;
}

/**
 * The least fine a penalty sets, in money or in multiples of the gains or value (`一万元以上`, `违法所得一倍以上`);
 * a fine with only a ceiling (`五万元以下`, `五倍以下`) has none.
 */
const FLOOR = new RegExp(`${NUMERAL}(?:万|千)?(?:元|倍)以上`);
const CEILING = new RegExp(`${NUMERAL}(?:万|千)?(?:元|倍)以下`);

/** A floor under a fine the local text sets and the central one does not (harsher), or drops (milder). */
function compareFloor(central: string, local: string): Detail | null {
  const c = FLOOR.exec(central);
  const l = FLOOR.exec(local);
  if (l && !c && CEILING.test(central)) return { effect: 'stronger', reason: `floor added ${l[0]}` };
  if (c && !l && CEILING.test(local)) return { effect: 'weaker', reason: `floor dropped ${c[0]}` };
  return null;
}

/** What a body is asked for when it approves or is consulted (`报国务院批准`, `征求…意见`); it closes the body's group. */
const ASKED = '[^，。；]{0,24}?)的?(?:批准|审批|核准|同意|意见)';
/** The approving or consulted body named above the acting one: a national or provincial organ, or the level above. */
const HIGHER_BODY = new RegExp(`((?:国务院|全国|省、自治区、直辖市|上一?级)${ASKED}`);
/** The same asked of the acting body's own level (`报本级人民政府批准`, `征求同级…部门的意见`). */
const OWN_LEVEL = new RegExp(`((?:同级|本级)${ASKED}`);
/** A provincial body acting: its own level is the province, the counterpart of a national organ (see applicability). */
const PROVINCIAL_ACTOR = /省(?!、自治区)[^，。；]{0,12}(?:人民政府|部门|机关|机构)/;

/**
 * The approving or consulted body lowered to the acting body's own level (`征求国务院野生动物保护主管部门
 * 意见` → `征求同级野生动物行政主管部门的意见`): a lower body checks the act. A provincial body that
 * asks its own level answers a national organ in kind.
 */
function compareApprover(central: string, local: string): Detail | null {
  const higher = HIGHER_BODY.exec(central);
  const own = OWN_LEVEL.exec(local);
  if (!higher || !own || HIGHER_BODY.test(local) || PROVINCIAL_ACTOR.test(local.slice(0, own.index))) return null;
  return { effect: 'weaker', reason: `approver ${higher[1]} → ${own[1]}` };
}

/** Lengths and areas (`五米至三百米内`) say where an act is done, not how much of it is asked. */
const PLACE_UNIT = /米|公里|顷|亩/;
/**
 * A span of time (`1年的试用期`, `工作满5年`), not a date (`4月21日`, `1997年`), an ordinal (`第三年`), the period
 * of a schedule (`每两年`), an age (`十八周岁`) or a limit (`三个月内`, `五日前`: compareLimits').
 */
const DURATION = new RegExp(`(?<![\\d零〇一二两三四五六七八九十百千年月每第])(${NUMERAL})个?(?:年|月|周|日|天|小时)(?![\\d零〇一二两三四五六七八九十]|[以之]?[内前后]|度|底|初|末|岁|生)`, 'g');
/** The month of a date a day ends (`4月21日至27日`). */
const DATE_BEFORE = /月[^，。；]{0,6}$/;
/** `每五年调查一次`, `每两年至少组织教师进行一次`: the count of a schedule, which is not read as a figure added. */
const SCHEDULE = /每[^，。；]{0,14}$/;

/**
 * The figures of a text (`五万元`, `3%`, `十五日内`, `1年的试用期`), not the numbers of the articles it cites
 * (`第十九条`), distances, the count of a schedule, `一个` used as `a` (`围绕一个重点议题`) or `一次性` (once, not a count).
 */
function figuresOf(text: string): Array<{ start: number; end: number; written: string }> {
  const deadlines = [...text.matchAll(RELATIVE_DEADLINES)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const quantities = findQuantities(text)
    .filter((q) => !deadlines.some((d) => q.start < d.end && q.end > d.start))
    .filter((q) => text[q.start - 1] !== '第' && !PLACE_UNIT.test(q.unit) && !(q.unit === '个' && q.value === 1))
    .filter((q) => !(q.unit === '次' && (SCHEDULE.test(text.slice(0, q.start)) || text[q.end] === '性')));
  const durations = [...text.matchAll(DURATION)]
    .filter((m) => (parseNumber(m[1]!) ?? 0) < 1000 && !(m[0].endsWith('日') && DATE_BEFORE.test(text.slice(0, m.index))))
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return [...quantities, ...deadlines, ...durations]
    .map((q) => ({ start: q.start, end: q.end, written: text.slice(q.start, q.end) }));
}

/**
 * A figure the local answer sets where the central sentence has none (`给予补助` → `每人每年补助二千元`):
 * that asks more. One inside a limit is compareLimits' to judge; one a central sentence closer to the
 * answer states belongs to that sentence (see statedElsewhere).
 */
function compareFigures(central: string, local: string, centralDocument: string): Detail | null {
  if (figuresOf(central).length > 0) return null;
  const limits = [...local.matchAll(LIMIT)].map((m) => [m.index, m.index + m[0].length] as const);
  const elsewhere = statedElsewhere(central, local, centralDocument);
  const added = figuresOf(local).find((q) => !limits.some(([from, to]) => q.start < to && q.end > from) && !elsewhere(q.written));
  return added ? { effect: 'stronger', reason: `figure added ${added.written}` } : null;
}

/**
 * A priority (`优先录取`), a fund set aside (`专项资金`, `专项经费`, `专款专用`), a service given free of
 * charge (`免费提供`) or a cost put in a government's budget (`将…经费纳入本级财政预算`): a commitment beyond the duty itself.
 */
const COMMITMENT = /优先|专项(?:资金|经费)|专款|免费|(?:纳入|列入)[^，。；]{0,8}?预算/g;
/** A budget, in whatever words it is named (`纳入本级财政预算`, `列入财政预算`). */
const BUDGET = /^(?:纳入|列入).*预算$/;
const BUDGETED = /(?:纳入|列入)[^，。；]{0,8}?预算/;

/**
 * A commitment the local answer gives and the central sentence does not: that asks more. A budget a central sentence
 * closer to the answer puts the cost in (`…并将残疾人事业经费列入财政预算`) is that sentence's (see statedElsewhere).
 */
function compareCommitment(central: string, local: string, centralDocument: string): Detail | null {
  const elsewhere = statedElsewhere(central, local, centralDocument);
  const budgeted = (w: string) => BUDGET.test(w) && (BUDGETED.test(central) || elsewhere(BUDGETED));
  const added = (local.match(COMMITMENT) ?? []).find((w) => !central.includes(w) && !budgeted(w));
  return added ? { effect: 'stronger', reason: `commitment added ${added}` } : null;
}

/**
 * `如实汇报`, `保证数据真实、准确、完整`: the act must be done truthfully and accurately, a manner the duty is
 * held to. The adjectives count only in the drafting formula that lists them, not alone (`准确把握`); `据实`
 * is left out, as it is also the inside of `根据实际`.
 */
const TRUTHFULLY = /如实|真实、准确|准确、完整|真实、完整/;

/** A duty the local answer asks to be done truthfully where the central sentence does not say so: that asks more. */
function compareManner(central: string, local: string): Detail | null {
  const m = TRUTHFULLY.exec(local);
  return m && !TRUTHFULLY.test(central) ? { effect: 'stronger', reason: `manner added ${m[0]}` } : null;
}

/** `遵循统筹协调、分类指导的原则`: principles the act must follow, a manner the duty is held to. */
const PRINCIPLES = /(?:遵循|坚持|贯彻)[^，。；]{1,24}?原则/;

/**
 * Principles the central sentence holds the act to that the local answer's clauses do not state
 * (`应当…遵循统筹协调、分类指导的原则编制` → `应当…会同同级有关部门编制`): the act is asked with less.
 */
function comparePrinciples(central: string, context: string): Detail | null {
  const m = PRINCIPLES.exec(central);
  return m && !/原则/.test(context) ? { effect: 'weaker', reason: `principle dropped ${m[0]}` } : null;
}

/** `按照规定`, `依照有关规定`: a local reference that does not say which rules. */
const UNNAMED_RULE = /(?:按照|依照|按)(?:有关)?规定/;
/**
 * A rule the central sentence names: `按照国务院的规定`, `依照本法第十九条`, `按照特许猎捕证、狩猎证规定的种类`.
 * `按照国家有关规定` names none.
 */
const NAMED_RULE = new RegExp(`(?:按照|依照|依据)(?!(?:国家)?(?:有关)?规定)[^，。；]{1,30}?(?:规定|${NAMES_ARTICLE.source})`);

/**
 * The local answer refers to rules it does not name where the central sentence names them
 * (`按照特许猎捕证、狩猎证规定的种类…进行猎捕` → `按照规定实施猎捕活动`): what binds is left open.
 */
function compareNamedRule(central: string, local: string): Detail | null {
  const named = NAMED_RULE.exec(central);
  const vague = UNNAMED_RULE.exec(local);
  return named && vague && !NAMED_RULE.test(local) ? { effect: 'weaker', reason: `rule unnamed ${named[0]} → ${vague[0]}` } : null;
}

/** What follows an amount that bounds a fine (`一万元` + `以上十万元以下的罚款`). */
const FINE_AFTER = /^(?:以[上下])?(?:[^，。；]{0,16}?以下)?的?罚款/;

/** Whether the amount written up to `end` bounds a fine: compareFineBounds compares it, not the judge's quantities. */
export function boundsFine(text: string, end: number): boolean {
  return FINE_AFTER.test(text.slice(end));
}

/** `50000元` → `5万元`: an amount as a reason writes it. */
function amountText(value: number, unit: string): string {
  return value >= 1e4 && value % 1e4 === 0 ? `${value / 1e4}万${unit}` : `${value}${unit}`;
}

/**
 * A fine's range compared bound by bound (`处一万元以上十万元以下罚款` → `处五千元以上五万元以下罚款`): a
 * lower bound asks less, a higher one more. A bound one side lacks is compareFloor's.
 */
function compareFineBounds(central: string, local: string): Detail[] {
  const c = parseFine(central);
  const l = parseFine(local);
  if (!c || !l || c.unit !== l.unit) return [];
  const out: Detail[] = [];
  for (const [bound, a, b] of [['min', c.min, l.min], ['max', c.max, l.max]] as const) {
    if (a === null || b === null || a === b) continue;
    out.push({ effect: b < a ? 'weaker' : 'stronger', reason: `fine ${bound} ${amountText(a, c.unit)} → ${amountText(b, l.unit)}` });
  }
  return out;
}

/** Kinds of terrain or natural region (`山区、丘陵区、风沙区`, `沿海`, `牧区`): where a duty applies, as geography has them. */
const TERRAIN = /^(?:山区|丘陵区?|风沙区|平原区?|高原|牧区|林区|草原|沿海(?:地区)?|海岛|湖区|库区|荒漠)$/;

/** Words that close a list after its `、`-joined items (`方法和期限`). */
const LIST_END = new Set(['和', '或者', '或', '及', '以及', '与']);

/** The closed `、`-joined lists of a text, each as its words (`发动、组织、参加` → 发动, 组织, 参加). */
function listsOf(text: string): string[][] {
  const tokens = cut(text);
  const out: string[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i + 1] !== '、') continue;
    const items = [tokens[i]!];
    let j = i + 1;
    while (tokens[j] === '、' || (LIST_END.has(tokens[j] ?? '') && items.length >= 2)) {
      const end = tokens[j] !== '、';
      items.push(tokens[j + 1] ?? '');
      j += 2;
      if (end) break;
    }
    i = j - 1;
    // `广播电台、电视台、外国驻华使馆等单位`: an open list names examples, and fewer examples narrow nothing.
    let k = j;
    while (k < tokens.length && !/^[，,。；;：:]$/.test(tokens[k]!) && tokens[k] !== '等') k++;
    if (tokens[k] !== '等') out.push(items.filter((w) => /\p{L}/u.test(w)));
  }
  return out;
}

/**
 * A list the local answer repeats with members left out (`发动、组织、参加` → `发动、组织`): fewer acts
 * prohibited, fewer bodies bound. The local list must share two members with the central one and
 * have none of its own, so it is the same list, shortened.
 */
function compareLists(central: string, local: string): Detail | null {
  const theirs = listsOf(local);
  for (const list of listsOf(central)) {
    const same = theirs.find((l) => l.every((w) => list.includes(w)) && l.length >= 2);
    // A kind of terrain (`风沙区`, `沿海地区`) the province does not have is left out of its list, not exempted from the duty.
    const dropped = same ? list.filter((w) => !local.includes(w) && !TERRAIN.test(w)) : [];
    if (dropped.length > 0) return { effect: 'weaker', reason: `listed ${dropped.join('、')} dropped` };
  }
  return null;
}

/**
 * Two things joined by 和 (`安全生产的责任制度和群防群治制度`): each side a phrase of its own, no list, example (`等`) or
 * clause inside, the first not the last member of a `、` list.
 */
const JOINED = /(?<=^|[，,。；;：:])([^，,。；;：:、和及与或]{4,24})(?:和|以及)([^，,。；;：:、和及与或等]{4,12})(?=[，,。；;：:]|$)/gm;

/** Share of a set of character pairs found in another. */
const shareOf = (grams: ReadonlySet<string>, other: ReadonlySet<string>): number => (grams.size ? [...grams].filter((g) => other.has(g)).length / grams.size : 1);

/**
 * One of two things the central sentence joins by 和 that the local answer keeps, while the other is found neither in the
 * answer nor in its clauses (`建立健全安全生产的责任制度和群防群治制度` → `建立健全安全生产责任制度`): less is asked, as
 * when a list loses members (compareLists). A local answer that joins things of its own there is reworded, not shortened.
 */
function comparePairMember(central: string, local: string, context: string): Detail | null {
  const answer = charGrams(lettersOf(local), 2);
  const around = charGrams(lettersOf(context), 2);
  for (const m of central.matchAll(JOINED)) {
    const kept = charGrams(lettersOf(m[1]!), 2);
    // What the other thing alone says (`群防群治`, not the `制度` both share).
    const other = new Set([...charGrams(lettersOf(m[2]!), 2)].filter((g) => !kept.has(g)));
    if (other.size < 2 || shareOf(kept, answer) < 0.5 || shareOf(other, around) >= 0.2) continue;
    const part = local.split(/[，,。；;：:]/).find((p) => shareOf(kept, charGrams(lettersOf(p), 2)) >= 0.5) ?? '';
    if (!/[、和及]/.test(part)) return { effect: 'weaker', reason: `listed ${m[2]} dropped` };
  }
  return null;
}

/** A sentence's topic, the things it is about (`对可能危及人身、财产安全的商品和服务，`): group 1 their kind, after the last 的. */
const TOPIC = /^对[^，。；]*的([^，。；的]{2,12})[，,]/;

/**
 * The local answer speaks of other things in the same frame (`对可能危及人身、财产安全的商品和服务，应当…警示` → `对可能危及
 * 消费者人身、财产安全的场所和设施，经营者应当…警示标识`): the central things, named nowhere in the answer, are left unbound.
 */
function compareTopic(central: string, local: string): Detail | null {
  const c = TOPIC.exec(central);
  const l = TOPIC.exec(local);
  if (!c || !l) return null;
  const ours = charGrams(lettersOf(c[1]!), 2);
  return shareOf(ours, charGrams(lettersOf(local), 2)) === 0 ? { effect: 'weaker', reason: `topic ${c[1]} → ${l[1]}` } : null;
}

/** A `、`-joined list's members; `open` when it names examples (`广播电台、电视台、外国驻华使馆等单位`). */
interface List {
  items: string[];
  open: boolean;
}

/**
 * The `、`-joined list naming who a duty binds, read by its characters in the part of the sentence before the first
 * modal word (`宾馆、商场…影剧院等经营场所的经营者，应当…`): its members, and `open` when it names examples (`…等`).
 * Members are cut at `、`, not by words: a word cut in two (`客运|场站`) is still one member.
 */
function bearerList(text: string): List | null {
  const first = findMarkers(text)[0];
  const chunk = first ? text.slice(0, first.index).split(/[，,；;：:]/).reverse().find((c) => c.includes('、')) : undefined;
  if (!chunk) return null;
  const members = chunk.split('、');
  const last = /^(.+?)(等|和|或者|以及|及)(.*)$/.exec(members.pop()!);
  if (!last || members.length === 0) return null;
  const open = last[2] === '等';
  const items = open ? [...members, last[1]!] : [...members, last[1]!, last[3]!.replace(/的.*$/, '')];
  return { items: items.map((x) => x.trim()).filter((x) => x.length > 0), open };
}

/**
 * A list of those a duty binds that the local answer repeats with more members (`宾馆、商场、餐馆、银行、机场、车站、
 * 港口、影剧院等经营场所的经营者` → `宾馆、商场、餐馆、银行、客运场站、影剧院、游泳池、洗浴室、健身房、游乐园、风景区等…`):
 * more addressees, which asks more. Both lists name the bearer (see bearerList) and share two members, so they are
 * the same list. A closed central list must be kept whole; one of examples (`…等`) is widened when the local one
 * names more than it does.
 */
function compareAddressees(central: string, local: string): Detail | null {
  const list = bearerList(central);
  const same = bearerList(local)?.items;
  if (!list || !same) return null;
  const kept = (w: string) => same.some((x) => x.includes(w));
  if (list.items.filter(kept).length < 2 || (list.open ? same.length <= list.items.length : !list.items.every(kept))) return null;
  const added = same.filter((x) => !list.items.some((w) => x.includes(w) || w.includes(x)));
  return added.length > 0 ? { effect: 'stronger', reason: `addressees added ${added.join('、')}` } : null;
}

/**
 * The local answer binds all kinds of a body (`本市各级各类学校和其他教育机构的教师`) where the central sentence names some
 * (`中小学教师和职业学校教师`): more addressees, which asks more. Read in the first part of each sentence, where the bearer stands.
 */
function compareAllKinds(central: string, local: string): Detail | null {
  const head = (s: string) => s.split(/[，,；;：:。]/)[0]!;
  const all = /各级各类|各类/.exec(head(local));
  return all && !/各级各类|各类|各级|所有|一切/.test(central) && /和|、|及/.test(head(central)) ? { effect: 'stronger', reason: `addressees widened ${all[0]}` } : null;
}

/**
 * The local answer binds only listed kinds of the central sentence's bearer (`经营者应当…` → `宾馆、商场、餐馆…等经营场所的
 * 经营者，应当…`): fewer addressees, which asks less. The central bearer is a plain name before the modal word.
 */
function compareKindsOnly(central: string, local: string): Detail | null {
  const bearer = (s: string) => {
    const modal = findMarkers(s).find((h) => h.modality === 'mandatory' || h.modality === 'prohibited');
    return modal ? s.slice(0, modal.index).split(/[，,；;：:]/).filter((x) => x.trim()).pop()?.trim() ?? null : null;
  };
  const theirs = bearer(central);
  const ours = bearer(local);
  if (!theirs || !ours || !/^\p{Script=Han}{2,8}$/u.test(theirs) || /[、和的]/.test(theirs)) return null;
  return ours.endsWith(`的${theirs}`) && ours.includes('、') ? { effect: 'weaker', reason: `addressees narrowed ${ours}` } : null;
}

/** `未附具的，…不予受理`: what befalls a party that does not do the act (group 1 its verb), set by the text itself. */
const CONSEQUENCE = /未(?:按照|依照|依法|经)?([^，。；]{2})[^，。；]{0,28}的，[^。；]{0,30}不予(?:受理|审批|批准|审查|登记|备案)/g;

/**
 * A consequence of not doing what the central sentence requires (its verb, `附具`) that the local
 * answer's clause sets and the central sentence does not: the duty is enforced, which asks more.
 */
function compareConsequence(central: string, context: string): Detail | null {
  if (new RegExp(CONSEQUENCE.source).test(central)) return null;
  const m = [...context.matchAll(CONSEQUENCE)].find((x) => central.includes(x[1]!));
  return m ? { effect: 'stronger', reason: `consequence added ${m[0]}` } : null;
}

/**
 * The differences of detail between a central sentence and its local answer. `companions`: the other
 * sentences of the answering clause that go with this item (`…必须经本单位负责人批准。申请书必须有…签字，
 * 并加盖单位公章。`); a step, a commitment or a manner they add counts, as it is spelled out beside the
 * answer, but not a limit or a time, which there mostly times another act of the clause, nor a commitment of a
 * companion that lays a duty of its own. `context`: the
 * whole clauses of the answer, for what a lead-in leaves to its list items. `reach`: those clauses with the
 * local sentences that bind the levels a narrower answer leaves out (see compareScope).
 */
export function compareDetail(central: string, local: string, centralDocument: string, companions = '', context = local, reach = context): Detail[] {
  const around = companions ? `${local}\n${companions}` : local;
  // A fund or priority in a companion that lays a duty of its own (`…人民政府应当划拨专项经费，办好…培训基地`) serves that duty.
  const qualifying = [local, ...companions.split('\n').filter((s) => s && !findMarkers(s).some((h) => h.modality === 'mandatory' || h.modality === 'prohibited'))].join('\n');
  return [compareScope(central, local, reach), compareQualifier(central, local), compareLimits(central, local, centralDocument), compareSteps(central, around), compareFloor(central, local), compareLists(central, local), compareTopic(central, local), comparePairMember(central, local, context), compareAddressees(central, local), compareAllKinds(central, local), compareKindsOnly(central, local), compareSeverity(central, local, context), compareTiming(central, local), compareListing(central, local), compareConsequence(central, context), compareNamedRule(central, local), compareCommitment(central, qualifying, centralDocument), compareManner(central, around), compareFigures(central, local, centralDocument), compareApprover(central, local), compareDefinition(central, local), compareAdvance(central, local), compareFurtherCase(central, local, around, context), comparePrinciples(central, context), compareBeyond(central, local), compareBound(central, local), compareQualification(central, local), compareSanctionForce(central, local), compareRefusal(central, local)]
    .filter((d): d is Detail => d !== null)
    .concat(compareFineBounds(central, local));
}

/**
 * `除了记载法律规定的内容外，还应当记载下列内容`: the local text asks what the law asks and then more, by its own words.
 */
const BEYOND = /除(?:了)?[^，。；]{0,20}?(?:法律|法规|本法|国家)[^，。；]{0,12}?(?:以外|之外|外)[，,]?(?:还|并|另)(?:应当|必须|须|应)/;

/** The local answer asks beyond the law's demand (see BEYOND) where the central sentence has no such extension: that asks more. */
function compareBeyond(central: string, local: string): Detail | null {
  const m = BEYOND.exec(local);
  return m && !BEYOND.test(central) ? { effect: 'stronger', reason: `beyond the law ${m[0]}` } : null;
}

/** What a scope or definition sentence is (`本法适用于…`, `…是指…`). */
const SCOPE_SENTENCE = /适用于|适用本|是指/;
/** A qualification someone must hold to fall under it (`具有教师资格`, `持有…证书`). */
const QUALIFICATION = /(?:具有|具备|取得|持有)[^，。；、]{1,10}?(?:资格|证书|资质)/;

/**
 * A scope or definition the local text repeats with a qualification its subjects must hold that the central one does not
 * ask (`本法适用于…专门从事教育教学工作的教师` → `适用本办法的教师是指…具有教师资格、专门从事教育教学工作的人员`):
 * fewer fall under it.
 */
function compareQualification(central: string, local: string): Detail | null {
  const m = QUALIFICATION.exec(local);
  return m && SCOPE_SENTENCE.test(central) && SCOPE_SENTENCE.test(local) && !QUALIFICATION.test(central) ? { effect: 'weaker', reason: `condition added ${m[0]}` } : null;
}

/** A level a demand may meet (`不低于`), or must exceed (`高于`). */
const AT_LEAST = /不低于|不少于|不得低于|不得少于/;
const ABOVE = /(?<![不得])(?:高于|多于)/;

/**
 * A level the central sentence lets the act meet that the local answer makes it exceed (`平均工资水平应当不低于或者高于
 * 国家公务员的平均工资水平` → `…高于国家公务员的平均工资水平`): that asks more.
 */
function compareBound(central: string, local: string): Detail | null {
  const c = AT_LEAST.exec(central);
  const l = ABOVE.exec(local);
  return c && l && !AT_LEAST.test(local) ? { effect: 'stronger', reason: `bound ${c[0]} → ${l[0]}` } : null;
}

/** What a definition says its term covers: the text after `是指` up to the sentence's end. */
const DEFINES = /是指([^。；]+)/;

/**
 * A definition the local text repeats with part of what it covers left out (`是指野生动物的整体（含卵、蛋）、
 * 部分及其衍生物` → `是指野生动物的任何部分及其衍生物`): the term covers less. Both define, the local one
 * keeps most of the central one's words, the words it lacks are found nowhere in its sentence, and it
 * adds fewer words of its own than it lacks (one that adds more is reworded, often wider).
 */
function compareDefinition(central: string, local: string): Detail | null {
  const c = DEFINES.exec(central);
  const l = DEFINES.exec(local);
  if (!c || !l) return null;
  const ours = new Set(contentWords(c[1]!));
  const theirs = new Set(contentWords(l[1]!));
  const whole = new Set(contentWords(local));
  const lacking = [...ours].filter((w) => !whole.has(w));
  const added = [...theirs].filter((w) => !ours.has(w));
  if (lacking.length === 0 || lacking.length * 2 >= ours.size || added.length >= lacking.length) return null;
  return { effect: 'weaker', reason: `definition narrowed ${lacking.join('、')}` };
}

/** A notice period before an event (`举行日期的五日前`, `开会七日以前`): the longer, the more is asked. */
const ADVANCE = new RegExp(`(${NUMERAL})\\s*个?(工作日|日|天|周|月|小时)(?:以前|之前|前)`);
const ADVANCE_DAYS: Record<string, number> = { 工作日: 7 / 5, 日: 1, 天: 1, 周: 7, 月: 30, 小时: 1 / 24 };

function advanceDays(text: string): { days: number; written: string } | null {
  const m = ADVANCE.exec(text);
  const n = m ? parseNumber(m[1]!) : null;
  return m && n !== null ? { days: n * ADVANCE_DAYS[m[2]!]!, written: m[0] } : null;
}

/**
 * A notice period lengthened or shortened (`举行日期的五日前` → `举行日期的三日前`): an act due earlier asks
 * more, one due later less; where a time limit counts forward (`十五日内`) more days ask less (see judge).
 */
function compareAdvance(central: string, local: string): Detail | null {
  const c = advanceDays(central);
  const l = advanceDays(local);
  if (!c || !l || c.days === l.days) return null;
  return { effect: l.days > c.days ? 'stronger' : 'weaker', reason: `notice ${c.written} → ${l.written}` };
}

/** `按前款规定重新申请`: a sentence applying the paragraph before it to a further case. */
const FORMER_PARAGRAPH = /(?:按照?|依照|参照)(?:前[一二两三]?款|本条第[一二三四五六七八九十]+款)(?:的)?规定/;
/**
 * A sentence of its own putting a further case under the whole local text (`单位为职工生活需要购买商品或者服务的，
 * 依照本办法规定执行`): the case opens it (not a breach, whose sanction this would be), and it closes on the text's rules.
 */
const FURTHER_CASE = /^(?!违反)[^，。；\n]{2,40}的，(?:依照|按照|参照)本(?:办法|条例|规定)(?:的)?规定执行(?=[。；]?$)/m;

/**
 * A sentence beside the answer that sets its own rule for a part of the cases the answer covers (`其中属于国家和省
 * 规定的三包商品的，在三包有效期限内由经营者承担…`).
 */
const SUB_CASE = /^其中[^，。；\n]{2,40}的，[^。；\n]{4,}/m;

/**
 * The local answer applies the procedure of the paragraph before it to a further case (`更换负责人必须按前款
 * 规定重新申请`), or a sentence beside it (`around`: the answer with its companions) puts a further case under the
 * local text (`单位为职工生活需要购买商品或者服务的，依照本办法规定执行`), or a sentence of the answer's clause sets
 * its own rule for a part of its cases (SUB_CASE), where the central sentence applies none: the demand reaches one
 * more case.
 */
function compareFurtherCase(central: string, local: string, around: string, context: string): Detail | null {
  const m = FORMER_PARAGRAPH.exec(local) ?? FURTHER_CASE.exec(around) ?? (/其中/.test(central) ? null : SUB_CASE.exec(context.replace(local, '\n')));
  return m && !FORMER_PARAGRAPH.test(central) && !/前款|本条/.test(central) ? { effect: 'stronger', reason: `case added ${m[0]}` } : null;
}

/** A sanction the text imposes (`处…罚款`, `没收…`, `吊销…`), group 1 `可以` when it only permits it. */
const SANCTION = /(可以)?(?:并)?(?:处(?:以)?[^，。；]{0,30}?罚款|没收[^，。；]{0,20}|吊销[^，。；]{0,20})/;

/**
 * A sanction imposed outright on one side and only permitted on the other (`处一万元以上五万元以下的罚款` → `可以处…罚款`):
 * the authority may now let the breach go, which asks less; the other way round it must sanction, which asks more.
 */
function compareSanctionForce(central: string, local: string): Detail | null {
  const c = SANCTION.exec(central);
  const l = SANCTION.exec(local);
  if (!c || !l || Boolean(c[1]) === Boolean(l[1])) return null;
  return { effect: l[1] ? 'weaker' : 'stronger', reason: `sanction ${c[1] ? '可以处' : '处'} → ${l[1] ? '可以处' : '处'}` };
}

/** A sanction that waits for the party to refuse to put things right (`拒不改正的`, `逾期不改正的`). */
const REFUSAL = /(?:逾期|拒不|仍不|继续)[^，。；]{0,4}?(?:改正|整改)的/;

/**
 * A sanction the local answer imposes only after an order to put things right is refused, where the central sentence
 * imposes it at once (`…责令改正，处五万元以下的罚款` → `…责令改正；拒不改正的，处…罚款`): the breach goes unpunished if corrected,
 * which asks less; one the local answer imposes at once where the central sentence waits for a refusal asks more.
 */
function compareRefusal(central: string, local: string): Detail | null {
  if (!SANCTION.test(central) || !SANCTION.test(local)) return null;
  const c = REFUSAL.exec(central);
  const l = REFUSAL.exec(local);
  if (c && !l) return { effect: 'stronger', reason: `condition dropped ${c[0]}` };
  if (l && !c) return { effect: 'weaker', reason: `condition added ${l[0]}` };
  return null;
}
