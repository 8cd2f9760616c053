/**
 * Who must act: the subject written before a marker (`区政协一般每年…` → 区政协), the agent of
 * `由X…`, or the subject at the start of a preceding comma piece (`区委召开…会议,应安排…` → 区委).
 * Things (`会议`, `提案复文`) are not actors.
 * @module
 */
import { cut } from '../segment/index.js';

/**
 * Words an actor ends with: bodies, offices, people and groups of this field and of statutes. A
 * lookbehind stands after its word (`局(?<![…]局)`, not `(?<![…])局`: the same matches), so that
 * the patterns below are not tried from every position with a lookbehind first.
 */
const AGENT_WORDS =
  '政协|党委|政府|党组|党组织|委员会|常委会|专委会|委员|常委|部门|单位|机构|机关|界别|主席|秘书长|同志|成员|办公室|' +
  '区委|县委|市委|省委|党员|干部|人员|召集人|提案者|党支部|组织(?<=\\S组织)|人大|法院|检察院|工商联|党派|人士|团体|街道|' +
  '小组|联席会议|乡镇|社区|各镇|办事处|国务院|公民|个人|负责人|任何人|外国人|申请人|当事人|代表人|参加人|警察|企业|' +
  '总署|局(?<![布格结大时全变开残骗饭棋]局)|厅|各地|地区|各方|自治区|直辖市|基金|银行|协会|学会|中心|窗口|海关|看守所|派出所|事务所|研究所|队(?!伍|列)|站|媒体|军|' +
  '学校|院校|学院|大学|医院|家庭|子女|父母|本市|本省|联合会|' +
  // Persons named by kinship or by standing: the parties of family and school law.
  '配偶|亲属|兄弟姐妹|祖父母|孙子女|教师|学生|职工|居民|村民|' +
  // Offices and boards of an organisation, the parties of a contract, members by function (驾驶员).
  '校长|院长|理事长|会长|主任|组长|行长|站长|局长|厅长|部长|省长|市长|县长|区长|乡长|镇长|村长|社长|' +
  '理事|董事|监事|董事会|理事会|监事会|工会|商会|律师|员|' +
  '双方|对方|一方|承包方|发包方|甲方|乙方|当事方|出租方|承租方|委托方|受托方';
/** `…残疾人福利企业和社会福利机构等`: a list of bodies closed by `等` names them all. */
const AGENT_END = new RegExp(`(?:${AGENT_WORDS}|国家|代表)[)）]?等?$`);
/**
 * All of a phrase AGENT_END can read: its longest word (4 characters), `）等`, and the character a
 * lookbehind reads before a word, with room to spare. A `…$` pattern is tried from every position,
 * so it is given only the phrase's end.
 */
const AGENT_END_READS = 12;
const endsWithAgentWord = (s: string): boolean => AGENT_END.test(s.length > AGENT_END_READS ? s.slice(-AGENT_END_READS) : s);
/**
 * The same words anywhere, for the subject at the start of a piece that goes on without a break;
 * not `国家` nor `代表`, which there mostly modify (`国家重点保护野生动物`, `人民代表大会`).
 */
const AGENT_WORD = new RegExp(`(?:${AGENT_WORDS})[)）]?`, 'g');

/**
 * Words that end a subject: verbs and prepositions that start the predicate; not a verb made a role
 * noun by 者 or 人 (`民办学校的举办者`, `参加人`).
 */
const PREDICATE_START =
  /(?:在(?<!(?:所|存|现|实|正)在)|对(?!口|应)|未经|把|将|向|以(?!及|上|下|外|内)|通过|根据|按照|依据|围绕|召开|举行|举办|邀请|参加|列席|出席|安排|开展|听取|推荐|提出|协调|配合|做好|加强|建立|健全|完善|落实|实行|实施|征求|发挥|坚持|接受|明确|加大|增加|提高|推动|推进|规范|深化|强化|注重|重视|支持|引导|促进|确定|到|涉及|会同|联合(?!会)|采取|制定|作为|报请|依法|是|要|应|可|须|必须|一般|每年|每届|任期内|至少|及时|认真|切实|主动|积极|定期|进一步|逐步|视情|适时|确保|做到|严格|坚决)(?!者|人(?!民))/;

/** Adverbs between a subject and its marker (`区政协一般每年` …). */
const ADVERB_TAIL =
  /(?:一般|原则上|每年度?|每届任期内|每届|届内|任期内|每季度|每半年|每月|至少|都|均|也|还|将|及时|认真|切实|主动|积极|定期|进一步|逐步|需|并|同时|要|应|可|之间|相互|互相)$/;

/** `有盲人参加的，…`: a condition that some are there names no one who must act (`有负担能力的子女` does). */
const EXISTENTIAL = /^(?:有|没有|无)(?!关|些|的)[^，,；;。]*的$/;

/** Words for nobody in particular, though they end like a role (`其他人`). */
const NOBODY = new Set(['他人', '其他人', '别人', '或者', '前者', '后者', '老人', '本人']);

/**
 * A person or party named by role (`物业服务人`, `监护人`, `经营者`, `互联网服务提供者`): the phrase's last
 * word, as the dictionary knows it, is a word of two or more characters ending in 人 or 者.
 */
function endsWithRole(s: string): boolean {
  const last = s.at(-1);
  if (last !== '人' && last !== '者') return false;
  const words = cut(s);
  const word = words.at(-1) ?? '';
  if (word.length === 1) {
    // `扶养` + `人`: a verb of two characters or more made a role noun (扶养人, 经营者).
    const before = words.at(-2) ?? '';
    return before.length >= 2 && !NOBODY.has(before + word) && !/的$/.test(before);
  }
  return word.length >= 2 && !NOBODY.has(word);
}

