/**
 * Cues other than modal markers: commitments that are requirements without a marker
 * (`建立健全…机制`, `召开…会`, `X由Y制定`), the kind of a requirement, conditions, means and deadlines.
 * @module
 */
import { RELATIVE_DEADLINE } from './numbers.js';
import type { RequirementKind } from './types.js';

const COMMIT_VERB = '建立健全|建立和完善|建立完善|健全完善|完善和落实|制定和落实|建立|健全|完善|设立|实行|实施|落实|推行|制定|出台|修订';
const MECHANISM_NOUN = '机制|制度|办法|规定|细则|规则|体系|平台|档案|工作室|工作站|联络站|台账|通则|标准|机构|网络|党组织|责任制|条例';
const RULE_NOUN = '办法|规定|细则|规则|意见|方案|计划|条例|制度|程序';
const MEETING_NOUN = '会议|协商会|座谈会|交办会|恳谈会|通报会|报告会|联席会|全会|大会|常委会|专委会会|生活会|议政会|办会|到会';

/** Titles (`《…制定办法》`) say nothing about what to do; blank them before matching. */
export function blankTitles(text: string): string {
  if (!text.includes('《')) return text;
  return text.replace(/《[^》]*》/g, (t) => '□'.repeat(t.length));
}

export interface Commitment {
  word: string;
  index: number;
  rule: string;
}

const COMMIT_RE = new RegExp(
  // `实施意见` / `实施细则` are names of documents, not "implement…".
  String.raw`(?<!坚持和|坚持|不)(${COMMIT_VERB})(?!的|意见|细则|方案|办法)[^，,；;。]{0,60}?(${MECHANISM_NOUN}|${RULE_NOUN})`,
);
// `举行集会` is an assembly in the street, not a meeting.
const CONVENE_RE = new RegExp(String.raw`(召开|举行|举办)(?!的)[^，,；;。]{0,30}?(${MEETING_NOUN}|(?<!集)会)`);
const PASSIVE_RULE_RE = new RegExp(String.raw`(${RULE_NOUN})[^，,；;。]{0,4}由[^，,；;。]{1,20}?(制定|出台|修订)`);
/** `（名录，）由国务院生态环境主管部门制定并公布`: a statute assigning who makes the rule, the rule named before the comma. */
const BY_MAKER_RE = /^(?:具体办法)?由[^，,；;。]{2,40}?(制定)/;
const REFINE_RE = /加以细化|进一步细化|细化(?!的)/;
/** A character every commitment starts with or contains; most pieces have none and skip the rest. */
const COMMIT_HINT = /[建健完设实落推制出修召举细由]/;

/** A commitment that makes a piece a requirement without any modal marker. */
export function findCommitment(piece: string): Commitment | null {
  if (!COMMIT_HINT.test(piece)) return null;
  const text = blankTitles(piece);
  const candidates: Commitment[] = [];
  const c = COMMIT_RE.exec(text);
  if (c) candidates.push({ word: c[1] ?? '', index: c.index, rule: `commit:${c[1]}+${c[2]}` });
  const m = CONVENE_RE.exec(text);
  if (m) candidates.push({ word: m[1] ?? '', index: m.index, rule: `convene:${m[1]}` });
  const p = PASSIVE_RULE_RE.exec(text);
  if (p) candidates.push({ word: p[2] ?? '', index: p.index, rule: `passive:${p[1]}由…${p[2]}` });
  const b = BY_MAKER_RE.exec(text);
  if (b && !p) candidates.push({ word: b[1] ?? '', index: b.index, rule: 'passive:由…制定' });
  const r = REFINE_RE.exec(text);
  if (r) candidates.push({ word: r[0], index: r.index, rule: 'commit:细化' });
  return candidates.sort((a, b) => a.index - b.index)[0] ?? null;
}

/** Pieces that only set the scene for the next one: conditions and topics. */
const CONDITION_START = /^(?:对于?|根据|按照|依据|涉及|未经|凡|如果?|若|当|除|遇有|在[^，,]{0,30}(?:中|下|前|后|时|期间|面前|之前|之后)$)/;
/** Last characters of a condition: `…的`, `…时`, `…(之|以)前`, `…(之|以)后`, and `…期间` below. */
const CONDITION_LAST = new Set([...'的时前后'].map((ch) => ch.charCodeAt(0)));

/** True when a comma piece reads as a condition (`对…的`, `协商会议前`, `未经…`). */
export function isCondition(piece: string): boolean {
  return endsAsCondition(piece) || CONDITION_START.test(piece);
}

