/**
 * What reports and experience materials claim: quantified achievements in the passages that look
 * back (`一、X X 年工作回顾`, `一年来`), plans in those that look ahead (`二、X X 年工作安排`, `今年，我们将…`).
 * @module
 */
import { digitYear, YEAR_DIGITS } from '../entities/numerals.js';
import { findMarkers } from './markers.js';
import { findQuantities, parseNumber, units, type QuantityMatch } from './numbers.js';
import type { Block, Piece, Sentence } from './units.js';

export type Role = 'review' | 'plan' | 'problem' | 'proposal';

const PROPOSAL = /的建议|对策|建议与思考|几点建议/;
const PLAN = /工作安排|工作打算|工作思路|工作计划|工作要点|工作任务|主要任务|总体要求|主要目标|今年|明年|下一步|今后|新的一年/;
const PROBLEM = /存在问题|存在的问题|问题及原因|问题和不足|不足之处|困难和问题/;
const REVIEW = /回顾|一年来|过去|取得|成效|成绩|基本情况|主要工作|工作情况/;

/** `2010年`, `一九八五年`, `一九八○年`: a year as reports write it, Arabic or digit by digit. */
const YEAR = new RegExp(String.raw`(?:^|[^\d])((?:19|20)\d\d)\s*年|([${YEAR_DIGITS}]{4})\s*年`, 'g');

/** The years a text names. */
function yearsIn(text: string): number[] {
  const years: number[] = [];
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m; m = YEAR.exec(text)) years.push(digitYear(m[1] ?? m[2] ?? ''));
  return years;
}

/**
 * What a block of a report does, from the nearest heading that says so; looking back by default.
 * A heading that names the report's own year or a later one (`二、2010年主要任务` in the 2010
 * report) looks ahead; `一、2009年工作回顾` looks back.
 */
export function roleOf(block: Block, year: number | null): Role {
  for (const s of block.chain) {
    const h = `${s.heading}`;
    if (PROPOSAL.test(h)) return 'proposal';
    if (PLAN.test(h)) return 'plan';
    if (PROBLEM.test(h)) return 'problem';
    if (REVIEW.test(h)) return 'review';
    if (year !== null && yearsIn(h).some((y) => y >= year)) return 'plan';
  }
  return 'review';
}

/**
 * A sentence that announces what comes next, wherever it stands: `今年…`, `我们将…`, or a target
 * (`主要预期目标是：`, `力争…`) — a report's figures for the coming year are plans, not achievements.
 */
const PLAN_SENTENCE = /^(?:今年|明年|下一步|今后|新的一年|下一阶段)|我们将|预期目标|力争|争取/;
/** A verb of the future or a target after a year: `1957年的工业总产值比1956年将增长…`, `到一九八五年，粮食产量达到…`. */
const TARGET_VERB = /将|要|计划|预计|安排|达到|力争|争取|保证/;

/** What was done: a sentence saying so reports, whatever modal or year it holds (`已经…`, `达到了…1957年的指标`). */
const PAST = /已经|已|过去|(?:取得|达到|超过|完成|实现|增加|增长|提高|下降|减少)了/;
/** `将` as the future before a change (`农业总产值比1956年将增长…`), not as the object marker (`将X纳入…`). */
const FUTURE_CHANGE = /将(?:会)?(?:增长|增加|提高|达到|下降|减少|降低|超过|扩大|缩小|突破)/;
/** A sentence whose topic is a year (`1957年的国家预算收入比1956年增长…`, `2010年，…`). */
const OPENING_YEAR = new RegExp(String.raw`^\s*(?:((?:19|20)\d\d)|([${YEAR_DIGITS}]{4}))\s*年(?:度)?(?:的|，|,)`);

/**
 * What makes a sentence a plan: a cue word; a directive modal (`要`, `必须`, `应当`: a report's tasks
 * are stated as duties) in a sentence that does not tell what was done; or a target verb for the
 * report's year or a later one. Null when none.
 */
export function planCue(text: string, year: number | null): string | null {
  const cue = PLAN_SENTENCE.exec(text);
  if (cue) return cue[0];
  if (PAST.test(text)) return null;
  const duty = findMarkers(text).find((m) => m.aux && m.modality === 'mandatory');
  if (duty) return duty.word;
  const future = FUTURE_CHANGE.exec(text);
  if (future) return future[0];
  if (year === null) return null;
  // What the report's own year or a later one will bring, told of that year: its figures are targets.
  const topic = OPENING_YEAR.exec(text);
  if (topic && digitYear(topic[1] ?? topic[2] ?? '') >= year) return `${topic[1] ?? topic[2]}年`;
  if (!TARGET_VERB.test(text)) return null;
  const ahead = yearsIn(text).find((y) => y >= year);
  return ahead === undefined ? null : `${ahead}年`;
}