/**
 * An opening that makes the phrase no subject: an exception (`除新闻媒体`), the body whose approval a
 * condition needs (`经国务院批准`), a cause (`由于…单位`), or a conjunction before a verb (`并组织`).
 */
const NOT_SUBJECT = /^(?:除|非经|经(?!营|济|销|理|办|贸|纪)|由于|并(?!购))/;

/** Whether a phrase names a body, office, person or group (by its last word). */
export const isAgent = (s: string): boolean => !NOT_SUBJECT.test(s) && (endsWithAgentWord(s) || endsWithRole(s));

/**
 * The subject at the start of `text` (the words before a marker, or a whole preceding piece).
 * `afterCopula`: in the marker's own piece, `A是B必须…` makes B the subject.
 */
export function subjectOf(text: string, afterCopula: boolean): string | null {
  let pre = text.trim();
  if (afterCopula && pre.includes('是')) pre = pre.slice(pre.lastIndexOf('是') + 1);
  for (let prev = ''; prev !== pre; ) {
    prev = pre;
    pre = pre.replace(ADVERB_TAIL, '').trim();
  }
  if (!pre || EXISTENTIAL.test(pre)) return null;
  const stop = PREDICATE_START.exec(pre);
  const head = stop ? pre.slice(0, stop.index).trim() : pre;
  if (!head || !isAgent(head) || (stop && pre[stop.index] === '的')) return null;
  return distributive(head).replace(/^其(?!他)/, '');
}

/** What may follow a body's name within one longer name: `人民政府有关部门`, `部门及其…`, `机关和…`. */
const NAME_GOES_ON = /^(?:有关|及其|所属|相关|等|各|或者|或|和|及|与|、|的|[)）])/;
const AGENT_NEXT = new RegExp(`^(?:${AGENT_WORDS})`);

/**
 * The subject that opens a piece running on into its predicate (`主管机关接到报告后`,
 * `外国人未经主管机关批准`, `接受委托为建设单位编制…的技术单位`): the shortest opening that ends
 * with a body and is a noun phrase — no predicate in it but inside a `…的` modifier. `clause`: the
 * text is all that stands before a marker, so a body followed by `…的` only modifies the subject
 * (`建设单位报批的环境影响报告书应当…`).
 */
export function leadingSubject(text: string, clause = false): string | null {
  if (EXISTENTIAL.test(text.trim()) || NOT_SUBJECT.test(text.trim())) return null;
  AGENT_WORD.lastIndex = 0;
  for (let m = AGENT_WORD.exec(text); m; m = AGENT_WORD.exec(text)) {
    const end = m.index + m[0].length;
    // `残疾人联合会…`: a body's word that goes on into another is part of its name.
    if (NAME_GOES_ON.test(text.slice(end)) || AGENT_NEXT.test(text.slice(end)) || (clause && text.includes('的', end))) continue;
    const subject = text.slice(0, end).trim();
    const head = subject.slice(subject.lastIndexOf('的') + 1);
    if (!PREDICATE_START.test(head)) return subject.replace(/^其(?!他)/, '') || null;
  }
  return null;
}

/** A level written before `各级…` belongs to the name: `县级以上的地方各级人民代表大会代表`. */
const LEVEL_BEFORE = /(?:的|以上|以下|地方)$/;

/** `具体工作程序各镇(街道)`: a topic, then the distributive subject that acts. */
function distributive(subject: string): string {
  const at = subject.indexOf('各');
  const before = subject.slice(0, at);
  // `银担合作各方`: the parties to what is named before, one name.
  return at > 0 && !isAgent(before) && !LEVEL_BEFORE.test(before) && !subject.endsWith('各方') ? subject.slice(at) : subject;
}

const BY_AGENT =
  /由(?<![自理经缘]由)([^，,；;。]{1,24}?)(?=交办|研究|沟通|通过|提出|制定|联合|负责|采取|组织|召开|确定|参加|牵头|审议|决定|进行|办理|统一|依照|参照|召集)/;

/** A rule's name as the cue of `X由Y制定` (the passive commitment starts at it). */
const RULE_MADE = /^(?:办法|规定|细则|规则|意见|方案|计划|条例|制度|程序)$/;

/** Words that may stand between a cue and its `由X` without making 由 part of an object. */
const BARE_GAP = /可以|可|应当|应|须|必须|一般|原则上|每年度?|每届任期内|每届|届内|任期内|每季度|每半年|每月|先|也|还|均|都|并|\s/g;

/**
 * The agent of `由X…` when 由 stands right after the cue at `from` (`可由X…`, `每年由X…`, `计划由X制定`);
 * a 由 further on belongs to an object (`召开由X参加的恳谈会`), and so does one after a verb whose
 * phrase ends in a `…的` modifier (`佩戴由主管机关统一制发的标志`). Without a verb this module
 * knows after X, the subject that opens what follows 由 (`由其负责人持…`).
 */
export function agentOfYou(text: string, from: number): string | null {
  const m = BY_AGENT.exec(text);
  const agent = m?.[1]?.trim().replace(/^其(?!他)/, '');
  if (!m || !agent || !isAgent(agent)) {
    const at = text.indexOf('由', from);
    return at >= 0 && at - from <= 6 && !text.slice(from, at).replace(BARE_GAP, '') ? leadingSubject(text.slice(at + 1), true) : null;
  }
  if (m.index - from > 6) return null;
  const gap = text.slice(from, m.index).replace(BARE_GAP, '');
  // `具体办法由省…参照本法第二章的规定制定`: the rule named right before 由 is what X makes, whatever 的 follows.
  if (gap && !RULE_MADE.test(gap) && text.includes('的', m.index + m[0].length)) return null;
  return agent;
}