/** True when a piece ends as a condition does (`…的`, `…时`, `…前`, `…后`, `…期间`), whatever it starts with. */
export function endsAsCondition(piece: string): boolean {
  // The ending is checked by hand: a `…$` pattern is tried from every position of the piece.
  return CONDITION_LAST.has(piece.charCodeAt(piece.length - 1)) || piece.endsWith('期间');
}

/** `通过座谈会…等形式`: the means of an action, which must not decide its kind. */
const MEANS = /(?:通过|采取|以|采用|运用)[^，,；;。]{0,40}?(?:等)?(?:形式|方式|途径|手段)/g;

/** Ordered: the first kind whose cue matches wins (see corpus/gold/README.md). */
const KIND_CUES: ReadonlyArray<[RequirementKind, RegExp]> = [
  // Also what is drawn up as a rule for others to follow: measures, lists, catalogues and guides.
  ['rule_making', new RegExp(String.raw`(?:制定|出台|修订|起草)(?!的)[^，,；;。]{0,50}?(?:${RULE_NOUN}|措施|清单|名录|指南|目录)|(?:${RULE_NOUN})[^，,；;。]{0,4}由[^，,；;。]{1,20}?制定|(?:^|，)(?:具体办法)?由[^，,；;。]{2,40}?制定|细化`)],
  ['mechanism', new RegExp(String.raw`(?<!坚持和|坚持|不)(?:${COMMIT_VERB}|严格|执行)(?!的|意见|细则|方案|办法)[^，,；;。]{0,60}?(?:${MECHANISM_NOUN})`)],
  // Not the nouns `政务公开`, `公开认证`, `公示平台`/`公示系统` (a place things are disclosed, not the act).
  ['disclosure', /公开(?<!政务公开)(?!认证)|公示(?!平台|系统)|公布|公告/],
  ['meeting', new RegExp(String.raw`(?:召开|举行|举办|列席|出席|参加|安排|邀请)[^，,；;。]{0,30}?(?:${MEETING_NOUN})|列席|办会|到会`)],
  ['report', /汇报|请示|通报|反馈|抄送|报送|报批|(?:作|作出|进行|提交|向[^，,；;。]{1,15}?)[^，,；;。]{0,8}报告|(?:要|应|须|必须)[^，,；;。]{0,4}报告|报告工作/],
  ['training', /培训|学习|(?:主题|警示|纪律|党性|廉政|理想信念)教育/],
  // 审核, 抽查, 监控 as acts (`进行法制审核`, `审核…是否合法`, `…等方面的审核`), not naming a thing (`法制审核机构`).
  ['evaluation', /评估|考核|评价|评议|督查|检查|督办|考评|测评|点评|跟踪|(?:进行|做好|开展|严格)[^，,；;。]{0,6}?(?:审核|抽查|监控)|审核[^，,；;。]{0,30}?是否|的审核(?![^，,；;。]{0,2}(?:意见|程序|机构|人员|工作|目录|清单))/],
  // `报…备案`, `向…备案` is a report, unless an evaluation is what is filed (`组织后评价…并报…备案`).
  ['report', /(?:报|向)[^，,；;。]{1,30}?备案/],
];

/** A topic naming a meeting (`会议可以…`, `…专题协商会、协商座谈会等,应…`). */
const MEETING_TOPIC = new RegExp(String.raw`(?:${MEETING_NOUN})等?$`);

/**
 * The kind of a requirement from its text (conditions and means removed) and the topic before its
 * marker.
 */
export function classifyKind(body: string, topic: string, prohibited: boolean): RequirementKind {
  if (prohibited) return 'prohibition';
  const text = blankTitles(body).replace(MEANS, '');
  for (const [kind, re] of KIND_CUES) {
    if (kind === 'meeting' && MEETING_TOPIC.test(topic)) return 'meeting';
    if (re.test(text)) return kind;
  }
  return 'obligation';
}

const DEADLINE = new RegExp(String.raw`(?:\d{4}|[一二三四五六七八九〇零]{4}|X{1,4})\s*年(?:\s*\d{1,2}\s*月)?(?:底|末)?(?:前|以前|之前)|年底前|年内|限期|` + RELATIVE_DEADLINE.source);

/** A time limit stated in the text, as written. */
export function findDeadline(text: string): string | null {
  if (!/[年月日天限内]/.test(text)) return null;
  return DEADLINE.exec(text)?.[0] ?? null;
}