/**
 * A lead-in that announces measures or tasks to come (`国家计划…采取以下措施：`, `今年要做好下列工作：`):
 * the numbered items under it are plans, whatever their heading says. `采取了以下措施` reports.
 */
const LEAD_IN = /(?:以下|下列|如下|这样几|几)[^，,。；;了]{0,6}(?:措施|任务|工作|目标|要求|方面)\s*[：:]$/;
/** A lead-in looks ahead by a plan cue or by these verbs: `一年来，我们主要做了以下工作：` looks back. */
const LEAD_IN_AHEAD = /计划|准备|拟/;

/** What a report's reading carries from one sentence and block to the next. */
export interface ReportState {
  /** The year the report was given: what it says of that year and later looks ahead. */
  readonly year: number | null;
  /** Path of the block whose lead-in announced its items as plans (`采取以下措施：`). */
  planList: string | null;
}

/** Whether a block sits under the lead-in that made its items plans. */
function underPlanList(state: ReportState, block: Block): boolean {
  if (state.planList === null) return false;
  if (block.path.startsWith(`${state.planList}/`)) return true;
  state.planList = null;
  return false;
}

/** What a block of a report does: under a plan lead-in, a plan; else what its headings say. */
export function blockRole(state: ReportState, block: Block): Role {
  return underPlanList(state, block) ? 'plan' : roleOf(block, state.year);
}

/**
 * A sentence's plan cue; notes a lead-in that makes the block's numbered items plans. (Carrying a
 * cue through its paragraph was tried: it found a few more plans and as many false ones.)
 */
export function sentenceCue(state: ReportState, block: Block, text: string): string | null {
  const cue = planCue(text, state.year);
  if (block.path && LEAD_IN.test(text) && (cue || (LEAD_IN_AHEAD.test(text) && !PAST.test(text)))) state.planList = block.path;
  return cue;
}

/** `在 X 个牵头部门和 X 个配合部门积极努力下`: counts that set the scene. */
const FRAME = /^在.*(?:下|中)$/;
/** `区政协两名副主席分别…`: a count of the acting subject. */
const SUBJECT_COUNT_BEFORE = /(?:政协|党组|党委|政府|常委会|委员会)\s*$/;
const SUBJECT_COUNT_AFTER = /^\s*(?:副主席|主席|秘书长|领导|同志|负责人)/;
/** What ends a plan's or programme's name: a figure before it inside the piece belongs to the name. */
const PLAN_NAME_AFTER = /^[^，,；;。]*(?:计划|规划|方案|纲要)$/;
/** `五个多月`, `三个小时`: a span of time, not a count. */
const TIME_SPAN_AFTER = /^\s*[多半]?(?:月|小时|钟头|星期|礼拜|工作日)/;
/** What follows an age that modifies a noun: `80岁以上老年人`, `3岁以下婴幼儿`, `60岁的…`. */
const AGE_BOUND = /^\s*(?:及以上|及以下|以上|以下|左右)/;
const AGE_SCOPE_AFTER = /^的?[\u4e00-\u9fff]/;
/** `X 个方面`, `九个方面`: the scope of a list. */
const SCOPE_AFTER = /^\s*(?:方面|领域|维度|层面)/;

/** Whether a number+unit is a figure claimed, achieved or targeted (corpus/gold/README.md). */
function isClaim(text: string, q: QuantityMatch): boolean {
  const before = text.slice(0, q.start);
  const after = text.slice(q.end);
  if (/第\s*$|届\s*$/.test(before)) return false; // ordinals and sessions: 第十辑, 十五届二次全会
  if (/[“"]\s*$/.test(before) || /^\s*[“"]/.test(after)) return false; // slogans: “五个抓手”, 两个“着力点”
  if (q.unit === '次' && /^\s*(?:全会|会议|全体会议)/.test(after)) return false;
  if (q.unit === '个' && (SCOPE_AFTER.test(after) || TIME_SPAN_AFTER.test(after))) return false;
  // `80岁以上老年人`: an age that says whom a measure is for, not a figure reached (`寿命达到78.6岁`).
  if (q.unit === '岁' && AGE_SCOPE_AFTER.test(after.replace(AGE_BOUND, ''))) return false;
  // `实施两年新增4万亿元的投资计划`: the size named in a plan's title, not a result.
  if (PLAN_NAME_AFTER.test(after)) return false;
  // `一个` is mostly the indefinite article (`有一个大幅度的增长`), not a count.
  if (q.unit === '个' && text.startsWith('一个', q.start)) return false;
  if (SUBJECT_COUNT_BEFORE.test(before) && SUBJECT_COUNT_AFTER.test(after)) return false;
  return true;
}

export interface AchievementHit {
  piece: Piece;
  quantity: QuantityMatch;
  /** The piece without the count: what was achieved. */
  what: string;
}

/** Code-unit tables for the quick test below (the characters of the quantity pattern's numerals, gaps and units). */
function table(chars: string, also?: RegExp): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  if (also) for (let c = 0; c < t.length; c++) if (also.test(String.fromCharCode(c))) t[c] = 1;
  return t;
}
const NUMERAL_CHAR = table('0123456789X零〇一二两三四五六七八九十百千万');
const GAP_CHAR = table('余多几万亿', /\s/);
let unitChar: Uint8Array | undefined;
const SCALE_CHAR = table('万亿');
/** A CJK ideograph: what a scaled count without a measure word counts (`6069万农民`). */
const isHan = (code: number): boolean => code >= 0x4e00 && code <= 0x9fff;

/**
 * `百分之…`, `三分之一`, or a numeral or placeholder followed, after at most four spaces or `余多万亿`, by a unit: the cheap
 * test that lets most pieces skip the full pattern (a table scan; the regex took most of the time).
 */
function maybeQuantity(text: string): boolean {
  if (text.includes('分之')) return true;
  unitChar ??= table(units().map((u) => u[0]).join(''));
  for (let i = 0; i < text.length; i++) {
    if (!NUMERAL_CHAR[text.charCodeAt(i)]) continue;
    let j = i + 1;
    // Gap and unit characters are disjoint, so the longest run of gaps decides.
    let scaled = false;
    for (; j < text.length && j - i <= 5 && GAP_CHAR[text.charCodeAt(j)]; j++) if (SCALE_CHAR[text.charCodeAt(j)]) scaled = true;
    if (j - i <= 5 && (unitChar[text.charCodeAt(j)] || (scaled && (j === text.length || isHan(text.charCodeAt(j)) || '，,。；;'.includes(text[j] ?? ''))))) return true;
  }
  return false;
}

/** The figures a text claims (achieved or targeted): its quantities without ordinals, sessions, slogans and scopes. */
export function claimedFigures(text: string): QuantityMatch[] {
  return maybeQuantity(text) ? findQuantities(text).filter((q) => isClaim(text, q)) : [];
}

const A_YEAR = String.raw`(?:(?:19|20)\d\d|[${YEAR_DIGITS}]{4})`;
/** `从一九六六年到一九七六年的十一年中，…`: a sentence opening with the period its figures cover. */
const OPENING_PERIOD = new RegExp(String.raw`^\s*(?:从|自)?${A_YEAR}\s*年?\s*(?:到|至|—|－|-|～|~)\s*(${A_YEAR})\s*年`);

/**
 * History before the period under review: a sentence that opens with a span of years ending before
 * the year the report looks back on (the year before it was given). Its figures are no achievement.
 */
export function tellsEarlierHistory(text: string, year: number | null): boolean {
  const period = OPENING_PERIOD.exec(text);
  return year !== null && period !== null && digitYear(period[1] ?? '') < year - 1;
}

/** The years the five-year plans began (none for 1963–1965, the years of readjustment). */
const PLAN_STARTS = [1953, 1958, 1966, 1971, 1976, 1981, 1986, 1991, 1996, 2001, 2006, 2011, 2016, 2021, 2026];
/** `前三年`, `前4年`: the first years of the plan under way (not `提前一年`, nor `前一年`, the year before). */
const FIRST_YEARS = /(?<!提)前([二两三四五六七八九]|[2-9])年/;

/**
 * History before the year under review (the year before the report's): a piece on the first years of
 * the five-year plan under way that ended before it (`五年计划的前三年共增加了…`, in 1957 of a plan begun
 * in 1953); `“十一五”前四年累计…` in 2010 takes in the year reviewed and is kept.
 */
function firstYearsEarlier(text: string, year: number | null): boolean {
  const first = year === null ? null : FIRST_YEARS.exec(text);
  if (!first || year === null) return false;
  const reviewed = year - 1;
  const start = PLAN_STARTS.filter((y) => y <= reviewed).at(-1);
  const years = parseNumber(first[1] ?? '');
  return start !== undefined && reviewed - start < 5 && years !== null && start + years - 1 < reviewed;
}

/** Achievements of one sentence of a passage that looks back, in a report given in `year`. */
export function achievementsOf(sentence: Sentence, year: number | null = null): AchievementHit[] {
  const hits: AchievementHit[] = [];
  for (const part of sentence.parts) for (const piece of part) {
    const figures = claimedFigures(piece.text);
    if (!figures.length || FRAME.test(piece.text) || firstYearsEarlier(piece.text, year)) continue;
    for (const q of figures) {
      const what = (piece.text.slice(0, q.start) + piece.text.slice(q.end)).replace(/\s+/g, ' ').trim();
      hits.push({ piece, quantity: q, what });
    }
  }
  return hits;
}
